package store_test

import (
	"testing"
	"time"

	"rapport/session"
	"rapport/store/storetest"
)

// TestCarriedItemsAcrossSessions: a follow-up's references survive a
// reopen, and closing a carried item while the follow-up is the session
// being worked on is an edit to the session that made it, which the one
// writer stores beside the follow-up's own edits.
func TestCarriedItemsAcrossSessions(t *testing.T) {
	s, _ := openTemp(t)
	first := storetest.FullSession(testID, t0)
	if err := s.Create(first); err != nil {
		t.Fatal(err)
	}
	later := t0.AddDate(0, 0, 7)
	second := session.FollowUp([]*session.Session{first}, "01JQ0000000000000000000002", later, storetest.Playbook())
	if len(second.Carried) == 0 {
		t.Fatal("the follow-up carries nothing; the fixture needs open items")
	}
	if err := s.Create(second); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	first, second = loaded(t, s, first.ID), loaded(t, s, second.ID)
	if len(second.Carried) != len(session.OpenItems(first)) {
		t.Fatalf("after reopen the follow-up carries %d items, want %d", len(second.Carried), len(session.OpenItems(first)))
	}

	// The second session is open and being typed in; an action carried
	// from the first is marked done from it.
	w := s.NewWriter(nil)
	defer w.Close()
	w.Save(second.PutAnswer(session.Answer{PromptID: "role", Text: "Still operations"}, later))
	it := second.Carried[0].Resolve(session.Find([]*session.Session{first, second}))
	if it.Origin != first {
		t.Fatalf("carried item resolves to %v, want the first session", it.Origin)
	}
	e, err := it.Origin.CloseItem(it.Ref.Item, "2026-03-09", "Done by phone.", later.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	w.Save(e)
	w.Save(second.PutAnswer(session.Answer{PromptID: "role", Text: "Still operations, and safety"}, later.Add(2*time.Minute)))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	gotFirst, gotSecond := loaded(t, s, first.ID), loaded(t, s, second.ID)
	sameSession(t, gotFirst, first)
	sameSession(t, gotSecond, second)
	closed := session.ClientLoop([]*session.Session{gotFirst, gotSecond})
	n := 0
	for _, li := range closed {
		if li.Ref.Item == it.Ref.Item {
			n++
			if !li.Closed() {
				t.Errorf("%s is open after reopen, want closed on 2026-03-09", li.Key())
			}
		}
	}
	if n != 1 {
		t.Errorf("the closed item is listed %d times, want once", n)
	}
}
