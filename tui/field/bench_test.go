package field

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// benchKeystroke measures what the runner does per key in typing mode:
// Update, Answer (the version moved) and View, at 76 by 20 cells.
func benchKeystroke(b *testing.B, p playbooks.Prompt, a session.Answer, pre []tea.Msg) {
	f := New(p, a, DefaultStyles(true))
	f.SetSize(76, 20)
	f.Focus()
	for _, m := range pre {
		f, _ = f.Update(m)
	}
	keys := []tea.Msg{k("a"), k("backspace")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, _ = f.Update(keys[i%2])
		_ = f.Answer(a)
		_ = f.View()
	}
}

func lines(n int) string {
	l := strings.Repeat("word ", 14)
	return strings.TrimSuffix(strings.Repeat(l+"\n", n), "\n")
}

func BenchmarkKeystrokeLongText20Lines(b *testing.B) {
	benchKeystroke(b, pLong, session.Answer{Text: lines(20)}, nil)
}

func BenchmarkKeystrokeLongText1000Lines(b *testing.B) {
	benchKeystroke(b, pLong, session.Answer{Text: lines(1000)}, nil)
}

func BenchmarkKeystrokeText(b *testing.B) {
	benchKeystroke(b, pText, session.Answer{Text: "Head of operations"}, nil)
}

func BenchmarkKeystrokePercent(b *testing.B) {
	benchKeystroke(b, pPercent, session.Answer{Number: num(85)}, nil)
}

func BenchmarkKeystrokeList200Items(b *testing.B) {
	items := make([]string, 200)
	for i := range items {
		items[i] = "an item of a long list of goals"
	}
	benchKeystroke(b, pList, session.Answer{Items: items}, seq("down", "down", "down"))
}

func BenchmarkKeystrokeJourney50Stages(b *testing.B) {
	st := make([]session.JourneyStage, 50)
	for i := range st {
		st[i] = session.JourneyStage{Name: "Stage", Doing: "Something", Touchpoints: "Web", Feeling: 1, Pains: "Some", Opportunities: "More"}
	}
	benchKeystroke(b, pJourney, session.Answer{Stages: st}, seq("pgdown", "pgdown"))
}

func BenchmarkKeystrokeLedger200Entries(b *testing.B) {
	es := make([]session.LedgerEntry, 200)
	for i := range es {
		es[i] = session.LedgerEntry{Kind: session.Deposit, Text: "Shipped on time", Amount: 2}
	}
	benchKeystroke(b, pLedger, session.Answer{Ledger: es}, nil)
}

// BenchmarkRatingKey is a score change, the cheapest field.
func BenchmarkRatingKey(b *testing.B) {
	f := New(pRatEv, session.Answer{}, DefaultStyles(true))
	f.SetSize(76, 20)
	f.Focus()
	keys := []tea.Msg{k("3"), k("4")}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		f, _ = f.Update(keys[i%2])
		_ = f.Answer(session.Answer{})
		_ = f.View()
	}
}
