package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkCaptureFormKeystroke is one letter typed into the capture form
// and the frame after it, over a session with 200 answers and 500
// captures (the form's work does not grow with either).
func BenchmarkCaptureFormKeystroke(b *testing.B) {
	app := New(Deps{Saver: &discardSaver{}, NoColor: true}, Start{Session: bigSession(20), Typing: true})
	next, _ := app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	app = next.(App)
	for _, k := range []tea.Msg{kCtrlK, kr('q')} {
		next, _ = app.Update(k)
		app = next.(App)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		next, _ = app.Update(kr(rune('a' + i%26)))
		app = next.(App)
		_ = app.View()
	}
}

// BenchmarkCapturesPanelMove is one move in the captures panel and the
// frame after it, with 500 captures listed newest first.
func BenchmarkCapturesPanelMove(b *testing.B) {
	app := New(Deps{Saver: &discardSaver{}, NoColor: true}, Start{Session: bigSession(20)})
	next, _ := app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	app = next.(App)
	next, _ = app.Update(kr('c'))
	app = next.(App)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := kDown
		if i%400 >= 200 {
			k = kUp
		}
		next, _ = app.Update(k)
		app = next.(App)
		_ = app.View()
	}
}
