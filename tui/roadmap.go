package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// The roadmap board: Now, Next and Later side by side (stacked on a narrow
// window), items moved between horizons and up and down with keys, each
// with its owner, target and the pains and quotes behind it, so every line
// of the roadmap the client sees has evidence.

// Board layout and timing.
const (
	boardSideBySide = 90 // from this width the columns sit side by side
	undoFor         = 8 * time.Second
	maxEvidence     = 6 // lines of the selected item's evidence
)

// boardMode is what keys mean on the board right now.
type boardMode int

const (
	boardNormal  boardMode = iota
	boardForm              // editing or making an item
	boardDiscard           // asking whether to drop the form's changes
	boardPick              // linking quotes or pains
)

// Fields of the item form.
const (
	fieldTitle = iota
	fieldOwner
	fieldTarget
	fieldCount
)

// roadmapScreen is the Now / Next / Later board.
type roadmapScreen struct {
	screenBase
	col  int    // selected column: an index in session.Horizons
	row  [3]int // selected row in each column
	mode boardMode

	form    [fieldCount]textinput.Model
	focus   int
	editID  string // the item the form edits; "" makes a new one in col
	initial [fieldCount]string

	pickKind session.CaptureKind
	pickList []session.Capture
	pickCur  int

	undo      *session.RoadmapItem
	undoUntil time.Time

	// byID indexes the captures for the length of one view, so finding
	// every item's evidence reads the captures once, not once per link.
	byID map[string]int // index in sess.Captures
}

// newRoadmapScreen opens the board on sess with the item focus selected
// (the first item when focus is empty or unknown).
func newRoadmapScreen(deps Deps, sess *session.Session, st *Styles, keys *keyMap, bar *statusBar, focus string) *roadmapScreen {
	b := &roadmapScreen{screenBase: newScreenBase(deps, sess, st, keys, bar)}
	for i, p := range []string{"Title  ", "Owner  ", "Target "} {
		b.form[i] = textinput.New()
		b.form[i].Prompt = p
		b.form[i].SetStyles(st.Input)
	}
	b.form[fieldOwner].Placeholder = "who on the client's side carries it"
	b.form[fieldTarget].Placeholder = "when, e.g. Q1, January, 2026-03-31"
	if !b.focusItem(focus) {
		for i, h := range session.Horizons {
			if len(session.RoadmapColumn(sess.Roadmap, h)) > 0 {
				b.col = i
				break
			}
		}
	}
	return b
}

// setPresent switches present mode: internal pains and quotes are not
// shown as evidence nor offered in the pickers.
func (b *roadmapScreen) setPresent(on bool) tea.Cmd {
	if b.present == on {
		return nil
	}
	b.present = on
	if b.mode == boardPick {
		b.mode = boardNormal
	}
	return nil
}

// reopen shows the board again, on the item focus when set; a form or a
// picker left open is closed, since the session may have changed.
func (b *roadmapScreen) reopen(focus string) {
	b.mode = boardNormal
	b.showHelp = false
	b.focusItem(focus)
	b.clampRows()
}

func (b *roadmapScreen) setSize(w, h int) tea.Cmd {
	b.screenBase.setSize(w, h)
	for i := range b.form {
		b.form[i].SetWidth(max(w-lipgloss.Width(b.form[i].Prompt)-1, 1))
	}
	return nil
}

func (b *roadmapScreen) setStyles(st *Styles) tea.Cmd {
	b.screenBase.setStyles(st)
	for i := range b.form {
		b.form[i].SetStyles(st.Input)
	}
	return nil
}

func (b *roadmapScreen) column(i int) []session.RoadmapItem {
	return session.RoadmapColumn(b.sess.Roadmap, session.Horizons[i])
}

// selected is the item under the cursor.
func (b *roadmapScreen) selected() (session.RoadmapItem, bool) {
	col := b.column(b.col)
	if len(col) == 0 {
		return session.RoadmapItem{}, false
	}
	return col[max(0, min(b.row[b.col], len(col)-1))], true
}

