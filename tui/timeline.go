package tui

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/playbooks"
	"rapport/session"
)

// The client timeline: every session of one client in the order they
// happened, their scorecards side by side with a sparkline and the way
// they moved, the flags each raised, and the actions and follow-up
// questions still open, ready to carry into a follow-up session on a
// playbook of the coach's choosing (the same one by default).

// timelineLoadedMsg carries the client's sessions, oldest first.
type timelineLoadedMsg struct {
	client   string // a load for another client's timeline is dropped
	sessions []*session.Session
	err      error
}

// followUpFailedMsg says a follow-up session could not be created.
type followUpFailedMsg struct{ err error }

func (timelineLoadedMsg) owner() screen { return screenTimeline }
func (followUpFailedMsg) owner() screen { return screenTimeline }

// timelineScreen is the sessions of one client, side by side.
type timelineScreen struct {
	screenBase
	scroller // pgup/pgdn, g/G when the timeline is longer than the screen
	client   string
	current  *session.Session
	focus    string
	followUp bool
	loaded   bool
	err      string
	sessions []*session.Session // oldest first
	sel      int                // the selected session
	choosing bool               // the playbook list for a follow-up is open
	choices  []playbooks.Playbook
	choice   int
	// known are sessions the runner holds (showTimelineMsg.known), taken
	// as they are rather than loaded again.
	known []*session.Session
	// items: tab moved the keys to the selected session's actions and
	// questions; item is the one selected there, answering the answer
	// being typed to a follow-up question.
	items     bool
	item      int
	answering *answerInput
	// people asks who is in the room for the follow-up on the playbook
	// chosen, before it starts: the last session's people, to change.
	people *peopleInput
	pick   playbooks.Playbook
}

// newTimelineScreen makes the timeline of client; load fills it.
func newTimelineScreen(deps Deps, client string, current *session.Session, st *Styles, keys *keyMap, bar *statusBar) *timelineScreen {
	base := current
	if base == nil {
		base = &session.Session{Header: session.Header{Client: client}}
	}
	return &timelineScreen{screenBase: newScreenBase(deps, base, st, keys, bar), client: client, current: current}
}

// load lists the store and loads the client's sessions, in a command. The
// session open in the runner is taken as it is in memory.
func (t *timelineScreen) load() tea.Cmd {
	lib, client, current, known, saver := t.deps.Sessions, t.client, t.current, t.known, t.deps.Saver
	var curIx session.Index // read here: the command must not touch the live session
	if current != nil {
		curIx = current.Index()
	}
	return func() tea.Msg {
		msg := timelineLoadedMsg{client: client}
		if lib == nil {
			if current != nil {
				msg.sessions = []*session.Session{current}
			}
			return msg
		}
		if saver != nil {
			_ = saver.Flush() // what was just closed elsewhere is on disk first
		}
		all, err := lib.List()
		if err != nil {
			msg.err = fmt.Errorf("listing sessions: %w", err)
			return msg
		}
		ixs := session.ClientIndexes(all, client)
		if current != nil && !slices.ContainsFunc(ixs, func(ix session.Index) bool { return ix.ID == current.ID }) {
			ixs = session.ClientIndexes(append(ixs, curIx), client)
		}
		for _, ix := range ixs {
			if current != nil && ix.ID == current.ID {
				msg.sessions = append(msg.sessions, current)
				continue
			}
			if i := slices.IndexFunc(known, func(s *session.Session) bool { return s.ID == ix.ID }); i >= 0 {
				msg.sessions = append(msg.sessions, known[i])
				continue
			}
			s, err := lib.Load(ix.ID)
			if err != nil {
				msg.err = fmt.Errorf("loading session %s: %w", ix.ID, err)
				return msg
			}
			msg.sessions = append(msg.sessions, s)
		}
		return msg
	}
}

