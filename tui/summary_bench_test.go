package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"

	"rapport/session"
)

// The summary of a 200-answer session (bigSession: 10 phases of 20
// answered prompts, 500 notes) at 100x30 in the dark style, as PRODUCT.md
// sets the goal: it shows within 100 ms of the key. Run with
//
//	go test ./tui -run '^$' -bench Summary -benchtime 20x
//
// ns/op is the time until the whole document is rendered; first-frame-ms
// is the key to the first frame (the plain Markdown, or whatever the cache
// holds); on-screen-ms is the key to the rendered text on screen (the
// sections in view rendered first). BenchmarkSummaryGlamourWhole is the
// floor to compare with: one glamour render of the same whole document.

func benchSummary(b *testing.B) (*summary, *session.Session) {
	b.Helper()
	sess := bigSession(3)
	keys := defaultKeyMap()
	st := newStyles(true)
	s := newSummary(Deps{Now: time.Now}.withDefaults(), &st, &keys, newRenderCache())
	s.setSize(100, 30)
	return s, sess
}

// openAndRender opens the summary as the key does and runs its commands to
// the end, timing the first frame and the first rendered screen.
func openAndRender(s *summary, cmd tea.Cmd, start time.Time) (first, onScreen time.Duration) {
	_ = s.view()
	first = time.Since(start)
	for cmd != nil {
		msg := cmd()
		*s, cmd = s.update(msg)
		_ = s.view()
		if onScreen == 0 {
			onScreen = time.Since(start)
		}
	}
	if onScreen == 0 {
		onScreen = first
	}
	return first, onScreen
}

// benchOpens opens the summary b.N times, calling before ahead of each
// open, and reports the mean first frame and first rendered screen.
func benchOpens(b *testing.B, s *summary, sess *session.Session, before func(i int)) {
	var first, onScreen time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		before(i)
		start := time.Now()
		f, o := openAndRender(s, s.open(sess, false), start)
		first += f
		onScreen += o
	}
	b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "first-frame-ms")
	b.ReportMetric(float64(onScreen.Microseconds())/1000/float64(b.N), "on-screen-ms")
}

// BenchmarkSummaryOpenFirst: the first open, nothing cached.
func BenchmarkSummaryOpenFirst(b *testing.B) {
	s, sess := benchSummary(b)
	benchOpens(b, s, sess, func(int) { s.cache = newRenderCache() })
}

// BenchmarkSummaryAfterEdit: the summary reopened after one answer changed.
func BenchmarkSummaryAfterEdit(b *testing.B) {
	s, sess := benchSummary(b)
	openAndRender(s, s.open(sess, false), time.Now())
	benchOpens(b, s, sess, func(i int) {
		sess.PutAnswer(session.Answer{PromptID: "p5-7", Text: fmt.Sprintf("Edited answer number %d.", i)}, t0)
	})
}

// BenchmarkSummaryGlamourWhole: the floor, glamour rendering the whole
// document once with a fresh renderer, as `glamour.Render` does.
func BenchmarkSummaryGlamourWhole(b *testing.B) {
	sess := bigSession(3)
	md := string(session.StripFrontMatter(session.Markdown(sess, session.AudienceClient)))
	b.SetBytes(int64(len(md)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(glamourDark), glamour.WithWordWrap(96))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.Render(md); err != nil {
			b.Fatal(err)
		}
	}
}
