package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/playbooks"
	"rapport/session"
)

// TestPendingSetMatchesMemory drives random edits through the merge logic
// the writer uses (random batch boundaries, random failed writes merged back
// under newer edits) and checks that the store ends up exactly like the
// session in memory: merging never reorders or loses anything.
func TestPendingSetMatchesMemory(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 1))
			s, err := Open(filepath.Join(t.TempDir(), "rapport.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			s.db.NoSync = true // this checks merging, not durability
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			sess := session.New("S", now, "Acme", playbooks.Playbook{ID: "empty"})
			if err := s.Create(sess); err != nil {
				t.Fatal(err)
			}
			pending := newPendingSet()
			for step := range 200 {
				now = now.Add(time.Second)
				id := fmt.Sprintf("k%d", rng.IntN(4))
				var e session.Edit
				switch rng.IntN(6) {
				case 0:
					e = sess.PutCapture(session.Capture{ID: id, Text: fmt.Sprint(step)}, now)
				case 1:
					e = sess.DeleteCapture(id, now)
				case 2:
					e = sess.PutRoadmap(session.RoadmapItem{ID: id, Title: fmt.Sprint(step)}, now)
				case 3:
					e = sess.DeleteRoadmap(id, now)
				case 4:
					e = sess.PutAnswer(session.Answer{PromptID: id, Text: fmt.Sprint(step)}, now)
				case 5:
					e = sess.MoveCursor(id, now)
				}
				pending.add(e)
				if rng.IntN(4) > 0 {
					continue // more edits pile up while a write runs
				}
				batch := pending
				pending = newPendingSet()
				for range rng.IntN(3) { // newer edits arrive during the write
					now = now.Add(time.Second)
					pending.add(sess.PutCapture(session.Capture{ID: id, Text: "during"}, now))
				}
				if rng.IntN(3) == 0 { // the write fails: merge back, newer wins
					batch.merge(pending)
					pending = batch
					continue
				}
				if err := s.Apply(batch.edits()...); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Apply(pending.edits()...); err != nil {
				t.Fatal(err)
			}
			got, err := s.Load("S")
			if err != nil {
				t.Fatal(err)
			}
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(sess)
			if !bytes.Equal(g, w) {
				t.Fatalf("store and memory differ:\n got %s\nwant %s", g, w)
			}
		})
	}
}

func TestApplyRejectsEditWithoutSession(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Apply(session.Edit{}); err == nil || errors.Is(err, ErrNotFound) {
		t.Fatalf("Apply(no session) = %v", err)
	}
}

func TestLoadRecordFromNewerRapport(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := s.Create(session.New("S", now, "Acme", playbooks.Playbook{ID: "p"})); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSessions).Bucket([]byte("S")).Put([]byte("a/x"), []byte("\x07{}"))
	}); err != nil {
		t.Fatal(err)
	}
	_, err = s.Load("S")
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "version 7") {
		t.Fatalf("Load = %v, want ErrNewerSchema naming version 7", err)
	}
}