func (t timelineScreen) update(msg tea.Msg) (timelineScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case timelineLoadedMsg:
		if !session.SameClient(msg.client, t.client) {
			return t, nil
		}
		t.loaded = true
		if msg.err != nil {
			t.err = cleanLine(msg.err.Error())
			return t, nil
		}
		t.sessions = msg.sessions
		t.sel = max(0, len(t.sessions)-1)
		if t.current != nil {
			if i := slices.Index(t.sessions, t.current); i >= 0 {
				t.sel = i
			}
		}
		if i := slices.IndexFunc(t.sessions, func(s *session.Session) bool { return s.ID == t.focus }); t.focus != "" && i >= 0 {
			t.sel = i
		}
		if t.followUp && len(t.sessions) > 0 && t.deps.Sessions != nil {
			t.openChooser()
		}
		return t, nil
	case followUpFailedMsg:
		t.setNote("could not start the follow-up: " + cleanLine(msg.err.Error()))
		return t, nil
	case tea.KeyPressMsg:
		switch {
		case t.people != nil:
			return t.peopleKey(msg)
		case t.choosing:
			return t.chooseKey(msg)
		case t.answering != nil:
			return t.answerKey(msg)
		case t.items:
			return t.itemKey(msg)
		}
		return t.key(msg)
	case tea.PasteMsg:
		if t.people != nil {
			_, cmd := t.people.update(msg, t.keys.People)
			return t, cmd
		}
		if t.answering != nil {
			var cmd tea.Cmd
			t.answering.ed, cmd = t.answering.ed.Update(msg)
			return t, cmd
		}
	}
	return t, nil
}

// entry is the selected session's actions and follow-up questions as the
// timeline lists them under it: those it carried, then its own, each as
// its origin holds it (so one closed anywhere reads closed here).
func (t *timelineScreen) entry() []session.LoopItem {
	if len(t.sessions) == 0 {
		return nil
	}
	var out []session.LoopItem
	for _, it := range t.sessions[t.sel].Loop(session.Find(t.sessions)) {
		if t.shown(it.Item) {
			out = append(out, it)
		}
	}
	return out
}

// itemKey acts on the selected session's actions and questions: up and
// down move, space closes or reopens (a question opens its answer line),
// tab or esc goes back to the sessions.
func (t timelineScreen) itemKey(k tea.KeyPressMsg) (timelineScreen, tea.Cmd) {
	keys := t.keys.Timeline
	items := t.entry()
	switch {
	case key.Matches(k, keys.Items, keys.Back):
		t.items = false
	case key.Matches(k, keys.Up):
		t.item = max(t.item-1, 0)
	case key.Matches(k, keys.Down):
		t.item = max(min(t.item+1, len(items)-1), 0)
	case key.Matches(k, keys.Toggle):
		if t.item >= len(items) {
			return t, nil
		}
		it := items[t.item]
		if note, done := toggleItem(t.deps.Saver.Save, it, today(t.deps.Now), t.now()); done {
			t.setNote(note)
			return t, nil
		}
		in := newAnswerInput(it, t.styles.field.Editor)
		t.answering = &in
	case key.Matches(k, keys.Help):
		t.showHelp = true
		t.items = false
	}
	return t, nil
}

// answerKey types a follow-up question's answer: enter saves it in the
// question's session, esc drops it.
func (t timelineScreen) answerKey(k tea.KeyPressMsg) (timelineScreen, tea.Cmd) {
	keys := t.keys.Answer
	switch {
	case key.Matches(k, keys.Cancel):
		t.answering = nil
		return t, nil
	case key.Matches(k, keys.Save):
		note, err := t.answering.save(t.deps.Saver.Save, today(t.deps.Now), t.now())
		if err != nil {
			t.setNote(cleanLine(err.Error()))
			return t, nil
		}
		t.answering = nil
		t.setNote(note)
		return t, nil
	}
	var cmd tea.Cmd
	t.answering.ed, cmd = t.answering.ed.Update(k)
	return t, cmd
}

