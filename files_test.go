package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/store"
)

// TestExportSummary: an export from inside the app lands in
// $RAPPORT_EXPORT_DIR under its own name only (never a path the name tries
// to reach), readable by its owner alone, and the path it reports is where
// the file is.
func TestExportSummary(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("RAPPORT_EXPORT_DIR", dir)
	export := exportSummary(filepath.Join(dir, "data", "rapport.db"))
	path, err := export("../acme-2026-03-14.md", []byte("# Acme\n"), false)
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

	// The same name again is refused as existing (the screen then asks),
	// and replaced when the facilitator said yes.
	if _, err := export("acme-2026-03-14.md", []byte("# New\n"), false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("export over an existing file: %v, want fs.ErrExist", err)
	}
	if _, err := export("acme-2026-03-14.md", []byte("# New\n"), true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "# New\n" {
		t.Errorf("after a yes the file holds %q", b)
	}

	t.Setenv("RAPPORT_EXPORT_DIR", filepath.Join(dir, "missing"))
	if _, err := export("x.md", nil, false); err == nil {
		t.Errorf("a missing export folder should be an error")
	}
}

// TestWriteFileAtomicInterrupted: an export that stops half-way (here it
// fails after the temp file is written, before the rename) leaves the old
// file as it was and no temp file beside it.
func TestWriteFileAtomicInterrupted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "acme.md")
	if err := writeFileAtomic(path, writeBytes([]byte("old export\n"))); err != nil {
		t.Fatal(err)
	}
	defer func(f func(string) error) { beforeRename = f }(beforeRename)
	beforeRename = func(tmp string) error {
		if b, err := os.ReadFile(tmp); err != nil || string(b) != "new export, never finished\n" {
			t.Errorf("temp file before rename: %q, %v", b, err)
		}
		// What a kill -9 here would leave is recognisably ours.
		if !strings.HasPrefix(filepath.Base(tmp), ".tmp-rapport-acme.md-") {
			t.Errorf("temp file %s: want a name starting .tmp-rapport-acme.md-", tmp)
		}
		return errors.New("killed half-way")
	}
	if err := writeFileAtomic(path, writeBytes([]byte("new export, never finished\n"))); err == nil {
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

// storeFiles makes a stand-in store (any file will do: the rule never
// opens it) with one daily backup beside it, and returns the store's path.
func storeFiles(t *testing.T, dir string) string {
	t.Helper()
	db := filepath.Join(dir, "data", "store.db")
	if err := os.MkdirAll(filepath.Join(dir, "data", "backups"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{db, filepath.Join(dir, "data", "backups", "rapport-2026-03-14.db")} {
		if err := os.WriteFile(p, []byte("precious"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// TestOutputNeverReplacesTheStore is issue 23's `export X -o store.db`:
// no spelling of the store's path or of a backup's, no link to either, and
// no --force writes over them.
func TestOutputNeverReplacesTheStore(t *testing.T) {
	dir := t.TempDir()
	db := storeFiles(t, dir)
	backup := filepath.Join(dir, "data", "backups", "rapport-2026-03-14.db")
	if err := os.Symlink(db, filepath.Join(dir, "link.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(db, filepath.Join(dir, "hard.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(backup, filepath.Join(dir, "hard-backup.db")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	rule := outputRule{protect: store.Files(db)}
	for _, path := range []string{
		db, "data/store.db", "./data/../data/store.db", "data//store.db", "link.db", "hard.db",
		backup, "data/backups/rapport-2026-03-14.db", "hard-backup.db",
	} {
		for _, force := range []bool{false, true} {
			rule.force = force
			_, err := writeOutput(t.Context(), path, rule, writeBytes([]byte("# one session\n")))
			if err == nil || !strings.Contains(err.Error(), "never writes over it") {
				t.Errorf("-o %s (force %v): %v, want a refusal", path, force, err)
			}
		}
	}
	for _, p := range []string{db, backup} {
		if b, _ := os.ReadFile(p); string(b) != "precious" {
			t.Errorf("%s now holds %q", p, b)
		}
	}
	if fi, err := os.Lstat("link.db"); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link to the store was replaced: %v", err)
	}
	// A new file beside the store, even in its backups folder, is fine.
	for _, path := range []string{"data/export.md", "data/backups/manual.md"} {
		if _, err := writeOutput(t.Context(), path, rule, writeBytes([]byte("x"))); err != nil {
			t.Errorf("-o %s: %v", path, err)
		}
	}
}

// TestOutputReplacesOnlyWithForce: an existing file is refused without
// --force and replaced whole, 0600, with it; a link to a regular file stays
// a link and its target is replaced; a folder is refused.
func TestOutputReplacesOnlyWithForce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "acme.md")
	if err := os.WriteFile(path, []byte("an older export"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := writeOutput(t.Context(), path, outputRule{}, writeBytes([]byte("new")))
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), "add --force") {
		t.Fatalf("without --force: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "an older export" {
		t.Fatalf("refused, yet the file holds %q", b)
	}
	if _, err := writeOutput(t.Context(), path, outputRule{force: true}, writeBytes([]byte("new"))); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want 0600", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("with --force the file holds %q", b)
	}

	link := filepath.Join(dir, "latest.md")
	if err := os.Symlink("acme.md", link); err != nil {
		t.Fatal(err)
	}
	got, err := writeOutput(t.Context(), link, outputRule{force: true}, writeBytes([]byte("newer")))
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "newer" || got != path {
		t.Errorf("through the link: wrote %s, target holds %q", got, b)
	}
	if _, err := writeOutput(t.Context(), dir, outputRule{force: true}, writeBytes(nil)); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("-o a folder: %v", err)
	}
	if err := os.Symlink("missing.md", filepath.Join(dir, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := writeOutput(t.Context(), filepath.Join(dir, "dangling.md"), outputRule{force: true}, writeBytes(nil)); err == nil {
		t.Error("-o a dangling link succeeded")
	}
}

// TestOutputWritesIntoSpecialFiles: a FIFO, a link to one, /dev/null and
// a descriptor (/proc/self/fd/N, as /dev/stdout and a shell's >(gzip)
// are) are written into: they are still what they were afterwards, and
// whoever reads them got the export. A regular file behind a descriptor is
// appended to, as a >> redirection means.
func TestOutputWritesIntoSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	link := filepath.Join(dir, "to-fifo")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, link} {
		got := make(chan string, 1)
		go func() {
			b, _ := os.ReadFile(fifo)
			got <- string(b)
		}()
		if _, err := writeOutput(t.Context(), path, outputRule{}, writeBytes([]byte("# Acme\n"))); err != nil {
			t.Fatalf("-o %s: %v", path, err)
		}
		if s := <-got; s != "# Acme\n" {
			t.Errorf("-o %s: the reader got %q", path, s)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("-o %s: no longer a FIFO: %v", path, err)
		}
	}

	if _, err := writeOutput(t.Context(), os.DevNull, outputRule{}, writeBytes([]byte("x"))); err != nil {
		t.Fatalf("-o %s: %v", os.DevNull, err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a device: %v", os.DevNull, err)
	}

	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd here")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	if _, err := writeOutput(t.Context(), fmt.Sprintf("/proc/self/fd/%d", w.Fd()), outputRule{}, writeBytes([]byte("piped"))); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if s := <-got; s != "piped" {
		t.Errorf("the pipe's reader got %q", s)
	}

	redirected := filepath.Join(dir, "out.md")
	if err := os.WriteFile(redirected, []byte("before\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(redirected, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fdPath := fmt.Sprintf("/proc/self/fd/%d", f.Fd())
	if _, err := writeOutput(t.Context(), fdPath, outputRule{}, writeBytes([]byte("after\n"))); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(redirected); string(b) != "before\nafter\n" {
		t.Errorf("a file behind a descriptor holds %q, want it appended to", b)
	}
}

// TestOutputToAFIFOStopsWhenAsked: a FIFO nobody reads would wait for
// ever; ctrl+c or SIGTERM (the command's context) ends the wait.
func TestOutputToAFIFOStopsWhenAsked(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := writeOutput(ctx, fifo, outputRule{}, writeBytes([]byte("x")))
		done <- err
	}()
	cancel()
	if err := <-done; err == nil || !strings.Contains(err.Error(), "stopped") {
		t.Fatalf("a cancelled write to a FIFO: %v", err)
	}
	// Open the FIFO's other end so the write left waiting ends too.
	if f, err := os.OpenFile(fifo, os.O_RDONLY, 0); err == nil {
		_, _ = io.Copy(io.Discard, f)
		f.Close()
	}
}

// TestStaleTempsAreRemoved: a write removes what a write killed half-way
// left in its folder (a .tmp-rapport-* file older than a minute) and
// nothing else: not a fresh one (a write under way), not a folder, not
// another program's temp file.
func TestStaleTempsAreRemoved(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * time.Minute)
	mk := func(name string, mtime time.Time, isDir bool) string {
		p := filepath.Join(dir, name)
		var err error
		if isDir {
			err = os.Mkdir(p, 0o700)
		} else {
			err = os.WriteFile(p, []byte("half"), 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := mk(".tmp-rapport-acme.md-123", old, false)
	fresh := mk(".tmp-rapport-acme.md-456", time.Now(), false)
	folder := mk(".tmp-rapport-folder", old, true)
	theirs := mk(".tmp-vim-acme.md", old, false)
	mine := mk(".acme.md.tmp-789", old, false) // the name before .tmp-rapport-: not surely ours
	if _, err := writeOutput(t.Context(), filepath.Join(dir, "acme.md"), outputRule{}, writeBytes([]byte("x"))); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the stale temp file is still there: %v", err)
	}
	for _, p := range []string{fresh, folder, theirs, mine} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed", filepath.Base(p))
		}
	}
}
