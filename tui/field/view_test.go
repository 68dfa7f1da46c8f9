package field

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/playbooks"
	"rapport/session"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// viewCases are the screens the golden files keep: every kind, filled in as
// in a real session, some mid-edit.
func viewCases() []struct {
	name string
	p    playbooks.Prompt
	a    session.Answer
	keys []tea.Msg
} {
	return []struct {
		name string
		p    playbooks.Prompt
		a    session.Answer
		keys []tea.Msg
	}{
		{"text", pText, session.Answer{Text: "Head of operations, reports to the COO"}, nil},
		{"long_text", pLong, session.Answer{Text: "They serve 40 hospitals.\nValue: fewer missed appointments.\n\nThe board wants growth."}, nil},
		{"rating", pRating, session.Answer{Rating: 3}, nil},
		{"rating_evidence_flagged", pRatEv, session.Answer{Rating: 2, Evidence: "Two escalations in a month"}, seq("down")},
		{"rating_unset", pRatEv, session.Answer{}, nil},
		{"choice", pChoice, session.Answer{Choices: []string{"Norming"}}, seq("down")},
		{"choice_stray", pChoice, session.Answer{Choices: []string{"Adjourning"}}, nil},
		{"multi_choice", pMulti, session.Answer{Choices: []string{"Email", "Calls"}}, seq("down", "down", "down")},
		{"choice_flagged", pShare, session.Answer{Choices: []string{"About eight in ten or more"}}, nil},
		{"choice_not_flagged", pShare, session.Answer{}, seq("space")},
		{"percent_flagged", pPercent, session.Answer{Number: num(85)}, nil},
		{"percent_invalid", pPercent, session.Answer{}, typ("120")},
		{"percent_empty", pPercent, session.Answer{}, nil},
		{"number", pNumber, session.Answer{Number: num(37.5)}, nil},
		{"number_comma", pNumber, session.Answer{}, typ("2,5")},
		{"list", pList, session.Answer{Items: []string{"Cut onboarding to a week", "Weekly demo", "Fewer \x1b[31mtools\x1b[0m"}}, seq("down")},
		{"list_confirm", pList, session.Answer{Items: []string{"Keep me"}}, seq("ctrl+d")},
		{"journey", pJourney, session.Answer{Stages: []session.JourneyStage{
			{Name: "Discover", Feeling: 1},
			{Name: "Evaluate", Doing: "Compares three vendors", Touchpoints: "Demos, references", Feeling: -1,
				Pains: "Every demo looks the same", Opportunities: "A pilot with their own data"},
			{Name: "Buy", Feeling: -2},
		}}, seq("pgdown", "down", "down", "down")},
		{"ledger", pLedger, session.Answer{Ledger: []session.LedgerEntry{
			{Kind: session.Deposit, Text: "Pilot delivered a week early", Amount: 3},
			{Kind: session.Withdrawal, Text: "Missed the steering committee", Amount: 2},
			{Kind: session.Deposit, Text: "Fixed the outage at night", Amount: 4},
		}}, seq("down", "down", "down", "down")},
		{"ledger_empty", pLedger, session.Answer{}, nil},
	}
}

// TestView compares each field's view, styles stripped, with its golden file
// at a wide (76) and a narrow (36) width. Run with -update to rewrite them.
func TestView(t *testing.T) {
	for _, c := range viewCases() {
		for _, w := range []int{76, 36} {
			name := fmt.Sprintf("%s_w%d", c.name, w)
			t.Run(name, func(t *testing.T) {
				f := New(c.p, c.a, DefaultStyles(true))
				f.SetSize(w, 12)
				f.Focus()
				for _, m := range c.keys {
					f, _ = f.Update(m)
				}
				view := f.View()
				assertFits(t, view, w, 12)
				got := ansi.Strip(view) + "\n"
				path := filepath.Join("testdata", "TestView", name+".golden")
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("no golden file (run go test -update): %v", err)
				}
				if got != string(want) {
					t.Errorf("view differs from %s\n--- got\n%s--- want\n%s", path, got, want)
				}
			})
		}
	}
}

// assertFits checks the view is within w by h cells and carries no control
// character but the styles' own SGR sequences.
func assertFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d rows, more than %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("row %d is %d cells wide, more than %d: %q", i, n, w, ansi.Strip(l))
		}
		for _, r := range ansi.Strip(l) {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Errorf("row %d carries control character %U", i, r)
			}
		}
	}
}

// TestTinySizes: no kind panics or overflows at 1..5 columns by 1..3 rows,
// while typing, moving and adding.
func TestTinySizes(t *testing.T) {
	for _, c := range viewCases() {
		for w := 1; w <= 5; w++ {
			for h := 1; h <= 3; h++ {
				f := New(c.p, c.a, DefaultStyles(false))
				f.SetSize(w, h)
				f.Focus()
				assertFits(t, f.View(), w, h)
				for _, m := range seq(c.keys, typ("ab1"), "down", "enter", "ctrl+n", "up", "-", "backspace", "ctrl+d", "ctrl+d") {
					f, _ = f.Update(m)
					assertFits(t, f.View(), w, h)
				}
				f.SetSize(0, 0)
				assertFits(t, f.View(), 1, 1)
			}
		}
	}
}

// TestBlurredView: without focus no row shows the cursor marker.
func TestBlurredView(t *testing.T) {
	for _, p := range allPrompts() {
		f := New(p, session.Answer{}, PlainStyles())
		f.Focus()
		f.Blur()
		if strings.Contains(f.View(), "▸") {
			t.Errorf("%s: blurred view shows the cursor marker", p.Kind)
		}
	}
}