func (t timelineScreen) key(k tea.KeyPressMsg) (timelineScreen, tea.Cmd) {
	if t.showHelp {
		if key.Matches(k, t.keys.Timeline.Help, t.keys.Timeline.Back) {
			t.showHelp = false
		}
		return t, nil
	}
	keys, refused := t.keysNow()
	if why, ok := refused.of(k); ok {
		if why != "" {
			t.setNote(why)
		}
		return t, nil
	}
	switch {
	case key.Matches(k, keys.Back):
		return t, msgCmd(backMsg{})
	case key.Matches(k, keys.Help):
		t.showHelp = true
	case key.Matches(k, t.keys.Timeline.Present):
		return t, togglePresent
	case len(t.sessions) == 0:
	case key.Matches(k, keys.Up):
		t.sel = max(0, t.sel-1)
	case key.Matches(k, keys.Down):
		t.sel = min(len(t.sessions)-1, t.sel+1)
	case key.Matches(k, keys.Open):
		s := t.sessions[t.sel]
		if s == t.current {
			return t, msgCmd(backMsg{})
		}
		return t, msgCmd(openSessionMsg{id: s.ID})
	case key.Matches(k, keys.FollowUp):
		t.openChooser()
	case key.Matches(k, keys.Items):
		t.items, t.item = true, 0
	default:
		t.scroll(k, t.keys.Synthesis, len(t.body()), t.bodyHeight())
	}
	return t, nil
}

// last is the client's latest session, the one a follow-up continues.
func (t *timelineScreen) last() *session.Session { return t.sessions[len(t.sessions)-1] }

// openChooser lists the playbooks a follow-up can run, the latest
// session's own selected; a playbook no longer in the catalogue is offered
// as the session kept it.
func (t *timelineScreen) openChooser() {
	prev := t.last().Playbook
	t.choices = t.choices[:0]
	for _, pb := range t.deps.catalogue() {
		if pb != nil {
			t.choices = append(t.choices, *pb)
		}
	}
	t.choice = slices.IndexFunc(t.choices, func(pb playbooks.Playbook) bool { return pb.ID == prev.ID })
	if t.choice < 0 {
		t.choices = slices.Insert(t.choices, 0, prev)
		t.choice = 0
	}
	t.choosing = true
}

func (t timelineScreen) chooseKey(k tea.KeyPressMsg) (timelineScreen, tea.Cmd) {
	keys := t.keys.Timeline
	switch {
	case key.Matches(k, keys.Cancel):
		t.choosing = false
	case key.Matches(k, keys.Up):
		t.choice = max(0, t.choice-1)
	case key.Matches(k, keys.Down):
		t.choice = min(len(t.choices)-1, t.choice+1)
	case key.Matches(k, keys.Choose):
		// Who is in the room this time: the last session's people, ready
		// to change before it starts.
		last := t.last()
		in := newPeopleInput(last.Contacts, last.Facilitator, t.styles.field.Editor)
		t.people, t.pick = &in, t.choices[t.choice]
	}
	return t, nil
}

// peopleKey edits the follow-up's contacts and facilitator: tab moves
// between them, enter on the facilitator starts the session, esc goes back
// to the playbooks.
func (t timelineScreen) peopleKey(k tea.KeyPressMsg) (timelineScreen, tea.Cmd) {
	keys := t.keys.People
	switch {
	case key.Matches(k, keys.Back):
		t.people = nil
		return t, nil
	case t.people.onFac && key.Matches(k, keys.Start):
		cs, fac := t.people.values()
		t.people, t.choosing = nil, false
		return t, t.startFollowUp(t.pick, cs, fac)
	}
	_, cmd := t.people.update(k, keys)
	return t, cmd
}

// startFollowUp creates the follow-up session with its people in a
// command; once it is stored the app opens it in the runner.
func (t *timelineScreen) startFollowUp(pb playbooks.Playbook, contacts []session.Contact, facilitator string) tea.Cmd {
	next := session.FollowUp(t.sessions, t.deps.NewID(), t.now(), pb)
	next.SetPeople(contacts, facilitator, t.now())
	lib := t.deps.Sessions
	return func() tea.Msg {
		if err := lib.Create(next); err != nil {
			return followUpFailedMsg{err: err}
		}
		return sessionLoadedMsg{sess: next}
	}
}

