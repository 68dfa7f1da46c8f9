package teamsync

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/session"
)

func TestSyncFacilitatorToCoachAndBack(t *testing.T) {
	needGit(t)
	bare := bareRepo(t)
	c := &clock{now: t0}
	ana := newSide(t, "Ana", bare, c)
	ben := newSide(t, "Ben", bare, c)

	s := session.New(ulid(1), c.tick(), "Acme Corp", testPlaybook())
	if err := ana.st.Create(s); err != nil {
		t.Fatal(err)
	}
	ana.change(s.ID, func(sess *session.Session, now time.Time) []session.Edit {
		a := sess.AnswerFor("who")
		a.Text = "Retail buyers"
		return []session.Edit{
			sess.PutAnswer(a, now),
			sess.PutCapture(session.Capture{ID: "c1", Kind: session.CapturePain, Text: "Slow refunds", Created: now}, now),
		}
	})
	if r := ana.sync(); r.Sent != 1 || !r.Pushed {
		t.Fatalf("Ana's first sync: %+v", r)
	}
	if r := ben.sync(); r.Received != 1 {
		t.Fatalf("Ben's first sync: %+v", r)
	}
	got := ben.load(s.ID)
	if got.Answers["who"].Text != "Retail buyers" || got.Answers["who"].Author != "Ana" || len(got.Captures) != 1 {
		t.Fatalf("Ben's copy: %+v", got)
	}
	ben.change(s.ID, func(sess *session.Session, now time.Time) []session.Edit {
		return []session.Edit{sess.AddRoadmap(session.RoadmapItem{ID: "r1", Title: "Refunds in a day", Horizon: session.Now, Pains: []string{"c1"}}, now)}
	})
	ben.sync()
	ana.sync()
	if got := ana.load(s.ID); len(got.Roadmap) != 1 || got.Roadmap[0].Author != "Ben" {
		t.Fatalf("Ana's roadmap after the next sync: %+v", got.Roadmap)
	}
	if a, b := ana.exports(), ben.exports(); a[s.ID] != b[s.ID] {
		t.Errorf("the two stores export different JSON:\n%s\n---\n%s", a[s.ID], b[s.ID])
	}
	// The file layout: one folder per client, the session by its id.
	want := filepath.Join(ana.repo, ClientFolder("Acme Corp"), s.ID+".json")
	if _, err := os.Stat(want); err != nil {
		t.Errorf("no session file at %s: %v", want, err)
	}
	if !strings.HasPrefix(ClientFolder("Acme Corp"), "acme-corp-") || len(ClientFolder("Acme Corp")) != len("acme-corp-")+8 {
		t.Errorf("client folder %q", ClientFolder("Acme Corp"))
	}
	// A second sync with nothing new changes nothing.
	head := gitT(t, ana.repo, "rev-parse", "HEAD")
	if r := ana.sync(); r.Sent != 0 || r.Received != 0 {
		t.Errorf("an idle sync did something: %+v", r)
	}
	if gitT(t, ana.repo, "rev-parse", "HEAD") != head {
		t.Error("an idle sync made a commit")
	}
}

// TestGitPullMergesAsSyncDoes: a plain `git pull` in a clone with the
// merge driver registered gives the same session file, byte for byte, as
// `rapport sync` merging the same commits.
func TestGitPullMergesAsSyncDoes(t *testing.T) {
	w := newFaultWorld(t)
	w.reopen(t)
	// Ana commits her side without reaching the team's repository...
	gitT(t, w.ana.repo, "remote", "set-url", "origin", filepath.Join(t.TempDir(), "nowhere"))
	if r := w.ana.sync(); r.Offline == "" {
		t.Fatalf("expected Ana's sync to stay local: %+v", r)
	}
	gitT(t, w.ana.repo, "remote", "set-url", "origin", w.bare)
	// ...a copy of her clone then merges Ben's work with git pull...
	plain := filepath.Join(t.TempDir(), "plain")
	if out, err := exec.Command("cp", "-a", w.ana.repo, plain).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	gitT(t, plain, "pull", "--quiet", "--no-rebase", "--no-edit", "origin", "main")
	// ...and rapport sync merges the same commits in her clone.
	w.ana.sync()
	path := ClientFolder("Acme") + "/" + w.sid + ".json"
	pulled, err := os.ReadFile(filepath.Join(plain, path))
	if err != nil {
		t.Fatal(err)
	}
	synced := gitT(t, w.ana.repo, "show", "HEAD:"+path)
	if string(pulled) != synced+"\n" {
		t.Errorf("git pull and rapport sync disagree:\n%s\n---\n%s", pulled, synced)
	}
	if !strings.Contains(string(pulled), `"conflicts"`) {
		t.Errorf("the answer changed on both sides should be flagged:\n%s", pulled)
	}
}

