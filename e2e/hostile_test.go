package e2e

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

const esc = "\x1b"

// hostile is text that tries to reach the terminal as control sequences,
// each with the bytes that would show it got through: the sequence's own
// introducer followed by its distinctive payload, never something rapport
// or Bubble Tea draws themselves.
var hostile = []struct{ name, text, leak string }{
	{"CSI colour", esc + "[38;5;196mREDEVIL" + esc + "[0m", esc + "[38;5;196mREDEVIL"},
	{"CSI clear", esc + "[2J" + esc + "[HCLEAREVIL", esc + "[HCLEAREVIL"},
	{"OSC 52 clipboard", esc + "]52;c;SE9TVElMRQ==\a", esc + "]52;c;SE9TVElMRQ"},
	{"OSC 8 link", esc + "]8;;http://evil.example/\aclick" + esc + "]8;;\a", esc + "]8;;http://evil"},
	{"OSC title", esc + "]0;EVILTITLE" + esc + "\\", esc + "]0;EVILTITLE"},
	{"DCS", esc + "Pevil-dcs" + esc + "\\", esc + "Pevil-dcs"},
	{"APC", esc + "_evil-apc" + esc + "\\", esc + "_evil-apc"},
	{"C1 CSI", "\u009b31mC1EVIL", "\u009b31mC1EVIL"},
	{"C1 OSC", "\u009d52;c;QzFPU0M=\a", "\u009d52;c;"},
	{"NUL", "nul\x00byte", "nul\x00byte"},
	{"entity OSC 52", "&#27;]52;c;RU5USVRZ&#7;", esc + "]52;c;RU5USVRZ"},
	{"hex entity CSI", "&#x1b;[38;5;196mHEXEVIL", esc + "[38;5;196mHEXEVIL"},
	{"named-ish entity", "&#x9b;31mC1ENTITY", "\u009b31mC1ENTITY"},
	{"bidi override", "abc\u202edcba\u2066iso\u2069", "\u202edcba"},
	{"wide", "漢字かな🙂 e\u0301", ""},
}

// structure is text that tries to change an exported Markdown document's
// shape: a heading, a fence, a table and a rule at the start of a line.
const structure = "# Not a heading\n```\nnot a fence\n| a | b |\n|---|---|\n---\n<script>alert(1)</script>"

// deep is nesting that costs a Markdown renderer dearly if it recurses.
func deep() string {
	var b strings.Builder
	b.WriteString(strings.Repeat("> ", 300) + "deep quote\n")
	for i := range 200 {
		b.WriteString(strings.Repeat("  ", i) + "- level " + strconv.Itoa(i) + "\n")
	}
	b.WriteString(strings.Repeat("[", 5000) + strings.Repeat("*", 5000) + "\n")
	return b.String()
}

// hostileText joins every payload, the structure and the nesting.
func hostileText() string {
	var parts []string
	for _, h := range hostile {
		parts = append(parts, h.name+": "+h.text)
	}
	return strings.Join(parts, "\n") + "\n" + structure + "\n" + deep()
}

// assertNoLeak fails if out holds a sequence that came from hostile text.
func assertNoLeak(t *testing.T, where string, out []byte) {
	t.Helper()
	for _, h := range hostile {
		if h.leak != "" && bytes.Contains(out, []byte(h.leak)) {
			t.Errorf("%s: %s reached the terminal (%q)", where, h.name, h.leak)
		}
	}
	if bytes.Contains(out, []byte("goroutine ")) || bytes.Contains(out, []byte("internal error")) {
		t.Errorf("%s: a panic:\n%s", where, tail(out, 1500))
	}
}

// assertShown fails unless the hostile text was drawn at all (defused), so
// that assertNoLeak proves something.
func assertShown(t *testing.T, where string, out []byte) {
	t.Helper()
	for _, word := range []string{"REDEVIL", "CLEAREVIL", "C1EVIL"} {
		if !bytes.Contains(out, []byte(word)) {
			t.Errorf("%s: %q never drawn: the hostile text did not reach the screen, so no leak was tested", where, word)
		}
	}
}

// assertStructure fails if hostile text made headings, fences or tables in
// an exported Markdown document.
func assertStructure(t *testing.T, md string) {
	t.Helper()
	for line := range strings.SplitSeq(md, "\n") {
		switch strings.TrimSpace(line) {
		case "# Not a heading", "```", "| a | b |", "<script>alert(1)</script>":
			t.Errorf("exported Markdown has the hostile line %q as structure", line)
		}
	}
	if strings.Contains(md, esc) || strings.Contains(md, "\x00") {
		t.Errorf("exported Markdown holds an escape or NUL byte")
	}
}

