package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// boardSession is painSession with a roadmap: two items in Now (one with
// owner and target, pains and a quote), one in Next, one in Later without
// evidence.
func boardSession(c *clock) *session.Session {
	s := painSession(c)
	for _, it := range []session.RoadmapItem{
		{ID: "r1", Title: "Self-service onboarding", Horizon: session.Now, Owner: "Ann", Target: "January", Pains: []string{"p2"}, Quotes: []string{"q1"}},
		{ID: "r2", Title: "Route alerts by service", Horizon: session.Now, Pains: []string{"p3", "p6"}},
		{ID: "r3", Title: "Automate the monthly report", Horizon: session.Next, Owner: "Jane", Pains: []string{"p1"}},
		{ID: "r4", Title: "Embeddable status page", Horizon: session.Later, Target: "H2"},
	} {
		s.AddRoadmap(it, c.Now())
	}
	return s
}

// crowdedSession has more items in Now and Next than their limits.
func crowdedSession(c *clock) *session.Session {
	s := boardSession(c)
	for i := range 5 {
		s.AddRoadmap(session.RoadmapItem{ID: fmt.Sprintf("n%d", i), Title: fmt.Sprintf("Urgent thing %d", i+1), Horizon: session.Now, Pains: []string{"p4"}}, c.Now())
	}
	for i := range 8 {
		s.AddRoadmap(session.RoadmapItem{ID: fmt.Sprintf("x%d", i), Title: fmt.Sprintf("Soon thing %d", i+1), Horizon: session.Next}, c.Now())
	}
	return s
}

// openBoard opens the board from the runner's navigation mode (B).
func openBoard(t *testing.T, h *harness) {
	t.Helper()
	follow(t, h, h.send(kEsc, kr('B')), showRoadmapMsg{})
	if h.app.screen != screenRoadmap {
		t.Fatalf("screen = %v, want the board", h.app.screen)
	}
}

// board writes the roadmap as "now: r1 r2 | next: r3 | later: r4".
func boardText(s *session.Session) string {
	var cols []string
	for _, hz := range session.Horizons {
		var ids []string
		for _, it := range session.RoadmapColumn(s.Roadmap, hz) {
			ids = append(ids, it.ID)
		}
		cols = append(cols, string(hz)+": "+strings.Join(ids, " "))
	}
	return strings.Join(cols, " | ")
}

func TestRoadmapGolden(t *testing.T) {
	cases := []struct {
		name  string
		sess  func(c *clock) *session.Session
		sizes [][2]int
		setup func(h *harness)
	}{
		{"board", boardSession, [][2]int{{80, 24}, {100, 30}, {120, 30}, {40, 12}}, func(h *harness) {}},
		{"board_second_item", boardSession, [][2]int{{80, 24}, {120, 30}}, func(h *harness) { h.send(kDown) }},
		{"warnings", crowdedSession, [][2]int{{80, 24}, {120, 30}}, func(h *harness) {
			h.send(kr('l')) // Next, the longer column
			for range 6 {
				h.send(kDown)
			}
		}},
		{"quote_picker", boardSession, [][2]int{{80, 24}, {40, 12}}, func(h *harness) {
			h.send(kr('q'), kDown, kr(' '))
		}},
		{"pain_picker", boardSession, [][2]int{{80, 24}}, func(h *harness) { h.send(kr('p')) }},
		{"edit_form", boardSession, [][2]int{{80, 24}, {40, 12}}, func(h *harness) {
			h.send(kDown, kEnter, kTab)
			h.typeText("Ops lead")
		}},
		{"discard_asked", boardSession, [][2]int{{80, 24}}, func(h *harness) {
			h.send(kEnter)
			h.typeText(" now")
			h.send(kEsc)
		}},
		{"deleted", boardSession, [][2]int{{80, 24}}, func(h *harness) { h.send(kr('d')) }},
		{"empty", newTestSession, [][2]int{{80, 24}, {120, 30}}, func(h *harness) {}},
		{"help", boardSession, [][2]int{{80, 24}}, func(h *harness) { h.send(kr('?')) }},
	}
	for _, c := range cases {
		for _, sz := range c.sizes {
			h := newHarness(t, c.sess(newClock()), false, sz[0], sz[1])
			openBoard(t, h)
			c.setup(h)
			got := h.view()
			checkFits(t, got, sz[0], sz[1])
			golden(t, fmt.Sprintf("%s_%dx%d", c.name, sz[0], sz[1]), got)
		}
	}
}

