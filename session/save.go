package session

import (
	"fmt"
	"time"
)

// SaveState is where saving stands: the "saved / saving / not saved" mark
// every screen shows. It is defined here, beside Edit, because the store's
// writer reports it and the screens draw it, and neither imports the other.
type SaveState int

// Save states. The zero value is SaveSaved, so a front end without a status
// feed shows "saved" rather than an alarming unknown.
const (
	// SaveSaved: everything handed to the writer so far is on disk.
	SaveSaved SaveState = iota
	// SaveSaving: a write is running.
	SaveSaving
	// SaveFailed: the last write failed; the edits stay in memory and are
	// retried.
	SaveFailed
)

// String names the state for logs and tests.
func (s SaveState) String() string {
	switch s {
	case SaveSaved:
		return "saved"
	case SaveSaving:
		return "saving"
	case SaveFailed:
		return "failed"
	}
	return fmt.Sprintf("SaveState(%d)", int(s))
}

// SaveStatus is what the writer reports after each step, so a screen can say
// "not saved" (with why) while the disk is full and "saved" once it is back.
type SaveStatus struct {
	State SaveState
	// Err is the failure when State is SaveFailed. With SaveSaved it names
	// edits dropped because their session is no longer stored (deleted while
	// they were pending): they could never be written, and the rest were.
	Err error
	At  time.Time // when this status was reached
	// Pending counts the edits (merged by key) not yet on disk.
	Pending int
}
