package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// stormSizes are the sizes every screen is resized through: nothing, one
// cell, each height from 1 to 7 rows (the scorecards and the timeline used
// to panic at 5 rows or fewer), odd widths and a large window.
var stormSizes = [][2]int{
	{0, 0}, {1, 1}, {80, 1}, {80, 2}, {80, 3}, {80, 4}, {80, 5}, {80, 6}, {80, 7},
	{1, 24}, {2, 50}, {200, 1}, {20, 6}, {31, 9}, {40, 12}, {80, 24}, {250, 80}, {100, 30},
}

// everyScreenSession has something for every screen to show: ratings and
// evidence (scorecards), a journey, a ledger, pains, quotes and a roadmap.
func everyScreenSession(t *testing.T, c *clock) *session.Session {
	s := healthSession(t, "01HSESSION00000000000000A2", c.Now(), 4, 3, 85, true)
	for i := range 12 {
		s.PutCapture(session.Capture{ID: fmt.Sprintf("p%d", i), Kind: session.CapturePain, Text: fmt.Sprintf("Pain number %d, said twice", i),
			Impact: 1 + i%5, Effort: 1 + i%3, Phase: "litmus"}, c.Now())
	}
	for i := range 6 {
		s.AddRoadmap(session.RoadmapItem{ID: fmt.Sprintf("r%d", i), Title: fmt.Sprintf("Item %d", i), Horizon: session.Now, Pains: []string{"p1"}}, c.Now())
	}
	// A team sync kept two versions of the first answer (versions.go).
	first := s.Steps()[0].Prompt.ID
	a := s.AnswerFor(first)
	a.Conflicts = []session.Answer{{PromptID: first, State: session.StateAnswered, Text: "Another version, by a teammate", Author: "Ben"}}
	s.Answers[first] = &a
	return s
}

// TestEveryScreenSurvivesAnySize reaches every screen and overlay the way a
// facilitator does, from the library, and resizes it through tiny and odd
// sizes: nothing panics, every frame fits the window, and the screen still
// shows itself once the window is back to a normal size.
func TestEveryScreenSurvivesAnySize(t *testing.T) {
	esc, ctrlK, ctrlP := kEsc, kCtrlK, tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}
	screens := []struct {
		name string
		keys []tea.KeyPressMsg // pressed, what they ask for followed
		want string            // a word the screen shows at 100x30
		then []tea.KeyPressMsg // pressed last, their commands (a cursor blink, for ever) not run
	}{
		{"library", nil, "2 sessions", nil},
		{"library filter", []tea.KeyPressMsg{kr('/'), kr('a')}, "/ a", nil},
		{"library help", []tea.KeyPressMsg{kr('?')}, "clear filter", nil},
		{"library delete", []tea.KeyPressMsg{kr('d')}, "Delete this session?", nil},
		{"library present", []tea.KeyPressMsg{ctrlP}, "the library is hidden", nil},
		{"library timeline", []tea.KeyPressMsg{kr('t')}, "Client timeline", nil},
		{"library summary", []tea.KeyPressMsg{kr('s')}, "· Summary", nil},
		{"new session form", []tea.KeyPressMsg{kr('n')}, "new session", nil},
		{"runner typing", []tea.KeyPressMsg{kEnter}, "Prompt 1 of 7", nil},
		{"runner nav", []tea.KeyPressMsg{kEnter, esc}, "Prompt 1 of 7", nil},
		{"runner index", []tea.KeyPressMsg{kEnter, esc}, "type to filter", []tea.KeyPressMsg{kr('g')}},
		{"runner help", []tea.KeyPressMsg{kEnter, esc, kr('?')}, "next phase", nil},
		{"runner ad-hoc", []tea.KeyPressMsg{kEnter, esc}, "New question", []tea.KeyPressMsg{kr('+')}},
		{"runner present", []tea.KeyPressMsg{kEnter, esc, ctrlP}, "PRESENTING", nil},
		{"capture palette", []tea.KeyPressMsg{kEnter, ctrlK}, "press a letter", nil},
		{"capture form", []tea.KeyPressMsg{kEnter, ctrlK, kr('n')}, "New note", nil},
		{"captures panel", []tea.KeyPressMsg{kEnter, esc, kr('c')}, "Captures (14)", nil},
		{"wrap-up", []tea.KeyPressMsg{kEnter, esc, kr('W')}, "Wrap-up", nil},
		{"versions", []tea.KeyPressMsg{kEnter, esc, kr('v')}, "Changed on both sides", nil},
		{"summary", []tea.KeyPressMsg{kEnter, esc, kr('m')}, "· Summary", nil},
		{"pains", []tea.KeyPressMsg{kEnter, esc, kr('R')}, "Pains, ranked", nil},
		{"journey", []tea.KeyPressMsg{kEnter, esc, kr('J')}, "Journey map", nil},
		{"scorecards", []tea.KeyPressMsg{kEnter, esc, kr('H')}, "Scorecards, flags and trust", nil},
		{"timeline", []tea.KeyPressMsg{kEnter, esc, kr('T')}, "Client timeline", nil},
		{"follow-up", []tea.KeyPressMsg{kEnter, esc, kr('F')}, "Follow-up session for", nil},
		{"roadmap board", []tea.KeyPressMsg{kEnter, esc, kr('B')}, "Now 6 · Next 0", nil},
		{"roadmap item form", []tea.KeyPressMsg{kEnter, esc, kr('B')}, "New roadmap item", []tea.KeyPressMsg{kr('n')}},
		{"roadmap pain picker", []tea.KeyPressMsg{kEnter, esc, kr('B'), kr('p')}, "Pain number", nil},
		{"pains help", []tea.KeyPressMsg{kEnter, esc, kr('R'), kr('?')}, "impact +1", nil},
		{"summary help", []tea.KeyPressMsg{kEnter, esc, kr('m'), kr('?')}, "half page", nil},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			c := newClock()
			ss := []*session.Session{everyScreenSession(t, c),
				healthSession(t, "01HSESSION00000000000000A1", c.Now().AddDate(0, -3, 0), 2, 2, 60, true)}
			h := newLibHarness(t, ss, 100, 30)
			h.press(sc.keys...)
			for _, k := range sc.then {
				h.send(k)
			}
			before := h.view()
			if !strings.Contains(before, sc.want) {
				t.Fatalf("%v did not reach the screen: no %q in\n%s", sc.keys, sc.want, before)
			}
			for _, sz := range stormSizes {
				h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				v := h.view()
				if sz[0] > 0 && sz[1] > 0 {
					checkFits(t, v, sz[0], sz[1])
				}
			}
			h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
			if v := h.view(); !strings.Contains(v, sc.want) {
				t.Errorf("after the storm the screen lost %q:\n%s", sc.want, v)
			}
		})
	}
}

