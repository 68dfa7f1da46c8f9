package field

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

var pDate = playbooks.Prompt{ID: "d", Kind: playbooks.KindDate, Question: "When did this last happen?"}

// thursday is the app's clock in the date tests: Thursday 19 March 2026.
func thursday() time.Time { return time.Date(2026, 3, 19, 15, 4, 0, 0, time.UTC) }

func runDate(a session.Answer, msgs []tea.Msg) Field {
	f := New(pDate, a, PlainStyles(), WithClock(thursday))
	f.SetSize(76, 12)
	f.Focus()
	for _, m := range msgs {
		f, _ = f.Update(m)
	}
	return f
}

// TestDateField: what is typed reads as a day against the app's clock and
// is stored as YYYY-MM-DD; text that is not a date yet is kept as typed,
// with what a date takes under it.
func TestDateField(t *testing.T) {
	for _, c := range []struct {
		name  string
		was   string
		keys  []tea.Msg
		want  string // Answer.Text
		shows string // a line of the view
	}{
		{"weekday", "", typ("fri"), "2026-03-20", "→ Friday 20 March 2026"},
		{"days ahead", "", typ("+3d"), "2026-03-22", "→ Sunday 22 March 2026"},
		{"today", "", typ("today"), "2026-03-19", "→ Thursday 19 March 2026"},
		{"a date", "", typ("2025-11-02"), "2025-11-02", "→ Sunday 2 November 2025"},
		// A date answer is most often about the past.
		{"yesterday", "", typ("yesterday"), "2026-03-18", "→ Wednesday 18 March 2026"},
		{"days back", "", typ("-3d"), "2026-03-16", "→ Monday 16 March 2026"},
		{"weeks back", "", typ("-2w"), "2026-03-05", "→ Thursday 5 March 2026"},
		{"ago", "", typ("2 weeks ago"), "2026-03-05", "→ Thursday 5 March 2026"},
		{"last weekday", "", typ("last fri"), "2026-03-13", "→ Friday 13 March 2026"},
		{"last today's weekday", "", typ("last thu"), "2026-03-12", "→ Thursday 12 March 2026"},
		{"not yet", "", typ("fr"), "fr", "✗ not a date: type YYYY-MM-DD"},
		{"stored", "2025-11-02", nil, "2025-11-02", "→ Sunday 2 November 2025"},
		{"stored draft", "last spring", nil, "last spring", "✗ not a date"},
		{"cleared", "2025-11-02", seq("ctrl+u"), "", ""},
	} {
		f := runDate(session.Answer{PromptID: "d", Text: c.was}, c.keys)
		if got := f.Answer(session.Answer{PromptID: "d"}).Text; got != c.want {
			t.Errorf("%s: stored %q, want %q", c.name, got, c.want)
		}
		view := f.View()
		if c.shows != "" && !strings.Contains(view, c.shows) {
			t.Errorf("%s: the view lacks %q:\n%s", c.name, c.shows, view)
		}
		if c.shows == "" && (strings.Contains(view, "→") || strings.Contains(view, "✗")) {
			t.Errorf("%s: a blank date says something:\n%s", c.name, view)
		}
	}
	// Each keystroke is a change the runner saves.
	f := runDate(session.Answer{PromptID: "d"}, nil)
	v := f.Version()
	f, _ = f.Update(typ("f")[0])
	if f.Version() == v {
		t.Error("typing did not move the version")
	}
}
