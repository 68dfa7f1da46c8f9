package session

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"rapport/playbooks"
)

// builtinPlaybooks parses every built-in playbook.
func builtinPlaybooks(t *testing.T) []*playbooks.Playbook {
	t.Helper()
	b := playbooks.Builtins()
	entries, err := fs.ReadDir(b, ".")
	if err != nil {
		t.Fatal(err)
	}
	var out []*playbooks.Playbook
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		p, err := playbooks.ParseFS(b, e.Name())
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		out = append(out, p)
	}
	return out
}

// halfDone is a session as a facilitator leaves it a third of the way in:
// three prompts answered, one parked, one skipped, one not applicable, the
// rest open, and captures tagged and stamped with the session clock.
func halfDone(pb playbooks.Playbook) *Session {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	s := New("01JHALFDONESESS10N0000000X", t0, "Contoso", pb)
	s.UpdateHeader(func(h *Header) {
		h.Facilitator = "Sam Rivera"
		h.Contacts = []Contact{{Name: "Dana Smith", Role: "COO"}, {Name: "Lee Chen", Role: "Head of Operations"}}
		h.Tags = []string{"discovery"}
		h.Elapsed = 58 * time.Minute
	}, t0)
	answered := 0
	for i, st := range s.Steps() {
		switch {
		case answered < 3 && (st.Prompt.Kind == playbooks.KindText || st.Prompt.Kind == playbooks.KindLongText):
			s.PutAnswer(Answer{PromptID: st.Prompt.ID, Text: "Said about " + st.Prompt.ID + " #ops"}, t0)
			answered++
		case i == 5:
			s.SetState(st.Prompt.ID, StateParked, t0)
		case i == 6:
			s.SetState(st.Prompt.ID, StateSkipped, t0)
		case i == 7:
			s.SetState(st.Prompt.ID, StateNotApplicable, t0)
		}
	}
	for i, c := range []Capture{
		{Kind: CaptureQuote, Text: "We find out from our drivers. #visibility", Speaker: "Dana Smith, COO", Tags: []string{"visibility", "drivers"}},
		{Kind: CaptureQuote, Text: "Reports are a week late.", Speaker: "Lee Chen, Head of Operations"},
		{Kind: CapturePain, Text: "Re-planning by hand #ops #night", Impact: 5, Effort: 2, Tags: []string{"ops"}},
		{Kind: CaptureDecision, Text: "Start with two depots", Tags: []string{"scope"}},
		{Kind: CaptureAction, Text: "Send the pilot plan #next", Owner: "Sam", Due: "2026-12-01"},
		{Kind: CaptureFollowUp, Text: "Which depots are late most?"},
		{Kind: CaptureRisk, Text: "Budget freeze", Internal: true},
	} {
		c.ID = fmt.Sprintf("h%02d", i)
		c.At = time.Duration(58+i) * time.Minute
		c.Phase = pb.Phases[i%len(pb.Phases)].ID
		s.PutCapture(c, t0)
	}
	return s
}

// clockStamp is a session clock written as a time of day: "58:00".
var clockStamp = regexp.MustCompile(`\b\d{1,3}:\d{2}\b`)

// TestClientCopyOfAHalfDoneSession: the client's copy of a session left a
// third of the way in, for every client playbook, reads as a deliverable:
// no open prompt, no clock stamp, no goal line, no #tag outside the front
// matter, nothing of the facilitator's.
func TestClientCopyOfAHalfDoneSession(t *testing.T) {
	for _, pb := range builtinPlaybooks(t) {
		if pb.Team() {
			continue
		}
		t.Run(pb.ID, func(t *testing.T) {
			s := halfDone(*pb)
			md := string(Markdown(s, AudienceClient))
			body := string(StripFrontMatter([]byte(md)))
			for _, bad := range []string{"_Open_", "Open (", "Goal:", "Skipped", "Not applicable", "Parked", "parked",
				"Flag", "Internal", "internal", "Session time", "Time spent", " min)", "Budget freeze", "Listen for", "Probes", "Facilitator tips"} {
				if strings.Contains(body, bad) {
					t.Errorf("the client's copy holds %q:\n%s", bad, body)
				}
			}
			if m := clockStamp.FindString(body); m != "" {
				t.Errorf("the client's copy holds a clock stamp %q:\n%s", m, body)
			}
			for _, line := range strings.Split(body, "\n") {
				if strings.HasPrefix(line, "#") {
					line = strings.TrimLeft(line, "#") // a heading's marks are not a tag
				}
				if tags := ParseTags(line); len(tags) > 0 {
					t.Errorf("the client's copy holds tags %v in %q", tags, line)
				}
			}
			for _, want := range []string{"## In your words", "— Dana Smith, COO", "— Lee Chen, Head of Operations",
				"We find out from our drivers.", "Re-planning by hand", "Start with two depots", "Which depots are late most?",
				"**Taking part:** Dana Smith, COO; Lee Chen, Head of Operations"} {
				if !strings.Contains(body, want) {
					t.Errorf("the client's copy lacks %q:\n%s", want, body)
				}
			}
			// Three prompts answered: three questions, each with its answer.
			if n := strings.Count(body, "\n#### "); n != 3 {
				t.Errorf("the client's copy has %d questions, want the 3 answered:\n%s", n, body)
			}
		})
	}
}

