// Package editor is the answer editor: a multi-line, soft-wrapping text field
// built for an hour of live typing. The stock bubbles textarea re-wraps and
// re-renders every line on each keystroke and keeps 99 lines unless told
// otherwise; this editor re-wraps only around the edit, renders only the
// visible rows, and never silently drops text (typing or a paste that would
// pass its limit, MaxBytes unless SetLimit says otherwise, is refused whole,
// with a RefusedMsg the parent can show).
//
// Model is a handle: copies share one buffer, as with the bubbles
// components' caches. Create each editor with New and keep the Model that
// Update returns.
//
// Behaviour where a text box has to choose:
//   - Incoming text (typed, pasted, SetValue) goes through Sanitize: escape
//     sequences and control characters never enter the value, CR LF becomes
//     LF, and a tab becomes four spaces (a tab has no fixed width in a
//     soft-wrapped row, so the cursor column would be ambiguous).
//   - Rows wrap after the last space that fits, or inside a word longer than
//     the row, by display cells (wide characters and emoji take 2).
//   - up/down move by visual row and keep the column they started from; up
//     on the first row goes to the start, down on the last row to the end.
//   - home/end go to the start/end of the logical line, ctrl+home/ctrl+end
//     of the text; pgup/pgdown move the cursor a screenful of rows.
//   - Words are runs of non-space characters.
//   - With multi-line off, enter is left to the parent and a paste's line
//     breaks become spaces; SetValue keeps its newlines.
//   - Width 0 renders Height empty rows; height 0 renders "".
package editor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// MaxBytes is the largest value an editor takes through typing and pasting
// unless SetLimit gives another (4 MiB, four times the largest paste
// PRODUCT.md asks for). A paste or a key that would grow the value past the
// limit is refused whole and Update returns a command that yields
// RefusedMsg, so text is never cut without a word. SetValue is not capped:
// text the app already holds is never truncated.
const MaxBytes = 4 << 20

// RefusedMsg reports a paste or keystroke the editor did not take because
// the value would pass its limit. The parent says so in a status line.
type RefusedMsg struct {
	// Bytes is the size of the refused text, Total the size the value
	// would have had with it, and Limit the editor's limit.
	Bytes, Total, Limit int
	// Paste is true for a paste, false for a key typed.
	Paste bool
}

// Model is the editor. See the package comment: it is a handle, and its zero
// value is an empty, unfocused editor of width 0 and height 0.
type Model struct {
	st *state
}

// line is one logical line and its soft-wrap cache.
type line struct {
	s    string
	rows []int // row start offsets at width w; nil when stale
	w    int
}

type state struct {
	lines []line
	// Cursor: line index and byte offset in that line (a grapheme boundary).
	cl, cc int
	// goalX is the column up/down aim for, so moving through a short row
	// does not lose the column; -1 when unset.
	goalX int
	// Scroll: the first visible row is the row of line topL holding byte
	// offset topOff. An offset survives rewrapping, a row index would not.
	topL, topOff int

	width, height int
	focused       bool
	multiline     bool
	placeholder   string
	styles        Styles
	text, ph, cur painter
	keys          KeyMap

	scratch []int // reused by rewrap

	version uint64
	length  int // bytes in Value()
	limit   int // the most bytes typing and pasting may grow the value to

	valCache string
	valVer   uint64
	valOK    bool
}

// Default size, so an editor shown before the first WindowSizeMsg still
// looks like a text box.
const (
	defaultWidth  = 40
	defaultHeight = 6
)

// New returns an empty, unfocused, multi-line editor, 40 cells by 6 rows.
func New() Model {
	return Model{st: newState()}
}

func newState() *state {
	st := &state{
		lines:     []line{{}},
		goalX:     -1,
		width:     defaultWidth,
		height:    defaultHeight,
		multiline: true,
		limit:     MaxBytes,
		keys:      DefaultKeyMap(),
	}
	st.setStyles(Styles{})
	return st
}

// get returns the state, creating one for a zero Model so that no method
// panics on it.
func (m *Model) get() *state {
	if m.st == nil {
		m.st = newState()
		m.st.width, m.st.height = 0, 0
	}
	return m.st
}

// Update takes key presses and pastes while focused and ignores every other
// message, and every key it has no binding for (tab, esc, ctrl+k, ctrl+e...),
// so the parent keeps those.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.st == nil || !m.st.focused {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m, m.st.key(msg)
	case tea.PasteMsg:
		return m, m.st.insert(msg.Content, true)
	}
	return m, nil
}

