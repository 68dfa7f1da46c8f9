package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// Messages are named for what happened. They are unexported: only this
// package's commands produce them.

// saveStatusMsg is the latest save status from the StatusFeed.
type saveStatusMsg SaveStatus

// tickMsg is the runner's one-second clock; gen tells a live tick chain from
// one that was replaced, so two chains never run at once.
type tickMsg struct {
	gen int
	at  time.Time
}

// editorReadyMsg says the answer was written to a temp file for $EDITOR.
type editorReadyMsg struct {
	promptID string
	path     string
	err      error
}

// editorExitedMsg says $EDITOR returned (err is its failure, if any).
type editorExitedMsg struct {
	promptID string
	path     string
	err      error
}

// editorReadMsg carries the text read back from the temp file at path.
type editorReadMsg struct {
	promptID string
	path     string
	text     string
	err      error
}

// quitMsg asks the app to save where the facilitator is and quit; Run sends
// it on SIGHUP and SIGTERM so a closed window saves like the quit key.
type quitMsg struct{}

// askQuitMsg is a quit key (q, ctrl+c): like quitMsg, but while saves are
// failing the first one only warns, since quitting would lose what is not
// on disk. A signal cannot be asked, so it sends quitMsg.
type askQuitMsg struct{}

func askQuit() tea.Msg { return askQuitMsg{} }

// panicMsg carries a panic recovered in a command back to Run as an error.
type panicMsg struct{ err error }

// Moving between screens. A screen asks for a move by returning one of
// these; the root model makes it.

// showLibraryMsg asks to leave the current screen for the library.
type showLibraryMsg struct{}

// showNewSessionMsg asks for the new-session form, starting from in.
type showNewSessionMsg struct{ in NewSessionInput }

// openSessionMsg asks to load the session id and run it.
type openSessionMsg struct{ id string }

// sessionLoadedMsg says a session was loaded (or created) and can run; the
// runner opens on it in typing mode. err says why it could not be.
type sessionLoadedMsg struct {
	sess *session.Session
	err  error
}

// newSessionCancelledMsg says the facilitator left the form without
// creating a session.
type newSessionCancelledMsg struct{}

// backMsg asks to go back to the screen below the one in sight (esc on
// every screen the runner or the library opens).
type backMsg struct{}

// presentToggledMsg asks the root to switch present mode on every screen.
type presentToggledMsg struct{}

// togglePresent is the command a screen returns for the present-mode key.
func togglePresent() tea.Msg { return presentToggledMsg{} }

// showSummaryMsg asks to open the summary of sess, or of the session being
// run when sess is nil.
type showSummaryMsg struct{ sess *session.Session }

// openSummaryMsg asks to open the summary of a stored session, as the
// library does: it is loaded in a command, then shown.
type openSummaryMsg struct{ id string }

// showPainsMsg asks to open the pains screen on the open session.
type showPainsMsg struct{}

// showRoadmapMsg asks to open the roadmap board, with the item focus
// selected when it is set.
type showRoadmapMsg struct{ focus string }

// showJourneyMsg asks to open the journey map of the open session.
type showJourneyMsg struct{}

// showSynthesisMsg asks to open the scorecards, flags and trust ledger of
// the open session.
type showSynthesisMsg struct{}

// showTimelineMsg asks to open the timeline of client. current is the
// session open in the runner, if any: it is shown as it is in memory
// rather than as last saved.
type showTimelineMsg struct {
	client  string
	current *session.Session
	focus   string // the session to select, by id; empty: current or the latest
	// followUp opens the playbook choice for a follow-up session as soon
	// as the sessions are loaded (F in the runner).
	followUp bool
	// known are sessions the runner holds in memory besides current (the
	// origins of its carried items): the timeline uses them as they are,
	// so an item closed there is closed in the runner too.
	known []*session.Session
}

// msgCmd is a command that delivers msg.
func msgCmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// Results that belong to one screen reach it whichever screen is in sight
// (ownedMsg, router.go).
func (tickMsg) owner() screen         { return screenRunner }
func (editorReadyMsg) owner() screen  { return screenRunner }
func (editorExitedMsg) owner() screen { return screenRunner }
func (editorReadMsg) owner() screen   { return screenRunner }
