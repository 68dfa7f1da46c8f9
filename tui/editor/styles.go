package editor

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

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
// any other is rendered once around a marker at SetStyles time, so a row
// costs two string concatenations instead of a lipgloss Render. A style that
// would add cells of its own (padding, width, borders) is treated as plain:
// it would break the promise that no row is wider than the editor.
type painter struct {
	plain       bool
	prefix, suf string
}

func newPainter(s lipgloss.Style) painter {
	const marker = "\uE000"
	out := s.Render(marker)
	i := strings.Index(out, marker)
	if out == marker || i < 0 || strings.Count(out, marker) != 1 {
		return painter{plain: true}
	}
	p := painter{prefix: out[:i], suf: out[i+len(marker):]}
	if ansi.Strip(p.prefix) != "" || ansi.Strip(p.suf) != "" {
		return painter{plain: true}
	}
	return p
}

func (p painter) paint(s string) string {
	if p.plain || s == "" {
		return s
	}
	return p.prefix + s + p.suf
}

// reverse draws the cursor when no cursor style was given.
const (
	reverseOn  = "\x1b[7m"
	reverseOff = "\x1b[27m"
)
