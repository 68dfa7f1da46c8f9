package store

import (
	bolt "go.etcd.io/bbolt"

	"rapport/session"
)

// NewWriterWith starts a writer whose write path is apply, so tests can make
// saves fail (disk full, read-only folder) and recover.
func NewWriterWith(apply func(...session.Edit) error, onStatus func(SaveStatus)) *Writer {
	return newWriter(apply, onStatus)
}

// OpenWithTestMigration opens path with one extra migration (after the
// real ones) that puts the key "migrated" in the meta bucket and counts its
// runs.
func OpenWithTestMigration(path string, runs *int) (*Store, error) {
	migs := defaultMigrations()
	return openWith(path, append(migs, migration{
		To:   latestSchema(migs) + 1,
		Name: "test: mark the meta bucket",
		Run: func(tx *bolt.Tx) error {
			*runs++
			return tx.Bucket(bucketMeta).Put([]byte("migrated"), []byte{recordVersion, '1'})
		},
	}))
}

// LatestSchema is the schema version this build writes.
var LatestSchema = latestSchema(defaultMigrations())
