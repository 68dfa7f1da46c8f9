package editor

import "charm.land/lipgloss/v2"

// Styles is how the editor paints itself. It is passed in (SetStyles) rather
// than read from a global so the app's one styles struct decides the colours.
// The zero value renders plain text; the cursor is still drawn in reverse
// video so it never disappears.
type Styles struct {
	// Text styles the value's rows. Only colours and attributes make sense:
	// the editor sizes rows itself, so widths, padding and borders here would
	// break the layout.
	Text lipgloss.Style
	// Placeholder styles the hint shown while the value is empty.
	Placeholder lipgloss.Style
	// Cursor styles the cell under the cursor when focused.
	Cursor lipgloss.Style
	// LineNumber is reserved for a line-number gutter; the editor draws no
	// gutter yet, so it is currently unused.
	LineNumber lipgloss.Style
}

// DefaultStyles returns styles for a dark or light background (ask the
// terminal with tea.RequestBackgroundColor; lipgloss v2 has no adaptive
// colours).
func DefaultStyles(isDark bool) Styles {
	faint := lipgloss.Color("245")
	if !isDark {
		faint = lipgloss.Color("243")
	}
	return Styles{
		Text:        lipgloss.NewStyle(),
		Placeholder: lipgloss.NewStyle().Foreground(faint),
		Cursor:      lipgloss.NewStyle().Reverse(true),
		LineNumber:  lipgloss.NewStyle().Foreground(faint),
	}
}

// painter applies one lipgloss style cheaply: a plain style is skipped, and
// any other is rendered once around a marker at SetStyles time so a row costs
// two string concatenations instead of a lipgloss Render.
type painter struct {
	plain       bool
	prefix, suf string
	style       lipgloss.Style
	exact       bool // prefix/suffix capture the style exactly
}

func newPainter(s lipgloss.Style) painter {
	const marker = "\uE000"
	out := s.Render(marker)
	if out == marker {
		return painter{plain: true}
	}
	p := painter{style: s}
	if i := indexOnce(out, marker); i >= 0 {
		p.prefix, p.suf, p.exact = out[:i], out[i+len(marker):], true
	}
	return p
}

func indexOnce(s, sub string) int {
	i := -1
	for j := 0; j+len(sub) <= len(s); j++ {
		if s[j:j+len(sub)] == sub {
			if i >= 0 {
				return -1
			}
			i = j
		}
	}
	return i
}

func (p painter) paint(s string) string {
	switch {
	case p.plain || s == "":
		return s
	case p.exact:
		return p.prefix + s + p.suf
	default:
		return p.style.Render(s)
	}
}

// reverse draws the cursor when no cursor style was given.
const (
	reverseOn  = "\x1b[7m"
	reverseOff = "\x1b[27m"
)
