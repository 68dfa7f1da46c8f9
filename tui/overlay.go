package tui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// overlay is a layer over a screen's body that takes every key and paste
// until it closes; S is the screen it sits on. On the runner: the capture
// palette and form, the captures panel and the wrap-up (capture.go,
// captureform.go, captures.go, wrapup.go); on the roadmap board: the item
// form and the evidence picker (roadmapform.go). The screen keeps running
// underneath (the runner's clock ticks, saves go on), and closing one
// returns to exactly where the facilitator was. Overlays are not screens:
// the root never sees them.
type overlay[S any] interface {
	// update takes a key press or a paste (the board's also what else its
	// inputs need); it may push or pop overlays.
	update(s S, msg tea.Msg) tea.Cmd
	// body draws the overlay over under, the screen's body of h lines w
	// cells wide, and returns h lines.
	body(s S, under []string, w, h int) []string
	// helpKeys is the help bar while the overlay is on top.
	helpKeys(s S) help.KeyMap
	// badge names the mode in the status line.
	badge() string
}

// updateOver hands msg to o, the top overlay of screen s, and returns s as
// o left it. It takes the screen by value: a screen's update that took the
// address of its own receiver for o would move that receiver to the heap on
// every message, overlay or not.
func updateOver[S any](s S, o overlay[*S], msg tea.Msg) (S, tea.Cmd) {
	cmd := o.update(&s, msg)
	return s, cmd
}

// drawOver is o's body over under, for a screen's view (by value, as
// updateOver).
func drawOver[S any](s S, o overlay[*S], under []string, w, h int) []string {
	return o.body(&s, under, w, h)
}

// keysOver is o's help bar (by value, as updateOver).
func keysOver[S any](s S, o overlay[*S]) help.KeyMap { return o.helpKeys(&s) }

// overlays is a screen's stack of overlays, the top one last. It is shared
// by the copies of the screen that update makes, as the overlays are.
type overlays[S any] []overlay[S]

// top is the overlay that takes keys, or nil.
func (o overlays[S]) top() overlay[S] {
	if len(o) == 0 {
		return nil
	}
	return o[len(o)-1]
}

// push opens x on top.
func (o *overlays[S]) push(x overlay[S]) { *o = append(*o, x) }

// pop closes the top overlay.
func (o *overlays[S]) pop() {
	if n := len(*o); n > 0 {
		(*o)[n-1] = nil
		*o = (*o)[:n-1]
	}
}