func (t timelineScreen) view() string {
	sub := "loading…"
	switch {
	case t.err != "":
		sub = t.err
	case t.loaded:
		sub = session.Plural(len(t.sessions), "session", "sessions")
		if n := len(t.sessions); n > 0 {
			sub += " · " + t.sessions[0].Created.Format("2006-01-02")
			if n > 1 {
				sub += " to " + t.last().Created.Format("2006-01-02")
			}
		}
	}
	badge := "TIMELINE"
	switch {
	case t.choosing:
		badge = "FOLLOW-UP"
	case t.answering != nil:
		badge = "ANSWER"
	}
	body := t.body()
	if !t.choosing && t.people == nil {
		body = t.window(t.styles, body, t.bodyHeight())
	}
	return t.frame("Client timeline", t.styles.Dim.Render(truncate(sub, t.width)), badge, body, t.helpKeys())
}

func (t *timelineScreen) body() []string {
	st := t.styles
	w := t.width
	switch {
	case t.err != "":
		return []string{st.Warning.Render(truncate("Could not load the sessions: "+t.err, w))}
	case !t.loaded:
		return []string{st.Dim.Render("Loading the client's sessions…")}
	case len(t.sessions) == 0:
		return []string{st.Dim.Render("No sessions for this client yet.")}
	case t.people != nil:
		return t.peopleLines()
	case t.choosing:
		return t.chooserLines()
	}
	var out []string
	out = append(out, st.PhaseRow.Render("Sessions"))
	for i, s := range t.sessions {
		cursor := "  "
		if i == t.sel {
			cursor = "▸ "
		}
		status := "in progress"
		if s.Status == session.StatusFinished {
			status = "finished"
		}
		flags := t.flags(s)
		title := sessionTitle(s)
		if who := s.Authors(); len(who) > 0 {
			title += " · by " + cleanLine(strings.Join(who, ", "))
		}
		ix := s.Index()
		prog := strconv.Itoa(ix.Answered) + "/" + strconv.Itoa(ix.Total)
		tail := fmt.Sprintf("  %5s %-11s %-8s", prog, status, session.Plural(len(flags), "flag", "flags"))
		if t.present {
			tail = fmt.Sprintf("  %5s %-11s", prog, status)
		}
		line := cursor + s.Created.Format("2006-01-02") + "  " + padRight(truncate(title, max(w-14-len(tail), 4)), max(w-14-len(tail), 4)) + tail
		if i == t.sel {
			line = st.Selected.Render(line)
		}
		out = append(out, line)
	}
	out = append(out, "")
	out = append(out, t.entryLines()...)
	out = append(out, t.trendLines()...)
	if !t.present {
		out = append(out, pairLines(st, session.MeasurePairs(t.sessions), w)...)
	}
	out = append(out, t.flagLines()...)
	out = append(out, t.openLines()...)
	return append(out, t.roadmapLines()...)
}

// entryLines is the selected session's actions and follow-up questions,
// open and closed, with how each stands: "done 12-05", "answered: …".
// tab moves the keys into them; the one selected has a cursor, and a
// question being answered has its answer line under it.
func (t *timelineScreen) entryLines() []string {
	st := t.styles
	items := t.entry()
	if len(items) == 0 {
		return nil
	}
	s := t.sessions[t.sel]
	head := "Actions and questions of " + s.Created.Format("2 Jan")
	if !t.items {
		head += st.Dim.Render(" · tab to close or reopen one")
	}
	out := []string{st.PhaseRow.Render(head)}
	for i, it := range items {
		sel := t.items && i == t.item
		out = append(out, t.entryLine(s, it, sel))
		if sel && t.answering != nil {
			for _, l := range answerRows(st, t.answering, t.width-4)[2:] {
				out = append(out, "    "+l)
			}
		}
	}
	return append(out, "")
}

