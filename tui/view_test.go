package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestRunnerGolden draws the runner in each state a facilitator meets, at a
// laptop size and a small split pane, and compares the plain text with
// golden files (go test ./tui -run TestRunnerGolden -update rewrites them).
func TestRunnerGolden(t *testing.T) {
	cases := []struct {
		name   string
		typing bool
		setup  func(h *harness)
	}{
		{"typing_long_text", true, func(h *harness) {
			h.typeText("They serve mid-size logistics firms.\nMostly ops managers who hate surprises.")
		}},
		{"navigation", false, func(h *harness) {
			h.send(kDown)
		}},
		{"index_open", false, func(h *harness) {
			h.send(kr('g'))
		}},
		{"help_open", false, func(h *harness) {
			h.send(kr('?'))
		}},
		{"parked_prompt", true, func(h *harness) {
			h.typeText("Not sure yet")
			h.send(kEsc, kr('z'))
			h.clock.advance(10 * time.Second) // the note has timed out
			h.send(tickMsg{gen: h.r().tickGen})
		}},
		{"timebox_over", false, func(h *harness) {
			for range 67 { // 11m10s of talk, ten seconds a tick
				h.clock.advance(10 * time.Second)
				h.send(tickMsg{gen: h.r().tickGen})
			}
		}},
		{"not_saved", true, func(h *harness) {
			h.typeText("Half a thought")
			h.send(saveStatusMsg{State: SaveFailed, Err: errors.New("write rapport.db: no space left on device"), Pending: 3})
		}},
	}
	sizes := [][2]int{{80, 24}, {40, 12}}
	for _, c := range cases {
		for _, sz := range sizes {
			h := newHarness(t, nil, c.typing, sz[0], sz[1])
			c.setup(h)
			got := h.view()
			checkFits(t, got, sz[0], sz[1])
			golden(t, fmt.Sprintf("%s_%dx%d", c.name, sz[0], sz[1]), got)
		}
	}
	h := newHarness(t, nil, true, 20, 6)
	got := h.view()
	checkFits(t, got, 20, 6)
	golden(t, "tiny_20x6", got)

	// Wide enough for the tips beside the prompt.
	h = newHarness(t, nil, true, 110, 20)
	h.typeText("They serve mid-size logistics firms.")
	got = h.view()
	checkFits(t, got, 110, 20)
	golden(t, "side_tips_110x20", got)
}

// checkFits fails when the view has other than h lines or a line wider
// than w: the renderer would wrap it and the screen would jump.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i, lw, w, l)
		}
	}
}

// TestTinyAndStormySizes resizes through tiny and odd sizes in every mode:
// nothing panics and every frame fits the window.
func TestTinyAndStormySizes(t *testing.T) {
	sizes := [][2]int{{0, 0}, {1, 1}, {2, 50}, {200, 1}, {20, 6}, {31, 9}, {32, 10}, {33, 11}, {40, 12}, {80, 24}, {99, 30}, {100, 30}, {250, 80}}
	modes := []struct {
		name string
		keys []tea.Msg
	}{
		{"typing", nil},
		{"nav", []tea.Msg{kEsc}},
		{"index", []tea.Msg{kEsc, kr('g')}},
		{"help", []tea.Msg{kEsc, kr('?')}},
		{"adhoc", []tea.Msg{kEsc, kr('+')}},
	}
	for _, m := range modes {
		h := newHarness(t, nil, true, 80, 24)
		h.send(m.keys...)
		for _, sz := range sizes {
			h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			v := h.view()
			if sz[0] == 0 || sz[1] == 0 {
				continue
			}
			checkFits(t, v, sz[0], sz[1])
			if sz[0] < minWidth || sz[1] < minHeight {
				if !strings.Contains(v, "window") && sz[0] >= 6 {
					t.Errorf("%s at %dx%d: want a 'window too small' notice, got %q", m.name, sz[0], sz[1], v)
				}
			}
		}
	}
}

// TestHostileTextNeverReachesTheTerminal puts escape sequences in every
// piece of session and playbook text the runner shows.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	const evil = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u009b31m"
	c := newClock()
	pb := testPlaybook()
	pb.Title += evil
	pb.Phases[0].Title += evil
	pb.Phases[0].Goal += evil
	pb.Phases[0].Tips = append(pb.Phases[0].Tips, evil+"tip")
	pb.Phases[0].Prompts[0].Question += evil
	pb.Phases[0].Prompts[0].Help += evil
	s := newTestSessionWith(c, "Acme"+evil, pb)
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, keys := range [][]tea.Msg{nil, {kEsc, kr('g')}} {
			h := newHarness(t, s, true, sz[0], sz[1])
			h.send(keys...)
			h.send(saveStatusMsg{State: SaveFailed, Err: errors.New("bad" + evil)})
			raw := h.app.View().Content
			for _, bad := range []string{"\x1b]52", "\x1b[2J", "\u009b", "\x07"} {
				if strings.Contains(raw, bad) {
					t.Fatalf("view at %v carries %q from text", sz, bad)
				}
			}
			if strings.Contains(h.app.View().WindowTitle, "\x1b") {
				t.Fatal("window title carries an escape from the client name")
			}
		}
	}
}

