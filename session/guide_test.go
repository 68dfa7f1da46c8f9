package session_test

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/playbooks"
	"rapport/session"
)

// The -update flag regenerates golden output. Other test files of this
// package may define it too, so it is looked up at run time and only
// defined here when nobody else has (package variables initialise before
// init functions, so a variable defined elsewhere is already registered).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files and docs/playbooks from the current output")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

// TestGuideDocs keeps docs/playbooks/<id>.md in step with the built-in
// playbooks: each file must be exactly what Guide writes. Run
// `go test ./session -run TestGuideDocs -update` after changing a built-in.
func TestGuideDocs(t *testing.T) {
	src := playbooks.Builtins()
	docs := filepath.Join("..", "docs", "playbooks")
	names, err := fs.Glob(src, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, name := range names {
		if name == "placeholder.yaml" {
			continue
		}
		p, err := playbooks.ParseFS(src, name)
		if err != nil {
			t.Errorf("built-in %s: %v", name, err)
			continue
		}
		seen++
		want := session.Guide(p)
		path := filepath.Join(docs, p.ID+".md")
		if updating() {
			if err := os.MkdirAll(docs, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run go test ./session -run TestGuideDocs -update)", path, err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s is out of date with playbooks/builtin/%s (%s); run go test ./session -run TestGuideDocs -update",
				path, name, firstDifference(string(got), want))
		}
	}
	if seen == 0 {
		t.Fatal("no built-in playbooks found")
	}
	// A doc whose playbook is gone would mislead readers.
	docFiles, _ := filepath.Glob(filepath.Join(docs, "*.md"))
	for _, f := range docFiles {
		id := strings.TrimSuffix(filepath.Base(f), ".md")
		if _, err := fs.Stat(src, id+".yaml"); err != nil {
			t.Errorf("%s has no built-in playbook %s.yaml; delete it", f, id)
		}
	}
}

// firstDifference names the first line where two texts differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d is %q, want %q", i+1, gl, wl)
		}
	}
	return "same lines"
}

// smallPlaybook exercises every part of the guide: a summary over two
// lines, a source, tips, each mark, options, a flag and conditions.
func smallPlaybook() *playbooks.Playbook {
	ge80, _ := playbooks.ParseComparison(">= 80")
	le2, _ := playbooks.ParseComparison("<= 2")
	yes, _ := playbooks.ParseComparison("Yes")
	return &playbooks.Playbook{
		ID:      "check-in",
		Title:   "Quarterly check-in",
		Version: 2,
		Summary: "A short check-in.\n\nRun it every quarter.",
		Source:  "Our own practice",
		Length:  15 * time.Minute,
		Phases: []playbooks.Phase{
			{
				ID: "start", Title: "Start", Goal: "Set the scene.", Timebox: 10 * time.Minute,
				Tips: []string{"Ask, then stay silent.", "Take notes in their words."},
				Prompts: []playbooks.Prompt{
					{ID: "story", Kind: playbooks.KindLongText, Question: "Tell me about last quarter.", Help: "Listen first.", Required: true,
						Core: true, Probes: []string{"What happened next?", "Who noticed?"}, ListenFor: "A named event."},
					{ID: "score", Kind: playbooks.KindRating, Question: "How did it go?", Scorecard: "Health", Evidence: true, Measures: "health"},
					{ID: "ratio", Kind: playbooks.KindPercent, Question: "What share went your way?",
						Flag: &playbooks.Flag{When: ge80, And: &playbooks.Condition{Prompt: "again", Is: yes}, Say: "Little partnership."}},
				},
			},
			{
				ID: "close", Title: "Close", Timebox: 90 * time.Second,
				ShowIf: &playbooks.Condition{Prompt: "score", Is: le2},
				Prompts: []playbooks.Prompt{
					{ID: "again", Kind: playbooks.KindChoice, Question: "Did we meet again?", Options: []string{"Yes", "No"}},
					{ID: "when", Kind: playbooks.KindText, Question: "When?", ShowIf: &playbooks.Condition{Prompt: "again", Is: yes}},
					{ID: "read", Kind: playbooks.KindLedger, Question: "Your read?", Internal: true},
					{ID: "takeaways", Kind: playbooks.KindList, Question: "What do you take away?", Takeaways: true},
				},
			},
		},
	}
}

