package tui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/oklog/ulid/v2"

	"rapport/playbooks"
	"rapport/session"
)

var kSpace = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}

// loopPair is a first session with an action and a follow-up question, and
// a follow-up session that carries both, open in the runner with the
// first loaded as its origin.
func loopPair(t *testing.T) (first, second *session.Session, h *harness) {
	t.Helper()
	first = healthSession(t, "01HSESSION00000000000000A1", t0.AddDate(0, 0, -7), 2, 2, 60, true)
	second = session.FollowUp([]*session.Session{first}, "01HSESSION00000000000000A2", t0, healthPlaybook(t))
	h = newHarness(t, second, false, 80, 24)
	h.send(originsLoadedMsg{id: second.ID, sessions: []*session.Session{first}})
	return first, second, h
}

// TestPanelClosesItems: space in the captures panel marks an action done
// and again not done, and answers a follow-up question; an item carried
// from an earlier session is closed in that session.
func TestPanelClosesItems(t *testing.T) {
	first, second, h := loopPair(t)
	second.PutCapture(session.Capture{ID: "own", Kind: session.CaptureAction, Text: "Draft the pilot plan", Created: t0}, t0)
	h.send(kr('c'))
	golden(t, "panel", h.view())

	// The session's own action, selected first: done today, then not.
	h.send(kSpace)
	if c, _ := second.Item("own"); c.Done != "2026-03-14" {
		t.Fatalf("own action after space: %+v, want done today", c)
	}
	if e := h.saver.last(); e.SessionID != second.ID || e.Capture == nil || e.Capture.Done != "2026-03-14" {
		t.Errorf("saved %+v, want the done action of this session", e)
	}
	h.send(kSpace)
	if c, _ := second.Item("own"); c.Closed() {
		t.Fatal("space again did not undo")
	}

	// The carried action: closed in the first session.
	h.send(kDown, kSpace)
	if c, _ := first.Item(first.ID + "a"); c.Done != "2026-03-14" {
		t.Fatalf("carried action in its own session: %+v, want done", c)
	}
	if e := h.saver.last(); e.SessionID != first.ID {
		t.Errorf("the edit went to %s, want the first session %s", e.SessionID, first.ID)
	}
	if !strings.Contains(h.view(), "done 03-14") {
		t.Errorf("the panel does not show it done:\n%s", h.view())
	}

	// The carried follow-up question: space asks for its answer.
	h.send(kDown, kSpace)
	golden(t, "answer", h.view())
	h.typeText("Quarterly reports")
	h.send(kEnter)
	if c, _ := first.Item(first.ID + "f"); !c.Closed() || c.Answer != "Quarterly reports" {
		t.Fatalf("carried question in its own session: %+v, want answered", c)
	}
	if v := h.view(); !strings.Contains(v, "answered: Quarterly") || !strings.Contains(v, "question answered") {
		t.Errorf("the panel does not show the answer:\n%s", v)
	}
	// Reopened, the answer is kept for the next time.
	h.send(kSpace)
	if c, _ := first.Item(first.ID + "f"); c.Closed() || c.Answer != "Quarterly reports" {
		t.Errorf("reopened question: %+v, want open with its answer kept", c)
	}
}

// TestWrapUpClosesItems: the wrap-up lists what is still open from
// earlier sessions; space closes it there.
func TestWrapUpClosesItems(t *testing.T) {
	first, _, h := loopPair(t)
	h.send(kr('W'))
	v := h.view()
	if !strings.Contains(v, "Still open from earlier sessions (2)") || !strings.Contains(v, "Send the incident playbook") {
		t.Fatalf("the wrap-up does not list the carried items:\n%s", v)
	}
	// Down to the carried action (the parked prompts and required ones
	// come first: this session has none of either).
	for range 10 {
		if strings.Contains(h.view(), "› → 03-07  Send") {
			break
		}
		h.send(kDown)
	}
	h.send(kSpace)
	if c, _ := first.Item(first.ID + "a"); !c.Closed() {
		t.Fatalf("space in the wrap-up did not close the carried action:\n%s", h.view())
	}
	if !strings.Contains(h.view(), "Still open from earlier sessions (1)") {
		t.Errorf("the done action is still listed as open:\n%s", h.view())
	}
}

