package editor

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render describes a view the way a reader checks it: each row between bars
// (so trailing spaces show), then where the reverse-video cursor is.
func render(m Model) string {
	v := m.View()
	var b strings.Builder
	cursor := "none"
	for r, l := range strings.Split(v, "\n") {
		if i := strings.Index(l, reverseOn); i >= 0 {
			cursor = fmt.Sprintf("row %d col %d", r, ansi.StringWidth(l[:i]))
		}
		fmt.Fprintf(&b, "|%s|\n", ansi.Strip(l))
	}
	fmt.Fprintf(&b, "cursor: %s\n", cursor)
	return b.String()
}

func TestView(t *testing.T) {
	prose := "The team exports everything to a spreadsheet every friday because nobody trusts the dashboard."
	many := strings.TrimSuffix(strings.Repeat("line\n", 9), "\n") + "\nlast"
	tests := []struct {
		name string
		w, h int
		blur bool
		ph   string
		val  string
		keys []tea.Msg
	}{
		{name: "empty", w: 10, h: 2},
		{name: "placeholder", w: 12, h: 2, ph: "Type the answer…\nsecond hint line"},
		{name: "placeholder-blurred", w: 8, h: 1, blur: true, ph: "Type the answer"},
		{name: "wrap-w20", w: 20, h: 6, val: prose},
		{name: "wrap-cursor-mid", w: 20, h: 6, val: prose, keys: []tea.Msg{kUp, kUp}},
		{name: "full-row-cursor-below", w: 5, h: 3, val: "abcde"},
		{name: "exact-fit-word-moves-down", w: 11, h: 3, val: "hello world again"},
		{name: "long-word-hard-break", w: 6, h: 3, val: "supercalifragilistic"},
		{name: "wide-w5", w: 5, h: 4, val: "中文字符串 ok"},
		{name: "emoji", w: 6, h: 3, val: "hi 👍🏽 yes"},
		{name: "width1", w: 1, h: 4, val: "a中b", keys: []tea.Msg{kCtrlHome}},
		{name: "height1-scrolled", w: 10, h: 1, val: many},
		{name: "height1-top", w: 10, h: 1, val: many, keys: []tea.Msg{kCtrlHome}},
		{name: "scroll-middle", w: 10, h: 3, val: many, keys: []tea.Msg{kCtrlHome, kDown, kDown, kDown, kDown}},
		{name: "blurred", w: 10, h: 2, blur: true, val: "no cursor"},
		{name: "blank-lines", w: 10, h: 4, val: "a\n\n\nb", keys: []tea.Msg{kUp}},
		{name: "hostile", w: 20, h: 2, val: "a\x1b]52;c;aGk=\x07b\x1b[2Jc\u202ed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newEd(tc.w, tc.h)
			m.SetPlaceholder(tc.ph)
			m.SetValue(tc.val)
			m = typeAll(m, tc.keys...)
			if tc.blur {
				m.Blur()
			}
			got := render(m)
			for _, l := range strings.Split(m.View(), "\n") {
				if ansi.StringWidth(l) > tc.w {
					t.Errorf("row %q is wider than %d", ansi.Strip(l), tc.w)
				}
			}
			path := filepath.Join("testdata", "TestView", tc.name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("view differs from %s\ngot:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}

func TestViewStyles(t *testing.T) {
	m := newEd(10, 1)
	m.SetStyles(DefaultStyles(true))
	m.SetValue("styled")
	v := m.View()
	if ansi.Strip(v) != "styled " {
		t.Errorf("styled view text = %q", ansi.Strip(v))
	}
	if !strings.Contains(v, "\x1b[") {
		t.Error("cursor style not drawn")
	}
	// A colour on the text survives, and the row stays within the width.
	m.SetStyles(Styles{Text: lipgloss.NewStyle().Foreground(lipgloss.Color("1"))})
	v = m.View()
	if ansi.StringWidth(v) > 10 || ansi.Strip(v) != "styled " || !strings.Contains(v, reverseOn) {
		t.Errorf("coloured view = %q", v)
	}
	// A style that would add cells is ignored rather than widen the rows.
	m.SetStyles(Styles{Text: lipgloss.NewStyle().Padding(0, 3).Border(lipgloss.NormalBorder())})
	if v = m.View(); ansi.StringWidth(v) > 10 || strings.Count(v, "\n") != 0 {
		t.Errorf("padded style widened the view: %q", v)
	}
}

func TestResizeKeepsCursorVisible(t *testing.T) {
	m := newEd(40, 3)
	m.SetValue(strings.Repeat("word ", 200))
	for _, size := range [][2]int{{10, 2}, {3, 1}, {0, 0}, {1, 1}, {80, 5}, {7, 3}} {
		m.SetWidth(size[0])
		m.SetHeight(size[1])
		if size[0] == 0 || size[1] == 0 {
			continue
		}
		if !strings.Contains(m.View(), reverseOn) {
			t.Errorf("at %dx%d the cursor is off screen", size[0], size[1])
		}
	}
}
