package accessible

import (
	"testing"

	"rapport/playbooks"
	"rapport/session"
)

// TestEveryKindHasAnAccessibleEntry: accessible mode can say how to answer
// every kind, take its answer and read every answer value out; a kind it
// does not know is taken as the fallback kind, as the full-screen editor
// takes it.
func TestEveryKindHasAnAccessibleEntry(t *testing.T) {
	for _, k := range playbooks.Kinds {
		e, ok := kindEntries[k]
		if !ok || e.how == nil || e.enter == nil {
			t.Errorf("kind %s has no accessible entry", k)
			continue
		}
		if e.how(playbooks.Prompt{Kind: k, Options: []string{"One"}}) == "" {
			t.Errorf("kind %s: how to answer is empty", k)
		}
	}
	for _, v := range playbooks.Values {
		if answerReaders[v] == nil {
			t.Errorf("answer value %d has no reader", v)
		}
	}
	unknown := howToAnswer(playbooks.Prompt{Kind: "matrix"})
	if want := howToAnswer(playbooks.Prompt{Kind: playbooks.FallbackKind}); unknown != want {
		t.Errorf("an unknown kind is told as %q, want the fallback's %q", unknown, want)
	}
}

// TestAccessibleDate: a date is asked for in words, typed as a capture's
// due date is or as a day gone by (read against the session's clock),
// refused with one line when it is not one, said back as the day it names,
// stored as that day and read out.
func TestAccessibleDate(t *testing.T) {
	c := newClock() // Saturday 14 March 2026
	pb := playbooks.Playbook{ID: "d", Title: "D", Version: 1, Phases: []playbooks.Phase{{ID: "one", Title: "One",
		Prompts: []playbooks.Prompt{
			{ID: "last", Kind: playbooks.KindDate, Question: "When did this last happen?"},
			{ID: "next", Kind: playbooks.KindDate, Question: "And the next time?"},
		}}}}
	sess := session.New("01HACCESS00000000000000000", c.Now(), "Acme", pb)
	m := newMemSaver()
	out := runA(t, sess, m, c, lines("last spring", "last fri", "", "fri", "jump 1", "quit"))
	wantSaid(t, out,
		"Kind: Date: type YYYY-MM-DD, today, yesterday, -3d, +2w, fri or last fri.",
		`"last spring" is not a date: type YYYY-MM-DD`,
		"Read as Friday 13 March 2026.\nSaved. State: answered.",
		"Read as Friday 20 March 2026.",
		"Answer: 2026-03-13",
	)
	stored := m.load(pb)
	if got := stored.AnswerFor("last"); got.Text != "2026-03-13" || got.State != session.StateAnswered {
		t.Errorf("last fri on Saturday 14 March = %+v, want 2026-03-13", got)
	}
	if got := stored.AnswerFor("next").Text; got != "2026-03-20" {
		t.Errorf("fri on Saturday 14 March read as %q, want 2026-03-20", got)
	}
	// The past in every form ParseDate reads (its table is in session).
	for in, want := range map[string]string{"yesterday": "2026-03-13", "-3d": "2026-03-11", "-2w": "2026-02-28"} {
		sess := session.New("01HACCESS00000000000000000", c.Now(), "Acme", pb)
		m := newMemSaver()
		runA(t, sess, m, c, lines(in, "quit"))
		if got := m.load(pb).AnswerFor("last").Text; got != want {
			t.Errorf("%q on Saturday 14 March read as %q, want %s", in, got, want)
		}
	}
}
