package teamsync

import (
	"bytes"
	"cmp"
	"encoding/json"
	"reflect"
	"slices"
	"time"

	"rapport/session"
)

// The merge: three versions of one session (the last both sides agreed
// on, ours, theirs) make one, the way the domain understands a session,
// not as lines of text. It is the one merge rapport has: `rapport sync`
// runs it in process, and git runs it as the merge driver (`rapport
// merge-driver %O %A %B`) when a plain `git pull` merges a session file,
// so both give the same file.
//
//   - A thing changed on one side only takes that side's version; one
//     changed on both sides to the same value takes it.
//   - Answers: changed on both sides to different values, the newer
//     version stands and the other is kept beside it (Answer.Conflicts),
//     for the runner to show until someone chooses or joins them.
//   - Captures and roadmap items are unions by id, merged field by field:
//     fields changed on one side each take that side; a field changed on
//     both sides takes the newer capture's, and the older capture is kept
//     in its Conflicts. Tags and evidence links merge as sets.
//   - Deletions are tombstones: a capture, roadmap item or session
//     deleted on one side and untouched on the other stays deleted; one
//     changed on the other side after the deletion comes back (the newer
//     change wins), and the mark goes.
//   - Header fields merge one by one: clocks take the larger, lists
//     (tags, contacts, takeaways, ad-hoc questions) merge as sets, the
//     rest take the newer session's value when both sides changed them.
//
// "Newer" compares change stamps: the time a thing last changed and then
// its author's name, then its bytes, so two people merging the same
// versions in either order get the same result (ARCHITECTURE.md says why
// times and not counters). Nothing here reads a clock: the result depends
// only on the three versions.

// Version is one side's copy of a session file: the session, or the mark
// of its deletion, or neither (the file is absent on that side).
type Version struct {
	Session *session.Session
	Gone    *session.Tombstone
}

// absent reports whether the side has no copy at all.
func (v Version) absent() bool { return v.Session == nil && v.Gone == nil }

// Report says what a merge found worth telling.
type Report struct {
	// Conflicts counts the answers, captures and roadmap items that hold
	// more than one version after the merge and did not before on either
	// side.
	Conflicts int
}

// Merge merges ours and theirs, both descended from base (absent when the
// two were made apart). The versions are not changed.
func Merge(base, ours, theirs Version) (Version, Report) {
	switch {
	case sameVersion(ours, theirs):
		return ours, Report{}
	case sameVersion(base, ours) || ours.absent():
		return theirs, Report{}
	case sameVersion(base, theirs) || theirs.absent():
		return ours, Report{}
	}
	// Both sides changed.
	switch {
	case ours.Gone != nil && theirs.Gone != nil:
		if newerTomb(*ours.Gone, *theirs.Gone) {
			return ours, Report{}
		}
		return theirs, Report{}
	case ours.Gone != nil:
		return goneOrKept(*ours.Gone, theirs), Report{}
	case theirs.Gone != nil:
		return goneOrKept(*theirs.Gone, ours), Report{}
	}
	b := base.Session
	if b == nil {
		b = &session.Session{}
	}
	m := mergeSessions(b, ours.Session, theirs.Session)
	return Version{Session: m}, Report{Conflicts: max(0, m.ConflictCount()-max(ours.Session.ConflictCount(), theirs.Session.ConflictCount()))}
}

// goneOrKept settles a session deleted on one side and changed on the
// other: the newer wins.
func goneOrKept(t session.Tombstone, kept Version) Version {
	if kept.Session.Updated.After(t.At) {
		return kept
	}
	return Version{Gone: &t}
}

// newerTomb orders two deletions of one thing: the later, then by author.
func newerTomb(a, b session.Tombstone) bool {
	return compareStamps(a.At, a.Author, b.At, b.Author, a, b) > 0
}

// compareStamps orders two changes: by time, then author, then bytes, so
// that two different changes are never equal.
func compareStamps(at time.Time, aa string, bt time.Time, ba string, a, b any) int {
	if c := at.Compare(bt); c != 0 {
		return c
	}
	if c := cmp.Compare(aa, ba); c != 0 {
		return c
	}
	return bytes.Compare(jsonOf(a), jsonOf(b))
}

// sameVersion compares two copies by what they hold.
func sameVersion(a, b Version) bool {
	switch {
	case a.absent() || b.absent():
		return a.absent() && b.absent()
	case (a.Gone == nil) != (b.Gone == nil):
		return false
	case a.Gone != nil:
		return equal(*a.Gone, *b.Gone)
	}
	return equal(a.Session, b.Session)
}