// entryLine is one action or question of session s: a box (ticked when
// done) or a question mark (a tick when answered), the text, its owner and
// due date while open or how it was closed, and the day of the session it
// came from when s carried it.
func (t *timelineScreen) entryLine(s *session.Session, it session.LoopItem, selected bool) string {
	st := t.styles
	c := it.Item
	mark := "?"
	if c.Kind == session.CaptureAction {
		mark = "□"
	}
	if c.Closed() {
		mark = "✓"
	}
	cursor := "  "
	if selected {
		cursor = "› "
	}
	var tail []string
	if it.Origin != s {
		tail = append(tail, "from "+originDate(it))
	}
	switch {
	case c.Closed():
		tail = append(tail, itemState(c))
	case it.Gone():
		tail = append(tail, "its session is gone")
	case c.Kind == session.CaptureAction:
		tail = append(tail, ownerDue(c))
	}
	end := ""
	if len(tail) > 0 {
		end = "  " + strings.Join(tail, " · ")
	}
	end = truncate(end, max(t.width*2/5, 12))
	head := cursor + mark + " "
	text := truncate(cleanLine(c.Text), max(t.width-len([]rune(head))-ansi.StringWidth(end), 8))
	if selected {
		return st.Selected.Render(head+text) + st.Dim.Render(end)
	}
	return head + text + st.Dim.Render(end)
}

// ownerDue is an open action's owner and due date, or that it has neither.
func ownerDue(c session.Capture) string {
	var who []string
	if o := cleanLine(c.Owner); o != "" {
		who = append(who, o)
	}
	if d := cleanLine(c.Due); d != "" {
		who = append(who, "due "+d)
	}
	if len(who) == 0 {
		return "no owner or date"
	}
	return strings.Join(who, ", ")
}

// sessionTitle tells one session of the client from another: who took
// part, which session it follows up, then its playbook.
func sessionTitle(s *session.Session) string {
	var parts []string
	if w := cleanLine(s.With()); w != "" {
		parts = append(parts, w)
	}
	if at, ok := session.IDTime(s.Follows); ok {
		parts = append(parts, "follow-up of "+at.In(s.Created.Location()).Format("2 Jan"))
	}
	title := cleanLine(s.Playbook.Title)
	if title == "" {
		title = cleanLine(s.Playbook.ID)
	}
	return strings.Join(append(parts, title), " · ")
}

// trendLines is the scorecards side by side: the average in each session
// (the latest ones when they do not all fit), the sparkline over all of
// them and the way the last one moved.
func (t *timelineScreen) trendLines() []string {
	st := t.styles
	trends := session.Trends(t.sessions, t.audience())
	if len(trends) == 0 {
		return nil
	}
	const nameW, colW = 18, 7
	tailW := len(t.sessions) + 7 // sparkline and trend word
	cols := max(1, min(len(t.sessions), (t.width-nameW-tailW)/colW))
	from := len(t.sessions) - cols
	head := padRight("Scorecards", nameW)
	for _, s := range t.sessions[from:] {
		head += fmt.Sprintf("%*s", colW, s.Created.Format("01-02"))
	}
	out := []string{st.PhaseRow.Render(cut(head+"  trend", t.width))}
	for _, tr := range trends {
		row := padRight(truncate(cleanLine(tr.Name), nameW-1), nameW)
		for _, v := range tr.Averages[from:] {
			cell := "–"
			if !math.IsNaN(v) {
				cell = fmt.Sprintf("%.1f", v)
			}
			row += fmt.Sprintf("%*s", colW, cell)
		}
		word := string(tr.Word)
		if word == "" {
			word = "–"
		}
		row += "  " + tr.Spark + " " + word
		switch tr.Word {
		case session.TrendDown:
			row = st.Warning.Render(row)
		case session.TrendUp:
			row = st.QuickWin.Render(row)
		}
		out = append(out, cut(row, t.width))
	}
	return append(out, "")
}

// flags is what s flagged; nothing while presenting, since a flag is the
// facilitator's reading of an answer.
func (t *timelineScreen) flags(s *session.Session) []session.FlagHit {
	if t.present {
		return nil
	}
	return session.Flags(s, t.audience())
}

