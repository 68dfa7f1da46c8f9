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

// bindingSet is a help.KeyMap made of the bindings that apply right now; the
// screens build one per mode so the help bar is always true.
type bindingSet struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (b bindingSet) ShortHelp() []key.Binding { return b.short }

// FullHelp implements help.KeyMap.
func (b bindingSet) FullHelp() [][]key.Binding {
	if b.full == nil {
		return [][]key.Binding{b.short}
	}
	return b.full
}

// relabel sets b's help to desc, its keys told as before, for a help bar
// that words a binding for the moment ("stop presenting").
func relabel(b *key.Binding, desc string) { b.SetHelp(b.Help().Key, desc) }

// pairOf tells b in a help bar as the pair of a's and other's first keys
// ("H/L horizon"), for bars that name pairs of keys once.
func pairOf(b *key.Binding, other key.Binding, desc string) {
	b.SetHelp(b.Keys()[0]+"/"+other.Keys()[0], desc)
}

// closeHelpKey is the help bar's one item while a screen's full help is
// open: help and back both close it there, so the bar says that rather
// than "esc back", which would not leave the screen.
func closeHelpKey(help, back key.Binding) key.Binding {
	return bind(back.Keys()[0]+"/"+help.Keys()[0], "close help", append(help.Keys(), back.Keys()...)...)
}

var _ help.KeyMap = bindingSet{}