// jsonOf is v as JSON, the one way this file compares values: every
// field, maps by sorted key, times by instant and zone (the three
// versions are read from files, all in UTC).
func jsonOf(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// The session types always marshal (no channels, no funcs; NaN is
		// refused by the reader before a merge sees it).
		panic("teamsync: " + err.Error())
	}
	return b
}

func equal(a, b any) bool { return bytes.Equal(jsonOf(a), jsonOf(b)) }

// pick is the three-way rule for one value: the side that changed it, the
// value both gave it, or, changed apart on both sides, ours when oursWins.
func pick[T any](b, o, t T, oursWins bool) (T, bool) {
	switch {
	case equal(o, t), equal(b, t):
		return o, false
	case equal(b, o):
		return t, false
	case oursWins:
		return o, true
	}
	return t, true
}

// mergeSessions merges two sessions changed on both sides.
func mergeSessions(b, o, t *session.Session) *session.Session {
	oursNewer := compareStamps(o.Updated, "", t.Updated, "", o.Header, t.Header) > 0
	m := &session.Session{}
	m.Header = mergeHeader(b.Header, o.Header, t.Header, oursNewer)
	m.Playbook, _ = pick(b.Playbook, o.Playbook, t.Playbook, oursNewer)
	m.Answers = mergeAnswers(b.Answers, o.Answers, t.Answers)
	m.Carried = mergeSet(b.Carried, o.Carried, t.Carried, func(r session.Ref) string { return r.Session + "/" + r.Item })
	var tombs []session.Tombstone
	m.Captures, tombs = mergeItems(b, o, t, session.TombstoneCapture,
		func(s *session.Session) []session.Capture { return s.Captures },
		func(c session.Capture) string { return c.ID },
		mergeCapture)
	var roadTombs []session.Tombstone
	m.Roadmap, roadTombs = mergeItems(b, o, t, session.TombstoneRoadmap,
		func(s *session.Session) []session.RoadmapItem { return s.Roadmap },
		func(r session.RoadmapItem) string { return r.ID },
		mergeRoadmapItem)
	m.Roadmap = settleOrder(m.Roadmap)
	tombs = append(tombs, roadTombs...)
	session.SortTombstones(tombs)
	if len(tombs) > 0 {
		m.Tombstones = tombs
	}
	return m
}

// mergeHeader merges the header field by field.
func mergeHeader(b, o, t session.Header, oursNewer bool) session.Header {
	m := session.Header{}
	mv, bv, ov, tv := reflect.ValueOf(&m).Elem(), reflect.ValueOf(b), reflect.ValueOf(o), reflect.ValueOf(t)
	for i := range mv.NumField() {
		f := mv.Type().Field(i)
		switch f.Name {
		case "Updated", "Elapsed", "PhaseTime", "Tags", "Contacts", "AdHoc", "Takeaways":
			continue // below
		}
		v, _ := pick(bv.Field(i).Interface(), ov.Field(i).Interface(), tv.Field(i).Interface(), oursNewer)
		mv.Field(i).Set(reflect.ValueOf(v))
	}
	m.Updated = o.Updated
	if t.Updated.After(o.Updated) {
		m.Updated = t.Updated
	}
	// The clock only grows: time run on both sides is the larger.
	m.Elapsed, _ = pick(b.Elapsed, o.Elapsed, t.Elapsed, o.Elapsed > t.Elapsed)
	m.PhaseTime = mergePhaseTime(b.PhaseTime, o.PhaseTime, t.PhaseTime)
	m.Tags = mergeSet(b.Tags, o.Tags, t.Tags, func(s string) string { return s })
	m.Takeaways = mergeSet(b.Takeaways, o.Takeaways, t.Takeaways, func(s string) string { return s })
	m.Contacts = mergeKeyed(b.Contacts, o.Contacts, t.Contacts, func(c session.Contact) string { return c.Name }, oursNewer)
	m.AdHoc = mergeKeyed(b.AdHoc, o.AdHoc, t.AdHoc, func(a session.AdHocPrompt) string { return a.ID }, oursNewer)
	return m
}

// mergePhaseTime merges the time per phase: each phase's clock is the
// side's that changed it, or the larger.
func mergePhaseTime(b, o, t map[string]time.Duration) map[string]time.Duration {
	if len(o) == 0 && len(t) == 0 {
		return nil
	}
	m := make(map[string]time.Duration, max(len(o), len(t)))
	for _, src := range []map[string]time.Duration{o, t} {
		for k := range src {
			if _, done := m[k]; done {
				continue
			}
			v, _ := pick(b[k], o[k], t[k], o[k] > t[k])
			if v != 0 {
				m[k] = v
			}
		}
	}
	return m
}

