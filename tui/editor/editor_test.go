package editor

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Keys as Bubble Tea delivers them.
var (
	kEnter     = tea.KeyPressMsg{Code: tea.KeyEnter}
	kBackspace = tea.KeyPressMsg{Code: tea.KeyBackspace}
	kDelete    = tea.KeyPressMsg{Code: tea.KeyDelete}
	kLeft      = tea.KeyPressMsg{Code: tea.KeyLeft}
	kRight     = tea.KeyPressMsg{Code: tea.KeyRight}
	kUp        = tea.KeyPressMsg{Code: tea.KeyUp}
	kDown      = tea.KeyPressMsg{Code: tea.KeyDown}
	kHome      = tea.KeyPressMsg{Code: tea.KeyHome}
	kEnd       = tea.KeyPressMsg{Code: tea.KeyEnd}
	kPgUp      = tea.KeyPressMsg{Code: tea.KeyPgUp}
	kPgDown    = tea.KeyPressMsg{Code: tea.KeyPgDown}
	kSpace     = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	kTab       = tea.KeyPressMsg{Code: tea.KeyTab}
	kShiftTab  = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	kEsc       = tea.KeyPressMsg{Code: tea.KeyEscape}
	kAltLeft   = tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModAlt}
	kAltRight  = tea.KeyPressMsg{Code: tea.KeyRight, Mod: tea.ModAlt}
	kCtrlLeft  = tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModCtrl}
	kCtrlRight = tea.KeyPressMsg{Code: tea.KeyRight, Mod: tea.ModCtrl}
	kAltBksp   = tea.KeyPressMsg{Code: tea.KeyBackspace, Mod: tea.ModAlt}
	kCtrlHome  = tea.KeyPressMsg{Code: tea.KeyHome, Mod: tea.ModCtrl}
	kCtrlEnd   = tea.KeyPressMsg{Code: tea.KeyEnd, Mod: tea.ModCtrl}
)

func ctrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

func text(s string) tea.KeyPressMsg {
	r := []rune(s)
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

func paste(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

// newEd returns a focused editor of the given size.
func newEd(w, h int) Model {
	m := New()
	m.SetWidth(w)
	m.SetHeight(h)
	m.Focus()
	return m
}

// typeAll sends each message in turn.
func typeAll(m Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		m, _ = m.Update(msg)
	}
	return m
}

// typeString types s one key at a time, enter for newlines.
func typeString(m Model, s string) Model {
	for _, r := range s {
		switch r {
		case '\n':
			m, _ = m.Update(kEnter)
		case ' ':
			m, _ = m.Update(kSpace)
		default:
			m, _ = m.Update(text(string(r)))
		}
	}
	return m
}

// withCursor returns the value with "|" at the cursor, to assert where the
// cursor is in a way a reader can see.
func withCursor(m Model) string {
	st := m.st
	var b strings.Builder
	for i, ln := range st.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == st.cl {
			b.WriteString(ln.s[:st.cc] + "|" + ln.s[st.cc:])
		} else {
			b.WriteString(ln.s)
		}
	}
	return b.String()
}

