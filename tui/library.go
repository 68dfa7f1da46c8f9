package tui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// Library timing.
const (
	libUndoTTL = 8 * time.Second // how long "u" brings a deleted session back
	libNoteTTL = 4 * time.Second // how long other library notes stay
)

// libMode is what keys mean on the library right now.
type libMode int

const (
	libList    libMode = iota
	libFilter          // typing a filter
	libConfirm         // a delete waits for y or n
	libHelp            // the full help is open
)

// library is the screen bare `rapport` opens on: every session, most
// recently changed first, to open, start or delete.
type library struct {
	deps     Deps
	styles   *Styles
	keys     libraryKeys
	help     help.Model
	filter   textinput.Model
	current  map[string]int // playbook id -> version of the current file; nil until the first listing
	mode     libMode
	loaded   bool
	listErr  string
	rows     []session.Index // as listed, most recently changed first
	search   []string        // per row: lower-case client, playbook, status; nil until a filter needs it
	clientW  int             // cells of the longest client name
	shown    []int           // indexes into rows that pass the filter
	sel      int             // index into shown
	top      int             // first shown row drawn
	selID    string
	pending  *session.Session // the session a delete waits to confirm
	deleted  *session.Session // the last deleted session, kept for undo
	undoTill time.Time
	bar      *statusBar // the root's: notices show in the status line
	notice   int        // the library's notice on the bar (statusBar.clearIf)
	noteGen  int        // the latest of the library's timers (libNoteExpiredMsg)
	// backup is the bar's notice that the day's automatic backup failed. It
	// stays until the facilitator presses a key with it on screen: said
	// once, where it cannot be missed, not on every return to the library.
	backup  int
	lastFac string // the remembered facilitator, offered by the form
	// partial is true while rows hold only the newest sessions, read for
	// the first frame, and the rest is on its way (a List in a command);
	// total is how many there are in all. Keys act on the rows there are;
	// a move past the last of them waits in ahead for the rest, and the
	// list says what it waits for ("loading 9,880 more…").
	partial bool
	total   int
	ahead   int
	// gone are the sessions deleted while the rest was loading, which
	// that listing, read before, may still hold.
	gone map[string]bool
	// listGen numbers the listings asked for; shownGen is the one on
	// screen, so a listing that arrives after a later one is dropped.
	listGen, shownGen int
	// present is present mode: the list of clients is hidden, since every
	// other client's name would be on the shared screen.
	present bool
	// after delivers msg once d has passed; tests replace it to run no
	// timers.
	after  func(d time.Duration, msg tea.Msg) tea.Cmd
	width  int
	height int
}

// Messages of the library's commands; they come back to the library
// whichever screen is active.
type (
	// sessionsListedMsg carries the index records read from the library,
	// and the remembered facilitator for the next new session.
	sessionsListedMsg struct {
		items       []session.Index
		facilitator string
		err         error
		// partial: items are the newest of total sessions; the rest
		// follows in a second listing.
		partial bool
		total   int
		gen     int
	}
	// deleteLoadedMsg carries the session a delete will remove, loaded
	// whole so the confirmation can count what goes and undo can restore it.
	deleteLoadedMsg struct {
		sess *session.Session
		err  error
	}
	// sessionDeletedMsg says the session is gone from the store.
	sessionDeletedMsg struct {
		sess *session.Session
		err  error
	}
	// sessionRestoredMsg says an undo wrote the deleted session back.
	sessionRestoredMsg struct {
		sess *session.Session
		err  error
	}
	// libNoteExpiredMsg clears a note whose time is up, unless a later
	// note replaced it.
	libNoteExpiredMsg struct{ gen int }
	// backupFailedMsg says the day's automatic copy of the store failed.
	backupFailedMsg struct{ err error }
	// listRestMsg says it is time to read the rest of a list whose first
	// screenful is on screen.
	listRestMsg struct{}
)

func (sessionsListedMsg) owner() screen  { return screenLibrary }
func (deleteLoadedMsg) owner() screen    { return screenLibrary }
func (sessionDeletedMsg) owner() screen  { return screenLibrary }
func (sessionRestoredMsg) owner() screen { return screenLibrary }
func (libNoteExpiredMsg) owner() screen  { return screenLibrary }
func (backupFailedMsg) owner() screen    { return screenLibrary }
func (listRestMsg) owner() screen        { return screenLibrary }