// mergeSet is the three-way merge of a list taken as a set (by key): what
// either side added is in, what either side removed is out; the order is
// ours, then what only theirs has, in theirs' order. A nil result stays
// nil, so an empty list is written as none.
func mergeSet[T any](b, o, t []T, key func(T) string) []T {
	inB := keys(b, key)
	inO := keys(o, key)
	inT := keys(t, key)
	var m []T
	seen := map[string]bool{}
	for _, list := range [][]T{o, t} {
		for _, x := range list {
			k := key(x)
			if seen[k] {
				continue
			}
			seen[k] = true
			if (inO[k] && inT[k]) || (inO[k] && !inB[k]) || (inT[k] && !inB[k]) {
				m = append(m, x)
			}
		}
	}
	return m
}

func keys[T any](list []T, key func(T) string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, x := range list {
		m[key(x)] = true
	}
	return m
}

// mergeKeyed merges a list of values with keys: a set of keys (mergeSet),
// each kept value the three-way pick of its versions.
func mergeKeyed[T any](b, o, t []T, key func(T) string, oursNewer bool) []T {
	m := mergeSet(b, o, t, key)
	find := func(list []T, k string) T {
		for _, x := range list {
			if key(x) == k {
				return x
			}
		}
		var zero T
		return zero
	}
	for i, x := range m {
		k := key(x)
		m[i], _ = pick(find(b, k), find(o, k), find(t, k), oursNewer)
	}
	return m
}

// mergeAnswers merges the answers prompt by prompt.
func mergeAnswers(b, o, t map[string]*session.Answer) map[string]*session.Answer {
	m := make(map[string]*session.Answer, max(len(o), len(t)))
	for _, src := range []map[string]*session.Answer{o, t} {
		for id := range src {
			if _, done := m[id]; done {
				continue
			}
			if a := mergeAnswer(b[id], o[id], t[id]); a != nil {
				m[id] = a
			}
		}
	}
	return m
}

// content is what an answer says, without who said it when: the value,
// its state and the other versions kept beside it.
func content(a *session.Answer) []byte {
	if a == nil {
		return nil
	}
	c := *a
	c.Updated, c.Author = time.Time{}, ""
	return jsonOf(c)
}

// newerAnswer orders two versions of an answer by their stamps.
func newerAnswer(a, b *session.Answer) bool {
	return compareStamps(a.Updated, a.Author, b.Updated, b.Author, a, b) > 0
}

// mergeAnswer merges one prompt's answer. An answer is one value: both
// sides changing it to different values is a conflict, never a mix.
func mergeAnswer(b, o, t *session.Answer) *session.Answer {
	if o == nil {
		o = b
	}
	if t == nil {
		t = b
	}
	if o == nil || t == nil {
		return cmp.Or(o, t)
	}
	oChanged, tChanged := !bytes.Equal(content(b), content(o)), !bytes.Equal(content(b), content(t))
	switch {
	case !tChanged && !oChanged:
		// Only stamps moved (typed and typed back): the newer.
		if newerAnswer(t, o) {
			return t
		}
		return o
	case !tChanged:
		return o
	case !oChanged:
		return t
	}
	win, lose := o, t
	if newerAnswer(t, o) {
		win, lose = t, o
	}
	var bc []session.Answer
	if b != nil {
		bc = b.Conflicts
	}
	versions := mergeSet(bc, o.Conflicts, t.Conflicts, func(a session.Answer) string { return string(jsonOf(a)) })
	if !bytes.Equal(content(o), content(t)) {
		l := *lose
		l.Conflicts = nil
		versions = append(versions, l)
	}
	out := *win
	out.Conflicts = settleVersions(out, versions)
	return &out
}

// settleVersions orders the other versions of an answer newest first and
// drops those that say what the answer says, or what a newer one says.
func settleVersions(cur session.Answer, vs []session.Answer) []session.Answer {
	slices.SortFunc(vs, func(x, y session.Answer) int { return -compareStamps(x.Updated, x.Author, y.Updated, y.Author, x, y) })
	cur.Conflicts = nil
	seen := map[string]bool{string(content(&cur)): true}
	var out []session.Answer
	for _, v := range vs {
		v.Conflicts = nil
		k := string(content(&v))
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, v)
	}
	return out
}

// itemState is one side's copy of a capture or roadmap item: the item, or
// the mark of its deletion, or neither.
type itemState[T any] struct {
	item *T
	tomb *session.Tombstone
}

func (s itemState[T]) none() bool { return s.item == nil && s.tomb == nil }