// SetValue replaces the text, puts the cursor at its end and scrolls to it.
// The text is sanitised like typed text; newlines are kept even when
// multi-line is off (the app's own text is never reshaped). Version changes
// only if the value does.
func (m *Model) SetValue(s string) {
	st := m.get()
	s = Sanitize(s)
	if st.length == len(s) && (Model{st}).Value() == s {
		st.cursorEnd()
		return
	}
	parts := strings.Split(s, "\n")
	st.lines = make([]line, len(parts))
	for i, p := range parts {
		st.lines[i].s = p
	}
	st.length = len(s)
	st.topL, st.topOff = 0, 0
	st.changed()
	st.valCache, st.valVer, st.valOK = s, st.version, true
	st.cursorEnd()
}

// Value returns the text. It is joined lazily and cached until the next
// change, so calling it after every Update costs nothing while idle.
func (m Model) Value() string {
	if m.st == nil {
		return ""
	}
	st := m.st
	if st.valueOK() {
		return st.valCache
	}
	var b strings.Builder
	b.Grow(st.length)
	for i, ln := range st.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(ln.s)
	}
	st.valCache, st.valVer, st.valOK = b.String(), st.version, true
	return st.valCache
}

func (st *state) valueOK() bool { return st.valOK && st.valVer == st.version }

// Len returns the value's length in bytes without joining it.
func (m Model) Len() int {
	if m.st == nil {
		return 0
	}
	return m.st.length
}

// LineCount returns the number of logical lines (newline-separated), at
// least 1.
func (m Model) LineCount() int {
	if m.st == nil {
		return 1
	}
	return len(m.st.lines)
}

// SetWidth sets the width in cells; rows are re-wrapped lazily, only as
// they come into view. Negative widths count as 0.
func (m *Model) SetWidth(w int) {
	st := m.get()
	st.width = max(w, 0)
	st.scroll()
}

// SetHeight sets the number of rows View returns. Negative heights count as
// 0, for which View returns "".
func (m *Model) SetHeight(h int) {
	st := m.get()
	st.height = max(h, 0)
	st.scroll()
}

// Width returns the width in cells.
func (m Model) Width() int {
	if m.st == nil {
		return 0
	}
	return m.st.width
}

// Height returns the number of rows View returns.
func (m Model) Height() int {
	if m.st == nil {
		return 0
	}
	return m.st.height
}

// Focus makes the editor take keys and draw its cursor.
func (m *Model) Focus() { m.get().focused = true }

// Blur stops the editor taking keys and hides its cursor.
func (m *Model) Blur() { m.get().focused = false }

// Focused reports whether the editor takes keys.
func (m Model) Focused() bool { return m.st != nil && m.st.focused }

// SetMultiline turns multi-line editing on or off. Off, enter is left to the
// parent (it submits a one-line field) and a paste's line breaks become
// spaces, so no pasted word is lost.
func (m *Model) SetMultiline(on bool) {
	st := m.get()
	st.multiline = on
	st.keys.InsertNewline.SetEnabled(on)
}

// SetLimit sets the most bytes typing and pasting may grow the value to
// (MaxBytes until set): a parent whose value is one part of a larger whole
// gives the editor the room the rest leaves. A value already past it keeps
// its text; only growth is refused.
func (m *Model) SetLimit(n int) { m.get().limit = max(n, 0) }

// SetPlaceholder sets the hint shown while the value is empty.
func (m *Model) SetPlaceholder(s string) { m.get().placeholder = Sanitize(s) }

// SetStyles sets the styles; see Styles.
func (m *Model) SetStyles(s Styles) { m.get().setStyles(s) }

func (st *state) setStyles(s Styles) {
	st.styles = s
	st.text = newPainter(s.Text)
	st.ph = newPainter(s.Placeholder)
	st.cur = newPainter(s.Cursor)
}

// Version returns a counter that increases on every change of the value, so
// a parent can tell that it has something new to save without comparing
// strings.
func (m Model) Version() uint64 {
	if m.st == nil {
		return 0
	}
	return m.st.version
}

// CursorEnd moves the cursor to the end of the text and scrolls to it.
func (m *Model) CursorEnd() { m.get().cursorEnd() }

// KeyMap returns the bindings in effect (enter is disabled when multi-line
// is off), for the help bar.
func (m Model) KeyMap() KeyMap {
	if m.st == nil {
		return DefaultKeyMap()
	}
	return m.st.keys
}

func (st *state) changed() {
	st.version++
	st.goalX = -1
}