// TestTimelineClosesItems: in the client timeline, tab goes into the
// selected session's actions and questions; space marks an action done
// (in the session that made it) and again not done, and answers or
// reopens a follow-up question. The first session's entry then shows the
// action closed, the open list names each open item once, and the runner
// the timeline was opened from sees the same state. Its rows tell the two
// sessions apart: who took part, which follows up which, progress.
func TestTimelineClosesItems(t *testing.T) {
	at := t0.AddDate(0, 0, -7)
	first := healthSession(t, ulid.MustNew(ulid.Timestamp(at), nil).String(), at, 2, 2, 60, true)
	first.Contacts = []session.Contact{{Name: "Ann Lee", Role: "CTO"}}
	second := session.FollowUp([]*session.Session{first}, ulid.MustNew(ulid.Timestamp(t0), nil).String(), t0, healthPlaybook(t))
	second.Contacts = []session.Contact{{Name: "Dana Ruiz"}}
	lib := newSynthLib(first, second)
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true}, Start{Session: second})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.send(originsLoadedMsg{id: second.ID, sessions: []*session.Session{first}})
	h.send(h.send(h.send(kr('T'))())())
	if h.app.screen != screenTimeline {
		t.Fatalf("T went to %v", h.app.screen)
	}
	v := h.view()
	for _, want := range []string{"Ann Lee · Partnership", "Dana Ruiz · follow-up of 7 Mar · Part…", "6/7", "0/7", "Actions and questions of 14 Mar", "□ Send the incident playbook", "from 03-07"} {
		if !strings.Contains(v, want) {
			t.Errorf("the follow-up's entry lacks %q:\n%s", want, v)
		}
	}

	// The carried action, closed from the follow-up's entry: an edit to
	// the first session.
	h.send(kTab, kSpace)
	if c, _ := first.Item(first.ID + "a"); c.Done != "2026-03-14" {
		t.Fatalf("the action after space in the timeline: %+v, want done today", c)
	}
	if e := h.saver.last(); e.SessionID != first.ID || e.Capture == nil || e.Capture.Done != "2026-03-14" {
		t.Errorf("saved %+v, want the done action in the first session", e)
	}
	golden(t, "closed", h.view())

	// The question: space opens its answer line; enter saves the answer.
	h.send(kDown, kSpace)
	golden(t, "answer", h.view())
	h.typeText("Quarterly reports")
	h.send(kEnter)
	if c, _ := first.Item(first.ID + "f"); !c.Closed() || c.Answer != "Quarterly reports" {
		t.Fatalf("the question after answering in the timeline: %+v", c)
	}
	// Reopened: open again, its answer kept.
	h.send(kSpace)
	if c, _ := first.Item(first.ID + "f"); c.Closed() || c.Answer != "Quarterly reports" {
		t.Fatalf("the question reopened: %+v, want open with its answer", c)
	}

	// The first session's entry shows the action closed; the open list
	// names the question once, the action not at all.
	h.send(kTab, kUp)
	v = h.view()
	if !strings.Contains(v, "Actions and questions of 7 Mar") || !strings.Contains(v, "✓ Send the incident playbook") {
		t.Errorf("the first session's entry does not show the action done:\n%s", v)
	}
	open := v[strings.Index(v, "Open actions and follow-up questions"):]
	if n := strings.Count(open, "What does the regulator ask for?"); n != 1 {
		t.Errorf("the open list names the open question %d times, want once:\n%s", n, v)
	}
	if strings.Contains(open, "Send the incident playbook") {
		t.Errorf("the open list still names the done action:\n%s", v)
	}

	// Undone from the first session's own entry.
	h.send(kTab, kSpace)
	if c, _ := first.Item(first.ID + "a"); c.Closed() {
		t.Fatalf("space on the done action did not undo it: %+v", c)
	}
	h.send(kSpace) // done again, for the runner to see

	// Back in the runner: its carried action reads done.
	follow(t, h, h.send(kEsc, kEsc), backMsg{})
	if h.app.screen != screenRunner || !h.r().carried()[0].Closed() {
		t.Errorf("back in the runner (%v), the carried action is not done", h.app.screen)
	}
}

