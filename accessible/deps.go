package accessible

import (
	"fmt"
	"sync/atomic"
	"time"

	"rapport/session"
)

// Deps is what accessible mode needs from main, the same things the
// full-screen app is handed: it declares them here so it imports neither
// the store nor tui.
type Deps struct {
	Saver  Saver            // persists edits without blocking; nil: nothing is kept
	Status StatusSource     // save status from the writer; may be nil
	Now    func() time.Time // the clock; time.Now when nil
	NewID  func() string    // ULIDs for ad-hoc questions and captures
	// Export writes an exported summary atomically under name in the
	// export folder and returns its path. It replaces an existing file
	// only when replace is true; otherwise the error is fs.ErrExist, and
	// the facilitator is asked. nil: no export.
	Export func(name string, data []byte, replace bool) (path string, err error)
}

// Saver persists edits: Save hands one to the writer and never blocks;
// Flush waits until every edit handed so far is on disk. The store's
// writer implements it.
type Saver interface {
	Save(e session.Edit)
	Flush() error
}

// StatusSource gives the latest save status, so a failing disk is said
// once and its recovery once. tui.StatusFeed implements it.
type StatusSource interface {
	Latest() session.SaveStatus
}

func (d Deps) withDefaults() Deps {
	if d.Saver == nil {
		d.Saver = nopSaver{}
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.NewID == nil {
		var n atomic.Uint64
		d.NewID = func() string { return fmt.Sprintf("adhoc-%d-%d", time.Now().UnixNano(), n.Add(1)) }
	}
	return d
}

// nopSaver keeps nothing; it stands in when no store was given.
type nopSaver struct{}

func (nopSaver) Save(session.Edit) {}
func (nopSaver) Flush() error      { return nil }

// clean makes stored or playbook text safe to print (session.Sanitize).
func clean(s string) string { return session.Sanitize(s) }

// cleanLine is clean for a place that holds one line of plain text, read
// out as typed (session.PlainLine).
func cleanLine(s string) string { return session.PlainLine(s) }
