package main

import (
	"sync"

	"rapport/session"
	"rapport/store"
	"rapport/tui"
)

// listedStore is the store handed to the library screen with its first
// screenful already being read: bare rapport starts reading the newest
// index records (store.ListNewest, one page or two whatever the size of the
// store) as soon as the store is open, beside the catalogue and Bubble
// Tea's start, instead of after them in the screen's first command. Only
// the first ListNewest of that size (the screen's opening one) takes that
// result; everything else, the rest of the list included, reads the store.
type listedStore struct {
	*store.Store
	mu    sync.Mutex
	n     int
	first func() ([]session.Index, int, error) // nil once taken
}

// The library reads its first frame through ListNewest.
var _ tui.NewestLister = (*listedStore)(nil)

// prefetchNewest starts st.ListNewest(n) in a goroutine and returns st
// wrapped so that the first ListNewest(n) call waits for that result.
func prefetchNewest(st *store.Store, n int) *listedStore {
	type listed struct {
		idx   []session.Index
		total int
		err   error
	}
	ch := make(chan listed, 1)
	go func() {
		idx, total, err := st.ListNewest(n)
		ch <- listed{idx, total, err}
	}()
	return &listedStore{Store: st, n: n, first: func() ([]session.Index, int, error) {
		r := <-ch
		return r.idx, r.total, r.err
	}}
}

// ListNewest returns the prefetched records the first time it is asked
// for as many, then the store's.
func (s *listedStore) ListNewest(n int) ([]session.Index, int, error) {
	var first func() ([]session.Index, int, error)
	s.mu.Lock()
	if n == s.n {
		first, s.first = s.first, nil
	}
	s.mu.Unlock()
	if first != nil {
		return first()
	}
	return s.Store.ListNewest(n)
}
