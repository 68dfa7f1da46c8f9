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

// libraryMsg is a result that belongs to the library screen, whichever
// screen is active when it arrives.
type libraryMsg interface{ forLibrary() }

// newSessionResultMsg is a result that belongs to the new-session form.
type newSessionResultMsg interface{ forNewSession() }