// TestNoInputCarriesControlsToTheTerminal pastes and types bidi overrides
// and escape sequences into every one-line input (the library filter, the
// new-session form, the index filter, the ad-hoc question, the pain title,
// the roadmap form) as well as the editors: none reaches the terminal, as
// none does through the runner's answer fields.
func TestNoInputCarriesControlsToTheTerminal(t *testing.T) {
	const evil = "A\u202Egnp.exe\u2066x\u2069\x1b[2J\x1b]52;c;ZXZpbA==\x07\u009b31m\x07Z"
	inputs := []struct {
		name string
		keys []tea.KeyPressMsg
		then []tea.KeyPressMsg
	}{
		{"library filter", []tea.KeyPressMsg{kr('/')}, nil},
		{"new session client", []tea.KeyPressMsg{kr('n')}, nil},
		{"new session contacts", []tea.KeyPressMsg{kr('n')}, []tea.KeyPressMsg{kr('x'), kTab}},
		{"new session facilitator", []tea.KeyPressMsg{kr('n')}, []tea.KeyPressMsg{kr('x'), kTab, kTab}},
		{"runner answer", []tea.KeyPressMsg{kEnter, kTab, kTab, kTab, kTab, kTab}, nil},
		{"index filter", []tea.KeyPressMsg{kEnter, kEsc}, []tea.KeyPressMsg{kr('g')}},
		{"ad-hoc question", []tea.KeyPressMsg{kEnter, kEsc}, []tea.KeyPressMsg{kr('+')}},
		{"capture form", []tea.KeyPressMsg{kEnter, kCtrlK, kr('n')}, nil},
		{"pain title", []tea.KeyPressMsg{kEnter, kEsc, kr('R')}, []tea.KeyPressMsg{kr('n')}},
		{"roadmap form", []tea.KeyPressMsg{kEnter, kEsc, kr('B')}, []tea.KeyPressMsg{kr('n')}},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			c := newClock()
			h := newLibHarness(t, []*session.Session{everyScreenSession(t, c)}, 100, 30)
			h.press(in.keys...)
			for _, k := range in.then {
				h.send(k)
			}
			h.send(tea.PasteMsg{Content: evil})
			// Typed, as an input method or a terminal passing them through
			// would deliver them.
			for _, r := range "\u202E\u2066\u2069\u009b\u200f" {
				h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			raw := h.app.View().Content
			for _, bad := range []string{"\u202E", "\u2066", "\u2069", "\x1b[2J", "\x1b]52", "\u009b", "\x07"} {
				if strings.Contains(raw, bad) {
					t.Errorf("%q reached the terminal", bad)
				}
			}
			if !strings.Contains(ansi.Strip(raw), "gnp.exe") {
				t.Errorf("the text around the controls was lost:\n%s", ansi.Strip(raw))
			}
		})
	}
}

// TestWindowTitleIsCut: a client's name as long as a pasted page gives a
// window title of a sane length, cut with an ellipsis, one line, clean.
func TestWindowTitleIsCut(t *testing.T) {
	c := newClock()
	long := "Northwind\x1b]0;pwned\x07 " + strings.Repeat("Logistics and Freight\n", 5000)
	h := newHarness(t, newTestSessionWith(c, long, testPlaybook()), true, 80, 24)
	title := h.app.View().WindowTitle
	if w := ansi.StringWidth(title); w > len("rapport — ")+maxTitleClient {
		t.Errorf("window title is %d cells wide", w)
	}
	if !strings.HasPrefix(title, "rapport — Northwind Logistics and Freight") || !strings.HasSuffix(title, "…") {
		t.Errorf("window title %q, want the start of the name cut with …", title)
	}
	if strings.ContainsAny(title, "\x1b\x07\n") {
		t.Errorf("window title %q carries a control character", title)
	}
	short := newHarness(t, newTestSessionWith(c, "Acme", testPlaybook()), true, 80, 24)
	if got := short.app.View().WindowTitle; got != "rapport — Acme" {
		t.Errorf("window title %q, want %q", got, "rapport — Acme")
	}
}
