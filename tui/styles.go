package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rapport/tui/field"
)

// Styles is every look of the app, by meaning rather than by colour, so a
// screen says "this is a warning" and the palette stays in one place.
type Styles struct {
	Client    lipgloss.Style // client name in the header
	Title     lipgloss.Style // playbook title
	Phase     lipgloss.Style // "Phase n of m: title"
	Count     lipgloss.Style // progress count
	Timer     lipgloss.Style // timebox countdown
	TimerOver lipgloss.Style // the quiet "+mm:ss over" nudge
	Saved     lipgloss.Style
	Saving    lipgloss.Style
	NotSaved  lipgloss.Style
	Rule      lipgloss.Style // the line under the header
	Goal      lipgloss.Style
	Question  lipgloss.Style
	HelpText  lipgloss.Style // the prompt's help line
	Required  lipgloss.Style // the "required" mark
	Internal  lipgloss.Style // the "internal" mark
	State     lipgloss.Style // the prompt's state label
	Mode      lipgloss.Style // "TYPING" / "NAVIGATE" badge
	TipsTitle lipgloss.Style
	Tip       lipgloss.Style
	Status    lipgloss.Style // transient status line
	Selected  lipgloss.Style // selected row in the index
	PhaseRow  lipgloss.Style // phase heading in the index
	Dim       lipgloss.Style
	Warning   lipgloss.Style // "window too small"
	Box       lipgloss.Style // the border of an overlay (capture palette and form)
	QuickWin  lipgloss.Style // a pain worth fixing first: big impact, small effort
	Present   lipgloss.Style // the "PRESENTING" marker: screen sharing is on
	Help      help.Styles
	Input     textinput.Styles // the index filter and the ad-hoc question

	progressColor string // fill colour of the progress bar; empty: none

	// field is the answer editors' styles (tui/field), and dark whether
	// all of these are for a dark background (glamour's style follows it).
	field field.Styles
	dark  bool
}

// newStyles returns the colour styles for a dark or light background.
func newStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A56E0"), lipgloss.Color("#8B87FF"))
	muted := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#9A9A9A"))
	text := ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#EEEEEE"))
	green := ld(lipgloss.Color("#2E7D32"), lipgloss.Color("#7BC67E"))
	amber := ld(lipgloss.Color("#A66A00"), lipgloss.Color("#E0B050"))
	red := ld(lipgloss.Color("#C62828"), lipgloss.Color("#FF6B6B"))
	base := lipgloss.NewStyle()
	s := Styles{
		Client:    base.Bold(true).Foreground(text),
		Title:     base.Foreground(muted),
		Phase:     base.Bold(true).Foreground(accent),
		Count:     base.Foreground(muted),
		Timer:     base.Foreground(muted),
		TimerOver: base.Foreground(amber),
		Saved:     base.Foreground(green),
		Saving:    base.Foreground(muted),
		NotSaved:  base.Bold(true).Foreground(red),
		Rule:      base.Foreground(muted),
		Goal:      base.Italic(true).Foreground(muted),
		Question:  base.Bold(true).Foreground(text),
		HelpText:  base.Foreground(muted),
		Required:  base.Foreground(amber),
		Internal:  base.Foreground(accent),
		State:     base.Foreground(muted),
		Mode:      base.Bold(true).Foreground(accent),
		TipsTitle: base.Bold(true).Foreground(muted),
		Tip:       base.Foreground(muted),
		Status:    base.Foreground(amber),
		Selected:  base.Bold(true).Foreground(accent),
		PhaseRow:  base.Bold(true).Foreground(text),
		Dim:       base.Foreground(muted),
		Warning:   base.Bold(true).Foreground(amber),
		Box:       base.Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		QuickWin:  base.Foreground(green),
		Present:   base.Bold(true).Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1A1A"))).Background(red),
		Help:      help.DefaultStyles(isDark),
		Input:     textinput.DefaultStyles(isDark),
	}
	if isDark {
		s.progressColor = "#8B87FF"
	} else {
		s.progressColor = "#5A56E0"
	}
	s.field, s.dark = field.DefaultStyles(isDark), isDark
	return s
}

// plainStyles returns styles without colour, for NO_COLOR: emphasis only,
// so the screen keeps its structure on any terminal.
func plainStyles() Styles {
	base := lipgloss.NewStyle()
	bold := base.Bold(true)
	return Styles{
		Client:    bold,
		Title:     base,
		Phase:     bold,
		Count:     base,
		Timer:     base,
		TimerOver: bold,
		Saved:     base,
		Saving:    base,
		NotSaved:  bold.Reverse(true),
		Rule:      base,
		Goal:      base.Italic(true),
		Question:  bold,
		HelpText:  base,
		Required:  bold,
		Internal:  bold,
		State:     base,
		Mode:      bold.Reverse(true),
		TipsTitle: bold,
		Tip:       base,
		Status:    bold,
		Selected:  base.Reverse(true),
		PhaseRow:  bold,
		Dim:       base,
		Warning:   bold,
		Box:       base.Border(lipgloss.RoundedBorder()).Padding(0, 1),
		QuickWin:  bold,
		Present:   bold.Reverse(true),
		Help: help.Styles{
			Ellipsis: base, ShortKey: bold, ShortDesc: base, ShortSeparator: base,
			FullKey: bold, FullDesc: base, FullSeparator: base,
		},
		Input: textinput.Styles{
			Focused: textinput.StyleState{Text: base, Placeholder: base, Suggestion: base, Prompt: base},
			Blurred: textinput.StyleState{Text: base, Placeholder: base, Suggestion: base, Prompt: base},
			Cursor:  textinput.CursorStyle{Shape: tea.CursorBlock, Blink: true},
		},
		field: field.PlainStyles(),
		dark:  true,
	}
}
