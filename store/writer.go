package store

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"rapport/session"
)

// SaveState and SaveStatus are session's: the writer reports them and the
// screens draw them, and neither package imports the other. The names here
// keep the store's own vocabulary for its callers.
type (
	SaveState  = session.SaveState
	SaveStatus = session.SaveStatus
)

// Save states, as session names them.
const (
	Saved  = session.SaveSaved  // everything handed to Save so far is on disk
	Saving = session.SaveSaving // a write is running
	Failed = session.SaveFailed // the last write failed; the edits stay and are retried
)

// Backoff between retries after a failed write.
const (
	retryFirst = 100 * time.Millisecond
	retryMax   = 2 * time.Second
)

// Writer persists edits in order on its own goroutine, so a keystroke never
// waits for the disk. Edits pending while a write runs are merged by key
// (the last edit for an answer, capture, roadmap item or header wins) and
// written together in one transaction as soon as that write finishes: the
// writes group themselves while an fsync runs, and with edits pending a new
// write starts at once. A failed write keeps its edits (newer ones win over
// them) and is retried with backoff; nothing is dropped.
type Writer struct {
	apply    func(...session.Edit) error
	onStatus func(SaveStatus)

	wake   chan struct{} // an edit arrived (capacity 1: Save never blocks)
	urgent chan struct{} // Flush or Close: retry now, skip the backoff
	stop   chan struct{}
	done   chan struct{}

	mu       sync.Mutex
	cond     *sync.Cond // signalled after every write attempt
	pending  *pendingSet
	saved    uint64 // Saves accepted so far
	durable  uint64 // Saves known to be on disk
	failures uint64 // failed attempts so far
	lastErr  error
	dropped  map[string]bool // sessions discarded while a write runs
	closed   bool
	stopOnce sync.Once
}

// NewWriter starts the writer goroutine for s. onStatus, when not nil, is
// called from that goroutine after each state change; it must not block for
// long (send a message to the UI, do not draw) and must not call Flush or
// Close, which wait for that very goroutine.
func (s *Store) NewWriter(onStatus func(SaveStatus)) *Writer {
	return newWriter(s.Apply, onStatus)
}

// newWriter takes the write path as a function, so tests can make it fail.
func newWriter(apply func(...session.Edit) error, onStatus func(SaveStatus)) *Writer {
	w := &Writer{
		apply:    apply,
		onStatus: onStatus,
		wake:     make(chan struct{}, 1),
		urgent:   make(chan struct{}, 1),
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
		pending:  newPendingSet(),
	}
	w.cond = sync.NewCond(&w.mu)
	go w.run()
	return w
}

// Save queues e and returns at once. An edit that names no session cannot
// be stored anywhere and is ignored. The session must have been stored
// (Store.Create) before its edits can be written; until it is, the writer
// reports Failed and retries, so create it first, and Discard its edits when
// deleting it.
func (w *Writer) Save(e session.Edit) {
	if e.SessionID == "" {
		return
	}
	w.mu.Lock()
	w.pending.add(e)
	w.saved++
	w.mu.Unlock()
	signal(w.wake)
}

// Discard forgets the pending edits of a session, for when it is deleted:
// they could never be written.
func (w *Writer) Discard(sessionID string) {
	w.mu.Lock()
	w.pending.discard(sessionID)
	if w.dropped == nil {
		w.dropped = map[string]bool{}
	}
	w.dropped[sessionID] = true
	w.mu.Unlock()
	signal(w.wake)
}

// Flush waits until every edit Saved before the call is on disk and returns
// nil, or returns the error of a write that failed meanwhile (the edits stay
// queued and are retried). A writer in backoff retries at once.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	target, failures := w.saved, w.failures
	if w.durable >= target {
		return nil
	}
	if w.closed {
		return w.notSavedLocked()
	}
	signal(w.urgent)
	for {
		switch {
		case w.durable >= target:
			return nil
		case w.failures > failures:
			return w.lastErr
		case w.closed:
			return w.notSavedLocked()
		}
		w.cond.Wait()
	}
}

// Close flushes and stops the writer. When the flush fails, the error says
// how many edits are not on disk. It is safe to call twice.
func (w *Writer) Close() error {
	err := w.Flush()
	w.stopOnce.Do(func() {
		close(w.stop)
		<-w.done
		w.mu.Lock()
		w.closed = true
		w.cond.Broadcast()
		w.mu.Unlock()
	})
	if err == nil {
		w.mu.Lock()
		if w.durable < w.saved {
			err = w.notSavedLocked()
		}
		w.mu.Unlock()
	}
	return err
}

func (w *Writer) notSavedLocked() error {
	n := w.pending.len()
	if n == 0 {
		return nil
	}
	if w.lastErr != nil {
		return fmt.Errorf("%d edits not saved (writer closed): %w", n, w.lastErr)
	}
	return fmt.Errorf("%d edits not saved: writer closed", n)
}

