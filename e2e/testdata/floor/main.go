// Command floor is the start-up floor for rapport's start-up benchmark
// (e2e/startup_bench_test.go): a program that links the same libraries
// (Bubble Tea, Glamour, Huh, bbolt), opens a bbolt file, draws one line and
// quits. rapport's start to its first real frame is measured against it.
package main

import (
	"fmt"
	"os"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/huh/v2"
	bolt "go.etcd.io/bbolt"
)

// model draws one line and quits after its first frame.
type model struct{}

func (model) Init() tea.Cmd { return tea.Quit }

func (model) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return model{}, nil }

func (model) View() tea.View {
	v := tea.NewView("floor: one line")
	v.AltScreen = true
	return v
}

// keep makes sure the linker keeps what rapport links.
var keep = []any{glamour.WithWordWrap, huh.NewInput, key.NewBinding}

func main() {
	if len(os.Args) > 1 {
		db, err := bolt.Open(os.Args[1], 0o600, &bolt.Options{ReadOnly: true})
		if err == nil {
			_ = db.View(func(*bolt.Tx) error { return nil })
			db.Close()
		}
	}
	if _, err := tea.NewProgram(model{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_ = keep
}
