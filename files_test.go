package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestExportSummary: an export from inside the app lands in
// $RAPPORT_EXPORT_DIR under its own name only (never a path the name tries
// to reach), readable by its owner alone, and the path it reports is where
// the file is.
func TestExportSummary(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("RAPPORT_EXPORT_DIR", dir)
	path, err := exportSummary("../acme-2026-03-14.md", []byte("# Acme\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "acme-2026-03-14.md"); path != want {
		t.Errorf("exported to %s, want %s", path, want)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); string(b) != "# Acme\n" {
		t.Errorf("content %q", b)
	}

	t.Setenv("RAPPORT_EXPORT_DIR", filepath.Join(dir, "missing"))
	if _, err := exportSummary("x.md", nil); err == nil {
		t.Errorf("a missing export folder should be an error")
	}
}

// TestWriteFileAtomicInterrupted: an export that stops half-way (here it
// fails after the temp file is written, before the rename) leaves the old
// file as it was and no temp file beside it.
func TestWriteFileAtomicInterrupted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "acme.md")
	if err := writeFileAtomic(path, []byte("old export\n")); err != nil {
		t.Fatal(err)
	}
	defer func(f func(string) error) { beforeRename = f }(beforeRename)
	beforeRename = func(tmp string) error {
		if b, err := os.ReadFile(tmp); err != nil || string(b) != "new export, never finished\n" {
			t.Errorf("temp file before rename: %q, %v", b, err)
		}
		return errors.New("killed half-way")
	}
	if err := writeFileAtomic(path, []byte("new export, never finished\n")); err == nil {
		t.Fatal("an interrupted write reported success")
	}
	if b, _ := os.ReadFile(path); string(b) != "old export\n" {
		t.Errorf("old file now %q, want it untouched", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only acme.md (no temp file left)", names)
	}
}
