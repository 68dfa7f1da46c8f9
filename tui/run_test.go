package tui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// syncBuffer is an output the program writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

func runDeps(saver *memSaver) Deps {
	c := newClock()
	return Deps{Saver: saver, Now: c.Now, NewID: func() string { return "id" }, NoColor: true}
}

func testOpts(in io.Reader, out io.Writer) []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithInput(in), tea.WithOutput(out), tea.WithWindowSize(80, 24)}
}

// runAsync runs fn and returns a channel with its error.
func runAsync(fn func() error) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- fn() }()
	return ch
}

func waitErr(t *testing.T, ch <-chan error) error {
	t.Helper()
	select {
	case err := <-ch:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
		return nil
	}
}

func TestRunQuitKeyFlushes(t *testing.T) {
	saver := newMemSaver()
	s := newTestSession(newClock())
	err := run(runDeps(saver), Start{Session: s}, nil, testOpts(strings.NewReader("jq"), io.Discard)...)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if saver.flushes != 1 {
		t.Fatalf("flushed %d times, want 1", saver.flushes)
	}
	if got := saver.last().Header.Cursor; got != "drivers" {
		t.Fatalf("saved cursor %q, want drivers", got)
	}
}

// TestRunSignalSavesAndFlushes: SIGHUP (a closed window) and SIGTERM save
// the cursor and flush before Run returns.
func TestRunSignalSavesAndFlushes(t *testing.T) {
	for _, sig := range []os.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		saver := newMemSaver()
		s := newTestSession(newClock())
		s.Cursor = "role"
		in, inW := io.Pipe()
		t.Cleanup(func() { _ = inW.Close() })
		sigs := make(chan os.Signal, 1)
		done := runAsync(func() error {
			return run(runDeps(saver), Start{Session: s, Typing: true}, sigs, testOpts(in, io.Discard)...)
		})
		sigs <- sig
		if err := waitErr(t, done); err != nil {
			t.Fatalf("%v: Run: %v", sig, err)
		}
		if saver.flushes != 1 || saver.last().Header.Cursor != "role" {
			t.Fatalf("%v: flushes %d, cursor %q", sig, saver.flushes, saver.last().Header.Cursor)
		}
	}
}

