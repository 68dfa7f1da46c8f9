package store_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/store"
	"rapport/store/storetest"
)

func TestBackupIsAValidStoreWithTheSameSessions(t *testing.T) {
	s, _ := openTemp(t)
	if err := storetest.Fill(s, 25, 3); err != nil {
		t.Fatal(err)
	}
	full := storetest.FullSession(testID, t0)
	if err := s.Create(full); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(dst, []byte("an older copy"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(dst); err != nil { // replaces the older copy whole
		t.Fatal(err)
	}
	info, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %o, want 600", info.Mode().Perm())
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dst), ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	b, err := store.Open(dst)
	if err != nil {
		t.Fatalf("backup does not open: %v", err)
	}
	defer b.Close()
	if err := b.Check(); err != nil {
		t.Fatal(err)
	}
	want, _ := s.List()
	got, _ := b.List()
	if !slices.Equal(got, want) {
		t.Fatalf("backup lists %d sessions, store %d", len(got), len(want))
	}
	loadedFull, err := b.Load(testID)
	if err != nil {
		t.Fatal(err)
	}
	sameSession(t, loadedFull, full)
}

func TestBackupRefusesToOverwriteTheStore(t *testing.T) {
	s, path := openTemp(t)
	if err := storetest.Fill(s, 2, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(path); err == nil {
		t.Fatal("Backup over the live store succeeded")
	}
	if list, err := s.List(); err != nil || len(list) != 2 {
		t.Fatalf("store after refused backup: %d sessions, %v", len(list), err)
	}
}

func TestBackupIntoMissingFolderFails(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.Backup(filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")); err == nil {
		t.Fatal("Backup into a missing folder succeeded")
	}
}

func TestAutoBackupOnceADayKeepsSeven(t *testing.T) {
	s, _ := openTemp(t)
	if err := storetest.Fill(s, 3, 1); err != nil {
		t.Fatal(err)
	}
	dir := s.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	manual := filepath.Join(dir, "before-upgrade.db")
	if err := os.WriteFile(manual, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	for i := range 10 {
		now := day.AddDate(0, 0, i)
		path, err := s.AutoBackup(now)
		if err != nil {
			t.Fatal(err)
		}
		want := filepath.Join(dir, "rapport-"+now.Format("2006-01-02")+".db")
		if path != want {
			t.Fatalf("day %d: AutoBackup = %q, want %q", i, path, want)
		}
		again, err := s.AutoBackup(now.Add(10 * time.Hour))
		if err != nil || again != "" {
			t.Fatalf("day %d: second AutoBackup = %q, %v; want nothing", i, again, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"before-upgrade.db"}
	for i := 3; i < 10; i++ {
		want = append(want, "rapport-"+day.AddDate(0, 0, i).Format("2006-01-02")+".db")
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("backups folder holds %v, want %v", names, want)
	}
	info, _ := os.Stat(dir)
	if info.Mode().Perm() != 0o700 {
		t.Errorf("backups folder mode %o", info.Mode().Perm())
	}
}

// TestFilesNamesTheStoreAndItsBackups: what no export may replace, the
// store first (even before it exists), then each file in backups/.
func TestFilesNamesTheStoreAndItsBackups(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	if got := store.Files(db); !slices.Equal(got, []string{db}) {
		t.Fatalf("Files before any backup = %v", got)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	daily, err := s.AutoBackup(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got := store.Files(db); !slices.Equal(got, []string{db, daily}) {
		t.Fatalf("Files = %v, want the store then %s", got, daily)
	}
}

// TestAutoBackupFailureIsReported: a file where the backups folder goes,
// or a file of another kind where today's copy goes, is an error that says
// what and where; nothing is written and the store is untouched.
func TestAutoBackupFailureIsReported(t *testing.T) {
	t.Run("a file where the folder goes", func(t *testing.T) {
		s, _ := openTemp(t)
		if err := os.WriteFile(s.BackupDir(), []byte("not a folder"), 0o600); err != nil {
			t.Fatal(err)
		}
		path, err := s.AutoBackup(time.Now())
		if err == nil || path != "" {
			t.Fatalf("AutoBackup = %q, %v; want an error", path, err)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "daily backup failed: ") || !strings.Contains(msg, s.BackupDir()) || !strings.Contains(msg, "not a directory") {
			t.Errorf("error %q does not say the daily backup failed, where and why", msg)
		}
	})
	t.Run("a folder where today's copy goes", func(t *testing.T) {
		s, _ := openTemp(t)
		now := time.Now()
		if err := os.MkdirAll(filepath.Join(s.BackupDir(), "rapport-"+now.Format("2006-01-02")+".db"), 0o700); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AutoBackup(now); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("AutoBackup onto a folder: %v, want an error", err)
		}
	})
}
