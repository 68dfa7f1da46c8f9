package field

import (
	"math"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// numberField edits percent (0..100, with a bar) and number (any decimal)
// as text in a one-line editor. What is typed is always kept: a value that
// does not parse stays on screen with what is wrong, is not written into
// Answer.Number, and is kept in Answer.Text as a draft until it parses.
type numberField struct {
	base
	percent bool
	box     textBox
	// parsed state of the box's text
	empty bool
	valid bool
	value float64
	err   string
}

func newNumber(b base, a session.Answer, percent bool) *numberField {
	text := a.Text // a draft that did not parse wins: it is what was typed
	if text == "" && a.Number != nil {
		text = strconv.FormatFloat(*a.Number, 'f', -1, 64)
	}
	hint := "a number, such as 12 or 3.5"
	if percent {
		hint = "0 to 100"
	}
	f := &numberField{base: b, percent: percent, box: newBox(text, false, b.st.Editor, hint)}
	f.parse()
	return f
}

// parse reads the box's text into the field's state.
func (f *numberField) parse() {
	v, empty, err := parseNumber(f.box.value(), f.percent)
	f.value, f.empty, f.err = v, empty, err
	f.valid = !empty && err == ""
}

// parseNumber reads s as session.ParseNumber does, so accessible mode
// accepts exactly the text this field accepts.
func parseNumber(s string, percent bool) (v float64, empty bool, msg string) {
	return session.ParseNumber(s, percent)
}

// Update forwards everything but the runner's keys to the editor and
// re-reads the number when the text changed.
func (f *numberField) Update(msg tea.Msg) (Field, tea.Cmd) {
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

const percentBarMax = 40 // the bar's widest, in cells

// View is the editor, then the bar (percent), what is wrong, or the flag.
func (f *numberField) View() string {
	w := f.width
	lines := hang(f.marker(true), f.box.rows(f.editorWidth(), subRows), 2)
	if f.percent {
		lines[0] += f.pt.Muted.Render(" %")
	}
	switch {
	case f.err != "":
		lines = append(lines, "  "+f.pt.Error.Render("✗ "+f.err))
	case f.valid:
		if f.percent {
			label := " " + strconv.FormatFloat(f.value, 'f', -1, 64) + "%"
			bw := min(percentBarMax, w-2-len(label))
			if bw > 0 {
				full := int(math.Round(f.value / 100 * float64(bw)))
				lines = append(lines, "  "+f.pt.BarFull.Render(strings.Repeat("█", full))+
					f.pt.BarEmpty.Render(strings.Repeat("░", bw-full))+f.pt.Selected.Render(label))
			}
		}
		if fl := flagLine(&f.base, f.value); fl != "" {
			lines = append(lines, fl)
		}
	}
	return fit(lines, 0, w, f.height)
}

func (f *numberField) editorWidth() int {
	if f.percent {
		return min(24, f.width-4)
	}
	return min(32, f.width-2)
}

// SetSize records the space; the editor is narrow, numbers are short.
func (f *numberField) SetSize(w, h int) {
	f.setSize(w, h)
	f.box.resize(f.editorWidth(), subRows)
}

// Focus gives the editor the cursor.
func (f *numberField) Focus() { f.focused = true; f.box.focus(true) }

// Blur takes it away.
func (f *numberField) Blur() { f.focused = false; f.box.focus(false) }

// Answer writes the number when the text parses (clearing any draft), clears
// it when the text is blank, and otherwise keeps the text as a draft in
// Answer.Text and leaves Answer.Number as it was.
func (f *numberField) Answer(a session.Answer) session.Answer {
	switch {
	case f.empty:
		a.Number, a.Text = nil, ""
	case f.valid:
		v := f.value
		a.Number, a.Text = &v, ""
	default:
		a.Text = f.box.value()
	}
	return a
}

// Version moves with every edit of the text.
func (f *numberField) Version() uint64 { return f.version }

// Keys: digits are typed; nothing else is bound.
func (f *numberField) Keys() []key.Binding { return []key.Binding{} }
