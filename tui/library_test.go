package tui

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/oklog/ulid/v2"

	"rapport/session"
)

// TestLibraryGolden draws the library in each state a facilitator meets at
// 80x24 (go test ./tui -run TestLibraryGolden -update rewrites the files).
func TestLibraryGolden(t *testing.T) {
	cases := []struct {
		name  string
		empty bool
		setup func(h *libHarness)
	}{
		{"empty", true, func(*libHarness) {}},
		{"sessions", false, func(*libHarness) {}},
		{"filtered", false, func(h *libHarness) {
			h.press(kr('/'))
			h.typeText("acme")
		}},
		{"filter_no_match", false, func(h *libHarness) {
			h.press(kr('/'))
			h.typeText("zzz")
			h.press(kEnter)
		}},
		{"delete_confirm", false, func(h *libHarness) {
			h.press(kDown, kr('d'))
		}},
		{"undo_status", false, func(h *libHarness) {
			h.press(kDown, kr('d'), kr('y'))
		}},
		{"help", false, func(h *libHarness) {
			h.press(kr('?'))
		}},
	}
	for _, tc := range cases {
		var ss []*session.Session
		if tc.empty {
			ss = []*session.Session{}
		}
		h := newLibHarness(t, ss, 80, 24)
		tc.setup(h)
		golden(t, tc.name, h.view())
	}
}

// A session that ran an older version of its playbook says so in its row.
func TestLibraryOlderPlaybookVersion(t *testing.T) {
	c := newClock()
	pb := *catalogue()[0]
	pb.Version = 1
	s := session.New("01HLIB0000000000000000000V", c.Now().Add(-10*time.Minute), "Acme Corp", pb)
	h := newLibHarness(t, []*session.Session{s}, 80, 24)
	if !strings.Contains(h.view(), "(v1, now v3)") {
		t.Fatalf("the row does not name the versions:\n%s", h.view())
	}
	golden(t, "older_version", h.view())
}

func TestLibraryNewestFirstAndRelativeTimes(t *testing.T) {
	h := newLibHarness(t, nil, 100, 30)
	v := h.view()
	want := []string{"Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Industries"}
	last := -1
	for _, w := range want {
		i := strings.Index(v, w)
		if i < last {
			t.Fatalf("%s is out of order (newest first):\n%s", w, v)
		}
		last = i
	}
	for _, w := range []string{"5 min ago", "3 h ago", "yesterday", "4 days ago", "2 Feb"} {
		if !strings.Contains(v, w) {
			t.Errorf("no %q in the list:\n%s", w, v)
		}
	}
}

func TestRelTime(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	cases := []struct {
		ago  time.Duration
		want string
	}{
		{0, "just now"},
		{-time.Minute, "just now"}, // a clock a little ahead
		{59 * time.Second, "just now"},
		{5 * time.Minute, "5 min ago"},
		{9 * time.Hour, "9 h ago"},
		{10 * time.Hour, "yesterday"}, // 23:30 the day before
		{33 * time.Hour, "yesterday"},
		{34 * time.Hour, "2 days ago"},
		{6 * 24 * time.Hour, "6 days ago"},
		{7 * 24 * time.Hour, "7 Mar"},
		{80 * 24 * time.Hour, "24 Dec 2025"},
	}
	for _, tc := range cases {
		if got := relTime(now.Add(-tc.ago), now); got != tc.want {
			t.Errorf("relTime(%v ago) = %q, want %q", tc.ago, got, tc.want)
		}
	}
	if got := relTime(time.Time{}, now); got != "" {
		t.Errorf("zero time = %q, want empty", got)
	}
}

// enter opens the selected session in typing mode on the prompt last
// worked on.
func TestLibraryEnterOpensOnCursorInTyping(t *testing.T) {
	c := newClock()
	s := session.New("01HLIB0000000000000000000A", c.Now(), "Acme Corp", testPlaybook())
	s.MoveCursor("trust", c.Now())
	h := newLibHarness(t, []*session.Session{s}, 80, 24)
	h.press(kEnter)
	if h.app.screen != screenRunner || h.app.runner == nil {
		t.Fatalf("enter did not open the runner (screen %v)", h.app.screen)
	}
	if got := h.cursorID(); got != "trust" {
		t.Fatalf("opened on %q, want trust (the prompt last worked on)", got)
	}
	if h.r().mode != modeTyping {
		t.Fatal("opened in navigation mode, want typing")
	}
}

