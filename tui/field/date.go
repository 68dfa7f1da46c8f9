package field

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// dateField edits a date as text in a one-line editor, read as
// session.ParseDate reads it: everything a capture's due date takes
// (2026-03-20, today, +3d, fri: the coming Friday) and the past (yesterday,
// -3d, 2 weeks ago, last fri), since a date answer is most often about what
// already happened. A relative date is read against the app's clock as it is
// typed and stored as the day it names, YYYY-MM-DD, so it never drifts.
// What is typed is always kept: text that is not a date yet stays on
// screen with what it takes, and is kept in Answer.Text as a draft.
type dateField struct {
	base
	box   textBox
	date  string // the day the text reads as; "" when blank or not a date
	empty bool
}

func newDate(b base, a session.Answer) *dateField {
	f := &dateField{base: b, box: newBox(a.Text, false, b.st.Editor, playbooks.KindOf(playbooks.KindDate).How)}
	f.parse()
	return f
}

// parse reads the box's text as a date.
func (f *dateField) parse() {
	d, err := session.ParseDate(f.box.value(), f.now())
	f.date, f.empty = "", d == "" && err == nil
	if err == nil {
		f.date = d
	}
}

// Update forwards everything but the runner's keys to the editor and
// re-reads the date when the text changed.
func (f *dateField) Update(msg tea.Msg) (Field, tea.Cmd) {
	if f.reserved(msg) {
		return f, nil
	}
	changed, cmd := f.box.update(msg)
	if changed {
		f.parse()
		f.changed()
	}
	return f, cmd
}

// View is the editor, then the day the text reads as, or what a date
// takes.
func (f *dateField) View() string {
	lines := hang(f.marker(true), f.box.rows(f.editorWidth(), subRows), 2)
	switch {
	case f.date != "":
		if day, err := time.Parse(session.DateLayout, f.date); err == nil {
			lines = append(lines, "  "+f.pt.Muted.Render("→ "+day.Format(session.DayLayout)))
		}
	case !f.empty:
		lines = append(lines, "  "+f.pt.Error.Render("✗ not a date: type "+playbooks.KindOf(playbooks.KindDate).How))
	}
	return fit(lines, 0, f.width, f.height)
}

// editorWidth fits the hint, which says what a date takes; dates are short.
func (f *dateField) editorWidth() int { return min(64, f.width-2) }

// SetSize records the space.
func (f *dateField) SetSize(w, h int) {
	f.setSize(w, h)
	f.box.resize(f.editorWidth(), subRows)
}

// Focus gives the editor the cursor.
func (f *dateField) Focus() { f.focused = true; f.box.focus(true) }

// Blur takes it away.
func (f *dateField) Blur() { f.focused = false; f.box.focus(false) }

// Answer writes the day as YYYY-MM-DD when the text reads as one, nothing
// when it is blank, and otherwise the text as typed, a draft.
func (f *dateField) Answer(a session.Answer) session.Answer {
	switch {
	case f.empty:
		a.Text = ""
	case f.date != "":
		a.Text = f.date
	default:
		a.Text = f.box.value()
	}
	return a
}

// Version moves with every edit of the text.
func (f *dateField) Version() uint64 { return f.version }

// Keys: a date is typed; nothing else is bound.
func (f *dateField) Keys() []key.Binding { return []key.Binding{} }

var _ Field = (*dateField)(nil)
