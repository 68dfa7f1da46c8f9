package editor

import (
	"strings"
	"unicode/utf8"
)

// tabSpaces replaces a tab in incoming text. A tab has no fixed width in a
// soft-wrapped view and would make the cursor column ambiguous, so it becomes
// spaces: the words survive, only the alignment is approximate.
const tabSpaces = "    "

// Sanitize returns s as the editor would store it: escape sequences (CSI, OSC,
// DCS, ...), C0 and C1 control characters other than newline, DEL and bidi
// embedding/override/isolate controls are removed; CR LF and lone CR become
// LF; U+2028/U+2029 become LF; tabs become four spaces; invalid UTF-8 becomes
// U+FFFD. It exists so that text typed or pasted from a hostile source can
// never reach the terminal as a control sequence. It allocates only when s
// needs changing.
func Sanitize(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' {
			b.WriteByte(c)
			i++
			continue
		}
		switch c {
		case '\t':
			b.WriteString(tabSpaces)
			i++
			continue
		case '\r':
			b.WriteByte('\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
			continue
		case 0x1b:
			i = skipEscape(s, i+1)
			continue
		}
		if c < 0x80 { // other C0 controls and DEL
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		i += size
		switch {
		case r >= 0x80 && r <= 0x9f:
			i = skipC1(s, i, r)
		case r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case isBidiControl(r):
		default:
			b.WriteString(s[i-size : i])
		}
	}
	return b.String()
}

// clean reports whether s needs no change, so the common case costs one scan
// and no allocation.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || r <= 0x9f || r == 0x2028 || r == 0x2029 || isBidiControl(r) {
			return false
		}
		i += size
	}
	return true
}

func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// skipEscape returns the index just past the escape sequence whose ESC byte
// precedes i, so that no part of it (not even its printable tail like "[31m")
// lands in the text.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// Intermediate bytes, then one final byte (ESC ( B, ESC 7, ...).
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipC1 handles a C1 control given as a code point: CSI and the string
// introducers swallow their sequence like their ESC forms; the rest are
// dropped alone.
func skipC1(s string, i int, r rune) int {
	switch r {
	case 0x9b:
		return skipCSI(s, i)
	case 0x90, 0x98, 0x9d, 0x9e, 0x9f:
		return skipString(s, i)
	}
	return i
}

// skipCSI skips parameter and intermediate bytes up to and including the
// final byte; it stops early at anything that cannot belong to a CSI, so
// that a stray ESC [ does not eat the rest of a paste.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f:
			i++
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipString skips an OSC/DCS/SOS/PM/APC body up to its terminator (BEL, ESC
// \ or C1 ST). An unterminated string is capped at maxControlString bytes so
// a lone ESC ] in a paste cannot swallow the text after it.
func skipString(s string, i int) int {
	const maxControlString = 4096
	for j := i; j < len(s) && j-i < maxControlString; j++ {
		switch s[j] {
		case 0x07:
			return j + 1
		case 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
			return j + 1
		case '\n', '\r':
			return j
		case 0xc2:
			if j+1 < len(s) && s[j+1] == 0x9c {
				return j + 2
			}
		}
	}
	// Unterminated: drop only the introducer, keep the text.
	return i
}
