package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// painSession is the test session with the pains and quotes a discovery
// interview leaves: two quick wins, a tie on score broken by impact, an
// unrated pain and an internal one.
func painSession(c *clock) *session.Session {
	s := newTestSession(c)
	caps := []session.Capture{
		{ID: "p1", Kind: session.CapturePain, Text: "Reports are built by hand every month", Impact: 3, Effort: 3, Phase: "value"},
		{ID: "p2", Kind: session.CapturePain, Text: "Onboarding a customer takes three weeks", Impact: 5, Effort: 1, Phase: "identify", Tags: []string{"onboarding"}},
		{ID: "p3", Kind: session.CapturePain, Text: "Alerts page the wrong team at night", Impact: 4, Effort: 2, Phase: "identify"},
		{ID: "p4", Kind: session.CapturePain, Text: "Release notes arrive after the release", Impact: 2, Effort: 1, Phase: "value"},
		{ID: "p5", Kind: session.CapturePain, Text: "Nobody owns the data model", Impact: 4, Effort: 5, Phase: "value"},
		{ID: "p6", Kind: session.CapturePain, Text: "Bob distrusts our estimates", Impact: 3, Effort: 2, Phase: "value", Internal: true},
		{ID: "p7", Kind: session.CapturePain, Text: "Something about invoices", Phase: "value"},
		{ID: "q1", Kind: session.CaptureQuote, Text: "We find out about problems from our customers.", Phase: "identify"},
		{ID: "q2", Kind: session.CaptureQuote, Text: "If it works at 3am, it works.", Phase: "value"},
		{ID: "n1", Kind: session.CaptureNote, Text: "Ann took notes on paper."},
	}
	for i, cp := range caps {
		cp.At = time.Duration(i+1) * 70 * time.Second
		cp.Created = t0.Add(cp.At)
		s.PutCapture(cp, cp.Created)
	}
	return s
}

// openPains opens the pains screen from the runner's navigation mode, as
// the R key does.
func openPains(t *testing.T, h *harness) {
	t.Helper()
	cmd := h.send(kEsc, kr('R'))
	if cmd == nil {
		t.Fatal("R gave no command")
	}
	msg := cmd()
	if _, ok := msg.(showPainsMsg); !ok {
		t.Fatalf("R gave %T, want showPainsMsg", msg)
	}
	h.send(msg)
	if h.app.screen != screenPains {
		t.Fatalf("screen = %v, want the pains", h.app.screen)
	}
}

// follow sends the message of a screen move that cmd carries; other
// commands (cursor blinks) are not run.
func follow(t *testing.T, h *harness, cmd tea.Cmd, want any) {
	t.Helper()
	if cmd == nil {
		t.Fatalf("no command, want %T", want)
	}
	msg := cmd()
	if fmt.Sprintf("%T", msg) != fmt.Sprintf("%T", want) {
		t.Fatalf("command gave %T, want %T", msg, want)
	}
	h.send(msg)
}

func TestPainsGolden(t *testing.T) {
	cases := []struct {
		name  string
		sess  func(c *clock) *session.Session
		setup func(h *harness)
	}{
		{"ranked", painSession, func(h *harness) {
			h.app.runner.sess.AddRoadmap(session.RoadmapItem{ID: "r1", Title: "Self-service onboarding", Horizon: session.Now, Pains: []string{"p2"}}, h.clock.Now())
			h.send(kDown)
		}},
		{"selected_and_naming", painSession, func(h *harness) {
			h.send(kr(' '), kr(' '), kr('n'))
		}},
		{"empty", newTestSession, func(*harness) {}},
		{"help", painSession, func(h *harness) { h.send(kr('?')) }},
	}
	for _, c := range cases {
		for _, sz := range [][2]int{{80, 24}, {40, 12}} {
			h := newHarness(t, c.sess(newClock()), false, sz[0], sz[1])
			openPains(t, h)
			c.setup(h)
			got := h.view()
			checkFits(t, got, sz[0], sz[1])
			golden(t, fmt.Sprintf("%s_%dx%d", c.name, sz[0], sz[1]), got)
		}
	}
}

// ranked returns the ids of the pains in the order the screen shows them.
func rankedIDs(h *harness) string {
	var ids []string
	for _, c := range h.app.pains.ranked {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, " ")
}

