package tui

// Text helpers every screen uses to fit lines into a width and a height:
// wrapping, cutting by display cells (never by bytes), padding and joining.
// They live apart from any one screen so the library, runner, summary and
// overlays all measure text the same way.

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// styleLines renders each line with st.
func styleLines(st lipgloss.Style, lines []string) []string {
	for i, l := range lines {
		lines[i] = st.Render(l)
	}
	return lines
}

// wrapLines word-wraps s to width and keeps at most n lines, marking a cut
// with an ellipsis so nothing is silently hidden.
func wrapLines(s string, width, n int) []string {
	if width <= 0 || n <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wrap(s, width, ""), "\n")
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = ansi.Truncate(lines[n-1], max(width-1, 0), "") + "…"
	}
	return lines
}

// fitLines returns exactly h lines, each cut to width; with pad, each is
// also padded to width (for columns side by side).
func fitLines(lines []string, width, h int, pad bool) []string {
	out := make([]string, max(h, 0))
	for i := range out {
		if i < len(lines) {
			out[i] = cut(lines[i], width)
		}
		if pad {
			out[i] = padRight(out[i], width)
		}
	}
	return out
}

// fitBlock joins exactly h lines cut to width.
func fitBlock(lines []string, width, h int) string {
	var b strings.Builder
	for i := range max(h, 0) {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(cut(lines[i], width))
		}
	}
	return b.String()
}

// cut truncates s to width cells. Most lines are plain ASCII that fits,
// and measuring grapheme by grapheme on every frame is what makes a
// keystroke slow, so that case is answered from the byte length.
func cut(s string, width int) string {
	if w, ok := asciiWidth(s); ok && w <= width {
		return s
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "")
}

// asciiWidth is the width of s when every character in it is one cell
// for sure: printable ASCII, Latin letters, and the punctuation, arrows,
// box drawing and shapes the screens draw with, plus CSI escapes (the
// styling lipgloss adds), which take none. ok is false for anything else,
// and the caller measures properly.
func asciiWidth(s string) (w int, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			if i+1 >= len(s) || s[i+1] != '[' {
				return 0, false
			}
			i += 2
			for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
				i++
			}
			if i == len(s) {
				return 0, false
			}
			i++
		case c < 0x20 || c == 0x7f:
			return 0, false
		case c < 0x80:
			w++
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !oneCell(r) {
				return 0, false
			}
			w++
			i += size
		}
	}
	return w, true
}

// oneCell reports whether r is surely one cell wide: no combining marks,
// no East Asian wide or ambiguous-in-practice ranges.
func oneCell(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x2FF: // Latin-1 and Latin Extended, no C1
		return r != 0xAD // soft hyphen is zero width
	case r >= 0x2010 && r <= 0x2027: // dashes, quotes, bullet, ellipsis
		return true
	case r >= 0x2030 && r <= 0x205E: // per mille, angle quotes
		return true
	case r >= 0x2190 && r <= 0x21FF: // arrows
		return true
	case r >= 0x2500 && r <= 0x25FF: // box drawing, blocks, shapes
		return r != 0x25FD && r != 0x25FE // two emoji squares are wide
	}
	return false
}

// truncate cuts s to width cells, marking a cut with an ellipsis so it
// never passes for the whole text. (cut, which fits lines to a frame,
// marks nothing.)
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if w, ok := asciiWidth(s); ok && w <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

func padRight(s string, width int) string {
	w, ok := asciiWidth(s)
	if !ok {
		w = ansi.StringWidth(s)
	}
	if w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// joinEnds puts left and right on one line of width w, the right end kept
// whole when it fits and the left cut first.
func joinEnds(left, right string, w int) string {
	rw := ansi.StringWidth(right)
	if rw >= w {
		return ansi.Truncate(right, w, "…")
	}
	avail := w - rw - 1
	left = ansi.Truncate(left, avail, "…")
	gap := w - ansi.StringWidth(left) - rw
	return left + strings.Repeat(" ", max(gap, 1)) + right
}
