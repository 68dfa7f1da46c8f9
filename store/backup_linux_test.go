package store_test

import (
	"errors"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"rapport/store/storetest"
)

// TestAutoBackupOnAFullDisk makes every write past a size fail as on a full
// disk (the file-size limit, with SIGXFSZ ignored, turns a write into
// EFBIG; as root no small filesystem can be mounted): the daily backup
// says it failed and why, and leaves no temporary file in the folder.
func TestAutoBackupOnAFullDisk(t *testing.T) {
	s, _ := openTemp(t)
	if err := storetest.Fill(s, 40, 5); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		t.Fatal(err)
	}
	signal.Ignore(syscall.SIGXFSZ)
	defer signal.Reset(syscall.SIGXFSZ)
	var was unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_FSIZE, &was); err != nil {
		t.Skipf("cannot read the file-size limit: %v", err)
	}
	full := unix.Rlimit{Cur: 4096, Max: was.Max}
	if err := unix.Setrlimit(unix.RLIMIT_FSIZE, &full); err != nil {
		t.Skipf("cannot set the file-size limit: %v", err)
	}
	_, err := s.AutoBackup(time.Now())
	if lerr := unix.Setrlimit(unix.RLIMIT_FSIZE, &was); lerr != nil {
		t.Fatal(lerr)
	}
	if err == nil || !strings.HasPrefix(err.Error(), "daily backup failed: ") || !errors.Is(err, syscall.EFBIG) {
		t.Fatalf("AutoBackup on a full disk: %v, want daily backup failed: ... file too large", err)
	}
	entries, rerr := os.ReadDir(s.BackupDir())
	if rerr != nil {
		t.Fatal(rerr)
	}
	for _, e := range entries {
		t.Errorf("the failed backup left %s behind", e.Name())
	}
}
