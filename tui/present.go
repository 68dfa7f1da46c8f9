package tui

import (
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// Present mode is for screen sharing: the client sees the session, never
// the facilitator's side of it. While it is on, tips, internal prompts,
// internal captures, facilitator notes and the internal copy of the
// summary are hidden on every screen, and the header says PRESENTING so
// the facilitator always knows which face of the app is showing. The root
// holds the switch and hands it to every screen; a screen asks for a
// toggle with togglePresent.

// presentToggledMsg asks the root to switch present mode on every screen.
type presentToggledMsg struct{}

// togglePresent is the command a screen returns for the present-mode key.
func togglePresent() tea.Msg { return presentToggledMsg{} }

// showSummaryMsg asks the root to open the summary of sess, or of the
// session being run when sess is nil.
type showSummaryMsg struct{ sess *session.Session }

// openSummaryMsg asks the root to open the summary of a stored session,
// as the library does: it is loaded in a command, then shown. esc on the
// summary comes back to the screen that asked.
type openSummaryMsg struct{ id string }

// loadSummary loads session id for the summary off the UI goroutine. A
// failure comes back as a failed sessionLoadedMsg, which the library
// already reports.
func loadSummary(lib Library, id string) tea.Cmd {
	if lib == nil {
		return nil
	}
	return func() tea.Msg {
		s, err := lib.Load(id)
		if err != nil {
			return sessionLoadedMsg{err: err}
		}
		return showSummaryMsg{sess: s}
	}
}

// hiddenWhilePresenting reports whether a capture stays off screen in
// present mode: internal captures and the facilitator's notes (which the
// client's summary leaves out as well).
func hiddenWhilePresenting(c session.Capture) bool {
	return c.HiddenFromClient()
}

// setPresent switches present mode on the runner. The cursor stays on its
// prompt, or moves to the next one the client may see when it was on an
// internal prompt (session.Walker.SetPresent).
func (r *runner) setPresent(on bool) {
	if r.present == on {
		return
	}
	r.commitField()
	r.present = on
	if r.walk.SetPresent(on) {
		r.rebuildField()
		return
	}
	r.sizeField() // the tips came or went
}

// togglePresent switches present mode on every screen that obeys it.
func (a App) togglePresent() (App, tea.Cmd) {
	a.present = !a.present
	if a.runner != nil {
		a.runner.setPresent(a.present)
	}
	if a.pains != nil {
		a.pains.setPresent(a.present)
	}
	if a.board != nil {
		a.board.setPresent(a.present)
	}
	if a.lib != nil {
		a.lib.setPresent(a.present)
	}
	if a.sum != nil {
		return a, a.sum.setPresent(a.present)
	}
	return a, nil
}
