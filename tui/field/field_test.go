package field

import (
	"fmt"
	"reflect"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// kase is one table row: a prompt, the answer it starts from, what the
// facilitator presses, and the answer that must come out.
type kase struct {
	name  string
	p     playbooks.Prompt
	start session.Answer
	keys  []tea.Msg
	want  session.Answer
}

func check(t *testing.T, cases []kase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := c.start
			start.PromptID, start.State = c.p.ID, session.StateOpen
			want := c.want
			want.PromptID, want.State = c.p.ID, session.StateOpen
			f := run(t, c.p, start, c.keys)
			got := f.Answer(start)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("answer\n got %s\nwant %s", showAnswer(got), showAnswer(want))
			}
		})
	}
}

// showAnswer prints an answer with pointers followed.
func showAnswer(a session.Answer) string {
	n := "nil"
	if a.Number != nil {
		n = fmt.Sprint(*a.Number)
	}
	return fmt.Sprintf("{Text:%q Rating:%d Evidence:%q Choices:%q Number:%s Items:%q Stages:%+v Ledger:%+v}",
		a.Text, a.Rating, a.Evidence, a.Choices, n, a.Items, a.Stages, a.Ledger)
}

func TestText(t *testing.T) {
	check(t, []kase{
		{name: "typing", p: pText, keys: typ("Head of ops"), want: session.Answer{Text: "Head of ops"}},
		{name: "appends to what was there", p: pText, start: session.Answer{Text: "Head"},
			keys: typ(" of ops"), want: session.Answer{Text: "Head of ops"}},
		{name: "enter makes no new line", p: pText, keys: seq(typ("a"), "enter", typ("b")), want: session.Answer{Text: "ab"}},
		{name: "letters that look like keys are text", p: pText, keys: typ("jk q?+-1"), want: session.Answer{Text: "jk q?+-1"}},
		{name: "backspace", p: pText, keys: seq(typ("abc"), "backspace"), want: session.Answer{Text: "ab"}},
		{name: "multi-line paste keeps every word", p: pText, keys: seq(paste("one\ntwo")), want: session.Answer{Text: "one two"}},
		{name: "runner keys do nothing", p: pText, start: session.Answer{Text: "x"},
			keys: seq("tab", "shift+tab", "esc", "ctrl+c", "ctrl+k", "ctrl+e"), want: session.Answer{Text: "x"}},
	})
}

func TestLongText(t *testing.T) {
	check(t, []kase{
		{name: "enter makes a new line", p: pLong, keys: seq(typ("one"), "enter", typ("two")), want: session.Answer{Text: "one\ntwo"}},
		{name: "paste keeps its lines", p: pLong, keys: seq(paste("a\nb\nc")), want: session.Answer{Text: "a\nb\nc"}},
		{name: "ctrl+k is not delete to end", p: pLong, start: session.Answer{Text: "keep me"},
			keys: seq("home", "ctrl+k", "ctrl+e"), want: session.Answer{Text: "keep me"}},
	})
}

func TestRating(t *testing.T) {
	check(t, []kase{
		{name: "digit", p: pRating, keys: seq("4"), want: session.Answer{Rating: 4}},
		{name: "last digit wins", p: pRating, keys: seq("4", "2"), want: session.Answer{Rating: 2}},
		{name: "6 is not a score", p: pRating, keys: seq("3", "6"), want: session.Answer{Rating: 3}},
		{name: "right from unset", p: pRating, keys: seq("right", "right"), want: session.Answer{Rating: 2}},
		{name: "right stops at 5", p: pRating, start: session.Answer{Rating: 4}, keys: seq("right", "right"), want: session.Answer{Rating: 5}},
		{name: "left stops at 1", p: pRating, start: session.Answer{Rating: 2}, keys: seq("left", "left", "left"), want: session.Answer{Rating: 1}},
		{name: "backspace clears", p: pRating, start: session.Answer{Rating: 2}, keys: seq("backspace"), want: session.Answer{}},
		{name: "letters are ignored without evidence", p: pRating, start: session.Answer{Rating: 2}, keys: typ("abc"), want: session.Answer{Rating: 2}},
		{name: "evidence after down", p: pRatEv, keys: seq("4", "down", typ("They ship 3x")),
			want: session.Answer{Rating: 4, Evidence: "They ship 3x"}},
		{name: "enter goes to evidence", p: pRatEv, keys: seq("5", "enter", typ("weekly demos")),
			want: session.Answer{Rating: 5, Evidence: "weekly demos"}},
		{name: "digits on evidence are text", p: pRatEv, keys: seq("2", "down", typ("3 of 4"), "up", "right"),
			want: session.Answer{Rating: 3, Evidence: "3 of 4"}},
		{name: "a letter on the score starts the evidence", p: pRatEv, keys: seq("3", typ("Said so")),
			want: session.Answer{Rating: 3, Evidence: "Said so"}},
		{name: "paste on the score goes to the evidence", p: pRatEv, keys: seq(paste("long story")),
			want: session.Answer{Evidence: "long story"}},
		{name: "pasted digit sets the score", p: pRatEv, keys: seq(paste(" 4 ")), want: session.Answer{Rating: 4}},
	})
}

