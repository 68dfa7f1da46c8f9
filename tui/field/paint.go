package field

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// paint applies one lipgloss style cheaply. A lipgloss Render costs about
// ten microseconds (it measures, pads and borders every call); a field draws
// dozens of styled pieces per keystroke, so each style is rendered once
// around a marker when the field is built and later pieces are two string
// concatenations. Styles that do more than colour (padding, width...) fall
// back to Render.
type paint struct {
	plain    bool
	exact    bool
	pre, suf string
	style    lipgloss.Style
}

func newPaint(s lipgloss.Style) paint {
	const marker = "\uE000"
	out := s.Render(marker)
	if out == marker {
		return paint{plain: true}
	}
	p := paint{style: s}
	if i := strings.Index(out, marker); i >= 0 && strings.Count(out, marker) == 1 {
		p.pre, p.suf, p.exact = out[:i], out[i+len(marker):], true
	}
	return p
}

// Render paints s, which is one line of display-safe text.
func (p paint) Render(s string) string {
	switch {
	case p.plain || s == "":
		return s
	case p.exact:
		return p.pre + s + p.suf
	}
	return p.style.Render(s)
}

// painters mirrors Styles (without the editor's), compiled once per field.
type painters struct {
	Label, FocusedLabel, Cursor, Text, Selected, Muted, Error, Flag paint
	ScoreOn, ScoreOff, BarFull, BarEmpty, Good, Bad                 paint
}

func newPainters(s Styles) painters {
	return painters{
		Label: newPaint(s.Label), FocusedLabel: newPaint(s.FocusedLabel), Cursor: newPaint(s.Cursor),
		Text: newPaint(s.Text), Selected: newPaint(s.Selected), Muted: newPaint(s.Muted),
		Error: newPaint(s.Error), Flag: newPaint(s.Flag), ScoreOn: newPaint(s.ScoreOn),
		ScoreOff: newPaint(s.ScoreOff), BarFull: newPaint(s.BarFull), BarEmpty: newPaint(s.BarEmpty),
		Good: newPaint(s.Good), Bad: newPaint(s.Bad),
	}
}