// TestFollowUpAsksWhoIsInTheRoom: after its playbook, a follow-up asks
// for its contacts and facilitator, filled in from the session it
// follows; what is typed there is the new session's, and the session it
// follows is untouched.
func TestFollowUpAsksWhoIsInTheRoom(t *testing.T) {
	first := healthSession(t, "01HSESSION00000000000000A1", t0.AddDate(0, 0, -7), 2, 2, 60, true)
	first.Contacts = []session.Contact{{Name: "Ann Lee", Role: "CTO"}}
	first.Facilitator = "Sam Rivera"
	lib := newSynthLib(first)
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	pb := healthPlaybook(t)
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true, Playbooks: []*playbooks.Playbook{&pb},
		NewID: func() string { return "01HSESSION00000000000000A3" }}, Start{Session: first})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.send(h.send(h.send(kr('F'))())())
	h.send(kEnter)
	v := h.view()
	for _, want := range []string{"Who is in the room this time?", "Contacts", "Ann Lee, CTO", "Facilitator", "Sam Rivera", "enter new line", "tab next field"} {
		if !strings.Contains(v, want) {
			t.Errorf("the follow-up's people step lacks %q:\n%s", want, v)
		}
	}
	golden(t, "people", v)
	h.typeText("\nDana Ruiz, Ops")
	h.send(kTab)
	if !strings.Contains(h.view(), "enter start the session") {
		t.Errorf("on the facilitator, the help does not say enter starts:\n%s", h.view())
	}
	h.send(h.send(kEnter)())
	s := h.app.runner.sess
	want := []session.Contact{{Name: "Ann Lee", Role: "CTO"}, {Name: "Dana Ruiz", Role: "Ops"}}
	if s.ID != "01HSESSION00000000000000A3" || !slices.Equal(s.Contacts, want) || s.Facilitator != "Sam Rivera" || s.Follows != first.ID {
		t.Errorf("the follow-up: %q with %+v by %q following %q", s.ID, s.Contacts, s.Facilitator, s.Follows)
	}
	if len(first.Contacts) != 1 {
		t.Errorf("the first session's contacts changed: %+v", first.Contacts)
	}
}

// TestRunnerEditsPeople: C in the runner opens the contacts and the
// facilitator; each change is saved as typed, with the index record the
// library lists; esc closes. A finished session refuses.
func TestRunnerEditsPeople(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kShift('c', 'C'))
	golden(t, "form", h.view())
	h.typeText("Ann Lee, CTO")
	if e := h.saver.last(); len(e.Header.Contacts) != 1 || e.Header.Contacts[0] != (session.Contact{Name: "Ann Lee", Role: "CTO"}) || !strings.Contains(e.Index.With, "Ann Lee") {
		t.Fatalf("typing a contact saved %+v / index %+v", e.Header.Contacts, e.Index)
	}
	h.send(kTab)
	h.typeText("Sam")
	if h.r().sess.Facilitator != "Sam" || h.saver.last().Header.Facilitator != "Sam" {
		t.Fatalf("typing the facilitator: %q", h.r().sess.Facilitator)
	}
	h.send(kEsc)
	if h.r().topOverlay() != nil || !strings.Contains(h.view(), "contacts and facilitator saved") {
		t.Errorf("esc did not close the form:\n%s", h.view())
	}
	h.r().sess.Finish(t0)
	h.send(kShift('c', 'C'))
	if h.r().topOverlay() != nil || !strings.Contains(h.view(), readOnlyNote) {
		t.Errorf("C on a finished session:\n%s", h.view())
	}
}

// TestTimelineShowsLatestRoadmap: the roadmap is the client's; a
// follow-up starts from a copy of the latest and changes it; the timeline
// shows the latest, each item once.
func TestTimelineShowsLatestRoadmap(t *testing.T) {
	first := healthSession(t, "01HSESSION00000000000000A1", t0.AddDate(0, 0, -7), 2, 2, 60, true)
	first.AddRoadmap(session.RoadmapItem{ID: "r1", Title: "Map the intake", Horizon: session.Now}, t0)
	second := session.FollowUp([]*session.Session{first}, "01HSESSION00000000000000A2", t0, healthPlaybook(t))
	if len(second.Roadmap) != 1 {
		t.Fatalf("the follow-up did not start from the roadmap: %+v", second.Roadmap)
	}
	it := second.Roadmap[0]
	it.Title, it.Owner = "Map the intake with Ops", "Dana"
	second.PutRoadmap(it, t0)
	second.AddRoadmap(session.RoadmapItem{ID: "r2", Title: "Pilot the new form", Horizon: session.Later}, t0)
	lib := newSynthLib(first, second)
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true}, Start{Session: second})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 40})
	h.send(h.send(h.send(kr('T'))())())
	v := h.view()
	for _, want := range []string{"Roadmap · the latest, from 14 Mar", "Now   Map the intake with Ops (Dana)", "Later Pilot the new form"} {
		if !strings.Contains(v, want) {
			t.Errorf("the timeline lacks %q:\n%s", want, v)
		}
	}
	if strings.Count(v, "Map the intake") != 1 {
		t.Errorf("the roadmap item is listed more than once:\n%s", v)
	}
}
