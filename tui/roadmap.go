package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

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

// roadmapScreen is the Now / Next / Later board.
type roadmapScreen struct {
	screenBase
	col int    // selected column: an index in session.Horizons
	row [3]int // selected row in each column

	// over is the item form or the evidence picker, when one is open
	// (roadmapform.go); the top one takes the keys.
	over overlays[*roadmapScreen]

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
	if _, picking := b.over.top().(*evidencePicker); picking {
		b.over.pop() // it lists what may be on screen: open it again
	}
	return nil
}

// reopen shows the board again, on the item focus when set; a form or a
// picker left open is closed, since the session may have changed.
func (b *roadmapScreen) reopen(focus string) {
	b.over = nil
	b.showHelp = false
	b.focusItem(focus)
	b.clampRows()
}

func (b *roadmapScreen) setSize(w, h int) tea.Cmd {
	b.screenBase.setSize(w, h)
	for _, o := range b.over {
		if f, ok := o.(*itemForm); ok {
			f.setWidth(w)
		}
	}
	return nil
}

func (b *roadmapScreen) setStyles(st *Styles) tea.Cmd {
	b.screenBase.setStyles(st)
	for _, o := range b.over {
		if f, ok := o.(*itemForm); ok {
			f.setStyles(st)
		}
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
	if o := b.over.top(); o != nil {
		return updateOver(b, o, msg)
	}
	k, isKey := msg.(tea.KeyPressMsg)
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

// helpKeys is the help bar for the board's current mode.
func (b *roadmapScreen) helpKeys() help.KeyMap {
	if o := b.over.top(); o != nil {
		return keysOver(*b, o)
	}
	k := b.keys.Board
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
	if b.finished() {
		for _, x := range []*key.Binding{&k.Edit, &k.New, &k.Quotes, &k.Pains, &k.Delete, &k.MoveLeft, &k.MoveRight, &k.MoveUp, &k.MoveDown, &k.Undo} {
			rs.off(x, false, readOnlyNote)
		}
		return k, rs
	}
	col := b.column(b.col)
	has := len(col) > 0
	const noItem = "no item here: n makes one"
	for _, x := range []*key.Binding{&k.Edit, &k.Quotes, &k.Pains, &k.Delete, &k.MoveLeft, &k.MoveRight, &k.MoveDown} {
		rs.off(x, has, noItem)
	}
	switch {
	case !has:
		rs.off(&k.MoveUp, false, noItem)
	case len(col) < 2:
		rs.off(&k.MoveUp, false, "already first in "+col[0].Horizon.Title())
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