// A session that cannot be read leaves the library in place with a note.
func TestLibraryOpenFailureIsANote(t *testing.T) {
	h := newLibHarness(t, nil, 80, 24)
	h.lib.failLoad = errors.New("disk \x1b[31mon fire")
	h.press(kEnter)
	if h.app.screen != screenLibrary {
		t.Fatalf("screen %v, want the library", h.app.screen)
	}
	v := h.view()
	if !strings.Contains(v, "could not open the session: disk") || strings.Contains(v, "\x1b") {
		t.Fatalf("no clean note about the failure:\n%q", v)
	}
}

func TestLibraryDeleteConfirmUndo(t *testing.T) {
	h := newLibHarness(t, nil, 80, 24)
	h.press(kDown, kr('d'))
	v := h.view()
	for _, w := range []string{"Delete this session?", "Globex", "Four pillars", "1 answer and 0 captures go with it", "1 of 1 prompts"} {
		if !strings.Contains(v, w) {
			t.Errorf("the confirmation does not say %q:\n%s", w, v)
		}
	}
	h.press(kr('n'))
	if h.lib.count() != 5 || strings.Contains(h.view(), "Delete this session?") {
		t.Fatal("n did not keep the session")
	}
	h.press(kr('d'), kEsc)
	if h.lib.count() != 5 {
		t.Fatal("esc deleted the session")
	}
	h.press(kr('d'), kr('y'))
	if h.lib.count() != 4 || strings.Contains(h.view(), "Globex  ") {
		t.Fatalf("y did not delete Globex:\n%s", h.view())
	}
	if !strings.Contains(h.view(), "Deleted Globex · u undo") {
		t.Fatalf("no undo offer:\n%s", h.view())
	}
	h.press(kr('u'))
	if h.lib.count() != 5 {
		t.Fatal("u did not bring the session back")
	}
	restored, _ := h.lib.Load("01HLIB0000000000000000000B")
	if restored.Client != "Globex" || len(restored.Answers) != 1 || restored.Status != session.StatusFinished {
		t.Fatalf("the session came back changed: %+v", restored.Header)
	}
	if ix, _ := h.l().selected(); ix.ID != "01HLIB0000000000000000000B" {
		t.Fatalf("selection on %s after undo, want the restored session", ix.ID)
	}

	// Past the undo window u does nothing.
	h.press(kr('d'), kr('y'))
	h.clock.advance(libUndoTTL)
	h.send(libNoteExpiredMsg{gen: h.l().noteGen})
	h.press(kr('u'))
	if h.lib.count() != 4 {
		t.Fatal("u brought a session back after the undo window")
	}
	if strings.Contains(h.view(), "u undo") {
		t.Fatal("the undo offer outlived its window")
	}
}

func TestLibraryFilter(t *testing.T) {
	h := newLibHarness(t, nil, 80, 24)
	h.press(kr('/'))
	h.typeText("four")
	if n := len(h.l().shown); n != 2 {
		t.Fatalf("filter four shows %d sessions, want 2 (playbook match)", n)
	}
	h.typeText(" stark")
	if n := len(h.l().shown); n != 1 {
		t.Fatalf("every word must match: %d shown", n)
	}
	// Keys that are commands in the list are text in the filter.
	h.press(kEnter)
	if h.l().mode != libList || h.l().filter.Value() != "four stark" {
		t.Fatal("enter should keep the filter and return to the list")
	}
	h.press(kEsc)
	if n := len(h.l().shown); n != 5 {
		t.Fatalf("esc should clear the filter: %d shown", n)
	}
	h.press(kr('/'))
	h.typeText("fin")
	if n := len(h.l().shown); n != 2 {
		t.Fatalf("filter by status: %d shown, want 2 finished", n)
	}
	h.press(kEsc)
	if h.l().filter.Value() != "" || h.l().mode != libList {
		t.Fatal("esc while filtering should clear and leave the filter")
	}
}

