package tui

// The help every screen draws from its key map: the one-line bar at the
// bottom and the full help behind ?. They live apart from any one screen
// so every bar fits and cuts the same way.

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// helpBar is the short help that fits in w cells, the bindings that do not
// fit replaced by an ellipsis. (help.Model lets the binding after the last
// that fits through when the ellipsis itself would not fit, and the line
// would be cut mid-word.)
func helpBar(h help.Model, bindings []key.Binding, w int) string {
	h.SetWidth(0)
	var on []key.Binding
	for _, kb := range bindings {
		if kb.Enabled() {
			on = append(on, kb)
		}
	}
	for n := len(on); n > 0; n-- {
		bar := h.ShortHelpView(on[:n])
		if n < len(on) {
			bar += " " + h.Styles.Ellipsis.Render(h.Ellipsis)
		}
		if lipgloss.Width(bar) <= w {
			return bar
		}
	}
	return ""
}

// helpColumns is the full help for groups of keys: the groups side by
// side when they fit the width, stacked when they do not.
func helpColumns(h help.Model, st *Styles, groups [][]key.Binding, width int) []string {
	h.ShowAll = true
	lines := []string{st.PhaseRow.Render("Keys"), ""}
	h.SetWidth(0)
	if wide := h.FullHelpView(groups); lipgloss.Width(wide) <= width {
		return append(lines, strings.Split(wide, "\n")...)
	}
	h.SetWidth(width)
	for i, g := range groups {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, strings.Split(h.FullHelpView([][]key.Binding{g}), "\n")...)
	}
	return lines
}
