package store_test

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rapport/session"
	"rapport/store"
	"rapport/store/storetest"
)

// newSession creates an empty session in s.
func newSession(t *testing.T, s *store.Store, id string) *session.Session {
	t.Helper()
	sess := session.New(id, t0, "Acme", storetest.Playbook())
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	return sess
}

func loaded(t *testing.T, s *store.Store, id string) *session.Session {
	t.Helper()
	got, err := s.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestWriterKeepsTheLastOfManyEditsToOneAnswer(t *testing.T) {
	s, _ := openTemp(t)
	sess := newSession(t, s, testID)
	w := s.NewWriter(nil)
	defer w.Close()
	text := ""
	now := t0
	for i := range 2000 { // typing, one keystroke at a time
		text += string(rune('a' + i%26))
		now = now.Add(time.Millisecond)
		w.Save(sess.PutAnswer(session.Answer{PromptID: "who-they-serve", Text: text}, now))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	got := loaded(t, s, testID)
	if got.Answers["who-they-serve"].Text != text {
		t.Fatalf("stored %d chars, typed %d", len(got.Answers["who-they-serve"].Text), len(text))
	}
	sameSession(t, got, sess)
}

func TestWriterStoresInterleavedKeys(t *testing.T) {
	s, _ := openTemp(t)
	a := newSession(t, s, testID)
	b := newSession(t, s, "01JQ0000000000000000000002")
	w := s.NewWriter(nil)
	now := t0
	prompts := []string{"who-they-serve", "role", "why-low", "goals"}
	for i := range 400 {
		now = now.Add(time.Millisecond)
		sess := a
		if i%3 == 0 {
			sess = b
		}
		p := prompts[i%len(prompts)]
		ans := sess.AnswerFor(p)
		ans.Text += fmt.Sprint(i)
		w.Save(sess.PutAnswer(ans, now))
		id := fmt.Sprintf("cap-%02d", i%7)
		switch i % 5 {
		case 0:
			w.Save(sess.PutCapture(session.Capture{ID: id, Kind: session.CaptureNote, Text: fmt.Sprint(i), Created: now}, now))
		case 3:
			w.Save(sess.DeleteCapture(id, now))
		case 4:
			w.Save(sess.PutRoadmap(session.RoadmapItem{ID: id, Title: fmt.Sprint(i), Horizon: session.Later}, now))
		}
		if i%50 == 0 {
			w.Save(sess.Spend("identify", time.Second, now))
		}
	}
	// Close flushes everything.
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	sameSession(t, loaded(t, s, a.ID), a)
	sameSession(t, loaded(t, s, b.ID), b)
}

// statusLog records what the writer reports and lets a test wait for it.
type statusLog struct {
	mu   sync.Mutex
	cond *sync.Cond
	all  []store.SaveStatus
}

func newStatusLog() *statusLog {
	l := &statusLog{}
	l.cond = sync.NewCond(&l.mu)
	return l
}

func (l *statusLog) add(st store.SaveStatus) {
	l.mu.Lock()
	l.all = append(l.all, st)
	l.cond.Broadcast()
	l.mu.Unlock()
}

// waitFor blocks until a status with state st has been reported (no sleep:
// the writer's own report wakes it).
func (l *statusLog) waitFor(st store.SaveState) store.SaveStatus {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		for _, s := range l.all {
			if s.State == st {
				return s
			}
		}
		l.cond.Wait()
	}
}

// waitSaved blocks until the latest status is Saved with nothing pending
// (the report may come a moment after Flush returns).
func (l *statusLog) waitSaved() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		if n := len(l.all); n > 0 && l.all[n-1].State == store.Saved && l.all[n-1].Pending == 0 {
			return
		}
		l.cond.Wait()
	}
}

var errDiskFull = errors.New("write rapport.db: no space left on device")

func TestWriterFailureThenRecoveryLosesNothing(t *testing.T) {
	s, _ := openTemp(t)
	sess := newSession(t, s, testID)
	var failing atomic.Bool
	failing.Store(true)
	var attempts atomic.Int32
	apply := func(edits ...session.Edit) error {
		attempts.Add(1)
		if failing.Load() {
			return errDiskFull
		}
		return s.Apply(edits...)
	}
	log := newStatusLog()
	w := store.NewWriterWith(apply, log.add)
	defer w.Close()

	now := t0
	typeInto := func(p, text string) {
		for _, r := range text {
			now = now.Add(time.Millisecond)
			a := sess.AnswerFor(p)
			a.Text += string(r)
			w.Save(sess.PutAnswer(a, now))
		}
	}
	typeInto("who-they-serve", "The disk is full")
	w.Save(sess.PutCapture(session.Capture{ID: "c1", Kind: session.CaptureQuote, Text: "We never hear back", Created: now}, now))
	failed := log.waitFor(store.Failed)
	if !errors.Is(failed.Err, errDiskFull) || failed.Pending == 0 {
		t.Fatalf("Failed status = %+v", failed)
	}
	// Typing goes on while the disk is full; an older failed edit never
	// wins over a newer one.
	typeInto("who-they-serve", " but typing goes on")
	typeInto("role", "Ops")
	w.Save(sess.DeleteCapture("c1", now))
	if err := w.Flush(); !errors.Is(err, errDiskFull) {
		t.Fatalf("Flush while failing = %v, want the disk error", err)
	}
	if got := loaded(t, s, testID); len(got.Answers) != 0 {
		t.Fatalf("something was stored while failing: %+v", got.Answers)
	}

	failing.Store(false) // the disk is back
	if err := w.Flush(); err != nil {
		t.Fatalf("Flush after recovery: %v", err)
	}
	log.waitSaved()
	got := loaded(t, s, testID)
	if got.Answers["who-they-serve"].Text != "The disk is full but typing goes on" {
		t.Fatalf("stored %q", got.Answers["who-they-serve"].Text)
	}
	sameSession(t, got, sess)
	if attempts.Load() < 2 {
		t.Fatalf("only %d attempts", attempts.Load())
	}
}