// focusItem puts the cursor on the item id; false when there is none.
func (b *roadmapScreen) focusItem(id string) bool {
	if id == "" {
		return false
	}
	for ci := range session.Horizons {
		for ri, it := range b.column(ci) {
			if it.ID == id {
				b.col, b.row[ci] = ci, ri
				return true
			}
		}
	}
	return false
}

func (b *roadmapScreen) clampRows() {
	for ci := range b.row {
		b.row[ci] = max(0, min(b.row[ci], len(b.column(ci))-1))
	}
}

func (b *roadmapScreen) saveAll(edits []session.Edit) {
	for _, e := range edits {
		b.save(e)
	}
}

func (b roadmapScreen) update(msg tea.Msg) (roadmapScreen, tea.Cmd) {
	k, isKey := msg.(tea.KeyPressMsg)
	switch b.mode {
	case boardForm:
		if isKey {
			return b.formKey(k)
		}
		var cmd tea.Cmd
		b.form[b.focus], cmd = b.form[b.focus].Update(msg)
		return b, cmd
	case boardDiscard:
		if isKey {
			switch {
			case key.Matches(k, b.keys.Board.Form.Discard):
				b.closeForm()
				b.setNote("changes dropped")
			case key.Matches(k, b.keys.Board.Form.Keep):
				b.mode = boardForm
				return b, b.form[b.focus].Focus()
			}
		}
		return b, nil
	case boardPick:
		if isKey {
			b.pickKey(k)
		}
		return b, nil
	}
	if !isKey {
		return b, nil
	}
	if b.showHelp {
		if key.Matches(k, b.keys.Board.Help, b.keys.Board.Back) {
			b.showHelp = false
		}
		return b, nil
	}
	keys, refused := b.boardNow()
	if why, ok := refused.of(k); ok {
		b.setNote(why)
		return b, nil
	}
	it, _ := b.selected()
	switch {
	case key.Matches(k, keys.Present):
		return b, togglePresent
	case key.Matches(k, keys.Back):
		return b, msgCmd(backMsg{})
	case key.Matches(k, keys.Help):
		b.showHelp = true
	case key.Matches(k, keys.Ranked):
		return b, msgCmd(showPainsMsg{})
	case key.Matches(k, keys.Up):
		b.step(-1)
	case key.Matches(k, keys.Down):
		b.step(+1)
	case key.Matches(k, keys.Left):
		b.col = max(b.col-1, 0)
	case key.Matches(k, keys.Right):
		b.col = min(b.col+1, len(session.Horizons)-1)
	case key.Matches(k, keys.New):
		return b, b.openForm("")
	case key.Matches(k, keys.Undo):
		b.undoDelete()
	case key.Matches(k, keys.MoveLeft):
		b.moveTo(it, b.col-1)
	case key.Matches(k, keys.MoveRight):
		b.moveTo(it, b.col+1)
	case key.Matches(k, keys.MoveUp):
		b.shift(it, -1)
	case key.Matches(k, keys.MoveDown):
		b.shift(it, +1)
	case key.Matches(k, keys.Edit):
		return b, b.openForm(it.ID)
	case key.Matches(k, keys.Quotes):
		b.openPicker(session.CaptureQuote)
	case key.Matches(k, keys.Pains):
		b.openPicker(session.CapturePain)
	case key.Matches(k, keys.Delete):
		b.delete(it)
	}
	return b, nil
}

// step moves the cursor down (+1) or up (-1). Stacked columns read as one
// list, so on a narrow window the cursor runs on into the next horizon.
func (b *roadmapScreen) step(d int) {
	n := len(b.column(b.col))
	r := b.row[b.col] + d
	if r >= 0 && r < n {
		b.row[b.col] = r
		return
	}
	if b.width >= boardSideBySide {
		return
	}
	for c := b.col + d; c >= 0 && c < len(session.Horizons); c += d {
		if m := len(b.column(c)); m > 0 {
			b.col = c
			b.row[c] = 0
			if d < 0 {
				b.row[c] = m - 1
			}
			return
		}
	}
}

