package store

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"rapport/session"
)

// SaveState is where the writer stands, for the "saved / saving / not
// saved" mark on screen.
type SaveState int

// Save states.
const (
	// Saved: everything handed to Save so far is on disk.
	Saved SaveState = iota
	// Saving: a write is running.
	Saving
	// Failed: the last write failed; the edits stay in memory and are retried.
	Failed
)

// String names the state for logs and tests.
func (s SaveState) String() string {
	switch s {
	case Saved:
		return "saved"
	case Saving:
		return "saving"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("SaveState(%d)", int(s))
}

// SaveStatus is what the writer reports after each step, so the UI can say
// "not saved" (with why) while the disk is full and "saved" once it is back.
type SaveStatus struct {
	State SaveState
	// Err is the failure when State is Failed. With Saved it names edits
	// dropped because their session is no longer stored (deleted while they
	// were pending): they could never be written, and the rest were.
	Err error
	At  time.Time // when this status was reached
	// Pending counts the edits (merged by key) not yet on disk.
	Pending int
}

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
	var sids []string
	for _, k := range batch.order {
		if !slices.Contains(sids, k.session) {
			sids = append(sids, k.session)
		}
	}
	for _, sid := range sids {
		e := w.safeApply(batch.only(sid).edits())
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

// opKind is what a pending entry changes.
type opKind byte

const (
	opHeader opKind = iota
	opAnswer
	opCapture
	opRoadmap
)

// opKey names the thing an edit changes; the last edit for a key wins.
type opKey struct {
	kind    opKind
	session string
	id      string // prompt, capture or roadmap id
}

// op is the latest change for one key. For captures and roadmap items a nil
// value means delete, so a delete cancels a put and a put a delete. A put
// that follows a delete re-creates the item: it is written as delete then
// put, so the item goes to the end of its list, as it does in memory.
type op struct {
	answer   *session.Answer
	capture  *session.Capture
	roadmap  *session.RoadmapItem
	recreate bool
}

// isDelete reports whether o deletes the capture or roadmap item of k.
func (o op) isDelete(k opKey) bool {
	return (k.kind == opCapture && o.capture == nil) || (k.kind == opRoadmap && o.roadmap == nil)
}

// pendingSet is the edits not yet on disk, merged by key, in the order their
// keys first appeared (a re-created item moves to the end, where it now is).
type pendingSet struct {
	order   []opKey
	ops     map[opKey]op
	headers map[string]session.Edit // latest Header and Index by session
}

func newPendingSet() *pendingSet {
	return &pendingSet{ops: map[opKey]op{}, headers: map[string]session.Edit{}}
}

func (p *pendingSet) len() int { return len(p.order) }

func (p *pendingSet) set(k opKey, o op) {
	old, ok := p.ops[k]
	if !ok {
		p.order = append(p.order, k)
		p.ops[k] = o
		return
	}
	if !o.isDelete(k) {
		// A put over a delete (or a re-creation, when merging) puts the item
		// back at the end; a put over a re-creation replaces it where it is.
		if o.recreate || old.isDelete(k) {
			o.recreate = true
			p.order = slices.DeleteFunc(p.order, func(x opKey) bool { return x == k })
			p.order = append(p.order, k)
		} else if old.recreate {
			o.recreate = true
		}
	}
	p.ops[k] = o
}

// add merges e in, as Store.Apply would apply it after what is pending.
func (p *pendingSet) add(e session.Edit) {
	sid := e.SessionID
	p.headers[sid] = session.Edit{SessionID: sid, Header: e.Header, Index: e.Index}
	p.set(opKey{opHeader, sid, ""}, op{})
	if e.Answer != nil {
		p.set(opKey{opAnswer, sid, e.Answer.PromptID}, op{answer: e.Answer})
	}
	if e.Capture != nil {
		p.set(opKey{opCapture, sid, e.Capture.ID}, op{capture: e.Capture})
	}
	if e.DeleteCapture != "" {
		p.set(opKey{opCapture, sid, e.DeleteCapture}, op{})
	}
	if e.Roadmap != nil {
		p.set(opKey{opRoadmap, sid, e.Roadmap.ID}, op{roadmap: e.Roadmap})
	}
	if e.DeleteRoadmap != "" {
		p.set(opKey{opRoadmap, sid, e.DeleteRoadmap}, op{})
	}
}

// merge lays newer on top of p: its headers and ops replace p's.
func (p *pendingSet) merge(newer *pendingSet) {
	for sid, h := range newer.headers {
		p.headers[sid] = h
	}
	for _, k := range newer.order {
		p.set(k, newer.ops[k])
	}
}

// only returns the entries of one session, in order.
func (p *pendingSet) only(sid string) *pendingSet {
	o := newPendingSet()
	if h, ok := p.headers[sid]; ok {
		o.headers[sid] = h
	}
	for _, k := range p.order {
		if k.session == sid {
			o.order = append(o.order, k)
			o.ops[k] = p.ops[k]
		}
	}
	return o
}

// discard drops every entry of a session.
func (p *pendingSet) discard(sid string) {
	delete(p.headers, sid)
	kept := p.order[:0]
	for _, k := range p.order {
		if k.session == sid {
			delete(p.ops, k)
			continue
		}
		kept = append(kept, k)
	}
	p.order = kept
}

// edits turns the set back into edits for Store.Apply, each carrying its
// session's latest header and index.
func (p *pendingSet) edits() []session.Edit {
	out := make([]session.Edit, 0, len(p.order))
	for _, k := range p.order {
		e := p.headers[k.session]
		o := p.ops[k]
		switch k.kind {
		case opHeader:
		case opAnswer:
			e.Answer = o.answer
		case opCapture:
			if o.capture == nil || o.recreate {
				d := e
				d.DeleteCapture = k.id
				if o.capture == nil {
					e = d
					break
				}
				out = append(out, d)
			}
			e.Capture = o.capture
		case opRoadmap:
			if o.roadmap == nil || o.recreate {
				d := e
				d.DeleteRoadmap = k.id
				if o.roadmap == nil {
					e = d
					break
				}
				out = append(out, d)
			}
			e.Roadmap = o.roadmap
		}
		out = append(out, e)
	}
	return out
}
