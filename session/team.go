package session

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"rapport/playbooks"
)

// What a team needs of a session (issue 21, DECISIONS.md "Team sync"): who
// changed each answer, capture and roadmap item and when (their Author and
// Updated), a mark for each deletion so that a merge with an older copy
// does not bring the deleted thing back (Tombstone), and the versions a
// merge kept when two people changed the same thing at once (Conflicts),
// which the runner shows until one is chosen or they are joined. The merge
// itself is package teamsync's; this file is what the session knows.

// TombstoneOf says what a tombstone marks deleted.
type TombstoneOf string

// What can be deleted and remembered.
const (
	TombstoneCapture TombstoneOf = "capture"
	TombstoneRoadmap TombstoneOf = "roadmap"
	TombstoneSession TombstoneOf = "session" // kept by the store and the team repository, not in a session
)

// Tombstone remembers that something was deleted, when and by whom. A
// later change of the same thing (an undo puts it back) clears it, and in
// a merge the newer of a deletion and a change wins (DECISIONS.md).
type Tombstone struct {
	ID     string      `json:"id"`
	Of     TombstoneOf `json:"of"`
	At     time.Time   `json:"at"`
	Author string      `json:"author,omitempty"`
}

// SetAuthor says who is making changes from now on; every answer, capture
// and roadmap item a mutation changes, and every deletion, records the
// name. Each front end sets it when it opens a session. An empty name
// records none.
func (s *Session) SetAuthor(name string) { s.author = strings.TrimSpace(name) }

// Author is the name set by SetAuthor.
func (s *Session) Author() string { return s.author }

// tombstone records the deletion of id and returns the mark, in a new
// slice (edits share the old one with the writer), kept sorted.
func (s *Session) tombstone(of TombstoneOf, id string, now time.Time) Tombstone {
	t := Tombstone{ID: id, Of: of, At: now, Author: s.author}
	s.Tombstones = PutTombstone(s.Tombstones, t)
	return t
}

// untombstone drops the mark of id, if any: it was put back.
func (s *Session) untombstone(of TombstoneOf, id string) {
	if i := tombstoneIndex(s.Tombstones, of, id); i >= 0 {
		s.Tombstones = slices.Delete(slices.Clone(s.Tombstones), i, i+1)
	}
}

// PutTombstone returns ts with t in it, replacing a mark of the same thing,
// sorted by kind then id; ts itself is not changed.
func PutTombstone(ts []Tombstone, t Tombstone) []Tombstone {
	out := slices.Clone(ts)
	if i := tombstoneIndex(out, t.Of, t.ID); i >= 0 {
		out[i] = t
		return out
	}
	out = append(out, t)
	SortTombstones(out)
	return out
}

// SortTombstones puts marks in their stored order: by kind, then id.
func SortTombstones(ts []Tombstone) {
	slices.SortFunc(ts, func(a, b Tombstone) int {
		return cmp.Or(cmp.Compare(a.Of, b.Of), cmp.Compare(a.ID, b.ID))
	})
}

func tombstoneIndex(ts []Tombstone, of TombstoneOf, id string) int {
	return slices.IndexFunc(ts, func(t Tombstone) bool { return t.Of == of && t.ID == id })
}

// Changed is when the capture last changed: Updated, or Created for a
// capture stored before changes were stamped.
func (c Capture) Changed() time.Time {
	if c.Updated.IsZero() {
		return c.Created
	}
	return c.Updated
}

// HasConflicts reports whether a team sync left more than one version of
// anything in the session.
func (s *Session) HasConflicts() bool { return s.ConflictCount() > 0 }

// ConflictCount counts the answers, captures and roadmap items of the
// session that hold more than one version.
func (s *Session) ConflictCount() int {
	n := 0
	for _, a := range s.Answers {
		if a != nil && len(a.Conflicts) > 0 {
			n++
		}
	}
	for _, c := range s.Captures {
		if len(c.Conflicts) > 0 {
			n++
		}
	}
	for _, it := range s.Roadmap {
		if len(it.Conflicts) > 0 {
			n++
		}
	}
	return n
}

// Versions lists the versions of an answer a merge kept: the answer as it
// stands first, then the others, newest first. An answer without
// conflicts has one version.
func (a Answer) Versions() []Answer {
	out := make([]Answer, 0, 1+len(a.Conflicts))
	cur := a
	cur.Conflicts = nil
	out = append(out, cur)
	return append(out, a.Conflicts...)
}

// ErrNoConflict is returned when resolving an answer that has one version.
var ErrNoConflict = errors.New("the answer has one version")

