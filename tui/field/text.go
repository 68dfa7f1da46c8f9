package field

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// textField edits text (one line) and long_text (many lines, enter makes a
// new line) with the rapport editor, which never caps or filters what is
// typed or pasted.
type textField struct {
	base
	box   textBox
	multi bool
}

func newText(b base, a session.Answer, multi bool) *textField {
	f := &textField{base: b, multi: multi, box: newBox(a.Text, multi, b.st.Editor, textHint(multi))}
	f.layout()
	return f
}

func (f *textField) layout() {
	if f.multi {
		f.box.resize(f.width, f.height)
	} else {
		f.box.resize(f.width, f.height)
	}
}

// textHint is what an empty answer shows where it will be typed, so the
// line to type on is visible (with the cursor on it) before the first
// letter, in any terminal, colour or not.
func textHint(multi bool) string {
	if multi {
		return "their answer, in their words (enter starts a new line)"
	}
	return "their answer, in their words"
}

// Update forwards everything but the runner's keys to the editor.
func (f *textField) Update(msg tea.Msg) (Field, tea.Cmd) {
	if f.reserved(msg) {
		return f, nil
	}
	changed, cmd := f.box.update(msg)
	if changed {
		f.changed()
	}
	return f, cmd
}

// View is the editor itself, cropped to the size given.
func (f *textField) View() string {
	if !f.multi {
		return fit(f.box.rows(f.width, f.height), 0, f.width, f.height)
	}
	lines := strings.Split(f.box.m.View(), "\n")
	if len(lines) > f.height {
		lines = lines[:f.height]
	}
	return fit(lines, 0, f.width, f.height)
}

// SetSize gives the editor the whole field (one row for text).
func (f *textField) SetSize(w, h int) { f.setSize(w, h); f.layout() }

// Focus gives the editor the cursor.
func (f *textField) Focus() { f.focused = true; f.box.focus(true) }

// Blur takes the cursor away.
func (f *textField) Blur() { f.focused = false; f.box.focus(false) }

// Answer writes the text.
func (f *textField) Answer(a session.Answer) session.Answer {
	a.Text = f.box.value()
	return a
}

// Version moves with every edit of the text.
func (f *textField) Version() uint64 { return f.version }

// Keys: a one-line text has none of its own; long text tells that enter
// makes a new line, since tab does not.
func (f *textField) Keys() []key.Binding {
	if f.multi {
		return []key.Binding{f.keys.NewLine}
	}
	return []key.Binding{}
}
