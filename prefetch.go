package main

import (
	"sync"

	"rapport/session"
	"rapport/store"
)

// listedStore is the store handed to the library screen with its first
// List already under way: bare rapport starts reading the 10,000-odd index
// records as soon as the store is open, beside the catalogue's parse and
// Bubble Tea's start, instead of after them in the screen's first command.
// Only the first List (the screen's opening one) takes that result; every
// later one (after a session is left, an undo) reads the store afresh.
type listedStore struct {
	*store.Store
	mu    sync.Mutex
	first func() ([]session.Index, error) // nil once taken
}

// prefetchList starts st.List in a goroutine and returns st wrapped so that
// the first List call waits for that result.
func prefetchList(st *store.Store) *listedStore {
	type listed struct {
		idx []session.Index
		err error
	}
	ch := make(chan listed, 1)
	go func() {
		idx, err := st.List()
		ch <- listed{idx, err}
	}()
	return &listedStore{Store: st, first: func() ([]session.Index, error) {
		r := <-ch
		return r.idx, r.err
	}}
}

// List returns the prefetched listing the first time, then the store's.
func (s *listedStore) List() ([]session.Index, error) {
	s.mu.Lock()
	first := s.first
	s.first = nil
	s.mu.Unlock()
	if first != nil {
		return first()
	}
	return s.Store.List()
}
