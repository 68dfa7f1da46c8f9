package store_test

import (
	"slices"
	"testing"

	"rapport/playbooks"
	"rapport/session"
	"rapport/store"
)

func syncPlaybook() playbooks.Playbook {
	return playbooks.Playbook{ID: "pb", Title: "T", Phases: []playbooks.Phase{{ID: "p", Title: "P",
		Prompts: []playbooks.Prompt{{ID: "q", Kind: playbooks.KindText, Question: "Q?"}}}}}
}

// TestDeletionsAreRemembered: deleting a capture or roadmap item through
// the writer keeps its tombstone (with its author), and putting it back
// clears it; both survive a reopen.
func TestDeletionsAreRemembered(t *testing.T) {
	s, _ := openTemp(t)
	sess := session.New(testID, t0, "Acme", syncPlaybook())
	sess.SetAuthor("Ana")
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	w := s.NewWriter(nil)
	c := session.Capture{ID: "c1", Kind: session.CaptureNote, Text: "n", Created: t0}
	w.Save(sess.PutCapture(c, t0))
	w.Save(sess.AddRoadmap(session.RoadmapItem{ID: "r1", Title: "Do", Horizon: session.Now}, t0))
	w.Save(sess.DeleteCapture("c1", t0.Add(1)))
	w.Save(sess.DeleteRoadmap("r1", t0.Add(2)))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	got, err := s.Load(testID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Tombstones) != 2 || got.Tombstones[0].ID != "c1" || got.Tombstones[0].Author != "Ana" || got.Tombstones[1].Of != session.TombstoneRoadmap {
		t.Fatalf("tombstones %+v", got.Tombstones)
	}
	got.SetAuthor("Ana")
	if err := s.Apply(got.PutCapture(c, t0.Add(3))); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Load(testID)
	if len(again.Tombstones) != 1 || again.Tombstones[0].ID != "r1" || len(again.Captures) != 1 || again.Captures[0].Author != "Ana" {
		t.Fatalf("after the undo: tombstones %+v captures %+v", again.Tombstones, again.Captures)
	}
	sameSession(t, again, got)
}

// TestSyncMarks: in a team, every write marks its session for the next
// sync, a deletion is remembered until a sync settles it, and a store in
// no team keeps none of this.
func TestSyncMarks(t *testing.T) {
	s, _ := openTemp(t)
	sess := session.New(testID, t0, "Acme", syncPlaybook())
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	if on, _ := s.SyncEnabled(); on {
		t.Fatal("a new store is in no team")
	}
	if _, err := s.ReadSyncState(); err == nil {
		t.Error("ReadSyncState on a store in no team should say so")
	}
	if err := s.EnableSync(); err != nil {
		t.Fatal(err)
	}
	st, err := s.ReadSyncState()
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Changed(); !slices.Equal(got, []string{testID}) {
		t.Errorf("a session never synced is changed: %v", got)
	}
	// A sync settles it: agreed, not dirty.
	err = s.ApplySync([]string{testID}, func(id string, cur store.SyncCurrent) (store.SyncOutcome, error) {
		return store.SyncOutcome{Agreed: store.SyncRecord{Blob: "b1", Updated: cur.Session.Updated}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ = s.ReadSyncState(); len(st.Changed()) != 0 {
		t.Errorf("after a sync nothing is changed: %v", st.Changed())
	}
	// An edit marks it.
	if err := s.Apply(sess.MoveCursor("q", t0.Add(1))); err != nil {
		t.Fatal(err)
	}
	if st, _ = s.ReadSyncState(); !st.Dirty[testID] || len(st.Changed()) != 1 {
		t.Errorf("an edit should mark the session: %+v", st)
	}
	// A deletion is remembered, by the name set.
	if err := s.SetPref(store.PrefName, "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(testID); err != nil {
		t.Fatal(err)
	}
	st, _ = s.ReadSyncState()
	if g, ok := st.Gone[testID]; !ok || g.Author != "Ana" || g.Of != session.TombstoneSession || !slices.Equal(st.Changed(), []string{testID}) {
		t.Errorf("deletion: %+v", st)
	}
	// Putting it back (undo) forgets the deletion.
	if err := s.Put(sess); err != nil {
		t.Fatal(err)
	}
	if st, _ = s.ReadSyncState(); len(st.Gone) != 0 || !st.Dirty[testID] {
		t.Errorf("after the undo: %+v", st)
	}
	// Leaving the team forgets everything.
	if err := s.DisableSync(); err != nil {
		t.Fatal(err)
	}
	if on, _ := s.SyncEnabled(); on {
		t.Error("DisableSync should leave the team")
	}
	if err := s.Apply(sess.MoveCursor("q", t0.Add(2))); err != nil {
		t.Fatal(err)
	}
	if on, _ := s.SyncEnabled(); on {
		t.Error("a write must not bring the team back")
	}
}