// newLibrary builds the library; its sessions arrive with init's command.
func newLibrary(deps Deps, st *Styles, keys *keyMap, bar *statusBar) *library {
	l := &library{
		deps: deps,
		bar:  bar,
		keys: keys.Library,
		help: help.New(),
		after: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		},
	}
	l.filter = textinput.New()
	l.filter.Prompt = "/ "
	l.filter.Placeholder = "client, playbook or status"
	l.setStyles(st)
	return l
}

// FirstListRows is how many of the newest sessions the library reads for
// its first frame when its Sessions is a NewestLister: more rows than a
// usual terminal shows, and a read of one page or two whatever the size of
// the store.
const FirstListRows = 120

// init lists the sessions: the newest screenful first when the library can
// read it alone (NewestLister), then the rest.
func (l *library) init() tea.Cmd {
	nl, ok := l.deps.Sessions.(NewestLister)
	if !ok {
		return l.reload(nil)
	}
	prefs := l.deps.Prefs
	l.listGen++
	gen := l.listGen
	return func() tea.Msg {
		idx, total, err := nl.ListNewest(FirstListRows)
		var fac string
		if prefs != nil {
			fac, _ = prefs.Pref(prefFacilitator) // a convenience: the form works without it
		}
		// A full screenful always asks for the rest, whatever the count
		// says: a count gone wrong must never hide a session.
		partial := len(idx) < total || len(idx) >= FirstListRows
		return sessionsListedMsg{items: idx, total: max(total, len(idx)), partial: partial, facilitator: fac, err: err, gen: gen}
	}
}

// reload lists the sessions in a command; flush, when set, runs first so
// the saves of a session just left are in the list.
func (l *library) reload(flush func() error) tea.Cmd {
	lib, prefs := l.deps.Sessions, l.deps.Prefs
	l.listGen++
	gen := l.listGen
	return func() tea.Msg {
		var err error
		if flush != nil {
			err = flush()
		}
		idx, lerr := lib.List()
		if lerr != nil {
			err = lerr
		}
		var fac string
		if prefs != nil {
			fac, _ = prefs.Pref(prefFacilitator) // a convenience: the form works without it
		}
		return sessionsListedMsg{items: idx, total: len(idx), facilitator: fac, err: err, gen: gen}
	}
}

func (l *library) setSize(w, h int) tea.Cmd {
	l.width, l.height = max(w, 0), max(h, 0)
	l.help.SetWidth(l.width)
	l.filter.SetWidth(max(l.width-4, 1))
	l.clampTop()
	return nil
}

func (l *library) setStyles(st *Styles) tea.Cmd {
	if st == l.styles {
		return nil
	}
	l.styles = st
	l.help.Styles = st.Help
	// A steady cursor: a blinking one would wake the app twice a second
	// while it sits on the list.
	in := st.Input
	in.Cursor.Blink = false
	l.filter.SetStyles(in)
	return nil
}

// setPresent switches present mode on the library. Turning it on leaves a
// filter being typed or a delete waiting, both of which name clients.
func (l *library) setPresent(on bool) tea.Cmd {
	if l.present == on {
		return nil
	}
	l.present = on
	if on && l.mode != libHelp {
		l.mode = libList
		l.pending = nil
		l.filter.Blur()
	}
	return nil
}

// setNote shows a notice for a few seconds. The library has no clock to
// redraw it, so it asks for a message when the notice runs out.
func (l *library) setNote(s string) tea.Cmd { return l.notify(sevInfo, s) }

// warn is setNote for what failed or would lose something.
func (l *library) warn(s string) tea.Cmd { return l.notify(sevWarn, s) }

func (l *library) notify(sev severity, s string) tea.Cmd {
	l.notice = l.bar.notify(sev, s, libNoteTTL)
	l.noteGen++
	return l.after(libNoteTTL, libNoteExpiredMsg{gen: l.noteGen})
}

