package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// undoTTL is how long a deleted capture can be brought back with u.
const undoTTL = 6 * time.Second

// capturesPanel lists the session's captures, newest first, and edits,
// deletes and restores them.
type capturesPanel struct {
	filter session.CaptureKind // "": every kind
	sel    int                 // index in the visible list
	top    int                 // first visible row

	undo      *session.Capture // the last deleted capture
	undoUntil time.Time
}

// openCaptures opens the captures panel over the runner.
func (r *runner) openCaptures() {
	r.pushOverlay(&capturesPanel{})
}

// visible is the list as shown: newest first, filtered by kind, as
// indexes into the session's captures (copying 500 captures per keystroke
// would cost more than drawing them).
func (p *capturesPanel) visible(r *runner) []int {
	cs := r.sess.Captures
	out := make([]int, 0, len(cs))
	for i := len(cs) - 1; i >= 0; i-- {
		c := &cs[i]
		if r.presenting() && hiddenWhilePresenting(*c) {
			continue // screen sharing: the client never sees internal notes
		}
		if p.filter == "" || c.Kind == p.filter {
			out = append(out, i)
		}
	}
	// Captures are kept in creation order, so the reversed list is newest
	// first; an undone delete goes back at the end, so sort only when the
	// order is off, to put it back in its place.
	newer := func(a, b int) int {
		if c := cs[b].Created.Compare(cs[a].Created); c != 0 {
			return c
		}
		return strings.Compare(cs[b].ID, cs[a].ID)
	}
	if !slices.IsSortedFunc(out, newer) {
		slices.SortFunc(out, newer)
	}
	return out
}

// carriedRows is the actions and follow-up questions carried from earlier
// sessions, shown under the captures, filtered as they are.
func (p *capturesPanel) carriedRows(r *runner) []session.LoopItem {
	var out []session.LoopItem
	for _, it := range r.carried() {
		if r.presenting() && hiddenWhilePresenting(it.Item) {
			continue
		}
		if p.filter == "" || it.Item.Kind == p.filter {
			out = append(out, it)
		}
	}
	return out
}

// selectedItem is the selected row as an item that closes: an action or a
// follow-up question of the session, or one carried; false for another
// kind of capture.
func (p *capturesPanel) selectedItem(r *runner, list []int, carried []session.LoopItem) (session.LoopItem, bool) {
	switch {
	case p.sel < len(list):
		c := r.sess.Captures[list[p.sel]]
		if !c.Kind.Closes() {
			return session.LoopItem{}, false
		}
		return session.LoopItem{Origin: r.sess, Ref: session.RefTo(r.sess, c), Item: c}, true
	case p.sel-len(list) < len(carried):
		return carried[p.sel-len(list)], true
	}
	return session.LoopItem{}, false
}

func (p *capturesPanel) canUndo(r *runner) bool {
	return p.undo != nil && r.now().Before(p.undoUntil)
}

func (p *capturesPanel) update(r *runner, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k, refused := p.keysNow(r)
	if why, ok := refused.of(km); ok {
		r.setNote(why)
		return nil
	}
	list := p.visible(r)
	carried := p.carriedRows(r)
	switch {
	case key.Matches(km, k.Close):
		r.popOverlay()
	case key.Matches(km, k.Up):
		p.sel = max(p.sel-1, 0)
	case key.Matches(km, k.Down):
		p.sel = max(min(p.sel+1, len(list)+len(carried)-1), 0)
	case key.Matches(km, k.Toggle):
		it, ok := p.selectedItem(r, list, carried)
		if !ok {
			r.setNote("only actions and follow-up questions are done or answered")
			return nil
		}
		if note, done := toggleItem(r.save, it, today(r.deps.Now), r.now()); done {
			r.setNote(note)
			return nil
		}
		r.pushOverlay(newAnswerForm(r, it))
	case key.Matches(km, k.Edit):
		if p.sel < len(list) {
			c := r.sess.Captures[list[p.sel]]
			r.pushOverlay(newCaptureForm(r, c.Kind, &c, 0, ""))
		}
	case key.Matches(km, k.Delete):
		if p.sel < len(list) {
			c := r.sess.Captures[list[p.sel]]
			now := r.now()
			r.save(r.sess.DeleteCapture(c.ID, now))
			p.undo, p.undoUntil = &c, now.Add(undoTTL)
			r.bar.notify(sevInfo, fmt.Sprintf("deleted %s: undo (u)", kindInfo(c.Kind).Word), undoTTL)
			p.sel = max(min(p.sel, len(list)-2), 0)
		}
	case key.Matches(km, k.Undo):
		if !p.canUndo(r) {
			r.setNote("nothing to undo")
			return nil
		}
		c := *p.undo
		p.undo = nil
		r.save(r.sess.PutCapture(c, r.now()))
		r.setNote(kindInfo(c.Kind).Word + " restored")
		for i, v := range p.visible(r) {
			if r.sess.Captures[v].ID == c.ID {
				p.sel = i
			}
		}
	case key.Matches(km, k.Filter):
		kind, _ := kindForLetter(km.String())
		if p.filter == kind {
			kind = ""
		}
		p.filter, p.sel, p.top = kind, 0, 0
	}
	return nil
}