func TestRoadmapMoveKeys(t *testing.T) {
	tests := []struct {
		name  string
		keys  []tea.Msg
		want  string
		focus string
	}{
		{"L moves to Next, at its end", []tea.Msg{kShift('l', 'L')}, "now: r2 | next: r3 r1 | later: r4", "r1"},
		{"> does the same", []tea.Msg{kr('>')}, "now: r2 | next: r3 r1 | later: r4", "r1"},
		{"L twice reaches Later", []tea.Msg{kShift('l', 'L'), kShift('l', 'L')}, "now: r2 | next: r3 | later: r4 r1", "r1"},
		{"H in Now stays", []tea.Msg{kShift('h', 'H')}, "now: r1 r2 | next: r3 | later: r4", "r1"},
		{"H from Later to Next", []tea.Msg{kr('l'), kr('l'), kr('<')}, "now: r1 r2 | next: r3 r4 | later: ", "r4"},
		{"J moves down", []tea.Msg{kShift('j', 'J')}, "now: r2 r1 | next: r3 | later: r4", "r1"},
		{"K at the top stays", []tea.Msg{kShift('k', 'K')}, "now: r1 r2 | next: r3 | later: r4", "r1"},
		{"K moves up", []tea.Msg{kDown, kShift('k', 'K')}, "now: r2 r1 | next: r3 | later: r4", "r2"},
		{"narrow: down runs on into Next", []tea.Msg{kDown, kDown, kShift('k', 'K')}, "now: r1 r2 | next: r3 | later: r4", "r3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, boardSession(newClock()), false, 80, 24)
			openBoard(t, h)
			saves := h.saver.count()
			h.send(tt.keys...)
			sess := h.app.runner.sess
			if got := boardText(sess); got != tt.want {
				t.Errorf("board = %s, want %s", got, tt.want)
			}
			if it, ok := h.app.board.selected(); !ok || it.ID != tt.focus {
				t.Errorf("selected %s, want %s", it.ID, tt.focus)
			}
			// Every change reached the saver, and what was saved is what
			// the session holds.
			stored := map[string]session.RoadmapItem{}
			for _, e := range h.saver.edits[saves:] {
				if e.Roadmap != nil {
					stored[e.Roadmap.ID] = *e.Roadmap
				}
			}
			for _, it := range sess.Roadmap {
				if st, ok := stored[it.ID]; ok && (st.Horizon != it.Horizon || st.Order != it.Order) {
					t.Errorf("%s saved as %s/%d, held as %s/%d", it.ID, st.Horizon, st.Order, it.Horizon, it.Order)
				}
			}
			if tt.want != "now: r1 r2 | next: r3 | later: r4" && len(stored) == 0 {
				t.Errorf("a move saved nothing")
			}
		})
	}
}

func TestRoadmapWideSelection(t *testing.T) {
	h := newHarness(t, boardSession(newClock()), false, 120, 30)
	openBoard(t, h)
	// Side by side, down stops at the end of the column; right changes it.
	h.send(kDown, kDown, kDown)
	if it, _ := h.app.board.selected(); it.ID != "r2" {
		t.Errorf("down past the end of Now selected %s, want r2", it.ID)
	}
	h.send(kr('l'))
	if it, _ := h.app.board.selected(); it.ID != "r3" {
		t.Errorf("right selected %s, want r3", it.ID)
	}
	h.send(tea.KeyPressMsg{Code: tea.KeyRight}, tea.KeyPressMsg{Code: tea.KeyRight}, tea.KeyPressMsg{Code: tea.KeyRight})
	if it, _ := h.app.board.selected(); it.ID != "r4" {
		t.Errorf("right past Later selected %s, want r4", it.ID)
	}
}

