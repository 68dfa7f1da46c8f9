package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"rapport/session"
)

// The two lookup buckets of schema 2 (see the package comment). Neither
// holds anything that is not also beside the session's bucket: they are
// indexes, kept right by putIndex and dropIndex in the transaction that
// changes the session, and rebuilt from the sessions by the migration.
var (
	// bucketRecent holds a copy of every index record keyed by its last
	// change (orderKey), so the newest screenful is the bucket's last page
	// and a listing reads the records in order from contiguous pages. Its
	// sequence is the number of sessions stored.
	bucketRecent = []byte("recent")
	// bucketRefs holds the keys a REF is looked up by (refKeys): an id, a
	// client's name or a word of it, folded, each ending in the session's
	// id. A client's name key holds a copy of the session's index record
	// (schema 5), so a client's sessions resolve from adjacent pages rather
	// than from records spread through the file; the other values are
	// empty.
	bucketRefs = []byte("refs")
)

// recentFill is the fill percent of the recent bucket's pages. New keys
// almost always go at its end (the session just changed), where bbolt's
// default of half-full pages would leave every page half empty.
const recentFill = 0.9

// orderLen is the length of the time part of an order key.
const orderLen = 12

// orderKey is the key of an index record in the recent bucket: the time of
// its last change (seconds since 1970 with the sign bit flipped, so that
// earlier times sort first, then nanoseconds, both big-endian), then the
// id. Keys sort as Store.List orders sessions, reversed: the last key is
// the most recently changed session, ties going to the later id.
func orderKey(updated time.Time, id string) []byte {
	k := make([]byte, orderLen, orderLen+len(id))
	binary.BigEndian.PutUint64(k, uint64(updated.Unix())^(1<<63))
	binary.BigEndian.PutUint32(k[8:], uint32(updated.Nanosecond()))
	return append(k, id...)
}

// orderID is the session id in an order key.
func orderID(k []byte) string {
	if len(k) <= orderLen {
		return ""
	}
	return string(k[orderLen:])
}

// Ref key kinds: the first byte of a key in the refs bucket.
const (
	refID     = 'i' // the session's id
	refClient = 'c' // the client's whole name
	refWord   = 'w' // a word of the client's name
)

// refKey is kind, then text folded, a NUL and the id. Ids hold no control
// character (checkID), so the id is whatever follows the key's last NUL,
// whatever the folded text holds.
func refKey(kind byte, text, id string) []byte {
	f := fold(text)
	k := make([]byte, 0, 2+len(f)+len(id))
	k = append(k, kind)
	k = append(k, f...)
	k = append(k, 0)
	return append(k, id...)
}

// refKeyID is the session id a ref key ends with.
func refKeyID(k []byte) string {
	i := bytes.LastIndexByte(k, 0)
	if i < 0 {
		return ""
	}
	return string(k[i+1:])
}

// clientRefKeys are the keys a session is found by through its client's
// name: the whole name, and each distinct word of it (nameWords).
// The first is the whole name's (clientRefKey).
func clientRefKeys(id, client string) [][]byte {
	keys := [][]byte{clientRefKey(id, client)}
	seen := map[string]bool{}
	for _, w := range nameWords(client) {
		if f := fold(w); !seen[f] {
			seen[f] = true
			keys = append(keys, refKey(refWord, w, id))
		}
	}
	return keys
}

// clientRefKey is the key that finds session id by its client's whole
// name; it holds the session's index record.
func clientRefKey(id, client string) []byte {
	return refKey(refClient, strings.TrimSpace(client), id)
}

