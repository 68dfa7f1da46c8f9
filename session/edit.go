package session

import (
	"maps"
	"slices"
	"strings"
	"time"
	"unsafe"

	"rapport/playbooks"
)

// New starts a session for client on a copy of pb, with the cursor on the
// first prompt. id should be a ULID so sessions sort by creation.
func New(id string, now time.Time, client string, pb playbooks.Playbook) *Session {
	s := &Session{
		Header: Header{
			ID:      id,
			Client:  client,
			Created: now,
			Updated: now,
			Status:  StatusInProgress,
		},
		Playbook: pb,
		Answers:  map[string]*Answer{},
	}
	if steps := s.Steps(); len(steps) > 0 {
		s.Cursor = steps[0].Prompt.ID
	}
	return s
}

// Step is one visible prompt of a running session, in order: a playbook
// prompt or an ad-hoc question, with the phase it belongs to.
type Step struct {
	PhaseIndex int
	Phase      *playbooks.Phase
	Prompt     playbooks.Prompt
	AdHoc      bool
}

// Steps lists the prompts of the session in the order they are asked,
// ad-hoc questions included, hidden ones (show_if not met) left out.
func (s *Session) Steps() []Step {
	var out []Step
	s.eachStep(func(pi int, ph *playbooks.Phase, p *playbooks.Prompt, a *AdHocPrompt) {
		if a != nil {
			out = append(out, adhocStep(pi, ph, *a))
			return
		}
		out = append(out, Step{PhaseIndex: pi, Phase: ph, Prompt: *p})
	})
	return out
}

// eachStep calls fn for every visible step in order, with either the
// playbook prompt p or the ad-hoc question a set. It works out visibility
// once (allocating only when the playbook has conditions), so Index, which
// runs on every edit, stays cheap on large playbooks.
func (s *Session) eachStep(fn func(pi int, ph *playbooks.Phase, p *playbooks.Prompt, a *AdHocPrompt)) {
	vis := s.Visibility()
	for pi := range s.Playbook.Phases {
		ph := &s.Playbook.Phases[pi]
		if !vis.Phase(pi) {
			continue
		}
		if len(ph.Prompts) == 0 {
			for ai := range s.AdHoc {
				if a := &s.AdHoc[ai]; a.Phase == ph.ID && a.After == "" {
					fn(pi, ph, nil, a)
				}
			}
		}
		for i := range ph.Prompts {
			p := &ph.Prompts[i]
			if vis.Prompt(p.ID) {
				fn(pi, ph, p, nil)
			}
			for ai := range s.AdHoc {
				if a := &s.AdHoc[ai]; a.Phase == ph.ID && a.After == p.ID {
					fn(pi, ph, nil, a)
				}
			}
		}
		if len(ph.Prompts) > 0 {
			for ai := range s.AdHoc {
				if a := &s.AdHoc[ai]; a.Phase == ph.ID && a.After == "" {
					fn(pi, ph, nil, a)
				}
			}
		}
	}
}

func adhocStep(pi int, ph *playbooks.Phase, a AdHocPrompt) Step {
	return Step{
		PhaseIndex: pi,
		Phase:      ph,
		Prompt:     playbooks.Prompt{ID: a.ID, Kind: playbooks.KindLongText, Question: a.Question},
		AdHoc:      true,
	}
}

// answerValues gives the values a condition or flag can test: the rating,
// number or percent as a number, choices and text as text.
func answerValues(a *Answer) []any {
	var vs []any
	switch {
	case a.Rating > 0:
		vs = append(vs, float64(a.Rating))
	case a.Number != nil:
		vs = append(vs, *a.Number)
	}
	for _, c := range a.Choices {
		vs = append(vs, c)
	}
	if a.Text != "" {
		vs = append(vs, a.Text)
	}
	return vs
}

// AnswerFor returns the answer to promptID, or an open, empty one.
// The result is a copy: change it and hand it to PutAnswer.
func (s *Session) AnswerFor(promptID string) Answer {
	if a := s.Answers[promptID]; a != nil {
		c := *a
		return c
	}
	return Answer{PromptID: promptID, State: StateOpen}
}

// PutAnswer stores a, marking it answered when it holds a value and was open
// (or open again when it holds none), and returns the edit that persists it.
func (s *Session) PutAnswer(a Answer, now time.Time) Edit {
	empty := s.unanswered(a)
	switch {
	case a.State == StateOpen && !empty:
		a.State = StateAnswered
	case a.State == StateAnswered && empty:
		a.State = StateOpen
	case a.State == "":
		a.State = StateOpen
		if !empty {
			a.State = StateAnswered
		}
	}
	return s.storeAnswer(a, now)
}

// unanswered reports whether a holds no answer to its prompt. A number or
// percentage counts only once it parses: text that does not ("about
// half") is a draft the field keeps in Text so nothing typed is lost, not
// an answer, and must not count as one in progress or the wrap-up.
func (s *Session) unanswered(a Answer) bool {
	if pr, _, ok := s.Playbook.Prompt(a.PromptID); ok && playbooks.KindOf(pr.Kind).Value == playbooks.ValueNumber {
		return a.Number == nil
	}
	return a.Empty()
}

