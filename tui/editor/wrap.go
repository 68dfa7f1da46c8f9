package editor

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// cluster returns the byte length and cell width of the grapheme cluster at
// s[i:]. ASCII followed by ASCII is its own one-cell cluster (the only ASCII
// pair that joins is CR LF, and CR never enters the value), and so is a
// common letter or ideograph followed by ASCII or another such character
// (see simpleWidth); that keeps typing and wrapping prose, accented or CJK,
// off the slow Unicode segmentation path.
func cluster(s string, i int) (size, width int) {
	c := s[i]
	if c < 0x80 {
		if i+1 == len(s) || s[i+1] < 0x80 {
			return 1, 1
		}
		if r2, _ := decode(s, i+1); simpleWidth(r2) >= 0 {
			return 1, 1
		}
		return slowCluster(s, i)
	}
	r, n := decode(s, i)
	w := simpleWidth(r)
	if w < 0 {
		return slowCluster(s, i)
	}
	j := i + n
	if j == len(s) || s[j] < 0x80 {
		return n, w
	}
	if r2, _ := decode(s, j); simpleWidth(r2) >= 0 {
		return n, w
	}
	return slowCluster(s, i)
}

// simpleWidth returns the width of r if r is a grapheme cluster on its own
// whenever it is followed by ASCII or another simple character (it neither
// extends what precedes it nor joins what follows), and -1 otherwise. It
// covers CJK ideographs, kana and Hangul syllables (always 2 cells) and the
// Latin, Greek and Cyrillic blocks, whose entries are measured once with
// the same functions the view is measured with.
func simpleWidth(r rune) int {
	switch {
	case r >= 0x4e00 && r <= 0x9fff, r >= 0x3041 && r <= 0x3096, r >= 0x30a1 && r <= 0x30fa, r >= 0xac00 && r <= 0xd7a3:
		return 2
	case r >= latinLo && r < latinHi:
		return int(latinTable()[r-latinLo])
	}
	return -1
}

const latinLo, latinHi = 0xa0, 0x530

// latinTable holds simpleWidth for U+00A0..U+052F, -1 where a character is
// not simple (combining marks, controls). It is built on first use from
// the segmenter and the width function themselves, so it cannot disagree
// with them (including RUNEWIDTH_EASTASIAN).
var latinTable = sync.OnceValue(func() *[latinHi - latinLo]int8 {
	var t [latinHi - latinLo]int8
	for r := rune(latinLo); r < latinHi; r++ {
		s := string(r)
		t[r-latinLo] = -1
		if a, _ := ansi.FirstGraphemeCluster(s+"a", ansi.GraphemeWidth); a != s {
			continue
		}
		if a, _ := ansi.FirstGraphemeCluster("a"+s, ansi.GraphemeWidth); a != "a" {
			continue
		}
		if a, _ := ansi.FirstGraphemeCluster(s+s, ansi.GraphemeWidth); a != s {
			continue
		}
		if w := ansi.StringWidth(s); w >= 1 && w <= 2 {
			t[r-latinLo] = int8(w)
		}
	}
	return &t
})

func slowCluster(s string, i int) (size, width int) {
	c, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
	if len(c) == 0 {
		return 1, 0
	}
	return len(c), w
}

// wrap soft-wraps s into rows of at most w cells (w >= 1) and returns the
// byte offset where each row starts. Rows break after the last space that
// fits, or inside a word longer than the row. A space that does not fit
// takes the word before it to the next row, so rows never start with the
// space that separated two words (unless the word filled a whole row, when
// there is nowhere else to put it). When the last row is full an
// empty row is added so the cursor after the last character has a cell.
// dst is reused when it has room.
func wrap(s string, w int, dst []int) []int {
	rows, _ := wrapFrom(s, w, append(dst[:0], 0), nil)
	return rows
}

