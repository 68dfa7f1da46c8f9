package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops the pages of the store file that this process has
// mapped in through bbolt (MADV_DONTNEED; they stay in the page cache, and
// a later read maps them in again). Listing reads index records spread over
// the whole file, and each read maps 64 KB around it: 10,000 sessions left
// ~17 MB of the file resident for as long as the app ran, which the list,
// already decoded, never reads again. It must run inside a transaction,
// which stops bbolt from remapping the file meanwhile.
func releaseMapped(db *bolt.DB, tx *bolt.Tx) {
	if n := tx.Size(); n > 0 {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, db.Info().Data, uintptr(n), syscall.MADV_DONTNEED)
	}
}
