package e2e

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"rapport/session"
	"rapport/store"
	"rapport/store/storetest"
)

// TestLibraryListsTheRestOnceDrawn: the real binary's library draws the
// newest sessions first and reads the rest once that frame is on the
// terminal (tui's afterDrawn, watching what Bubble Tea writes): G then
// goes to the oldest of 200 sessions, past the first 120 read.
func TestLibraryListsTheRestOnceDrawn(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	if err := os.MkdirAll(filepath.Dir(h.db), 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(h.db)
	if err != nil {
		t.Fatal(err)
	}
	if err := storetest.Fill(s, 199, 1); err != nil {
		t.Fatal(err)
	}
	// The oldest, by a name no other session has.
	old := session.New("01HOLDEST00000000000000000", storetest.Epoch.Add(-24*time.Hour), "Oldest Unique Ltd", storetest.Playbook())
	if err := s.Create(old); err != nil {
		t.Fatal(err)
	}
	newest, total, err := s.ListNewest(1)
	if err != nil || total != 200 {
		t.Fatalf("ListNewest: %d sessions, %v", total, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	tm := h.start(t, 30, 100, nil)
	tm.mustSee(0, newest[0].Client, 10*time.Second)
	tm.mustSee(0, "200 sessions", 10*time.Second)
	m := tm.mark()
	tm.write([]byte("G"))
	tm.mustSee(m, "Oldest Unique Ltd", 10*time.Second)
	tm.write([]byte("q"))
	if err := tm.wait(10 * time.Second); err != nil {
		t.Fatalf("rapport after q: %v", err)
	}
}