// TestNoGit: without the git command line, a sync and joining a team each
// say so in one line.
func TestNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := Sync(t.Context(), Options{Repo: t.TempDir()}); err != ErrNoGit {
		t.Errorf("Sync without git: %v", err)
	}
	if _, err := Attach(t.Context(), "git@example.com:team.git", t.TempDir()); err != ErrNoGit {
		t.Errorf("Attach without git: %v", err)
	}
	if strings.Contains(ErrNoGit.Error(), "\n") {
		t.Error("ErrNoGit should be one line")
	}
}

// TestSyncShowsProgress: a sync of many sessions says how far it is,
// session by session as it reads them out and batch by batch as it
// writes them in, ending with all of them done.
func TestSyncShowsProgress(t *testing.T) {
	needGit(t)
	bare := bareRepo(t)
	c := &clock{now: t0}
	ana := newSide(t, "Ana", bare, c)
	ben := newSide(t, "Ben", bare, c)
	const n = applyBatch + 6 // two batches on the way in
	for i := range n {
		if err := ana.st.Create(session.New(ulid(i+1), c.tick(), "Acme", testPlaybook())); err != nil {
			t.Fatal(err)
		}
	}
	steps := func(s *side) []string {
		var seen []string
		o := s.options()
		o.Progress = func(p Progress) { seen = append(seen, p.String()) }
		if _, err := Sync(t.Context(), o); err != nil {
			t.Fatal(err)
		}
		return seen
	}
	sent := steps(ana)
	for _, want := range []string{"Syncing: reading sessions 1/70", "Syncing: reading sessions 70/70", "Syncing: sending"} {
		if !slices.Contains(sent, want) {
			t.Errorf("Ana's sync did not say %q; it said %q", want, sent)
		}
	}
	got := steps(ben)
	for _, want := range []string{"Syncing: writing sessions 0/70", "Syncing: writing sessions 64/70", "Syncing: done 70/70"} {
		if !slices.Contains(got, want) {
			t.Errorf("Ben's sync did not say %q; it said %q", want, got)
		}
	}
}

// TestSyncLeavesBusySessions: a session open on a screen of the app
// (Options.Busy) is left as the store has it, while the others are
// merged; the summary says so, and the next sync, once it is closed,
// brings the team's changes in. What was typed in it is still sent.
func TestSyncLeavesBusySessions(t *testing.T) {
	needGit(t)
	bare := bareRepo(t)
	c := &clock{now: t0}
	ana := newSide(t, "Ana", bare, c)
	ben := newSide(t, "Ben", bare, c)
	open := ulid(1)
	for i := range 2 {
		if err := ben.st.Create(session.New(ulid(i+1), c.tick(), "Acme", testPlaybook())); err != nil {
			t.Fatal(err)
		}
	}
	ben.sync()
	ana.sync()
	answer := func(s *side, id, text string) {
		s.change(id, func(sess *session.Session, now time.Time) []session.Edit {
			a := sess.AnswerFor("who")
			a.Text = text
			return []session.Edit{sess.PutAnswer(a, now)}
		})
	}
	answer(ben, open, "Ben's answer")
	answer(ben, ulid(2), "Ben's other answer")
	ben.sync()
	// Ana has it open and types in another prompt.
	ana.change(open, func(sess *session.Session, now time.Time) []session.Edit {
		a := sess.AnswerFor("goals")
		a.Items = []string{"Ana's goal"}
		return []session.Edit{sess.PutAnswer(a, now)}
	})

	o := ana.options()
	o.Busy = func(id string) bool { return id == open }
	r, err := Sync(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Skipped != 1 || !strings.Contains(r.Summary(), "1 session you opened here left for the next sync") {
		t.Errorf("the open session should be left, and the summary say so: %+v %q", r, r.Summary())
	}
	if got := ana.load(open).AnswerFor("who").Text; got != "" {
		t.Errorf("the open session was changed under the screen: %q", got)
	}
	if got := ana.load(ulid(2)).AnswerFor("who").Text; got != "Ben's other answer" {
		t.Errorf("the other session was not merged: %q", got)
	}
	ben.sync()
	if got := ben.load(open).AnswerFor("goals").Items; len(got) != 1 || got[0] != "Ana's goal" {
		t.Errorf("what Ana typed in the open session was not sent: %q", got)
	}
	ana.sync()
	if got := ana.load(open).AnswerFor("who").Versions(); len(got) == 0 || !slices.ContainsFunc(got, func(a session.Answer) bool { return a.Text == "Ben's answer" }) {
		t.Errorf("the next sync should bring Ben's answer in: %+v", got)
	}
}