// seedSession makes a session in h by typing one letter, and returns its
// JSON export as a generic document.
func seedSession(t *testing.T, h home, client string) map[string]any {
	t.Helper()
	tm := newSession(t, h, client)
	typeAndSee(t, tm, "x")
	tm.write([]byte{3})
	if err := tm.wait(15 * time.Second); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := h.run(t, "export", client, "--format", "json")
	if err != nil {
		t.Fatalf("export: %v %s", err, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestHostileImport imports a JSON export whose client, answers and
// playbook snapshot are hostile, then lists, opens (with a resize storm),
// shows and exports it: no sequence from the text reaches the terminal,
// nothing panics, and the exported Markdown keeps its structure.
func TestHostileImport(t *testing.T) {
	needBinary(t)
	doc := seedSession(t, newHome(t), "Seed")
	s := doc["session"].(map[string]any)
	text := hostileText()
	s["client"] = "Evil " + hostile[2].text + hostile[0].text + " Co"
	s["answers"] = map[string]any{
		firstPrompt: map[string]any{"prompt": firstPrompt, "state": "answered", "text": text},
	}
	pb := s["playbook"].(map[string]any)
	pb["title"] = "Playbook " + hostile[3].text
	ph := pb["phases"].([]any)[0].(map[string]any)
	ph["title"] = "Phase " + hostile[4].text
	ph["tips"] = []any{"Tip " + hostile[5].text + structure}
	pr := ph["prompts"].([]any)[0].(map[string]any)
	pr["question"] = "Question " + hostile[10].text + hostile[13].text
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	h := newHome(t)
	file := filepath.Join(h.dir, "hostile.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, err := h.run(t, "import", file); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	id := s["id"].(string)

	out, errOut, err := h.run(t, "list")
	if err != nil {
		t.Fatalf("list: %v %s", err, errOut)
	}
	assertNoLeak(t, "list", []byte(out))

	tm := h.start(t, 30, 100, nil, "open", id)
	tm.mustSee(0, "TYPING", 20*time.Second)
	resizeStorm(t, tm, 100)
	typeAndSee(t, tm, "y")
	tm.write([]byte{3})
	if err := tm.wait(15 * time.Second); err != nil {
		t.Errorf("open: %v", err)
	}
	assertNoLeak(t, "open", tm.output())

	tm = h.start(t, 30, 100, nil, "show", "--no-pager", id)
	if err := tm.wait(30 * time.Second); err != nil {
		t.Errorf("show: %v\n%s", err, tail(tm.output(), 600))
	}
	assertNoLeak(t, "show", tm.output())
	assertShown(t, "show", tm.output())

	for _, aud := range []string{"client", "internal"} {
		md, errOut, err := h.run(t, "export", id, "--audience", aud)
		if err != nil {
			t.Fatalf("export: %v %s", err, errOut)
		}
		assertStructure(t, md)
		if !strings.Contains(md, "level 199") || !strings.Contains(md, "漢字かな🙂") {
			t.Errorf("export (%s) lost text: deep nesting or wide characters missing", aud)
		}
	}
}

// TestImportDeepJSON: a JSON file nested far deeper than any export fails
// to import with one line, no panic.
func TestImportDeepJSON(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	file := filepath.Join(h.dir, "deep.json")
	body := `{"format":"rapport.session","version":1,"x":` + strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000) + "}"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := h.run(t, "import", file)
	if err == nil {
		t.Fatal("a deeply nested file imported")
	}
	if lines := strings.Split(strings.TrimSpace(errOut), "\n"); len(lines) != 1 || strings.Contains(errOut, "goroutine") {
		t.Errorf("import said %q, want one line", errOut)
	}
}

// TestHostilePasteAndTyping pastes every payload and 1 MB of text, and
// types entities and bidi characters key by key: nothing leaks, the screen
// keeps answering, and the whole paste is saved, not cut.
func TestHostilePasteAndTyping(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	tm := newSession(t, h, "Paste")
	paste := func(s string) { tm.write([]byte(esc + "[200~" + s + esc + "[201~")) }
	var payloads []string
	for _, h := range hostile {
		payloads = append(payloads, h.text)
	}
	paste(strings.Join(payloads, " "))
	typeAndSee(t, tm, "&#27;]52;c;VFlQRUQ=&#7; abc\u202edcba 漢字")
	assertShown(t, "paste", tm.output())
	paste("\n" + structure + "\n" + deep())
	big := strings.Repeat("0123456789abcdef ", 1<<20/17+1)[:1<<20]
	paste(big)
	typeAndSee(t, tm, "end")
	tm.write([]byte{3})
	if err := tm.wait(30 * time.Second); err != nil {
		t.Errorf("quit: %v", err)
	}
	assertNoLeak(t, "paste", tm.output())
	got := h.export(t, "Paste").Session.Answers[firstPrompt].Text
	if !strings.Contains(got, big) {
		t.Errorf("the 1 MB paste was not saved whole (answer is %d bytes)", len(got))
	}
	md, _, err := h.run(t, "export", "Paste")
	if err != nil {
		t.Fatal(err)
	}
	assertStructure(t, md)
}

// TestHostilePlaybook: a user playbook whose titles, goal, tips, question
// and help carry escape sequences: listing, showing and running it leak
// nothing.
func TestHostilePlaybook(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	if _, errOut, err := h.run(t, "playbooks", "new", "hostile"); err != nil {
		t.Fatalf("playbooks new: %v %s", err, errOut)
	}
	file := filepath.Join(h.dir, "cfg", "rapport", "playbooks", "hostile.yaml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	q := func(i int, prefix string) string { return strconv.Quote(prefix + hostile[i].text) }
	y := string(b)
	for old, repl := range map[string]string{
		`title: "Hostile"`: "title: " + q(2, "Evil playbook "),
		"summary: One or two lines shown when choosing a playbook.":                       "summary: " + q(3, "Summary "),
		"title: Understand the context":                                                   "title: " + q(0, "Phase "),
		"goal: Who they are, whom they serve, where the work stands.":                     "goal: " + q(5, "Goal "),
		"- Ask, then stay silent.":                                                        "- " + q(6, "Tip "),
		"question: Who do you serve, and what value do you give them?":                    "question: " + q(7, "Question "),
		"help: For you, under the question while you type; hidden while presenting.":      "help: " + q(13, "Help "),
		"listen_for: Names and a recent example; a job title alone is not an answer yet.": "listen_for: " + q(1, "Listen "),
		`probes: ["Who came to you most recently?", "What did they need?"]`:               "probes: [" + q(4, "Probe ") + ", " + q(8, "Probe ") + "]",
	} {
		if !strings.Contains(y, old) {
			t.Fatalf("the playbook scaffold changed: no %q in it", old)
		}
		y = strings.Replace(y, old, repl, 1)
	}
	if err := os.WriteFile(file, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"playbooks", "list"}, {"playbooks", "show", "hostile"}, {"playbooks", "validate", file}} {
		out, errOut, _ := h.run(t, args...)
		assertNoLeak(t, strings.Join(args, " "), []byte(out+errOut))
	}
	tm := h.start(t, 30, 100, nil, "new", "--client", "Acme", "--playbook", "hostile")
	tm.mustSee(0, "TYPING", 20*time.Second)
	typeAndSee(t, tm, "answer")
	tm.write([]byte{3})
	if err := tm.wait(15 * time.Second); err != nil {
		t.Errorf("run: %v\n%s", err, tail(tm.output(), 600))
	}
	assertNoLeak(t, "runner", tm.output())
	if !bytes.Contains(tm.output(), []byte("C1EVIL")) {
		t.Errorf("the hostile question was never drawn, so no leak was tested")
	}
	md, _, err := h.run(t, "export", "Acme", "--audience", "internal")
	if err != nil {
		t.Fatal(err)
	}
	assertStructure(t, md)
}

// TestTinyTerminalsAndResizeStorm: the runner started on a 1x1 and a 20x6
// terminal, then a storm of resizes down to 1x1 and up to 300x100, still
// takes typing, saves it and quits cleanly.
func TestTinyTerminalsAndResizeStorm(t *testing.T) {
	needBinary(t)
	for _, size := range [][2]uint16{{1, 1}, {6, 20}} {
		t.Run(strconv.Itoa(int(size[1]))+"x"+strconv.Itoa(int(size[0])), func(t *testing.T) {
			h := newHome(t)
			tm := h.start(t, size[0], size[1], nil, "new", "--client", "Tiny", "--playbook", "customer-discovery")
			// The alternate screen is entered once the terminal is raw.
			tm.mustSee(0, esc+"[?1049h", 20*time.Second)
			tm.write([]byte("typed "))
			resizeStorm(t, tm, 300)
			tm.write([]byte("small"))
			if err := pty.Setsize(tm.pty, &pty.Winsize{Rows: size[0], Cols: size[1]}); err != nil {
				t.Fatal(err)
			}
			tm.write([]byte{3})
			if err := tm.wait(20 * time.Second); err != nil {
				t.Errorf("quit: %v\n%s", err, tail(tm.output(), 600))
			}
			assertNoLeak(t, "tiny", tm.output())
			if got := h.export(t, "Tiny").Session.Answers[firstPrompt].Text; got != "typed small" {
				t.Errorf("saved %q, want %q", got, "typed small")
			}
		})
	}
}

// resizeStorm resizes the terminal n times to random sizes, tiny ones
// included, as fast as the kernel takes them.
func resizeStorm(t *testing.T, tm *term, n int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	sizes := [][2]uint16{{1, 1}, {6, 20}, {0, 0}, {2, 300}, {100, 1}}
	for i := range n {
		ws := &pty.Winsize{Rows: uint16(1 + rng.IntN(100)), Cols: uint16(1 + rng.IntN(300))}
		if i%5 == 0 {
			s := sizes[rng.IntN(len(sizes))]
			ws = &pty.Winsize{Rows: s[0], Cols: s[1]}
		}
		if err := pty.Setsize(tm.pty, ws); err != nil {
			t.Fatal(err)
		}
	}
	if err := pty.Setsize(tm.pty, &pty.Winsize{Rows: 30, Cols: 100}); err != nil {
		t.Fatal(err)
	}
}
