package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// Drawing the library: the table of sessions (only the rows on screen),
// the confirmation of a delete, the filter and status lines, and the
// library's keys as they apply now.

// view draws the library. Only the rows on screen are drawn, so a store of
// ten thousand sessions costs what a store of twenty does.
func (l library) view() string {
	if l.width < minWidth || l.height < minHeight {
		return fitBlock([]string{l.styles.Warning.Render("window too small")}, l.width, l.height)
	}
	if !l.loaded {
		return "" // the listing arrives within moments; no loading screen flashes
	}
	st := l.styles
	all := len(l.rows)
	if l.partial {
		all = l.total
	}
	count := thousands(all) + " sessions"
	switch {
	case all == 1:
		count = "1 session"
	case len(l.shown) != len(l.rows):
		count = thousands(len(l.shown)) + " of " + count
	}
	right := st.Count.Render(count)
	if l.present {
		right = st.Present.Render(" PRESENTING ")
	}
	lines := []string{
		joinEnds(st.Client.Render("rapport")+st.Title.Render(" · sessions"), right, l.width),
		st.Rule.Render(strings.Repeat("─", l.width)),
	}
	body := l.listHeight() + 1 // the column heads and the rows
	switch {
	case l.mode == libHelp:
		lines = append(lines, fitLines(l.fullHelp(), l.width, body, false)...)
	case l.present:
		// One line instead of every other client's name on the shared
		// screen.
		lines = append(lines, fitLines([]string{"",
			"presenting: the library is hidden",
			st.Dim.Render("ctrl+p shows it again · n starts a session"),
		}, l.width, body, false)...)
	case l.mode == libConfirm && l.pending != nil:
		lines = append(lines, fitLines(l.confirmLines(), l.width, body, false)...)
	case len(l.rows) == 0:
		lines = append(lines, fitLines(l.emptyLines(), l.width, body, false)...)
	case len(l.shown) == 0 && l.partial:
		lines = append(lines, fitLines([]string{"",
			"No session matches “" + cleanLine(l.filter.Value()) + "” among the newest " + thousands(len(l.rows)) + ".",
			st.Dim.Render(l.loadingLine()),
		}, l.width, body, false)...)
	case len(l.shown) == 0:
		lines = append(lines, fitLines([]string{"",
			"No session matches “" + cleanLine(l.filter.Value()) + "”.",
			st.Dim.Render("esc clears the filter."),
		}, l.width, body, false)...)
	default:
		lines = append(lines, fitLines(l.tableLines(), l.width, body, false)...)
	}
	lines = append(lines, l.filterLine(), l.statusLine(), helpBar(l.help, l.helpKeys().ShortHelp(), l.width))
	return fitBlock(lines, l.width, l.height)
}

// Column widths of the table, besides client and playbook which share
// what is left.
const (
	colStatus   = 11
	colProgress = 7
	colChanged  = 12
)

// tableLines is the column heads and the visible rows.
func (l *library) tableLines() []string {
	st := l.styles
	fixed := 2 + colStatus + 1 + colProgress + 1 + colChanged + 2
	flex := max(l.width-fixed, 10)
	// The client column is as wide as the longest name, up to half.
	clientW := min(max(l.clientW, 6), flex/2)
	pbW := max(flex-clientW-1, 4)
	row := func(mark, client, pb, status, prog, changed string) string {
		return mark + padRight(truncate(client, clientW), clientW) + " " + padRight(truncate(pb, pbW), pbW) + " " +
			padRight(status, colStatus) + " " + padRight(prog, colProgress) + " " + changed
	}
	out := []string{st.Dim.Render(row("  ", "Client", "Playbook", "Status", "Done", "Changed"))}
	now := l.deps.Now()
	end := min(l.top+l.listHeight(), len(l.shown))
	for i := l.top; i < end; i++ {
		ix := l.rows[l.shown[i]]
		pb := cleanLine(ix.PlaybookTitle)
		if pb == "" {
			pb = cleanLine(ix.Playbook)
		}
		if cur, ok := l.current[ix.Playbook]; ok && ix.PlaybookVersion > 0 && ix.PlaybookVersion < cur {
			// The title gives way before the versions do.
			note := fmt.Sprintf(" (v%d, now v%d)", ix.PlaybookVersion, cur)
			pb = truncate(pb, max(pbW-len(note), 1)) + note
		}
		if ix.Follows != "" {
			// A follow-up says of which session, so two of one client
			// read apart; the title gives way first.
			pb = followUpTitle(pb, ix.Follows, pbW, now.Location())
		}
		client := cleanLine(ix.Client)
		if ix.With != "" {
			client += withSep + cleanLine(ix.With)
		}
		prog := strconv.Itoa(ix.Answered) + "/" + strconv.Itoa(ix.Total)
		line := row("  ", client, pb, statusText(ix.Status), prog, relTime(ix.Updated, now))
		if i == l.sel {
			line = st.Selected.Render(padRight("▸ "+line[2:], l.width))
		}
		out = append(out, line)
	}
	if l.partial && end == len(l.shown) && end-l.top < l.listHeight() {
		// The rows there are end here: say what is still coming, where a
		// move past them waits for it.
		out = append(out, st.Dim.Render("  "+l.loadingLine()))
	}
	return out
}