func TestEditing(t *testing.T) {
	tests := []struct {
		name  string
		start string // initial value; cursor at its end
		w     int
		keys  []tea.Msg
		want  string // value with | at the cursor
	}{
		{"type", "", 20, []tea.Msg{text("h"), text("i"), kSpace, text("é")}, "hi é|"},
		{"newline splits", "abcd", 20, []tea.Msg{kLeft, kLeft, kEnter}, "ab\n|cd"},
		{"backspace joins lines", "ab\ncd", 20, []tea.Msg{kHome, kBackspace}, "ab|cd"},
		{"backspace at start does nothing", "ab", 20, []tea.Msg{kCtrlHome, kBackspace}, "|ab"},
		{"delete joins lines", "ab\ncd", 20, []tea.Msg{kUp, kEnd, kDelete}, "ab|cd"},
		{"delete at end does nothing", "ab", 20, []tea.Msg{kDelete}, "ab|"},
		{"backspace removes a whole emoji", "a👍🏽", 20, []tea.Msg{kBackspace}, "a|"},
		{"backspace removes combining accent with letter", "ae\u0301", 20, []tea.Msg{kBackspace}, "a|"},
		{"letter typed before a combining mark joins it", "\u0301x", 20, []tea.Msg{kHome, text("e")}, "e\u0301|x"},
		{"second flag letter typed before the first", "🇸", 20, []tea.Msg{kHome, text("🇺")}, "🇺🇸|"},
		{"left over wide char", "中文", 20, []tea.Msg{kLeft}, "中|文"},
		{"word left", "one two  three", 20, []tea.Msg{kAltLeft, kAltLeft}, "one |two  three"},
		{"ctrl word left", "one two", 20, []tea.Msg{kCtrlLeft}, "one |two"},
		{"word right", "one two  three", 20, []tea.Msg{kCtrlHome, kAltRight, kCtrlRight}, "one two|  three"},
		{"word left crosses lines", "ab\ncd", 20, []tea.Msg{kHome, kAltLeft}, "|ab\ncd"},
		{"word right crosses lines", "ab x\ncd e", 20, []tea.Msg{kCtrlHome, kAltRight, kAltRight, kAltRight}, "ab x\ncd| e"},
		{"delete word back", "one two three", 20, []tea.Msg{kAltBksp}, "one two |"},
		{"ctrl+w deletes word", "one two ", 20, []tea.Msg{ctrl('w')}, "one |"},
		{"delete word back at line start joins", "ab\ncd", 20, []tea.Msg{kHome, ctrl('w')}, "ab|cd"},
		{"ctrl+u deletes to line start", "x\none two", 20, []tea.Msg{kLeft, kLeft, ctrl('u')}, "x\n|wo"},
		{"alt+d deletes word forward", "one two", 20, []tea.Msg{kHome, tea.KeyPressMsg{Code: 'd', Mod: tea.ModAlt}}, "| two"},
		{"home end", "abc", 20, []tea.Msg{kHome, text("x"), kEnd, text("y")}, "xabcy|"},
		{"ctrl+home ctrl+end", "a\nb\nc", 20, []tea.Msg{kCtrlHome, text("0"), kCtrlEnd, text("9")}, "0a\nb\nc9|"},
		{"up keeps column", "abcdef\nxy\nabcdef", 20, []tea.Msg{kLeft, kLeft, kUp, kUp}, "abcd|ef\nxy\nabcdef"},
		{"up on first row goes to start", "abc", 20, []tea.Msg{kUp}, "|abc"},
		{"down on last row goes to end", "abc", 20, []tea.Msg{kHome, kDown}, "abc|"},
		// "aaaa bbbb cccc" at width 6 wraps as "aaaa " / "bbbb " / "cccc".
		{"up through wrapped rows", "aaaa bbbb cccc", 6, []tea.Msg{kUp}, "aaaa bbbb| cccc"},
		{"up twice through wrapped rows", "aaaa bbbb cccc", 6, []tea.Msg{kUp, kUp}, "aaaa| bbbb cccc"},
		{"down through wrapped rows", "aaaa bbbb cccc", 6, []tea.Msg{kCtrlHome, kRight, kDown}, "aaaa b|bbb cccc"},
		{"down from wrapped row to next line", "aaaa bbbb\nxyz", 6, []tea.Msg{kCtrlHome, kDown, kDown}, "aaaa bbbb\n|xyz"},
		{"up lands on wide char", "中文字\nabcd", 20, []tea.Msg{kLeft, kUp}, "中|文字\nabcd"},
		{"paste multi-line", "ab", 20, []tea.Msg{kLeft, paste("1\n2\n3")}, "a1\n2\n3|b"},
		{"paste crlf", "", 20, []tea.Msg{paste("a\r\nb\rc")}, "a\nb\nc|"},
		{"paste filters controls", "", 20, []tea.Msg{paste("a\x1b[31mred\x1b[0m\x00\x07b\u009b2Jc\x1b]52;c;aGk=\x07d")}, "aredbcd|"},
		{"paste tab becomes spaces", "", 20, []tea.Msg{paste("a\tb")}, "a    b|"},
		{"paste drops bidi override", "", 20, []tea.Msg{paste("a\u202eb")}, "ab|"},
		{"paste invalid utf8", "", 20, []tea.Msg{paste("a\xffb")}, "a\uFFFDb|"},
		{"typed control text dropped", "", 20, []tea.Msg{text("\x1b")}, "|"},
		{"page down", "1\n2\n3\n4\n5\n6", 20, []tea.Msg{kCtrlHome, kPgDown}, "1\n2\n3\n|4\n5\n6"},
		{"page up", "1\n2\n3\n4\n5\n6", 20, []tea.Msg{kPgUp}, "1\n2\n3|\n4\n5\n6"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newEd(tc.w, 3)
			m.SetValue(tc.start)
			m = typeAll(m, tc.keys...)
			if got := withCursor(m); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if m.Len() != len(m.Value()) {
				t.Errorf("Len() = %d, len(Value()) = %d", m.Len(), len(m.Value()))
			}
		})
	}
}