// nameWords splits a client's name, lower-cased, into the words a
// reference may start: runs of letters and digits.
func nameWords(client string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.TrimSpace(client)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// fold maps every character of s to one representative of those that a
// reference may match it by ignoring case (see foldRune), so that when
// strings.EqualFold says two strings are equal their folds are equal, and
// when one starts another once both are upper- or lower-cased, its fold
// starts the other's fold. Folds may match a little more (the dotted and
// dotless i of Turkish fold alike): whoever looks a key up checks the
// record it finds. Invalid UTF-8 becomes U+FFFD, as it does for EqualFold,
// ToUpper and ToLower.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		// For ASCII letters the representative is the capital (K's class
		// also holds the Kelvin sign, S's the long s, both larger).
		return strings.ToUpper(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune is the smallest character reachable from r by upper-casing,
// lower-casing and simple case folding, in any order. TestFoldRune checks,
// over every character, that each of the three steps keeps it, so any two
// characters a step or a chain of steps relates fold alike.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	var seen [8]rune
	todo := append(seen[:0], r)
	least := r
	for i := 0; i < len(todo); i++ {
		c := todo[i]
		least = min(least, c)
		for _, n := range [3]rune{unicode.ToUpper(c), unicode.ToLower(c), unicode.SimpleFold(c)} {
			if !slices.Contains(todo, n) {
				todo = append(todo, n)
			}
		}
	}
	return least
}

// indexBuckets are the buckets putIndex and dropIndex keep right.
type indexBuckets struct {
	all, recent, refs *bolt.Bucket
}

func indexesOf(tx *bolt.Tx) indexBuckets {
	ib := indexBuckets{
		all:    tx.Bucket(bucketSessions),
		recent: tx.Bucket(bucketRecent),
		refs:   tx.Bucket(bucketRefs),
	}
	ib.recent.FillPercent = recentFill
	return ib
}

// putIndex stores the index record of session id beside its bucket, and
// keeps the recent and refs buckets right: the record moves to the key of
// its new last change, and a client's new name replaces the old one's ref
// keys. A new session (no record stored) is counted and gets its id's ref
// key too. It writes nothing when the record is unchanged.
func (ib indexBuckets) putIndex(id string, ix session.Index) error {
	data, err := encode(ix)
	if err != nil {
		return err
	}
	ik := indexKey(id)
	old := ib.all.Get(ik)
	if old != nil && bytes.Equal(old, data) {
		return nil
	}
	if old == nil {
		if err := ib.count(+1); err != nil {
			return err
		}
		if err := ib.refs.Put(refKey(refID, id, id), nil); err != nil {
			return err
		}
		if err := ib.putRefs(id, ix.Client, data); err != nil {
			return err
		}
	} else {
		prev, err := decodeIndex(old)
		if err != nil {
			// A damaged record is listed at the very start of time (see
			// migrateOrder), and its client is unknown: find its ref keys
			// by its id.
			prev = session.Index{}
			if err := ib.dropRefsOf(id); err != nil {
				return err
			}
			if err := ib.putRefs(id, ix.Client, data); err != nil {
				return err
			}
		} else if prev.Client != ix.Client {
			if err := ib.dropRefs(id, prev.Client); err != nil {
				return err
			}
			if err := ib.putRefs(id, ix.Client, data); err != nil {
				return err
			}
		} else if err := ib.refs.Put(clientRefKey(id, ix.Client), data); err != nil {
			return err
		}
		if !prev.Updated.Equal(ix.Updated) {
			if err := ib.recent.Delete(orderKey(prev.Updated, id)); err != nil {
				return err
			}
		}
	}
	if err := ib.all.Put(ik, data); err != nil {
		return err
	}
	return ib.recent.Put(orderKey(ix.Updated, id), data)
}

// dropIndex removes the index record of session id and every key that
// finds it. It does nothing when the session has no record.
func (ib indexBuckets) dropIndex(id string) error {
	ik := indexKey(id)
	old := ib.all.Get(ik)
	if old == nil {
		return nil
	}
	prev, err := decodeIndex(old)
	if err != nil {
		if err := ib.dropRefsOf(id); err != nil {
			return err
		}
	} else if err := ib.dropRefs(id, prev.Client); err != nil {
		return err
	}
	if err := ib.recent.Delete(orderKey(prev.Updated, id)); err != nil {
		return err
	}
	if err := ib.refs.Delete(refKey(refID, id, id)); err != nil {
		return err
	}
	if err := ib.all.Delete(ik); err != nil {
		return err
	}
	return ib.count(-1)
}

// putRefs puts the keys that find session id by its client's name, the
// whole name's holding the session's index record.
func (ib indexBuckets) putRefs(id, client string, record []byte) error {
	for i, k := range clientRefKeys(id, client) {
		var v []byte
		if i == 0 {
			v = record
		}
		if err := ib.refs.Put(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (ib indexBuckets) dropRefs(id, client string) error {
	for _, k := range clientRefKeys(id, client) {
		if err := ib.refs.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// dropRefsOf removes the client ref keys of session id without knowing its
// client (its record is damaged): a walk over the refs bucket, which only
// a damaged store ever pays for.
func (ib indexBuckets) dropRefsOf(id string) error {
	var keys [][]byte
	c := ib.refs.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if k[0] != refID && refKeyID(k) == id {
			keys = append(keys, bytes.Clone(k))
		}
	}
	for _, k := range keys {
		if err := ib.refs.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// forEachCandidate calls fn, once each, with the id and index record of
// every session whose id, client's name or a word of that name starts with
// ref once folded: a seek and a short walk in the refs bucket per kind,
// and one read per session found, except through a client's name, whose
// key holds the record. Folding only widens a match (see fold), so these
// are every session Resolve's rules could match, and perhaps a few more,
// which it checks against the record as it would any other.
//
// It offers first the sessions whose id starts with ref and those of the
// clients whose whole name folds to ref's, then asks settled: once a whole
// id or a client's whole name has matched, the sessions of other clients,
// whose names only start with ref, cannot change Resolve's answer (a
// client named "Cobalt" need not read the sessions of "Cobalt Health").
func forEachCandidate(tx *bolt.Tx, ref string, fn func(id string, v []byte), settled func() bool) {
	all, refs := tx.Bucket(bucketSessions), tx.Bucket(bucketRefs)
	f := fold(ref)
	seen := map[string]bool{}
	walk := func(prefix []byte) {
		c := refs.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			id := refKeyID(k)
			if seen[id] {
				continue
			}
			seen[id] = true
			if len(v) == 0 {
				v = all.Get(indexKey(id))
			}
			if v != nil {
				fn(id, v)
			}
		}
	}
	walk(append([]byte{refID}, f...))
	walk(append(append([]byte{refClient}, f...), 0)) // the whole name
	if settled() {
		return
	}
	walk(append([]byte{refClient}, f...))
	walk(append([]byte{refWord}, f...))
}

// count changes the number of sessions the recent bucket's sequence keeps.
func (ib indexBuckets) count(d int) error {
	n := int64(ib.recent.Sequence()) + int64(d)
	if n < 0 {
		return fmt.Errorf("the count of sessions went below zero")
	}
	return ib.recent.SetSequence(uint64(n))
}