func sameState[T any](a, b itemState[T]) bool {
	switch {
	case a.none() || b.none():
		return a.none() && b.none()
	case (a.item == nil) != (b.item == nil):
		return false
	case a.item != nil:
		return equal(*a.item, *b.item)
	}
	return equal(*a.tomb, *b.tomb)
}

// changedAt is when an item last changed, for the rule that the newer of a
// deletion and a change wins.
func changedAt(v any) (time.Time, string) {
	switch x := v.(type) {
	case session.Capture:
		return x.Changed(), x.Author
	case session.RoadmapItem:
		return x.Updated, x.Author
	}
	return time.Time{}, ""
}

// mergeItems merges a session's captures (or roadmap items) by id with
// their tombstones, in ours' order with theirs' own interleaved.
func mergeItems[T any](b, o, t *session.Session, of session.TombstoneOf,
	list func(*session.Session) []T, id func(T) string,
	mergeOne func(b *T, o, t T) T,
) ([]T, []session.Tombstone) {
	state := func(s *session.Session) map[string]itemState[T] {
		m := map[string]itemState[T]{}
		for _, x := range list(s) {
			m[id(x)] = itemState[T]{item: &x}
		}
		for _, tb := range s.Tombstones {
			if tb.Of == of {
				if _, live := m[tb.ID]; !live {
					m[tb.ID] = itemState[T]{tomb: &tb}
				}
			}
		}
		return m
	}
	bs, os, ts := state(b), state(o), state(t)
	order := interleave(ids(list(o), id), ids(list(t), id))
	seen := map[string]bool{}
	for _, k := range order {
		seen[k] = true
	}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			order = append(order, k)
		}
	}
	for _, s := range []*session.Session{o, t} {
		for _, tb := range s.Tombstones {
			if tb.Of == of {
				add(tb.ID)
			}
		}
	}
	var items []T
	var tombs []session.Tombstone
	for _, k := range order {
		r := mergeState(bs[k], os[k], ts[k], mergeOne)
		switch {
		case r.item != nil:
			items = append(items, *r.item)
		case r.tomb != nil:
			tombs = append(tombs, *r.tomb)
		}
	}
	return items, tombs
}

func ids[T any](list []T, id func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = id(x)
	}
	return out
}

// interleave is ours' order with what only theirs has placed right after
// the item theirs has before it (at the start when none), so an item
// keeps its neighbours: a capture deleted on our side and brought back
// by theirs returns where it was, one added at their end goes after
// their last.
func interleave(ours, theirs []string) []string {
	out := slices.Clone(ours)
	placed := map[string]bool{}
	for _, k := range ours {
		placed[k] = true
	}
	prev := ""
	for _, k := range theirs {
		if !placed[k] {
			at := 0
			if prev != "" {
				at = slices.Index(out, prev) + 1
			}
			out = slices.Insert(out, at, k)
			placed[k] = true
		}
		prev = k
	}
	return out
}

// mergeState merges one id's copies.
func mergeState[T any](b, o, t itemState[T], mergeOne func(b *T, o, t T) T) itemState[T] {
	switch {
	case sameState(o, t):
		return o
	case sameState(b, o) || o.none():
		return t
	case sameState(b, t) || t.none():
		return o
	}
	switch {
	case o.tomb != nil && t.tomb != nil:
		if newerTomb(*o.tomb, *t.tomb) {
			return o
		}
		return t
	case o.tomb != nil:
		return deletedOrKept(*o.tomb, t)
	case t.tomb != nil:
		return deletedOrKept(*t.tomb, o)
	}
	m := mergeOne(b.item, *o.item, *t.item)
	return itemState[T]{item: &m}
}

// deletedOrKept settles an item deleted on one side and changed on the
// other: the newer wins.
func deletedOrKept[T any](tomb session.Tombstone, kept itemState[T]) itemState[T] {
	at, _ := changedAt(*kept.item)
	if at.After(tomb.At) {
		return kept
	}
	return itemState[T]{tomb: &tomb}
}

// mergeCapture merges one capture changed on both sides, field by field.
func mergeCapture(b *session.Capture, o, t session.Capture) session.Capture {
	var base session.Capture
	if b != nil {
		base = *b
	}
	oNewer := compareStamps(o.Changed(), o.Author, t.Changed(), t.Author, o, t) > 0
	m, conflict := mergeFields(base, o, t, oNewer, "Tags")
	m.Tags = mergeSet(base.Tags, o.Tags, t.Tags, func(s string) string { return s })
	win, lose := o, t
	if !oNewer {
		win, lose = t, o
	}
	m.Updated, m.Author = win.Updated, win.Author
	if m.Updated.IsZero() && !lose.Updated.IsZero() {
		m.Updated = lose.Updated
	}
	versions := mergeSet(base.Conflicts, o.Conflicts, t.Conflicts, func(c session.Capture) string { return string(jsonOf(c)) })
	if conflict {
		lose.Conflicts = nil
		versions = append(versions, lose)
	}
	m.Conflicts = settleItems(versions, func(c session.Capture) (time.Time, string) { return c.Changed(), c.Author })
	return m
}