// wrapFrom continues wrapping s from the row starting at rows[len(rows)-1],
// appending row starts. Before appending a row start it asks stop, if given;
// when stop says yes it returns that start without appending it, so a
// caller can splice in rows it already knows.
func wrapFrom(s string, w int, rows []int, stop func(start int) bool) ([]int, int) {
	start := rows[len(rows)-1]
	x := 0
	brk, brkX := -1, 0 // just past the last space in this row, and its column
	for i := start; i < len(s); {
		if s[i] < 0x80 {
			// Fast path: take as much of an ASCII run as fits in the row in
			// one step (one cell per byte), remembering its last space.
			lim := min(i+w-x, len(s))
			j := i
			for j < lim && s[j] < 0x80 {
				j++
			}
			if j < len(s) && s[j] >= 0x80 {
				// The last ASCII byte may start a cluster with what follows,
				// unless that is a simple character.
				if r, _ := decode(s, j); simpleWidth(r) < 0 {
					j--
				}
			}
			if j > i {
				if p := strings.LastIndexByte(s[i:j], ' '); p >= 0 {
					brk, brkX = i+p+1, x+p+1
				}
				x += j - i
				i = j
				continue
			}
		}
		if s[i] >= 0x80 {
			// Fast path: a run of simple characters (CJK, accented
			// letters) that fits, without segmenting.
			j, jx, prev := i, x, -1
			for j < len(s) && s[j] >= 0x80 {
				r, n := decode(s, j)
				rw := simpleWidth(r)
				if rw < 0 {
					// It may extend the character before it.
					j, jx = prev, jx-prevW(s, prev)
					break
				}
				if jx+rw > w {
					break
				}
				prev = j
				j += n
				jx += rw
			}
			if j > i {
				x = jx
				i = j
				continue
			}
		}
		size, cw := 1, 1
		if s[i] >= 0x80 || i+1 < len(s) && s[i+1] >= 0x80 {
			size, cw = cluster(s, i)
		}
		if x+cw > w && i > start {
			// Break after the last space that fits, and again before this
			// cluster if the carried-over word still leaves it no room.
			if brk > start {
				x -= brkX
				start, brk = brk, -1
				if stop != nil && stop(start) {
					return rows, start
				}
				rows = append(rows, start)
			}
			if x+cw > w && i > start {
				start, x, brk = i, 0, -1
				if stop != nil && stop(start) {
					return rows, start
				}
				rows = append(rows, start)
			}
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
	return rows, -1
}

// decode is utf8.DecodeRuneInString with the two- and three-byte forms
// (accented letters, CJK) inlined, as wrapping decodes every character.
func decode(s string, i int) (rune, int) {
	c := s[i]
	switch {
	case c < 0x80:
		return rune(c), 1
	case c >= 0xc2 && c <= 0xdf && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
		return rune(c&0x1f)<<6 | rune(s[i+1]&0x3f), 2
	case (c >= 0xe1 && c <= 0xec || c == 0xee || c == 0xef) && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
		return rune(c&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// prevW returns the width of the simple character at s[p:], or 0 when p is
// -1 (no character taken).
func prevW(s string, p int) int {
	if p < 0 {
		return 0
	}
	r, _ := decode(s, p)
	return simpleWidth(r)
}

// rewrap updates the row starts old of a line after bytes [a, b) were
// replaced by n bytes, giving s. Rows before the one ahead of the edit
// cannot change (a row's break depends only on text up to the first
// cluster that does not fit, which lies before the edit), and once a new row
// starts where an old one did, shifted, past the edit, every later row is the
// old one shifted. So a keystroke in a 1 MB line re-wraps a row or two and
// shifts the rest, instead of segmenting a megabyte. scratch is reused.
func rewrap(old []int, s string, w, a, b, n int, scratch []int) (rows, scr []int) {
	delta := n - (b - a)
	end := a + n
	k := max(rowAt(old, a)-1, 0)
	oi := k + 1
	tmp, at := wrapFrom(s, w, append(scratch[:0], old[k]), func(start int) bool {
		if start < end {
			return false
		}
		t := start - delta
		for oi < len(old) && old[oi] < t {
			oi++
		}
		return oi < len(old) && old[oi] == t
	})
	if at < 0 {
		return append(old[:k+1], tmp[1:]...), tmp
	}
	rows = slices.Replace(old, k+1, oi, tmp[1:]...)
	for x := k + len(tmp); x < len(rows); x++ {
		rows[x] += delta
	}
	return rows, tmp
}

// rowAt returns the index of the row holding byte offset off: the last row
// that starts at or before it.
func rowAt(rows []int, off int) int {
	return sort.Search(len(rows), func(k int) bool { return rows[k] > off }) - 1
}
