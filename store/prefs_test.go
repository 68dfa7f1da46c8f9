package store_test

import (
	"errors"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"rapport/store"
)

func TestPrefsRoundTripAndSurviveReopen(t *testing.T) {
	s, _ := openTemp(t)
	if v, err := s.Pref("facilitator"); err != nil || v != "" {
		t.Fatalf("Pref of a missing key = %q, %v; want empty, nil", v, err)
	}
	if err := s.SetPref("facilitator", "Dana Ruiz"); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if v, err := s.Pref("facilitator"); err != nil || v != "Dana Ruiz" {
		t.Fatalf("after reopen Pref = %q, %v; want Dana Ruiz", v, err)
	}
	if err := s.SetPref("facilitator", ""); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Pref("facilitator"); v != "" {
		t.Fatalf("an empty value should remove the setting, got %q", v)
	}
	if err := s.SetPref("", "x"); err == nil {
		t.Fatal("SetPref with an empty key should fail")
	}
}

// A store written before settings existed has no prefs bucket: it opens,
// keeps its schema version, reads no setting and stores one.
func TestPrefsOnAStoreFromBeforeSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket([]byte("meta"))
		if err != nil {
			return err
		}
		if _, err := tx.CreateBucket([]byte("sessions")); err != nil {
			return err
		}
		return meta.Put([]byte("schema"), []byte{1, '1'})
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open an older store: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if v, err := s.Pref("facilitator"); err != nil || v != "" {
		t.Fatalf("Pref = %q, %v", v, err)
	}
	if err := s.SetPref("facilitator", "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check after adding a setting: %v", err)
	}
}

// A setting written by a newer rapport is refused, not misread.
func TestPrefFromNewerRapportIsRefused(t *testing.T) {
	s, path := openTemp(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("prefs")).Put([]byte("facilitator"), []byte{9, '"', 'x', '"'})
	}); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	s2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s2.Close() })
	if _, err := s2.Pref("facilitator"); err == nil {
		t.Fatal("a setting from a newer rapport should be refused")
	} else if errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("should not be reported as corruption: %v", err)
	}
}
