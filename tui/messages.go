package tui

import "time"

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

// editorReadMsg carries the text read back from the temp file.
type editorReadMsg struct {
	promptID string
	text     string
	err      error
}

// quitMsg asks the app to save where the facilitator is and quit; Run sends
// it on SIGHUP and SIGTERM so a closed window saves like the quit key.
type quitMsg struct{}

// panicMsg carries a panic recovered in a command back to Run as an error.
type panicMsg struct{ err error }