func (b *roadmapScreen) moveTo(it session.RoadmapItem, col int) {
	if col < 0 || col >= len(session.Horizons) {
		b.setNote(fmt.Sprintf("“%s” is already in %s", truncate(cleanLine(it.Title), 30), it.Horizon.Title()))
		return
	}
	h := session.Horizons[col]
	b.saveAll(b.sess.MoveRoadmapTo(it.ID, h, b.now()))
	b.clampRows()
	b.focusItem(it.ID)
	b.setNote("moved to " + h.Title())
	if warn := session.RoadmapWarnings(b.sess.Roadmap); len(warn) > 0 && (h == session.Now || h == session.Next) {
		for _, w := range warn {
			if strings.HasPrefix(w, h.Title()+" ") {
				b.setNote("moved to " + h.Title() + ": " + w)
			}
		}
	}
}

func (b *roadmapScreen) shift(it session.RoadmapItem, d int) {
	edits := b.sess.ShiftRoadmap(it.ID, d, b.now())
	if len(edits) == 0 {
		if d < 0 {
			b.setNote("already first in " + it.Horizon.Title())
		} else {
			b.setNote("already last in " + it.Horizon.Title())
		}
		return
	}
	b.saveAll(edits)
	b.focusItem(it.ID)
}

func (b *roadmapScreen) delete(it session.RoadmapItem) {
	b.save(b.sess.DeleteRoadmap(it.ID, b.now()))
	kept := it
	b.undo = &kept
	b.undoUntil = b.now().Add(undoFor)
	b.clampRows()
	b.bar.notify(sevInfo, fmt.Sprintf("deleted “%s” · u undoes", truncate(cleanLine(it.Title), 40)), undoFor)
}

func (b *roadmapScreen) undoDelete() {
	if b.undo == nil || !b.now().Before(b.undoUntil) {
		b.undo = nil
		b.setNote("nothing to undo")
		return
	}
	it := *b.undo
	b.undo = nil
	b.saveAll(b.sess.RestoreRoadmap(it, b.now()))
	b.focusItem(it.ID)
	b.setNote(fmt.Sprintf("“%s” is back", truncate(cleanLine(it.Title), 40)))
}

// ---- the item form ----

func (b *roadmapScreen) openForm(id string) tea.Cmd {
	b.editID = id
	var vals [fieldCount]string
	if it, ok := b.sess.RoadmapItem(id); ok && id != "" {
		// Shown sanitised on one line: the form never draws a control
		// sequence, and a title that had one is saved without it.
		vals = [fieldCount]string{cleanLine(it.Title), cleanLine(it.Owner), cleanLine(it.Target)}
	}
	for i := range b.form {
		b.form[i].SetValue(vals[i])
		b.form[i].CursorEnd()
		b.form[i].Blur()
	}
	b.initial = vals
	b.focus = fieldTitle
	b.mode = boardForm
	return b.form[b.focus].Focus()
}

func (b *roadmapScreen) formChanged() bool {
	for i := range b.form {
		if b.form[i].Value() != b.initial[i] {
			return true
		}
	}
	return false
}

func (b *roadmapScreen) closeForm() {
	b.form[b.focus].Blur()
	b.mode = boardNormal
}

func (b roadmapScreen) formKey(k tea.KeyPressMsg) (roadmapScreen, tea.Cmd) {
	fk := b.keys.Board.Form
	switch {
	case key.Matches(k, fk.Cancel):
		if b.formChanged() {
			b.form[b.focus].Blur()
			b.mode = boardDiscard
			return b, nil
		}
		b.closeForm()
		return b, nil
	case key.Matches(k, fk.Next), key.Matches(k, fk.Prev):
		d := 1
		if key.Matches(k, fk.Prev) {
			d = fieldCount - 1
		}
		b.form[b.focus].Blur()
		b.focus = (b.focus + d) % fieldCount
		return b, b.form[b.focus].Focus()
	case key.Matches(k, fk.Save):
		b.saveForm()
		return b, nil
	}
	var cmd tea.Cmd
	b.form[b.focus], cmd = b.form[b.focus].Update(k)
	return b, cmd
}

