package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTeamSyncFromTheApp: two facilitators' stores share one bare
// repository (docs/team.md). With sync.auto on, Ana's library syncs as it
// opens and says so in its status bar; Ben's session, synced from his
// command line, comes in when Ana presses S and shows in her list; what
// Ana types in a session goes to the team by itself when she quits, in a
// process of its own, while her shell is already back.
func TestTeamSyncFromTheApp(t *testing.T) {
	needBinary(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	bare := filepath.Join(t.TempDir(), "team.git")
	if out, err := exec.Command("git", "init", "--quiet", "--bare", bare).CombinedOutput(); err != nil {
		t.Fatalf("git init --bare: %v %s", err, out)
	}
	ana, ben := newHome(t), newHome(t)
	must := func(h home, want string, args ...string) {
		t.Helper()
		out, errOut, err := h.run(t, args...)
		if err != nil || !strings.Contains(out, want) {
			t.Fatalf("rapport %s: %v\nstdout: %s\nstderr: %s\nwant %q", strings.Join(args, " "), err, out, errOut, want)
		}
	}
	must(ana, "", "config", "name", "Ana Ruiz")
	must(ben, "", "config", "name", "Ben Okafor")
	must(ana, "Joined the team repository", "sync", "init", bare)
	must(ben, "Joined the team repository", "sync", "init", bare)
	must(ana, "", "config", "sync.auto", "on")
	importMini(t, ana, "01JE0000000000000000000001", "Acme", "2026-11-20T10:05:00Z")

	// The library opens and syncs in the background.
	tm := ana.start(t, 30, 120, nil)
	// The screen is redrawn by difference: the line "Syncing: done" turns
	// into "Synced with the team: ..." by its last letters.
	tm.mustSee(0, "with the team: 1 session sent, 0 sessions received", 20*time.Second)
	must(ben, "1 session received", "sync")

	// Ben's session reaches Ana's open library when she asks.
	importMini(t, ben, "01JE0000000000000000000002", "Globex", "2026-11-21T10:05:00Z")
	must(ben, "1 session sent", "sync")
	m := tm.mark()
	tm.write([]byte("S"))
	tm.mustSee(m, "with the team: 0 sessions sent, 1 session received", 20*time.Second)
	tm.mustSee(m, "Globex", 5*time.Second)
	tm.write([]byte("q"))
	if err := tm.wait(15 * time.Second); err != nil {
		t.Fatalf("q did not quit: %v\n%s", err, tail(tm.output(), 600))
	}

	// The sync on quit runs (nothing to send): wait for it to be over, so
	// the next start does not find it holding the store.
	if !waitUntil(30*time.Second, func() bool {
		out, _, err := ana.run(t, "sync", "status")
		return err == nil && strings.Contains(out, "Up to date with the team")
	}) {
		t.Fatal("the sync on quit did not run")
	}

	// Ana types an answer and quits: the sync on quit sends it.
	tm = ana.start(t, 30, 100, nil, "open", "Acme")
	tm.mustSee(0, "TYPING", 20*time.Second)
	typeAndSee(t, tm, "Retail buyers")
	tm.write([]byte{3}) // ctrl+c: save and quit
	if err := tm.wait(15 * time.Second); err != nil {
		t.Fatalf("ctrl+c did not quit: %v\n%s", err, tail(tm.output(), 600))
	}
	// (A bare repository made by git init names master as its HEAD; the
	// first sync pushes main.)
	if !waitUntil(30*time.Second, func() bool {
		return exec.Command("git", "--git-dir", bare, "grep", "-q", "Retail buyers", "main").Run() == nil
	}) {
		log, _ := os.ReadFile(filepath.Join(filepath.Dir(ana.db), "r-team", ".git", "rapport-sync.log"))
		t.Fatalf("the sync on quit did not send the answer; its log:\n%s", log)
	}
	must(ben, "1 session received", "sync")
	if got := ben.export(t, "Acme").Session.Answers["q"].Text; got != "Retail buyers~" {
		t.Errorf("Ben's copy of the answer: %q", got)
	}
}

// waitUntil checks ok every 50 ms until it holds or d has passed, and
// reports whether it held: for what happens in another process.
func waitUntil(d time.Duration, ok func() bool) bool {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(d)
	for !ok() {
		select {
		case <-tick.C:
		case <-deadline:
			return ok()
		}
	}
	return true
}