func TestPainsAdjustReranks(t *testing.T) {
	h := newHarness(t, painSession(newClock()), false, 80, 24)
	openPains(t, h)
	if got, want := rankedIDs(h), "p2 p3 p4 p6 p1 p5 p7"; got != want {
		t.Fatalf("rank = %s, want %s", got, want)
	}
	// p1 (3/3) is fifth; two more impact make it 5/3, fourth, after 2/1.
	h.send(kDown, kDown, kDown, kDown)
	if id := h.app.pains.ranked[h.app.pains.cur].ID; id != "p1" {
		t.Fatalf("cursor on %s, want p1", id)
	}
	saves := h.saver.count()
	h.send(kr('i'), kr('i'))
	if got, want := rankedIDs(h), "p2 p3 p4 p1 p6 p5 p7"; got != want {
		t.Errorf("after impact +2: rank = %s, want %s", got, want)
	}
	if id := h.app.pains.ranked[h.app.pains.cur].ID; id != "p1" {
		t.Errorf("the cursor left the pain it changed: on %s", id)
	}
	if n := h.saver.count() - saves; n != 2 {
		t.Errorf("%d saves for two changes, want 2", n)
	}
	e := h.saver.last()
	if e.Capture == nil || e.Capture.ID != "p1" || e.Capture.Impact != 5 || e.Capture.Effort != 3 {
		t.Errorf("last save = %+v, want p1 at 5/3", e.Capture)
	}
	if !strings.Contains(h.view(), "now ranked 4") {
		t.Errorf("no note of the new rank:\n%s", h.view())
	}
	// Effort down twice: 5/1, a quick win, ties with p2 on score and
	// impact; p2 was heard later, so p1 goes first.
	h.send(kShift('e', 'E'), kShift('e', 'E'))
	if got, want := rankedIDs(h), "p1 p2 p3 p4 p6 p5 p7"; got != want {
		t.Errorf("after effort -2: rank = %s, want %s", got, want)
	}
	if !strings.Contains(h.view(), "a quick win") {
		t.Errorf("no note that it became a quick win")
	}
	// Limits: effort cannot go below 1; nothing is saved.
	saves = h.saver.count()
	h.send(kShift('e', 'E'))
	if h.saver.count() != saves {
		t.Errorf("a change past the limit was saved")
	}
	if !strings.Contains(h.view(), "from 1 to 5") {
		t.Errorf("no note about the limits")
	}
	// An unrated pain gets a value on its first change.
	h.send(tea.KeyPressMsg{Code: 'G', Text: "G"}, kr('e'))
	if c := h.app.pains.ranked[h.app.pains.cur]; c.ID != "p7" || c.Impact != 1 || c.Effort != 1 {
		t.Errorf("unrated pain after e: %s %d/%d, want p7 1/1", c.ID, c.Impact, c.Effort)
	}
}

func TestPainsNewRoadmapItem(t *testing.T) {
	h := newHarness(t, painSession(newClock()), false, 80, 24)
	openPains(t, h)
	// Select the second and the first pain: both quick wins.
	h.send(kDown, kr(' '), kUp, kUp, kr(' '))
	if !strings.Contains(h.view(), "2 selected") {
		t.Fatalf("no count of the selection:\n%s", h.view())
	}
	h.send(kr('n'))
	// The title defaults to the best-ranked selected pain.
	if v := h.app.pains.title.Value(); v != "Onboarding a customer takes three weeks" {
		t.Errorf("title defaults to %q", v)
	}
	h.typeText(" and alerts")
	cmd := h.send(kEnter)
	follow(t, h, cmd, showRoadmapMsg{})
	if h.app.screen != screenRoadmap {
		t.Fatalf("screen = %v, want the board", h.app.screen)
	}
	sess := h.app.runner.sess
	if len(sess.Roadmap) != 1 {
		t.Fatalf("roadmap has %d items, want 1", len(sess.Roadmap))
	}
	it := sess.Roadmap[0]
	if it.Title != "Onboarding a customer takes three weeks and alerts" || it.Horizon != session.Now ||
		strings.Join(it.Pains, " ") != "p2 p3" {
		t.Errorf("item = %+v, want the title typed, in Now, from p2 and p3", it)
	}
	if e := h.saver.last(); e.Roadmap == nil || e.Roadmap.ID != it.ID {
		t.Errorf("the item was not saved")
	}
	if sel, ok := h.app.board.selected(); !ok || sel.ID != it.ID {
		t.Errorf("the board does not focus the new item")
	}
	// One pain that is not a quick win goes to Next.
	follow(t, h, h.send(kTab), showPainsMsg{})
	h.send(tea.KeyPressMsg{Code: 'G', Text: "G"}, kUp, kr('n'))
	follow(t, h, h.send(kEnter), showRoadmapMsg{})
	if it := sess.Roadmap[1]; it.Horizon != session.Next || it.Title != "Nobody owns the data model" {
		t.Errorf("second item = %+v, want the slow pain in Next", it)
	}
}

