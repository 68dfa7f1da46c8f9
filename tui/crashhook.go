package tui

import (
	"os"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
)

// The crash hook lets the end-to-end tests (e2e/) make the real binary
// panic where they choose, to prove that a panic in Update, View or a
// command restores the terminal and flushes every pending save.
// RAPPORT_TEST_PANIC=update|view|command arms it and the f12 key fires it.
// Unset, as for every user, it costs one string comparison per message.
var (
	crashHookWhere = os.Getenv("RAPPORT_TEST_PANIC")
	crashHookView  atomic.Bool // the next View panics
)

// crashHookUpdate runs in the guarded Update: it panics there, arms the next
// View, or returns a command that panics, as the environment asks.
func crashHookUpdate(msg tea.Msg) tea.Cmd {
	if crashHookWhere == "" {
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); !ok || k.String() != "f12" {
		return nil
	}
	switch crashHookWhere {
	case "update":
		panic("test panic in Update (RAPPORT_TEST_PANIC)")
	case "view":
		crashHookView.Store(true)
	case "command":
		return func() tea.Msg { panic("test panic in a command (RAPPORT_TEST_PANIC)") }
	}
	return nil
}

// crashHookInView runs in the guarded View and panics once it is armed.
func crashHookInView() {
	if crashHookView.Load() {
		panic("test panic in View (RAPPORT_TEST_PANIC)")
	}
}