func TestIgnoredKeys(t *testing.T) {
	for _, k := range []tea.KeyPressMsg{kTab, kShiftTab, kEsc, ctrl('c'), ctrl('k'), ctrl('e'), tea.KeyPressMsg{Code: 'x', Mod: tea.ModAlt}} {
		t.Run(k.String(), func(t *testing.T) {
			m := newEd(20, 3)
			m.SetValue("ab")
			v := m.Version()
			m2, cmd := m.Update(k)
			if cmd != nil || m2.Version() != v || withCursor(m2) != "ab|" {
				t.Errorf("key %q was consumed: %q", k.String(), withCursor(m2))
			}
		})
	}
}

func TestSingleLine(t *testing.T) {
	m := newEd(20, 1)
	m.SetMultiline(false)
	if m.KeyMap().InsertNewline.Enabled() {
		t.Error("enter shown in help while single-line")
	}
	m = typeAll(m, text("a"), kEnter, paste("b\nc\r\nd"))
	if got := m.Value(); got != "ab c d" {
		t.Errorf("Value = %q, want %q", got, "ab c d")
	}
}

func TestBlurredIgnoresInput(t *testing.T) {
	m := newEd(20, 3)
	m.Blur()
	m = typeAll(m, text("a"), paste("b"))
	if m.Value() != "" {
		t.Errorf("blurred editor took input: %q", m.Value())
	}
}

func TestVersion(t *testing.T) {
	m := newEd(20, 3)
	v0 := m.Version()
	m = typeAll(m, text("a"))
	v1 := m.Version()
	if v1 <= v0 {
		t.Fatal("typing did not bump Version")
	}
	m = typeAll(m, kLeft, kRight, kUp)
	if m.Version() != v1 {
		t.Error("moving the cursor bumped Version")
	}
	m.SetValue("a")
	if m.Version() != v1 {
		t.Error("SetValue of the same text bumped Version")
	}
	m.SetValue("b")
	if m.Version() <= v1 {
		t.Error("SetValue of new text did not bump Version")
	}
}

func TestLargePasteKeptWhole(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 1<<20; i++ {
		b.WriteString("Line of a long pasted transcript, with some words in it. 中文 👍\n")
	}
	big := b.String()
	m := newEd(76, 12)
	m, cmd := m.Update(paste(big))
	if cmd != nil {
		t.Fatal("1 MB paste refused")
	}
	if m.Value() != big {
		t.Fatalf("Value differs from the paste: len %d vs %d", len(m.Value()), len(big))
	}
	if m.LineCount() != strings.Count(big, "\n")+1 {
		t.Errorf("LineCount = %d", m.LineCount())
	}
}

func TestLargeSingleLinePaste(t *testing.T) {
	big := strings.Repeat("words and more words ", (1<<20)/21)
	m := newEd(76, 1)
	m.SetMultiline(false)
	m, _ = m.Update(paste(big))
	m = typeAll(m, text("x"), kBackspace)
	if m.Value() != big {
		t.Fatal("single-line 1 MB paste not kept whole")
	}
}

func TestNoLineCap(t *testing.T) {
	m := newEd(76, 12)
	want := strings.Repeat("x\n", 4999) + "x"
	m = typeString(m, want)
	if m.LineCount() != 5000 || m.Value() != want {
		t.Errorf("LineCount = %d, value kept = %v", m.LineCount(), m.Value() == want)
	}
	// The view follows the cursor to the end, and back to the top.
	rows := strings.Split(m.View(), "\n")
	if len(rows) != 12 || !strings.Contains(rows[11], reverseOn) {
		t.Errorf("cursor not on the last row after typing 5,000 lines: %q", rows)
	}
	m = typeAll(m, kCtrlHome)
	if rows := strings.Split(m.View(), "\n"); !strings.HasPrefix(rows[0], reverseOn) {
		t.Errorf("cursor not on the first row after ctrl+home: %q", rows[0])
	}
}

