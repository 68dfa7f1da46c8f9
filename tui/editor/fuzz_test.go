package editor

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// fuzzKeys are the keys a fuzz op can press, including ones the editor
// must leave alone.
var fuzzKeys = []tea.Msg{
	kEnter, kBackspace, kDelete, kLeft, kRight, kUp, kDown, kHome, kEnd,
	kPgUp, kPgDown, kSpace, kTab, kEsc, kAltLeft, kAltRight, kAltBksp,
	kCtrlHome, kCtrlEnd, ctrl('w'), ctrl('u'), ctrl('k'),
	tea.KeyPressMsg{Code: 'd', Mod: tea.ModAlt},
}

// FuzzEditor drives the editor with a random sequence of keys, typed runes,
// pastes, resizes and mode switches, and checks after every step what a user
// would notice: no panic, a view of exactly Height rows none wider than the
// width, a value free of escape and NUL bytes, and soft-wrap caches that
// agree with wrapping from scratch.
func FuzzEditor(f *testing.F) {
	f.Add(uint8(20), uint8(4), []byte{0, 1, 2, 200, 201, 3, 4, 5, 6, 7}, "hello wide 中文 and 👍🏽\nsecond line")
	f.Add(uint8(1), uint8(1), []byte{200, 210, 220, 3, 4, 5, 6, 0, 1}, "中\x1b[31mred\x00")
	f.Add(uint8(0), uint8(0), []byte{200, 0, 230, 1, 2}, "a\r\nb")
	f.Add(uint8(5), uint8(2), []byte{240, 241, 200, 201, 202, 203, 204, 205, 16, 17, 18, 14}, "aaaa bbbb cccc dddd")
	f.Add(uint8(3), uint8(2), []byte{200, 3, 201, 3, 202, 203, 4, 204, 205, 3, 3, 206, 1, 2}, "\u0301🇺🇸🇫🇷e\u0301 \u0301\u200d👍")
	f.Fuzz(func(t *testing.T, w, h uint8, ops []byte, text string) {
		width, height := int(w%90), int(h%30)
		m := newEd(width, height)
		rest := text
		for _, op := range ops {
			switch {
			case int(op) < len(fuzzKeys):
				m, _ = m.Update(fuzzKeys[op])
			case op < 200:
				// Resize: ops 100..199 pick a new width or height.
				if op%2 == 0 {
					width = int(op-100) / 2
					m.SetWidth(width)
				} else {
					height = int(op-100) % 7
					m.SetHeight(height)
				}
			case op < 230:
				// Type the next rune of text.
				if rest == "" {
					rest = text
				}
				if rest == "" {
					continue
				}
				r, n := utf8.DecodeRuneInString(rest)
				m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: rest[:n]})
				rest = rest[n:]
			case op < 240:
				// Paste a slice of text.
				n := min(len(rest), int(op-229)*4)
				m, _ = m.Update(tea.PasteMsg{Content: rest[:n] + text})
				rest = rest[n:]
			case op == 240:
				m.SetMultiline(false)
			case op == 241:
				m.SetMultiline(true)
			case op == 242:
				m.SetValue(text)
			default:
				m.CursorEnd()
			}
			check(t, m, width, height)
		}
	})
}

func check(t *testing.T, m Model, width, height int) {
	t.Helper()
	v := m.View()
	if height == 0 {
		if v != "" {
			t.Fatalf("height 0 view = %q", v)
		}
	} else {
		lines := strings.Split(v, "\n")
		if len(lines) != height {
			t.Fatalf("view has %d rows, height is %d", len(lines), height)
		}
		for _, l := range lines {
			if lw := ansi.StringWidth(l); lw > width {
				t.Fatalf("row %q is %d wide, width is %d", ansi.Strip(l), lw, width)
			}
		}
	}
	val := m.Value()
	if strings.ContainsAny(val, "\x1b\x00\r") {
		t.Fatalf("value holds a control character: %q", val)
	}
	if m.Len() != len(val) || m.LineCount() != strings.Count(val, "\n")+1 {
		t.Fatalf("Len %d / LineCount %d disagree with the value %q", m.Len(), m.LineCount(), val)
	}
	st := m.st
	if st.cl < 0 || st.cl >= len(st.lines) || st.cc < 0 || st.cc > len(st.lines[st.cl].s) {
		t.Fatalf("cursor %d:%d out of the text", st.cl, st.cc)
	}
	for i, ln := range st.lines {
		if ln.w != 0 && len(ln.rows) > 0 && !slices.Equal(ln.rows, wrap(ln.s, ln.w, nil)) {
			t.Fatalf("line %d %q: cached rows %v, wrap gives %v", i, ln.s, ln.rows, wrap(ln.s, ln.w, nil))
		}
	}
}