// TestGoldenFrontMatter parses the front matter of every golden summary as
// YAML, as Obsidian, zk, Hugo and pandoc do, and checks its keys.
func TestGoldenFrontMatter(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden summaries: %v", err)
	}
	for _, f := range files {
		md, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fm := frontMatter(t, md)
		var got map[string]any
		if err := yaml.Unmarshal(fm, &got); err != nil {
			t.Errorf("%s: front matter is not YAML: %v", f, err)
			continue
		}
		for _, k := range []string{"title", "date", "client", "audience", "id", "playbook", "playbook_version", "status", "tags"} {
			if _, ok := got[k]; !ok {
				t.Errorf("%s: front matter lacks %s", f, k)
			}
		}
		if title, _ := got["title"].(string); strings.TrimSpace(title) == "" {
			t.Errorf("%s: empty title", f)
		}
		if _, ok := got["date"].(time.Time); !ok {
			t.Errorf("%s: date %#v is not a date", f, got["date"])
		}
		want := "client"
		if strings.HasSuffix(f, "-internal.md") {
			want = "internal"
		}
		if got["audience"] != want {
			t.Errorf("%s: audience %v, want %s", f, got["audience"], want)
		}
		if _, ok := got["tags"].([]any); !ok {
			t.Errorf("%s: tags %#v is not a list", f, got["tags"])
		}
		if v, ok := got["playbook_version"].(int); !ok || v < 1 {
			t.Errorf("%s: playbook_version %#v", f, got["playbook_version"])
		}
	}
}

// colWidths matches the column widths pandoc writes for a table.
var colWidths = regexp.MustCompile(`<col style="width: (\d+)%"`)

// pandocTable converts md with pandoc to HTML and returns the column
// widths, in percent, of the first table after the heading with the given
// id; it skips the test where pandoc is not installed.
func pandocTable(t *testing.T, md []byte, id string) []int {
	t.Helper()
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc is not installed (apt-get install pandoc): the widths it gives columns cannot be checked")
	}
	cmd := exec.Command("pandoc", "--from", "markdown", "--to", "html")
	cmd.Stdin = bytes.NewReader(md)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("pandoc: %v: %s", err, errb.String())
	}
	if strings.Contains(errb.String(), "WARNING") {
		t.Errorf("pandoc warns: %s", errb.String())
	}
	html := out.String()
	i := strings.Index(html, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("pandoc's HTML has no heading %q:\n%s", id, html)
	}
	html = html[i:]
	if end := strings.Index(html, "</table>"); end >= 0 {
		html = html[:end]
	}
	var widths []int
	for _, m := range colWidths.FindAllStringSubmatch(html, -1) {
		n, _ := strconv.Atoi(m[1])
		widths = append(widths, n)
	}
	if len(widths) == 0 {
		t.Fatalf("pandoc gave the table under %q no column widths:\n%s", id, html)
	}
	return widths
}

// TestPandocGivesTextColumnsTheRoom runs the golden internal summary of
// customer-discovery through pandoc: the pains table, wider than pandoc's
// 72 columns, gives the Pain column the most room (it had 13% when every
// delimiter was "---"). Narrower tables get no widths from pandoc, and the
// browser sizes them by their content.
func TestPandocGivesTextColumnsTheRoom(t *testing.T) {
	for _, tc := range []struct {
		file, id string
		widest   int // the column that should be widest
	}{
		{"builtin-customer-discovery-internal.md", "pains", 1},
	} {
		md, err := os.ReadFile(filepath.Join("testdata", "golden", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		widths := pandocTable(t, md, tc.id)
		top := slices.Max(widths)
		if widths[tc.widest] != top || top < 40 {
			t.Errorf("%s, table %s: column widths %v%%, want column %d the widest with 40%% or more", tc.file, tc.id, widths, tc.widest+1)
		}
	}
}