func TestRoadmapEditForm(t *testing.T) {
	h := newHarness(t, boardSession(newClock()), false, 80, 24)
	openBoard(t, h)
	sess := h.app.runner.sess
	h.send(kDown, kEnter)
	if h.app.board.mode() != boardForm {
		t.Fatal("enter did not open the form")
	}
	if v := h.app.board.form()[fieldTitle].Value(); v != "Route alerts by service" {
		t.Errorf("title field = %q", v)
	}
	h.typeText(" and team")
	h.send(kTab)
	h.typeText("Bob")
	h.send(kTab)
	h.typeText("Q1 2027")
	h.send(kEnter)
	it, _ := sess.RoadmapItem("r2")
	if it.Title != "Route alerts by service and team" || it.Owner != "Bob" || it.Target != "Q1 2027" {
		t.Errorf("item after the form = %+v", it)
	}
	if e := h.saver.last(); e.Roadmap == nil || e.Roadmap.Owner != "Bob" {
		t.Errorf("the form's changes were not saved")
	}
	if !strings.Contains(h.view(), "2 pains · Bob · Q1 2027") {
		t.Errorf("the board does not show owner and target:\n%s", h.view())
	}

	// esc with changes asks; n keeps editing; y drops the changes.
	h.send(kEnter)
	h.typeText("!")
	h.send(kEsc)
	if h.app.board.mode() != boardDiscard || !strings.Contains(h.view(), "Discard your changes?") {
		t.Fatalf("esc with changes did not ask")
	}
	h.send(kr('n'))
	if h.app.board.mode() != boardForm || !strings.HasSuffix(h.app.board.form()[fieldTitle].Value(), "!") {
		t.Fatalf("n did not go back to the form with the text")
	}
	h.send(kEsc, kr('y'))
	if it, _ := sess.RoadmapItem("r2"); strings.HasSuffix(it.Title, "!") || h.app.board.mode() != boardNormal {
		t.Errorf("y did not drop the change: %q", it.Title)
	}
	// esc without changes just closes.
	h.send(kEnter, kEsc)
	if h.app.board.mode() != boardNormal {
		t.Errorf("esc without changes did not close the form")
	}
	// An empty title is refused.
	h.send(kEnter)
	for range 40 {
		h.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	h.send(kEnter)
	if h.app.board.mode() != boardForm || !strings.Contains(h.view(), "needs a title") {
		t.Errorf("an empty title was not refused")
	}
}

func TestRoadmapNewItemInColumn(t *testing.T) {
	h := newHarness(t, boardSession(newClock()), false, 80, 24)
	openBoard(t, h)
	h.send(kr('l'), kr('l'), kr('n'))
	h.typeText("Partner portal")
	h.send(kTab, kTab)
	h.typeText("2027")
	h.send(kEnter)
	sess := h.app.runner.sess
	if got, want := boardText(sess), "now: r1 r2 | next: r3 | later: r4 adhoc-a"; got != want {
		t.Errorf("board = %s, want %s", got, want)
	}
	it, _ := sess.RoadmapItem("adhoc-a")
	if it.Title != "Partner portal" || it.Target != "2027" || it.Order != 2 {
		t.Errorf("new item = %+v", it)
	}
	if !strings.Contains(h.view(), "no evidence") {
		t.Errorf("an item without evidence is not marked")
	}
	// A new item cancelled with nothing typed makes nothing.
	h.send(kr('n'), kEsc)
	if len(sess.Roadmap) != 5 {
		t.Errorf("a cancelled form made an item")
	}
}

func TestRoadmapDeleteAndUndo(t *testing.T) {
	h := newHarness(t, boardSession(newClock()), false, 80, 24)
	openBoard(t, h)
	sess := h.app.runner.sess
	h.send(kr('d'))
	if got, want := boardText(sess), "now: r2 | next: r3 | later: r4"; got != want {
		t.Fatalf("after d: %s, want %s", got, want)
	}
	if e := h.saver.last(); e.DeleteRoadmap != "r1" {
		t.Errorf("the delete was not saved")
	}
	if !strings.Contains(h.view(), "u undoes") {
		t.Errorf("no undo offered")
	}
	h.send(kr('u'))
	if got, want := boardText(sess), "now: r1 r2 | next: r3 | later: r4"; got != want {
		t.Errorf("after u: %s, want %s", got, want)
	}
	if it, _ := h.app.board.selected(); it.ID != "r1" {
		t.Errorf("undo does not select the item it brought back")
	}
	if e := h.saver.last(); e.Roadmap == nil || e.Roadmap.ID != "r1" || len(e.Roadmap.Pains) != 1 {
		t.Errorf("the undo was not saved whole: %+v", e.Roadmap)
	}
	// Undo lasts a few seconds.
	h.send(kr('d'))
	h.clock.advance(undoFor + time.Second)
	h.send(kr('u'))
	if strings.Contains(boardText(sess), "r1") {
		t.Errorf("undo worked after its time")
	}
	if !strings.Contains(h.view(), "nothing to undo") {
		t.Errorf("no word that there is nothing to undo")
	}
}

func TestRoadmapLinkEvidence(t *testing.T) {
	h := newHarness(t, boardSession(newClock()), false, 80, 24)
	openBoard(t, h)
	sess := h.app.runner.sess
	h.send(kr('l'), kr('q')) // r3, no quotes yet
	if h.app.board.mode() != boardPick {
		t.Fatal("q did not open the picker")
	}
	h.send(kDown, kr(' '))
	if it, _ := sess.RoadmapItem("r3"); strings.Join(it.Quotes, " ") != "q2" {
		t.Errorf("quotes = %v, want q2", it.Quotes)
	}
	if e := h.saver.last(); e.Roadmap == nil || strings.Join(e.Roadmap.Quotes, " ") != "q2" {
		t.Errorf("the link was not saved")
	}
	h.send(kr(' '))
	if it, _ := sess.RoadmapItem("r3"); len(it.Quotes) != 0 {
		t.Errorf("space again did not unlink: %v", it.Quotes)
	}
	h.send(kr(' '), kEnter)
	if h.app.board.mode() != boardNormal {
		t.Errorf("enter did not close the picker")
	}
	// p links more pains, ranked, the first being the best.
	h.send(kr('p'), kr(' '), kEsc)
	if it, _ := sess.RoadmapItem("r3"); strings.Join(it.Pains, " ") != "p1 p2" {
		t.Errorf("pains = %v, want p1 p2", it.Pains)
	}
	if v := h.view(); !strings.Contains(v, "Pain: Onboarding a customer") || !strings.Contains(v, "Quote: “If it works at 3am") {
		t.Errorf("the selected item does not show its evidence:\n%s", v)
	}
	// Without quotes in the session, q says how to get one.
	h2 := newHarness(t, newTestSession(newClock()), false, 80, 24)
	openBoard(t, h2)
	h2.send(kr('n'))
	h2.typeText("Something")
	h2.send(kEnter, kr('q'))
	if h2.app.board.mode() == boardPick || !strings.Contains(h2.view(), "no quotes") {
		t.Errorf("q on a session without quotes should say so")
	}
}

func TestRoadmapHelpBarIsTrue(t *testing.T) {
	h := newHarness(t, newTestSession(newClock()), false, 160, 24)
	openBoard(t, h)
	bar := lastLine(h.view())
	for _, absent := range []string{"edit", "link", "delete", "undo", "reorder"} {
		if strings.Contains(bar, absent) {
			t.Errorf("on an empty board the bar offers %q: %s", absent, bar)
		}
	}
	h = newHarness(t, boardSession(newClock()), false, 200, 24)
	openBoard(t, h)
	bar = lastLine(h.view())
	for _, want := range []string{"edit", "q quotes", "p pains", "delete", "horizon", "reorder", "tab ranking"} {
		if !strings.Contains(bar, want) {
			t.Errorf("the bar lacks %q: %s", want, bar)
		}
	}
	if strings.Contains(bar, "undo") {
		t.Errorf("undo offered before any delete: %s", bar)
	}
	h.send(kr('d'))
	if bar = lastLine(h.view()); !strings.Contains(bar, "undo") {
		t.Errorf("undo not offered after a delete: %s", bar)
	}
}

func TestRoadmapBackAndReopen(t *testing.T) {
	h := newHarness(t, boardSession(newClock()), false, 80, 24)
	openBoard(t, h)
	h.send(kDown, kDown) // r3
	follow(t, h, h.send(kEsc), backMsg{})
	if h.app.screen != screenRunner {
		t.Fatal("esc did not go back to the runner")
	}
	openBoard(t, h)
	if it, _ := h.app.board.selected(); it.ID != "r3" {
		t.Errorf("reopened on %s, want where the cursor was (r3)", it.ID)
	}
	// tab goes to the ranked pains and back.
	follow(t, h, h.send(kTab), showPainsMsg{})
	follow(t, h, h.send(kTab), showRoadmapMsg{})
	if h.app.screen != screenRoadmap {
		t.Error("tab from the pains did not come back to the board")
	}
}

func TestRoadmapSizes(t *testing.T) {
	for _, setup := range [][]tea.Msg{nil, {kr('q')}, {kEnter}, {kr('?')}} {
		h := newHarness(t, crowdedSession(newClock()), false, 80, 24)
		openBoard(t, h)
		h.send(setup...)
		for _, sz := range [][2]int{{1, 1}, {20, 6}, {31, 9}, {40, 12}, {89, 20}, {90, 20}, {91, 12}, {250, 80}} {
			h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			checkFits(t, h.view(), sz[0], sz[1])
		}
	}
}

func TestPresentModeHidesInternalEvidence(t *testing.T) {
	h := newHarness(t, boardSession(newClock()), false, 80, 24)
	openPains(t, h)
	if !strings.Contains(h.view(), "Bob distrusts") {
		t.Fatal("the internal pain is not listed for the facilitator")
	}
	follow(t, h, h.send(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}), presentToggledMsg{})
	v := h.view()
	if strings.Contains(v, "Bob distrusts") || !strings.Contains(v, "PRESENTING") {
		t.Errorf("present mode on the pains screen:\n%s", v)
	}
	follow(t, h, h.send(kTab), showRoadmapMsg{})
	h.send(kDown) // r2: one pain the client may see, one internal
	v = h.view()
	if strings.Contains(v, "Bob distrusts") || !strings.Contains(v, "PRESENTING") {
		t.Errorf("present mode on the board shows internal evidence:\n%s", v)
	}
	if !strings.Contains(v, "Route alerts by service") || strings.Contains(v, "2 pains") {
		t.Errorf("the internal pain is still counted:\n%s", v)
	}
	h.send(kr('p'))
	if strings.Contains(h.view(), "Bob distrusts") {
		t.Errorf("the pain picker offers an internal pain while presenting")
	}
	// Off again: it comes back.
	h.send(kEsc)
	follow(t, h, h.send(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}), presentToggledMsg{})
	if v := h.view(); !strings.Contains(v, "Bob distrusts") || strings.Contains(v, "PRESENTING") {
		t.Errorf("present mode off does not bring the evidence back:\n%s", v)
	}
}

