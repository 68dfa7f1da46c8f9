package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// fuzzMsgs is what one byte of fuzz input becomes: keys of every mode,
// pastes, and resizes down to nothing.
var fuzzMsgs = []tea.Msg{
	kTab, kShiftTab, kEsc, kEnter, kUp, kDown, kCtrlK, kCtrlE,
	tea.KeyPressMsg{Code: tea.KeyBackspace}, tea.KeyPressMsg{Code: tea.KeyLeft},
	tea.KeyPressMsg{Code: tea.KeyRight}, tea.KeyPressMsg{Code: tea.KeyHome},
	kr('j'), kr('k'), kr('n'), kr('p'), kr('['), kr(']'), kr('g'), kr('i'),
	kr('s'), kr('z'), kr('P'), kr('x'), kr('o'), kr('+'), kr('A'), kr('?'),
	kr('1'), kr('3'), kr('5'), kr('a'), kr(' '), kr('-'), kr('é'), kr('世'),
	tea.PasteMsg{Content: "pasted\nlines\x1b[31m"},
	tea.WindowSizeMsg{Width: 80, Height: 24}, tea.WindowSizeMsg{Width: 40, Height: 12},
	tea.WindowSizeMsg{Width: 20, Height: 6}, tea.WindowSizeMsg{Width: 1, Height: 1},
	tea.WindowSizeMsg{Width: 130, Height: 40},
	saveStatusMsg{State: SaveSaving}, saveStatusMsg{State: SaveSaved},
	// captures panel, wrap-up, and their keys
	kr('c'), kShift('w', 'W'), kShift('f', 'F'), kShift('r', 'R'), kr('y'), kr('u'), kr('e'),
	tea.KeyPressMsg{Code: '3', Mod: tea.ModAlt},
}

// FuzzRunnerKeys drives the runner with any sequence of keys, pastes and
// resizes: it never panics, never quits on a letter typed as text, and
// every frame fits the window.
func FuzzRunnerKeys(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4})
	f.Add([]byte("\x02\x12\x13\x1f\x03\x26\x28"))
	f.Add([]byte{37, 2, 26, 33, 3, 39, 2, 20})
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 200 {
			in = in[:200]
		}
		h := newHarness(t, nil, true, 80, 24)
		w, ht := 80, 24
		for _, b := range in {
			msg := fuzzMsgs[int(b)%len(fuzzMsgs)]
			if ws, ok := msg.(tea.WindowSizeMsg); ok {
				w, ht = ws.Width, ws.Height
			}
			if k, ok := msg.(tea.KeyPressMsg); ok && k.Text == "q" {
				continue
			}
			h.send(msg)
			v := h.view()
			lines := strings.Split(v, "\n")
			if len(lines) != ht {
				t.Fatalf("after %v: %d lines, want %d", msg, len(lines), ht)
			}
			for _, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Fatalf("after %v: a line %d cells wide at width %d", msg, lw, w)
				}
			}
			if strings.Contains(h.app.View().Content, "\x1b[31m") {
				t.Fatal("pasted escape reached the screen")
			}
		}
	})
}
