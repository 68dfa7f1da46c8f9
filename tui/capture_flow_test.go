package tui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"rapport/session"
)

// TestFlowCapturesWrapUpFinish runs the real program: while typing an
// answer, a quote, a pain and an action are captured through ctrl+k, the
// answer goes on where it stopped, the wrap-up flags the action without an
// owner, and the session is finished and saved.
func TestFlowCapturesWrapUpFinish(t *testing.T) {
	c := newClock()
	saver := newMemSaver()
	n := 0
	deps := Deps{Saver: saver, Now: c.Now, NoColor: true,
		NewID: func() string { n++; return "cap-" + string(rune('a'+n-1)) }}
	s := newTestSession(c)
	tm := teatest.NewTestModel(t, New(deps, Start{Session: s, Typing: true}), teatest.WithInitialTermSize(80, 24))
	wait := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	wait("Acme Corp")

	ctrlK := tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	tab := tea.KeyPressMsg{Code: tea.KeyTab}

	tm.Type("Logistics firms")
	tm.Send(ctrlK)
	tm.Type("q")
	tm.Type("Every handover costs us a day")
	tm.Send(enter)
	tm.Send(ctrlK)
	tm.Type("p")
	tm.Type("Invoices re-keyed by hand #finance")
	tm.Send(tab)
	tm.Type("4")
	tm.Send(tab)
	tm.Type("2")
	tm.Send(enter)
	tm.Send(ctrlK)
	tm.Type("a")
	tm.Type("Send the pilot plan")
	tm.Send(tab)
	tm.Send(tab)
	tm.Type("+3d")
	tm.Send(enter)
	tm.Type(" and ports") // the answer goes on where it stopped

	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Type("W") // the wrap-up lists the action without an owner; F finishes anyway
	tm.Type("F")
	tm.Type("q")

	final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(App)
	if !ok {
		t.Fatal("final model is not the App")
	}
	got := final.runner.sess
	if got.Status != session.StatusFinished {
		t.Errorf("status %q, want finished", got.Status)
	}
	if a := got.AnswerFor("who-they-serve").Text; a != "Logistics firms and ports" {
		t.Errorf("answer %q", a)
	}
	kinds := map[session.CaptureKind]session.Capture{}
	for _, e := range saver.edits {
		if e.Capture != nil {
			kinds[e.Capture.Kind] = *e.Capture
		}
	}
	if q := kinds[session.CaptureQuote]; q.Text != "Every handover costs us a day" {
		t.Errorf("quote %+v", q)
	}
	if p := kinds[session.CapturePain]; p.Impact != 4 || p.Effort != 2 || len(p.Tags) != 1 || p.Tags[0] != "finance" {
		t.Errorf("pain %+v", p)
	}
	if a := kinds[session.CaptureAction]; a.Due != "2026-03-17" || a.Owner != "" {
		t.Errorf("action %+v", a)
	}
	if last := saver.last(); last.Header.Status != session.StatusFinished {
		t.Errorf("last save has status %q", last.Header.Status)
	}
}