func TestPainsNamingCancelAndEmptyTitle(t *testing.T) {
	h := newHarness(t, painSession(newClock()), false, 80, 24)
	openPains(t, h)
	h.send(kr('n'))
	for range len(h.app.pains.title.Value()) {
		h.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	if cmd := h.send(kEnter); cmd != nil {
		t.Errorf("an empty title made an item")
	}
	if !h.app.pains.naming || !strings.Contains(h.view(), "needs a title") {
		t.Errorf("an empty title should keep the input open and say why")
	}
	h.send(kEsc)
	if h.app.pains.naming || len(h.app.runner.sess.Roadmap) != 0 {
		t.Errorf("esc should close the input and make nothing")
	}
	// esc again leaves for the runner.
	follow(t, h, h.send(kEsc), backMsg{})
	if h.app.screen != screenRunner {
		t.Errorf("esc did not go back to the runner")
	}
}

func TestPainsKeysOnlyInNavigation(t *testing.T) {
	h := newHarness(t, painSession(newClock()), true, 80, 24)
	h.typeText("RB")
	if h.app.screen != screenRunner {
		t.Fatalf("typing R or B left the runner")
	}
	if got := h.app.runner.sess.AnswerFor("who-they-serve").Text; got != "RB" {
		t.Errorf("answer = %q, want the letters typed", got)
	}
	// In navigation, B opens the board directly.
	follow(t, h, h.send(kEsc, kr('B')), showRoadmapMsg{})
	if h.app.screen != screenRoadmap {
		t.Errorf("B did not open the board")
	}
}

func TestPainsHelpBarIsTrue(t *testing.T) {
	h := newHarness(t, newTestSession(newClock()), false, 120, 24)
	openPains(t, h)
	bar := lastLine(h.view())
	for _, absent := range []string{"impact", "select", "roadmap item"} {
		if strings.Contains(bar, absent) {
			t.Errorf("with no pains the bar offers %q: %s", absent, bar)
		}
	}
	h = newHarness(t, painSession(newClock()), false, 120, 24)
	openPains(t, h)
	bar = lastLine(h.view())
	for _, want := range []string{"impact", "effort", "select", "roadmap item", "board"} {
		if !strings.Contains(bar, want) {
			t.Errorf("the bar lacks %q: %s", want, bar)
		}
	}
	if strings.Contains(bar, "up") && !strings.Contains(bar, "down") {
		t.Errorf("on the first pain the bar offers up: %s", bar)
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

func TestPainsHostileText(t *testing.T) {
	const evil = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u009b31m"
	c := newClock()
	s := newTestSession(c)
	s.PutCapture(session.Capture{ID: "p1", Kind: session.CapturePain, Text: "pain" + evil, Impact: 4, Effort: 1, Tags: []string{"t" + evil}}, c.Now())
	s.PutCapture(session.Capture{ID: "q1", Kind: session.CaptureQuote, Text: "quote" + evil}, c.Now())
	s.AddRoadmap(session.RoadmapItem{ID: "r1", Title: "item" + evil, Owner: "o" + evil, Target: "t" + evil, Pains: []string{"p1"}, Quotes: []string{"q1"}}, c.Now())
	h := newHarness(t, s, false, 100, 30)
	openPains(t, h)
	views := []string{h.app.View().Content}
	h.send(kr('n'))
	views = append(views, h.app.View().Content)
	h.send(kEsc)
	// The board: the item, its evidence, the picker and the form.
	follow(t, h, h.send(kTab), showRoadmapMsg{})
	views = append(views, h.app.View().Content)
	h.send(kr('q'))
	views = append(views, h.app.View().Content)
	h.send(kEsc, kEnter)
	views = append(views, h.app.View().Content)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.send(kEsc)
	views = append(views, h.app.View().Content)
	for i, raw := range views {
		for _, bad := range []string{"\x1b]52", "\x1b[2J", "\u009b", "\x07"} {
			if strings.Contains(raw, bad) {
				t.Fatalf("view %d carries %q from text", i, bad)
			}
		}
	}
}
