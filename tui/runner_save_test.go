package tui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// What the runner shows of saving: the status in its header, the feed it
// reads the writer from, and quitting while the disk refuses writes.

func TestSaveIndicator(t *testing.T) {
	h := newHarness(t, nil, true, 100, 24)
	cases := []struct {
		st   SaveStatus
		want string
	}{
		{SaveStatus{State: SaveSaving, Pending: 2}, "saving…"},
		{SaveStatus{State: SaveFailed, Err: errors.New("read-only file system")}, "not saved: read-only file system (retrying)"},
		{SaveStatus{State: SaveSaved}, "saved"},
	}
	for _, c := range cases {
		h.send(saveStatusMsg(c.st))
		first := strings.SplitN(h.view(), "\n", 2)[0]
		if !strings.HasSuffix(strings.TrimRight(first, " "), c.want) {
			t.Errorf("header %q, want it to end with %q", first, c.want)
		}
	}
}

func TestStatusFeedLatestWinsAndNeverBlocks(t *testing.T) {
	f := NewStatusFeed()
	for i := range 1000 { // nobody reads: Publish must not block
		f.Publish(SaveStatus{State: SaveSaving, Pending: i})
	}
	f.Publish(SaveStatus{State: SaveFailed, Err: errors.New("disk full")})
	msg := f.listen()()
	got, ok := msg.(saveStatusMsg)
	if !ok || got.State != SaveFailed || got.Err == nil {
		t.Fatalf("listen gave %#v, want the latest (failed) status", msg)
	}
	// The app re-listens after each status.
	h := newHarness(t, nil, true, 80, 24)
	h.app.deps.Status = f
	if cmd := h.send(got); cmd == nil {
		t.Fatal("the app stopped listening for save status")
	}
	var nilFeed *StatusFeed
	if nilFeed.listen() != nil {
		t.Fatal("a nil feed should not be listened to")
	}
}

// TestQuitWhileNotSavedAsksTwice: while the disk refuses writes, what was
// typed lives only in the running app, so the first quit key warns and the
// app quits by itself once everything is saved again, or at a second press.
// A signal (quitMsg) is never held back: a dropped ssh cannot answer.
func TestQuitWhileNotSavedAsksTwice(t *testing.T) {
	for _, k := range []tea.Msg{kCtrlC, kr('q')} {
		h := newHarness(t, nil, false, 80, 24)
		h.send(saveStatusMsg{State: SaveFailed, Err: errors.New("no space left on device")})
		if h.quits(k) {
			t.Fatalf("%v quit at once while saves were failing", k)
		}
		if !strings.Contains(h.view(), "rapport quits as soon as it is") {
			t.Fatalf("no warning on screen:\n%s", h.view())
		}
		if !h.quits(k) {
			t.Fatalf("a second %v did not quit", k)
		}
	}
	h := newHarness(t, nil, false, 80, 24)
	h.send(saveStatusMsg{State: SaveFailed, Err: errors.New("disk full")})
	h.quits(kCtrlC)
	if isQuit(h.send(saveStatusMsg{State: SaveSaving, Pending: 2})) {
		t.Fatal("quit while the retry was still writing")
	}
	if !isQuit(h.send(saveStatusMsg{State: SaveSaved})) {
		t.Fatal("a quit asked while saves failed did not go ahead once all was saved")
	}
	h = newHarness(t, nil, false, 80, 24)
	h.send(saveStatusMsg{State: SaveFailed, Err: errors.New("disk full")})
	if !isQuit(h.send(quitMsg{})) {
		t.Fatal("a signal's quit was held back")
	}
}
