package main

import (
	"path/filepath"
	"testing"

	"rapport/store"
	"rapport/store/storetest"
)

// TestListedStoreFirstScreenfulOnly: the library's opening ListNewest gets
// the records read as the store opened, and every later read (the rest of
// the list, or after a session is made, left or deleted) reads the store
// afresh.
func TestListedStoreFirstScreenfulOnly(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Create(storetest.FullSession("01JQA00000000000000000000A", storetest.Epoch)); err != nil {
		t.Fatal(err)
	}
	lib := prefetchNewest(st, 10)
	first, total, err := lib.ListNewest(10)
	if err != nil || len(first) != 1 || total != 1 {
		t.Fatalf("first ListNewest: %d sessions of %d, %v; want 1 of 1", len(first), total, err)
	}
	if err := st.Create(storetest.FullSession("01JQA00000000000000000000B", storetest.Epoch)); err != nil {
		t.Fatal(err)
	}
	again, total, err := lib.ListNewest(10)
	if err != nil || len(again) != 2 || total != 2 {
		t.Fatalf("second ListNewest: %d sessions of %d, %v; want 2 of 2 (read afresh)", len(again), total, err)
	}
	all, err := lib.List()
	if err != nil || len(all) != 2 {
		t.Fatalf("List: %d sessions, %v; want 2", len(all), err)
	}
}
