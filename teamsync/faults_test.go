package teamsync

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"rapport/session"
	"rapport/store"
)

// childSync is what this test binary does when a fault test runs it as a
// separate process: one sync of the store and clone its environment
// names, which RAPPORT_TEST_SYNC_KILL may stop half-way as kill -9 would.
func childSync() {
	st, err := store.Open(os.Getenv("RAPPORT_TEST_SYNC_DB"))
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(3)
	}
	exe, _ := os.Executable()
	_, err = Sync(context.Background(), Options{
		Open:   func() (*store.Store, func() error, error) { return st, func() error { return nil }, nil },
		Repo:   os.Getenv("RAPPORT_TEST_SYNC_REPO"),
		Author: "Ana",
		Driver: exe,
	})
	st.Close()
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(4)
	}
	os.Exit(0)
}

// faultWorld is two people with work on both sides, Ana's store closed so
// a child process can sync it.
type faultWorld struct {
	bare     string
	ana, ben *side
	dbPath   string
	sid      string
}

func newFaultWorld(t *testing.T) *faultWorld {
	needGit(t)
	w := &faultWorld{bare: bareRepo(t)}
	c := &clock{now: t0}
	w.ana = newSide(t, "Ana", w.bare, c)
	w.ben = newSide(t, "Ben", w.bare, c)
	w.sid = ulid(1)
	if err := w.ana.st.Create(session.New(w.sid, c.tick(), "Acme", testPlaybook())); err != nil {
		t.Fatal(err)
	}
	w.ana.sync()
	w.ben.sync()
	// Both sides change the session apart: Ana's sync has to send and to merge.
	w.ben.change(w.sid, func(s *session.Session, now time.Time) []session.Edit {
		a := s.AnswerFor("who")
		a.Text = "Ben's answer"
		return []session.Edit{s.PutAnswer(a, now), s.PutCapture(session.Capture{ID: "ben-1", Kind: session.CaptureQuote, Text: "Ben's quote", Created: now}, now)}
	})
	w.ben.sync()
	w.ana.change(w.sid, func(s *session.Session, now time.Time) []session.Edit {
		a := s.AnswerFor("who")
		a.Text = "Ana's answer"
		return []session.Edit{s.PutAnswer(a, now), s.PutCapture(session.Capture{ID: "ana-1", Kind: session.CapturePain, Text: "Ana's pain", Created: now}, now)}
	})
	// A second session only Ana has, made before the fault.
	if err := w.ana.st.Create(session.New(ulid(2), c.tick(), "Globex", testPlaybook())); err != nil {
		t.Fatal(err)
	}
	w.dbPath = w.ana.st.Path()
	if err := w.ana.st.Close(); err != nil {
		t.Fatal(err)
	}
	return w
}

// reopen opens Ana's store again after the child is gone.
func (w *faultWorld) reopen(t *testing.T) {
	st, err := store.Open(w.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Check(); err != nil {
		t.Fatalf("Ana's store after the fault: %v", err)
	}
	w.ana.st = st
}

// converged checks that after syncs both ways both stores hold everything
// either side wrote, the answer changed on both sides flagged.
func (w *faultWorld) converged(t *testing.T) {
	t.Helper()
	w.ana.sync()
	w.ben.sync()
	w.ana.sync()
	a, b := w.ana.exports(), w.ben.exports()
	if len(a) != 2 || len(b) != 2 {
		t.Fatalf("Ana holds %d sessions, Ben %d; want 2 each", len(a), len(b))
	}
	for id := range a {
		if a[id] != b[id] {
			t.Errorf("session %s differs:\n%s\n---\n%s", id, a[id], b[id])
		}
	}
	s := w.ana.load(w.sid)
	var texts []string
	for _, v := range s.AnswerFor("who").Versions() {
		texts = append(texts, v.Text)
	}
	if got := strings.Join(texts, " | "); got != "Ana's answer | Ben's answer" && got != "Ben's answer | Ana's answer" {
		t.Errorf("versions of the answer changed on both sides: %q", got)
	}
	var caps []string
	for _, c := range s.Captures {
		caps = append(caps, c.ID)
	}
	if got := strings.Join(caps, " "); !strings.Contains(got, "ana-1") || !strings.Contains(got, "ben-1") {
		t.Errorf("captures %q; want both sides'", got)
	}
	gitT(t, w.ana.repo, "fsck", "--no-dangling")
	if out := gitT(t, w.ana.repo, "status", "--porcelain"); out != "" {
		t.Errorf("Ana's clone has files out of step with its branch:\n%s", out)
	}
}

// TestSyncKilled: a sync killed (kill -9) after each of its steps leaves
// the store and the repository consistent, and the next sync finishes
// the work: both sides end with the same sessions, nothing lost.
func TestSyncKilled(t *testing.T) {
	for _, point := range []string{"read", "commit", "merge", "push", "ref", "apply"} {
		t.Run(point, func(t *testing.T) {
			w := newFaultWorld(t)
			exe, err := os.Executable()
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), "RAPPORT_TEST_SYNC_CHILD=1", "RAPPORT_TEST_SYNC_DB="+w.dbPath,
				"RAPPORT_TEST_SYNC_REPO="+w.ana.repo, "RAPPORT_TEST_SYNC_KILL="+point)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("the sync was not killed at %s: %v\n%s", point, err, out)
			}
			w.reopen(t)
			w.converged(t)
		})
	}
}

