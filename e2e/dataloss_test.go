package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCtrlCInACaptureFormSavesOnce is issue 18's double save in the real
// binary: ctrl+k q, text, ctrl+c leaves exactly one capture in the store.
func TestCtrlCInACaptureFormSavesOnce(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	tm := newSession(t, h, "Twice")
	m := tm.mark()
	tm.write([]byte("\x0bq")) // ctrl+k q: the quote form
	tm.mustSee(m, "New quote", 10*time.Second)
	typeAndSee(t, tm, "Every handover costs us a day")
	tm.write([]byte{3}) // ctrl+c
	if err := tm.wait(10 * time.Second); err != nil {
		t.Fatalf("ctrl+c: %v", err)
	}
	h.check(t)
	cs := h.export(t, "Twice").Session.Captures
	if len(cs) != 1 || cs[0].Text != "Every handover costs us a day~" {
		t.Fatalf("after ctrl+c the store holds %d captures %+v, want exactly one", len(cs), cs)
	}
}

// fakeEditor writes a shell script to stand for $EDITOR: it writes text
// into the file it is given, then writes that file's path to the FIFO
// ready and waits for a line on the FIFO release. The test waits on ready
// and lets the editor go through release: nothing sleeps.
func fakeEditor(t *testing.T, text string) (env []string, ready, release string) {
	t.Helper()
	dir := t.TempDir()
	ready, release = filepath.Join(dir, "ready"), filepath.Join(dir, "release")
	for _, f := range []string{ready, release} {
		if err := syscall.Mkfifo(f, 0o600); err != nil {
			t.Skipf("no FIFOs here: %v", err)
		}
	}
	script := filepath.Join(dir, "editor.sh")
	body := "#!/bin/sh\n[ -t 1 ] || { echo \"editor: stdout is not a terminal\" >&2; exit 3; }\nprintf '%s' \"$FAKE_EDITOR_TEXT\" > \"$1\"\necho \"$1\" > \"$FAKE_EDITOR_READY\"\nread x < \"$FAKE_EDITOR_RELEASE\"\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	env = []string{"EDITOR=" + script, "FAKE_EDITOR_TEXT=" + text,
		"FAKE_EDITOR_READY=" + ready, "FAKE_EDITOR_RELEASE=" + release}
	return env, ready, release
}

// fifoLine reads a line from the FIFO at path, failing after d.
func fifoLine(t *testing.T, path string, d time.Duration) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(path)
		got <- strings.TrimSpace(string(b))
	}()
	select {
	case s := <-got:
		return s
	case <-time.After(d):
		t.Fatalf("nothing on %s within %v", path, d)
		return ""
	}
}

// release lets the fake editor exit: it waits for the editor to open the
// FIFO, failing after 10 s.
func release(t *testing.T, path string) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err == nil {
			_, err = f.WriteString("go\n")
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the fake editor never waited on %s", path)
	}
}

// releaseIfWaiting lets the fake editor go if it is waiting, and never
// blocks: a cleanup, so no editor outlives its test.
func releaseIfWaiting(path string) {
	if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		_, _ = f.WriteString("go\n")
		f.Close()
	}
}

// TestEditorTextSurvivesAQuitSignal is issue 23's "the editor's words
// survive a closed window" in the real binary: ctrl+e opens $EDITOR, the
// editor writes new text, SIGHUP or SIGTERM reaches rapport, and the
// editor then exits on its own (a dropped ssh ends it; a person quits it):
// the new text is in the store, and the temp file is gone.
func TestEditorTextSurvivesAQuitSignal(t *testing.T) {
	needBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			const text = "Written in the editor, then the window closed"
			env, ready, rel := fakeEditor(t, text)
			t.Cleanup(func() { releaseIfWaiting(rel) })
			h := newHome(t)
			tm := newSession(t, h, "Editor", env...)
			tm.write([]byte{5}) // ctrl+e
			path := fifoLine(t, ready, 10*time.Second)
			if err := tm.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			release(t, rel)
			if err := tm.wait(20 * time.Second); err != nil {
				t.Fatalf("after %v: %v\n%s", sig, err, tail(tm.output(), 600))
			}
			h.check(t)
			if got := h.export(t, "Editor").Session.Answers[firstPrompt].Text; got != text {
				t.Fatalf("after %v the answer is %q, want the editor's text", sig, got)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("the editor's temp file %s is left behind: %v", path, err)
			}
		})
	}
}

// TestEditorStillOpenKeepsItsFile: when the editor is still open 10 s
// after a quit signal (DECISIONS.md), rapport quits anyway, keeps the
// editor's file and prints its path in one line on stderr.
func TestEditorStillOpenKeepsItsFile(t *testing.T) {
	needBinary(t)
	const text = "Still being written when the window closed"
	env, ready, rel := fakeEditor(t, text)
	h := newHome(t)
	tm := newSession(t, h, "Editor", env...)
	tm.write([]byte{5}) // ctrl+e
	path := fifoLine(t, ready, 10*time.Second)
	t.Cleanup(func() { _ = os.Remove(path) })
	t.Cleanup(func() { releaseIfWaiting(rel) })
	start := time.Now()
	if err := tm.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-tm.exit:
	case <-time.After(30 * time.Second):
		t.Fatalf("rapport did not quit within 30 s of SIGTERM with the editor open:\n%s", tail(tm.output(), 600))
	}
	if took := time.Since(start); took < 10*time.Second {
		t.Errorf("quit %v after the signal, before the editor's 10 s", took)
	}
	if err == nil {
		t.Error("quitting with the editor's text unsaved exited 0")
	}
	// The editor may still hold the terminal open (here rapport led the
	// terminal's session, so its exit hung the editor up too): let it go,
	// so the output ends and everything rapport wrote last can be read.
	releaseIfWaiting(rel)
	drained := time.AfterFunc(10*time.Second, func() {
		tm.mu.Lock()
		tm.eof = true // give up waiting; what was read is checked below
		tm.cond.Broadcast()
		tm.mu.Unlock()
	})
	defer drained.Stop()
	tm.mu.Lock()
	for !tm.eof {
		tm.cond.Wait()
	}
	tm.mu.Unlock()
	out := string(tm.output())
	want := "its text is kept in " + path
	if !strings.Contains(out, want) {
		t.Fatalf("no line saying %q:\n%s", want, tail(tm.output(), 600))
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != text {
		t.Fatalf("the kept file holds %q (%v), want the editor's text", b, err)
	}
	assertRestored(t, tm.output()[:strings.LastIndex(out, want)])
}