func TestLibraryKeys(t *testing.T) {
	h := newLibHarness(t, nil, 80, 24)
	h.press(kr('?'))
	if !strings.Contains(h.view(), "undo") || h.l().mode != libHelp {
		t.Fatal("? did not open the help")
	}
	h.press(kEsc)
	if h.l().mode != libList {
		t.Fatal("esc did not close the help")
	}
	h.press(kr('G'))
	if ix, _ := h.l().selected(); ix.Client != "Stark Industries" {
		t.Fatalf("G selected %s", ix.Client)
	}
	h.press(kr('g'))
	if ix, _ := h.l().selected(); ix.Client != "Acme Corp" {
		t.Fatalf("g selected %s", ix.Client)
	}
	h.press(kr('n'))
	if h.app.screen != screenNewSession {
		t.Fatal("n did not open the new-session form")
	}
	h.press(kEsc)
	if h.app.screen != screenLibrary {
		t.Fatal("esc on the form did not come back to the library")
	}
	if !h.quits(kr('q')) {
		t.Fatal("q did not quit")
	}
}

// The help bar offers only what works: no open or delete on an empty
// library, undo only while it can.
func TestLibraryHelpBarIsTrue(t *testing.T) {
	h := newLibHarness(t, []*session.Session{}, 80, 24)
	v := h.view()
	for _, no := range []string{"open", "delete", "undo", "filter"} {
		if strings.Contains(lastLine(v), no) {
			t.Errorf("empty library offers %q: %s", no, lastLine(v))
		}
	}
	if !strings.Contains(lastLine(v), "n new") {
		t.Errorf("empty library does not offer n: %s", lastLine(v))
	}
}

// From the runner, L in navigation mode goes back to the library, which
// shows the progress just made, after saving where the facilitator was.
func TestRunnerBackToLibraryShowsProgress(t *testing.T) {
	h := newLibHarness(t, nil, 100, 30)
	h.press(kDown, kDown) // Initech: 0 of 7
	h.press(kEnter)
	if h.app.screen != screenRunner {
		t.Fatal("enter did not open the session")
	}
	h.typeText("Hospitals")
	h.press(kTab)
	h.clock.advance(2 * time.Minute)
	h.press(kEsc, kShift('l', 'L'))
	if h.app.screen != screenLibrary || h.app.runner != nil {
		t.Fatalf("L did not go back to the library (screen %v)", h.app.screen)
	}
	if e := h.saver.last(); e.Header.Cursor != "drivers" {
		t.Fatalf("leaving did not save the cursor: %q", e.Header.Cursor)
	}
	if h.saver.flushes == 0 {
		t.Fatal("the library listed before pending saves were flushed")
	}
	rows := strings.Split(h.view(), "\n")
	if !strings.Contains(rows[3], "Initech") || !strings.Contains(rows[3], "1/7") || !strings.Contains(rows[3], "just now") {
		t.Fatalf("the library does not show the progress first:\n%s", h.view())
	}
	if ix, _ := h.l().selected(); ix.Client != "Initech" {
		t.Fatalf("selection on %s, want the session just left", ix.Client)
	}
}

// Without a library (rapport open with no store handed in) L is off.
func TestRunnerWithoutLibraryHasNoL(t *testing.T) {
	h := newHarness(t, nil, false, 120, 30)
	h.send(kShift('l', 'L'))
	if h.app.screen != screenRunner {
		t.Fatal("L left the runner without a library")
	}
	if strings.Contains(h.view(), "L library") {
		t.Fatal("the help bar offers L without a library")
	}
}

// Deleting the last session leaves the empty state, and undo brings it
// back (the list's indexes must not outlive the row they pointed at).
func TestLibraryDeleteTheOnlySession(t *testing.T) {
	c := newClock()
	s := session.New("01HLIB0000000000000000000A", c.Now(), "Acme Corp", testPlaybook())
	h := newLibHarness(t, []*session.Session{s}, 80, 24)
	h.press(kr('d'), kr('y'))
	if v := h.view(); !strings.Contains(v, "No sessions yet.") || !strings.Contains(v, "Deleted Acme Corp · u undo") {
		t.Fatalf("after deleting the only session:\n%s", v)
	}
	h.press(kr('u'))
	if h.lib.count() != 1 || !strings.Contains(h.view(), "Acme Corp") {
		t.Fatalf("undo did not bring it back:\n%s", h.view())
	}
	// Deleting the last row of several keeps a row selected.
	h2 := newLibHarness(t, nil, 80, 24)
	h2.press(kr('G'), kr('d'), kr('y'))
	if ix, ok := h2.l().selected(); !ok || ix.Client != "Umbrella Health" {
		t.Fatalf("after deleting the last row the selection is %q", ix.Client)
	}
}

