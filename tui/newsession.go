package tui

import tea "charm.land/bubbletea/v2"

// newSession is the form that starts a session.
type newSession struct {
	deps          Deps
	styles        *Styles
	in            NewSessionInput
	width, height int
}

func newNewSession(deps Deps, in NewSessionInput, st *Styles) *newSession {
	return &newSession{deps: deps, in: in, styles: st}
}

func (f *newSession) init() tea.Cmd                       { return nil }
func (f *newSession) setSize(w, h int)                    { f.width, f.height = w, h }
func (f *newSession) setStyles(st *Styles)                { f.styles = st }
func (f newSession) update(tea.Msg) (newSession, tea.Cmd) { return f, nil }
func (f newSession) view() string                         { return "" }