// storeAnswer puts a in place of the prompt's answer and returns the edit
// that persists it. The counts of the index record are worked out again
// only when they can have moved: the prompt's state changed, or a show_if
// reads its answer.
func (s *Session) storeAnswer(a Answer, now time.Time) Edit {
	a.Updated = now
	a.Author = s.author
	if s.Answers == nil {
		s.Answers = map[string]*Answer{}
	}
	if old := s.Answers[a.PromptID]; old == nil || old.State != a.State || s.progress.readByCondition(s, a.PromptID) {
		s.progress.forget()
	}
	s.Answers[a.PromptID] = &a
	e := s.touch(now)
	e.Answer = &a
	if a.hasReferences() {
		// The slices may be the caller's, which it may change: the writer
		// gets a copy of its own.
		c := a.Clone()
		e.Answer = &c
	}
	return e
}

// hasReferences reports whether the answer holds a slice or a pointer; one
// that holds only strings and numbers can be shared with the writer, since
// the session replaces an answer whole and never changes it in place.
func (a *Answer) hasReferences() bool {
	return a.Choices != nil || a.Items != nil || a.Stages != nil || a.Ledger != nil || a.Number != nil ||
		a.Conflicts != nil
}

// Clone returns a deep copy, so an Edit handed to another goroutine shares
// no backing array with the session the UI keeps changing.
func (a Answer) Clone() Answer {
	a.Choices = append([]string(nil), a.Choices...)
	a.Items = append([]string(nil), a.Items...)
	a.Stages = append([]JourneyStage(nil), a.Stages...)
	a.Ledger = append([]LedgerEntry(nil), a.Ledger...)
	if a.Number != nil {
		n := *a.Number
		a.Number = &n
	}
	if a.Conflicts != nil {
		cs := make([]Answer, len(a.Conflicts))
		for i, c := range a.Conflicts {
			cs[i] = c.Clone()
		}
		a.Conflicts = cs
	}
	return a
}

// SetState sets the state of a prompt (skip, park, not applicable, open) and
// keeps whatever was typed. Setting answered on an empty answer leaves it open.
func (s *Session) SetState(promptID string, st State, now time.Time) Edit {
	a := s.AnswerFor(promptID)
	a.State = st
	if st == StateAnswered && a.Empty() {
		a.State = StateOpen
	}
	if st == StateOpen && !a.Empty() {
		a.State = StateAnswered
	}
	return s.storeAnswer(a, now)
}

// Empty reports whether the answer holds no value of any kind.
func (a Answer) Empty() bool {
	return a.Text == "" && a.Rating == 0 && a.Evidence == "" && len(a.Choices) == 0 &&
		a.Number == nil && len(a.Items) == 0 && len(a.Stages) == 0 && len(a.Ledger) == 0
}

// MoveCursor records the prompt the facilitator is on.
func (s *Session) MoveCursor(promptID string, now time.Time) Edit {
	s.Cursor = promptID
	return s.touch(now)
}

// Spend adds d to the session clock and to the time of the phase phaseID.
func (s *Session) Spend(phaseID string, d time.Duration, now time.Time) Edit {
	if d > 0 {
		s.Elapsed += d
		// A new map, never a change in place: earlier edits share the old
		// one with the writer.
		pt := make(map[string]time.Duration, len(s.PhaseTime)+1)
		maps.Copy(pt, s.PhaseTime)
		pt[phaseID] += d
		s.PhaseTime = pt
	}
	e := s.touch(now)
	// The clock's edit keeps a map of its own, so whoever holds it may
	// change it freely.
	e.Header.PhaseTime = maps.Clone(s.PhaseTime)
	return e
}

// AddAdHoc adds an ad-hoc question after the prompt after (in phase phaseID).
func (s *Session) AddAdHoc(q AdHocPrompt, now time.Time) Edit {
	s.AdHoc = append(s.AdHoc[:len(s.AdHoc):len(s.AdHoc)], q) // a new array: edits share the old one
	s.progress.forget()
	return s.touch(now)
}

// PutCapture adds c, or replaces the capture with the same id, stamped
// with the time and the author (SetAuthor). Putting back a deleted capture
// (undo) clears the deletion's mark.
func (s *Session) PutCapture(c Capture, now time.Time) Edit {
	c.Updated, c.Author = now, s.author
	s.untombstone(TombstoneCapture, c.ID)
	s.Captures = putByID(s.Captures, c, func(c Capture) string { return c.ID })
	e := s.touch(now)
	stored := c
	stored.Tags = append([]string(nil), c.Tags...)
	e.Capture = &stored
	return e
}

// DeleteCapture removes the capture id and marks it deleted (Tombstone).
// Undo is PutCapture with the capture.
func (s *Session) DeleteCapture(id string, now time.Time) Edit {
	s.Captures = deleteByID(s.Captures, id, func(c Capture) string { return c.ID })
	t := s.tombstone(TombstoneCapture, id, now)
	e := s.touch(now)
	e.DeleteCapture = id
	e.Tombstone = &t
	return e
}

