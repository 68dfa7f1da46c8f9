package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

// importMini imports a small session for client into h.
func importMini(t *testing.T, h home, id, client, updated string) {
	t.Helper()
	doc := fmt.Sprintf(`{"format":"rapport.session","version":1,"session":{"id":%q,"client":%q,
"created":"2026-11-20T10:00:00Z","updated":%q,"status":"in_progress",
"playbook":{"id":"mini","title":"Mini","version":1,"phases":[{"id":"a","title":"A","prompts":[{"id":"q","kind":"text","question":"Q?"}]}]}}}`,
		id, client, updated)
	file := filepath.Join(t.TempDir(), id+".json")
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, err := h.run(t, "import", file); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
}

// TestDeleteAsksWithoutHoldingTheStore: on a terminal, delete by the start
// of a client's name asks which session, then whether to delete it; while
// it waits for the person the store is free (another rapport lists it);
// ctrl+c at the question ends delete at once, keeping the session.
func TestDeleteAsksWithoutHoldingTheStore(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	importMini(t, h, "01JQAAAA00000000000000000A", "Acme Corp", "2026-11-20T11:00:00Z")
	importMini(t, h, "01JQAAAA00000000000000000B", "Acme Corp", "2026-11-21T11:00:00Z")

	tm := h.start(t, 30, 120, nil, "delete", "acm")
	tm.mustSee(0, "Which one? [1-2, or enter to keep them all]", 10*time.Second)
	out, errOut, err := h.run(t, "list")
	if err != nil || !strings.Contains(out, "01JQAAAA00000000000000000A") {
		t.Fatalf("while delete asks which, list fails: %v %s", err, errOut)
	}
	m := tm.mark()
	tm.write([]byte("2\r"))
	tm.mustSee(m, "Delete the session with Acme Corp (mini, 2026-11-20, 0 answers, 0 captures)? This cannot be undone. [y/N]", 10*time.Second)
	if out, errOut, err := h.run(t, "list"); err != nil || !strings.Contains(out, "Acme Corp") {
		t.Fatalf("while delete asks y/N, list fails: %v %s", err, errOut)
	}
	m = tm.mark()
	start := time.Now()
	tm.write([]byte{3}) // ctrl+c: SIGINT from the terminal
	tm.mustSee(m, "Kept.", 5*time.Second)
	err = tm.wait(5 * time.Second)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("ctrl+c took %v to end delete", took)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("delete after ctrl+c ended with %v, want exit status 130", err)
	}
	if out, _, _ := h.run(t, "list"); !strings.Contains(out, "01JQAAAA00000000000000000A") {
		t.Errorf("ctrl+c deleted the session:\n%s", out)
	}

	// Answered, it deletes the one chosen.
	tm = h.start(t, 30, 120, nil, "delete", "acm")
	tm.mustSee(0, "Which one?", 10*time.Second)
	tm.write([]byte("1\r"))
	tm.mustSee(0, "[y/N]", 10*time.Second)
	tm.write([]byte("y\r"))
	tm.mustSee(0, "Deleted the session with Acme Corp (mini, 2026-11-20", 10*time.Second)
	if err := tm.wait(5 * time.Second); err != nil {
		t.Errorf("delete ended with %v", err)
	}
	out, _, _ = h.run(t, "list")
	if strings.Contains(out, "01JQAAAA00000000000000000B") || !strings.Contains(out, "01JQAAAA00000000000000000A") {
		t.Errorf("delete removed the wrong session:\n%s", out)
	}
}

// TestSignalsEndEveryCommand: a command stuck where nothing watches for a
// signal (import reading a pipe nobody writes to) still ends promptly on
// SIGTERM and on SIGINT, with the shell's status and one line.
func TestSignalsEndEveryCommand(t *testing.T) {
	needBinary(t)
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		says string
	}{
		{syscall.SIGTERM, 143, "rapport: stopped by SIGTERM"},
		{syscall.SIGINT, 130, "rapport: stopped by interrupt"},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			h := newHome(t)
			fifo := filepath.Join(t.TempDir(), "session.json")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			cmd := exec.Command(bin, "import", fifo)
			cmd.Env = h.env()
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			// Opening the pipe for writing without blocking succeeds once
			// a reader has it open: then rapport is inside its read, which
			// no signal interrupts. Our end stays open, so the read waits.
			var w *os.File
			for deadline := time.Now().Add(15 * time.Second); w == nil; {
				f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
				if err == nil {
					w = f
					break
				}
				if time.Now().After(deadline) {
					_ = cmd.Process.Kill()
					t.Fatalf("import never opened the pipe: %v", err)
				}
				select {
				case err := <-done:
					t.Fatalf("import ended before the signal: %v %s", err, errOut.String())
				case <-time.After(10 * time.Millisecond):
				}
			}
			defer w.Close()
			start := time.Now()
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(15 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("import ignored %v for 15 s", tc.sig)
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("import took %v to end after %v", took, tc.sig)
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != tc.code {
				t.Errorf("ended with %v, want exit status %d", err, tc.code)
			}
			if !strings.Contains(errOut.String(), tc.says) {
				t.Errorf("stderr %q, want %q", errOut.String(), tc.says)
			}
		})
	}
}
