package main

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/playbooks"
	"rapport/session"
	"rapport/store"
	"rapport/teamsync"
)

// TestSyncOnQuitWaitsForTheSyncUnderWay: the sync on quit (sync --wait)
// runs again while another sync holds the repository, so the changes of
// a run quit just after an earlier one are sent, not left behind.
func TestSyncOnQuitWaitsForTheSyncUnderWay(t *testing.T) {
	tries := 0
	sync := func() (teamsync.Result, error) {
		tries++
		if tries < 3 {
			return teamsync.Result{}, teamsync.ErrBusy
		}
		return teamsync.Result{Sent: 1}, nil
	}
	res, err := sync()
	res, err = waitBusy(context.Background(), res, err, sync)
	if err != nil || res.Sent != 1 || tries != 3 {
		t.Errorf("after %d tries: %+v, %v; want one session sent on the third", tries, res, err)
	}

	// Another failure is not waited on; a cancelled wait ends at once.
	other := errors.New("push rejected")
	if _, err := waitBusy(context.Background(), teamsync.Result{}, other, sync); err != other {
		t.Errorf("a failure other than busy: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	busy := func() (teamsync.Result, error) { return teamsync.Result{}, teamsync.ErrBusy }
	if _, err := waitBusy(ctx, teamsync.Result{}, teamsync.ErrBusy, busy); !errors.Is(err, teamsync.ErrBusy) {
		t.Errorf("a cancelled wait: %v", err)
	}
}

// TestAppSyncBesideTheWriter: the app's sync runs on the app's open
// store while the writer goes on saving keystrokes (run with -race): the
// sync sends the session, and every keystroke is kept.
func TestAppSyncBesideTheWriter(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	bare := filepath.Join(dir, "team.git")
	if out, err := exec.Command("git", "init", "--quiet", "--bare", bare).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	st, err := store.Open(filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	repo, err := teamsync.Attach(t.Context(), bare, filepath.Join(dir, "a-team"))
	if err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(st.EnableSync(), st.SetPref(prefSyncRepo, repo), st.SetPref(store.PrefName, "Ana Ruiz")); err != nil {
		t.Fatal(err)
	}
	pb, ok := playbooks.LoadCatalogue(playbooks.Builtins(), nil, "").Get(playbooks.DefaultID)
	if !ok {
		t.Fatal("no default playbook")
	}
	s := session.New("01JE0000000000000000000001", time.Now(), "Acme", *pb)
	if err := st.Create(s); err != nil {
		t.Fatal(err)
	}
	team := readTeam(st)
	if team.repo != repo || team.author != "Ana Ruiz" {
		t.Fatalf("readTeam: %+v", team)
	}
	held := &heldSet{author: team.author}
	sync := newAppSync(st, team, held)
	w := st.NewWriter(func(store.SaveStatus) {})
	s.SetAuthor(team.author)
	prompt := s.Steps()[0].Prompt.ID
	typed := make(chan struct{})
	go func() {
		defer close(typed)
		a := s.AnswerFor(prompt)
		for i := range 300 {
			a.Text += string(rune('a' + i%26))
			w.Save(s.PutAnswer(a, time.Now()))
		}
	}()
	summary, warn := sync.run(t.Context(), func(string) {})
	<-typed
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	sync.stop()
	if warn || !strings.Contains(summary, "1 session sent") {
		t.Errorf("the app's sync: %q (warning: %v)", summary, warn)
	}
	got, err := st.Load(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a := got.AnswerFor(prompt); len(a.Text) != 300 || a.Author != "Ana Ruiz" {
		t.Errorf("after typing beside the sync: %d characters by %q, want 300 by Ana Ruiz", len(a.Text), a.Author)
	}
	if _, ok := sync.run(t.Context(), func(string) {}); ok {
		t.Error("a sync after stop should not run")
	}
}
