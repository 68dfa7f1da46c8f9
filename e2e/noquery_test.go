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

// TestNoTerminalQueryOnTextCommands: --help, a usage error and the
// commands that print text and exit (show renders with glamour there), run in a terminal that never answers
// anything, each end within 500 ms and write no question to it, with and
// without NO_COLOR (issue 20 item 3: fang's help waited 5 s for the
// background colour). The time is the process's own, from its start to its
// exit, measured beside it rather than around the test.
func TestNoTerminalQueryOnTextCommands(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	if _, errOut, err := h.run(t, "import", "../testdata/backup/v1-rich.json"); err != nil {
		t.Fatalf("import: %v: %s", err, errOut)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"help", []string{"--help"}},
		{"command help", []string{"export", "--help"}},
		{"usage error", []string{"bogus"}},
		{"bad flag", []string{"list", "--nope"}},
		{"list", []string{"list"}},
		{"playbooks", []string{"playbooks", "list"}},
		{"version", []string{"--version"}},
		{"show", []string{"show", "01JD3Q"}},
		{"export", []string{"export", "01JD3Q"}},
	} {
		for _, noColor := range []bool{false, true} {
			name := c.name
			env := h.env()
			if noColor {
				name += " NO_COLOR"
				env = append(env, "NO_COLOR=1")
			}
			t.Run(name, func(t *testing.T) {
				took, out := runSilentTerminal(t, env, c.args...)
				if took > 500*time.Millisecond {
					t.Errorf("rapport %v took %v on a terminal that never answers, want under 500 ms", c.args, took)
				}
				if rest := sgr.ReplaceAll(out, nil); bytes.Contains(rest, []byte("\x1b")) {
					t.Errorf("rapport %v wrote an escape sequence other than colour (a terminal query?):\n%s", c.args, tail(out, 600))
				}
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