// TestSyncPushRejected: a push the team's repository refuses (a hook)
// leaves this side's work committed here and its store consistent; once
// the repository takes pushes again, the next sync sends it.
func TestSyncPushRejected(t *testing.T) {
	w := newFaultWorld(t)
	w.reopen(t)
	hook := filepath.Join(w.bare, "hooks", "pre-receive")
	if err := os.WriteFile(hook, []byte("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := w.ana.sync()
	if r.Pushed || !strings.Contains(r.Offline, "push") {
		t.Fatalf("a refused push should be reported: %+v", r)
	}
	if s := w.ana.load(w.sid); len(s.AnswerFor("who").Conflicts) != 1 {
		t.Errorf("the store should hold the merge made before the push was refused")
	}
	if err := os.Remove(hook); err != nil {
		t.Fatal(err)
	}
	w.converged(t)
}

// TestSyncSomeonePushedFirst: when a teammate pushes between this side's
// fetch and push, the push is refused as not a fast-forward; the sync
// fetches, merges and pushes again.
func TestSyncSomeonePushedFirst(t *testing.T) {
	w := newFaultWorld(t)
	w.reopen(t)
	// Ben commits a change he could not send (his remote is away)...
	gitT(t, w.ben.repo, "remote", "set-url", "origin", filepath.Join(t.TempDir(), "nowhere"))
	w.ben.change(w.sid, func(s *session.Session, now time.Time) []session.Edit {
		return []session.Edit{s.PutCapture(session.Capture{ID: "ben-2", Kind: session.CaptureIdea, Text: "Ben's idea", Created: now}, now)}
	})
	if r := w.ben.sync(); r.Offline == "" {
		t.Fatalf("Ben's sync should not reach the remote: %+v", r)
	}
	gitT(t, w.ben.repo, "remote", "set-url", "origin", w.bare)
	// ...and sends it the moment Ana is about to push.
	hook := filepath.Join(w.ana.repo, ".git", "hooks", "pre-push")
	script := "#!/bin/sh\n[ -e \"$0.done\" ] && exit 0\ntouch \"$0.done\"\ngit -C '" + w.ben.repo + "' push -q origin HEAD:main\n"
	if err := os.WriteFile(hook, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	r := w.ana.sync()
	if !r.Pushed || r.Offline != "" {
		t.Fatalf("Ana's sync should push after merging again: %+v", r)
	}
	s := w.ana.load(w.sid)
	found := false
	for _, c := range s.Captures {
		found = found || c.ID == "ben-2"
	}
	if !found {
		t.Error("Ana's store should hold what Ben pushed first")
	}
	w.converged(t)
}

// TestSyncRemoteGone: a team repository that disappears (moved, deleted,
// the network down) is reported, this side's work is committed here, and
// the next sync once it is back sends it.
func TestSyncRemoteGone(t *testing.T) {
	w := newFaultWorld(t)
	w.reopen(t)
	away := w.bare + ".away"
	if err := os.Rename(w.bare, away); err != nil {
		t.Fatal(err)
	}
	r := w.ana.sync()
	if r.Offline == "" || r.Pushed {
		t.Fatalf("a missing remote should be reported: %+v", r)
	}
	if !strings.Contains(r.Summary(), "not reached") {
		t.Errorf("summary %q", r.Summary())
	}
	if n := gitT(t, w.ana.repo, "rev-list", "--count", "origin/main..main"); n != "1" {
		t.Errorf("Ana's work should be committed here, waiting: %s commits ahead", n)
	}
	if err := os.Rename(away, w.bare); err != nil {
		t.Fatal(err)
	}
	w.converged(t)
}
