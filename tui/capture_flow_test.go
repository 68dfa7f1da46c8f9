package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

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
	tm, shot := probeProgram(t, New(deps, Start{Session: s, Typing: true}), 80, 24)
	waitFor(t, shot, "Acme Corp")

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

	final := finalApp(t, tm)
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

// TestFlowLibraryToFinished is the whole flow in the real program:
// the library, a new session through the form, three captures of
// different kinds, the wrap-up, finish, and back in the library with the
// session marked finished.
func TestFlowLibraryToFinished(t *testing.T) {
	c := newClock()
	saver := newMemSaver()
	lib := newMemLibrary()
	lib.saver = saver
	n := 0
	deps := Deps{Saver: saver, Sessions: lib, Prefs: &memPrefs{}, Playbooks: catalogue(),
		Now: c.Now, NoColor: true,
		NewID: func() string { n++; return "01HFLOW0000000000000000" + string(rune('A'+n-1)) + "00" }}
	tm, shot := probeProgram(t, New(deps, Start{Screen: StartLibrary}), 100, 30)
	wait := func(what string) {
		t.Helper()
		waitFor(t, shot, what)
	}
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	tab := tea.KeyPressMsg{Code: tea.KeyTab}
	ctrlK := tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	esc := tea.KeyPressMsg{Code: tea.KeyEscape}

	wait("No sessions yet")
	tm.Type("n") // the new-session form
	wait("Contacts")
	// Before typing into a field, wait for the help bar of that field: the
	// screen, not the diff stream, says where the focus is.
	tm.Type("Zenith Freight")
	tm.Send(tab)
	wait("new line") // the contacts
	tm.Type("Maria Lopez, Head of Operations")
	tm.Send(tab)
	wait("enter next") // the facilitator
	tm.Type("Sam")
	tm.Send(tab)
	wait("enter submit") // the playbook
	tm.Send(enter)       // the first playbook
	wait("TYPING")

	tm.Send(ctrlK)
	tm.Type("q")
	tm.Type("Every handover costs us a day")
	tm.Send(enter)
	tm.Send(ctrlK)
	tm.Type("p")
	tm.Type("Invoices re-keyed by hand")
	tm.Send(tab)
	tm.Type("4")
	tm.Send(tab)
	tm.Type("2")
	tm.Send(enter)
	tm.Send(ctrlK)
	tm.Type("a")
	tm.Type("Send the pilot plan")
	tm.Send(enter)
	tm.Send(esc)
	tm.Type("W")
	tm.Type("F")
	tm.Type("L") // back to the library
	wait("1 session")
	tm.Type("q")
	final := finalApp(t, tm)
	var row string
	for _, l := range strings.Split(ansi.Strip(final.View().Content), "\n") {
		if strings.Contains(l, "Zenith Freight") {
			row = l
		}
	}
	if !strings.Contains(row, "finished") {
		t.Fatalf("the library's row for the session: %q, want it finished\n%s", row, ansi.Strip(final.View().Content))
	}

	idx, _ := lib.List()
	if len(idx) != 1 || idx[0].Client != "Zenith Freight" || idx[0].Status != session.StatusFinished {
		t.Fatalf("library lists %+v, want Zenith Freight finished", idx)
	}
	s, err := lib.Load(idx[0].ID)
	if err != nil || s.Facilitator != "Sam" || len(s.Contacts) != 1 || s.Contacts[0].Role != "Head of Operations" {
		t.Fatalf("the form's session: %+v, %v", s.Header, err)
	}
	kinds := map[session.CaptureKind]int{}
	for _, e := range saver.edits {
		if e.Capture != nil {
			kinds[e.Capture.Kind]++
		}
	}
	if kinds[session.CaptureQuote] != 1 || kinds[session.CapturePain] != 1 || kinds[session.CaptureAction] != 1 {
		t.Fatalf("captures saved: %v", kinds)
	}
}