func TestChoice(t *testing.T) {
	check(t, []kase{
		{name: "enter picks the first", p: pChoice, keys: seq("enter"), want: session.Answer{Choices: []string{"Forming"}}},
		{name: "down and space", p: pChoice, keys: seq("down", "down", "space"), want: session.Answer{Choices: []string{"Norming"}}},
		{name: "digit picks directly", p: pChoice, keys: seq("4"), want: session.Answer{Choices: []string{"Performing"}}},
		{name: "a digit past the options does nothing", p: pChoice, keys: seq("2", "9"), want: session.Answer{Choices: []string{"Storming"}}},
		{name: "one pick only", p: pChoice, keys: seq("1", "3"), want: session.Answer{Choices: []string{"Norming"}}},
		{name: "picking again keeps it", p: pChoice, keys: seq("1", "enter", "space"), want: session.Answer{Choices: []string{"Forming"}}},
		{name: "down stops at the end", p: pChoice, keys: seq("down", "down", "down", "down", "down", "enter"),
			want: session.Answer{Choices: []string{"Performing"}}},
		{name: "backspace clears", p: pChoice, start: session.Answer{Choices: []string{"Norming"}}, keys: seq("backspace"), want: session.Answer{}},
		{name: "a stray pick is kept and can be replaced", p: pChoice, start: session.Answer{Choices: []string{"Adjourning"}},
			keys: seq("up", "up", "up", "up", "up", "enter"), want: session.Answer{Choices: []string{"Forming"}}},
		{name: "letters do nothing", p: pChoice, keys: typ("abc"), want: session.Answer{}},
	})
}

func TestMultiChoice(t *testing.T) {
	check(t, []kase{
		{name: "space toggles on", p: pMulti, keys: seq("space", "down", "space"), want: session.Answer{Choices: []string{"Email", "Chat"}}},
		{name: "space toggles off", p: pMulti, start: session.Answer{Choices: []string{"Email", "Chat"}},
			keys: seq("space"), want: session.Answer{Choices: []string{"Chat"}}},
		{name: "digits toggle", p: pMulti, keys: seq("3", "1", "3"), want: session.Answer{Choices: []string{"Email"}}},
		{name: "pick order kept", p: pMulti, keys: seq("4", "2"), want: session.Answer{Choices: []string{"Meetings", "Chat"}}},
		{name: "all off is no answer", p: pMulti, keys: seq("2", "2"), want: session.Answer{}},
		{name: "backspace clears", p: pMulti, start: session.Answer{Choices: []string{"Email", "Calls"}}, keys: seq("backspace"), want: session.Answer{}},
	})
}

func TestPercent(t *testing.T) {
	check(t, []kase{
		{name: "digits", p: pPercent, keys: typ("85"), want: session.Answer{Number: num(85)}},
		{name: "with a percent sign", p: pPercent, keys: typ("85 %"), want: session.Answer{Number: num(85)}},
		{name: "decimal", p: pPercent, keys: typ("12.5"), want: session.Answer{Number: num(12.5)}},
		{name: "edges", p: pPercent, keys: typ("100"), want: session.Answer{Number: num(100)}},
		{name: "over 100 is a draft, number untouched", p: pPercent, start: session.Answer{Number: num(40)},
			keys: seq("backspace", "backspace", typ("101")), want: session.Answer{Number: num(40), Text: "101"}},
		{name: "letters are kept as a draft", p: pPercent, keys: typ("about 80"), want: session.Answer{Text: "about 80"}},
		{name: "negative is a draft", p: pPercent, keys: typ("-5"), want: session.Answer{Text: "-5"}},
		{name: "fixing the draft writes the number", p: pPercent, start: session.Answer{Text: "8O"},
			keys: seq("backspace", typ("0")), want: session.Answer{Number: num(80)}},
		{name: "clearing clears", p: pPercent, start: session.Answer{Number: num(7)}, keys: seq("backspace"), want: session.Answer{}},
		{name: "NaN is not a number", p: pPercent, keys: typ("NaN"), want: session.Answer{Text: "NaN"}},
	})
}