// flagLines is the flags each session raised, most recent last.
func (t *timelineScreen) flagLines() []string {
	st := t.styles
	var out []string
	for _, s := range t.sessions {
		for _, f := range t.flags(s) {
			if len(out) == 0 {
				out = append(out, st.PhaseRow.Render("Flags"))
			}
			line := "  " + s.Created.Format("01-02") + " ⚑ " + f.Value + "  " + cleanLine(f.Prompt.Question)
			out = append(out, st.Warning.Render(truncate(line, t.width)))
			for _, l := range wrapLines(cleanLine(f.Say), max(t.width-10, 1), 2) {
				out = append(out, st.Warning.Render("          "+l))
			}
		}
	}
	if len(out) > 0 {
		out = append(out, "")
	}
	return out
}

// openLines is the actions and follow-up questions still open: those of
// every session that no later session carried over, with the date of the
// session they came from. A follow-up session carries the latest's.
func (t *timelineScreen) openLines() []string {
	st := t.styles
	var rows []string
	for _, it := range t.openItems() {
		if t.shown(it.Item) {
			rows = append(rows, openItemLine(it.Item, originDate(it), t.width))
		}
	}
	if len(rows) == 0 {
		return []string{st.Dim.Render("No open actions or follow-up questions.")}
	}
	return append([]string{st.PhaseRow.Render("Open actions and follow-up questions")}, rows...)
}

// roadmapLines is the client's roadmap: the latest session's that has
// one (each follow-up starts from a copy of the one before and changes
// it), by horizon.
func (t *timelineScreen) roadmapLines() []string {
	st := t.styles
	var from *session.Session
	for _, s := range slices.Backward(t.sessions) {
		if len(s.Roadmap) > 0 {
			from = s
			break
		}
	}
	if from == nil {
		return nil
	}
	out := []string{"", st.PhaseRow.Render("Roadmap") + st.Dim.Render(" · the latest, from "+from.Created.Format("2 Jan"))}
	for _, h := range session.Horizons {
		for i, it := range session.RoadmapColumn(from.Roadmap, h) {
			head := "        "
			if i == 0 {
				head = "  " + padRight(h.Title(), 6)
			}
			line := head + cleanLine(it.Title)
			var who []string
			if o := cleanLine(it.Owner); o != "" {
				who = append(who, o)
			}
			if tg := cleanLine(it.Target); tg != "" {
				who = append(who, tg)
			}
			if len(who) > 0 {
				line += st.Dim.Render(" (" + strings.Join(who, ", ") + ")")
			}
			out = append(out, truncate(line, t.width))
		}
	}
	return out
}

// openItems is the client's actions and follow-up questions still open,
// each once, in the session that made it, oldest session first.
func (t *timelineScreen) openItems() []session.LoopItem {
	return slices.DeleteFunc(session.ClientLoop(t.sessions), session.LoopItem.Closed)
}

// originDate is the date of the session an item came from, "--" when that
// session is gone.
func originDate(it session.LoopItem) string {
	if it.Origin == nil {
		return "--"
	}
	return it.Origin.Created.Format("01-02")
}

// openItemLine is one open item: a box for an action, a question mark for
// a follow-up question, its owner and date when it has them.
func openItemLine(c session.Capture, from string, w int) string {
	mark := "?"
	text := cleanLine(c.Text)
	if c.Kind == session.CaptureAction {
		mark = "□"
		text += " (" + ownerDue(c) + ")"
	}
	if a := cleanLine(c.Author); a != "" {
		text += " · by " + a
	}
	return truncate("  "+from+" "+mark+" "+text, w)
}

// peopleLines asks who is in the room for the follow-up.
func (t *timelineScreen) peopleLines() []string {
	st := t.styles
	out := []string{
		st.PhaseRow.Render(truncate("Follow-up session for "+cleanLine(t.client)+" · "+cleanLine(t.pick.Title), t.width)),
		st.Dim.Render(truncate("Who is in the room this time? Last time's people, to change.", t.width)),
		"",
	}
	out = append(out, t.people.rows(st, t.width, max(t.bodyHeight()-5, 1))...)
	return append(out, "", st.Dim.Render(truncate("tab, then enter on the facilitator, starts the session.", t.width)))
}

