package playbooks

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var update = flag.Bool("update", false, "rewrite the expected errors in testdata")

func read(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseFullFileReadsEveryField(t *testing.T) {
	p, err := Parse("testdata/full.yaml", read(t, "testdata/full.yaml"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if p.ID != "full-example" || p.Title != "Every field" || p.Version != 7 ||
		p.Summary == "" || p.Source != "The rapport file format." || len(p.Phases) != 2 {
		t.Errorf("header = %+v", p)
	}
	ph := p.Phases[0]
	if ph.Timebox != 90*time.Minute || ph.Goal == "" || !reflect.DeepEqual(ph.Tips, []string{"Ask, then stay silent.", "Quote them: exact words matter."}) {
		t.Errorf("phase = %+v", ph)
	}
	if p.Audience != AudienceClient || p.Team() || p.Length != 91*time.Minute+30*time.Second {
		t.Errorf("audience, length = %q, %v", p.Audience, p.Length)
	}
	if got := p.Phases[1].Timebox; got != 90*time.Second {
		t.Errorf("timebox 90s = %v", got)
	}
	if c := p.Phases[1].ShowIf; c == nil || c.Prompt != "trust" || c.Is != (Comparison{Op: ">=", Num: 2, Numeric: true}) {
		t.Errorf("phase show_if = %+v", c)
	}
	seen := map[Kind]bool{}
	for _, ph := range p.Phases {
		for _, pr := range ph.Prompts {
			seen[pr.Kind] = true
		}
	}
	for _, k := range Kinds {
		if !seen[k] {
			t.Errorf("kind %s not read", k)
		}
	}

	tests := []struct {
		id    string
		check func(pr *Prompt) bool
	}{
		{"who-they-serve", func(pr *Prompt) bool {
			return pr.Required && pr.Help == "Shown under the question." && pr.Core && !pr.Internal &&
				reflect.DeepEqual(pr.Probes, []string{"What happened next?", "What did it cost you?"}) &&
				pr.ListenFor == "A named person and a recent example."
		}},
		{"name", func(pr *Prompt) bool { return pr.Internal && !pr.Required }},
		{"trust", func(pr *Prompt) bool {
			return pr.Evidence && pr.Scorecard == "Partnership" && pr.Flag != nil &&
				pr.Flag.When == Comparison{Op: "<=", Num: 2, Numeric: true} && pr.Flag.Say == "Trust is low; ask why before anything else."
		}},
		{"disagreements", func(pr *Prompt) bool {
			return pr.Flag.When.Match(85.0) && !pr.Flag.When.Match(79.0) &&
				pr.Flag.And != nil && pr.Flag.And.Prompt == "channel" && pr.Flag.And.Is.Match("email")
		}},
		{"team-size", func(pr *Prompt) bool { return pr.Flag.When == Comparison{Op: "==", Num: 0, Numeric: true} }},
		{"channel", func(pr *Prompt) bool { return reflect.DeepEqual(pr.Options, []string{"Email", "Call", "Yes"}) }},
		{"channel-why", func(pr *Prompt) bool {
			return pr.ShowIf.Is == Comparison{Op: "==", Text: "email"} && pr.ShowIf.Is.Match("Email")
		}},
		{"priorities", func(pr *Prompt) bool { return len(pr.Options) == 3 && pr.Kind == KindMultiChoice }},
		{"wins", func(pr *Prompt) bool {
			return pr.ShowIf.Prompt == "disagreements" && pr.ShowIf.Is.Match(30.0) && pr.Takeaways
		}},
		{"trust", func(pr *Prompt) bool { return pr.Measures == "trust-to-deliver" }},
	}
	for _, tt := range tests {
		pr, _, ok := p.Prompt(tt.id)
		if !ok {
			t.Errorf("prompt %s missing", tt.id)
			continue
		}
		if !tt.check(pr) {
			t.Errorf("prompt %s = %+v", tt.id, *pr)
		}
	}
}

func TestParseReportsEveryMistakeOfAFile(t *testing.T) {
	_, err := Parse("testdata/many-mistakes.yaml", read(t, "testdata/many-mistakes.yaml"))
	if err == nil {
		t.Fatal("Parse succeeded")
	}
	got := err.Error() + "\n"
	if *update {
		if err := os.WriteFile("testdata/many-mistakes.errors", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := string(read(t, "testdata/many-mistakes.errors"))
	if got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}

func TestMarshalReadsBackTheSame(t *testing.T) {
	p, err := Parse("full.yaml", read(t, "testdata/full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Parse("out.yaml", out)
	if err != nil {
		t.Fatalf("Marshal wrote a file Parse refuses: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("read back %+v\nwant %+v\n%s", q, p, out)
	}
}

// TestInternalFollowsTheAudience: in a team playbook a prompt is internal
// unless it says internal: false; in a client playbook, and in one that
// names no audience (every file written before the key), it is visible
// unless it says internal: true. "internal:" with no value leaves the
// default. Marshal writes only what differs from the default, so the
// visibility survives a copy.
func TestInternalFollowsTheAudience(t *testing.T) {
	prompts := "  - id: p\n    title: P\n    prompts:\n" +
		"      - {id: unsaid, kind: text, question: Q}\n" +
		"      - {id: shown, kind: text, question: Q, internal: false}\n" +
		"      - {id: hidden, kind: text, question: Q, internal: true}\n" +
		"      - {id: blank, kind: text, question: Q, internal: }\n"
	for _, tc := range []struct {
		audience string
		want     Audience
		internal map[string]bool
	}{
		{"", AudienceClient, map[string]bool{"unsaid": false, "shown": false, "hidden": true, "blank": false}},
		{"audience: client\n", AudienceClient, map[string]bool{"unsaid": false, "shown": false, "hidden": true, "blank": false}},
		{"audience: team\n", AudienceTeam, map[string]bool{"unsaid": true, "shown": false, "hidden": true, "blank": true}},
	} {
		p, err := Parse("t.yaml", []byte("id: t\ntitle: T\n"+tc.audience+"phases:\n"+prompts))
		if err != nil {
			t.Fatalf("%q: %v", tc.audience, err)
		}
		if p.Audience != tc.want || p.Team() != (tc.want == AudienceTeam) {
			t.Errorf("%q: audience %q, want %q", tc.audience, p.Audience, tc.want)
		}
		for id, want := range tc.internal {
			if pr, _, _ := p.Prompt(id); pr.Internal != want {
				t.Errorf("%q: prompt %s internal = %v, want %v", tc.audience, id, pr.Internal, want)
			}
		}
		out, err := Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse("out.yaml", out)
		if err != nil {
			t.Fatalf("%q: Marshal wrote a file Parse refuses: %v\n%s", tc.audience, err, out)
		}
		if !reflect.DeepEqual(back, p) {
			t.Errorf("%q: read back %+v\nwant %+v\n%s", tc.audience, back, p, out)
		}
	}
}

func TestValidateChecksPlaybooksBuiltInCode(t *testing.T) {
	valid := func() *Playbook {
		return &Playbook{ID: "copy", Title: "Copy", Version: 1, Phases: []Phase{{
			ID: "p", Title: "P", Prompts: []Prompt{
				{ID: "q", Kind: KindRating, Question: "Q"},
				{ID: "r", Kind: KindText, Question: "R"},
			},
		}}}
	}
	if err := valid().Validate(); err != nil {
		t.Fatalf("valid playbook: %v", err)
	}
	tests := []struct {
		name   string
		change func(p *Playbook)
		want   string
	}{
		{"bad id", func(p *Playbook) { p.ID = "Copy Of" }, `playbook id "Copy Of" must be lowercase letters, digits and single dashes, such as "copy-of"`},
		{"version zero", func(p *Playbook) { p.Version = 0 }, `version must be a whole number of 1 or more, not 0`},
		{"negative timebox", func(p *Playbook) { p.Phases[0].Timebox = -time.Second }, `timebox must be longer than zero`},
		{"duplicate prompt", func(p *Playbook) { p.Phases[0].Prompts[1].ID = "q" }, `duplicate prompt id "q"`},
		{"unknown kind", func(p *Playbook) { p.Phases[0].Prompts[1].Kind = "multichoice" }, `unknown kind "multichoice"; did you mean multi_choice?`},
		{"condition looks ahead", func(p *Playbook) {
			p.Phases[0].Prompts[0].ShowIf = &Condition{Prompt: "r", Is: Comparison{Op: "==", Text: "x"}}
		}, `show_if refers to prompt "r": it comes later, and a condition can only look back`},
		{"condition without a test", func(p *Playbook) { p.Phases[0].Prompts[1].ShowIf = &Condition{Prompt: "q"} }, `show_if is missing is, the test such as "<= 2" or "Yes"`},
		{"flag with a made-up operator", func(p *Playbook) {
			p.Phases[0].Prompts[0].Flag = &Flag{When: Comparison{Op: "~", Num: 1, Numeric: true}, Say: "s"}
		}, `flag when has an unknown operator "~"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.change(p)
			err := p.Validate()
			if err == nil || err.Error() != tt.want {
				t.Errorf("Validate() = %v, want %s", err, tt.want)
			}
		})
	}
}

func TestParseFSNamesTheFile(t *testing.T) {
	fsys := fstest.MapFS{
		"good.yaml":   {Data: read(t, "testdata/full.yaml")},
		"broken.yaml": {Data: []byte("id: x\n")},
		"huge.yaml":   {Data: bytes.Repeat([]byte("# padding\n"), MaxFileSize/10+1)},
	}
	if p, err := ParseFS(fsys, "good.yaml"); err != nil || p.ID != "full-example" {
		t.Errorf("good.yaml: %v, %v", p, err)
	}
	_, err := ParseFS(fsys, "broken.yaml")
	if want := "broken.yaml:1:1: playbook is missing title\nbroken.yaml:1:1: playbook has no phases; add at least one with its prompts"; err == nil || err.Error() != want {
		t.Errorf("broken.yaml: %v, want %s", err, want)
	}
	_, err = ParseFS(fsys, "huge.yaml")
	if want := "huge.yaml:1:1: file is larger than 1024 KiB, the most a playbook may be"; err == nil || err.Error() != want {
		t.Errorf("huge.yaml: %v, want %s", err, want)
	}
	if _, err := ParseFS(fsys, "missing.yaml"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing.yaml: %v, want a not-exist error", err)
	}
}

func TestParseRefusesAnAliasBomb(t *testing.T) {
	// Each phase alias brings 1,000 prompt aliases: a million prompts from
	// a few kilobytes, unless expansion is capped.
	var b strings.Builder
	b.WriteString("id: t\ntitle: T\nphases:\n  - &p\n    id: p\n    title: P\n    prompts:\n      - &q {id: q, kind: text, question: Q}\n")
	for range 1000 {
		b.WriteString("      - *q\n")
	}
	for range 1000 {
		b.WriteString("  - *p\n")
	}
	_, err := Parse("bomb.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("Parse accepted an alias bomb")
	}
	if !strings.Contains(err.Error(), "aliases expand this file past 10000 values") {
		t.Errorf("error = %.300s", err)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n > maxErrors+1 {
		t.Errorf("%d error lines, want at most %d", n, maxErrors+1)
	}
}

func TestParseAcceptsHonestAliases(t *testing.T) {
	src := head + "  - id: p\n    title: P\n    prompts:\n      - {id: a, kind: choice, question: A, options: &yn [Yes, No]}\n      - {id: b, kind: choice, question: B, options: *yn}\n"
	p, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Phases[0].Prompts[1].Options; !reflect.DeepEqual(got, []string{"Yes", "No"}) {
		t.Errorf("options through an alias = %q", got)
	}
}

func TestParseCapsTheNumberOfErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString(head + "  - id: p\n    title: P\n    prompts:\n")
	for range 300 {
		b.WriteString("      - {id: q, kind: text, question: Q}\n")
	}
	_, err := Parse("t.yaml", []byte(b.String()))
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxErrors+1 {
		t.Fatalf("%d lines, want %d", len(lines), maxErrors+1)
	}
	if last := lines[maxErrors]; last != "t.yaml:108:14: and 199 more problems; fix the ones above first" {
		t.Errorf("last line = %s", last)
	}
}

func TestParseToleratesOddUnicode(t *testing.T) {
	src := "id: t\ntitle: \"Caf\\u00e9 \\u202e\\u0000 \\U0001F600 \\u200b\\x1b[31m\"\nphases:\n" + one
	p, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Title, "\x1b[31m") {
		t.Errorf("title = %q; text is kept as written, sanitising is for display", p.Title)
	}
}

func TestPromptFindsThePhase(t *testing.T) {
	p, err := Parse("full.yaml", read(t, "testdata/full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	pr, ph, ok := p.Prompt("priorities")
	if !ok || pr.ID != "priorities" || ph.ID != "value" {
		t.Errorf("Prompt(priorities) = %v, %v, %v", pr, ph, ok)
	}
	pr.Help = "changed"
	if again, _, _ := p.Prompt("priorities"); again.Help != "changed" {
		t.Errorf("Prompt returns a copy; want a pointer into the playbook")
	}
	if _, _, ok := p.Prompt("nope"); ok {
		t.Errorf("Prompt(nope) found something")
	}
}

func TestEveryBuiltinParses(t *testing.T) {
	fsys := Builtins()
	names, err := fsGlob(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no built-in playbooks embedded")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			p, err := ParseFS(fsys, name)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.TrimSuffix(name, ".yaml"); p.ID != want {
				t.Errorf("id %q in %s; a built-in's file is named after its id", p.ID, name)
			}
			if err := p.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			// A user copy of a built-in starts from Marshal; it must read back.
			out, err := Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if q, err := Parse("copy.yaml", out); err != nil || !reflect.DeepEqual(p, q) {
				t.Errorf("Marshal does not read back the same: %v", err)
			}
		})
	}
}

func fsGlob(fsys fs.FS) ([]string, error) { return fs.Glob(fsys, "*.yaml") }
