package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/session"
)

// baseSchema is the schema version of the first layout (the one described
// in the package comment before any migration).
const baseSchema = 1

// migration upgrades a store by one schema version, inside the single
// transaction that opens it, so a store is never left half-migrated.
type migration struct {
	To   int    // the schema version the store has afterwards
	Name string // for error messages
	Run  func(tx *bolt.Tx) error
}

// defaultMigrations is the registry Open uses, in order: entry i takes the
// store to schema baseSchema+i+1. Add new ones at the end; never edit or
// remove a released one. It is a function, not a variable, so that tests
// can run other registries without touching shared state.
func defaultMigrations() []migration {
	return []migration{
		{To: 2, Name: "index records ordered by last change, and REF lookups", Run: migrateOrder},
		{To: 3, Name: "notes stored before are internal", Run: migrateNotesInternal},
		// The library tells two sessions of one client apart by who took
		// part and which session they follow up: every record gains them.
		{To: 4, Name: "index records name the contacts and the session followed up", Run: reindexAll},
		// Opening a session by its client's name read each of the
		// client's records from beside its session, spread through the
		// file (about 830 page faults for a client of a 100,000-session
		// store): the client's keys in refs carry the records instead.
		{To: 5, Name: "a client's name in refs carries the session's index record", Run: migrateOrder},
	}
}

// migrateNotesInternal marks every note stored so far internal. Notes used
// to stay out of the client's copy whatever their mark said (the capture
// form claimed otherwise); from schema 2 a note that is not internal is in
// the client's copy. So that no client copy gains a note nobody meant for
// the client, the notes of every stored session become internal, as they
// always were in effect.
func migrateNotesInternal(tx *bolt.Tx) error {
	all := tx.Bucket(bucketSessions)
	if all == nil {
		return nil
	}
	var ids [][]byte
	if err := all.ForEach(func(k, v []byte) error {
		if v == nil { // a session's bucket
			ids = append(ids, bytes.Clone(k))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, id := range ids {
		b := all.Bucket(id)
		type fix struct {
			key []byte
			c   storedCapture
		}
		var fixes []fix
		c := b.Cursor()
		prefix := []byte(prefixCapture)
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			sc, err := decode[storedCapture]("capture", v)
			if err != nil {
				return fmt.Errorf("session %s: %w", id, err)
			}
			if sc.Kind == session.CaptureNote && !sc.Internal {
				sc.Internal = true
				fixes = append(fixes, fix{bytes.Clone(k), sc})
			}
		}
		for _, f := range fixes {
			if err := put(b, f.key, f.c); err != nil {
				return fmt.Errorf("session %s: %w", id, err)
			}
		}
	}
	return nil
}

// latestSchema is the schema a registry upgrades to.
func latestSchema(migs []migration) int { return baseSchema + len(migs) }

// checkMigrations refuses a registry whose versions are not consecutive.
func checkMigrations(migs []migration) error {
	for i, m := range migs {
		if want := baseSchema + i + 1; m.To != want || m.Run == nil {
			return fmt.Errorf("store migration %d (%q) should upgrade to schema %d and have a Run", i, m.Name, want)
		}
	}
	return nil
}

// prepare makes the store ready: all buckets present and the schema current.
// A store already in that state is only read (no write, no fsync at start);
// otherwise buckets are created and migrations run in one Update.
//
// Before a migration changes an existing store, the store is copied as it
// is into the backups folder (beforeMigration), so the rapport that wrote
// it can still read that copy: a store at a newer schema is refused by an
// older rapport. If the copy cannot be made, the store is left untouched
// and the open fails.
func (s *Store) prepare(migs []migration) (err error) {
	latest := latestSchema(migs)
	ready := false
	version := 0 // a new file
	err = s.view(func(tx *bolt.Tx) error {
		var err error
		if ready, err = s.checkLayout(tx, latest); err != nil || ready {
			return err
		}
		if meta := tx.Bucket(bucketMeta); meta != nil {
			version, err = s.schemaVersion(meta)
		}
		return err
	})
	if err != nil || ready {
		return err
	}
	if version > 0 && version < latest {
		if err := s.backupBeforeMigration(version); err != nil {
			return err
		}
		defer func() {
			if err == nil {
				s.notices = append(s.notices, fmt.Sprintf(
					"store %s was upgraded from schema %d to %d; a copy as it was, which the rapport that wrote it can still open, is kept at %s",
					s.path, version, latest, beforeMigration(s.path, version)))
			}
		}()
	}
	err = s.update(func(tx *bolt.Tx) error {
		if _, err := s.checkLayout(tx, latest); err != nil {
			return err
		}
		fresh := tx.Bucket(bucketMeta) == nil
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("open store %s: create bucket %s: %w", s.path, name, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		version := latest
		if !fresh {
			v, err := s.schemaVersion(meta)
			if err != nil {
				return err
			}
			version = v
		}
		for _, m := range migs {
			if m.To <= version {
				continue
			}
			if err := m.Run(tx); err != nil {
				return fmt.Errorf("open store %s: migrate to schema %d (%s): %w", s.path, m.To, m.Name, err)
			}
			version = m.To
		}
		v, err := encode(version)
		if err != nil {
			return err
		}
		return meta.Put(keySchema, v)
	})
	return err
}

// beforeMigration is where the copy of a store at schema version is kept
// before a migration upgrades it: backups/rapport-schema-N.db beside it.
// Daily backups never remove it (pruneBackups keeps to their own names).
func beforeMigration(storePath string, version int) string {
	return filepath.Join(backupDir(storePath), fmt.Sprintf("rapport-schema-%d.db", version))
}

// backupBeforeMigration copies the store, still at schema version, to
// beforeMigration. A copy left by an earlier attempt is replaced: the store
// has not changed since, or only by the rapport that reads that schema.
func (s *Store) backupBeforeMigration(version int) error {
	path := beforeMigration(s.path, version)
	err := os.MkdirAll(filepath.Dir(path), 0o700)
	if err == nil {
		err = s.Backup(path)
	}
	if err != nil {
		return fmt.Errorf("open store %s: it needs upgrading from schema %d, and a copy of it could not be kept first, so it was left as it is: %w",
			s.path, version, err)
	}
	return nil
}

// checkLayout reports whether the store is ready as it is, and refuses one
// from a newer rapport or a bbolt file that belongs to something else.
func (s *Store) checkLayout(tx *bolt.Tx, latest int) (bool, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		// Either a new file (no buckets at all) or someone else's bbolt
		// file. A rapport store gets its meta bucket in the same
		// transaction as the others, since the first layout, so any bucket
		// without it, even one named like ours ("sessions"), belongs to
		// another program, and the file is left as it is.
		foreign := false
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error {
			foreign = true
			return nil
		})
		if foreign {
			return false, corruptError(s.path, "it is a bbolt database of another program, not a rapport store")
		}
		return false, nil
	}
	v, err := s.schemaVersion(meta)
	if err != nil {
		return false, err
	}
	if v > latest {
		return false, errorf(ErrNewerSchema,
			"store %s was written by a newer rapport (schema %d; this one knows up to %d)", s.path, v, latest)
	}
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return false, nil
		}
	}
	return v == latest, nil
}