func (b *roadmapScreen) saveForm() {
	title := strings.TrimSpace(b.form[fieldTitle].Value())
	if title == "" {
		b.setNote("a roadmap item needs a title")
		return
	}
	owner := strings.TrimSpace(b.form[fieldOwner].Value())
	target := strings.TrimSpace(b.form[fieldTarget].Value())
	now := b.now()
	if b.editID == "" {
		it := session.RoadmapItem{ID: b.deps.NewID(), Title: title, Owner: owner, Target: target,
			Horizon: session.Horizons[b.col]}
		b.save(b.sess.AddRoadmap(it, now))
		b.closeForm()
		b.focusItem(it.ID)
		b.setNote("added to " + it.Horizon.Title() + ": q links quotes, p links pains")
		return
	}
	it, ok := b.sess.RoadmapItem(b.editID)
	b.closeForm()
	if !ok {
		b.setNote("that item is gone")
		return
	}
	if !b.formChanged() {
		return
	}
	// A field left as it was shown keeps what is stored, so sanitising
	// for display never rewrites text the user did not touch.
	if b.form[fieldTitle].Value() != b.initial[fieldTitle] {
		it.Title = title
	}
	if b.form[fieldOwner].Value() != b.initial[fieldOwner] {
		it.Owner = owner
	}
	if b.form[fieldTarget].Value() != b.initial[fieldTarget] {
		it.Target = target
	}
	b.save(b.sess.PutRoadmap(it, now))
	b.setNote("saved")
}

// ---- the evidence picker ----

func (b *roadmapScreen) openPicker(kind session.CaptureKind) {
	b.pickKind = kind
	if kind == session.CapturePain {
		b.pickList = slices.DeleteFunc(session.RankPains(b.sess.Captures), func(c session.Capture) bool { return !b.shown(c) })
	} else {
		b.pickList = b.pickList[:0]
		for _, c := range b.sess.Captures {
			if c.Kind == kind && b.shown(c) {
				b.pickList = append(b.pickList, c)
			}
		}
	}
	if len(b.pickList) == 0 {
		if kind == session.CapturePain {
			b.setNote("no pains in this session yet: ctrl+k p in the runner captures one")
		} else {
			b.setNote("no quotes in this session yet: ctrl+k q in the runner captures one")
		}
		return
	}
	b.pickCur = 0
	b.mode = boardPick
}

func (b *roadmapScreen) pickKey(k tea.KeyPressMsg) {
	pk := b.keys.Board.Pick
	switch {
	case key.Matches(k, pk.Done):
		b.mode = boardNormal
	case key.Matches(k, pk.Up):
		b.pickCur = max(b.pickCur-1, 0)
	case key.Matches(k, pk.Down):
		b.pickCur = min(b.pickCur+1, len(b.pickList)-1)
	case key.Matches(k, pk.Toggle):
		it, ok := b.selected()
		if !ok || len(b.pickList) == 0 {
			return
		}
		c := b.pickList[b.pickCur]
		link := !it.Linked(c.ID)
		if e, ok := b.sess.LinkRoadmap(it.ID, c, link, b.now()); ok {
			b.save(e)
		}
		if link {
			b.setNote("linked as evidence")
		} else {
			b.setNote("unlinked")
		}
	}
}

// ---- view ----

// score1 is an impact or effort as shown: "–" when unset.
func score1(n int) string {
	if n <= 0 {
		return "–"
	}
	return strconv.Itoa(n)
}