func TestNumber(t *testing.T) {
	check(t, []kase{
		{name: "integer", p: pNumber, keys: typ("42"), want: session.Answer{Number: num(42)}},
		{name: "negative decimal", p: pNumber, keys: typ("-3.25"), want: session.Answer{Number: num(-3.25)}},
		{name: "over 100 is fine", p: pNumber, keys: typ("1500"), want: session.Answer{Number: num(1500)}},
		{name: "exponent", p: pNumber, keys: typ("1e3"), want: session.Answer{Number: num(1000)}},
		{name: "leading dot", p: pNumber, keys: typ(".5"), want: session.Answer{Number: num(0.5)}},
		{name: "comma is a draft", p: pNumber, keys: typ("2,5"), want: session.Answer{Text: "2,5"}},
		{name: "Inf is a draft", p: pNumber, keys: typ("Inf"), want: session.Answer{Text: "Inf"}},
		{name: "too large is a draft", p: pNumber, keys: typ("1e999"), want: session.Answer{Text: "1e999"}},
		{name: "hex is a draft", p: pNumber, keys: typ("0x10"), want: session.Answer{Text: "0x10"}},
		{name: "minus zero is zero", p: pNumber, keys: typ("-0"), want: session.Answer{Number: num(0)}},
	})
}

func TestList(t *testing.T) {
	check(t, []kase{
		{name: "enter adds items", p: pList, keys: seq(typ("one"), "enter", typ("two"), "enter", typ("three")),
			want: session.Answer{Items: []string{"one", "two", "three"}}},
		{name: "enter adds after the current item", p: pList, start: session.Answer{Items: []string{"a", "c"}},
			keys: seq("enter", typ("b")), want: session.Answer{Items: []string{"a", "b", "c"}}},
		{name: "up and down move", p: pList, start: session.Answer{Items: []string{"a", "b"}},
			keys: seq("down", typ("2"), "up", typ("1")), want: session.Answer{Items: []string{"a1", "b2"}}},
		{name: "backspace on an empty item removes it", p: pList, keys: seq(typ("x"), "enter", "backspace", typ("y")),
			want: session.Answer{Items: []string{"xy"}}},
		{name: "backspace on text deletes a character", p: pList, start: session.Answer{Items: []string{"ab"}},
			keys: seq("backspace"), want: session.Answer{Items: []string{"a"}}},
		{name: "empty items are not written", p: pList, keys: seq("enter", "enter", typ("z"), "enter"),
			want: session.Answer{Items: []string{"z"}}},
		{name: "ctrl+d once asks", p: pList, start: session.Answer{Items: []string{"a", "b"}},
			keys: seq("ctrl+d"), want: session.Answer{Items: []string{"a", "b"}}},
		{name: "ctrl+d twice deletes", p: pList, start: session.Answer{Items: []string{"a", "b"}},
			keys: seq("ctrl+d", "ctrl+d"), want: session.Answer{Items: []string{"b"}}},
		{name: "ctrl+d then typing keeps", p: pList, start: session.Answer{Items: []string{"a"}},
			keys: seq("ctrl+d", typ("x"), "ctrl+d"), want: session.Answer{Items: []string{"ax"}}},
		{name: "paste of lines makes items", p: pList, start: session.Answer{Items: []string{"first"}},
			keys: seq(paste("\r\nsecond\n\nthird")), want: session.Answer{Items: []string{"first", "second", "third"}}},
		{name: "letters j and k are text", p: pList, keys: typ("jk"), want: session.Answer{Items: []string{"jk"}}},
	})
}