// TestHostileText: playbook options and stored text cannot send control
// sequences to the terminal.
func TestHostileText(t *testing.T) {
	evil := "a\x1b]52;c;ZXZpbA==\x07b\x9b31mc\u202edef\x00"
	cases := []struct {
		p playbooks.Prompt
		a session.Answer
	}{
		{playbooks.Prompt{Kind: playbooks.KindChoice, Options: []string{evil}}, session.Answer{}},
		{pList, session.Answer{Items: []string{"x", evil}}},
		{pJourney, session.Answer{Stages: []session.JourneyStage{{Name: "x"}, {Name: evil, Doing: evil}}}},
		{pLedger, session.Answer{Ledger: []session.LedgerEntry{{Kind: session.Deposit, Text: "x", Amount: 1}, {Kind: session.Deposit, Text: evil, Amount: 1}}}},
		{playbooks.Prompt{Kind: playbooks.KindPercent, Flag: &playbooks.Flag{When: playbooks.Comparison{Op: ">=", Num: 1, Numeric: true}, Say: evil}},
			session.Answer{Number: num(50)}},
	}
	for _, c := range cases {
		f := New(c.p, c.a, PlainStyles())
		f.SetSize(76, 12)
		v := f.View()
		if strings.ContainsAny(v, "\x1b\x07\x00\u202e\u009b") {
			t.Errorf("%s: view carries a control sequence: %q", c.p.Kind, v)
		}
	}
}

// TestScrollKeepsFocus: in long lists the row with the cursor is always on
// screen, at the top, the middle and the end.
func TestScrollKeepsFocus(t *testing.T) {
	const n = 40
	items := make([]string, n)
	stages := make([]session.JourneyStage, n)
	entries := make([]session.LedgerEntry, n)
	for i := range n {
		items[i] = fmt.Sprintf("item %02d", i)
		stages[i] = session.JourneyStage{Name: fmt.Sprintf("stage %02d", i)}
		entries[i] = session.LedgerEntry{Kind: session.Deposit, Text: fmt.Sprintf("entry %02d", i), Amount: 1}
	}
	cases := []struct {
		p    playbooks.Prompt
		a    session.Answer
		next []tea.Msg // moves to the next item
		name string    // how item i (from 1) is labelled
	}{
		{pList, session.Answer{Items: items}, seq("down"), "item %02d"},
		{pJourney, session.Answer{Stages: stages}, seq("pgdown"), "Stage %d of 40"},
		{pLedger, session.Answer{Ledger: entries}, seq("down", "down", "down"), "Entry %d of 40"},
	}
	for _, c := range cases {
		f := New(c.p, c.a, DefaultStyles(true))
		f.SetSize(40, 5)
		f.Focus()
		for i := range n {
			want := fmt.Sprintf(c.name, i+1)
			if c.p.Kind == playbooks.KindList {
				want = fmt.Sprintf(c.name, i)
			}
			v := ansi.Strip(f.View())
			if !strings.Contains(v, want) || !strings.Contains(v, "▸") {
				t.Fatalf("%s: at %d the view lost the focus (%q):\n%s", c.p.Kind, i, want, v)
			}
			assertFits(t, f.View(), 40, 5)
			for _, m := range c.next {
				f, _ = f.Update(m)
			}
		}
	}
}

// TestWidth: the fast width agrees with ansi.StringWidth.
func TestWidth(t *testing.T) {
	for _, s := range []string{"", "abc", "\x1b[1;38;2;1;2;3mab\x1b[m c", "héllo", "日本", "a\x1b]8;;x\x07b", "\x1b[", "e\u0301", "\x1b[7m \x1b[27m", glyphs, "▸ • x ⚑"} {
		if got, want := width(s), ansi.StringWidth(s); got != want {
			t.Errorf("width(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestPlainHasNoColour: with NO_COLOR's styles a field draws no colour or
// attribute at all, bar the editor's reverse-video cursor.
func TestPlainHasNoColour(t *testing.T) {
	for _, c := range viewCases() {
		f := New(c.p, c.a, PlainStyles())
		f.SetSize(76, 12)
		f.Focus()
		for _, m := range c.keys {
			f, _ = f.Update(m)
		}
		v := strings.NewReplacer("\x1b[7m", "", "\x1b[27m", "").Replace(f.View())
		if strings.Contains(v, "\x1b[") {
			t.Errorf("%s: plain view carries a style: %q", c.name, v)
		}
	}
}

// TestHideFlag: a hidden flag leaves the field's view, and comes back
// when shown again, for every kind that can carry one; the answer is
// untouched.
func TestHideFlag(t *testing.T) {
	for _, c := range []struct {
		p    playbooks.Prompt
		a    session.Answer
		mark string
	}{
		{pPercent, session.Answer{Number: num(85)}, "Little partnership: they always win."},
		{pRatEv, session.Answer{Rating: 2}, "Low trust: ask why."},
		{pShare, session.Answer{Choices: []string{"About eight in ten or more"}}, "Little partnership: they nearly always win."},
	} {
		f := New(c.p, c.a, DefaultStyles(true))
		f.SetSize(76, 12)
		if !strings.Contains(ansi.Strip(f.View()), c.mark) {
			t.Fatalf("%s: the flag does not show to begin with", c.p.Kind)
		}
		HideFlag(f, true)
		if v := ansi.Strip(f.View()); strings.Contains(v, c.mark) || strings.Contains(v, "⚑") {
			t.Errorf("%s: a hidden flag shows:\n%s", c.p.Kind, v)
		}
		HideFlag(f, false)
		if !strings.Contains(ansi.Strip(f.View()), c.mark) {
			t.Errorf("%s: the flag does not come back", c.p.Kind)
		}
	}
}