// boardFuzzMsgs is what one byte of fuzz input becomes on the pains screen
// and the board: their keys, text for the inputs, moves between the
// screens (sent as the messages their keys ask for), present mode, pastes
// and resizes.
var boardFuzzMsgs = []tea.Msg{
	kUp, kDown, kTab, kShiftTab, kEsc, kEnter, tea.KeyPressMsg{Code: tea.KeyLeft}, tea.KeyPressMsg{Code: tea.KeyRight},
	tea.KeyPressMsg{Code: tea.KeyBackspace}, kr('h'), kr('j'), kr('k'), kr('l'), kShift('h', 'H'), kShift('l', 'L'),
	kShift('j', 'J'), kShift('k', 'K'), kr('<'), kr('>'), kr('n'), kr('q'), kr('p'), kr('d'), kr('u'), kr('y'),
	kr('i'), kShift('i', 'I'), kr('e'), kShift('e', 'E'), kr(' '), kr('g'), kShift('g', 'G'), kr('?'), kr('x'), kr('世'),
	tea.PasteMsg{Content: "pasted\x1b[31m title"},
	showPainsMsg{}, showRoadmapMsg{}, showRoadmapMsg{focus: "r3"}, backMsg{}, presentToggledMsg{},
	tea.WindowSizeMsg{Width: 80, Height: 24}, tea.WindowSizeMsg{Width: 120, Height: 30},
	tea.WindowSizeMsg{Width: 40, Height: 12}, tea.WindowSizeMsg{Width: 20, Height: 6}, tea.WindowSizeMsg{Width: 90, Height: 10},
}