const smallGuide = `# Quarterly check-in

A short check-in.

Run it every quarter.

- **Playbook:** check-in, version 2
- **Source:** Our own practice
- **Audience:** the client, who takes part and gets a copy of the summary
- **Phases:** 2 phases, about 15 minutes in all
- **Prompts:** 7 (1 core, 1 required, 1 for the facilitator only)

Tips, help, probes, what to listen for, flags and prompts marked *facilitator only* stay out of the client's summary and are hidden in present mode.

## 1. Start

- **Goal:** Set the scene.
- **Timebox:** 10 minutes; the core prompts need about 3 minutes 30 seconds

### Facilitator tips

- Ask, then stay silent.
- Take notes in their words.

### Prompts

1. **Tell me about last quarter.**
   - Answer: long text; core, required
   - Help: Listen first.
   - Probes: What happened next? · Who noticed?
   - Listen for: A named event.

2. **How did it go?**
   - Answer: a rating from 1 to 5 with a line of evidence, on the Health scorecard
   - Measures health: shown beside the other side's rating of the same measure (the client pulse and the team's checks).

3. **What share went your way?**
   - Answer: a percentage from 0 to 100
   - Flagged when the answer is at least 80 and the answer to prompt 2.1 is "Yes": Little partnership.

## 2. Close

- **Timebox:** 1 minute 30 seconds
- **Shown only when** the answer to prompt 1.2 is at most 2.

### Prompts

1. **Did we meet again?**
   - Answer: one of the options
   - Options: Yes; No

2. **When?**
   - Answer: short text
   - Asked only when the answer to prompt 2.1 is "Yes".

3. **Your read?**
   - Answer: a trust ledger of deposits and withdrawals with a running balance; *facilitator only*

4. **What do you take away?**
   - Answer: a list of items
   - Its answer is the summary's key takeaways.
`

// TestGuideSmall compares the whole guide of a small playbook, so a change
// to the layout is a deliberate one.
func TestGuideSmall(t *testing.T) {
	got := session.Guide(smallPlaybook())
	if got != smallGuide {
		t.Errorf("guide differs.\n--- got\n%s\n--- want\n%s", got, smallGuide)
	}
	if again := session.Guide(smallPlaybook()); again != got {
		t.Error("guide is not deterministic")
	}
}

// TestGuideWords checks how each kind, comparison and mark reads.
func TestGuideWords(t *testing.T) {
	cmp := func(s string) playbooks.Comparison {
		c, err := playbooks.ParseComparison(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name   string
		prompt playbooks.Prompt
		want   string
	}{
		{"multi choice", playbooks.Prompt{Kind: playbooks.KindMultiChoice, Question: "q"}, "Answer: any of the options"},
		{"number", playbooks.Prompt{Kind: playbooks.KindNumber, Question: "q"}, "Answer: a number"},
		{"list", playbooks.Prompt{Kind: playbooks.KindList, Question: "q"}, "Answer: a list of items"},
		{"journey", playbooks.Prompt{Kind: playbooks.KindJourney, Question: "q"}, "Answer: a customer journey, stage by stage"},
		{"rating alone", playbooks.Prompt{Kind: playbooks.KindRating, Question: "q"}, "Answer: a rating from 1 to 5\n"},
		{"required and internal", playbooks.Prompt{Kind: playbooks.KindText, Question: "q", Required: true, Internal: true}, "short text; required, *facilitator only*"},
		{"less than", playbooks.Prompt{Kind: playbooks.KindNumber, Question: "q", Flag: &playbooks.Flag{When: cmp("< 3")}}, "Flagged when the answer is less than 3."},
		{"more than", playbooks.Prompt{Kind: playbooks.KindNumber, Question: "q", Flag: &playbooks.Flag{When: cmp("> 2.5"), Say: "Too many."}}, "more than 2.5: Too many."},
		{"not equal", playbooks.Prompt{Kind: playbooks.KindText, Question: "q", ShowIf: &playbooks.Condition{Prompt: "first", Is: cmp("!= No")}}, "Asked only when the answer to prompt 1.1 is anything but \"No\"."},
		{"exact number", playbooks.Prompt{Kind: playbooks.KindText, Question: "q", ShowIf: &playbooks.Condition{Prompt: "first", Is: cmp("== 3")}}, "is 3."},
		{"unknown prompt", playbooks.Prompt{Kind: playbooks.KindText, Question: "q", ShowIf: &playbooks.Condition{Prompt: "gone", Is: cmp("1")}}, "the answer to prompt gone is 1."},
		{"unknown kind", playbooks.Prompt{Kind: "sketch", Question: "q"}, "Answer: sketch"},
		{"flag on a choice", playbooks.Prompt{Kind: playbooks.KindChoice, Question: "q", Options: []string{"Most", "Few"},
			Flag: &playbooks.Flag{When: cmp("Most"), Say: "One-sided."}}, "Flagged when the answer is \"Most\": One-sided."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &playbooks.Playbook{ID: "x", Title: "X", Version: 1, Phases: []playbooks.Phase{{
				ID: "p", Title: "P",
				Prompts: []playbooks.Prompt{{ID: "first", Kind: playbooks.KindText, Question: "first"}, tt.prompt},
			}}}
			if got := session.Guide(p); !strings.Contains(got, tt.want) {
				t.Errorf("guide lacks %q:\n%s", tt.want, got)
			}
		})
	}
}