// TestRunRealSIGHUP sends the process a real SIGHUP while Run runs.
func TestRunRealSIGHUP(t *testing.T) {
	saver := newMemSaver()
	s := newTestSession(newClock())
	in, inW := io.Pipe()
	t.Cleanup(func() { _ = inW.Close() })
	out := &syncBuffer{}
	done := runAsync(func() error {
		return Run(runDeps(saver), Start{Session: s}, testOpts(in, out)...)
	})
	// The first frame is drawn after the signal handlers are in place.
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for out.Len() == 0 {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatal("no frame drawn")
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	if err := waitErr(t, done); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if saver.flushes != 1 || saver.count() == 0 {
		t.Fatalf("flushes %d, saves %d", saver.flushes, saver.count())
	}
}

// TestRunPanicComesBackAsAnError: a panic in Update (here from the saver)
// ends the program cleanly, flushes, and returns one error line.
func TestRunPanicComesBackAsAnError(t *testing.T) {
	saver := newMemSaver()
	saver.panicOn = 1
	s := newTestSession(newClock())
	err := run(runDeps(saver), Start{Session: s}, nil, testOpts(strings.NewReader("j"), io.Discard)...)
	if !errors.Is(err, ErrCrashed) {
		t.Fatalf("Run returned %v, want ErrCrashed", err)
	}
	if !strings.Contains(err.Error(), "disk on fire") || strings.Contains(err.Error(), "goroutine") {
		t.Fatalf("error %q: want the panic value and no stack", err)
	}
	if saver.flushes != 1 {
		t.Fatalf("flushed %d times after a panic, want 1", saver.flushes)
	}
}

func TestGuardCatchesPanicsInCommands(t *testing.T) {
	g := guard{crash: &crashBox{}}
	boom := func() tea.Msg { panic("boom") }
	ok := func() tea.Msg { return "fine" }
	if msg, isPanic := g.wrap(boom)().(panicMsg); !isPanic || !strings.Contains(msg.err.Error(), "boom") {
		t.Fatalf("wrapped command gave %#v", msg)
	}
	for name, batch := range map[string]tea.Cmd{"batch": tea.Batch(ok, boom), "sequence": tea.Sequence(ok, boom)} {
		msg := g.wrap(batch)()
		var cmds []tea.Cmd
		switch m := msg.(type) {
		case tea.BatchMsg:
			cmds = m
		default:
			// the sequence type is unexported; it is a []tea.Cmd underneath
			cmds = toCmds(t, msg)
		}
		if len(cmds) != 2 {
			t.Fatalf("%s: %d commands", name, len(cmds))
		}
		if _, isPanic := cmds[1]().(panicMsg); !isPanic {
			t.Fatalf("%s: inner command's panic escaped", name)
		}
		if cmds[0]() != "fine" {
			t.Fatalf("%s: inner command's result changed", name)
		}
	}
	// A panicMsg ends the program with the error recorded.
	next, cmd := g.Update(panicMsg{err: errors.New("boom")})
	if !isQuit(cmd) || next.(guard).crash.get() == nil {
		t.Fatal("a panic in a command did not quit with an error")
	}
}

func toCmds(t *testing.T, msg tea.Msg) []tea.Cmd {
	t.Helper()
	// Sequence's message converts to []tea.Cmd only by reflection.
	out := guard{crash: &crashBox{}}.wrapMsg(msg)
	var cmds []tea.Cmd
	switch v := out.(type) {
	case tea.BatchMsg:
		cmds = v
	default:
		rv := reflectValue(out)
		for i := range rv.Len() {
			cmds = append(cmds, rv.Index(i).Interface().(tea.Cmd))
		}
	}
	return cmds
}

func TestGuardCatchesPanicsInView(t *testing.T) {
	quit := make(chan struct{})
	g := guard{app: App{}, crash: &crashBox{quit: func() { close(quit) }}}
	v := g.View() // a zero App has no session: its View panics
	if !strings.Contains(v.Content, "internal error") {
		t.Fatalf("view after a panic: %q", v.Content)
	}
	select {
	case <-quit:
	case <-time.After(5 * time.Second):
		t.Fatal("a panic in View did not quit the program")
	}
	if !errors.Is(g.crash.get(), ErrCrashed) {
		t.Fatal("the panic was not recorded")
	}
}

// TestRunCtrlCSavesAFormOnce is issue 18's double save: ctrl+k q, text,
// ctrl+c through the real program. The quit key keeps the form's draft and
// Run keeps drafts again on its way out; the capture is saved exactly once.
func TestRunCtrlCSavesAFormOnce(t *testing.T) {
	saver := newMemSaver()
	s := newTestSession(newClock())
	deps := runDeps(saver)
	n := 0
	deps.NewID = func() string { n++; return fmt.Sprintf("cap-%d", n) }
	in := strings.NewReader("\x0bqEvery handover costs us a day\x03")
	if err := run(deps, Start{Session: s, Typing: true}, nil, testOpts(in, io.Discard)...); err != nil {
		t.Fatalf("Run: %v", err)
	}
	var ids []string
	for _, e := range saver.edits {
		if e.Capture != nil {
			ids = append(ids, e.Capture.ID)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("ctrl+c saved %d captures %v, want exactly one", len(ids), ids)
	}
	if len(s.Captures) != 1 || s.Captures[0].Text != "Every handover costs us a day" {
		t.Fatalf("session holds %+v", s.Captures)
	}
}

// fakeEditor installs a shell script as $EDITOR that plays a person in
// their editor: it writes text into the file it is given, then says so on
// the FIFO ready (the test's wait) and blocks until a line comes on the
// FIFO release. Nothing sleeps: each side waits on the other's FIFO.
func fakeEditor(t *testing.T, text string) (ready, release string) {
	t.Helper()
	dir := t.TempDir()
	ready, release = filepath.Join(dir, "ready"), filepath.Join(dir, "release")
	for _, f := range []string{ready, release} {
		if err := syscall.Mkfifo(f, 0o600); err != nil {
			t.Skipf("no FIFOs here: %v", err)
		}
	}
	script := filepath.Join(dir, "editor.sh")
	body := "#!/bin/sh\nprintf '%s' \"$FAKE_EDITOR_TEXT\" > \"$1\"\necho \"$1\" > \"$FAKE_EDITOR_READY\"\nread x < \"$FAKE_EDITOR_RELEASE\"\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", script)
	t.Setenv("FAKE_EDITOR_TEXT", text)
	t.Setenv("FAKE_EDITOR_READY", ready)
	t.Setenv("FAKE_EDITOR_RELEASE", release)
	return ready, release
}

// readLine reads one line from the FIFO at path (waiting for a writer).
func readLine(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// writeLine writes a line to the FIFO at path (waiting for a reader).
func writeLine(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, []byte("go\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestRunSignalWhileEditorOpenSavesItsText is issue 23's "the editor's
// words survive a closed window": a quit signal while $EDITOR is open
// waits for the editor to exit, then saves what it wrote into the answer
// through the saver, flushed, and removes the temp file.
func TestRunSignalWhileEditorOpenSavesItsText(t *testing.T) {
	for _, sig := range []os.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			ready, release := fakeEditor(t, "written in the editor, then the window closed")
			saver := newMemSaver()
			s := newTestSession(newClock())
			in, inW := osPipe(t)
			sigs := make(chan os.Signal, 1)
			done := runAsync(func() error {
				return run(runDeps(saver), Start{Session: s, Typing: true}, sigs, testOpts(in, io.Discard)...)
			})
			if _, err := inW.Write([]byte("\x05")); err != nil { // ctrl+e
				t.Fatal(err)
			}
			path := readLine(t, ready) // the editor has written its text
			sigs <- sig
			writeLine(t, release) // the editor exits on its own
			if err := waitErr(t, done); err != nil {
				t.Fatalf("Run: %v", err)
			}
			if got := saver.answers["who-they-serve"].Text; got != "written in the editor, then the window closed" {
				t.Fatalf("saved answer %q, want the editor's text", got)
			}
			if saver.flushes != 1 {
				t.Fatalf("flushed %d times, want 1", saver.flushes)
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("the temp file %s is left behind: %v", path, err)
			}
		})
	}
}

// TestRunSignalWithEditorStillOpenKeepsItsFile: an editor still open when
// the grace after a quit signal runs out keeps its file, and Run's error
// (one line on stderr) says where.
func TestRunSignalWithEditorStillOpenKeepsItsFile(t *testing.T) {
	ready, release := fakeEditor(t, "still being written")
	saver := newMemSaver()
	s := newTestSession(newClock())
	deps := runDeps(saver)
	deps.editors = &editors{grace: 50 * time.Millisecond}
	in, inW := osPipe(t)
	sigs := make(chan os.Signal, 1)
	done := runAsync(func() error {
		return run(deps, Start{Session: s, Typing: true}, sigs, testOpts(in, io.Discard)...)
	})
	if _, err := inW.Write([]byte("\x05")); err != nil {
		t.Fatal(err)
	}
	path := readLine(t, ready)
	t.Cleanup(func() { _ = os.Remove(path) })
	sigs <- syscall.SIGHUP
	err := waitErr(t, done)
	if !errors.Is(err, errEditorStillOpen) || !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("Run returned %v, want one line naming %s", err, path)
	}
	if b, _ := os.ReadFile(path); string(b) != "still being written" {
		t.Fatalf("the kept file holds %q", b)
	}
	if saver.flushes != 1 {
		t.Fatalf("flushed %d times, want 1", saver.flushes)
	}
	writeLine(t, release) // let the editor go
}

// osPipe is the program's input as a file, as a terminal is: the editor
// then reads it directly, and exec's Wait has no copy to wait for.
func osPipe(t *testing.T) (*os.File, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close(); _ = r.Close() })
	return r, w
}