// followUpTitle is the playbook column of a follow-up: "Title · follow-up
// of 3 Dec" when that fits with ten letters of the title; else the date
// wins over the title ("follow-up of 3 Dec"), for the date is what tells
// two sessions of one client apart.
func followUpTitle(title, follows string, width int, loc *time.Location) string {
	note := "follow-up"
	if t, ok := session.IDTime(follows); ok {
		note += " of " + t.In(loc).Format("2 Jan")
	}
	if width-ansi.StringWidth(" · "+note) >= 10 {
		return truncate(title, width-ansi.StringWidth(" · "+note)) + " · " + note
	}
	return note
}

// loadingLine says how many sessions are still being read.
func (l *library) loadingLine() string {
	return "loading " + thousands(max(l.total-len(l.rows), 0)) + " more…"
}

// thousands writes n with a comma between each group of three digits.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// emptyLines tell a newcomer what to press.
func (l *library) emptyLines() []string {
	st := l.styles
	if l.listErr != "" {
		return []string{"", st.Warning.Render(l.listErr)}
	}
	return []string{
		"",
		st.Question.Render("No sessions yet."),
		"",
		"Press " + st.Selected.Render("n") + " to start one: name the client, pick a playbook,",
		"and the first question opens, ready for typing.",
		"",
		st.Dim.Render("Everything is saved as you type. ? lists every key, q quits."),
	}
}

// confirmLines name what a delete removes.
func (l *library) confirmLines() []string {
	s := l.pending
	st := l.styles
	done := s.Index()
	what := []string{session.Plural(len(s.Answers), "answer", "answers"), session.Plural(len(s.Captures), "capture", "captures")}
	if len(s.Roadmap) > 0 {
		what = append(what, session.Plural(len(s.Roadmap), "roadmap item", "roadmap items"))
	}
	list := strings.Join(what[:len(what)-1], ", ") + " and " + what[len(what)-1]
	return []string{
		"",
		st.Warning.Render("Delete this session?"),
		"",
		"  " + st.Client.Render(cleanLine(s.Client)) + " · " + cleanLine(s.Playbook.Title) +
			" · started " + s.Created.Format("2 Jan 2006 15:04"),
		fmt.Sprintf("  %s go with it (%d of %d prompts done).", list, done.Answered, done.Total),
		"",
		st.Dim.Render("  y deletes it (u brings it back for a few seconds) · n or esc keeps it"),
	}
}

// filterLine shows the filter while it is typed or applied.
func (l *library) filterLine() string {
	if l.present {
		return "" // a filter may name a client
	}
	if l.mode == libFilter {
		return l.filter.View()
	}
	if v := l.filter.Value(); v != "" {
		return l.styles.Dim.Render("filter: ") + cleanLine(v)
	}
	return ""
}