func (b roadmapScreen) view() string {
	b.byID = make(map[string]int, len(b.sess.Captures))
	for i := range b.sess.Captures {
		b.byID[b.sess.Captures[i].ID] = i
	}
	counts := make([]string, 0, 4)
	noEvidence := 0
	for ci, h := range session.Horizons {
		col := b.column(ci)
		counts = append(counts, fmt.Sprintf("%s %d", h.Title(), len(col)))
		for _, it := range col {
			if p, q := b.evidence(it); len(p)+len(q) == 0 {
				noEvidence++
			}
		}
	}
	sub := b.styles.Dim.Render(strings.Join(counts, " · "))
	if noEvidence > 0 {
		sub += b.styles.Dim.Render(" · ") + b.styles.Required.Render(fmt.Sprintf("%d without evidence", noEvidence))
	}
	badge := "ROADMAP"
	var body []string
	switch b.mode {
	case boardForm, boardDiscard:
		badge = "EDIT ITEM"
		if b.editID == "" {
			badge = "NEW ITEM"
		}
		body = b.formLines()
	case boardPick:
		badge = "LINK QUOTES"
		if b.pickKind == session.CapturePain {
			badge = "LINK PAINS"
		}
		body = b.pickLines()
	default:
		body = b.boardLines()
	}
	return b.frame("Roadmap", sub, badge, body, b.helpKeys())
}

// boardLines is the board: warnings, the columns, and the evidence of the
// selected item at the bottom.
func (b *roadmapScreen) boardLines() []string {
	st := b.styles
	h := b.bodyHeight()
	var top []string
	for _, w := range session.RoadmapWarnings(b.sess.Roadmap) {
		top = append(top, st.Warning.Render(truncate("! "+w, b.width)))
	}
	if len(b.sess.Roadmap) == 0 {
		top = append(top,
			st.Dim.Render("The roadmap is empty."),
			"",
			st.Dim.Render("tab opens the ranked pains: space selects some, n makes an item of them."),
			st.Dim.Render("n here makes an item in the selected horizon."),
			"")
		return append(top, b.columnHeads(b.width)...)
	}
	evidence := b.evidenceLines()
	if h-len(top)-len(evidence) < 6 {
		evidence = nil // the board itself comes first
	}
	room := max(h-len(top)-len(evidence), 1)
	var cols []string
	if b.width >= boardSideBySide {
		cols = b.sideBySide(room)
	} else {
		cols = b.stacked(room)
	}
	out := append(top, cols...)
	for len(out) < h-len(evidence) {
		out = append(out, "")
	}
	return append(out, evidence...)
}

// columnHeads is the three horizon headings side by side (wide) or one
// line (narrow), for the empty board.
func (b *roadmapScreen) columnHeads(w int) []string {
	var heads []string
	for ci := range session.Horizons {
		heads = append(heads, b.heading(ci, w))
	}
	return []string{strings.Join(heads, "   ")}
}

// heading is a column's title with its count, its limit when it has one,
// and the selection mark when the cursor is in it.
func (b *roadmapScreen) heading(ci, w int) string {
	st := b.styles
	h := session.Horizons[ci]
	n := len(b.column(ci))
	text := fmt.Sprintf("%s (%d)", h.Title(), n)
	limit := 0
	switch h {
	case session.Now:
		limit = session.NowLimit
	case session.Next:
		limit = session.NextLimit
	}
	lead := "  "
	if ci == b.col {
		lead = "» "
	}
	switch {
	case limit > 0 && n > limit:
		text = fmt.Sprintf("%s (%d, limit %d)", h.Title(), n, limit)
		return st.Warning.Render(truncate(lead+text, w))
	case ci == b.col:
		return st.PhaseRow.Render(truncate(lead+text, w))
	}
	return st.Dim.Render(truncate(lead+text, w))
}

// card is an item in lines of width w: its place and title (wrapped on two
// lines), then its evidence counts ("no evidence" when it has none), owner
// and target.
func (b *roadmapScreen) card(it session.RoadmapItem, place int, sel bool, w int) []string {
	st := b.styles
	lead := "  "
	if sel {
		lead = "▸ "
	}
	num := fmt.Sprintf("%d. ", place)
	indent := strings.Repeat(" ", 2+len(num))
	var lines []string
	for i, l := range wrapLines(cleanLine(it.Title), max(w-len(indent), 1), 2) {
		if i == 0 {
			lines = append(lines, lead+num+l)
		} else {
			lines = append(lines, indent+l)
		}
	}
	if len(lines) == 0 {
		lines = []string{lead + num}
	}
	meta := b.metaText(it)
	lines = append(lines, truncate("     "+meta, w))
	for i := range lines {
		switch {
		case sel:
			lines[i] = st.Selected.Render(padRight(lines[i], w))
		case i == len(lines)-1 && strings.HasPrefix(meta, "no evidence"):
			lines[i] = st.Required.Render(lines[i])
		case i == len(lines)-1:
			lines[i] = st.Dim.Render(lines[i])
		}
	}
	return lines
}

