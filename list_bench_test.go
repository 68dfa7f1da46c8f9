package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"rapport/store"
	"rapport/store/storetest"
)

// BenchmarkListInProcess runs `rapport list` and `rapport list --json` over
// 10,000 sessions inside the test process: the command's own work (open,
// List, the catalogue, formatting), without the process start that
// e2e's BenchmarkListCommand also counts. Profile it with -cpuprofile.
//
//	go test . -run '^$' -bench ListInProcess -cpuprofile /tmp/list.prof
func BenchmarkListInProcess(b *testing.B) {
	db := filepath.Join(b.TempDir(), "r.db")
	s, err := store.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	if err := storetest.Fill(s, 10_000, 1); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	for _, args := range [][]string{{"list"}, {"list", "--json"}} {
		b.Run(strings.Join(args, "_"), func(b *testing.B) {
			for b.Loop() {
				if code := run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), io.Discard, io.Discard); code != 0 {
					b.Fatalf("%v: exit %d", args, code)
				}
			}
		})
	}
}