// signal does a non-blocking send: one wake-up pending is enough.
func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// run is the writer goroutine: wait for edits, write them all, repeat.
func (w *Writer) run() {
	defer close(w.done)
	var backoff time.Duration
	for {
		if backoff > 0 {
			t := time.NewTimer(backoff)
			select {
			case <-t.C:
			case <-w.urgent:
				t.Stop()
			case <-w.stop:
				t.Stop()
				return
			}
		} else {
			w.mu.Lock()
			idle := w.pending.len() == 0
			w.mu.Unlock()
			if idle {
				select {
				case <-w.wake:
				case <-w.urgent:
				case <-w.stop:
					return
				}
			}
		}
		if w.writeOnce() {
			backoff = 0
		} else {
			backoff = min(max(2*backoff, retryFirst), retryMax)
		}
	}
}

// writeOnce writes everything pending in one Apply, reporting Saving then
// Saved or Failed. It returns false when the write failed.
func (w *Writer) writeOnce() bool {
	w.mu.Lock()
	batch := w.pending
	target := w.saved
	w.dropped = nil
	if batch.len() == 0 {
		// Nothing to write (everything pending was discarded): all that
		// was saved is as durable as it will ever be.
		changed := w.durable < target
		w.durable = target
		w.cond.Broadcast()
		w.mu.Unlock()
		if changed {
			w.report(SaveStatus{State: Saved})
		}
		return true
	}
	w.pending = newPendingSet()
	w.mu.Unlock()

	w.report(SaveStatus{State: Saving, Pending: batch.len()})
	err := w.safeApply(batch.edits())
	var gone error
	if errors.Is(err, ErrNotFound) {
		// A session in the batch is no longer stored: write each session
		// on its own, so the missing one fails alone instead of holding
		// every other session's edits back forever.
		err, gone = w.applyEach(batch)
	}

	w.mu.Lock()
	if err != nil {
		for sid := range w.dropped {
			batch.discard(sid)
		}
		batch.merge(w.pending) // newer edits win over the failed ones
		w.pending = batch
		w.failures++
		w.lastErr = err
	} else {
		w.durable = target
		w.lastErr = nil
	}
	st := SaveStatus{State: Saved, Err: gone, Pending: w.pending.len()}
	if err != nil {
		st = SaveStatus{State: Failed, Err: err, Pending: w.pending.len()}
	}
	w.cond.Broadcast()
	w.mu.Unlock()
	w.report(st)
	return err == nil
}

// applyEach writes batch one session at a time, after a batch failed
// because a session was not found. A session that is still missing is gone
// (deleted, or never created): its edits could never be written, so they are
// dropped and the error naming it is returned as gone. batch is left holding
// the edits of the sessions whose write failed otherwise, and err is the
// first such failure, so those are kept and retried as usual.
func (w *Writer) applyEach(batch *pendingSet) (err, gone error) {
	for _, sid := range slices.Clone(batch.sessions) {
		e := w.safeApply(batch.groups[sid].edits(nil))
		switch {
		case e == nil:
			batch.discard(sid)
		case errors.Is(e, ErrNotFound):
			batch.discard(sid)
			gone = errors.Join(gone, fmt.Errorf("edits dropped, the session is gone: %w", e))
		case err == nil:
			err = e
		}
	}
	return err, gone
}

// safeApply turns a panic in the write path into an error, so the writer
// goroutine never takes the app down and the edits are kept.
func (w *Writer) safeApply(edits []session.Edit) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("save: %v", r)
		}
	}()
	if err := w.apply(edits...); err != nil {
		return err
	}
	return nil
}

// report hands st to onStatus. A panic there is contained: losing a status
// line is better than losing the writer and every edit after it.
func (w *Writer) report(st SaveStatus) {
	if w.onStatus == nil {
		return
	}
	defer func() { _ = recover() }()
	st.At = time.Now()
	w.onStatus(st)
}

// The pending set keeps, per session, the latest header and index record
// and the latest change of each answer, capture and roadmap item, in the
// order they first appeared. Store.Apply gets them back grouped per session,
// so it writes each session's header once and then its changes.

// itemKind is what a pending change is to.
type itemKind byte

const (
	itemAnswer itemKind = iota
	itemCapture
	itemRoadmap
)

// itemKey names the thing a change is to; the last change for a key wins.
type itemKey struct {
	kind itemKind
	id   string // prompt, capture or roadmap id
}

// change is the latest change for one key. For captures and roadmap items
// a nil value means delete, so a delete cancels a put and a put a delete. A
// put that follows a delete re-creates the item: it is written as delete
// then put, so the item goes to the end of its list, as it does in memory.
type change struct {
	answer   *session.Answer
	capture  *session.Capture
	roadmap  *session.RoadmapItem
	tomb     *session.Tombstone // with a delete: the mark the store keeps of it
	recreate bool
}