func (p *capturesPanel) body(r *runner, _ []string, w, h int) []string {
	s := r.styles
	list := p.visible(r)
	title := s.PhaseRow.Render("Captures")
	if p.filter != "" {
		title += s.Dim.Render(fmt.Sprintf(" · %d %s · its letter again shows all",
			len(list), kindInfo(p.filter).Word))
	} else {
		title += s.Dim.Render(fmt.Sprintf(" (%d) · newest first · a kind's letter filters", len(list)))
	}
	lines := []string{title, ""}
	carried := p.carriedRows(r)
	if len(list) == 0 && len(carried) == 0 {
		msg := "No captures yet. ctrl+k then a letter records one: q quote, p pain, a action…"
		if p.filter != "" {
			msg = "No " + kindInfo(p.filter).Word + " captures. Press its letter again to see all."
		}
		return append(lines, s.Dim.Render(msg))
	}
	// Every row, and the line each selectable one is on: the carried
	// items follow the captures under a heading of their own.
	var rows []string
	var at []int
	for i, ci := range list {
		at = append(at, len(rows))
		rows = append(rows, r.captureRow(r.sess.Captures[ci], w, i == p.sel))
	}
	if len(carried) > 0 {
		if len(rows) > 0 {
			rows = append(rows, "")
		}
		rows = append(rows, s.Dim.Render("Carried from earlier sessions · space closes them there"))
		for i, it := range carried {
			at = append(at, len(rows))
			rows = append(rows, r.carriedRow(it, w, len(list)+i == p.sel))
		}
	}
	rowsH := max(h-len(lines), 1)
	p.sel = max(min(p.sel, len(at)-1), 0)
	line := at[p.sel]
	if line < p.top {
		p.top = line
	}
	if line >= p.top+rowsH {
		p.top = line - rowsH + 1
	}
	p.top = max(0, min(p.top, len(rows)-1))
	end := min(p.top+rowsH, len(rows))
	return append(lines, rows[p.top:end]...)
}

// carriedRow is one item carried from an earlier session: its kind, the
// day of the session it came from, its text and how it stands now.
func (r *runner) carriedRow(it session.LoopItem, w int, selected bool) string {
	s := r.styles
	info := kindInfo(it.Item.Kind)
	mark := "  "
	if selected {
		mark = "› "
	}
	from := "from --   "
	if it.Origin != nil {
		from = "from " + it.Origin.Created.Format("01-02")
	}
	head := mark + info.Icon + " " + padRight(info.Word, 9) + " " + from + "  "
	if w < 60 {
		head = mark + info.Icon + " " + from + " "
	}
	end := ""
	if st := itemState(it.Item); st != "" {
		end = "  " + st
	} else if it.Origin == nil {
		end = "  its session is gone"
	}
	end = ansi.Truncate(end, max(w*2/5, 12), "…")
	textW := max(w-ansi.StringWidth(head+end), 12)
	text := ansi.Truncate(cleanLine(it.Item.Text), textW, "…")
	if selected {
		head = s.Selected.Render(head)
	}
	return head + text + s.Dim.Render(end)
}