// update handles a message for the library.
func (l library) update(msg tea.Msg) (library, tea.Cmd) {
	switch msg := msg.(type) {
	case sessionsListedMsg:
		if msg.gen < l.shownGen {
			return l, nil // read before the listing on screen
		}
		l.shownGen = msg.gen
		l.loaded = true
		l.lastFac = msg.facilitator
		l.listErr = ""
		if msg.err != nil {
			l.listErr = "could not list every session: " + cleanLine(msg.err.Error())
		}
		items := msg.items
		if len(l.gone) > 0 {
			items = slices.DeleteFunc(slices.Clone(items), func(ix session.Index) bool { return l.gone[ix.ID] })
		}
		ahead := l.ahead
		l.partial, l.total = msg.partial, msg.total-(len(msg.items)-len(items))
		l.setRows(items)
		if l.partial {
			// The rest, while keys act on these; asked for once the first
			// frame is on the terminal, so decoding thousands of records
			// does not compete with drawing it.
			return l, l.deps.afterDrawn(listRestMsg{})
		}
		l.gone = nil
		if ahead > 0 {
			l.move(ahead)
		}
		return l, nil
	case listRestMsg:
		if !l.partial {
			return l, nil
		}
		return l, l.reload(nil)
	case deleteLoadedMsg:
		if msg.err != nil {
			return l, l.warn("could not read the session to delete: " + cleanLine(msg.err.Error()))
		}
		l.pending = msg.sess
		l.mode = libConfirm
		return l, nil
	case sessionDeletedMsg:
		if msg.err != nil {
			return l, l.warn("could not delete: " + cleanLine(msg.err.Error()))
		}
		l.deleted = msg.sess
		l.undoTill = l.deps.Now().Add(libUndoTTL)
		if l.partial {
			if l.gone == nil {
				l.gone = map[string]bool{}
			}
			l.gone[msg.sess.ID] = true
			l.total--
		}
		l.removeRow(msg.sess.ID)
		l.bar.clearIf(l.notice)
		l.noteGen++
		return l, l.after(libUndoTTL, libNoteExpiredMsg{gen: l.noteGen})
	case sessionRestoredMsg:
		if msg.err != nil {
			return l, l.warn("could not bring it back: " + cleanLine(msg.err.Error()))
		}
		l.selID = msg.sess.ID
		delete(l.gone, msg.sess.ID)
		return l, tea.Batch(l.setNote("brought back "+cleanLine(msg.sess.Client)), l.reload(nil))
	case backupFailedMsg:
		l.backup = l.bar.notify(sevWarn, backupNotice(msg.err), 0)
		return l, nil
	case libNoteExpiredMsg:
		if msg.gen == l.noteGen {
			l.bar.clearIf(l.notice)
			if !l.deps.Now().Before(l.undoTill) {
				l.deleted = nil
			}
		}
		return l, nil
	case tea.KeyPressMsg:
		return l.handleKey(msg)
	}
	if l.mode == libFilter {
		return l.updateFilter(msg)
	}
	return l, nil
}

// backupNotice words a failed daily backup for the one status line: the
// cause first ("not a directory", "no space left on device"), since a
// narrow window cuts the line from the right, then where it happened.
func backupNotice(err error) string {
	text := err.Error()
	cause := err
	for u := errors.Unwrap(cause); u != nil; u = errors.Unwrap(cause) {
		cause = u
	}
	where := strings.TrimPrefix(text, "daily backup failed: ")
	why := cause.Error()
	if cause != err && strings.HasSuffix(where, ": "+why) {
		where = strings.TrimSuffix(where, ": "+why)
	} else {
		why, where = where, ""
	}
	line := "⚠ The daily backup failed: " + why
	if where != "" {
		line += " (" + where + ")"
	}
	return cleanLine(line)
}

// canUndo reports whether "u" still brings the last deleted session back.
func (l *library) canUndo() bool {
	return l.deleted != nil && l.deps.Now().Before(l.undoTill)
}