// Any sequence of the library's keys, with its results, deletes and
// resizes, never panics and keeps the selection on a row that exists.
func TestLibraryRandomKeysNeverPanic(t *testing.T) {
	keys := []tea.KeyPressMsg{kUp, kDown, kEnter, kEsc, kr('d'), kr('y'), kr('n'), kr('u'), kr('/'), kr('a'),
		kr('c'), kr('G'), kr('g'), kr('?'), {Code: tea.KeyPgDown}, {Code: tea.KeyBackspace}}
	rng := rand.New(rand.NewPCG(7, 7))
	h := newLibHarness(t, nil, 80, 24)
	for i := range 3000 {
		if h.app.screen != screenLibrary { // opened a session or the form: come back
			h.do(func() tea.Msg { return showLibraryMsg{} })
		}
		if i%97 == 0 {
			h.send(tea.WindowSizeMsg{Width: 20 + rng.IntN(100), Height: 5 + rng.IntN(40)})
		}
		h.press(keys[rng.IntN(len(keys))])
		_ = h.view()
		if l := h.l(); len(l.shown) > 0 && (l.sel < 0 || l.sel >= len(l.shown)) {
			t.Fatalf("step %d: selection %d outside %d rows", i, l.sel, len(l.shown))
		}
	}
}

// With NO_COLOR the library carries emphasis at most, never a colour, in
// every state. (The form's blurred huh inputs keep huh's own colours, which
// no theme reaches; Bubble Tea's renderer drops them under NO_COLOR.)
func TestLibraryNoColour(t *testing.T) {
	h := newLibHarness(t, nil, 80, 24)
	for _, k := range []tea.KeyPressMsg{kDown, kr('d'), kr('y'), kr('/'), kEsc, kr('?')} {
		h.press(k)
		if p := colourParam(h.app.View().Content); p != "" {
			t.Fatalf("library view after %v carries colour parameter %s", k, p)
		}
	}
}

// Hostile text in a client name or a playbook title never reaches the
// terminal as a control sequence, in the list or the delete confirmation.
func TestLibraryHostileText(t *testing.T) {
	c := newClock()
	pb := testPlaybook()
	pb.Title = "Evil\x1b]8;;http://x\x07link\x1b]8;;\x07 \u202eplaybook"
	s := session.New("01HLIB0000000000000000000H", c.Now(), "Acme\x1b]52;c;aGk=\x07\x1b[2J\u009b31m\nCorp", pb)
	h := newLibHarness(t, []*session.Session{s}, 80, 24)
	for _, step := range []func(){func() {}, func() { h.press(kr('d')) }, func() { h.press(kr('y')) }} {
		step()
		v := h.app.View().Content
		for _, bad := range []string{"\x1b]", "\x07", "\x1b[2J", "\u009b", "\u202e"} {
			if strings.Contains(v, bad) {
				t.Fatalf("the view carries %q:\n%q", bad, v)
			}
		}
	}
}

// TestLibraryNamesAsTyped: a name is shown as it was typed, character
// references included (a terminal decodes none), on one line without the
// spaces around it.
func TestLibraryNamesAsTyped(t *testing.T) {
	c := newClock()
	s := session.New("01HLIB0000000000000000000R", c.Now(), "  Fish &#27; Chips\r\nLtd ", testPlaybook())
	h := newLibHarness(t, []*session.Session{s}, 80, 24)
	v := h.app.View().Content
	if !strings.Contains(v, "▸ Fish &#27; Chips Ltd ") || strings.Contains(v, "&amp;") {
		t.Errorf("the library should list the name as typed, on one line:\n%s", v)
	}
}

