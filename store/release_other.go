//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseMapped is a no-op where the pages' release is not wired in.
func releaseMapped(*bolt.DB, *bolt.Tx) {}