// TestGuideOfATeamPlaybook: a team playbook says who is in the room, and
// marks the few prompts a shared screen shows rather than every prompt
// that is internal.
func TestGuideOfATeamPlaybook(t *testing.T) {
	p := smallPlaybook()
	p.Audience = playbooks.AudienceTeam
	for i := range p.Phases {
		for j := range p.Phases[i].Prompts {
			p.Phases[i].Prompts[j].Internal = p.Phases[i].Prompts[j].ID != "takeaways"
		}
	}
	got := session.Guide(p)
	for _, want := range []string{
		"- **Audience:** the team, without the client: a retrospective about them, with no client copy",
		"- **Prompts:** 7 (1 core, 1 required, 1 shown in present mode)",
		"Everything here is for the team.",
		"   - Answer: a list of items; *shown in present mode*",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("guide lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "*facilitator only*") {
		t.Errorf("a team guide marks prompts facilitator only:\n%s", got)
	}
}

// TestGuideHostile checks that text from a playbook file can neither send
// a control sequence to the terminal nor add structure to the guide.
func TestGuideHostile(t *testing.T) {
	p := smallPlaybook()
	p.Title = "Evil\x1b]52;c;aGk=\x07 title"
	p.Summary = "# Not a heading\n<script>alert(1)</script>"
	p.Source = "\u202eevil"
	p.Phases[0].Title = "Start\n## Injected"
	p.Phases[0].Tips[0] = "- not a nested item | cell"
	p.Phases[0].Prompts[0].Question = "**bold** ` fence ``` &#27;[31m"
	p.Phases[1].Prompts[0].Options = []string{"> quote", "1. list"}
	got := session.Guide(p)
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "&#27;", "\n## Injected", "\n# Not", "\n<script>"} {
		if strings.Contains(got, bad) {
			t.Errorf("guide contains %q:\n%s", bad, got)
		}
	}
	if n := strings.Count(got, "\n## "); n != 2 {
		t.Errorf("%d phase headings, want 2:\n%s", n, got)
	}
	if !strings.HasPrefix(got, "# Evil title\n") {
		t.Errorf("title line: %q", strings.SplitN(got, "\n", 2)[0])
	}
}

// TestGuideNil checks that a missing playbook gives an empty guide, not a
// panic.
func TestGuideNil(t *testing.T) {
	if got := session.Guide(nil); got != "" {
		t.Errorf("Guide(nil) = %q, want empty", got)
	}
}

// FuzzGuide feeds hostile text into every field of a playbook and checks
// the guide keeps its structure: one title, one heading per phase, and no
// control character but the newline.
func FuzzGuide(f *testing.F) {
	f.Add("Title", "Question?", "A tip.", "Option", ">= 80")
	f.Add("# x\n## y", "\x1b[2J\x9b31m", "- a | b", "```", "== Yes")
	f.Add("&#x1b;]8;;http://x\a", "\u2066rtl\u2069", "<b>x</b>", "1) one", "<= 2")
	f.Fuzz(func(t *testing.T, title, question, tip, option, cmp string) {
		c, err := playbooks.ParseComparison(cmp)
		if err != nil {
			c = playbooks.Comparison{Op: cmp, Text: cmp}
		}
		p := &playbooks.Playbook{ID: title, Title: title, Summary: question, Source: tip, Phases: []playbooks.Phase{
			{ID: "a", Title: title, Goal: question, Tips: []string{tip, option}, ShowIf: &playbooks.Condition{Prompt: title, Is: c},
				Prompts: []playbooks.Prompt{{ID: title, Kind: playbooks.Kind(option), Question: question, Help: tip, Options: []string{option, title},
					Scorecard: title, Flag: &playbooks.Flag{When: c, Say: question}, ShowIf: &playbooks.Condition{Prompt: option, Is: c}}}},
			{ID: "b", Title: question, Prompts: []playbooks.Prompt{{ID: "b", Kind: playbooks.KindChoice, Question: tip}}},
		}}
		got := session.Guide(p)
		for _, r := range got {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Fatalf("guide contains control %U:\n%q", r, got)
			}
		}
		phases := 0
		for i, line := range strings.Split(got, "\n") {
			switch {
			case !isATXHeading(line): // "#0" is text, not a heading (CommonMark)
			case i == 0 && strings.HasPrefix(line, "# "):
			case line == "### Facilitator tips" || line == "### Prompts":
			case strings.HasPrefix(line, "## "):
				phases++
			default:
				t.Fatalf("line %d is a heading the playbook added: %q\n%s", i+1, line, got)
			}
		}
		if phases != 2 {
			t.Fatalf("%d phase headings, want 2:\n%s", phases, got)
		}
	})
}

// BenchmarkGuide measures the guide of the default playbook, which
// `rapport playbooks show` renders on every call.
func BenchmarkGuide(b *testing.B) {
	p, err := playbooks.ParseFS(playbooks.Builtins(), playbooks.DefaultID+".yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = session.Guide(p)
	}
}

// isATXHeading reports whether line is a Markdown heading: one to six "#"
// then a space, a tab or the end of the line, as CommonMark reads it.
func isATXHeading(line string) bool {
	n := len(line) - len(strings.TrimLeft(line, "#"))
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t')
}
