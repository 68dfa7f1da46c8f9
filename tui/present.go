package tui

import (
	tea "charm.land/bubbletea/v2"

	"rapport/session"
	"rapport/tui/field"
)

// Present mode is for screen sharing: the client sees the session, never
// the facilitator's side of it. While it is on, goals, tips, a prompt's help,
// probes and what to listen for, flags, internal prompts, internal
// captures, facilitator notes and the internal copy of the summary are
// hidden on every screen, and the header says PRESENTING so
// the facilitator always knows which face of the app is showing. The root
// holds the switch and hands it to every screen; a screen asks for a
// toggle with togglePresent (messages.go).

// hiddenWhilePresenting reports whether a capture stays off screen in
// present mode: internal captures and the facilitator's notes (which the
// client's summary leaves out as well).
func hiddenWhilePresenting(c session.Capture) bool {
	return c.HiddenFromClient()
}

// presenting reports whether present mode is on. The walker holds the
// switch, since it decides which prompts the client may see; the runner
// keeps no copy of it.
func (r *runner) presenting() bool { return r.walk.Present() }

// setPresent switches present mode on the runner. The cursor stays on its
// prompt, or moves to the next one the client may see when it was on an
// internal prompt (session.Walker.SetPresent).
func (r *runner) setPresent(on bool) tea.Cmd {
	if r.presenting() == on {
		return nil
	}
	r.commitField()
	if r.walk.SetPresent(on) {
		r.rebuildField()
		return nil
	}
	if st, ok := r.step(); ok && r.fld != nil {
		field.HideFlag(r.fld, r.flagHidden(st.Prompt))
	}
	r.sizeField() // the tips, help, probes and what to listen for came or went
	return nil
}
