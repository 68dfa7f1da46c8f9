package editor

import (
	"sort"

	"github.com/charmbracelet/x/ansi"
)

// cluster returns the byte length and cell width of the grapheme cluster at
// s[i:]. ASCII followed by ASCII is its own one-cell cluster (the only ASCII
// pair that joins is CR LF, and CR never enters the value), which keeps
// typing prose off the slow Unicode path.
func cluster(s string, i int) (size, width int) {
	if s[i] < 0x80 && (i+1 == len(s) || s[i+1] < 0x80) {
		return 1, 1
	}
	c, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
	if len(c) == 0 {
		return 1, 0
	}
	return len(c), w
}

// wrap soft-wraps s into rows of at most w cells (w >= 1) and returns the
// byte offset where each row starts. Rows break after the last space that
// fits, or inside a word longer than the row. When the last row is full an
// empty row is added so the cursor after the last character has a cell.
// dst is reused when it has room.
func wrap(s string, w int, dst []int) []int {
	rows := append(dst[:0], 0)
	start, x := 0, 0
	brk, brkX := -1, 0 // just past the last space in this row, and its column
	for i := 0; i < len(s); {
		size, cw := cluster(s, i)
		if x+cw > w && i > start {
			if s[i] != ' ' && brk > start {
				x -= brkX
				start = brk
			} else {
				start, x = i, 0
			}
			brk = -1
			rows = append(rows, start)
		}
		x += cw
		i += size
		if s[i-size] == ' ' {
			brk, brkX = i, x
		}
	}
	if x >= w && len(s) > 0 {
		rows = append(rows, len(s))
	}
	return rows
}

// rowAt returns the index of the row holding byte offset off: the last row
// that starts at or before it.
func rowAt(rows []int, off int) int {
	return sort.Search(len(rows), func(k int) bool { return rows[k] > off }) - 1
}
