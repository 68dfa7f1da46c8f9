package tui

import (
	"fmt"
	"testing"
	"time"

	"rapport/session"
)

// bigBoardSession has 500 captures (200 pains, 100 quotes) and 40 roadmap
// items with three links each: a long afternoon of discovery.
func bigBoardSession(c *clock) *session.Session {
	s := newTestSession(c)
	for i := range 500 {
		cp := session.Capture{ID: fmt.Sprintf("c%03d", i), Kind: session.CaptureNote, Text: fmt.Sprintf("Capture %d about the payments platform", i),
			At: time.Duration(i) * 7 * time.Second, Created: t0.Add(time.Duration(i) * time.Second)}
		switch {
		case i%5 < 2:
			cp.Kind, cp.Impact, cp.Effort = session.CapturePain, 1+i%5, 1+(i/5)%5
		case i%5 == 2:
			cp.Kind = session.CaptureQuote
		}
		s.Captures = append(s.Captures, cp)
	}
	for i := range 40 {
		s.AddRoadmap(session.RoadmapItem{ID: fmt.Sprintf("r%02d", i), Title: fmt.Sprintf("Roadmap item %d", i),
			Horizon: session.Horizons[i%3], Pains: []string{fmt.Sprintf("c%03d", i*5), fmt.Sprintf("c%03d", i*5+1)},
			Quotes: []string{fmt.Sprintf("c%03d", i*5+2)}}, c.Now())
	}
	return s
}

// BenchmarkBoardKeystroke is one arrow key on the board and the frame it
// draws (side by side, 120x40).
func BenchmarkBoardKeystroke(b *testing.B) {
	h := newHarness(b, bigBoardSession(newClock()), false, 120, 40)
	h.send(showRoadmapMsg{})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			h.send(kDown)
		} else {
			h.send(kUp)
		}
		_ = h.app.View()
	}
}

// BenchmarkPainsAdjust is one impact change on the pains screen: the save,
// the new rank of 200 pains and the frame (80x24).
func BenchmarkPainsAdjust(b *testing.B) {
	h := newHarness(b, bigBoardSession(newClock()), false, 80, 24)
	h.send(showPainsMsg{})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			h.send(kr('i'))
		} else {
			h.send(kShift('i', 'I'))
		}
		_ = h.app.View()
	}
}