func (st *state) cursorEnd() {
	st.cl = len(st.lines) - 1
	st.cc = len(st.lines[st.cl].s)
	st.goalX = -1
	st.scroll()
}

// key applies one key press.
func (st *state) key(msg tea.KeyPressMsg) tea.Cmd {
	a := st.keys.lookup(msg.Keystroke())
	if a == actNone {
		if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper|tea.ModMeta|tea.ModHyper) != 0 {
			return nil
		}
		switch msg.Code {
		case tea.KeyTab, tea.KeyEnter, tea.KeyEscape, tea.KeyBackspace, tea.KeyDelete:
			return nil
		}
		return st.insert(msg.Text, false)
	}
	if a != actUp && a != actDown && a != actPageUp && a != actPageDown {
		st.goalX = -1
	}
	switch a {
	case actRight:
		st.right()
	case actLeft:
		st.left()
	case actWordRight:
		st.wordRight()
	case actWordLeft:
		st.wordLeft()
	case actDown:
		st.vertical(1)
	case actUp:
		st.vertical(-1)
	case actPageDown:
		st.vertical(max(st.height, 1))
	case actPageUp:
		st.vertical(-max(st.height, 1))
	case actHome:
		st.cc = 0
	case actEnd:
		st.cc = len(st.lines[st.cl].s)
	case actBegin:
		st.cl, st.cc = 0, 0
	case actFinish:
		st.cl = len(st.lines) - 1
		st.cc = len(st.lines[st.cl].s)
	case actNewline:
		return st.insert("\n", false)
	case actBackspace:
		st.backspace()
	case actDelete:
		st.deleteForward()
	case actDeleteWordBack:
		if st.cc == 0 {
			st.backspace()
		} else {
			to := st.cc
			st.wordLeftInLine()
			st.cut(st.cc, to)
		}
	case actDeleteWordForward:
		if st.cc == len(st.lines[st.cl].s) {
			st.deleteForward()
		} else {
			from := st.cc
			st.wordRightInLine()
			to := st.cc
			st.cc = from
			st.cut(from, to)
		}
	case actDeleteToStart:
		st.cut(0, st.cc)
	}
	st.snap()
	st.scroll()
	return nil
}

// snap moves a cursor that ended up inside a grapheme cluster (text typed
// before a combining mark or a second flag letter, a word move stopping
// after a space that carries an accent) to the end of that cluster, so the
// view never splits a cluster around the cursor. It scans one row at most.
func (st *state) snap() {
	s := st.lines[st.cl].s
	cc := st.cc
	if cc == 0 || cc >= len(s) || s[cc] < 0x80 && s[cc-1] < 0x80 {
		return
	}
	rows := st.rows(st.cl)
	p := rows[rowAt(rows, cc)]
	for p < cc {
		n, _ := cluster(s, p)
		p += n
	}
	st.cc = p
}

// insert puts text at the cursor: sanitised, line breaks joined with spaces
// when multi-line is off, refused whole above the limit.
func (st *state) insert(text string, paste bool) tea.Cmd {
	text = Sanitize(text)
	if !st.multiline {
		text = strings.ReplaceAll(text, "\n", " ")
	}
	if text == "" {
		return nil
	}
	if st.length+len(text) > st.limit {
		r := RefusedMsg{Bytes: len(text), Total: st.length + len(text), Limit: st.limit, Paste: paste}
		return func() tea.Msg { return r }
	}
	cur := &st.lines[st.cl]
	if strings.IndexByte(text, '\n') < 0 {
		st.edit(st.cl, st.cc, st.cc, text)
		st.cc += len(text)
	} else {
		parts := strings.Split(text, "\n")
		n := len(parts)
		added := make([]line, n-1)
		for i := 1; i < n-1; i++ {
			added[i-1].s = parts[i]
		}
		last := parts[n-1]
		added[n-2].s = last + cur.s[st.cc:]
		st.edit(st.cl, st.cc, len(cur.s), parts[0])
		st.lines = insertLines(st.lines, st.cl+1, added)
		st.cl += n - 1
		st.cc = len(last)
	}
	st.length += len(text)
	st.changed()
	st.snap()
	st.scroll()
	return nil
}

// insertLines inserts added at i, growing the slice geometrically so a
// stream of enters is amortised O(1) per line moved.
func insertLines(lines []line, i int, added []line) []line {
	n := len(added)
	if len(lines)+n > cap(lines) {
		grown := make([]line, len(lines)+n, max(2*cap(lines), len(lines)+n))
		copy(grown, lines[:i])
		copy(grown[i+n:], lines[i:])
		lines = grown
	} else {
		lines = lines[:len(lines)+n]
		copy(lines[i+n:], lines[i:])
	}
	copy(lines[i:], added)
	return lines
}

