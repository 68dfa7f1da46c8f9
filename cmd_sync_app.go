package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"rapport/session"
	"rapport/store"
	"rapport/teamsync"
	"rapport/tui"
)

// The app's side of team sync (docs/team.md): who is at the keyboard, a
// sync in the background when the library opens (sync.auto) or when S asks
// for one, a sync on quit in a process of its own so the shell comes back
// at once, and the sessions the app has opened kept out of a sync's reach
// until the next one.

// appTeam is what the app needs to know about the store's team.
type appTeam struct {
	author string // who is at the keyboard; "" when nobody is named
	repo   string // the clone; "" when the store is in no team
	auto   bool   // sync.auto
}

// readTeam reads the store's team settings. git's user.name is asked for
// only in a team: a store on its own names its author only when told to
// (rapport config name), so a start-up never waits for git.
func readTeam(st *store.Store) appTeam {
	var t appTeam
	t.repo, _ = st.Pref(prefSyncRepo)
	auto, _ := st.Pref(prefSyncAuto)
	t.auto = auto == "on" && t.repo != ""
	if name, _ := st.Pref(store.PrefName); strings.TrimSpace(name) != "" {
		t.author = strings.TrimSpace(name)
	} else if t.repo != "" {
		t.author = teamsync.GitUserName(context.Background(), t.repo)
	}
	return t
}

// heldSet is the sessions the app has read whole in this run: a sync
// leaves them as they are (the screen holding one would write its copy
// back over what the sync brought), and the next sync, on quit, takes
// them up. Each records author as who changes it, whichever screen does.
type heldSet struct {
	m      sync.Map
	author string
}

func (h *heldSet) hold(id string)      { h.m.Store(id, true) }
func (h *heldSet) held(id string) bool { _, ok := h.m.Load(id); return ok }
func (h *heldSet) wrap(s tui.Sessions) tui.Sessions {
	if nl, ok := s.(tui.NewestLister); ok {
		return heldNewest{heldSessions{s, h}, nl}
	}
	return heldSessions{s, h}
}

// heldSessions is the app's Sessions, noting each session it loads.
type heldSessions struct {
	tui.Sessions
	set *heldSet
}

func (h heldSessions) Load(id string) (*session.Session, error) {
	h.set.hold(id)
	s, err := h.Sessions.Load(id)
	if s != nil {
		s.SetAuthor(h.set.author)
	}
	return s, err
}

// heldNewest keeps the library's quick first listing (tui.NewestLister).
type heldNewest struct {
	heldSessions
	nl tui.NewestLister
}

func (h heldNewest) ListNewest(n int) ([]session.Index, int, error) { return h.nl.ListNewest(n) }

// appSync runs syncs for the app and waits for the one under way before
// the store closes.
type appSync struct {
	st     *store.Store
	team   appTeam
	held   *heldSet
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func newAppSync(st *store.Store, team appTeam, held *heldSet) *appSync {
	ctx, cancel := context.WithCancel(context.Background())
	return &appSync{st: st, team: team, held: held, ctx: ctx, cancel: cancel}
}

// run is tui.Deps.TeamSync: one sync on the app's open store, sessions
// the app holds left for later; the store stays the app's throughout (its
// writer goes on saving: bbolt orders the transactions).
func (a *appSync) run(_ context.Context, progress func(string)) (string, bool) {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return "", false
	}
	a.wg.Add(1)
	a.mu.Unlock()
	defer a.wg.Done()
	res, err := teamsync.Sync(a.ctx, teamsync.Options{
		Open:     func() (*store.Store, func() error, error) { return a.st, func() error { return nil }, nil },
		Repo:     a.team.repo,
		Author:   a.team.author,
		Busy:     a.held.held,
		Progress: func(p teamsync.Progress) { progress(p.String()) },
		Driver:   mergeDriver(),
	})
	_ = a.st.SetPref(prefSyncLast, syncRecord(time.Now(), res, err))
	switch {
	case err != nil:
		return session.PlainLine("Sync with the team failed: " + err.Error()), true
	case res.Offline != "":
		return res.Summary(), true
	}
	return res.Summary(), res.Conflicts > 0 || len(res.Warnings) > 0
}

// stop ends a sync under way (it stops at its next step, consistent) and
// waits for it, before the store is closed.
func (a *appSync) stop() {
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	a.cancel()
	a.wg.Wait()
}

// syncOnQuit starts `rapport sync --quiet --wait` in a process of its
// own, once the app is gone, so the shell is back at once; it waits for a
// sync still under way (an earlier quit's), which may have read the store
// before this run's changes. What it says goes to a log in the clone's
// .git folder.
func (c *cli) syncOnQuit(dbPath string, team appTeam) {
	exe, err := os.Executable()
	if err != nil {
		return
	}
	cmd := exec.Command(exe, "--db", dbPath, "sync", "--quiet", "--wait")
	cmd.Env = os.Environ()
	if log, err := os.OpenFile(filepath.Join(team.repo, ".git", "rapport-sync.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600); err == nil {
		fmt.Fprintf(log, "%s sync on quit\n", time.Now().Format(time.RFC3339))
		cmd.Stdout, cmd.Stderr = log, log
		defer log.Close()
	}
	detachProcess(cmd)
	if err := cmd.Start(); err == nil {
		_ = cmd.Process.Release()
	}
}