// metaText is "2 pains, 1 quote · owner · target", starting with
// "no evidence" when no pain or quote backs the item: the evidence comes
// first so a narrow column never cuts it off.
func (b *roadmapScreen) metaText(it session.RoadmapItem) string {
	var parts []string
	p, q := b.evidence(it)
	switch {
	case len(p)+len(q) == 0:
		parts = append(parts, "no evidence")
	case len(q) == 0:
		parts = append(parts, counted(len(p), "pain"))
	case len(p) == 0:
		parts = append(parts, counted(len(q), "quote"))
	default:
		parts = append(parts, counted(len(p), "pain")+", "+counted(len(q), "quote"))
	}
	if o := cleanLine(it.Owner); o != "" {
		parts = append(parts, o)
	}
	if t := cleanLine(it.Target); t != "" {
		parts = append(parts, t)
	}
	return strings.Join(parts, " · ")
}

// sideBySide draws the three columns next to each other in h lines, each
// scrolled so its selected card shows.
func (b *roadmapScreen) sideBySide(h int) []string {
	sep := b.styles.Rule.Render(" │ ")
	w := (b.width - 2*3) / 3
	cols := make([][]string, len(session.Horizons))
	for ci := range session.Horizons {
		lines := []string{b.heading(ci, w)}
		var cards []string
		sel, selLen := -1, 0
		for ri, it := range b.column(ci) {
			isSel := ci == b.col && ri == b.row[ci]
			card := b.card(it, ri+1, isSel, w)
			if isSel {
				sel, selLen = len(cards), len(card)
			}
			cards = append(cards, card...)
		}
		if len(cards) == 0 {
			cards = []string{b.styles.Dim.Render("     nothing planned")}
		}
		lines = append(lines, scrollTo(cards, sel, selLen, h-1, b.styles)...)
		cols[ci] = fitLines(lines, w, h, true)
	}
	out := make([]string, h)
	for i := range out {
		out[i] = cols[0][i] + sep + cols[1][i] + sep + cols[2][i]
	}
	return out
}

// stacked draws the horizons one under the other, one line an item, the
// whole scrolled so the selected item shows.
func (b *roadmapScreen) stacked(h int) []string {
	st := b.styles
	w := b.width
	var lines []string
	sel := -1
	for ci := range session.Horizons {
		if ci > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, b.heading(ci, w))
		col := b.column(ci)
		if len(col) == 0 {
			lines = append(lines, st.Dim.Render("     nothing planned"))
		}
		for ri, it := range col {
			isSel := ci == b.col && ri == b.row[ci]
			lead := "  "
			if isSel {
				lead = "▸ "
				sel = len(lines)
			}
			left := fmt.Sprintf("%s%d. %s", lead, ri+1, cleanLine(it.Title))
			// The title comes first: the meta gets what is left, and at
			// least two fifths of the line.
			meta := truncate(b.metaText(it), max(w-ansi.StringWidth(left)-1, w*2/5))
			line := joinEnds(left, meta, w)
			switch {
			case isSel:
				line = st.Selected.Render(padRight(line, w))
			case strings.HasPrefix(meta, "no evidence"):
				line = joinEnds(left, st.Required.Render(meta), w)
			default:
				line = joinEnds(left, st.Dim.Render(meta), w)
			}
			lines = append(lines, line)
		}
	}
	return scrollTo(lines, sel, 1, h, st)
}

