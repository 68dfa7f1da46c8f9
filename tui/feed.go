package tui

import (
	"sync"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// Saver persists edits. The store's writer implements it: Save hands an edit
// to the writer goroutine and never blocks a keystroke; Flush waits until
// every edit handed so far is on disk (or reports why it is not).
type Saver interface {
	Save(e session.Edit)
	Flush() error
}

// SaveState is where saving stands, as the header's indicator shows it.
type SaveState int

// Save states. The zero value is SaveSaved, so an app without a status feed
// shows "saved" rather than an alarming unknown.
const (
	SaveSaved  SaveState = iota // everything handed to the writer is on disk
	SaveSaving                  // edits are waiting for the writer
	SaveFailed                  // the last write failed; the writer retries
)

// SaveStatus is what the writer reports after each attempt: the state, the
// error of a failed write, and how many edits wait.
type SaveStatus struct {
	State   SaveState
	Err     error
	Pending int
}

// StatusFeed carries save status from the writer goroutine to the UI. Only
// the latest status matters, so Publish overwrites instead of queueing and
// never blocks the writer, whatever the UI is doing.
type StatusFeed struct {
	mu     sync.Mutex
	latest SaveStatus
	ready  chan struct{} // holds one token while an unread status waits
}

// NewStatusFeed returns an empty feed, ready for Publish.
func NewStatusFeed() *StatusFeed {
	return &StatusFeed{ready: make(chan struct{}, 1)}
}

// Publish replaces the latest status and wakes the UI if it is waiting.
func (f *StatusFeed) Publish(s SaveStatus) {
	f.mu.Lock()
	f.latest = s
	f.mu.Unlock()
	select {
	case f.ready <- struct{}{}:
	default: // a wake-up is already pending; it will read this status
	}
}

// Latest returns the most recent status without waiting.
func (f *StatusFeed) Latest() SaveStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.latest
}

// wait blocks until a status newer than the last one read is published.
func (f *StatusFeed) wait() SaveStatus {
	<-f.ready
	return f.Latest()
}

// listen is the command that waits on the feed, off the UI goroutine, and
// brings the next status back as a message. The receiver re-issues it.
func (f *StatusFeed) listen() tea.Cmd {
	if f == nil {
		return nil
	}
	return func() tea.Msg { return saveStatusMsg(f.wait()) }
}