// mergeRoadmapItem merges one roadmap item changed on both sides, field by
// field. Its place (horizon and order) moves as one: a move on both sides
// takes the newer, and is no conflict, since nothing written is lost.
func mergeRoadmapItem(b *session.RoadmapItem, o, t session.RoadmapItem) session.RoadmapItem {
	var base session.RoadmapItem
	if b != nil {
		base = *b
	}
	oNewer := compareStamps(o.Updated, o.Author, t.Updated, t.Author, o, t) > 0
	m, conflict := mergeFields(base, o, t, oNewer, "Pains", "Quotes", "Horizon", "Order")
	type place struct {
		H session.Horizon
		O int
	}
	p, _ := pick(place{base.Horizon, base.Order}, place{o.Horizon, o.Order}, place{t.Horizon, t.Order}, oNewer)
	m.Horizon, m.Order = p.H, p.O
	m.Pains = mergeSet(base.Pains, o.Pains, t.Pains, func(s string) string { return s })
	m.Quotes = mergeSet(base.Quotes, o.Quotes, t.Quotes, func(s string) string { return s })
	win, lose := o, t
	if !oNewer {
		win, lose = t, o
	}
	m.Updated, m.Author = win.Updated, win.Author
	versions := mergeSet(base.Conflicts, o.Conflicts, t.Conflicts, func(r session.RoadmapItem) string { return string(jsonOf(r)) })
	if conflict {
		lose.Conflicts = nil
		versions = append(versions, lose)
	}
	m.Conflicts = settleItems(versions, func(r session.RoadmapItem) (time.Time, string) { return r.Updated, r.Author })
	return m
}

// settleItems orders kept versions newest first, each once.
func settleItems[T any](vs []T, stampOf func(T) (time.Time, string)) []T {
	if len(vs) == 0 {
		return nil
	}
	slices.SortFunc(vs, func(x, y T) int {
		xt, xa := stampOf(x)
		yt, ya := stampOf(y)
		return -compareStamps(xt, xa, yt, ya, x, y)
	})
	return slices.CompactFunc(vs, func(x, y T) bool { return equal(x, y) })
}

// mergeFields merges the fields of a struct one by one with pick, but for
// the stamps and conflicts (the caller sets them) and the fields named in
// skip. conflict reports a field changed on both sides to different
// values. Walking the fields by reflection means a field added to a
// capture or roadmap item later is merged too, never dropped.
func mergeFields[T any](b, o, t T, oursNewer bool, skip ...string) (T, bool) {
	var m T
	mv := reflect.ValueOf(&m).Elem()
	bv, ov, tv := reflect.ValueOf(b), reflect.ValueOf(o), reflect.ValueOf(t)
	conflict := false
	for i := range mv.NumField() {
		name := mv.Type().Field(i).Name
		if name == "Updated" || name == "Author" || name == "Conflicts" || slices.Contains(skip, name) {
			continue
		}
		v, both := pick(bv.Field(i).Interface(), ov.Field(i).Interface(), tv.Field(i).Interface(), oursNewer)
		mv.Field(i).Set(reflect.ValueOf(v))
		conflict = conflict || both
	}
	return m, conflict
}

// settleOrder keeps each horizon's order readable after a merge: when two
// items of a horizon share a place (moved on both sides), the column is
// renumbered 1..n in its order, ties by id. A horizon without such a
// clash is left as it is.
func settleOrder(items []session.RoadmapItem) []session.RoadmapItem {
	for _, h := range []session.Horizon{session.Now, session.Next, session.Later} {
		var idx []int
		clash := map[int]bool{}
		dup := false
		for i, it := range items {
			if it.Horizon != h {
				continue
			}
			idx = append(idx, i)
			dup = dup || clash[it.Order]
			clash[it.Order] = true
		}
		if !dup {
			continue
		}
		slices.SortStableFunc(idx, func(x, y int) int {
			return cmp.Or(cmp.Compare(items[x].Order, items[y].Order), cmp.Compare(items[x].ID, items[y].ID))
		})
		for n, i := range idx {
			items[i].Order = n + 1
		}
	}
	return items
}