// scrollTo returns the window of h lines of lines that shows the block of
// n lines at sel (none when sel < 0), with a mark where lines are cut off.
func scrollTo(lines []string, sel, n, h int, st *Styles) []string {
	if len(lines) <= h || h < 3 {
		return lines
	}
	top := 0
	if sel >= 0 && sel+n > h-1 {
		top = sel + n - (h - 1)
	}
	top = min(top, len(lines)-(h-1))
	out := slices.Clone(lines[top : top+h-1])
	var more []string
	if top > 0 {
		more = append(more, fmt.Sprintf("↑ %d", top))
	}
	if below := len(lines) - top - (h - 1); below > 0 {
		more = append(more, fmt.Sprintf("↓ %d", below))
	}
	return append(out, st.Dim.Render("     "+strings.Join(more, " · ")+" more lines"))
}

// evidence is the item's pains and quotes that may be on screen, in the
// order they were linked, as session.Evidence finds them.
func (b *roadmapScreen) evidence(it session.RoadmapItem) (pains, quotes []session.Capture) {
	if b.byID == nil {
		pains, quotes = b.sess.Evidence(it)
	} else {
		pick := func(ids []string, kind session.CaptureKind) []session.Capture {
			var out []session.Capture
			for _, id := range ids {
				if i, ok := b.byID[id]; ok && b.sess.Captures[i].Kind == kind {
					out = append(out, b.sess.Captures[i])
				}
			}
			return out
		}
		pains, quotes = pick(it.Pains, session.CapturePain), pick(it.Quotes, session.CaptureQuote)
	}
	return slices.DeleteFunc(pains, func(c session.Capture) bool { return !b.shown(c) }),
		slices.DeleteFunc(quotes, func(c session.Capture) bool { return !b.shown(c) })
}

// evidenceLines shows the selected item's pains and quotes in full, so the
// coach sees why it is on the roadmap without opening anything.
func (b *roadmapScreen) evidenceLines() []string {
	st := b.styles
	it, ok := b.selected()
	if !ok {
		return nil
	}
	w := b.width
	out := []string{st.Rule.Render(strings.Repeat("─", w))}
	head := "Evidence for “" + cleanLine(it.Title) + "”"
	// Cards cut owner and target first; the selected item says them whole.
	if o := cleanLine(it.Owner); o != "" {
		head += " · owner " + o
	}
	if t := cleanLine(it.Target); t != "" {
		head += " · target " + t
	}
	out = append(out, st.TipsTitle.Render(truncate(head, w)))
	pains, quotes := b.evidence(it)
	if len(pains)+len(quotes) == 0 {
		return append(out, st.Required.Render(truncate("No evidence yet: q links the quotes, p the pains that justify it.", w)))
	}
	var ev []string
	for _, p := range pains {
		ev = append(ev, fmt.Sprintf("• Pain: %s (impact %d, effort %d)", cleanLine(p.Text), p.Impact, p.Effort))
	}
	for _, q := range quotes {
		ev = append(ev, fmt.Sprintf("• Quote: “%s” (%s)", cleanLine(q.Text), mmss(q.At)))
	}
	if len(ev) > maxEvidence-2 {
		rest := len(ev) - (maxEvidence - 3)
		ev = append(ev[:maxEvidence-3], fmt.Sprintf("  and %d more", rest))
	}
	for _, l := range ev {
		out = append(out, truncate(l, w))
	}
	return out
}

func (b *roadmapScreen) formLines() []string {
	st := b.styles
	var title string
	if b.editID == "" {
		title = "New roadmap item in " + session.Horizons[b.col].Title()
	} else if it, ok := b.sess.RoadmapItem(b.editID); ok {
		title = fmt.Sprintf("Edit “%s” (%s)", cleanLine(it.Title), it.Horizon.Title())
	}
	out := []string{st.PhaseRow.Render(truncate(title, b.width)), ""}
	for i := range b.form {
		out = append(out, b.form[i].View())
	}
	out = append(out, "")
	if b.mode == boardDiscard {
		out = append(out, st.Warning.Render("Discard your changes? y drops them, n keeps editing."))
	} else {
		out = append(out, st.Dim.Render(truncate("Owner and target are optional; tab moves between fields.", b.width)))
	}
	return out
}