// isDelete reports whether c deletes the capture or roadmap item of k.
func (c change) isDelete(k itemKey) bool {
	return (k.kind == itemCapture && c.capture == nil) || (k.kind == itemRoadmap && c.roadmap == nil)
}

// pendingGroup is what is pending for one session.
type pendingGroup struct {
	head    session.Edit // the latest Header and Index
	order   []itemKey
	changes map[itemKey]change
}

// set lays c over what is pending for k.
func (g *pendingGroup) set(k itemKey, c change) {
	old, ok := g.changes[k]
	if !ok {
		g.order = append(g.order, k)
		g.changes[k] = c
		return
	}
	if !c.isDelete(k) {
		// A put over a delete (or a re-creation, when merging) puts the item
		// back at the end; a put over a re-creation replaces it where it is.
		if c.recreate || old.isDelete(k) {
			c.recreate = true
			g.order = slices.DeleteFunc(g.order, func(x itemKey) bool { return x == k })
			g.order = append(g.order, k)
		} else if old.recreate {
			c.recreate = true
		}
	}
	g.changes[k] = c
}

// edits appends the group to out as edits for Store.Apply, each carrying
// the session's latest header and index; a group with no change is one
// edit of the header alone.
func (g *pendingGroup) edits(out []session.Edit) []session.Edit {
	if len(g.order) == 0 {
		return append(out, g.head)
	}
	for _, k := range g.order {
		e := g.head
		c := g.changes[k]
		switch k.kind {
		case itemAnswer:
			e.Answer = c.answer
		case itemCapture:
			if c.capture == nil || c.recreate {
				d := e
				d.DeleteCapture = k.id
				d.Tombstone = c.tomb
				if c.capture == nil {
					e = d
					break
				}
				out = append(out, d)
			}
			e.Capture = c.capture
		case itemRoadmap:
			if c.roadmap == nil || c.recreate {
				d := e
				d.DeleteRoadmap = k.id
				d.Tombstone = c.tomb
				if c.roadmap == nil {
					e = d
					break
				}
				out = append(out, d)
			}
			e.Roadmap = c.roadmap
		}
		out = append(out, e)
	}
	return out
}

// pendingSet is the edits not yet on disk, grouped per session in the
// order the sessions first appeared.
type pendingSet struct {
	sessions []string
	groups   map[string]*pendingGroup
}

func newPendingSet() *pendingSet {
	return &pendingSet{groups: map[string]*pendingGroup{}}
}

// len counts what is pending, merged by key: per session its header and
// each item changed.
func (p *pendingSet) len() int {
	n := 0
	for _, g := range p.groups {
		n += 1 + len(g.order)
	}
	return n
}

// group returns the group of session sid, made when there is none.
func (p *pendingSet) group(sid string) *pendingGroup {
	g := p.groups[sid]
	if g == nil {
		g = &pendingGroup{changes: map[itemKey]change{}}
		p.groups[sid] = g
		p.sessions = append(p.sessions, sid)
	}
	return g
}

// add merges e in, as Store.Apply would apply it after what is pending.
func (p *pendingSet) add(e session.Edit) {
	g := p.group(e.SessionID)
	g.head = session.Edit{SessionID: e.SessionID, Header: e.Header, Index: e.Index}
	if e.Answer != nil {
		g.set(itemKey{itemAnswer, e.Answer.PromptID}, change{answer: e.Answer})
	}
	if e.Capture != nil {
		g.set(itemKey{itemCapture, e.Capture.ID}, change{capture: e.Capture})
	}
	if e.DeleteCapture != "" {
		g.set(itemKey{itemCapture, e.DeleteCapture}, change{tomb: e.Tombstone})
	}
	if e.Roadmap != nil {
		g.set(itemKey{itemRoadmap, e.Roadmap.ID}, change{roadmap: e.Roadmap})
	}
	if e.DeleteRoadmap != "" {
		g.set(itemKey{itemRoadmap, e.DeleteRoadmap}, change{tomb: e.Tombstone})
	}
}

// merge lays newer on top of p: its headers and changes replace p's.
func (p *pendingSet) merge(newer *pendingSet) {
	for _, sid := range newer.sessions {
		ng := newer.groups[sid]
		g := p.group(sid)
		g.head = ng.head
		for _, k := range ng.order {
			g.set(k, ng.changes[k])
		}
	}
}

// discard drops every entry of a session.
func (p *pendingSet) discard(sid string) {
	if _, ok := p.groups[sid]; !ok {
		return
	}
	delete(p.groups, sid)
	p.sessions = slices.DeleteFunc(p.sessions, func(x string) bool { return x == sid })
}

// edits turns the set into edits for Store.Apply, grouped per session.
func (p *pendingSet) edits() []session.Edit {
	out := make([]session.Edit, 0, p.len())
	for _, sid := range p.sessions {
		out = p.groups[sid].edits(out)
	}
	return out
}
