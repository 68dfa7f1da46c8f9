package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/store"
)

// TestCompletionGivesUpOnAHeldStore: while a running app holds the store,
// a tab press offers nothing after a short wait, rather than the second the
// commands wait or a hang.
func TestCompletionGivesUpOnAHeldStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	held, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	var out, errOut bytes.Buffer
	start := time.Now()
	code := run(context.Background(), []string{"--db", db, "__complete", "show", ""}, strings.NewReader(""), &out, &errOut)
	took := time.Since(start)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if strings.Contains(out.String(), "\t") {
		t.Errorf("offered completions from a held store:\n%s", out.String())
	}
	if took > 900*time.Millisecond {
		t.Errorf("took %v; completion waits %v for a held store, the commands a second", took, completionLockTimeout)
	}
}
