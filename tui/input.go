package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

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
// twice changes nothing); a key's text loses only the unsafe runes.
func safeInput(msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		if strings.IndexFunc(m.Text, unsafeInputRune) >= 0 {
			m.Text = strings.Map(func(r rune) rune {
				if unsafeInputRune(r) {
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

// unsafeInputRune reports whether r must not be typed into a field: a
// control other than newline and tab, DEL, a C1 control or a bidi control.
func unsafeInputRune(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	}
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
