package tui

import (
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// library is the screen bare `rapport` opens on: every session, newest
// first, to open, start or delete.
type library struct {
	deps          Deps
	styles        *Styles
	width, height int
	items         []session.Index
	note          string
}

func newLibrary(deps Deps, st *Styles) *library {
	return &library{deps: deps, styles: st}
}

func (l *library) init() tea.Cmd { return l.reload(nil) }

// reload lists the sessions in a command; flush, when set, runs first so
// saves still pending are in the list.
func (l *library) reload(flush func() error) tea.Cmd {
	lib := l.deps.Library
	return func() tea.Msg {
		if flush != nil {
			_ = flush()
		}
		idx, err := lib.List()
		return sessionsListedMsg{items: idx, err: err}
	}
}

// sessionsListedMsg carries the index records read from the library.
type sessionsListedMsg struct {
	items []session.Index
	err   error
}

func (sessionsListedMsg) forLibrary() {}

func (l *library) setSize(w, h int)     { l.width, l.height = w, h }
func (l *library) setStyles(st *Styles) { l.styles = st }
func (l *library) setNote(s string)     { l.note = s }
func (l library) update(msg tea.Msg) (library, tea.Cmd) {
	if m, ok := msg.(sessionsListedMsg); ok {
		l.items = m.items
	}
	return l, nil
}
func (l library) view() string { return "" }

// loadSession loads id in a command.
func loadSession(lib Library, id string) tea.Cmd {
	return func() tea.Msg {
		s, err := lib.Load(id)
		return sessionLoadedMsg{sess: s, err: err}
	}
}