func (l library) handleKey(msg tea.KeyPressMsg) (library, tea.Cmd) {
	k := l.keys
	if !l.present {
		l.bar.clearIf(l.backup) // seen: the key also does what it does
	}
	if key.Matches(msg, k.Present) {
		return l, togglePresent
	}
	if l.present && l.mode == libList {
		// The list is hidden: only what names no client acts.
		switch {
		case key.Matches(msg, k.Quit):
			return l, askQuit
		case key.Matches(msg, k.New):
			in := NewSessionInput{Facilitator: l.lastFac}
			return l, func() tea.Msg { return showNewSessionMsg{in: in} }
		case key.Matches(msg, k.Help):
			l.mode = libHelp
		}
		return l, nil
	}
	switch l.mode {
	case libHelp:
		if key.Matches(msg, k.CloseHelp) {
			l.mode = libList
		}
		return l, nil
	case libConfirm:
		switch {
		case key.Matches(msg, k.Confirm):
			s := l.pending
			l.pending, l.mode = nil, libList
			lib := l.deps.Sessions
			return l, func() tea.Msg { return sessionDeletedMsg{sess: s, err: lib.Delete(s.ID)} }
		case key.Matches(msg, k.Keep):
			l.pending, l.mode = nil, libList
		}
		return l, nil
	case libFilter:
		switch {
		case key.Matches(msg, k.FilterDone):
			l.mode = libList
			l.filter.Blur()
			return l, nil
		case key.Matches(msg, k.FilterQuit):
			l.mode = libList
			l.filter.Blur()
			l.filter.SetValue("")
			l.applyFilter()
			return l, nil
		case msg.Text == "" && key.Matches(msg, k.Up): // arrows move; j and k are text
			l.move(-1)
			return l, nil
		case msg.Text == "" && key.Matches(msg, k.Down):
			l.move(1)
			return l, nil
		}
		return l.updateFilter(msg)
	}
	k = l.listNow() // what the help bar offers is what acts
	switch {
	case key.Matches(msg, k.Quit):
		return l, askQuit
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.PageUp):
		l.move(-max(l.listHeight()-1, 1))
	case key.Matches(msg, k.PageDown):
		l.move(max(l.listHeight()-1, 1))
	case key.Matches(msg, k.Top):
		l.move(-len(l.shown))
	case key.Matches(msg, k.Bottom):
		l.move(max(len(l.shown), l.total))
	case key.Matches(msg, k.Open):
		if ix, ok := l.selected(); ok {
			id := ix.ID
			return l, func() tea.Msg { return openSessionMsg{id: id} }
		}
	case key.Matches(msg, k.New):
		in := NewSessionInput{Facilitator: l.lastFac}
		return l, func() tea.Msg { return showNewSessionMsg{in: in} }
	case key.Matches(msg, k.Timeline):
		if ix, ok := l.selected(); ok {
			return l, msgCmd(showTimelineMsg{client: ix.Client, focus: ix.ID})
		}
	case key.Matches(msg, k.Summary):
		if ix, ok := l.selected(); ok {
			return l, msgCmd(openSummaryMsg{id: ix.ID})
		}
	case key.Matches(msg, k.Delete):
		if ix, ok := l.selected(); ok {
			lib, id := l.deps.Sessions, ix.ID
			return l, func() tea.Msg {
				s, err := lib.Load(id)
				return deleteLoadedMsg{sess: s, err: err}
			}
		}
	case key.Matches(msg, k.Undo):
		if l.canUndo() {
			s, lib := l.deleted, l.deps.Sessions
			l.deleted = nil
			return l, func() tea.Msg { return sessionRestoredMsg{sess: s, err: lib.Put(s)} }
		}
	case key.Matches(msg, k.Sync):
		return l, msgCmd(syncNowMsg{})
	case key.Matches(msg, k.Filter):
		l.mode = libFilter
		return l, l.filter.Focus()
	case key.Matches(msg, k.Clear):
		if l.filter.Value() != "" {
			l.filter.SetValue("")
			l.applyFilter()
		}
	case key.Matches(msg, k.Help):
		l.mode = libHelp
	}
	return l, nil
}

// updateFilter hands a message to the filter input and filters again when
// its text changed.
func (l library) updateFilter(msg tea.Msg) (library, tea.Cmd) {
	before := l.filter.Value()
	var cmd tea.Cmd
	l.filter, cmd = l.filter.Update(msg)
	if l.filter.Value() != before {
		l.applyFilter()
	}
	return l, cmd
}

