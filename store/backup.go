package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// keepBackups is how many daily copies AutoBackup keeps.
const keepBackups = 7

// Backup writes a consistent copy of the store to path (a read transaction
// sees one committed state while saves go on). The copy is written
// atomically: a temporary file beside path, fsynced, renamed over path, then
// the folder fsynced, so a crash leaves either the old file or the whole
// new one, never half of it. The copy is mode 0600.
func (s *Store) Backup(path string) error {
	if path == "" {
		return errors.New("backup: empty path")
	}
	if same, err := sameFile(path, s.path); err == nil && same {
		return fmt.Errorf("backup to %s: that is the store itself; choose another file", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	done := false
	defer func() {
		if !done {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	w := &fileWriter{f: tmp}
	err = s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(w)
		return err
	})
	if w.err != nil {
		// bbolt rewords a write error without wrapping it; the file's own
		// error keeps its cause (no space left, file too large).
		err = w.err
	}
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	done = true
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// fileWriter writes to f and keeps the first error. It passes ReadFrom
// through, so the copy still goes file to file in the kernel.
type fileWriter struct {
	f   *os.File
	err error
}

func (w *fileWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.keep(err)
	return n, err
}

func (w *fileWriter) ReadFrom(r io.Reader) (int64, error) {
	n, err := w.f.ReadFrom(r)
	w.keep(err)
	return n, err
}

func (w *fileWriter) keep(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// BackupDir is where AutoBackup keeps its daily copies: a "backups" folder
// beside the store.
func (s *Store) BackupDir() string { return backupDir(s.path) }

func backupDir(storePath string) string {
	return filepath.Join(filepath.Dir(storePath), "backups")
}

// AutoBackup keeps a copy of the store beside it, at most once a day, so a
// damaged store can be restored: BackupDir()/rapport-YYYY-MM-DD.db (the date
// of now), keeping the last 7 days' copies. It returns the path written, or
// "" when today's copy already exists. Its error ("daily backup failed:
// ...", naming the folder or file and the reason: a file where the folder
// goes, a full disk) is meant to be shown: a copy that silently stopped
// being made is found out only on the day it is needed. A failed copy
// leaves no temporary file behind.
func (s *Store) AutoBackup(now time.Time) (string, error) {
	dir := s.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("daily backup failed: %w", err)
	}
	if info, err := os.Stat(dir); err == nil && info.Mode().Perm()&0o077 != 0 {
		// rapport's own folder of whole copies of the client notes.
		_ = os.Chmod(dir, 0o700)
	}
	path := filepath.Join(dir, backupName(now))
	if info, err := os.Lstat(path); err == nil {
		if !info.Mode().IsRegular() {
			return "", fmt.Errorf("daily backup failed: %s is not a regular file", path)
		}
		return "", nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("daily backup failed: %w", err)
	}
	if err := s.Backup(path); err != nil {
		return "", fmt.Errorf("daily backup failed: %w", err)
	}
	if err := pruneBackups(dir, keepBackups); err != nil {
		return path, fmt.Errorf("daily backup made, but old copies could not be removed: %w", err)
	}
	return path, nil
}

const backupPrefix, backupSuffix, backupDate = "rapport-", ".db", "2006-01-02"

func backupName(t time.Time) string {
	return backupPrefix + t.Format(backupDate) + backupSuffix
}

// pruneBackups removes all but the newest keep daily copies in dir. It only
// touches files named exactly like AutoBackup's, so nothing else put there
// (a manual backup) is ever removed.
func pruneBackups(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(n, backupPrefix) || !strings.HasSuffix(n, backupSuffix) {
			continue
		}
		date := strings.TrimSuffix(strings.TrimPrefix(n, backupPrefix), backupSuffix)
		if _, err := time.Parse(backupDate, date); err != nil {
			continue
		}
		names = append(names, n)
	}
	slices.Sort(names) // dates sort as text
	var errs []error
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			errs = append(errs, err)
		}
		names = names[1:]
	}
	return errors.Join(errs...)
}

// WriteTo writes a consistent copy of the store to w (one read transaction
// sees one committed state while saves go on), for `rapport backup`, whose
// output file main writes by the same rule as every export.
func (s *Store) WriteTo(w io.Writer) (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("copy %s: %w", s.path, err)
	}
	return n, nil
}

// Files lists the files that belong to the store at path, which nothing
// rapport writes may replace: first the store itself (named even before it
// exists), then every file in its backups folder. bbolt locks the store
// file itself (flock), so there is no separate lock file; were one added,
// it belongs in this list. Paths are absolute.
func Files(path string) []string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	files := []string{abs}
	dir := backupDir(abs)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	return files
}