// PutRoadmap adds item, or replaces the item with the same id, stamped as
// PutCapture stamps a capture.
func (s *Session) PutRoadmap(item RoadmapItem, now time.Time) Edit {
	item.Updated, item.Author = now, s.author
	s.untombstone(TombstoneRoadmap, item.ID)
	s.Roadmap = putByID(s.Roadmap, item, func(r RoadmapItem) string { return r.ID })
	e := s.touch(now)
	stored := item
	stored.Pains = append([]string(nil), item.Pains...)
	stored.Quotes = append([]string(nil), item.Quotes...)
	e.Roadmap = &stored
	return e
}

// DeleteRoadmap removes the roadmap item id and marks it deleted.
func (s *Session) DeleteRoadmap(id string, now time.Time) Edit {
	s.Roadmap = deleteByID(s.Roadmap, id, func(r RoadmapItem) string { return r.ID })
	t := s.tombstone(TombstoneRoadmap, id, now)
	e := s.touch(now)
	e.DeleteRoadmap = id
	e.Tombstone = &t
	return e
}

// putByID replaces the element of list with x's id by x, in place so its
// position (capture order, a column's order) is kept, or appends x.
func putByID[T any](list []T, x T, id func(T) string) []T {
	if i := slices.IndexFunc(list, func(y T) bool { return id(y) == id(x) }); i >= 0 {
		list[i] = x
		return list
	}
	return append(list, x)
}

// deleteByID removes the element of list whose id is id, keeping the order
// of the rest.
func deleteByID[T any](list []T, want string, id func(T) string) []T {
	if i := slices.IndexFunc(list, func(y T) bool { return id(y) == want }); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return list
}

// Finish marks the session finished.
func (s *Session) Finish(now time.Time) Edit {
	s.Status = StatusFinished
	return s.touch(now)
}

// Reopen puts a finished session back in progress.
func (s *Session) Reopen(now time.Time) Edit {
	s.Status = StatusInProgress
	return s.touch(now)
}

// UpdateHeader applies f to the header (client, contacts, tags...).
func (s *Session) UpdateHeader(f func(*Header), now time.Time) Edit {
	// f may change the slices and the map in place: it gets copies, since
	// earlier edits share these with the writer.
	s.Contacts = slices.Clone(s.Contacts)
	s.Tags = slices.Clone(s.Tags)
	s.AdHoc = slices.Clone(s.AdHoc)
	s.PhaseTime = maps.Clone(s.PhaseTime)
	f(&s.Header)
	s.progress.forget() // f may add ad-hoc questions
	return s.touch(now)
}

// Index returns the small record listing reads, worked out afresh.
func (s *Session) Index() Index {
	done, total := s.countProgress()
	return s.indexWith(done, total)
}

// countProgress walks the visible steps: how many are no longer open, of
// how many.
func (s *Session) countProgress() (done, total int) {
	s.eachStep(func(_ int, _ *playbooks.Phase, p *playbooks.Prompt, ad *AdHocPrompt) {
		id := ""
		if p != nil {
			id = p.ID
		} else {
			id = ad.ID
		}
		total++
		if a := s.Answers[id]; a != nil && a.State != StateOpen {
			done++
		}
	})
	return done, total
}

// indexWith is the index record with the given counts.
func (s *Session) indexWith(done, total int) Index {
	return Index{
		ID:              s.ID,
		Client:          s.Client,
		Playbook:        s.Playbook.ID,
		PlaybookTitle:   s.Playbook.Title,
		PlaybookVersion: s.Playbook.Version,
		Status:          s.Status,
		Created:         s.Created,
		Updated:         s.Updated,
		Answered:        done,
		Total:           total,
		With:            s.with(),
		Follows:         s.Follows,
	}
}

// With names the people on the client's side, as the library shows them:
// their names, a comma between, roles left out.
func (s *Session) With() string {
	var b strings.Builder
	for _, c := range s.Contacts {
		if n := strings.TrimSpace(c.Name); n != "" {
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			b.WriteString(n)
		}
	}
	return b.String()
}

// with is With for the index record every edit carries: worked out again
// only when the contacts were replaced (UpdateHeader replaces the slice,
// never changes it in place), so a keystroke builds no string.
func (s *Session) with() string {
	if len(s.Contacts) == 0 {
		return ""
	}
	if p := unsafe.SliceData(s.Contacts); p != s.progress.withOf || len(s.Contacts) != s.progress.withLen {
		s.progress.with, s.progress.withOf, s.progress.withLen = s.With(), p, len(s.Contacts)
	}
	return s.progress.with
}

// touch stamps the session as changed and returns an edit carrying the
// header and index; callers add what else changed. It costs the same
// whatever the size of the session: the header is copied shallowly (the
// session replaces its slices and map rather than changing them in place,
// so the writer may read them while the UI goes on) and the index record's
// counts are kept between edits that cannot move them.
func (s *Session) touch(now time.Time) Edit {
	if now.After(s.Updated) {
		s.Updated = now
	}
	done, total := s.progress.counts(s)
	return Edit{SessionID: s.ID, Header: s.Header, Index: s.indexWith(done, total)}
}