// FuzzPainsAndBoard drives the pains screen and the board with any
// sequence of keys, moves and resizes: nothing panics, every frame fits the
// window, every roadmap item keeps an Order of at least 1, and no
// pasted escape reaches the screen.
func FuzzPainsAndBoard(f *testing.F) {
	f.Add([]byte{0, 1, 13, 14, 15, 16, 22, 23})
	f.Add([]byte{36, 29, 30, 20, 1, 20, 0, 37, 40, 28})
	f.Add([]byte{21, 35, 8, 8, 8, 6, 41, 19, 2, 21, 5})
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 200 {
			in = in[:200]
		}
		h := newHarness(t, boardSession(newClock()), false, 80, 24)
		h.send(showRoadmapMsg{})
		w, ht := 80, 24
		for _, b := range in {
			msg := boardFuzzMsgs[int(b)%len(boardFuzzMsgs)]
			if ws, ok := msg.(tea.WindowSizeMsg); ok {
				w, ht = ws.Width, ws.Height
			}
			h.send(msg)
			if h.app.screen == screenRunner {
				h.send(showRoadmapMsg{}) // the runner is not under test here
			}
			checkFits(t, h.view(), w, ht)
			if strings.Contains(h.app.View().Content, "\x1b[31m") {
				t.Fatal("pasted escape reached the screen")
			}
			sess := h.app.runner.sess
			for _, hz := range session.Horizons {
				for i, it := range session.RoadmapColumn(sess.Roadmap, hz) {
					if it.Order < 1 {
						t.Fatalf("%s has Order %d in %s at %d", it.ID, it.Order, hz, i+1)
					}
				}
			}
		}
	})
}
