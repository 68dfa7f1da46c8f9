package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"rapport/playbooks"
	"rapport/session"
)

// Create stores a whole new session. It refuses an id already stored with
// ErrExists, so an import never overwrites a session by accident.
func (s *Store) Create(sess *session.Session) error {
	return s.update(func(tx *bolt.Tx) error {
		return s.writeNew(tx, sess, false)
	})
}

// writeNew is writeSession for a session written by the user (made,
// imported, put back), which a team sync then has to send.
func (s *Store) writeNew(tx *bolt.Tx, sess *session.Session, replace bool) error {
	if err := s.writeSession(tx, sess, replace); err != nil {
		return err
	}
	if err := forgetDeleted(tx, sess.ID); err != nil {
		return err
	}
	return markDirty(tx, sess.ID)
}

// CreateAll stores new sessions in one transaction: every one of them, or,
// when one fails (its id is taken: ErrExists), none. An import is then
// whole or nothing, and retrying it with new ids duplicates nothing.
func (s *Store) CreateAll(sessions ...*session.Session) error {
	return s.update(func(tx *bolt.Tx) error {
		for _, sess := range sessions {
			if err := s.writeNew(tx, sess, false); err != nil {
				return err
			}
		}
		return nil
	})
}

// Put stores a whole session, replacing any stored one with the same id
// (import --as-new, tests).
func (s *Store) Put(sess *session.Session) error {
	return s.PutAll(sess)
}

