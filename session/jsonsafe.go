package session

import "unicode/utf8"

// EscapeJSONControls rewrites, in JSON text, each character that
// encoding/json writes raw although a terminal may act on it: DEL, the C1
// controls U+0080..U+009F (U+009B is CSI and U+009D OSC to a terminal
// that reads them, so `cat export.json` could run an escape sequence held
// in a client's name), and the bidi embedding, override and isolate
// controls (U+202A..U+202E, U+2066..U+2069), which make a line show
// something else than it holds. Each becomes a \uXXXX escape. In valid
// JSON such a character can only sit inside a string, where the escape
// decodes to the same character, so the document means exactly what it
// meant: a backup keeps what was typed, and no byte of it is a control.
// It is the one rule for every JSON rapport writes (the export, list
// --json). It returns b itself when nothing needs escaping.
func EscapeJSONControls(b []byte) []byte {
	first := -1
	for i := 0; i < len(b); i++ {
		if c := b[i]; c == 0x7f || c == 0xc2 || c == 0xe2 {
			if _, n := jsonControlAt(b, i); n > 0 {
				first = i
				break
			}
		}
	}
	if first < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:first]...)
	for i := first; i < len(b); {
		if r, n := jsonControlAt(b, i); n > 0 {
			out = append(out, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
			i += n
			continue
		}
		out = append(out, b[i])
		i++
	}
	return out
}

const hex = "0123456789abcdef"

// jsonControlAt reports the character at b[i] and its length in bytes when
// it is one EscapeJSONControls escapes, else n == 0.
func jsonControlAt(b []byte, i int) (r rune, n int) {
	if b[i] == 0x7f {
		return 0x7f, 1
	}
	if b[i] < utf8.RuneSelf {
		return 0, 0
	}
	r, n = utf8.DecodeRune(b[i:])
	switch {
	case r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return r, n
	}
	return 0, 0
}