func TestWriterRetriesOnItsOwn(t *testing.T) {
	s, _ := openTemp(t)
	sess := newSession(t, s, testID)
	var calls atomic.Int32
	apply := func(edits ...session.Edit) error {
		if calls.Add(1) <= 3 { // three failures, then the disk is back
			return errDiskFull
		}
		return s.Apply(edits...)
	}
	log := newStatusLog()
	w := store.NewWriterWith(apply, log.add)
	defer w.Close()
	w.Save(sess.PutAnswer(session.Answer{PromptID: "role", Text: "Ops"}, t0))
	log.waitFor(store.Failed)
	log.waitFor(store.Saved) // no Flush: the backoff retries find the disk back
	sameSession(t, loaded(t, s, testID), sess)
}

func TestWriterSaveNeverWaitsForTheDisk(t *testing.T) {
	s, _ := openTemp(t)
	sess := newSession(t, s, testID)
	release := make(chan struct{})
	apply := func(edits ...session.Edit) error {
		<-release // a disk that hangs
		return s.Apply(edits...)
	}
	w := store.NewWriterWith(apply, nil)
	for i := range 10000 {
		w.Save(sess.PutAnswer(session.Answer{PromptID: "role", Text: fmt.Sprint(i)}, t0))
	}
	// Reaching here proves Save returned while the write hung.
	close(release)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	sameSession(t, loaded(t, s, testID), sess)
}

func TestWriterDiscardForgetsADeletedSession(t *testing.T) {
	s, _ := openTemp(t)
	sess := newSession(t, s, testID)
	other := newSession(t, s, "01JQ0000000000000000000002")
	log := newStatusLog()
	var calls atomic.Int32
	apply := func(edits ...session.Edit) error {
		if calls.Add(1) == 1 {
			return errDiskFull
		}
		return s.Apply(edits...)
	}
	w := store.NewWriterWith(apply, log.add)
	defer w.Close()
	w.Save(sess.PutAnswer(session.Answer{PromptID: "role", Text: "gone soon"}, t0))
	w.Save(other.PutAnswer(session.Answer{PromptID: "role", Text: "kept"}, t0))
	log.waitFor(store.Failed)
	if err := s.Delete(sess.ID); err != nil {
		t.Fatal(err)
	}
	w.Discard(sess.ID)
	if err := w.Flush(); err != nil {
		t.Fatalf("Flush = %v (an edit to a deleted session must not block saving)", err)
	}
	sameSession(t, loaded(t, s, other.ID), other)
}

func TestWriterCloseTwiceAndSaveAfterClose(t *testing.T) {
	s, _ := openTemp(t)
	sess := newSession(t, s, testID)
	w := s.NewWriter(nil)
	w.Save(sess.MoveCursor("role", t0))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	w.Save(sess.MoveCursor("goals", t0)) // must not block or panic
	if err := w.Flush(); err == nil {
		t.Fatal("Flush after Close claimed an edit was saved")
	}
	if got := loaded(t, s, testID); got.Cursor != "role" {
		t.Fatalf("cursor %q", got.Cursor)
	}
}

// A session deleted while its edits were pending, without Discard (another
// process, a path that forgot): its edits fail alone and are dropped with a
// reported error, and every other session's edits still reach the disk, in
// that write and in the ones after it.
func TestWriterEditForADeletedSessionNeverBlocksAnother(t *testing.T) {
	s, _ := openTemp(t)
	gone := newSession(t, s, testID)
	other := newSession(t, s, "01JQ0000000000000000000002")
	log := newStatusLog()
	w := s.NewWriter(log.add)
	defer w.Close()
	if err := s.Delete(gone.ID); err != nil {
		t.Fatal(err)
	}
	w.Save(gone.PutAnswer(session.Answer{PromptID: "role", Text: "nowhere to go"}, t0))
	w.Save(other.PutAnswer(session.Answer{PromptID: "role", Text: "kept"}, t0))
	if err := w.Flush(); err != nil {
		t.Fatalf("Flush = %v, want nil: an edit for a deleted session must not hold others back", err)
	}
	sameSession(t, loaded(t, s, other.ID), other)
	dropped := log.waitDropped()
	if !errors.Is(dropped, store.ErrNotFound) {
		t.Errorf("reported drop = %v, want an ErrNotFound naming the session", dropped)
	}

	// Later saves go through too: nothing of the gone session is retried.
	w.Save(other.PutAnswer(session.Answer{PromptID: "role", Text: "kept, then more"}, t0))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	sameSession(t, loaded(t, s, other.ID), other)
	if _, err := s.Load(gone.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Load(gone) = %v, want ErrNotFound: a dropped edit must not re-create the session", err)
	}
}

// waitDropped blocks until the writer reports edits dropped for a session
// that is gone (Saved with an error) and returns that error.
func (l *statusLog) waitDropped() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		for _, s := range l.all {
			if s.State == store.Saved && s.Err != nil {
				return s.Err
			}
		}
		l.cond.Wait()
	}
}