func TestPagingThroughWrappedRows(t *testing.T) {
	m := newEd(10, 3)
	// 3 lines of 3 rows each: "aaaa bbbb " / "cccc dddd " / "eeee"...
	m.SetValue(strings.TrimSuffix(strings.Repeat("aaaa bbbb cccc dddd eeee\n", 3), "\n"))
	m = typeAll(m, kCtrlHome, kPgDown)
	if got := withCursor(m); !strings.HasPrefix(got, "aaaa bbbb cccc dddd eeee\n|aaaa") {
		t.Errorf("pgdown by 3 rows: %q", got)
	}
	m = typeAll(m, kPgUp)
	if got := withCursor(m); !strings.HasPrefix(got, "|aaaa") {
		t.Errorf("pgup back: %q", got)
	}
}

func TestKeyMapHelp(t *testing.T) {
	km := DefaultKeyMap()
	for _, group := range km.FullHelp() {
		for _, b := range group {
			if h := b.Help(); h.Key == "" || h.Desc == "" || len(b.Keys()) == 0 {
				t.Errorf("binding %v has no help", b.Keys())
			}
			for _, k := range b.Keys() {
				switch k {
				case "tab", "shift+tab", "esc", "ctrl+c", "ctrl+k", "ctrl+e":
					t.Errorf("the editor binds %q, which belongs to the app", k)
				}
			}
		}
	}
}

func TestOverCapRefused(t *testing.T) {
	m := newEd(76, 12)
	m = typeAll(m, text("a"))
	huge := strings.Repeat("y", MaxBytes)
	m, cmd := m.Update(paste(huge))
	if cmd == nil {
		t.Fatal("paste above MaxBytes accepted silently or dropped without a message")
	}
	msg, ok := cmd().(RefusedMsg)
	if !ok || msg != (RefusedMsg{Bytes: MaxBytes, Total: MaxBytes + 1, Limit: MaxBytes, Paste: true}) {
		t.Errorf("got %#v", cmd())
	}
	if m.Value() != "a" {
		t.Error("refused paste changed the value")
	}
}