// statusLine is the undo offer, a note or a listing error.
func (l *library) statusLine() string {
	switch {
	case l.present:
		return "" // the undo offer and notes may name a client
	case l.canUndo():
		return l.styles.Status.Render("Deleted " + cleanLine(l.deleted.Client) + " · u undo")
	case l.listErr != "" && len(l.rows) > 0:
		if n := l.bar.noticeLine(l.styles); n != "" {
			return n
		}
		return l.styles.Warning.Render(l.listErr)
	}
	return l.bar.noticeLine(l.styles)
}

// helpKeys is the help bar for the current mode; keys that do nothing
// right now are left out, so the bar is always true.
func (l *library) helpKeys() help.KeyMap {
	k := l.keys
	switch l.mode {
	case libFilter:
		return bindingSet{short: []key.Binding{k.FilterDone, k.FilterQuit}}
	case libConfirm:
		return bindingSet{short: []key.Binding{k.Confirm, k.Keep}}
	case libHelp:
		return bindingSet{short: []key.Binding{k.CloseHelp}}
	}
	if l.present {
		relabel(&k.Present, "stop presenting")
		return bindingSet{short: []key.Binding{k.Present, k.New, k.Help, k.Quit}}
	}
	k = l.listNow()
	relabel(&k.Sync, "sync") // a store in a team only
	// Arrows, the timeline and present mode are left to the full help: the
	// bar keeps to what fits in 80 columns, "? help" included.
	return bindingSet{short: []key.Binding{
		k.Open, k.New, k.Summary, k.Filter, k.Clear, k.Delete, k.Undo, k.Sync, k.Help, k.Quit,
	}}
}

// listNow is the list's keys as they apply now, for both the help bar and
// handleKey: what needs a session (open, summary, delete, timeline) needs
// one selected, filtering needs sessions, and undo its few seconds.
func (l *library) listNow() libraryKeys {
	k := l.keys
	has := len(l.shown) > 0
	k.Open.SetEnabled(has)
	k.Summary.SetEnabled(has)
	k.Delete.SetEnabled(has)
	k.Timeline.SetEnabled(has)
	k.Up.SetEnabled(has && l.sel > 0)
	k.Down.SetEnabled(has && (l.sel < len(l.shown)-1 || l.partial))
	k.Filter.SetEnabled(len(l.rows) > 0)
	k.Clear.SetEnabled(l.filter.Value() != "")
	k.Undo.SetEnabled(l.canUndo())
	k.Sync.SetEnabled(l.deps.TeamSync != nil)
	return k
}

// fullHelp lists every key of the library.
func (l *library) fullHelp() []string {
	k := l.keys
	k.Sync.SetEnabled(l.deps.TeamSync != nil)
	full := l.help
	full.ShowAll = true
	if l.present {
		// Only what acts while the list is hidden.
		relabel(&k.Present, "stop presenting")
		v := full.FullHelpView([][]key.Binding{{k.Present, k.New}, {k.Help, k.Quit}})
		return append([]string{l.styles.PhaseRow.Render("Keys"), ""}, strings.Split(v, "\n")...)
	}
	v := full.FullHelpView([][]key.Binding{
		{k.Open, k.New, k.Summary, k.Timeline, k.Delete, k.Undo, k.Quit},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Filter, k.Clear, k.Sync, k.Present, k.Help},
	})
	return append([]string{l.styles.PhaseRow.Render("Keys"), ""}, strings.Split(v, "\n")...)
}

// statusText is a session status as the list shows it.
func statusText(s session.Status) string {
	switch s {
	case session.StatusFinished:
		return "finished"
	case session.StatusInProgress, "":
		return "in progress"
	}
	return cleanLine(string(s))
}

// relTime says how long ago t was, the way a person would: "just now",
// "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date.
func relTime(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(now.Location())
	d := now.Sub(t)
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	today := time.Date(y2, m2, d2, 0, 0, 0, 0, now.Location())
	day := time.Date(y1, m1, d1, 0, 0, 0, 0, now.Location())
	days := int(today.Sub(day).Hours()/24 + 0.5)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case days == 0:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	case days == 1:
		return "yesterday"
	case days < 7:
		return fmt.Sprintf("%d days ago", days)
	case y1 == y2:
		return t.Format("2 Jan")
	}
	return t.Format("2 Jan 2006")
}
