package e2e

import (
	"bytes"
	"io"
	"os/exec"
	"regexp"
	"testing"
	"time"

	"github.com/creack/pty"
)

// sgr matches the colour and bold sequences help may print on a terminal;
// anything else starting with ESC would be a question to the terminal (the
// background colour, OSC 11; the device attributes, CSI c; ...).
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// TestNoTerminalQueryOnTextCommands: --help, usage errors and the
// commands that print text and exit (show renders with glamour there), run
// in a terminal that never answers anything, write no question to it, with
// and without NO_COLOR (issue 20 item 3: fang's help waited 4 to 5 s for the
// background colour). --help and a usage error must also end within 500 ms
// (the bound), the other commands within 3 s: the time is the
// process's, from its start to its exit, measured beside it rather than
// around the test, and the best of up to three runs.
func TestNoTerminalQueryOnTextCommands(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	if _, errOut, err := h.run(t, "import", "../testdata/backup/v1-rich.json"); err != nil {
		t.Fatalf("import: %v: %s", err, errOut)
	}
	for _, c := range []struct {
		name  string
		bound time.Duration
		args  []string
	}{
		{"help", 500 * time.Millisecond, []string{"--help"}},
		{"command help", 500 * time.Millisecond, []string{"export", "--help"}},
		{"usage error", 500 * time.Millisecond, []string{"bogus"}},
		{"bad flag", 500 * time.Millisecond, []string{"list", "--nope"}},
		{"list", 3 * time.Second, []string{"list"}},
		{"playbooks", 3 * time.Second, []string{"playbooks", "list"}},
		{"version", 3 * time.Second, []string{"--version"}},
		{"show", 3 * time.Second, []string{"show", "01JD3Q", "--no-pager"}},
		{"export", 3 * time.Second, []string{"export", "01JD3Q"}},
	} {
		for _, noColor := range []bool{false, true} {
			name := c.name
			env := h.env()
			if noColor {
				name += " NO_COLOR"
				env = append(env, "NO_COLOR=1")
			}
			t.Run(name, func(t *testing.T) {
				// The best of three runs: a loaded machine can slow one
				// run past the bound, but a process waiting for an answer
				// that never comes is slow every time.
				var runs []time.Duration
				for len(runs) < 3 {
					took, out := runSilentTerminal(t, env, c.args...)
					if rest := sgr.ReplaceAll(out, nil); bytes.Contains(rest, []byte("\x1b")) {
						t.Fatalf("rapport %v wrote an escape sequence other than colour (a terminal query?):\n%s", c.args, tail(out, 600))
					}
					runs = append(runs, took)
					if took <= c.bound {
						return
					}
				}
				t.Errorf("rapport %v took %v on a terminal that never answers, want under %v", c.args, runs, c.bound)
			})
		}
	}
}

// runSilentTerminal runs rapport in a pseudo-terminal that nobody answers
// and returns how long the process ran and what it wrote.
func runSilentTerminal(t *testing.T, env []string, args ...string) (time.Duration, []byte) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
	if err != nil {
		t.Fatalf("start in a pty: %v", err)
	}
	defer f.Close()
	ended := make(chan time.Duration, 1)
	go func() {
		_ = cmd.Wait()
		ended <- time.Since(start)
	}()
	var out bytes.Buffer
	read := make(chan struct{})
	go func() {
		_, _ = io.Copy(&out, f) // ends with an error once the process has gone
		close(read)
	}()
	select {
	case took := <-ended:
		select {
		case <-read:
		case <-time.After(5 * time.Second):
			t.Fatalf("rapport %v ended but its terminal never closed", args)
		}
		return took, out.Bytes()
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("rapport %v did not end within 30 s", args)
		return 0, nil
	}
}

// TestNoColourQueryUnderNoColor: the full-screen app asks the terminal for
// its background colour (OSC 11, answered whenever the terminal answers;
// nothing waits on it) only when colours are used: with NO_COLOR set it
// asks nothing of the kind (issue 20 item 3).
func TestNoColourQueryUnderNoColor(t *testing.T) {
	needBinary(t)
	const query = "\x1b]11;?"
	for _, noColor := range []bool{false, true} {
		name := "colour"
		var env []string
		if noColor {
			name, env = "NO_COLOR", []string{"NO_COLOR=1"}
		}
		t.Run(name, func(t *testing.T) {
			h := newHome(t)
			tm := h.start(t, 30, 100, env)
			tm.mustSee(0, "No sessions yet.", 10*time.Second)
			tm.write([]byte("q"))
			if err := tm.wait(10 * time.Second); err != nil {
				t.Fatalf("rapport after q: %v", err)
			}
			asked := bytes.Contains(tm.output(), []byte(query))
			if asked == noColor {
				t.Errorf("with %s the app asked for the background colour: %v, want %v", name, asked, !noColor)
			}
		})
	}
}
