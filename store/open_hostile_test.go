package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"rapport/store"
)

// TestOpenRefusesPathsThatCannotBeMeant: a blank path and "-" (standard
// input everywhere else) are refused with one line, and nothing is created.
func TestOpenRefusesPathsThatCannotBeMeant(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, p := range []string{"", " ", "\t", "-"} {
		s, err := store.Open(p)
		if err == nil {
			_ = s.Close()
			t.Errorf("Open(%q) succeeded", p)
			continue
		}
		if !strings.Contains(err.Error(), "give the path of a store file") {
			t.Errorf("Open(%q) = %v, want a line saying what to give", p, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused paths created %v", entries)
	}
}

// TestOpenRefusesSpecialFiles: a FIFO (which blocked Open for ever), a
// device and a folder are refused at once with one line naming what they
// are, and left as they were.
func TestOpenRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	for _, tc := range []struct{ path, want string }{
		{fifo, "named pipe"},
		{"/dev/null", "device"},
		{"/dev/zero", "device"},
		{dir, "folder"},
	} {
		done := make(chan error, 1)
		go func() {
			s, err := store.Open(tc.path)
			if err == nil {
				_ = s.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("Open(%s) = %v, want it refused as a %s", tc.path, err, tc.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Open(%s) still blocks after 10 s", tc.path)
		}
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was changed: %v %v", info, err)
	}
}

// TestOpenMakesALooseStorePrivate: a store copied back without its mode
// (0644) is made 0600 again on open, and the store says so once; a folder
// the user chose that others can write to is warned about, not changed.
func TestOpenMakesALooseStorePrivate(t *testing.T) {
	s, path := openTemp(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path)
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	notes := s.Notices()
	_ = s.Close()
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("store mode %04o after open, want 0600", info.Mode().Perm())
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o777 {
		t.Errorf("a folder the user chose was changed to %04o", info.Mode().Perm())
	}
	if len(notes) != 2 || !strings.Contains(notes[0], "now private (0600)") || !strings.Contains(notes[1], "can be written by others (mode 0777)") {
		t.Errorf("notices %q, want the file made private and the folder warned about", notes)
	}
	_ = os.Chmod(dir, 0o700)
	s, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := s.Notices(); len(n) != 0 {
		t.Errorf("a private store still gives notices: %q", n)
	}
	_ = s.Close()
}

// TestOpenMakesTheDefaultFolderPrivate: rapport's own data folder is made
// 0700 again when something opened it up, and the store says so.
func TestOpenMakesTheDefaultFolderPrivate(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	path := store.DefaultPath()
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	dir := filepath.Dir(path)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if s, err = store.Open(path); err != nil {
		t.Fatal(err)
	}
	notes := s.Notices()
	_ = s.Close()
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o700 {
		t.Errorf("the default folder is %04o after open, want 0700", info.Mode().Perm())
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "now private (0700)") {
		t.Errorf("notices %q, want the folder made private", notes)
	}
}
