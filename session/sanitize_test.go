package session

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "hello, world", "hello, world"},
		{"keeps newline and tab", "a\n\tb", "a\n\tb"},
		{"keeps wide and accents", "東京 café 👩‍💻 naïve", "東京 café 👩‍💻 naïve"},
		{"keeps harmless references", "R&D &amp; &lt;b&gt; &#65; &Tab; &NewLine;", "R&D &amp; &lt;b&gt; &#65; &Tab; &NewLine;"},
		{"crlf", "a\r\nb", "a\nb"},
		{"lone cr", "a\rb\r", "a\nb\n"},
		{"cr cr lf", "a\r\r\nb", "a\n\nb"},
		{"nul", "a\x00b", "ab"},
		{"bel bs vt ff", "a\x07\x08\x0b\x0cb", "ab"},
		{"del", "a\x7fb", "ab"},
		{"sgr", "\x1b[31mred\x1b[0m", "red"},
		{"csi private", "\x1b[?1049hx\x1b[?25l", "x"},
		{"csi with intermediate", "a\x1b[0 qb", "ab"},
		{"csi cut short at end", "a\x1b[31", "a"},
		{"csi cut by non-ascii", "a\x1b[31é", "aé"},
		{"osc 52 bel", "x\x1b]52;c;ZXZpbA==\x07y", "xy"},
		{"osc 52 st", "x\x1b]52;c;ZXZpbA==\x1b\\y", "xy"},
		{"osc 8 link", "\x1b]8;;http://x\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"osc cut by esc", "a\x1b]0;title\x1b[31mb", "ab"},
		{"osc cancelled by can", "a\x1b]0;t\x18b", "ab"},
		{"osc never ends keeps words", "a\x1b]0;title and more", "a0;title and more"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"apc", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"pm", "a\x1b^secret\x1b\\b", "ab"},
		{"sos", "a\x1bXsecret\x1b\\b", "ab"},
		{"two byte escapes", "a\x1bcb\x1b7c\x1b8d", "abcd"},
		{"charset designation", "a\x1b(Bb", "ab"},
		{"lone esc at end", "ab\x1b", "ab"},
		{"lone esc before text", "a\x1b\x1bb", "a"},
		{"esc before non-ascii", "a\x1bé", "aé"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc with c1 st", "a\u009d52;c;ZXZpbA==\u009cb", "ab"},
		{"c1 osc with bel", "a\u009d0;t\x07b", "ab"},
		{"c1 dcs", "a\u0090q\u009cb", "ab"},
		{"c1 others", "a\u0085\u0084\u009cb", "ab"},
		{"raw 8-bit csi is invalid utf-8", "a\x9b31mb", "a\uFFFD31mb"},
		{"invalid utf-8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"bidi override", "abc\u202Edcba\u202C", "abcdcba"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"bidi marks kept", "a\u200Eb\u200Fc", "a\u200Eb\u200Fc"},
		{"entity esc decimal", "&#27;]52;c;ZXZpbA==&#7;", "&amp;#27;]52;c;ZXZpbA==&amp;#7;"},
		{"entity esc hex", "&#x1b;[31m", "&amp;#x1b;[31m"},
		{"entity esc upper hex", "&#X1B;", "&amp;#X1B;"},
		{"entity leading zeros", "&#0027;", "&amp;#0027;"},
		{"entity without semicolon", "&#27[31m", "&amp;#27[31m"},
		{"entity c1 via windows-1252 table", "&#141;", "&amp;#141;"},
		{"entity 155 decodes to a safe quote", "&#155;", "&#155;"},
		{"entity cr", "&#13;", "&amp;#13;"},
		{"entity del", "&#127;", "&amp;#127;"},
		{"entity bidi", "&#x202E;", "&amp;#x202E;"},
		{"entity nul is replaced by html", "&#0;", "&#0;"},
		{"entity built from removed controls", "&\x00#27;", "&amp;#27;"},
		{"escape built from removed controls", "\x1b\x00[31m", "[31m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Sanitize(got); again != got {
				t.Errorf("Sanitize is not idempotent on %q: %q then %q", tt.in, got, again)
			}
			checkSafe(t, got)
		})
	}
}

// TestSanitizeAgreesWithAnsiStrip checks the sequence parser against
// charmbracelet/x/ansi on well-formed input, where ansi.Strip does the job;
// Sanitize differs only on the edges ansi.Strip leaves (C0, C1 runes,
// unterminated strings), which TestSanitize covers.
func TestSanitizeAgreesWithAnsiStrip(t *testing.T) {
	for _, in := range []string{
		"\x1b[1;31mbold red\x1b[0m plain",
		"\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\",
		"\x1b]52;c;ZXZpbA==\x07after",
		"\x1bPq#0;2;0;0;0#0~~@@vv@@~~\x1b\\after",
		"\x1b_Gf=100;AAAA\x1b\\after",
		"a\x1b7b\x1b8c\x1bcd",
		"\x1b[?1049h\x1b[2J\x1b[Hhome",
		"東京 \x1b[4mcafé\x1b[24m 👩‍💻",
	} {
		if got, want := Sanitize(in), ansi.Strip(in); got != want {
			t.Errorf("Sanitize(%q) = %q, ansi.Strip gives %q", in, got, want)
		}
	}
}

