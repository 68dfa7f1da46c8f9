package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzCheckFile feeds arbitrary files to the pre-open check: it must never
// panic, and a file it passes must open (or be refused) without a panic.
func FuzzCheckFile(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.db")
	s, err := Open(path)
	if err != nil {
		f.Fatal(err)
	}
	_ = s.Close()
	valid, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(valid[:os.Getpagesize()+100])
	f.Add([]byte{})
	f.Add([]byte("not a store"))
	f.Fuzz(func(t *testing.T, data []byte) {
		why := checkFile(bytes.NewReader(data), int64(len(data)))
		if why != "" || len(data) == 0 {
			return
		}
		p := filepath.Join(t.TempDir(), "rapport.db")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if s, err := Open(p); err == nil {
			_, _ = s.List()
			_ = s.Close()
		}
	})
}
