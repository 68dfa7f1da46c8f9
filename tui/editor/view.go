package editor

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// wrapWidth is the width rows are wrapped to; at width 0 the view is empty
// but the cursor logic still needs rows.
func (st *state) wrapWidth() int { return max(st.width, 1) }

// rows returns the row starts of line i, wrapping it now if it changed or
// the width did. Only lines that are edited, looked at or walked through
// get wrapped.
func (st *state) rows(i int) []int {
	ln := &st.lines[i]
	w := st.wrapWidth()
	if ln.w != w || len(ln.rows) == 0 {
		ln.rows = wrap(ln.s, w, ln.rows)
		ln.w = w
	}
	return ln.rows
}

// pos is a visual row: line index and row index within the line.
type pos struct{ l, r int }

func (a pos) before(b pos) bool { return a.l < b.l || a.l == b.l && a.r < b.r }

func (st *state) next(p pos) (pos, bool) {
	if p.r+1 < len(st.rows(p.l)) {
		return pos{p.l, p.r + 1}, true
	}
	if p.l+1 < len(st.lines) {
		return pos{p.l + 1, 0}, true
	}
	return p, false
}

func (st *state) prev(p pos) (pos, bool) {
	if p.r > 0 {
		return pos{p.l, p.r - 1}, true
	}
	if p.l > 0 {
		return pos{p.l - 1, len(st.rows(p.l-1)) - 1}, true
	}
	return p, false
}

// back walks n rows up from p, stopping at the first row.
func (st *state) back(p pos, n int) pos {
	for ; n > 0; n-- {
		q, ok := st.prev(p)
		if !ok {
			break
		}
		p = q
	}
	return p
}

func (st *state) cursorPos() pos {
	return pos{st.cl, rowAt(st.rows(st.cl), st.cc)}
}

func (st *state) topPos() pos {
	if st.topL >= len(st.lines) {
		st.topL, st.topOff = len(st.lines)-1, 0
	}
	rows := st.rows(st.topL)
	st.topOff = min(st.topOff, len(st.lines[st.topL].s))
	return pos{st.topL, rowAt(rows, st.topOff)}
}

func (st *state) setTop(p pos) {
	st.topL, st.topOff = p.l, st.rows(p.l)[p.r]
}

// scroll moves the view the least that puts the cursor in it, and never
// leaves blank rows at the bottom while text is hidden above. It walks at
// most a screenful of rows, so its cost does not grow with the text.
func (st *state) scroll() {
	if st.width <= 0 || st.height <= 0 {
		// Nothing is shown (the parent has not sized the editor yet): keep
		// the work for SetWidth/SetHeight, which scroll again.
		return
	}
	h := st.height
	top := st.topPos()
	cur := st.cursorPos()
	if cur.before(top) {
		top = cur
	} else if t := st.back(cur, h-1); top.before(t) {
		top = t
	}
	last := len(st.lines) - 1
	if maxTop := st.back(pos{last, len(st.rows(last)) - 1}, h-1); maxTop.before(top) {
		top = maxTop
	}
	st.setTop(top)
}

// vertical moves the cursor n visual rows down (up if negative), aiming at
// the column it had when vertical moves began.
func (st *state) vertical(n int) {
	cur := st.cursorPos()
	rows := st.rows(st.cl)
	if st.goalX < 0 {
		st.goalX = st.cellsBetween(st.cl, rows[cur.r], st.cc)
	}
	p := cur
	for ; n > 0; n-- {
		q, ok := st.next(p)
		if !ok {
			if p == cur {
				st.cc = len(st.lines[st.cl].s) // last row: down goes to the end
				return
			}
			break
		}
		p = q
	}
	for ; n < 0; n++ {
		q, ok := st.prev(p)
		if !ok {
			if p == cur {
				st.cc = 0 // first row: up goes to the start
				return
			}
			break
		}
		p = q
	}
	st.cl = p.l
	st.cc = st.offsetAt(p, st.goalX)
}

// cellsBetween measures s[from:to] of line i in cells.
func (st *state) cellsBetween(i, from, to int) int {
	s := st.lines[i].s
	x := 0
	for p := from; p < to; {
		n, w := cluster(s, p)
		x += w
		p += n
	}
	return x
}

