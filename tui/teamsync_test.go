package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// conflictedSession is a session whose first answer (and a rating) a team
// sync left in two versions: Ana's standing, Ben's kept beside it.
func conflictedSession(c *clock) *session.Session {
	s := newTestSession(c)
	s.Answers["who-they-serve"] = &session.Answer{
		PromptID: "who-they-serve", State: session.StateAnswered, Text: "Retail buyers",
		Updated: c.Now().Add(time.Minute), Author: "Ana Ruiz",
		Conflicts: []session.Answer{{PromptID: "who-they-serve", State: session.StateAnswered,
			Text: "Store managers", Updated: c.Now(), Author: "Ben Okafor"}},
	}
	s.Answers["trust"] = &session.Answer{
		PromptID: "trust", State: session.StateAnswered, Rating: 4, Author: "Ana Ruiz",
		Conflicts: []session.Answer{{PromptID: "trust", State: session.StateAnswered, Rating: 2, Author: "Ben Okafor"}},
	}
	return s
}

// newTeamHarness is newHarness for Ana, who is at the keyboard.
func newTeamHarness(t *testing.T, sess *session.Session, w, h int) *harness {
	t.Helper()
	c := newClock()
	hs := &harness{t: t, clock: c, saver: newMemSaver()}
	hs.app = New(Deps{Saver: hs.saver, Now: c.Now, NoColor: true, Author: "Ana Ruiz"}, Start{Session: sess})
	hs.app.Init()
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// TestVersionsOfAnAnswer: an answer changed on both sides says so under
// its question ("2 versions: yours and Ben Okafor's"); v shows each
// version with its author; a number keeps one, j joins them, and the
// choice is saved as the facilitator's own change, which clears the
// versions. A rating cannot be joined, and says why.
func TestVersionsOfAnAnswer(t *testing.T) {
	c := newClock()
	h := newTeamHarness(t, conflictedSession(c), 80, 24)
	if v := h.view(); !strings.Contains(v, "⚠ 2 versions: yours and Ben Okafor's (v chooses, in navigation)") {
		t.Fatalf("the runner does not say the answer has two versions:\n%s", v)
	}
	golden(t, "runner_80x24", h.view())
	h.send(kr('v'))
	got := h.view()
	checkFits(t, got, 80, 24)
	golden(t, "versions_80x24", got)
	small := newTeamHarness(t, conflictedSession(c), 40, 12)
	small.send(kr('v'))
	checkFits(t, small.view(), 40, 12)
	golden(t, "versions_40x12", small.view())

	h.send(kr('2'))
	a := h.r().sess.Answers["who-they-serve"]
	if a.Text != "Store managers" || a.Author != "Ana Ruiz" || len(a.Conflicts) != 0 {
		t.Errorf("after keeping version 2: %+v", a)
	}
	if last := h.saver.last(); last.Answer == nil || last.Answer.Text != "Store managers" || len(last.Answer.Conflicts) != 0 {
		t.Errorf("the choice is not saved: %+v", last.Answer)
	}
	if v := h.view(); !strings.Contains(v, "kept Ben Okafor's version") || strings.Contains(v, "versions:") {
		t.Errorf("after the choice:\n%s", v)
	}
	h.send(kr('v'))
	if v := h.view(); !strings.Contains(v, "this answer has one version") {
		t.Errorf("v on a settled answer should say why it does nothing:\n%s", v)
	}

	// Join, on a fresh copy.
	j := newTeamHarness(t, conflictedSession(c), 80, 24)
	j.send(kr('v'), kr('j'))
	if a := j.r().sess.Answers["who-they-serve"]; a.Text != "Retail buyers\n\nStore managers" || len(a.Conflicts) != 0 {
		t.Errorf("after joining: %q, %d versions", a.Text, len(a.Conflicts))
	}

	// A rating keeps one; j says why not.
	r := newTeamHarness(t, conflictedSession(c), 80, 24)
	r.send(kDown, kDown, kDown)
	if st, _ := r.r().step(); st.Prompt.ID != "trust" {
		t.Fatalf("on %s, want trust", st.Prompt.ID)
	}
	r.send(kr('v'), kr('j'))
	if v := r.view(); !strings.Contains(v, "cannot be joined") {
		t.Errorf("j on a rating should say why:\n%s", v)
	}
	r.send(kEnter)
	if a := r.r().sess.Answers["trust"]; a.Rating != 4 || len(a.Conflicts) != 0 {
		t.Errorf("enter keeps the version selected (the standing one): %+v", a)
	}

	// A finished session is read-only: the versions show, and stay.
	fin := conflictedSession(c)
	fin.Status = session.StatusFinished
	f := newTeamHarness(t, fin, 80, 24)
	f.send(kr('v'), kr('2'))
	if v := f.view(); !strings.Contains(v, "this session is finished") || !strings.Contains(v, "Store managers") {
		t.Errorf("keeping a version of a finished session should say why not:\n%s", v)
	}
	if a := f.r().sess.Answers["who-they-serve"]; a.Text != "Retail buyers" || len(a.Conflicts) != 1 {
		t.Errorf("a finished session's versions changed: %+v", a)
	}

	// Present mode keeps the facilitator's business off the shared screen.
	p := newTeamHarness(t, conflictedSession(c), 80, 24)
	p.send(togglePresent())
	if v := p.view(); strings.Contains(v, "versions") {
		t.Errorf("present mode shows the versions line:\n%s", v)
	}
}

// TestLibraryTeamSync: with sync.auto the library syncs as it opens, says
// how far it is and then what it did in the status bar, and lists the
// sessions that came in; S syncs again on demand.
func TestLibraryTeamSync(t *testing.T) {
	c := newClock()
	lib := newMemLibrary(librarySessions(c)...)
	came := session.New("01HLIB0000000000000000000F", c.Now(), "Wayne Enterprises", testPlaybook())
	syncs := 0
	deps := Deps{
		Saver: newMemSaver(), Sessions: lib, Prefs: &memPrefs{}, Playbooks: catalogue(), Now: c.Now, NoColor: true,
		AutoSync: true,
		TeamSync: func(_ context.Context, progress func(string)) (string, bool) {
			syncs++
			progress("Syncing: writing sessions 1/1")
			if err := lib.Create(came); err != nil && syncs == 1 {
				t.Error(err)
			}
			return "Synced with the team: 0 sessions sent, 1 session received", false
		},
	}
	h := &libHarness{harness: &harness{t: t, clock: c, saver: deps.Saver.(*memSaver)}, lib: lib, prefs: deps.Prefs.(*memPrefs)}
	h.app = New(deps, Start{Screen: StartLibrary})
	h.app.lib.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	h.send(tea.WindowSizeMsg{Width: 100, Height: 24})
	start := h.app.Init()
	h.do(h.app.lib.init())
	if v := h.view(); !strings.Contains(v, "Syncing with the team") {
		t.Fatalf("nothing says a sync is starting:\n%s", v)
	}
	h.do(start)
	if syncs != 1 {
		t.Fatalf("%d syncs ran, want 1", syncs)
	}
	v := h.view()
	if !strings.Contains(v, "Synced with the team: 0 sessions sent, 1 session received") || !strings.Contains(v, "Wayne Enterprises") {
		t.Errorf("after the sync, the library should say so and list the new session:\n%s", v)
	}
	if !strings.Contains(v, "S sync") {
		t.Errorf("the help bar of a library in a team should offer S:\n%s", v)
	}
	h.press(kShift('s', 'S'))
	if syncs != 2 {
		t.Errorf("S should sync again: %d syncs", syncs)
	}
	// Without a team, S says nothing and does nothing.
	plain := newLibHarness(t, nil, 100, 24)
	plain.press(kShift('s', 'S'))
	if v := plain.view(); strings.Contains(v, "Sync") || strings.Contains(v, "S sync") {
		t.Errorf("S without a team:\n%s", v)
	}
}

// TestTimelineShowsAuthors: the client timeline says who wrote in each
// session and who noted each open item.
func TestTimelineShowsAuthors(t *testing.T) {
	s := healthSession(t, "01HSESSION00000000000000A1", t0, 2, 2, 60, true)
	s.SetAuthor("Ana Ruiz")
	s.PutCapture(session.Capture{ID: "act1", Kind: session.CaptureAction, Text: "Send the plan", Owner: "Bo"}, t0.Add(time.Minute))
	s.SetAuthor("Ben Okafor")
	s.AddRoadmap(session.RoadmapItem{ID: "rm1", Title: "Plan", Horizon: session.Now}, t0.Add(2*time.Minute))
	lib := newSynthLib(s)
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true}, Start{Screen: StartLibrary})
	h.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	h.send(h.app.lib.init()())
	h.send(h.send(h.send(kr('t'))())())
	v := h.view()
	for _, want := range []string{"by Ana Ruiz, Ben Okafor", "Send the plan (Bo) · by Ana Ruiz"} {
		if !strings.Contains(v, want) {
			t.Errorf("the timeline lacks %q:\n%s", want, v)
		}
	}
}

// TestNoSyncWhileTyping: with sync.auto on, the app opened on a session
// (rapport open, rapport new) starts no sync: a sync never runs while
// the facilitator types unless asked; the one on quit takes the session.
func TestNoSyncWhileTyping(t *testing.T) {
	c := newClock()
	syncs := make(chan struct{}, 1)
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	h.app = New(Deps{Saver: h.saver, Now: c.Now, NoColor: true, Author: "Ana Ruiz", AutoSync: true,
		TeamSync: func(context.Context, func(string)) (string, bool) {
			syncs <- struct{}{}
			return "Up to date with the team", false
		},
	}, Start{Session: newTestSession(c), Typing: true})
	h.app.Init()
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.send(kr('h'), kr('i'))
	if v := h.view(); strings.Contains(v, "Sync") {
		t.Errorf("a sync started while typing:\n%s", v)
	}
	select {
	case <-syncs:
		t.Error("a sync ran while typing")
	default:
	}
}