// s (or m) on the library opens the selected session's summary, and esc
// there comes back to the library with the same row selected.
func TestLibrarySummaryKey(t *testing.T) {
	for _, k := range []tea.KeyPressMsg{kr('s'), kr('m')} {
		h := newLibHarness(t, nil, 80, 24)
		h.press(kDown) // Globex
		cmd := h.send(k)
		if cmd == nil {
			t.Fatalf("%s did nothing", k)
		}
		msg := cmd()
		if m, ok := msg.(openSummaryMsg); !ok || m.id != "01HLIB0000000000000000000B" {
			t.Fatalf("%s asked for %#v, want the summary of Globex's session", k, msg)
		}
		h.send(h.send(msg)()) // load it, then show it (its render is not run)
		if h.app.screen != screenSummary || !strings.Contains(h.view(), "Globex") {
			t.Fatalf("%s did not open Globex's summary:\n%s", k, h.view())
		}
		if c := h.send(kEsc); c != nil {
			h.send(c())
		}
		if h.app.screen != screenLibrary {
			t.Fatalf("esc on the summary went to screen %v, want the library", h.app.screen)
		}
		if ix, _ := h.l().selected(); ix.Client != "Globex" {
			t.Fatalf("back on the library with %q selected, want Globex", ix.Client)
		}
		if !strings.Contains(h.view(), "s summary") || !strings.Contains(h.view(), "? help") {
			t.Fatalf("the help bar does not offer the summary:\n%s", h.view())
		}
	}
}

// In present mode the library shows no client's name: the list, the
// filter, a pending delete and the undo offer all hide behind one line,
// keys that would act on a hidden row do nothing, and ctrl+p shows it all
// again.
func TestLibraryWhilePresenting(t *testing.T) {
	ctrlP := tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}
	names := []string{"Acme", "Globex", "Initech", "Umbrella", "Stark"}
	hidden := func(h *libHarness, when string) {
		t.Helper()
		v := h.view()
		for _, n := range names {
			if strings.Contains(v, n) {
				t.Fatalf("%s: %s is on the shared screen:\n%s", when, n, v)
			}
		}
		if !strings.Contains(v, "presenting: the library is hidden") || !strings.Contains(v, "PRESENTING") {
			t.Fatalf("%s: the library does not say it is hidden:\n%s", when, v)
		}
	}
	h := newLibHarness(t, nil, 80, 24)
	h.press(kDown, kr('d'), kr('y')) // the undo offer names Globex
	h.press(kr('/'))
	h.typeText("in") // a filter being typed
	h.press(ctrlP)
	if !h.app.present {
		t.Fatal("ctrl+p did not start presenting from the library's filter")
	}
	hidden(h, "while presenting")
	golden(t, "presenting", h.view())
	for _, k := range []tea.KeyPressMsg{kEnter, kr('d'), kr('t'), kr('s'), kr('/'), kDown, kEsc} {
		if cmd := h.send(k); cmd != nil {
			t.Fatalf("%s acted on a hidden row: %#v", k, cmd())
		}
		hidden(h, "after "+k.String())
	}
	h.press(kr('?'))
	for _, n := range append(names, "delete", "filter", "timeline") {
		if strings.Contains(h.view(), n) {
			t.Fatalf("the help shows %s while presenting, where it does nothing:\n%s", n, h.view())
		}
	}
	h.press(kEsc, ctrlP)
	if h.app.present || !strings.Contains(h.view(), "Acme") {
		t.Fatalf("ctrl+p again did not show the library:\n%s", h.view())
	}
}

// TestLibraryTellsSessionsApart: two sessions of one client on the same
// playbook read apart: who took part, and which one follows up which.
func TestLibraryTellsSessionsApart(t *testing.T) {
	c := newClock()
	pb := *catalogue()[0]
	at := c.Now().Add(-8 * 24 * time.Hour)
	firstID := ulid.MustNew(ulid.Timestamp(at), nil).String()
	first := session.New(firstID, at, "Acme Corp", pb)
	first.Contacts = []session.Contact{{Name: "Ann Lee", Role: "CTO"}, {Name: "Bob Smith"}}
	second := session.FollowUp([]*session.Session{first}, ulid.MustNew(ulid.Timestamp(c.Now().Add(-time.Hour)), nil).String(), c.Now().Add(-time.Hour), pb)
	second.Contacts = []session.Contact{{Name: "Dana Ruiz", Role: "Ops"}}
	h := newLibHarness(t, []*session.Session{first, second}, 80, 24)
	v := h.view()
	for _, want := range []string{"Acme Corp · Ann Lee, …", "Acme Corp · Dana Ruiz", "follow-up of 6 Mar"} {
		if !strings.Contains(v, want) {
			t.Errorf("the library lacks %q:\n%s", want, v)
		}
	}
	golden(t, "apart", v)
	h.press(kr('/'))
	h.typeText("dana")
	if v := h.view(); !strings.Contains(v, "1 of 2 sessions") {
		t.Errorf("the filter does not find a contact:\n%s", v)
	}
}
