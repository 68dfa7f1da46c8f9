package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// indexLibrary lists a fixed set of index records, as the store does from
// its small per-session records.
type indexLibrary struct {
	memLibrary
	idx []session.Index
}

func (l *indexLibrary) List() ([]session.Index, error) {
	return append([]session.Index(nil), l.idx...), nil
}

func manyIndexes(n int) []session.Index {
	out := make([]session.Index, n)
	for i := range out {
		out[i] = session.Index{
			ID: fmt.Sprintf("01HBENCH%018d", n-i), Client: fmt.Sprintf("Client %d Holdings", i%700),
			Playbook: "customer-discovery", PlaybookTitle: "Customer discovery", PlaybookVersion: 1 + i%3,
			Status: session.StatusInProgress, Created: t0.Add(-time.Duration(i) * time.Hour),
			Updated: t0.Add(-time.Duration(i) * time.Minute), Answered: i % 29, Total: 29,
		}
	}
	return out
}

// BenchmarkLibraryFirstFrame: from New to the first frame that lists the
// sessions, with 10,000 sessions in the library (the listing itself is the
// store's; see its benchmarks).
func BenchmarkLibraryFirstFrame(b *testing.B) {
	lib := &indexLibrary{idx: manyIndexes(10_000)}
	deps := Deps{Sessions: lib, Playbooks: catalogue(), Now: func() time.Time { return t0 }, NoColor: true}
	b.ReportAllocs()
	for b.Loop() {
		app := New(deps, Start{Screen: StartLibrary})
		m, _ := app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		m, _ = m.Update(app.lib.reload(nil)())
		_ = m.View()
	}
}

// BenchmarkLibraryFilterKeystroke: one letter of filter text over 10,000
// sessions, Update and View.
func BenchmarkLibraryFilterKeystroke(b *testing.B) {
	lib := &indexLibrary{idx: manyIndexes(10_000)}
	deps := Deps{Sessions: lib, Playbooks: catalogue(), Now: func() time.Time { return t0 }, NoColor: true}
	app := New(deps, Start{Screen: StartLibrary})
	var m tea.Model = app
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = m.Update(app.lib.reload(nil)())
	m, _ = m.Update(kr('/'))
	keys := []tea.KeyPressMsg{kr('4'), {Code: tea.KeyBackspace}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m, _ = m.Update(keys[i%2])
		_ = m.View()
		i++
	}
}
