// Package e2e holds black-box tests of the real rapport binary: it is built
// once per run into a temporary folder, run in a pseudo-terminal, typed at,
// killed, signalled and starved of disk, and the store is checked
// afterwards with the binary's own export and bbolt's consistency check.
// They prove the promises of "Reliability, security and bad input" and
// "Storage and durability" in PRODUCT.md that no unit test can: what a real
// process leaves on a real disk. `go test -short` skips them.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"rapport/store"
)

// bin is the rapport binary built for this run (once, by the first test
// that needs it); buildErr says why not.
var (
	bin       string
	binDir    string
	buildErr  error
	buildOnce sync.Once
)

func TestMain(m *testing.M) {
	code := func() int {
		dir, err := os.MkdirTemp("", "rapport-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		binDir = dir
		return m.Run()
	}()
	os.Exit(code)
}

// build compiles the package at pkg (a folder relative to e2e/) into dir.
func build(dir, name, pkg string) (string, error) {
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	return out, nil
}

// needBinary skips under -short and fails when the build failed.
func needBinary(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("e2e: builds and drives the real binary in a pseudo-terminal; skipped with -short")
	}
	buildOnce.Do(func() { bin, buildErr = build(binDir, "rapport", "..") })
	if buildErr != nil {
		t.Fatal(buildErr)
	}
}

// home is a private store and config folder for one test.
type home struct {
	dir, db string
}

func newHome(t testing.TB) home {
	d := t.TempDir()
	return home{dir: d, db: filepath.Join(d, "data", "r.db")}
}

// env is the environment of a rapport process: nothing from the user's own
// store, config or editor leaks in.
func (h home) env(extra ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + h.dir,
		"XDG_CONFIG_HOME=" + filepath.Join(h.dir, "cfg"),
		"XDG_DATA_HOME=" + filepath.Join(h.dir, "data"),
		"RAPPORT_DB=" + h.db,
		"RAPPORT_EXPORT_DIR=" + h.dir,
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
	}
	return append(env, extra...)
}

// run runs the binary to the end without a terminal and returns its output.
func (h home) run(t testing.TB, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = h.env()
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

// exported is the JSON export of the client's latest session.
type exported struct {
	Session struct {
		ID      string `json:"id"`
		Answers map[string]struct {
			Text string `json:"text"`
		} `json:"answers"`
		Captures []struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		} `json:"captures"`
	} `json:"session"`
}

// export runs `rapport export CLIENT --format json` and decodes it.
func (h home) export(t testing.TB, client string) exported {
	t.Helper()
	out, errOut, err := h.run(t, "export", client, "--format", "json")
	if err != nil {
		t.Fatalf("export %s: %v: %s", client, err, errOut)
	}
	var x exported
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatalf("export %s: not JSON: %v", client, err)
	}
	return x
}

// check opens the store and runs bbolt's consistency check on it.
func (h home) check(t testing.TB) {
	t.Helper()
	s, err := store.Open(h.db)
	if err != nil {
		t.Fatalf("store does not open: %v", err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("store check: %v", err)
	}
}

// term is one process running in a pseudo-terminal, with everything it
// wrote kept for searching.
type term struct {
	t    testing.TB
	cmd  *exec.Cmd
	pty  *os.File
	mu   sync.Mutex
	cond *sync.Cond
	out  []byte
	eof  bool
	exit chan error // the process's exit, once
}

// start runs rapport args in a rows x cols pseudo-terminal.
func (h home) start(t testing.TB, rows, cols uint16, env []string, args ...string) *term {
	t.Helper()
	return startCmd(t, rows, cols, append(h.env(), env...), bin, args...)
}

func startCmd(t testing.TB, rows, cols uint16, env []string, name string, args ...string) *term {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Fatalf("start %s in a pty: %v", name, err)
	}
	tm := &term{t: t, cmd: cmd, pty: f, exit: make(chan error, 1)}
	tm.cond = sync.NewCond(&tm.mu)
	go tm.read()
	go func() { tm.exit <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = f.Close()
	})
	return tm
}

func (tm *term) read() {
	buf := make([]byte, 64<<10)
	for {
		n, err := tm.pty.Read(buf)
		tm.mu.Lock()
		tm.out = append(tm.out, buf[:n]...)
		if err != nil {
			tm.eof = true
		}
		tm.cond.Broadcast()
		tm.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// output is everything written so far.
func (tm *term) output() []byte {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return bytes.Clone(tm.out)
}

// mark is the length of the output so far, to search only what follows.
func (tm *term) mark() int {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return len(tm.out)
}

// waitFor waits until the output after from contains sub, and reports
// whether it did within d.
func (tm *term) waitFor(from int, sub string, d time.Duration) bool {
	timer := time.AfterFunc(d, func() {
		tm.mu.Lock()
		tm.cond.Broadcast()
		tm.mu.Unlock()
	})
	defer timer.Stop()
	deadline := time.Now().Add(d)
	tm.mu.Lock()
	defer tm.mu.Unlock()
	for {
		if from <= len(tm.out) && bytes.Contains(tm.out[from:], []byte(sub)) {
			return true
		}
		if tm.eof || !time.Now().Before(deadline) {
			return false
		}
		tm.cond.Wait()
	}
}

// mustSee fails the test unless sub appears after from within d.
func (tm *term) mustSee(from int, sub string, d time.Duration) {
	tm.t.Helper()
	if !tm.waitFor(from, sub, d) {
		tm.t.Fatalf("%q not on screen after %v; the screen ends:\n%s", sub, d, tail(tm.output(), 2000))
	}
}

// write types b into the terminal.
func (tm *term) write(b []byte) {
	tm.t.Helper()
	if _, err := tm.pty.Write(b); err != nil {
		tm.t.Fatalf("write to pty: %v", err)
	}
}

// wait waits for the process to end and returns its exit error.
func (tm *term) wait(d time.Duration) error {
	tm.t.Helper()
	select {
	case err := <-tm.exit:
		// Let the reader drain what the process wrote last.
		tm.mu.Lock()
		for !tm.eof {
			tm.cond.Wait()
		}
		tm.mu.Unlock()
		return err
	case <-time.After(d):
		tm.t.Fatalf("the process did not end within %v; the screen ends:\n%s", d, tail(tm.output(), 2000))
		return nil
	}
}

// tail is the last n bytes of b, escapes made visible, for failure messages.
func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.ReplaceAll(string(b), "\x1b", "␛")
}