// PutAll stores whole sessions in one transaction, replacing stored ones
// with the same ids: one fsync for a whole import or test fixture instead of
// one per session.
func (s *Store) PutAll(sessions ...*session.Session) error {
	if len(sessions) == 0 {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		for _, sess := range sessions {
			if err := s.writeNew(tx, sess, true); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) writeSession(tx *bolt.Tx, sess *session.Session, replace bool) error {
	if sess == nil {
		return errors.New("store session: no session")
	}
	if err := checkID(sess.ID); err != nil {
		return fmt.Errorf("store session: %w", err)
	}
	id := []byte(sess.ID)
	all := tx.Bucket(bucketSessions)
	if all.Bucket(id) != nil {
		if !replace {
			return errorf(ErrExists, "session %s already exists in store %s", sess.ID, s.path)
		}
		if err := all.DeleteBucket(id); err != nil {
			return fmt.Errorf("replace session %s: %w", sess.ID, err)
		}
	}
	b, err := all.CreateBucket(id)
	if err != nil {
		return fmt.Errorf("store session %s: %w", sess.ID, err)
	}
	if err := put(all, headerKey(sess.ID), sess.Header); err != nil {
		return fmt.Errorf("store session %s: %w", sess.ID, err)
	}
	pb, err := b.CreateBucket(bucketPlaybook)
	if err != nil {
		return fmt.Errorf("store session %s: %w", sess.ID, err)
	}
	if err := put(pb, keySnapshot, sess.Playbook); err != nil {
		return fmt.Errorf("store session %s: %w", sess.ID, err)
	}
	for promptID, a := range sess.Answers {
		if a == nil {
			continue
		}
		ans := storableAnswer(*a)
		if ans.PromptID == "" {
			ans.PromptID = promptID
		}
		if err := put(b, []byte(prefixAnswer+ans.PromptID), ans); err != nil {
			return fmt.Errorf("store session %s: %w", sess.ID, err)
		}
	}
	var seq uint64
	for _, c := range sess.Captures {
		seq++
		if err := put(b, []byte(prefixCapture+c.ID), storedCapture{Seq: seq, Capture: c}); err != nil {
			return fmt.Errorf("store session %s: %w", sess.ID, err)
		}
	}
	for _, r := range sess.Roadmap {
		seq++
		if err := put(b, []byte(prefixRoadmap+r.ID), storedRoadmap{Seq: seq, RoadmapItem: r}); err != nil {
			return fmt.Errorf("store session %s: %w", sess.ID, err)
		}
	}
	for _, t := range sess.Tombstones {
		if err := put(b, tombstoneKey(t.Of, t.ID), t); err != nil {
			return fmt.Errorf("store session %s: %w", sess.ID, err)
		}
	}
	if len(sess.Carried) > 0 {
		if err := put(b, keyCarried, sess.Carried); err != nil {
			return fmt.Errorf("store session %s: %w", sess.ID, err)
		}
	}
	if err := b.SetSequence(seq); err != nil {
		return fmt.Errorf("store session %s: %w", sess.ID, err)
	}
	if err := indexesOf(tx).putIndex(sess.ID, sess.Index()); err != nil {
		return fmt.Errorf("store session %s: %w", sess.ID, err)
	}
	return nil
}

// tombstoneKey is where the mark of a deleted capture or roadmap item is
// kept in its session's bucket.
func tombstoneKey(of session.TombstoneOf, id string) []byte {
	return []byte(prefixTombstone + string(of) + "/" + id)
}

// put encodes v and stores it under key.
func put(b *bolt.Bucket, key []byte, v any) error {
	data, err := encode(v)
	if err != nil {
		return err
	}
	if err := b.Put(key, data); err != nil {
		return fmt.Errorf("put %q: %w", key, err)
	}
	return nil
}

// Load reads a whole session: header, playbook, answers, captures and
// roadmap in the order they were made. A missing id gives ErrNotFound.
func (s *Store) Load(id string) (*session.Session, error) {
	var sess *session.Session
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSessions).Bucket([]byte(id))
		if b == nil {
			return errorf(ErrNotFound, "no session %s in store %s", id, s.path)
		}
		var err error
		sess, err = s.readSession(id, tx.Bucket(bucketSessions), b)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sess, nil
}

func (s *Store) readSession(id string, all, b *bolt.Bucket) (*session.Session, error) {
	damaged := func(err error) error {
		if errors.Is(err, errUnknownVersion) {
			return fmt.Errorf("session %s in store %s was written by a newer rapport: %w (%w)", id, s.path, err, ErrNewerSchema)
		}
		return fmt.Errorf("session %s in store %s is damaged: %w (%w)", id, s.path, err, ErrCorrupt)
	}
	raw := all.Get(headerKey(id))
	if raw == nil {
		return nil, damaged(errors.New("its header is missing"))
	}
	h, err := decode[session.Header]("header", raw)
	if err != nil {
		return nil, damaged(err)
	}
	sess := &session.Session{Header: h, Answers: map[string]*session.Answer{}}
	if pb := b.Bucket(bucketPlaybook); pb == nil {
		return nil, damaged(errors.New("its playbook is missing"))
	} else if raw := pb.Get(keySnapshot); raw != nil {
		pb, err := decode[playbooks.Playbook]("playbook", raw)
		if err != nil {
			return nil, damaged(err)
		}
		sess.Playbook = pb
	}
	var caps []storedCapture
	var road []storedRoadmap
	err = b.ForEach(func(k, v []byte) error {
		switch {
		case bytes.HasPrefix(k, []byte(prefixAnswer)):
			a, err := decode[session.Answer]("answer", v)
			if err != nil {
				return err
			}
			if a.PromptID == "" {
				a.PromptID = string(k[len(prefixAnswer):])
			}
			sess.Answers[a.PromptID] = &a
		case bytes.HasPrefix(k, []byte(prefixCapture)):
			c, err := decode[storedCapture]("capture", v)
			if err != nil {
				return err
			}
			caps = append(caps, c)
		case bytes.HasPrefix(k, []byte(prefixRoadmap)):
			r, err := decode[storedRoadmap]("roadmap", v)
			if err != nil {
				return err
			}
			road = append(road, r)
		case bytes.HasPrefix(k, []byte(prefixTombstone)):
			t, err := decode[session.Tombstone]("tombstone", v)
			if err != nil {
				return err
			}
			sess.Tombstones = append(sess.Tombstones, t)
		case bytes.Equal(k, keyCarried):
			refs, err := decode[[]session.Ref]("carried", v)
			if err != nil {
				return err
			}
			sess.Carried = refs
		}
		return nil
	})
	if err != nil {
		return nil, damaged(err)
	}
	slices.SortStableFunc(caps, func(a, b storedCapture) int { return cmp.Compare(a.Seq, b.Seq) })
	slices.SortStableFunc(road, func(a, b storedRoadmap) int { return cmp.Compare(a.Seq, b.Seq) })
	for _, c := range caps {
		sess.Captures = append(sess.Captures, c.Capture)
	}
	for _, r := range road {
		sess.Roadmap = append(sess.Roadmap, r.RoadmapItem)
	}
	return sess, nil
}

// List returns the index record of every session, most recently updated
// first (ties: newest id first). It reads the recent bucket from its end,
// where the records already sit in that order on pages of their own, never
// the sessions' buckets. A damaged record is left out and named in the
// error, which wraps ErrCorrupt; the list returned beside it is still
// usable.
func (s *Store) List() ([]session.Index, error) {
	ix, _, err := s.list(-1)
	return ix, err
}

// ListNewest returns the index records of the n most recently updated
// sessions, in List's order, and how many sessions there are in all: what
// the library's first frame needs, read from the last pages of the recent
// bucket whatever the size of the store. Damaged records are skipped as in
// List.
func (s *Store) ListNewest(n int) ([]session.Index, int, error) {
	return s.list(max(n, 0))
}

// list reads up to n records (all when n < 0) from the newest, and the
// number of sessions stored.
func (s *Store) list(n int) ([]session.Index, int, error) {
	// Records gather in fixed chunks copied once into a slice of the exact
	// size: appending to one slice would allocate about five times the
	// list's size while it grows (7 MB for 10,000 sessions instead of 3).
	const chunk = 1024
	var full [][]session.Index
	cur := make([]session.Index, 0, min(uint(n), chunk))
	var bad []string
	total := 0
	in := interner{}
	err := s.view(func(tx *bolt.Tx) error {
		recent := tx.Bucket(bucketRecent)
		total = int(recent.Sequence())
		c := recent.Cursor()
		got := 0
		for k, v := c.Last(); k != nil && got != n; k, v = c.Prev() {
			id := orderID(k)
			ix, err := decodeIndexIn(v, id, in)
			if err != nil {
				bad = append(bad, id)
				continue
			}
			if ix.ID == "" {
				ix.ID = id
			}
			if len(cur) == chunk {
				full = append(full, cur)
				cur = make([]session.Index, 0, chunk)
			}
			cur = append(cur, ix)
			got++
		}
		if n < 0 {
			releaseMapped(s.db, tx)
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	out := cur
	if len(full) > 0 {
		out = make([]session.Index, 0, len(full)*chunk+len(cur))
		for _, c := range full {
			out = append(out, c...)
		}
		out = append(out, cur...)
	}
	if len(out) == 0 {
		out = nil
	}
	if len(bad) > 0 {
		return out, total, fmt.Errorf("store %s: the list entries of %d sessions are damaged (%s): %w",
			s.path, len(bad), strings.Join(bad, ", "), ErrCorrupt)
	}
	return out, total, nil
}

// indexKey is the key of a session's index record in the sessions bucket:
// its id and a NUL, so it sorts right after the session's own bucket (and
// shares its page, which every save rewrites anyway).
func indexKey(id string) []byte {
	k := make([]byte, 0, len(id)+1)
	k = append(k, id...)
	return append(k, 0)
}

// headerKey is the key of a session's header in the sessions bucket: its
// id and a 0x01 byte, right after the index record.
func headerKey(id string) []byte {
	k := make([]byte, 0, len(id)+1)
	k = append(k, id...)
	return append(k, 1)
}

// forEachIndex calls fn with the id and stored value of every index record
// in the sessions bucket, skipping the session buckets between them.
func forEachIndex(all *bolt.Bucket, fn func(id string, v []byte)) {
	c := all.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil || len(k) < 2 || k[len(k)-1] != 0 {
			continue
		}
		fn(string(k[:len(k)-1]), v)
	}
}

// checkID refuses ids that could not be told apart from an index key or
// would be unreadable in messages.
func checkID(id string) error {
	if id == "" {
		return errors.New("the session has no id")
	}
	if len(id) > 200 {
		return fmt.Errorf("session id %.20q... is too long", id)
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f || !unicode.IsPrint(r) {
			return fmt.Errorf("session id %q holds a control character", id)
		}
	}
	return nil
}

// sortIndex puts the most recently updated first.
func sortIndex(ix []session.Index) {
	slices.SortFunc(ix, func(a, b session.Index) int {
		if c := b.Updated.Compare(a.Updated); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
}

// Delete removes a session and its index record; ErrNotFound if missing.
// In a team (EnableSync), the deletion is remembered, so the next sync
// marks the session deleted in the team repository.
func (s *Store) Delete(id string) error {
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketSessions).Bucket([]byte(id)) == nil {
			return errorf(ErrNotFound, "no session %s in store %s", id, s.path)
		}
		if err := s.deleteSession(tx, id); err != nil {
			return err
		}
		return s.noteDeleted(tx, id, time.Now())
	})
}

// deleteSession removes a stored session, its index records and header.
func (s *Store) deleteSession(tx *bolt.Tx, id string) error {
	all := tx.Bucket(bucketSessions)
	if err := all.DeleteBucket([]byte(id)); err != nil {
		return fmt.Errorf("delete session %s: %w", id, err)
	}
	if err := indexesOf(tx).dropIndex(id); err != nil {
		return fmt.Errorf("delete session %s: %w", id, err)
	}
	if err := all.Delete(headerKey(id)); err != nil {
		return fmt.Errorf("delete session %s: %w", id, err)
	}
	return nil
}

// releaseAfter is how many records Resolve reads before it hands back the
// file pages it mapped in to read them (see releaseMapped).
const releaseAfter = 64

// maxCandidates caps how many sessions an ambiguity message names.
const maxCandidates = 5

// Resolve turns what a user typed into a session id; see ResolveMatch.
func (s *Store) Resolve(ref string) (string, error) {
	m, err := s.ResolveMatch(ref)
	return m.ID, err
}

// MatchKind says how a reference named its session.
type MatchKind int

// How a reference can match, from the most deliberate to the least.
const (
	MatchID           MatchKind = iota // the session's whole id
	MatchIDPrefix                      // the start of one session's id
	MatchClient                        // a client's whole name: its most recent session
	MatchClientPrefix                  // the start of one client's name, or of a word in it
)

// Match is the session a reference names and how it named it.
type Match struct {
	ID   string
	Kind MatchKind
	// Sessions, for a match by client name (whole or prefix), are that
	// client's sessions, most recent first (ID is the first), so a caller
	// about to do something that cannot be undone can ask which one.
	Sessions []session.Index
}

// ResolveMatch turns what a user typed into a session: a whole id, a
// client's whole name (that client's most recently updated session), the
// start of one session's id, or the start of one client's name or of a
// word in it, so "Northwind" finds "Northwind Logistics"; ids and names
// match whatever their case. A reference that could mean different
// sessions is never settled by an order of preference: a whole id that is
// also another session's client name, a client's whole name that also
// starts the ids of other clients' sessions, an id prefix that also starts
// another client's name, and a prefix of several ids or of several
// clients' names all fail with ErrAmbiguous, naming the candidates (their
// names sanitised, as the line goes to a terminal). A client's whole name
// is preferred over the start of other clients' names. Otherwise it fails
// with ErrNotFound.
//
// It reads only the sessions the refs bucket finds by ref's start (a few
// for a client's name or an id), not every record (forEachCandidate).
func (s *Store) ResolveMatch(ref string) (Match, error) {
	return s.resolve(ref, forEachCandidate)
}

// resolve is ResolveMatch over the sessions candidates offers: those the
// refs bucket finds, or, in tests, every one (forEachIndex), which must
// give the same answer.
func (s *Store) resolve(ref string, candidates func(tx *bolt.Tx, ref string, fn func(id string, v []byte), settled func() bool)) (Match, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Match{}, errorf(ErrNotFound, "no session matches an empty reference")
	}
	var (
		exactID  *session.Index
		prefixed []session.Index
		// byClient holds every session of each client (case folded) whose
		// name matches ref whole or in part; named is the client whose
		// name is ref whole, if any.
		byClient = map[string][]session.Index{}
		named    string
	)
	upper := strings.ToUpper(ref)
	read := 0
	err := s.view(func(tx *bolt.Tx) error {
		candidates(tx, ref, func(k string, v []byte) {
			read++
			ix, err := decodeIndex(v)
			if err != nil {
				return // a damaged entry matches nothing; List reports it
			}
			ix.ID = k
			if strings.EqualFold(ix.ID, ref) {
				x := ix
				exactID = &x
			} else if strings.HasPrefix(strings.ToUpper(ix.ID), upper) {
				prefixed = append(prefixed, ix)
			}
			key := strings.ToLower(strings.TrimSpace(ix.Client))
			if strings.EqualFold(strings.TrimSpace(ix.Client), ref) {
				named = key
			}
			if clientNamePrefix(ix.Client, ref) {
				byClient[key] = append(byClient[key], ix)
			}
		}, func() bool { return exactID != nil || named != "" })
		if read > releaseAfter {
			// The records read are decoded, so the pages they were on
			// need not stay resident. A few are left for the Load that
			// follows.
			releaseMapped(s.db, tx)
		}
		return nil
	})
	if err != nil {
		return Match{}, err
	}
	for _, ss := range byClient {
		sortIndex(ss) // most recent first
	}
	clientOf := func(ix session.Index) string { return strings.ToLower(strings.TrimSpace(ix.Client)) }
	switch {
	case exactID != nil:
		if named != "" && named != clientOf(*exactID) {
			return Match{}, ambiguousMix(ref, "the id of a session and the name of a client",
				append([]session.Index{*exactID}, byClient[named][0]), "type the id of the one you mean")
		}
		return Match{ID: exactID.ID, Kind: MatchID}, nil
	case named != "":
		latest := byClient[named][0]
		others := slices.DeleteFunc(slices.Clone(prefixed), func(ix session.Index) bool { return clientOf(ix) == named })
		if len(others) > 0 {
			return Match{}, ambiguousMix(ref, "the name of a client and the start of other sessions' ids",
				append([]session.Index{latest}, others...), "type the whole id of the one you mean")
		}
		return Match{ID: latest.ID, Kind: MatchClient, Sessions: byClient[named]}, nil
	case len(prefixed) > 1:
		return Match{}, ambiguous(ref, prefixed)
	case len(prefixed) == 1:
		only := prefixed[0]
		var others []session.Index
		for key, ss := range byClient {
			if key != clientOf(only) {
				others = append(others, ss[0])
			}
		}
		if len(others) > 0 {
			return Match{}, ambiguousMix(ref, "the start of a session's id and of a client's name",
				append([]session.Index{only}, others...), "type more of the id or of the name")
		}
		return Match{ID: only.ID, Kind: MatchIDPrefix}, nil
	case len(byClient) > 1:
		return Match{}, ambiguousClients(ref, byClient)
	case len(byClient) == 1:
		for _, ss := range byClient {
			return Match{ID: ss[0].ID, Kind: MatchClientPrefix, Sessions: ss}, nil
		}
	}
	return Match{}, errorf(ErrNotFound, "no session matches %q (by id, id prefix or client name)", ref)
}

// clientNamePrefix reports whether ref, case folded, starts the client's
// name or one of its words (split at anything not a letter or digit).
// The refs bucket keys a session by the same words (nameWords), so that
// whatever this matches, forEachCandidate finds.
func clientNamePrefix(client, ref string) bool {
	name, ref := strings.ToLower(strings.TrimSpace(client)), strings.ToLower(ref)
	if name == "" {
		return false
	}
	if strings.HasPrefix(name, ref) {
		return true
	}
	for _, w := range nameWords(client) {
		if strings.HasPrefix(w, ref) {
			return true
		}
	}
	return false
}

// ambiguousClients names the clients a name prefix matched.
func ambiguousClients(ref string, byClient map[string][]session.Index) error {
	var names []string
	for _, ss := range byClient {
		names = append(names, strconv.Quote(session.PlainLine(ss[0].Client)))
	}
	slices.Sort(names)
	n := len(names)
	if n > maxCandidates {
		names = append(names[:maxCandidates], fmt.Sprintf("and %d more", n-maxCandidates))
	}
	return errorf(ErrAmbiguous, "%q starts the names of %d clients: %s; type more of the name",
		ref, n, strings.Join(names, ", "))
}

// ambiguous says which sessions an id prefix matched.
func ambiguous(ref string, matches []session.Index) error {
	return errorf(ErrAmbiguous, "%q matches %d sessions: %s; type more of the id",
		ref, len(matches), Candidates(matches))
}

// ambiguousMix says that ref could mean sessions in two ways (what), and
// what to type instead.
func ambiguousMix(ref, what string, matches []session.Index, hint string) error {
	return errorf(ErrAmbiguous, "%q is %s: %s; %s", ref, what, Candidates(matches), hint)
}

// Candidates lists sessions for a one-line message, as "ID (client,
// playbook, date)", most recent first (the playbook is what tells one
// client's sessions of a day apart), at most five and a count of the rest. Names
// and ids are plain sanitised lines (session.PlainLine): the line goes to
// a terminal.
func Candidates(ss []session.Index) string {
	ss = slices.Clone(ss)
	sortIndex(ss)
	var names []string
	for i, ix := range ss {
		if i == maxCandidates {
			names = append(names, fmt.Sprintf("and %d more", len(ss)-maxCandidates))
			break
		}
		names = append(names, fmt.Sprintf("%s (%s, %s, %s)", session.PlainLine(ix.ID), session.PlainLine(ix.Client),
			session.PlainLine(ix.Playbook), ix.Updated.Format("2006-01-02")))
	}
	return strings.Join(names, ", ")
}

// Apply persists edits in one transaction, in order. For each run of edits
// to one session it writes the header and index record of the run's last
// edit, then whatever each edit names (an answer, a capture or roadmap item
// put or deleted), so a save costs the same however big the session is. The
// writer hands it edits grouped per session, one run each; edits in any
// other order are applied all the same, a later run's header replacing an
// earlier one's. A session that is not stored gives ErrNotFound and nothing
// is written.
func (s *Store) Apply(edits ...session.Edit) error {
	if len(edits) == 0 {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error { return s.applyEdits(tx, edits) })
}

func (s *Store) applyEdits(tx *bolt.Tx, edits []session.Edit) error {
	ib := indexesOf(tx)
	all := ib.all
	for len(edits) > 0 {
		id := edits[0].SessionID
		if id == "" {
			return errors.New("save: an edit names no session")
		}
		n := 1
		for n < len(edits) && edits[n].SessionID == id {
			n++
		}
		run := edits[:n]
		edits = edits[n:]
		b := all.Bucket([]byte(id))
		if b == nil {
			return errorf(ErrNotFound, "save: no session %s in store %s (create it before saving edits to it)", id, s.path)
		}
		last := run[len(run)-1]
		if err := put(all, headerKey(id), last.Header); err != nil {
			return fmt.Errorf("save session %s: %w", id, err)
		}
		if err := ib.putIndex(id, last.Index); err != nil {
			return fmt.Errorf("save session %s: %w", id, err)
		}
		for _, e := range run {
			if err := applyItems(b, e); err != nil {
				return fmt.Errorf("save session %s: %w", id, err)
			}
		}
		if err := markDirty(tx, id); err != nil {
			return fmt.Errorf("save session %s: %w", id, err)
		}
	}
	return nil
}

// applyItems writes what one edit names besides the header.
func applyItems(b *bolt.Bucket, e session.Edit) error {
	if e.Answer != nil {
		if err := put(b, []byte(prefixAnswer+e.Answer.PromptID), storableAnswer(*e.Answer)); err != nil {
			return err
		}
	}
	if e.Capture != nil {
		key := []byte(prefixCapture + e.Capture.ID)
		seq, err := position(b, key, func(v []byte) (uint64, error) {
			c, err := decode[storedCapture]("capture", v)
			return c.Seq, err
		})
		if err != nil {
			return err
		}
		if err := put(b, key, storedCapture{Seq: seq, Capture: *e.Capture}); err != nil {
			return err
		}
		if err := b.Delete(tombstoneKey(session.TombstoneCapture, e.Capture.ID)); err != nil {
			return err
		}
	}
	if e.DeleteCapture != "" {
		if err := b.Delete([]byte(prefixCapture + e.DeleteCapture)); err != nil {
			return fmt.Errorf("delete capture %s: %w", e.DeleteCapture, err)
		}
	}
	if e.Roadmap != nil {
		key := []byte(prefixRoadmap + e.Roadmap.ID)
		seq, err := position(b, key, func(v []byte) (uint64, error) {
			r, err := decode[storedRoadmap]("roadmap", v)
			return r.Seq, err
		})
		if err != nil {
			return err
		}
		if err := put(b, key, storedRoadmap{Seq: seq, RoadmapItem: *e.Roadmap}); err != nil {
			return err
		}
		if err := b.Delete(tombstoneKey(session.TombstoneRoadmap, e.Roadmap.ID)); err != nil {
			return err
		}
	}
	if t := e.Tombstone; t != nil {
		if err := put(b, tombstoneKey(t.Of, t.ID), *t); err != nil {
			return err
		}
	}
	if e.DeleteRoadmap != "" {
		if err := b.Delete([]byte(prefixRoadmap + e.DeleteRoadmap)); err != nil {
			return fmt.Errorf("delete roadmap item %s: %w", e.DeleteRoadmap, err)
		}
	}
	return nil
}

// position keeps the place of a record being replaced, or gives a new one
// at the end. A capture deleted and put back (undo) goes to the end of the
// list, as session.PutCapture puts it in memory.
func position(b *bolt.Bucket, key []byte, seqOf func([]byte) (uint64, error)) (uint64, error) {
	if v := b.Get(key); v != nil {
		if seq, err := seqOf(v); err == nil && seq > 0 {
			return seq, nil
		}
	}
	seq, err := b.NextSequence()
	if err != nil {
		return 0, fmt.Errorf("number %s: %w", key, err)
	}
	return seq, nil
}