// TestNoColorMeansNoColour: with NO_COLOR the screen carries emphasis at
// most, never a foreground or background colour.
func TestNoColorMeansNoColour(t *testing.T) {
	h := newHarness(t, nil, true, 100, 30)
	h.typeText("text")
	h.send(saveStatusMsg{State: SaveFailed, Err: errors.New("disk full")})
	for _, keys := range [][]tea.Msg{nil, {kEsc}, {kr('g')}, {kEsc, kr('?')}, {kEsc, kEsc, kr('+')}} {
		h.send(keys...)
		if p := colourParam(h.app.View().Content); p != "" {
			t.Fatalf("NO_COLOR view after %v carries colour parameter %s", keys, p)
		}
	}
	// With colour, a background colour answer switches palettes cleanly.
	c := newHarness(t, nil, true, 80, 24)
	c.app.deps.NoColor = false
	c.send(tea.BackgroundColorMsg{})
	if !strings.Contains(c.app.View().Content, "\x1b[") {
		t.Fatal("the coloured palette draws no style at all")
	}
}

// colourParam returns the first SGR parameter that sets a colour, or "".
func colourParam(raw string) string {
	for i := 0; ; {
		j := strings.Index(raw[i:], "\x1b[")
		if j < 0 {
			return ""
		}
		i += j + 2
		k := strings.IndexByte(raw[i:], 'm')
		if k < 0 {
			return ""
		}
		params := raw[i : i+k]
		if strings.ContainsAny(params, "?<>=$ ") || strings.ContainsFunc(params, func(r rune) bool { return r >= 0x40 }) {
			continue // not an SGR sequence
		}
		for _, p := range strings.Split(params, ";") {
			switch {
			case p == "38" || p == "48" || p == "58":
				return p
			case len(p) == 2 && (p[0] == '3' || p[0] == '4' || p[0] == '9') && p[1] >= '0' && p[1] <= '7':
				return p
			case len(p) == 3 && p[:2] == "10" && p[2] >= '0' && p[2] <= '7':
				return p
			}
		}
	}
}

// TestCachedPartsFollowChanges: the header, layout and help bar are cached
// between keystrokes; every change they show still reaches the screen.
func TestCachedPartsFollowChanges(t *testing.T) {
	h := newHarness(t, nil, true, 100, 30)
	if !strings.Contains(h.view(), "0/7 answered") || !strings.Contains(h.view(), "○ open") {
		t.Fatal("start state")
	}
	h.typeText("x")
	if v := h.view(); !strings.Contains(v, "1/7 answered") || !strings.Contains(v, "● answered") {
		t.Fatalf("typing did not update progress and state:\n%s", v)
	}
	h.clock.advance(7 * time.Second)
	h.send(tickMsg{gen: h.r().tickGen})
	if !strings.Contains(h.view(), "09:53 left") {
		t.Fatalf("the timer did not move:\n%s", h.view())
	}
	h.send(saveStatusMsg{State: SaveSaving})
	if !strings.Contains(h.view(), "saving…") {
		t.Fatal("save status did not show")
	}
	h.send(saveStatusMsg{State: SaveFailed, Err: errors.New("one")})
	h.send(saveStatusMsg{State: SaveFailed, Err: errors.New("two")})
	if !strings.Contains(h.view(), "not saved: two") {
		t.Fatal("a new save error did not replace the old one")
	}
	h.send(kEsc)
	if !strings.Contains(h.view(), "NAVIGATE") || !strings.Contains(h.view(), "enter type") {
		t.Fatal("the help bar did not follow the mode")
	}
	h.send(kr('+'))
	if !strings.Contains(h.view(), "New question") {
		t.Fatal("the layout did not make room for the question input")
	}
	h.send(kEsc, kr('z'))
	if !strings.Contains(h.view(), "◇ parked") || !strings.Contains(h.view(), "o reopen") {
		t.Fatalf("parking did not show:\n%s", h.view())
	}
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	checkFits(t, h.view(), 60, 20)
}
