package field

import (
	"math"
	"strconv"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// FuzzParseNumber: any text gives a finite number or a message, never a
// panic; a percent is within 0..100; and the number written back as text
// parses to itself, so a stored answer shows what it holds.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"85", "85 %", "12.5", "-3", "1e3", ".5", "2,5", "NaN", "Inf", "0x10", "1e999", "", " ", "100.0000001", "-0", "1_000", "٣"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, percent bool) {
		v, empty, msg := parseNumber(s, percent)
		if empty || msg != "" {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%q parsed to %v", s, v)
		}
		if percent && (v < 0 || v > 100) {
			t.Fatalf("percent %q parsed to %v", s, v)
		}
		back, empty, msg := parseNumber(strconv.FormatFloat(v, 'f', -1, 64), percent)
		if empty || msg != "" || back != v {
			t.Fatalf("%q -> %v -> %v (%q)", s, v, back, msg)
		}
	})
}

// fuzzKeys are the keys a fuzzed sequence is drawn from: every binding of
// every kind, the runner's keys, text and a paste.
var fuzzKeys = []tea.Msg{
	k("up"), k("down"), k("left"), k("right"), k("enter"), k("space"), k("backspace"),
	k("delete"), k("ctrl+d"), k("ctrl+n"), k("ctrl+t"), k("pgup"), k("pgdown"), k("home"),
	k("end"), k("tab"), k("esc"), k("ctrl+k"), k("-"), k("+"), k("0"), k("1"), k("3"), k("5"),
	k("9"), k("a"), k("%"), k("."), k("é"), k("日"), paste("x\ny"), paste("\x1b[31m"),
}

// FuzzKeys: any sequence of keys on any kind, at any size, never panics,
// keeps the view within its size, and gives an answer that a new field
// gives back unchanged.
func FuzzKeys(f *testing.F) {
	f.Add(uint8(0), uint8(76), uint8(12), []byte{25, 4, 26, 8})
	f.Add(uint8(8), uint8(36), uint8(3), []byte{25, 4, 25, 4, 9, 8, 8, 1, 0, 10})
	f.Add(uint8(9), uint8(2), uint8(1), []byte{25, 2, 2, 19, 1, 1, 23, 9, 8})
	f.Add(uint8(10), uint8(20), uint8(6), []byte{25, 30, 1, 1, 18, 1, 20, 8, 8, 0, 0})
	f.Fuzz(func(t *testing.T, kind, w, h uint8, keys []byte) {
		ps := allPrompts()
		p := ps[int(kind)%len(ps)]
		if len(keys) > 200 {
			keys = keys[:200]
		}
		fl := New(p, session.Answer{}, DefaultStyles(true))
		width, height := int(w%90)+1, int(h%20)+1
		fl.SetSize(width, height)
		fl.Focus()
		for _, b := range keys {
			fl, _ = fl.Update(fuzzKeys[int(b)%len(fuzzKeys)])
		}
		assertFits(t, fl.View(), width, height)
		a := fl.Answer(session.Answer{PromptID: p.ID})
		again := New(p, a, PlainStyles()).Answer(a)
		if showAnswer(again) != showAnswer(a) {
			t.Fatalf("%s: answer does not survive a new field\n got %s\nwant %s", p.Kind, showAnswer(again), showAnswer(a))
		}
	})
}
