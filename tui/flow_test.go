package tui

import (
	"bytes"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"rapport/session"
)

// probeProgram runs app in a real program at w x h, keeping its latest
// plain view, so a flow waits on what the screen shows (waitFor) rather
// than on the terminal's diff stream, where a word already drawn is never
// written again, and never on time.
func probeProgram(t *testing.T, app App, w, h int) (*teatest.TestModel, *viewShot) {
	t.Helper()
	shot := &viewShot{ch: make(chan struct{})}
	tm := teatest.NewTestModel(t, probe{App: app, shot: shot}, teatest.WithInitialTermSize(w, h))
	return tm, shot
}

// TestFlowAnswerParkJumpQuitResume runs the real program: a new session,
// three answers of different kinds, one parked, a jump through the index,
// quit; then the stored session reopens on the same prompt with the same
// values.
func TestFlowAnswerParkJumpQuitResume(t *testing.T) {
	c := newClock()
	saver := newMemSaver()
	deps := Deps{Saver: saver, Now: c.Now, NewID: func() string { return "id" }, NoColor: true}
	s := newTestSession(c)
	tm, shot := probeProgram(t, New(deps, Start{Session: s, Typing: true}), 80, 24)
	waitFor(t, shot, "Acme Corp")

	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	tab := tea.KeyPressMsg{Code: tea.KeyTab}
	// long_text, two lines
	tm.Type("Logistics firms")
	tm.Send(enter)
	tm.Type("Ops managers")
	tm.Send(tab) // drivers: left open
	tm.Send(tab) // role: one line of text
	tm.Type("COO")
	tm.Send(tab) // trust: rating 4 with evidence
	tm.Type("4")
	tm.Send(enter)
	tm.Type("They renewed")
	tm.Send(tab) // channel: choice, pick the second
	tm.Type("2")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Type("z") // park it
	tm.Type("g") // index, filter, jump
	tm.Type("drivers")
	tm.Send(enter) // typing on drivers at once
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Type("q")

	final := finalApp(t, tm)
	if st, _ := final.runner.step(); st.Prompt.ID != "drivers" {
		t.Fatalf("final cursor on %q, want drivers", st.Prompt.ID)
	}

	stored := saver.load(testPlaybook())
	want := map[string]func(a session.Answer) bool{
		"who-they-serve": func(a session.Answer) bool {
			return a.Text == "Logistics firms\nOps managers" && a.State == session.StateAnswered
		},
		"role":  func(a session.Answer) bool { return a.Text == "COO" },
		"trust": func(a session.Answer) bool { return a.Rating == 4 && a.Evidence == "They renewed" },
		"channel": func(a session.Answer) bool {
			return len(a.Choices) == 1 && a.Choices[0] == "Chat" && a.State == session.StateParked
		},
	}
	for id, ok := range want {
		if a := stored.AnswerFor(id); !ok(a) {
			t.Errorf("stored %s = %+v", id, a)
		}
	}

	// Resume from what was stored: same prompt, same values on screen.
	h := newHarness(t, stored, true, 80, 24)
	if got := h.cursorID(); got != "drivers" {
		t.Fatalf("resumed on %q, want drivers", got)
	}
	h.send(kShiftTab)
	h.send(kShiftTab)
	h.send(kShiftTab)
	if got := h.cursorID(); got != "who-they-serve" {
		t.Fatalf("cursor %q", got)
	}
	v := h.view()
	if !bytes.Contains([]byte(v), []byte("Ops managers")) {
		t.Fatalf("resumed view lacks the answer:\n%s", v)
	}
	h.send(kEsc, kr('n'), kr('j'))
	if v := h.view(); !bytes.Contains([]byte(v), []byte("parked")) || !bytes.Contains([]byte(v), []byte("Chat")) {
		t.Fatalf("resumed view of the parked choice:\n%s", v)
	}
}
