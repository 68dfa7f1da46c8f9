package main

import (
	"path/filepath"
	"testing"

	"rapport/store"
	"rapport/store/storetest"
)

// TestListedStoreFirstListOnly: the library's opening List gets the
// listing started with the store, and every later List (after a session
// is made, left or deleted) reads the store afresh.
func TestListedStoreFirstListOnly(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Create(storetest.FullSession("01JQA00000000000000000000A", storetest.Epoch)); err != nil {
		t.Fatal(err)
	}
	lib := prefetchList(st)
	first, err := lib.List()
	if err != nil || len(first) != 1 {
		t.Fatalf("first List: %d sessions, %v; want 1", len(first), err)
	}
	if err := st.Create(storetest.FullSession("01JQA00000000000000000000B", storetest.Epoch)); err != nil {
		t.Fatal(err)
	}
	again, err := lib.List()
	if err != nil || len(again) != 2 {
		t.Fatalf("second List: %d sessions, %v; want 2 (read afresh)", len(again), err)
	}
}
