package field

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
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

func newBox(value string, multiline bool, st editor.Styles, placeholder string) textBox {
	m := editor.New()
	m.SetMultiline(multiline)
	m.SetStyles(st)
	m.SetPlaceholder(placeholder)
	m.SetValue(value)
	m.CursorEnd()
	m.SetLimit(session.MaxTextBytes)
	return textBox{m: m, seen: m.Version()}
}

// room lets the editor take what answer a has room for, in a field whose
// editor holds one part of it (a list's item, a journey's cell, a ledger
// entry's text): session.MaxTextBytes less the text a holds outside the
// editor, so typing or pasting never takes an answer past what import
// takes back. a is the answer the field holds, the editor's text in it.
func (t *textBox) room(a session.Answer) {
	t.m.SetLimit(session.MaxTextBytes - (a.TextBytes() - t.m.Len()))
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

// load puts another sub-field's text in the editor, cursor at the end, with
// that sub-field's hint.
func (t *textBox) load(value, placeholder string) {
	t.m.SetPlaceholder(placeholder)
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

// show is clean for a row w cells wide: text far longer than the row (a
// pasted page) is clipped before cleaning, so drawing it costs the row, not
// the text.
func show(s string, w int) string {
	if limit := 8*max(w, 1) + 16; len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return clean(s)
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
		if width(l) > w {
			l = ansi.Truncate(l, w, "…")
		}
		out[i] = l
	}
	return strings.Join(out, "\n")
}

// marker is the cursor column of a row.
func (b *base) marker(on bool) string {
	if on && b.focused {
		return b.pt.Cursor.Render("▸") + " "
	}
	return "  "
}

// label renders a sub-field name padded to n cells.
func (b *base) label(name string, n int, on bool) string {
	pad := name + strings.Repeat(" ", max(0, n-ansi.StringWidth(name)))
	if on && b.focused {
		return b.pt.FocusedLabel.Render(pad)
	}
	return b.pt.Label.Render(pad)
}

// fitBlocks is fit for long lists: n blocks of rows, of which only those in
// view are drawn, so a keystroke in a 200-item list costs the rows on screen,
// not the list. height(i) must be cheap and equal len(render(i)); focusRow
// is the row, counted over all blocks, that must stay in view.
func fitBlocks(n int, height func(int) int, render func(int) []string, focusRow, w, h int) string {
	w, h = max(w, 1), max(h, 1)
	total := 0
	for i := range n {
		total += height(i)
	}
	start := 0
	if total > h {
		start = max(0, min(focusRow-h/2, total-h))
	}
	lines := make([]string, 0, h)
	row := 0
	for i := 0; i < n && row < start+h; i++ {
		hi := height(i)
		if row+hi <= start {
			row += hi
			continue
		}
		for _, l := range render(i) {
			if row >= start && row < start+h {
				lines = append(lines, l)
			}
			row++
		}
	}
	return fit(lines, 0, w, h)
}

// dots draws n of 5 as filled and empty dots, as ratings and amounts show.
func (b *base) dots(n int) string {
	var d strings.Builder
	for i := 1; i <= 5; i++ {
		if i > 1 {
			d.WriteByte(' ')
		}
		if i <= n {
			d.WriteString(b.pt.ScoreOn.Render("●"))
		} else {
			d.WriteString(b.pt.ScoreOff.Render("○"))
		}
	}
	return d.String()
}

// glyphs are the one-cell symbols the fields draw themselves.
const glyphs = "•▸●○█░⚑✗…↵\uFFFD"

// width is ansi.StringWidth with a fast path for the common row: ASCII text
// and SGR styles, measured by a byte scan instead of grapheme segmentation
// (which costs about a microsecond per 20 cells and dominated a keystroke).
func width(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// CSI: parameters and intermediates, then one final byte.
			i += 2
			for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
				i++
			}
		case c >= 0x20 && c < 0x7f:
			n++
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !strings.ContainsRune(glyphs, r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size - 1
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}