func TestJourney(t *testing.T) {
	stage := func(name string, feeling int) session.JourneyStage {
		return session.JourneyStage{Name: name, Feeling: feeling}
	}
	check(t, []kase{
		{name: "fill a stage", p: pJourney, keys: seq(
			typ("Discover"), "enter", typ("Searches"), "enter", typ("Google, peers"), "enter",
			"+", "+", "+", "enter", typ("Too many vendors"), "enter", typ("A clear comparison")),
			want: session.Answer{Stages: []session.JourneyStage{{Name: "Discover", Doing: "Searches",
				Touchpoints: "Google, peers", Feeling: 2, Pains: "Too many vendors", Opportunities: "A clear comparison"}}}},
		{name: "feeling by left and minus", p: pJourney, keys: seq(typ("Buy"), "down", "down", "down", "left", "-", "-"),
			want: session.Answer{Stages: []session.JourneyStage{stage("Buy", -2)}}},
		{name: "minus on a text row is text", p: pJourney, keys: seq(typ("Re-buy")),
			want: session.Answer{Stages: []session.JourneyStage{stage("Re-buy", 0)}}},
		{name: "ctrl+n adds a stage", p: pJourney, keys: seq(typ("One"), "ctrl+n", typ("Two")),
			want: session.Answer{Stages: []session.JourneyStage{stage("One", 0), stage("Two", 0)}}},
		{name: "enter past the last field adds a stage", p: pJourney,
			keys: seq(typ("One"), "enter", "enter", "enter", "enter", "enter", "enter", typ("Two")),
			want: session.Answer{Stages: []session.JourneyStage{stage("One", 0), stage("Two", 0)}}},
		{name: "down runs into the next stage", p: pJourney, start: session.Answer{Stages: []session.JourneyStage{stage("A", 0), stage("B", 0)}},
			keys: seq("down", "down", "down", "down", "down", "down", typ("2")),
			want: session.Answer{Stages: []session.JourneyStage{stage("A", 0), stage("B2", 0)}}},
		{name: "up runs into the previous stage", p: pJourney, start: session.Answer{Stages: []session.JourneyStage{stage("A", 0), stage("B", 0)}},
			keys: seq("pgdown", "up", typ("ideas")),
			want: session.Answer{Stages: []session.JourneyStage{{Name: "A", Opportunities: "ideas"}, stage("B", 0)}}},
		{name: "ctrl+d twice deletes a stage", p: pJourney, start: session.Answer{Stages: []session.JourneyStage{stage("A", 1), stage("B", 0)}},
			keys: seq("ctrl+d", "ctrl+d"), want: session.Answer{Stages: []session.JourneyStage{stage("B", 0)}}},
		{name: "ctrl+d once keeps it", p: pJourney, start: session.Answer{Stages: []session.JourneyStage{stage("A", 1)}},
			keys: seq("ctrl+d"), want: session.Answer{Stages: []session.JourneyStage{stage("A", 1)}}},
		{name: "empty stages are not written", p: pJourney, keys: seq("ctrl+n", "ctrl+n", typ("X")),
			want: session.Answer{Stages: []session.JourneyStage{stage("X", 0)}}},
	})
}

func TestLedger(t *testing.T) {
	dep := func(text string, n int) session.LedgerEntry {
		return session.LedgerEntry{Kind: session.Deposit, Text: text, Amount: n}
	}
	wd := func(text string, n int) session.LedgerEntry {
		return session.LedgerEntry{Kind: session.Withdrawal, Text: text, Amount: n}
	}
	check(t, []kase{
		{name: "a deposit", p: pLedger, keys: seq(typ("Shipped early"), "enter", "enter", "3"),
			want: session.Answer{Ledger: []session.LedgerEntry{dep("Shipped early", 3)}}},
		{name: "ctrl+t toggles from the text", p: pLedger, keys: seq(typ("Missed demo"), "ctrl+t"),
			want: session.Answer{Ledger: []session.LedgerEntry{wd("Missed demo", 1)}}},
		{name: "minus on the kind row", p: pLedger, keys: seq(typ("Late"), "down", "-", "down", "right", "right"),
			want: session.Answer{Ledger: []session.LedgerEntry{wd("Late", 3)}}},
		{name: "minus in the text is text", p: pLedger, keys: typ("-x+"),
			want: session.Answer{Ledger: []session.LedgerEntry{dep("-x+", 1)}}},
		{name: "enter at the end adds an entry", p: pLedger,
			keys: seq(typ("A"), "enter", "enter", "enter", typ("B"), "ctrl+t"),
			want: session.Answer{Ledger: []session.LedgerEntry{dep("A", 1), wd("B", 1)}}},
		{name: "ctrl+n adds an entry", p: pLedger, start: session.Answer{Ledger: []session.LedgerEntry{dep("A", 2)}},
			keys: seq("ctrl+n", typ("B")), want: session.Answer{Ledger: []session.LedgerEntry{dep("A", 2), dep("B", 1)}}},
		{name: "ctrl+d twice deletes", p: pLedger, start: session.Answer{Ledger: []session.LedgerEntry{dep("A", 2), wd("B", 1)}},
			keys: seq("ctrl+d", "ctrl+d"), want: session.Answer{Ledger: []session.LedgerEntry{wd("B", 1)}}},
		{name: "amount stays 1..5", p: pLedger, keys: seq(typ("x"), "down", "down", "9", "left", "left", "0"),
			want: session.Answer{Ledger: []session.LedgerEntry{dep("x", 1)}}},
		{name: "a blank entry is not written", p: pLedger, keys: seq("ctrl+n", "ctrl+n"), want: session.Answer{}},
	})
}

