package main

import (
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