// captureRow is one capture on one line: kind, clock, phase, text, the
// kind's fields, tags and the internal mark.
func (r *runner) captureRow(c session.Capture, w int, selected bool) string {
	s := r.styles
	info := kindInfo(c.Kind)
	mark := "  "
	if selected {
		mark = "› "
	}
	head := mark + info.Icon + " " + padRight(info.Word, 9) + " " + mmss(c.At) + "  "
	if w < 60 {
		head = mark + info.Icon + " " + mmss(c.At) + " "
	}
	phaseW := 12
	if w >= 100 {
		phaseW = 20
	}
	phase := padRight(truncate(r.phaseTitle(c.Phase), phaseW), phaseW) + "  "
	if w < 60 {
		phase = "" // the text matters more than the phase on a narrow window
	}
	var tail []string
	if info.Has(session.FieldImpact) {
		if c.Impact > 0 || c.Effort > 0 {
			tail = append(tail, "impact "+score1(c.Impact)+", effort "+score1(c.Effort))
		} else {
			tail = append(tail, "not scored yet") // a journey's pain, until ranked
		}
	}
	if cr := session.Credit(c.Speaker); cr != "" && info.Has(session.FieldSpeaker) {
		tail = append(tail, "— "+cleanLine(cr))
	}
	if st := itemState(c); st != "" {
		tail = append(tail, st)
	} else if info.Has(session.FieldOwner) {
		owner, due := cleanLine(c.Owner), c.Due
		if owner == "" {
			owner = "no owner"
		}
		if due == "" {
			due = "no due date"
		}
		tail = append(tail, owner+", "+cleanLine(due))
	}
	// Tags the text already shows are not repeated.
	inText := session.ParseTags(c.Text)
	var tags []string
	for _, t := range c.Tags {
		if !slices.Contains(inText, t) {
			tags = append(tags, t)
		}
	}
	if len(tags) > 0 {
		tail = append(tail, "#"+cleanLine(strings.Join(tags, " #")))
	}
	if c.Internal {
		tail = append(tail, "internal")
	}
	end := ""
	if len(tail) > 0 {
		end = "  " + strings.Join(tail, " · ")
		if w < 60 {
			end = truncate(end, w/4)
		}
	}
	textW := max(w-ansi.StringWidth(head+phase+end), 12)
	text := truncate(cleanLine(c.Text), textW)
	if selected {
		head = s.Selected.Render(head)
	}
	return head + s.Dim.Render(phase) + text + s.Dim.Render(end)
}

// keysNow is the panel's keys as they apply now, for both its help bar and
// update.
func (p *capturesPanel) keysNow(r *runner) (panelKeys, refusals) {
	k, rs := r.keys.Panel, refusals{}
	list, carried := p.visible(r), p.carriedRows(r)
	n := len(list) + len(carried)
	has := n > 0
	onCapture := p.sel < len(list)
	k.Up.SetEnabled(has && p.sel > 0)
	k.Down.SetEnabled(has && p.sel < n-1)
	const carriedWhy = "carried from an earlier session: it is edited there (T, then enter)"
	why := carriedWhy
	if r.finished() {
		why = readOnlyNote
	}
	rs.off(&k.Edit, onCapture && !r.finished(), why)
	rs.off(&k.Delete, onCapture && !r.finished(), why)
	rs.off(&k.Undo, p.canUndo(r), "nothing to undo")
	it, ok := p.selectedItem(r, list, carried)
	switch {
	case !ok:
		rs.off(&k.Toggle, false, "only actions and follow-up questions are done or answered")
	case it.Origin == nil:
		rs.off(&k.Toggle, false, "its session is not in the store: it cannot be closed from here")
	default:
		relabel(&k.Toggle, toggleLabel(it.Item))
	}
	return k, rs
}

func (p *capturesPanel) helpKeys(r *runner) help.KeyMap {
	k, _ := p.keysNow(r)
	return bindingSet{short: []key.Binding{k.Toggle, k.Edit, k.Delete, k.Undo, k.Close, k.Filter, k.Up, k.Down}}
}

// toggleLabel is what space does to c: "done", "not done", "answer",
// "reopen".
func toggleLabel(c session.Capture) string {
	switch {
	case c.Kind == session.CaptureFollowUp && c.Closed():
		return "reopen"
	case c.Kind == session.CaptureFollowUp:
		return "answer"
	case c.Closed():
		return "not done"
	}
	return "done"
}

func (p *capturesPanel) badge() string { return "CAPTURES" }

var _ overlay[*runner] = (*capturesPanel)(nil)
