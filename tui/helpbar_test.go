package tui

import (
	"strings"
	"testing"

	"rapport/session"

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

// With a screen's full help open, its help bar says that esc and ? close
// the help, and esc does just that: the screen stays.
func TestHelpOpenBarSaysCloseHelp(t *testing.T) {
	last := func(v string) string {
		rows := strings.Split(v, "\n")
		return rows[len(rows)-1]
	}
	for _, open := range []rune{'R', 'B', 'J', 'H'} {
		h := newHarness(t, nil, false, 80, 24)
		if open == 'J' {
			h.send(showJourneyMsg{}) // J is off: the test playbook has no journey prompt
		} else if cmd := h.send(kShift(open+'a'-'A', open)); cmd != nil {
			h.send(cmd()) // the screen asks the root to open it
		}
		screen := h.app.screen
		if screen == screenRunner {
			t.Fatalf("%c did not open its screen", open)
		}
		h.send(kr('?'))
		if bar := last(h.view()); !strings.Contains(bar, "esc/? close help") || strings.Contains(bar, "back") {
			t.Fatalf("%c, ?: the help bar %q does not say esc closes the help", open, bar)
		}
		h.send(kEsc)
		if h.app.screen != screen || strings.Contains(last(h.view()), "close help") {
			t.Fatalf("%c, ?, esc: on screen %v with bar %q, want the screen back without its help",
				open, h.app.screen, last(h.view()))
		}
	}
	l := newLibHarness(t, nil, 80, 24)
	l.press(kr('t'), kr('?'))
	if bar := last(l.view()); !strings.Contains(bar, "esc/? close help") {
		t.Fatalf("timeline, ?: the help bar %q does not say esc closes the help", bar)
	}
}

// TestRefusalsFit: a mode's refusals live in a fixed array (they are worked
// out on every keystroke); every reason the runner gives must fit in it,
// or a key would go quiet instead of saying why.
func TestRefusalsFit(t *testing.T) {
	h := newHarness(t, &session.Session{}, false, 80, 24) // nothing applies: the most refusals
	_, nav := h.r().navNow()
	_, typing := h.r().typingNow()
	for name, rs := range map[string]refusals{"navigation": nav, "typing": typing} {
		if rs.n == len(rs.list) {
			t.Errorf("%s mode fills its %d refusals: grow the array", name, len(rs.list))
		}
	}
}
