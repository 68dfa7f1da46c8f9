package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
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
func (s *Store) prepare(migs []migration) error {
	latest := latestSchema(migs)
	ready := false
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		ready, err = s.checkLayout(tx, latest)
		return err
	})
	if err != nil || ready {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
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
