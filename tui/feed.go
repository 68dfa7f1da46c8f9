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

// SaveState and SaveStatus are defined once, in session, beside Edit: the
// store's writer reports them, the screens draw them.
type (
	SaveState  = session.SaveState
	SaveStatus = session.SaveStatus
)

// Save states, as session names them.
const (
	SaveSaved  = session.SaveSaved
	SaveSaving = session.SaveSaving
	SaveFailed = session.SaveFailed
)

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
