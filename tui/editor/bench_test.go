package editor

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
)

// answerText returns n lines of interview prose of varying length, some
// longer than a 76-cell row so soft-wrapping is exercised.
func answerText(n int) string {
	words := strings.Fields("we tried three tools last year and the team still exports everything to a spreadsheet every friday because nobody trusts the dashboard numbers")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j := range 6 + (i*7)%22 {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[(i+j)%len(words)])
		}
	}
	return b.String()
}

// keystrokes alternates typing a letter and backspace, so the text stays the
// same size however large b.N gets.
var keystrokes = [2]tea.KeyPressMsg{{Code: 'a', Text: "a"}, {Code: tea.KeyBackspace}}

// reportP99 records the 99th percentile of the per-keystroke durations.
func reportP99(b *testing.B, d []time.Duration) {
	b.StopTimer()
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	b.ReportMetric(float64(d[(len(d)-1)*99/100].Nanoseconds()), "p99-ns")
}

// BenchmarkKeystroke measures one keystroke's Update and View together, the
// cost PRODUCT.md bounds (2 ms p99 at 20 lines, 16.7 ms at 1,000), for this
// editor and for the stock bubbles textarea set up to keep 1,000 lines.
func BenchmarkKeystroke(b *testing.B) {
	const w, h = 76, 12
	for _, n := range []int{20, 1000} {
		val := answerText(n)
		b.Run(fmt.Sprintf("ours/lines=%d", n), func(b *testing.B) {
			m := New()
			m.SetWidth(w)
			m.SetHeight(h)
			m.Focus()
			m.SetValue(val)
			_ = m.View()
			d := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				m, _ = m.Update(keystrokes[i%2])
				_ = m.View()
				d = append(d, time.Since(t0))
			}
			reportP99(b, d)
		})
		b.Run(fmt.Sprintf("stock/lines=%d", n), func(b *testing.B) {
			m := textarea.New()
			m.MaxHeight = 2 * n // keeps every line; also sizes its wrap cache
			m.CharLimit = 0     // no limit
			m.ShowLineNumbers = false
			m.Prompt = ""
			m.SetWidth(w)
			m.SetHeight(h)
			m.Focus()
			m.SetValue(val)
			if got := m.LineCount(); got != n {
				b.Fatalf("stock textarea kept %d of %d lines", got, n)
			}
			_ = m.View()
			d := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				m, _ = m.Update(keystrokes[i%2])
				_ = m.View()
				d = append(d, time.Since(t0))
			}
			reportP99(b, d)
		})
	}
	// A 1 MB answer in one line (a single-line field after a big paste):
	// the worst case for re-wrapping the edited line.
	b.Run("ours/oneline=1MB", func(b *testing.B) {
		m := New()
		m.SetWidth(w)
		m.SetHeight(h)
		m.Focus()
		m.SetMultiline(false)
		m.SetValue(strings.Repeat("words and more words ", (1<<20)/21))
		_ = m.View()
		d := make([]time.Duration, 0, b.N)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			t0 := time.Now()
			m, _ = m.Update(keystrokes[i%2])
			_ = m.View()
			d = append(d, time.Since(t0))
		}
		reportP99(b, d)
	})
}

// BenchmarkPaste1MB measures taking a 1 MB multi-line paste and drawing the
// next frame, which must not freeze the screen.
func BenchmarkPaste1MB(b *testing.B) {
	big := answerText(1)
	for len(big) < 1<<20 {
		big += "\n" + answerText(200)
	}
	msg := tea.PasteMsg{Content: big}
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m := New()
		m.SetWidth(76)
		m.SetHeight(12)
		m.Focus()
		m, _ = m.Update(msg)
		_ = m.View()
	}
}

// BenchmarkResize1MB measures a width change with a 1 MB answer held in one
// line (the worst case: the cursor's line must be re-wrapped whole), for
// ASCII prose and for CJK text, which takes the Unicode path.
func BenchmarkResize1MB(b *testing.B) {
	for _, tc := range []struct{ name, unit string }{
		{"ascii", "words and more words "},
		{"cjk", "中文字符和更多的话 "},
	} {
		b.Run(tc.name, func(b *testing.B) {
			m := New()
			m.SetHeight(12)
			m.Focus()
			m.SetValue(strings.Repeat(tc.unit, (1<<20)/len(tc.unit)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				m.SetWidth(60 + i%2*16)
				_ = m.View()
			}
		})
	}
}