// TestLimit: SetLimit caps what typing and pasting may grow the value to;
// a key at the limit is refused like a paste, deleting is always taken,
// and a value set past the limit keeps its text.
func TestLimit(t *testing.T) {
	m := newEd(76, 12)
	m.SetLimit(5)
	m = typeAll(m, text("abcd"))
	m, cmd := m.Update(paste("ef"))
	if cmd == nil || m.Value() != "abcd" {
		t.Fatalf("a paste past the limit: value %q, cmd %v", m.Value(), cmd)
	}
	if r := cmd().(RefusedMsg); r != (RefusedMsg{Bytes: 2, Total: 6, Limit: 5, Paste: true}) {
		t.Errorf("paste refusal = %#v", r)
	}
	m = typeAll(m, text("e"))
	if m.Value() != "abcde" {
		t.Fatalf("typing up to the limit: %q", m.Value())
	}
	m, cmd = m.Update(tea.KeyPressMsg{Code: 'f', Text: "f"})
	if cmd == nil || m.Value() != "abcde" {
		t.Fatalf("a key past the limit: value %q, cmd %v", m.Value(), cmd)
	}
	if r := cmd().(RefusedMsg); r != (RefusedMsg{Bytes: 1, Total: 6, Limit: 5}) {
		t.Errorf("key refusal = %#v", r)
	}
	m, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if cmd == nil || m.Value() != "abcde" {
		t.Fatalf("enter past the limit: value %q, cmd %v", m.Value(), cmd)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	if m.Value() != "abcd" {
		t.Fatalf("backspace at the limit: %q", m.Value())
	}
	m.SetValue("a longer value")
	if m.Value() != "a longer value" {
		t.Fatalf("SetValue was cut: %q", m.Value())
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	if m.Value() != "a longer valu" {
		t.Fatalf("backspace past the limit: %q", m.Value())
	}
}

func TestZeroModel(t *testing.T) {
	var m Model
	_ = m.View()
	_ = m.Value()
	m, _ = m.Update(text("a"))
	m.Focus()
	m.SetWidth(10)
	m.SetHeight(2)
	m, _ = m.Update(text("a"))
	if m.Value() != "a" {
		t.Errorf("zero Model after Focus: %q", m.Value())
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\x1b[1;31mb", "ab"},
		{"a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"a\x1b]52;c;Zm9v\x07b", "ab"},
		{"a\x1bPqdata\x1b\\b", "ab"},
		{"a\x1b7b", "ab"},
		{"a\u0085b\u009dtitle\u009cc", "abc"},
		{"a\x7fb\x00c", "abc"},
		{"a\u2028b", "a\nb"},
		{"a\x1b", "a"},
		{"keep [31m literal", "keep [31m literal"},
	}
	for _, tc := range tests {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if strings.ContainsAny(Sanitize(tc.in), "\x1b\x00") {
			t.Errorf("Sanitize(%q) kept a control", tc.in)
		}
	}
}

func TestViewWidthNeverExceeded(t *testing.T) {
	for _, w := range []int{0, 1, 2, 3, 5, 76} {
		for _, h := range []int{0, 1, 2, 5} {
			m := newEd(w, h)
			m.SetValue("中文 emoji 👍🏽 and a verylongwordthatdoesnotfit\n\nend")
			for _, k := range []tea.Msg{kCtrlHome, kDown, kRight, kEnd, kUp} {
				m, _ = m.Update(k)
				v := m.View()
				if h == 0 {
					if v != "" {
						t.Fatalf("w=%d h=0: View = %q", w, v)
					}
					continue
				}
				lines := strings.Split(v, "\n")
				if len(lines) != h {
					t.Fatalf("w=%d h=%d: %d lines", w, h, len(lines))
				}
				for _, l := range lines {
					if ansi.StringWidth(l) > w {
						t.Fatalf("w=%d h=%d: line %q is %d wide", w, h, l, ansi.StringWidth(l))
					}
				}
			}
		}
	}
}

// TestRewrapMatchesWrap checks the incremental re-wrap a keystroke uses
// against wrapping the whole line, over many random edits.
func TestRewrapMatchesWrap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", " ", "  ", "中", "👍🏽", "e\u0301", "word", "longerword", "\u00e9", "\u0301", "жё", "가나", "\ufe0f"}
	randText := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for iter := range 3000 {
		w := 1 + rng.IntN(12)
		s := randText(rng.IntN(60))
		rows := wrap(s, w, nil)
		// A random edit at cluster boundaries taken from a full segmentation.
		var bounds []int
		for i := 0; i < len(s); {
			n, _ := cluster(s, i)
			bounds = append(bounds, i)
			i += n
		}
		bounds = append(bounds, len(s))
		a := bounds[rng.IntN(len(bounds))]
		b := a
		if rng.IntN(2) == 0 {
			b = bounds[rng.IntN(len(bounds))]
			if b < a {
				a, b = b, a
			}
		}
		ins := ""
		if rng.IntN(3) > 0 {
			ins = randText(1 + rng.IntN(3))
		}
		ns := s[:a] + ins + s[b:]
		got, _ := rewrap(slices.Clone(rows), ns, w, a, b, len(ins), nil)
		want := wrap(ns, w, nil)
		for k, r := range want {
			end := len(ns)
			if k+1 < len(want) {
				end = want[k+1]
			}
			if n, _ := cluster(ns+" ", r); ansi.StringWidth(ns[r:end]) > w && r+n != end {
				t.Fatalf("w=%d: row %q of %q is wider than the width", w, ns[r:end], ns)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("iter %d: w=%d %q -> %q (edit [%d,%d) ins %q): rewrap %v, wrap %v", iter, w, s, ns, a, b, ins, got, want)
		}
	}
}

// TestClusterFastPath checks cluster's shortcuts against the segmenter and
// width function the view is measured with, for every character they cover
// followed by ASCII, a simple character, a combining mark, a variation
// selector, a ZWJ or nothing.
func TestClusterFastPath(t *testing.T) {
	follow := []string{"", "a", " ", "é", "中", "\u0301", "\ufe0f", "\u200d", "가", "\u1161", "Ж"}
	var ranges = [][2]rune{{0x20, 0x7f}, {latinLo, latinHi}, {0x3041, 0x3097}, {0x30a1, 0x30fb}, {0x4e00, 0xa000}, {0xac00, 0xd7a4}}
	for _, rg := range ranges {
		for r := rg[0]; r < rg[1]; r++ {
			for _, f := range follow {
				s := string(r) + f
				n, w := cluster(s, 0)
				c, cw := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
				if n != len(c) || w != cw {
					t.Fatalf("cluster(%q) = %d bytes, %d cells; segmenter says %q, %d cells", s, n, w, c, cw)
				}
			}
		}
	}
}

func TestDecode(t *testing.T) {
	for _, s := range []string{"a", "é", "ж", "中", "가", "\uffff", "\u0800", "\ud7ff", "\ue000", "👍", "\xff", "\xe4\xb8", "\xc3"} {
		r, n := decode(s+"x", 0)
		wr, wn := utf8.DecodeRuneInString(s + "x")
		if r != wr || n != wn {
			t.Errorf("decode(%q) = %U,%d; utf8 says %U,%d", s, r, n, wr, wn)
		}
	}
}
