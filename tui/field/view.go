package field

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/tui/editor"
)

// textBox is one rapport editor used as a sub-field. It remembers the
// editor's version it last saw, so a forwarded message tells whether the
// text changed without comparing strings.
type textBox struct {
	m    editor.Model
	seen uint64
	w, h int
}

func newBox(value string, multiline bool, st editor.Styles) textBox {
	m := editor.New()
	m.SetMultiline(multiline)
	m.SetStyles(st)
	m.SetValue(value)
	m.CursorEnd()
	return textBox{m: m, seen: m.Version()}
}

// update forwards msg to the editor and reports whether the text changed.
func (t *textBox) update(msg tea.Msg) (bool, tea.Cmd) {
	m, cmd := t.m.Update(msg)
	t.m = m
	v := t.m.Version()
	changed := v != t.seen
	t.seen = v
	return changed, cmd
}

// load puts another sub-field's text in the editor, cursor at the end.
func (t *textBox) load(value string) {
	t.m.SetValue(value)
	t.m.CursorEnd()
	t.seen = t.m.Version()
}

func (t *textBox) value() string { return t.m.Value() }

func (t *textBox) focus(on bool) {
	if on {
		t.m.Focus()
	} else {
		t.m.Blur()
	}
}

// resize gives the editor w by h cells, telling it only when they change
// (an editor may re-wrap its text on a new width).
func (t *textBox) resize(w, h int) {
	w, h = max(w, 1), max(h, 1)
	if w != t.w {
		t.m.SetWidth(w)
		t.w = w
	}
	if h != t.h {
		t.m.SetHeight(h)
		t.h = h
	}
}

// subRows is the most rows a one-line sub-editor may wrap to inside a form.
const subRows = 4

// rows draws the editor w cells wide in at most n rows: as many as its text
// wraps to, so a long one-line answer is seen whole rather than only its
// last row.
func (t *textBox) rows(w, n int) []string {
	t.resize(w, n)
	rs := strings.Split(t.m.View(), "\n")
	for len(rs) > 1 && rs[len(rs)-1] == "" {
		rs = rs[:len(rs)-1]
	}
	return rs
}

// hang puts rows after first, continuation rows indented to line up.
func hang(first string, rows []string, indent int) []string {
	out := make([]string, len(rows))
	pad := strings.Repeat(" ", max(indent, 0))
	for i, r := range rows {
		if i == 0 {
			out[i] = first + r
		} else {
			out[i] = pad + r
		}
	}
	return out
}

// clean makes user or playbook text safe and single-line for display outside
// an editor: control characters, C1 bytes and bidi overrides can never reach
// the terminal, and line breaks show as ↵. The stored text is not changed.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if unsafeRune(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune('↵')
		case r == '\t':
			b.WriteByte(' ')
		case isBidi(r):
			// dropped from display: they reorder what follows
		case unsafeRune(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidi(r)
}

func isBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// fit crops lines to the field's size: each line to w cells, and the rows to
// h, scrolled so the row with focus stays in view.
func fit(lines []string, focus, w, h int) string {
	w, h = max(w, 1), max(h, 1)
	start := 0
	if len(lines) > h {
		focus = min(max(focus, 0), len(lines)-1)
		// Centre the focus so the rows around it stay in view.
		start = max(0, min(focus-h/2, len(lines)-h))
		lines = lines[start:min(start+h, len(lines))]
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			l = ansi.Truncate(l, w, "…")
		}
		out[i] = l
	}
	return strings.Join(out, "\n")
}

// marker is the cursor column of a row.
func (b *base) marker(on bool) string {
	if on && b.focused {
		return b.st.Cursor.Render("▸") + " "
	}
	return "  "
}

// label renders a sub-field name padded to n cells.
func (b *base) label(name string, n int, on bool) string {
	pad := name + strings.Repeat(" ", max(0, n-ansi.StringWidth(name)))
	if on && b.focused {
		return b.st.FocusedLabel.Render(pad)
	}
	return b.st.Label.Render(pad)
}
