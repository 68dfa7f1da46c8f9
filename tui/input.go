package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
	"rapport/tui/editor"
)

// safeInput cleans typed and pasted text once, where it enters the app,
// so that no field can carry to the terminal what must never reach it:
// escape sequences, control characters other than newline and tab, and
// the bidi embedding, override and isolate controls (U+202A..U+202E,
// U+2066..U+2069), which make a line display something it does not hold.
// The runner's editors always cleaned their input; the one-line inputs
// (bubbles' textinput, huh's fields: the library filter, the new-session
// form, the index filter, the ad-hoc question, the pain title, the roadmap
// form) keep bidi controls, so they are cleaned here for all of them. A
// paste is cleaned as the editor cleans it (editor.Sanitize; cleaning
// twice changes nothing); a key's text loses only the runes
// session.UnsafeRune names, the rule the output sanitiser keeps too.
func safeInput(msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		if strings.IndexFunc(m.Text, session.UnsafeRune) >= 0 {
			m.Text = strings.Map(func(r rune) rune {
				if session.UnsafeRune(r) {
					return -1
				}
				return r
			}, m.Text)
			return m
		}
	case tea.PasteMsg:
		m.Content = editor.Sanitize(m.Content)
		return m
	}
	return msg
}
