package store

import (
	"path/filepath"
	"testing"
	"time"

	"rapport/playbooks"
	"rapport/session"
)

// TestMigrateNotesInternal: a store of schema 1 opened by this rapport
// keeps every note out of the client's copy, as schema 1 did; nothing else
// changes.
func TestMigrateNotesInternal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rapport.db")
	old, err := openWith(path, nil) // schema 1, as rapport wrote it before
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sess := session.New("01JQ0000000000000000000001", now, "Acme", playbooks.Playbook{ID: "empty"})
	for _, c := range []session.Capture{
		{ID: "n1", Kind: session.CaptureNote, Text: "Bob is wary"},
		{ID: "n2", Kind: session.CaptureNote, Text: "Marked internal", Internal: true},
		{ID: "q1", Kind: session.CaptureQuote, Text: "We find out from customers"},
	} {
		sess.PutCapture(c, now)
	}
	if err := old.Create(sess); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Load(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"n1": true, "n2": true, "q1": false}
	for i, c := range got.Captures {
		if c.Internal != want[c.ID] || c.ID != sess.Captures[i].ID || c.Text != sess.Captures[i].Text {
			t.Errorf("capture %d after the migration = %+v, want internal %v and otherwise as stored", i, c, want[c.ID])
		}
	}
}