// chooserLines lists the playbooks a follow-up can run.
func (t *timelineScreen) chooserLines() []string {
	st := t.styles
	last := t.last()
	out := []string{
		st.PhaseRow.Render("Follow-up session for " + cleanLine(t.client)),
		st.Dim.Render(truncate(fmt.Sprintf("Carries %s, tagged #%s. Choose its playbook:",
			session.Plural(len(t.openItems()), "open item", "open items"), session.CarriedTag), t.width)),
		"",
	}
	for i, pb := range t.choices {
		line := "  " + cleanLine(pb.Title)
		if line == "  " {
			line = "  " + cleanLine(pb.ID)
		}
		if pb.ID == last.Playbook.ID {
			line += " (same as last time)"
		}
		if i == t.choice {
			line = st.Selected.Render("▸" + line[1:])
		}
		out = append(out, truncate(line, t.width))
	}
	return out
}

func (t *timelineScreen) helpKeys() help.KeyMap {
	k := t.keys.Timeline
	if t.people != nil {
		keys := t.people.keys(t.keys.People)
		if t.people.onFac {
			keys = append(keys, t.keys.People.Start)
		}
		return bindingSet{short: append(keys, t.keys.People.Back)}
	}
	if t.choosing {
		up, down := k.Up, k.Down
		relabel(&up, "up")
		relabel(&down, "down")
		return bindingSet{short: []key.Binding{up, down, k.Choose, k.Cancel}}
	}
	if t.showHelp {
		return bindingSet{short: []key.Binding{closeHelpKey(k.Help, k.Back)}, full: t.fullKeys()}
	}
	if t.answering != nil {
		return bindingSet{short: []key.Binding{t.keys.Answer.Save, t.keys.Answer.Cancel}}
	}
	if t.items {
		up, down, toggle, out := k.Up, k.Down, k.Toggle, k.Items
		items := t.entry()
		up.SetEnabled(t.item > 0)
		down.SetEnabled(t.item < len(items)-1)
		if t.item < len(items) {
			relabel(&toggle, toggleLabel(items[t.item].Item))
		}
		relabel(&up, "previous")
		relabel(&down, "next")
		relabel(&out, "sessions")
		return bindingSet{short: []key.Binding{up, down, toggle, out}, full: t.fullKeys()}
	}
	k, _ = t.keysNow()
	return bindingSet{short: []key.Binding{k.Up, k.Down, k.Open, k.Items, k.FollowUp, k.Back, k.Help}, full: t.fullKeys()}
}

// keysNow is the timeline's keys as they apply now, for both its help bar
// and key: they need sessions, and a follow-up a store to make it in. The
// arrows at either end are held (they would scroll the page otherwise).
func (t *timelineScreen) keysNow() (timelineKeys, refusals) {
	k, rs := t.keys.Timeline, refusals{}
	has := len(t.sessions) > 0
	rs.hold(&k.Up, has && t.sel > 0)
	rs.hold(&k.Down, has && t.sel < len(t.sessions)-1)
	rs.hold(&k.Open, has)
	rs.off(&k.Items, len(t.entry()) > 0, "this session has no actions or follow-up questions")
	switch {
	case !has:
		rs.hold(&k.FollowUp, false)
	default:
		rs.off(&k.FollowUp, t.deps.Sessions != nil, "no store to create a session in")
	}
	return k, rs
}

func (t *timelineScreen) fullKeys() [][]key.Binding {
	k := t.keys.Timeline
	s := t.keys.Synthesis
	return [][]key.Binding{{k.Up, k.Down, k.Open, s.PageUp, s.PageDown, s.Top, s.Bottom}, {k.Items, k.Toggle, k.FollowUp, t.keys.Timeline.Present, k.Back, k.Help, t.keys.Common.Quit}}
}