// rowEnd returns the end of row r of line i (exclusive) and whether it is
// the line's last row.
func (st *state) rowEnd(i, r int) (int, bool) {
	rows := st.rows(i)
	if r+1 < len(rows) {
		return rows[r+1], false
	}
	return len(st.lines[i].s), true
}

// offsetAt returns the offset in row p closest to column x. On a row that
// continues on the next, the cursor stops on the row's last cluster: the
// offset just past it belongs to the next row.
func (st *state) offsetAt(p pos, x int) int {
	s := st.lines[p.l].s
	from := st.rows(p.l)[p.r]
	end, lastRow := st.rowEnd(p.l, p.r)
	cx, at, prevAt := 0, from, from
	for at < end {
		n, w := cluster(s, at)
		if cx+w > x {
			return at
		}
		cx += w
		prevAt = at
		at += n
	}
	if !lastRow {
		return prevAt
	}
	return at
}

// View renders exactly Height rows, each at most Width cells, with the
// cursor in reverse video when focused. Only the visible rows are wrapped
// and drawn.
func (m Model) View() string {
	if m.st == nil || m.st.height <= 0 {
		return ""
	}
	st := m.st
	h := st.height
	if st.width <= 0 {
		return strings.Repeat("\n", h-1)
	}
	if st.length == 0 && st.placeholder != "" {
		return st.placeholderView()
	}
	var b strings.Builder
	b.Grow(h * (st.width + 16))
	p := st.topPos()
	cur := pos{-1, -1}
	if st.focused {
		cur = st.cursorPos()
	}
	ok := true
	for n := 0; n < h; n++ {
		if n > 0 {
			b.WriteByte('\n')
		}
		if !ok {
			continue
		}
		st.renderRow(&b, p, p == cur)
		p, ok = st.next(p)
	}
	return b.String()
}

func (st *state) renderRow(b *strings.Builder, p pos, withCursor bool) {
	s := st.lines[p.l].s
	from := st.rows(p.l)[p.r]
	end, _ := st.rowEnd(p.l, p.r)
	if !withCursor {
		b.WriteString(st.text.paint(st.fit(s[from:end])))
		return
	}
	b.WriteString(st.text.paint(st.fit(s[from:st.cc])))
	under := " "
	after := st.cc
	if st.cc < end {
		n, _ := cluster(s, st.cc)
		// A cursor left inside a cluster (text typed before a combining
		// mark) could segment past the row end; the row end wins.
		after = min(st.cc+n, end)
		under = st.fit(s[st.cc:after])
	}
	st.drawCursor(b, under)
	b.WriteString(st.text.paint(st.fit(s[after:end])))
}

func (st *state) drawCursor(b *strings.Builder, under string) {
	if st.cur.plain {
		b.WriteString(reverseOn)
		b.WriteString(under)
		b.WriteString(reverseOff)
		return
	}
	b.WriteString(st.cur.paint(under))
}

// fit replaces clusters wider than the row (a wide character in a 1-cell
// editor) by "?" so no row is wider than Width.
func (st *state) fit(s string) string {
	if st.width >= 2 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		n, w := cluster(s, i)
		if w > st.width {
			b.WriteByte('?')
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// placeholderView draws the hint, one row per hint line, cut to the width,
// with the cursor on its first cell when focused.
func (st *state) placeholderView() string {
	lines := strings.Split(st.placeholder, "\n")
	var b strings.Builder
	for n := 0; n < st.height; n++ {
		if n > 0 {
			b.WriteByte('\n')
		}
		if n >= len(lines) {
			continue
		}
		l := st.fit(ansi.Truncate(lines[n], st.width, ""))
		if n == 0 && st.focused {
			under := " "
			rest := ""
			if l != "" {
				k, _ := cluster(l, 0)
				under, rest = l[:k], l[k:]
			}
			st.drawCursor(&b, under)
			b.WriteString(st.ph.paint(rest))
			continue
		}
		b.WriteString(st.ph.paint(l))
	}
	return b.String()
}
