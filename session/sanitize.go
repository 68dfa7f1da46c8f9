package session

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes text from a user, a JSON file or a playbook file safe to
// print on a terminal or hand to glamour. Text typed or pasted in a session
// can carry terminal escape sequences (OSC 52 writes the clipboard, OSC 8
// hides a link, CSI moves the cursor over what was written), and glamour
// decodes HTML character references, so "&#27;" in Markdown would reach the
// terminal as a live ESC. Sanitize removes:
//
//   - escape sequences: CSI, OSC, DCS, APC, PM, SOS and two-byte escapes,
//     whether introduced by ESC or by their C1 form (U+009B and friends);
//   - a lone ESC, C0 controls other than newline and tab, DEL and C1
//     controls (U+0080..U+009F); "\r\n" and a lone "\r" become "\n";
//   - bidi embedding, override and isolate controls (U+202A..U+202E,
//     U+2066..U+2069), which can make a line display something it does not
//     hold;
//
// replaces invalid UTF-8 with U+FFFD, and writes the "&" of any character
// reference that would decode to one of those characters as "&amp;", so it
// shows as typed instead of being decoded. Every other character (wide CJK,
// emoji, accents) is kept. An escape string (OSC, DCS...) that never ends
// loses only its introducer, so the words after it still show.
//
// Sanitize is idempotent. Stored text is never sanitised: it keeps what was
// typed, and output is sanitised on its way out.
func Sanitize(s string) string {
	if clean(s) {
		return s
	}
	return neutraliseReferences(stripControls(s))
}

// PlainLine makes s one line of plain text safe to print on a terminal,
// for every place that is not Markdown: a screen's row, a line read out in
// accessible mode, a list, a command's message. Escape sequences and unsafe
// characters are removed as Sanitize does, line breaks and tabs become
// spaces and surrounding space is trimmed. Nothing is Markdown-escaped and
// no character reference is touched (a terminal decodes none, and neither
// a screen's row nor a line read out goes through glamour), so a name reads
// as it was typed: "Fabrikam <Retail> & Co | EU", "Fish &#27; Chips".
// Text bound for Markdown goes through Sanitize or EscapeInline instead.
func PlainLine(s string) string {
	if !clean(s) {
		s = stripControls(s) // a "\r" comes out as "\n"
	}
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// EscapeInline sanitises s and makes it one line of Markdown that cannot
// start or change any structure wherever it is placed: at the start of a
// line, in a list item, a table cell, a blockquote or after a bold label.
// Newlines and tabs become spaces, surrounding space is trimmed, and the
// characters that could open a heading, list, quote, fence, table cell,
// setext underline, thematic break, link, emphasis or raw HTML are
// backslash-escaped.
func EscapeInline(s string) string {
	s = Sanitize(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, s)
	}
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	escapeLine(&b, s)
	return b.String()
}

// EscapeBlock sanitises s and makes it Markdown paragraphs that show the
// text as typed and start no structure: each line is escaped like
// EscapeInline, runs of blank lines become one paragraph break, and blank
// lines at either end are dropped.
func EscapeBlock(s string) string {
	s = Sanitize(s)
	var b strings.Builder
	b.Grow(len(s) + 16)
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(strings.ReplaceAll(line, "\t", " "))
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				// A line typed on its own line stays on its own line when
				// rendered: two trailing spaces are Markdown's hard break,
				// and they read cleanly in the plain file.
				b.WriteString("  \n")
			}
		}
		blank = false
		escapeLine(&b, line)
	}
	return b.String()
}

// escapeLine writes one trimmed line of sanitised text with Markdown
// escapes. Characters that only matter at the start of a block are escaped
// there; the others everywhere.
func escapeLine(b *strings.Builder, s string) {
	// Block starters: "# ", ">", "-", "+", "=" (setext), ":-" (a table
	// delimiter row), and "1." / "1)".
	if s != "" {
		switch s[0] {
		case '#':
			// "#tag" is a tag, not a heading: only a run of "#" followed
			// by a space or the end opens one.
			n := 0
			for n < len(s) && s[n] == '#' {
				n++
			}
			if n == len(s) || s[n] == ' ' {
				b.WriteByte('\\')
			}
		case '>', '-', '+', '=':
			b.WriteByte('\\')
		case ':':
			// ":--" or ":-:" alone on a line is a table delimiter row:
			// it would turn the line above into a table header.
			if strings.Trim(s, ":- ") == "" {
				b.WriteByte('\\')
			}
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			n := 0
			for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
				n++
			}
			if n < len(s) && (s[n] == '.' || s[n] == ')') {
				b.WriteString(s[:n])
				b.WriteByte('\\')
				s = s[n:]
			}
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '[', ']', '<', '|', '~':
			b.WriteByte('\\')
		case '_':
			// Inside a word (snake_case) an underscore cannot emphasise;
			// leave it bare so identifiers read well in plain text.
			if !(wordBefore(s, i) && wordAfter(s, i+1)) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
}

func wordBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func wordAfter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// clean reports whether s needs no change: printable ASCII, newline and tab
// only, and no "&". It keeps the common case free of allocation.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || c == '&' || (c < 0x20 && c != '\n' && c != '\t') {
			return false
		}
	}
	return true
}