// TestRoundTrip: a field built from an answer gives it back unchanged.
func TestRoundTrip(t *testing.T) {
	cases := []struct {
		p playbooks.Prompt
		a session.Answer
	}{
		{pText, session.Answer{Text: "Head of ops, 40 people"}},
		{pText, session.Answer{}},
		{pLong, session.Answer{Text: "line one\n\nline three  \n"}},
		{pRating, session.Answer{Rating: 3}},
		{pRating, session.Answer{Rating: 3, Evidence: "kept though the prompt asks none"}},
		{pRatEv, session.Answer{Rating: 2, Evidence: "Two escalations in a month"}},
		{pChoice, session.Answer{Choices: []string{"Norming"}}},
		{pChoice, session.Answer{Choices: []string{"Gone", "Forming"}}},
		{pMulti, session.Answer{Choices: []string{"Calls", "Email", "Telepathy"}}},
		{pPercent, session.Answer{Number: num(82.5)}},
		{pPercent, session.Answer{Number: num(0)}},
		{pPercent, session.Answer{Number: num(40), Text: "4O"}},
		{pNumber, session.Answer{Number: num(-1234.0625)}},
		{pNumber, session.Answer{Number: num(1e21)}},
		{pNumber, session.Answer{Number: num(1e-7)}},
		{pList, session.Answer{Items: []string{"a", "b b", "c"}}},
		{pList, session.Answer{}},
		{pJourney, session.Answer{Stages: []session.JourneyStage{
			{Name: "Discover", Doing: "Search", Touchpoints: "Web", Feeling: -1, Pains: "Noise", Opportunities: "Guide"},
			{Name: "Buy", Feeling: 2}}}},
		{pLedger, session.Answer{Ledger: []session.LedgerEntry{
			{Kind: session.Deposit, Text: "Pilot on time", Amount: 3},
			{Kind: session.Withdrawal, Text: "", Amount: 2},
			{Kind: session.Deposit, Text: "Odd amount", Amount: 0}}}},
	}
	for _, c := range cases {
		t.Run(string(c.p.Kind), func(t *testing.T) {
			a := c.a
			a.PromptID, a.State = c.p.ID, session.StateAnswered
			f := New(c.p, a, DefaultStyles(true))
			// Moving around without typing changes nothing either.
			f.Focus()
			for _, m := range seq("up", "down", "up", "tab", "esc") {
				f, _ = f.Update(m)
			}
			if got := f.Answer(a); !reflect.DeepEqual(got, a) {
				t.Errorf("round trip\n got %s\nwant %s", showAnswer(got), showAnswer(a))
			}
			if f.Version() != 0 {
				t.Errorf("Version = %d after no change, want 0", f.Version())
			}
		})
	}
}

// TestAnswerKeepsOtherFields: Answer writes only its kind's fields.
func TestAnswerKeepsOtherFields(t *testing.T) {
	for _, p := range allPrompts() {
		t.Run(string(p.Kind), func(t *testing.T) {
			a := session.Answer{PromptID: "x", State: session.StateParked, Text: "", Rating: 0}
			f := New(p, session.Answer{}, PlainStyles())
			got := f.Answer(a)
			if got.PromptID != "x" || got.State != session.StateParked {
				t.Errorf("PromptID or State changed: %+v", got)
			}
		})
	}
}