func TestEscapeInline(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Hello world", "Hello world"},
		{"heading", "# heading", `\# heading`},
		{"quote", "> said", `\> said`},
		{"bullet", "- item", `\- item`},
		{"plus", "+ item", `\+ item`},
		{"star", "* item", `\* item`},
		{"ordered", "1. first", `1\. first`},
		{"ordered paren", "12) first", `12\) first`},
		{"number not a list", "12 apples", "12 apples"},
		{"setext", "===", `\===`},
		{"thematic", "---", `\---`},
		{"table", "| a | b |", `\| a \| b \|`},
		{"fence", "```go", "\\`\\`\\`go"},
		{"tilde fence", "~~~", `\~\~\~`},
		{"html", "<script>alert(1)</script>", `\<script>alert(1)\</script>`},
		{"link", "[x](http://e)", `\[x\](http://e)`},
		{"backslash", `a\b`, `a\\b`},
		{"newlines become spaces", "a\nb\n\n# c", `a b  # c`},
		{"indent trimmed", "    code", "code"},
		{"snake_case kept", "snake_case", "snake_case"},
		{"emphasis underscore", "_em_", `\_em\_`},
		{"inner hash kept", "see #tag", "see #tag"},
		{"leading tag kept", "#tag first", "#tag first"},
		{"lone hash", "#", `\#`},
		{"table delimiter", ":---:", `\:---:`},
		{"emoji kept", ":smile: ok", ":smile: ok"},
		{"deep heading", "###### h", `\###### h`},
		{"sanitised", "\x1b[31mred\x1b[0m", "red"},
		{"entity neutralised", "&#27;", "&amp;#27;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeInline(tt.in); got != tt.want {
				t.Errorf("EscapeInline(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEscapeBlock(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"one line", "hello", "hello"},
		{"lines kept as hard breaks", "a\nb", "a  \nb"},
		{"paragraphs", "a\n\n\n\nb", "a\n\nb"},
		{"ends trimmed", "\n\na\n\n", "a"},
		{"every line escaped", "# a\n- b\n> c\n```", "\\# a  \n\\- b  \n\\> c  \n\\`\\`\\`"},
		{"crlf", "a\r\n\r\nb", "a\n\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeBlock(tt.in); got != tt.want {
				t.Errorf("EscapeBlock(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkSafe fails when s holds anything that could reach a terminal as a
// control, directly or through the HTML decoding glamour applies.
func checkSafe(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8 in %q", s)
	}
	if i := strings.IndexFunc(s, UnsafeRune); i >= 0 {
		t.Fatalf("unsafe character %U at %d in %q", []rune(s[i:])[0], i, s)
	}
	if d := html.UnescapeString(s); strings.ContainsFunc(d, UnsafeRune) {
		t.Fatalf("%q decodes to unsafe %q", s, d)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b[31mred", "\x1b]52;c;ZXZpbA==\x07", "&#27;]52;c;ZXZpbA==&#7;",
		"\u009b31m", "a\u202Eb", "\r\n\r", "&#x1b", "&\x00#27;", "\xff\xfe", "東京👩‍💻",
		"\x1b]8;;http://x\x1b\\", "&amp;#27;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		checkSafe(t, out)
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
		line := EscapeInline(in)
		checkSafe(t, line)
		if strings.ContainsAny(line, "\n\r") {
			t.Fatalf("EscapeInline(%q) = %q spans lines", in, line)
		}
		checkSafe(t, EscapeBlock(in))
	})
}

func TestPlainLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Fabrikam <Retail> & Co | EU", "Fabrikam <Retail> & Co | EU"},
		{"  # Acme *bold* `x`  ", "# Acme *bold* `x`"},
		{"two\nlines\tand tab", "two lines and tab"},
		{"evil\x1b]52;c;aGk=\x07name", "evilname"},
		{"csi\x1b[2Jname\u009b31m", "csiname"},
		{"bidi\u202eeman", "bidieman"},
		{"Fish &#27; Chips", "Fish &#27; Chips"},
		{"bad \xff byte", "bad \ufffd byte"},
		{"cr\r\nlf and\rcr", "cr lf and cr"},
		{"\t \n", ""},
	} {
		if got := PlainLine(c.in); got != c.want {
			t.Errorf("PlainLine(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