// UnsafeRune reports whether r must never reach the terminal: a control
// other than newline and tab, DEL, a C1 control or a bidi control. It is
// the rule for output (Sanitize) and for input (the app cleans typed text
// with it where it enters).
func UnsafeRune(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	}
	return isBidiControl(r)
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// The C1 controls that introduce sequences, in their one-rune form.
const (
	c1DCS = 0x90
	c1SOS = 0x98
	c1CSI = 0x9b
	c1ST  = 0x9c
	c1OSC = 0x9d
	c1PM  = 0x9e
	c1APC = 0x9f
)

// stripControls removes escape sequences and unsafe characters, and
// replaces invalid UTF-8 with U+FFFD. It follows the ECMA-48 / VT500 parser
// closely enough that what a terminal would take as one sequence is removed
// whole, and never leaves an ESC or C1 behind.
func stripControls(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == '\r':
			b.WriteByte('\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == 0x1b:
			i = skipEscape(s, i+1)
		case r == c1CSI:
			i = skipCSI(s, i+w)
		case r == c1OSC || r == c1DCS || r == c1APC || r == c1PM || r == c1SOS:
			i = skipString(s, i+w)
		case UnsafeRune(r):
			i += w
		default:
			b.WriteString(s[i : i+w])
			i += w
		}
	}
	return b.String()
}

// skipEscape returns the index after the escape sequence whose ESC ends
// just before j. A lone ESC (followed by nothing a terminal would take as a
// sequence) is dropped and the text after it kept.
func skipEscape(s string, j int) int {
	if j >= len(s) {
		return j
	}
	switch c := s[j]; {
	case c == '[':
		return skipCSI(s, j+1)
	case c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X':
		return skipString(s, j+1)
	case c >= 0x20 && c <= 0x2f: // intermediates, then a final byte
		k := j
		for k < len(s) && s[k] >= 0x20 && s[k] <= 0x2f {
			k++
		}
		if k < len(s) && s[k] >= 0x30 && s[k] <= 0x7e {
			return k + 1
		}
		return j
	case c >= 0x30 && c <= 0x7e: // a two-byte escape such as ESC c or ESC 7
		return j + 1
	}
	return j
}

// skipCSI returns the index after a control sequence whose introducer ends
// just before j: parameter and intermediate bytes, then a final byte. A
// sequence cut short loses what it had so far.
func skipCSI(s string, j int) int {
	k := j
	for k < len(s) && s[k] >= 0x20 && s[k] <= 0x3f {
		k++
	}
	for k < len(s) && s[k] >= 0x20 && s[k] <= 0x2f {
		k++
	}
	if k < len(s) && s[k] >= 0x40 && s[k] <= 0x7e {
		return k + 1
	}
	return k
}

// skipString returns the index after a control string (OSC, DCS, APC, PM,
// SOS) whose introducer ends just before j. It ends at BEL, at ST (ESC \ or
// U+009C), is cancelled by CAN or SUB, and is cut by any other ESC, which
// starts a new sequence. A string that never ends loses only its
// introducer: a terminal would swallow the rest, but dropping the rest here
// would hide words the user typed.
func skipString(s string, j int) int {
	for k := j; k < len(s); k++ {
		switch s[k] {
		case 0x07, 0x18, 0x1a:
			return k + 1
		case 0x1b:
			if k+1 < len(s) && s[k+1] == '\\' {
				return k + 2
			}
			return k
		case 0xc2:
			if k+1 < len(s) && s[k+1] == c1ST {
				return k + 2
			}
		}
	}
	return j
}

// neutraliseReferences writes the "&" of every HTML character reference
// that html.UnescapeString (which glamour applies to text) would decode
// into an unsafe character as "&amp;", so the reference shows as typed.
func neutraliseReferences(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		// The bytes html.UnescapeString reads for one reference: "&",
		// an optional "#" and "x", letters and digits, an optional ";".
		j := i + 1
		if j < len(s) && s[j] == '#' {
			j++
			if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
				j++
			}
		}
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
		if j < len(s) && s[j] == ';' {
			j++
		}
		if j-i < 2 || !strings.ContainsFunc(html.UnescapeString(s[i:j]), UnsafeRune) {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString("&amp;")
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