// edit replaces bytes [a, b) of line i with ins. A line whose rows are
// current is re-wrapped around the edit only (see rewrap); a stale one is
// left for rows to wrap when it is next needed.
func (st *state) edit(i, a, b int, ins string) {
	ln := &st.lines[i]
	ln.s = ln.s[:a] + ins + ln.s[b:]
	if ln.w != st.wrapWidth() || len(ln.rows) == 0 {
		ln.rows, ln.w = ln.rows[:0], 0
		return
	}
	ln.rows, st.scratch = rewrap(ln.rows, ln.s, ln.w, a, b, len(ins), st.scratch)
}

// cut removes bytes [from, to) of the cursor line and leaves the cursor at
// from.
func (st *state) cut(from, to int) {
	if from >= to {
		st.cc = from
		return
	}
	st.edit(st.cl, from, to, "")
	st.cc = from
	st.length -= to - from
	st.changed()
}

func (st *state) backspace() {
	if st.cc > 0 {
		st.cut(st.prevBoundary(st.cl, st.cc), st.cc)
		return
	}
	if st.cl == 0 {
		return
	}
	st.joinWithNext(st.cl - 1)
}

func (st *state) deleteForward() {
	s := st.lines[st.cl].s
	if st.cc < len(s) {
		n, _ := cluster(s, st.cc)
		st.cut(st.cc, st.cc+n)
		return
	}
	if st.cl == len(st.lines)-1 {
		return
	}
	st.joinWithNext(st.cl)
}

// joinWithNext removes the newline after line i and puts the cursor where
// it was.
func (st *state) joinWithNext(i int) {
	at := len(st.lines[i].s)
	st.edit(i, at, at, st.lines[i+1].s)
	copy(st.lines[i+1:], st.lines[i+2:])
	st.lines[len(st.lines)-1] = line{}
	st.lines = st.lines[:len(st.lines)-1]
	st.cl, st.cc = i, at
	st.length--
	st.changed()
}

func (st *state) right() {
	s := st.lines[st.cl].s
	if st.cc < len(s) {
		n, _ := cluster(s, st.cc)
		st.cc += n
	} else if st.cl < len(st.lines)-1 {
		st.cl, st.cc = st.cl+1, 0
	}
}

func (st *state) left() {
	if st.cc > 0 {
		st.cc = st.prevBoundary(st.cl, st.cc)
	} else if st.cl > 0 {
		st.cl--
		st.cc = len(st.lines[st.cl].s)
	}
}

// prevBoundary returns the start of the grapheme cluster that ends at off
// in line i. Clusters can only be found going forward, so it scans from the
// start of off's row (a cluster boundary) rather than from the line start.
func (st *state) prevBoundary(i, off int) int {
	s := st.lines[i].s
	if off >= 2 && s[off-1] < 0x80 && s[off-2] < 0x80 || off == 1 && s[0] < 0x80 {
		return off - 1
	}
	rows := st.rows(i)
	k := rowAt(rows, off-1)
	p := rows[k]
	for p < off {
		n, _ := cluster(s, p)
		if p+n >= off {
			return p
		}
		p += n
	}
	return p
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

func isSpaceBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(r)
}

// wordRightInLine moves past the spaces and then the word after the cursor,
// stopping at the end of the line.
func (st *state) wordRightInLine() {
	s := st.lines[st.cl].s
	i := st.cc
	for i < len(s) && isSpaceAt(s, i) {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	for i < len(s) && !isSpaceAt(s, i) {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	st.cc = i
}

// wordLeftInLine moves back over the spaces and then the word before the
// cursor, stopping at the start of the line.
func (st *state) wordLeftInLine() {
	s := st.lines[st.cl].s
	i := st.cc
	for i > 0 && isSpaceBefore(s, i) {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
	}
	for i > 0 && !isSpaceBefore(s, i) {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
	}
	st.cc = i
}

func (st *state) wordRight() {
	if st.cc == len(st.lines[st.cl].s) {
		if st.cl == len(st.lines)-1 {
			return
		}
		st.cl, st.cc = st.cl+1, 0
	}
	st.wordRightInLine()
}

func (st *state) wordLeft() {
	if st.cc == 0 {
		if st.cl == 0 {
			return
		}
		st.cl--
		st.cc = len(st.lines[st.cl].s)
	}
	st.wordLeftInLine()
}
