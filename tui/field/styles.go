package field

import (
	"charm.land/lipgloss/v2"

	"rapport/tui/editor"
)

// Styles are the semantic styles of every field, built once by the runner
// and passed in, so fields hold no colours of their own and NO_COLOR is one
// switch at the top.
type Styles struct {
	// Editor styles every text sub-editor (one-line and multi-line).
	Editor editor.Styles
	// Label names a sub-field (Score, Evidence, Name...); FocusedLabel is the
	// one with the cursor.
	Label        lipgloss.Style
	FocusedLabel lipgloss.Style
	// Cursor is the marker of the row with focus.
	Cursor lipgloss.Style
	// Text is user or playbook text shown outside an editor.
	Text lipgloss.Style
	// Selected is a picked option, a set score, the current feeling.
	Selected lipgloss.Style
	// Muted is hints, empty values and things that do not have focus.
	Muted lipgloss.Style
	// Error is a value that does not parse yet, with what is wrong.
	Error lipgloss.Style
	// Flag is a playbook flag whose condition the value meets.
	Flag lipgloss.Style
	// ScoreOn and ScoreOff are the filled and empty dots of a rating.
	ScoreOn, ScoreOff lipgloss.Style
	// BarFull and BarEmpty are the two parts of a percent bar.
	BarFull, BarEmpty lipgloss.Style
	// Good and Bad colour deposits and withdrawals, good and bad feelings.
	Good, Bad lipgloss.Style
}

// DefaultStyles are the coloured styles for a dark or light background.
func DefaultStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FD6"), lipgloss.Color("#9F8CFF"))
	muted := ld(lipgloss.Color("#8A8A8A"), lipgloss.Color("#6C6C6C"))
	text := ld(lipgloss.Color("#1C1C1C"), lipgloss.Color("#E4E4E4"))
	red := ld(lipgloss.Color("#C0392B"), lipgloss.Color("#FF6B6B"))
	green := ld(lipgloss.Color("#1E7D3A"), lipgloss.Color("#5FD38D"))
	amber := ld(lipgloss.Color("#A35F00"), lipgloss.Color("#FFB454"))
	s := lipgloss.NewStyle()
	return Styles{
		Editor:       editor.DefaultStyles(isDark),
		Label:        s.Foreground(muted),
		FocusedLabel: s.Foreground(accent).Bold(true),
		Cursor:       s.Foreground(accent).Bold(true),
		Text:         s.Foreground(text),
		Selected:     s.Foreground(accent).Bold(true),
		Muted:        s.Foreground(muted),
		Error:        s.Foreground(red),
		Flag:         s.Foreground(amber).Bold(true),
		ScoreOn:      s.Foreground(accent),
		ScoreOff:     s.Foreground(muted),
		BarFull:      s.Foreground(accent),
		BarEmpty:     s.Foreground(muted),
		Good:         s.Foreground(green),
		Bad:          s.Foreground(red),
	}
}

// PlainStyles are the styles for NO_COLOR: no colour at all, with bold
// and reverse kept off too, so the meaning is carried by the glyphs alone.
func PlainStyles() Styles {
	s := lipgloss.NewStyle()
	return Styles{
		Editor: editor.Styles{}, Label: s, FocusedLabel: s, Cursor: s, Text: s,
		Selected: s, Muted: s, Error: s, Flag: s, ScoreOn: s, ScoreOff: s,
		BarFull: s, BarEmpty: s, Good: s, Bad: s,
	}
}