func allPrompts() []playbooks.Prompt {
	return []playbooks.Prompt{pText, pLong, pRating, pRatEv, pChoice, pMulti, pPercent, pNumber, pList, pJourney, pLedger}
}

// TestVersion: the version moves exactly when the value does.
func TestVersion(t *testing.T) {
	cases := []struct {
		name  string
		p     playbooks.Prompt
		keys  []tea.Msg
		moved bool
	}{
		{"typing", pText, typ("a"), true},
		{"cursor move", pText, seq("left", "home"), false},
		{"score", pRating, seq("3"), true},
		{"same score", pRating, seq("3", "3"), true},
		{"move to evidence", pRatEv, seq("down", "up"), false},
		{"choice move", pChoice, seq("down"), false},
		{"choice pick", pChoice, seq("space"), true},
		{"percent draft", pPercent, typ("x"), true},
		{"list new empty item", pList, seq("enter", "enter", "up"), false},
		{"journey new stage", pJourney, seq("ctrl+n", "down"), false},
		{"journey feeling", pJourney, seq("down", "down", "down", "+"), true},
		{"ledger blank entries", pLedger, seq("ctrl+n", "ctrl+n", "up"), false},
		{"ledger toggle", pLedger, seq("ctrl+t"), true},
		{"runner keys", pLong, seq("tab", "shift+tab", "esc", "ctrl+c", "ctrl+k", "ctrl+e"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, c.p, session.Answer{}, c.keys)
			if moved := f.Version() > 0; moved != c.moved {
				t.Errorf("version moved = %v, want %v", moved, c.moved)
			}
		})
	}
	// Each change moves it again.
	f := run(t, pText, session.Answer{}, typ("abc"))
	if f.Version() < 3 {
		t.Errorf("three letters moved the version %d times, want 3", f.Version())
	}
}

// TestReservedKeys: the runner's keys are never consumed, in any kind and
// on any row.
func TestReservedKeys(t *testing.T) {
	for _, p := range allPrompts() {
		for _, pos := range [][]tea.Msg{nil, seq("down"), seq("down", "down", "down")} {
			f := run(t, p, session.Answer{}, pos)
			before := f.Answer(session.Answer{})
			for _, name := range []string{"tab", "shift+tab", "esc", "ctrl+c", "ctrl+k", "ctrl+e"} {
				var cmd tea.Cmd
				f, cmd = f.Update(k(name))
				if cmd != nil {
					t.Errorf("%s: %s returned a command", p.Kind, name)
				}
			}
			if f.Version() != 0 || !reflect.DeepEqual(f.Answer(session.Answer{}), before) {
				t.Errorf("%s: runner keys changed the answer", p.Kind)
			}
		}
	}
}

// TestKeysHaveHelp: every binding a field lists is explained in the help bar.
func TestKeysHaveHelp(t *testing.T) {
	for _, p := range allPrompts() {
		for _, pos := range [][]tea.Msg{nil, seq("down"), seq("down", "down", "down")} {
			f := run(t, p, session.Answer{}, pos)
			for _, b := range f.Keys() {
				if b.Help().Key == "" || b.Help().Desc == "" || len(b.Keys()) == 0 {
					t.Errorf("%s: binding %v has no help", p.Kind, b.Keys())
				}
				for _, ks := range b.Keys() {
					switch ks {
					case "tab", "shift+tab", "esc", "ctrl+c", "ctrl+k", "ctrl+e":
						t.Errorf("%s binds the runner's %s", p.Kind, ks)
					}
					if len([]rune(ks)) == 1 && ks >= "a" && ks <= "z" {
						t.Errorf("%s binds the letter %s", p.Kind, ks)
					}
				}
			}
		}
	}
}

// TestUnknownKind: a kind from a newer playbook is edited as long text.
func TestUnknownKind(t *testing.T) {
	p := playbooks.Prompt{ID: "future", Kind: "matrix"}
	f := run(t, p, session.Answer{Text: "x"}, seq(typ("y"), "enter", typ("z")))
	if got := f.Answer(session.Answer{}).Text; got != "xy\nz" {
		t.Errorf("text = %q", got)
	}
}