// schemaVersion reads the schema version from the meta bucket.
func (s *Store) schemaVersion(meta *bolt.Bucket) (int, error) {
	raw := meta.Get(keySchema)
	if raw == nil {
		return 0, corruptError(s.path, "its schema version is missing")
	}
	v, err := decode[int]("schema", raw)
	if errors.Is(err, errUnknownVersion) {
		return 0, errorf(ErrNewerSchema,
			"store %s was written by a newer rapport (%v)", s.path, err)
	}
	if err != nil {
		return 0, corruptError(s.path, fmt.Sprintf("its schema version is unreadable (%v)", err))
	}
	if v < baseSchema {
		return 0, corruptError(s.path, fmt.Sprintf("its schema version %d is impossible", v))
	}
	return v, nil
}

// migrateOrder (schema 1 to 2, and again 4 to 5) fills the recent and refs
// buckets from the index records beside the sessions' buckets. It starts
// them afresh, so it gives the same result whatever they held. A damaged index record is
// copied as it is, at the start of time, so listing still names it, and is
// found by its id only.
func migrateOrder(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketRecent, bucketRefs} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	type entry struct {
		key, value []byte
	}
	var recent, refs []entry
	forEachIndex(tx.Bucket(bucketSessions), func(id string, v []byte) {
		refs = append(refs, entry{key: refKey(refID, id, id)})
		ix, err := decodeIndex(v)
		if err != nil {
			recent = append(recent, entry{orderKey(time.Time{}, id), v})
			return
		}
		recent = append(recent, entry{orderKey(ix.Updated, id), v})
		for i, k := range clientRefKeys(id, ix.Client) {
			e := entry{key: k}
			if i == 0 { // the whole name's key holds the record
				e.value = v
			}
			refs = append(refs, e)
		}
	})
	// In key order, so that pages fill one after another.
	byKey := func(a, b entry) int { return bytes.Compare(a.key, b.key) }
	slices.SortFunc(recent, byKey)
	slices.SortFunc(refs, byKey)
	ib := indexesOf(tx)
	ib.refs.FillPercent = recentFill
	for _, e := range recent {
		if err := ib.recent.Put(e.key, e.value); err != nil {
			return err
		}
	}
	for _, e := range refs {
		if err := ib.refs.Put(e.key, e.value); err != nil {
			return err
		}
	}
	return ib.recent.SetSequence(uint64(len(recent)))
}

// reindexAll rewrites every session's index record from the session itself
// (Session.Index), keeping recent and refs right: the migration to append
// when session.Index gains a field that sessions stored before must carry
// (see "Adding a field to the index record" in the package comment). A
// session that cannot be read keeps the record it has, rather than stop
// the store from opening; listing and loading it say what is wrong.
func reindexAll(tx *bolt.Tx) error {
	ib := indexesOf(tx)
	var ids []string
	if err := ib.all.ForEach(func(k, v []byte) error {
		if v == nil {
			ids = append(ids, string(k))
		}
		return nil
	}); err != nil {
		return err
	}
	reader := &Store{}
	for _, id := range ids {
		sess, err := reader.readSession(id, ib.all, ib.all.Bucket([]byte(id)))
		if err != nil {
			continue
		}
		if err := ib.putIndex(id, sess.Index()); err != nil {
			return fmt.Errorf("session %s: %w", id, err)
		}
	}
	return nil
}
