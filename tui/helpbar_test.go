package tui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

// checkHelpBar fails unless bar is whole "key desc" items of bindings,
// in order, ending either on a whole item or on "…": never an item cut
// mid-word.
func checkHelpBar(t *testing.T, where string, w int, bar string, bindings []key.Binding) {
	t.Helper()
	bar = strings.TrimRight(bar, " ")
	items := map[string]bool{}
	for _, b := range bindings {
		if b.Enabled() {
			items[b.Help().Key+" "+b.Help().Desc] = true
		}
	}
	body := strings.TrimSuffix(bar, " …")
	if body == "" {
		return
	}
	for _, it := range strings.Split(body, " • ") {
		if !items[it] {
			t.Errorf("%s at %d columns: the help bar %q holds %q, not a whole item", where, w, bar, it)
			return
		}
	}
}

// Every help bar of the runner, the library and the summary ends on a
// whole item or on "…", at any width, in every mode.
func TestHelpBarsEndOnAWholeItem(t *testing.T) {
	last := func(v string) string {
		rows := strings.Split(v, "\n")
		return rows[len(rows)-1]
	}
	for w := 40; w <= 130; w++ {
		h := newHarness(t, nil, true, w, 24)
		checkHelpBar(t, "runner typing", w, last(h.view()), h.r().helpKeys().ShortHelp())
		h.send(kEsc)
		checkHelpBar(t, "runner navigation", w, last(h.view()), h.r().helpKeys().ShortHelp())
		h.send(kCtrlK, kr('p'))
		checkHelpBar(t, "capture form", w, last(h.view()), h.r().helpKeys().ShortHelp())

		l := newLibHarness(t, nil, w, 24)
		checkHelpBar(t, "library", w, last(l.view()), l.app.lib.helpKeys().ShortHelp())
		l.press(kDown)
		checkHelpBar(t, "library, second row", w, last(l.view()), l.app.lib.helpKeys().ShortHelp())
	}
}
