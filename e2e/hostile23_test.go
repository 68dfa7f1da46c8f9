package e2e

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDailyBackupFailureIsSaid puts a file where the backups folder goes:
// the library says the daily backup failed and why, and once the screen is
// gone one warning line on stderr says it again.
func TestDailyBackupFailureIsSaid(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	if err := os.MkdirAll(filepath.Dir(h.db), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(h.db), "backups"), []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := h.start(t, 30, 120, nil)
	tm.mustSee(0, "backup failed: not a directory", 20*time.Second)
	m := tm.mark()
	tm.write([]byte("q"))
	if err := tm.wait(15 * time.Second); err != nil {
		t.Fatalf("q did not quit: %v\n%s", err, tail(tm.output(), 600))
	}
	tm.mustSee(m, "rapport: warning: daily backup failed: mkdir "+filepath.Join(filepath.Dir(h.db), "backups")+": not a directory", 5*time.Second)
}