func (b *roadmapScreen) pickLines() []string {
	st := b.styles
	it, _ := b.selected()
	what := "Quotes"
	if b.pickKind == session.CapturePain {
		what = "Pains, ranked,"
	}
	head := fmt.Sprintf("%s as evidence for “%s”", what, cleanLine(it.Title))
	lines := []string{st.PhaseRow.Render(truncate(head, b.width)), ""}
	var rows []string
	for i, c := range b.pickList {
		mark := "[ ] "
		if it.Linked(c.ID) {
			mark = "[x] "
		}
		lead := "  "
		if i == b.pickCur {
			lead = "▸ "
		}
		var tail string
		if c.Kind == session.CapturePain {
			tail = "  impact " + score1(c.Impact) + ", effort " + score1(c.Effort)
			if c.QuickWin() {
				tail += " quick"
			}
		} else {
			tail = "  " + mmss(c.At)
		}
		if c.Internal {
			tail += " internal"
		}
		text := cleanLine(c.Text)
		if c.Kind == session.CaptureQuote {
			text = "“" + text + "”"
		}
		line := joinEnds(lead+mark+text, st.Dim.Render(tail), b.width)
		if i == b.pickCur {
			line = st.Selected.Render(padRight(ansi.Strip(line), b.width))
		}
		rows = append(rows, line)
	}
	return append(lines, scrollTo(rows, b.pickCur, 1, b.bodyHeight()-len(lines), st)...)
}

// helpKeys is the help bar for the board's current mode.
func (b *roadmapScreen) helpKeys() help.KeyMap {
	k := b.keys.Board
	switch b.mode {
	case boardForm:
		return bindingSet{short: []key.Binding{k.Form.Save, k.Form.Next, k.Form.Prev, k.Form.Cancel}}
	case boardDiscard:
		return bindingSet{short: []key.Binding{k.Form.Discard, k.Form.Keep}}
	case boardPick:
		return bindingSet{short: []key.Binding{k.Pick.Up, k.Pick.Down, k.Pick.Toggle, k.Pick.Done}}
	}
	if b.showHelp {
		return bindingSet{short: []key.Binding{closeHelpKey(k.Help, k.Back)}, full: b.fullKeys()}
	}
	k, _ = b.boardNow()
	// The bar names pairs of keys once; the full help names each.
	pairOf(&k.MoveLeft, k.MoveRight, "horizon")
	pairOf(&k.MoveUp, k.MoveDown, "reorder")
	relabel(&k.Quotes, "quotes")
	relabel(&k.Pains, "pains")
	relabel(&k.New, "new")
	relabel(&k.Ranked, "ranking")
	return bindingSet{
		short: []key.Binding{k.Undo, k.MoveLeft, k.MoveUp, k.Edit, k.Quotes, k.Pains, k.New, k.Help, k.Delete, k.Back, k.Ranked},
		full:  b.fullKeys(),
	}
}

// boardNow is the board's keys as they apply now, for both the help bar
// and update: what acts on an item needs one selected, reordering needs a
// second item in the column, undo its few seconds.
func (b *roadmapScreen) boardNow() (boardKeys, refusals) {
	k, rs := b.keys.Board, refusals{}
	it, has := b.selected()
	const noItem = "no item here: n makes one"
	for _, x := range []*key.Binding{&k.Edit, &k.Quotes, &k.Pains, &k.Delete, &k.MoveLeft, &k.MoveRight, &k.MoveDown} {
		rs.off(x, has, noItem)
	}
	switch {
	case !has:
		rs.off(&k.MoveUp, false, noItem)
	case len(b.column(b.col)) < 2:
		rs.off(&k.MoveUp, false, "already first in "+it.Horizon.Title())
	}
	rs.off(&k.Undo, b.undo != nil && b.now().Before(b.undoUntil), "nothing to undo")
	return k, rs
}

func (b *roadmapScreen) fullKeys() [][]key.Binding {
	k := b.keys.Board
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.MoveLeft, k.MoveRight, k.MoveUp, k.MoveDown},
		{k.Edit, k.New, k.Quotes, k.Pains, k.Delete, k.Undo},
		{k.Ranked, k.Back, k.Help, b.keys.Board.Present, b.keys.Common.Quit},
	}
}
