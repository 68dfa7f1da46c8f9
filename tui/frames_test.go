package tui

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestAfterDrawnWaitsForTheTerminal: the message comes after the next
// write to the terminal, not before, and writes made before it was asked
// for do not count.
func TestAfterDrawnWaitsForTheTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "terminal"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	deps := Deps{frames: &frames{}}
	out := frameOut{File: f, frames: deps.frames}
	if _, err := out.Write([]byte("an earlier frame")); err != nil {
		t.Fatal(err)
	}

	cmd := deps.afterDrawn(listRestMsg{})
	got := make(chan any, 1)
	go func() { got <- cmd() }()
	select {
	case msg := <-got:
		t.Fatalf("afterDrawn delivered %T before anything was written", msg)
	default:
	}
	if _, err := out.Write([]byte("the frame")); err != nil {
		t.Fatal(err)
	}
	if msg := <-got; msg != (listRestMsg{}) {
		t.Fatalf("afterDrawn delivered %T, want listRestMsg", msg)
	}
	if b, _ := os.ReadFile(f.Name()); string(b) != "an earlier framethe frame" {
		t.Errorf("the terminal holds %q", b)
	}

	// Without a terminal to watch (tests, a program Run did not start),
	// the message comes at once.
	if msg := (Deps{}).afterDrawn(listRestMsg{})(); msg != (listRestMsg{}) {
		t.Fatalf("afterDrawn without frames delivered %T", msg)
	}
}

// TestEditorGetsTheTerminalItself: $EDITOR is handed the terminal file,
// not the writer that watches it, which exec would reach through a pipe.
func TestEditorGetsTheTerminalItself(t *testing.T) {
	p := &editorProcess{cmd: exec.Command("true")}
	p.SetStdout(frameOut{File: os.Stdout, frames: &frames{}})
	if p.cmd.Stdout != os.Stdout {
		t.Fatalf("the editor's stdout is %T, want the terminal's *os.File", p.cmd.Stdout)
	}
}