// setRows takes a new listing, keeping the selection on the same session.
func (l *library) setRows(items []session.Index) {
	if ix, ok := l.selected(); ok && l.selID == "" {
		l.selID = ix.ID
	}
	// The listing is kept as it came: no copy, so the first frame of a
	// large library costs little more than reading it.
	if l.current == nil {
		// The first listing is the first need of the playbooks' versions.
		l.current = map[string]int{}
		for _, p := range l.deps.catalogue() {
			if p != nil {
				l.current[p.ID] = p.Version
			}
		}
	}
	l.rows, l.search = items, nil
	l.clientW = 0
	for _, ix := range items {
		w := cellWidth(ix.Client)
		if ix.With != "" {
			w += len(withSep) + cellWidth(ix.With)
		}
		l.clientW = max(l.clientW, w)
	}
	l.applyFilter()
}

// cellWidth is the cells s takes once cleaned for a line.
func cellWidth(s string) int {
	if w, ok := asciiWidth(s); ok {
		return w
	}
	return ansi.StringWidth(cleanLine(s))
}

// withSep is between a client's name and who took part, in the library.
const withSep = " · "

// removeRow drops a deleted session from the list without reading the
// store again.
func (l *library) removeRow(id string) {
	for i, ix := range l.rows {
		if ix.ID == id {
			l.rows = append(l.rows[:i:i], l.rows[i+1:]...)
			if l.search != nil {
				l.search = append(l.search[:i:i], l.search[i+1:]...)
			}
			break
		}
	}
	keep := l.sel
	l.selID = ""
	l.shown = l.shown[:0] // its indexes point into the rows before the removal
	l.applyFilter()
	l.sel = min(keep, max(len(l.shown)-1, 0))
	l.clampTop()
}

// applyFilter keeps the rows whose client, playbook or status hold every
// word of the filter, and the selection on the same session when it passes.
func (l *library) applyFilter() {
	want := l.selID
	if want == "" {
		if ix, ok := l.selected(); ok {
			want = ix.ID
		}
	}
	l.selID = ""
	l.ahead = 0
	words := strings.Fields(strings.ToLower(l.filter.Value()))
	l.shown = l.shown[:0]
	if len(words) > 0 && l.search == nil {
		// Worked out on the first filter, not at listing: the first frame
		// of a large library does not pay for it.
		l.search = make([]string, len(l.rows))
		for i, ix := range l.rows {
			l.search[i] = strings.ToLower(ix.Client + "\x00" + ix.Playbook + "\x00" +
				ix.PlaybookTitle + "\x00" + statusText(ix.Status) + "\x00" + ix.With)
		}
	}
	for i := range l.rows {
		if len(words) == 0 || matchAll(l.search[i], words) {
			l.shown = append(l.shown, i)
		}
	}
	l.sel = 0
	for i, ri := range l.shown {
		if l.rows[ri].ID == want {
			l.sel = i
			break
		}
	}
	l.clampTop()
}

func matchAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

func (l *library) selected() (session.Index, bool) {
	if l.sel < 0 || l.sel >= len(l.shown) || l.shown[l.sel] >= len(l.rows) {
		return session.Index{}, false
	}
	return l.rows[l.shown[l.sel]], true
}

// move moves the selection d rows. While the rest of the list loads, the
// part of a move past the last row there is waits in ahead.
func (l *library) move(d int) {
	if len(l.shown) == 0 {
		return
	}
	want, last := l.sel+d, len(l.shown)-1
	l.ahead = 0
	if l.partial && want > last {
		l.ahead = want - last
	}
	l.sel = min(max(want, 0), last)
	l.clampTop()
}

// clampTop scrolls so the selected row is drawn. While the rest of the
// list loads, the line saying so counts as one more row after the last,
// drawn with the last row.
func (l *library) clampTop() {
	h := max(l.listHeight(), 1)
	rows, last := len(l.shown), l.sel
	if l.partial {
		rows++
		if l.sel == len(l.shown)-1 {
			last++
		}
	}
	if l.sel < l.top {
		l.top = l.sel
	}
	if last >= l.top+h {
		l.top = last - h + 1
	}
	l.top = max(min(l.top, rows-h), 0)
}

// listHeight is the number of session rows that fit: the screen less the
// title, rule, column heads, filter, status and help lines.
func (l *library) listHeight() int { return l.height - 6 }