// ErrCannotJoin is returned by Join for an answer whose versions cannot be
// put together (two ratings, two numbers, one choice): pick one.
var ErrCannotJoin = errors.New("these versions cannot be joined: keep one of them")

// ChooseVersion settles the conflict of an answer by keeping version i of
// Versions (0: the answer as it stands). The result is a new change, by
// whoever chose, so it wins over the versions it replaces in the next
// merge.
func (s *Session) ChooseVersion(promptID string, i int, now time.Time) (Edit, error) {
	a := s.AnswerFor(promptID)
	vs := a.Versions()
	if len(vs) < 2 {
		return Edit{}, ErrNoConflict
	}
	if i < 0 || i >= len(vs) {
		return Edit{}, fmt.Errorf("no version %d of %d", i+1, len(vs))
	}
	keep := vs[i]
	keep.Conflicts = nil
	return s.storeAnswer(keep, now), nil
}

// JoinVersions settles the conflict of an answer by putting its versions
// together (Join), as a new change. The prompt's kind must join
// (playbooks.KindInfo.Joins): two ratings or two single picks cannot.
func (s *Session) JoinVersions(promptID string, now time.Time) (Edit, error) {
	a := s.AnswerFor(promptID)
	vs := a.Versions()
	if len(vs) < 2 {
		return Edit{}, ErrNoConflict
	}
	if !s.CanJoin(promptID) {
		return Edit{}, ErrCannotJoin
	}
	return s.storeAnswer(Join(vs), now), nil
}

// CanJoin reports whether versions of the answer to promptID can be joined:
// its kind says so (an ad-hoc question is long text).
func (s *Session) CanJoin(promptID string) bool {
	kind := playbooks.FallbackKind
	if pr, _, ok := s.Playbook.Prompt(promptID); ok {
		kind = pr.Kind
	}
	return playbooks.KindOf(kind).Joins
}

// Join puts versions of one answer together, first to last: texts and
// evidence as paragraphs (each said once), list items, picks, journey
// stages and ledger entries as one list without repeats. The state is the
// first's, answered when any is. Whether the kind allows it is CanJoin's
// question.
func Join(vs []Answer) Answer {
	if len(vs) == 0 {
		return Answer{}
	}
	out := vs[0]
	out.Conflicts = nil
	out.Choices = slices.Clone(out.Choices)
	out.Items = slices.Clone(out.Items)
	out.Stages = slices.Clone(out.Stages)
	out.Ledger = slices.Clone(out.Ledger)
	for _, v := range vs[1:] {
		out.Text = joinParagraphs(out.Text, v.Text)
		out.Evidence = joinParagraphs(out.Evidence, v.Evidence)
		out.Choices = unionStrings(out.Choices, v.Choices)
		out.Items = unionStrings(out.Items, v.Items)
		for _, st := range v.Stages {
			if !slices.Contains(out.Stages, st) {
				out.Stages = append(out.Stages, st)
			}
		}
		for _, e := range v.Ledger {
			if !slices.Contains(out.Ledger, e) {
				out.Ledger = append(out.Ledger, e)
			}
		}
		if out.State != StateAnswered && v.State == StateAnswered {
			out.State = StateAnswered
		}
	}
	return out
}

// joinParagraphs is a, a blank line and b, unless one is empty or already
// holds the other.
func joinParagraphs(a, b string) string {
	switch {
	case strings.TrimSpace(b) == "" || strings.Contains(a, b):
		return a
	case strings.TrimSpace(a) == "" || strings.Contains(b, a):
		return b
	}
	return strings.TrimRight(a, "\n") + "\n\n" + b
}

// unionStrings is a followed by what of b it lacks.
func unionStrings(a, b []string) []string {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	return a
}

// Authors lists who wrote the session's answers, captures and roadmap
// items, each once, in the order of their first change.
func (s *Session) Authors() []string {
	type first struct {
		name string
		at   time.Time
	}
	seen := map[string]time.Time{}
	note := func(name string, at time.Time) {
		if name = strings.TrimSpace(name); name == "" {
			return
		}
		if t, ok := seen[name]; !ok || at.Before(t) {
			seen[name] = at
		}
	}
	for _, a := range s.Answers {
		if a != nil {
			note(a.Author, a.Updated)
		}
	}
	for _, c := range s.Captures {
		note(c.Author, c.Changed())
	}
	for _, it := range s.Roadmap {
		note(it.Author, it.Updated)
	}
	out := make([]first, 0, len(seen))
	for n, at := range seen {
		out = append(out, first{n, at})
	}
	slices.SortFunc(out, func(a, b first) int { return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.name, b.name)) })
	names := make([]string, len(out))
	for i, f := range out {
		names[i] = f.name
	}
	return names
}
