package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rapport/session"
)

// The pains screen: the session's pains ranked as PRODUCT.md defines them
// (impact / effort, ties by impact, then by when they were heard), quick
// wins marked, impact and effort adjusted with single keys, and roadmap
// items made from the pains the coach selects.

// painsScreen is the ranked list of pains.
type painsScreen struct {
	screenBase
	ranked   []session.Capture
	cur      int // index in ranked
	selected map[string]bool
	naming   bool // the title input for a new roadmap item is open
	title    textinput.Model
}

// newPainsScreen opens the pains of sess, ranked, the best one selected.
func newPainsScreen(deps Deps, sess *session.Session, st *Styles, keys *keyMap, bar *statusBar) *painsScreen {
	p := &painsScreen{screenBase: newScreenBase(deps, sess, st, keys, bar), selected: map[string]bool{}}
	p.title = textinput.New()
	p.title.Prompt = "Roadmap item: "
	p.title.SetStyles(st.Input)
	p.rerank("")
	return p
}

// rerank ranks the pains again and keeps the cursor on the pain id (or in
// place when id is empty or gone).
func (p *painsScreen) rerank(id string) {
	p.ranked = slices.DeleteFunc(session.RankPains(p.sess.Captures), func(c session.Capture) bool { return !p.shown(c) })
	if i := slices.IndexFunc(p.ranked, func(c session.Capture) bool { return c.ID == id }); id != "" && i >= 0 {
		p.cur = i
	}
	p.cur = max(0, min(p.cur, len(p.ranked)-1))
	for id := range p.selected {
		if !slices.ContainsFunc(p.ranked, func(c session.Capture) bool { return c.ID == id }) {
			delete(p.selected, id)
		}
	}
}

func (p *painsScreen) setSize(w, h int) tea.Cmd {
	p.screenBase.setSize(w, h)
	p.title.SetWidth(max(w-lipgloss.Width(p.title.Prompt)-1, 1))
	return nil
}

// setPresent switches present mode: internal pains leave the list (and
// the selection) or come back.
func (p *painsScreen) setPresent(on bool) tea.Cmd {
	if p.present == on {
		return nil
	}
	id := ""
	if len(p.ranked) > 0 {
		id = p.ranked[p.cur].ID
	}
	p.present = on
	p.rerank(id)
	return nil
}

func (p *painsScreen) setStyles(st *Styles) tea.Cmd {
	p.screenBase.setStyles(st)
	p.title.SetStyles(st.Input)
	return nil
}

func (p painsScreen) update(msg tea.Msg) (painsScreen, tea.Cmd) {
	if p.naming {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return p.nameKey(k)
		}
		var cmd tea.Cmd
		p.title, cmd = p.title.Update(msg)
		return p, cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	if p.showHelp {
		if key.Matches(k, p.keys.Pains.Help, p.keys.Pains.Back) {
			p.showHelp = false
		}
		return p, nil
	}
	keys, refused := p.listNow()
	if why, ok := refused.of(k); ok {
		p.setNote(why)
		return p, nil
	}
	switch {
	case key.Matches(k, keys.Present):
		return p, togglePresent
	case key.Matches(k, keys.Back):
		return p, msgCmd(backMsg{})
	case key.Matches(k, keys.Help):
		p.showHelp = true
	case key.Matches(k, keys.Board):
		return p, msgCmd(showRoadmapMsg{})
	case key.Matches(k, keys.Up):
		p.cur = max(p.cur-1, 0)
	case key.Matches(k, keys.Down):
		p.cur = min(p.cur+1, len(p.ranked)-1)
	case key.Matches(k, keys.Top):
		p.cur = 0
	case key.Matches(k, keys.Bottom):
		p.cur = len(p.ranked) - 1
	case key.Matches(k, keys.ImpactUp):
		p.adjust(+1, 0)
	case key.Matches(k, keys.ImpactDown):
		p.adjust(-1, 0)
	case key.Matches(k, keys.EffortUp):
		p.adjust(0, +1)
	case key.Matches(k, keys.EffortDown):
		p.adjust(0, -1)
	case key.Matches(k, keys.Select):
		id := p.ranked[p.cur].ID
		if p.selected[id] {
			delete(p.selected, id)
		} else {
			p.selected[id] = true
		}
		p.cur = min(p.cur+1, len(p.ranked)-1) // select a run with space, space
	case key.Matches(k, keys.NewItem):
		return p, p.startNaming()
	}
	return p, nil
}

// adjust changes the impact and effort of the pain under the cursor within
// 1..5, saves it and ranks again; the cursor follows the pain.
func (p *painsScreen) adjust(di, de int) {
	c := p.ranked[p.cur]
	imp, eff := max(1, min(5, c.Impact+di)), max(1, min(5, c.Effort+de))
	if imp == c.Impact && eff == c.Effort {
		p.setNote("impact and effort go from 1 to 5")
		return
	}
	c.Impact, c.Effort = imp, eff
	p.save(p.sess.PutCapture(c, p.now()))
	was := p.cur
	p.rerank(c.ID)
	note := fmt.Sprintf("impact %d, effort %d: score %s", imp, eff, score(c))
	if p.cur != was {
		note += fmt.Sprintf(", now ranked %d", p.cur+1)
	}
	if c.QuickWin() {
		note += ", a quick win"
	}
	p.setNote(note)
}

// chosen is the selected pains in rank order, or the pain under the cursor
// when none is selected.
func (p *painsScreen) chosen() []session.Capture {
	var out []session.Capture
	for _, c := range p.ranked {
		if p.selected[c.ID] {
			out = append(out, c)
		}
	}
	if len(out) == 0 && len(p.ranked) > 0 {
		out = append(out, p.ranked[p.cur])
	}
	return out
}

func (p *painsScreen) startNaming() tea.Cmd {
	ch := p.chosen()
	p.naming = true
	p.title.SetValue(strings.Join(strings.Fields(cleanLine(ch[0].Text)), " "))
	p.title.CursorEnd()
	return p.title.Focus()
}

func (p painsScreen) nameKey(k tea.KeyPressMsg) (painsScreen, tea.Cmd) {
	in := p.keys.Input
	switch {
	case key.Matches(k, in.Cancel):
		p.naming = false
		p.title.Blur()
		p.setNote("no roadmap item made")
		return p, nil
	case key.Matches(k, in.Submit):
		t := strings.TrimSpace(p.title.Value())
		if t == "" {
			p.setNote("a roadmap item needs a title")
			return p, nil
		}
		p.naming = false
		p.title.Blur()
		it := session.RoadmapItemFromPains(p.deps.NewID(), t, p.chosen())
		p.save(p.sess.AddRoadmap(it, p.now()))
		clear(p.selected)
		return p, msgCmd(showRoadmapMsg{focus: it.ID})
	}
	var cmd tea.Cmd
	p.title, cmd = p.title.Update(k)
	return p, cmd
}

func score(c session.Capture) string {
	if c.Impact <= 0 || c.Effort <= 0 {
		return "–"
	}
	return strconv.FormatFloat(c.Score(), 'f', 2, 64)
}

// horizonOf is the horizon of the first roadmap item (in board order)
// that links the pain, or "" when no item does.
func horizonOf(s *session.Session, id string) string {
	for _, h := range session.Horizons {
		for _, it := range session.RoadmapColumn(s.Roadmap, h) {
			if slices.Contains(it.Pains, id) {
				return h.Title()
			}
		}
	}
	return ""
}

// painColumns are the widths of the table's fixed columns at a width.
type painColumns struct {
	wide bool // full labels and the roadmap column
	text int  // the pain's text
}

func painLayout(w int) painColumns {
	if w >= 72 {
		// "▸ " rank(3) " " mark(2) text " Impact Effort Score Quick Roadmap"
		return painColumns{wide: true, text: w - 2 - 3 - 1 - 2 - 34}
	}
	// "▸ " rank(3) " " mark(2) text " Im Ef Score Q"
	return painColumns{text: w - 2 - 3 - 1 - 2 - 14}
}

func (p painsScreen) view() string {
	ranked := len(p.ranked)
	quick, unrated := 0, 0
	for _, c := range p.ranked {
		if c.QuickWin() {
			quick++
		}
		if c.Impact <= 0 || c.Effort <= 0 {
			unrated++
		}
	}
	sub := session.Plural(ranked, "pain", "pains") + " · " + session.Plural(quick, "quick win", "quick wins")
	if unrated > 0 {
		sub += fmt.Sprintf(" · %d unrated", unrated)
	}
	if n := len(p.selected); n > 0 {
		sub += fmt.Sprintf(" · %d selected", n)
	}
	sub += " · score = impact / effort"
	badge := "PAINS"
	if p.naming {
		badge = "NEW ITEM"
	}
	return p.frame("Pains, ranked", p.styles.Dim.Render(sub), badge, p.body(), p.helpKeys())
}

func (p *painsScreen) body() []string {
	st := p.styles
	h := p.bodyHeight()
	if len(p.ranked) == 0 {
		out := []string{st.Dim.Render("No pains yet."), ""}
		return append(out, styleLines(st.Dim, wrapLines("In the runner, ctrl+k then p captures a pain with its impact and effort. "+
			"They are ranked here, biggest and quickest first.", p.width, 4))...)
	}
	cols := painLayout(p.width)
	detail := p.detailLines(cols)
	var lines []string
	if p.naming {
		lines = append(lines, p.title.View(), "")
	}
	lines = append(lines, st.TipsTitle.Render(p.headerRow(cols)))
	avail := max(h-len(lines)-len(detail), 1)
	rows := avail
	if len(p.ranked) > avail {
		rows = max(avail-1, 1) // a line says what is out of view
	}
	top := max(0, p.cur-rows+1)
	for i := top; i < len(p.ranked) && i < top+rows; i++ {
		lines = append(lines, p.row(i, cols))
	}
	if len(p.ranked) > rows {
		var more []string
		if top > 0 {
			more = append(more, fmt.Sprintf("↑ %d above", top))
		}
		if below := len(p.ranked) - top - rows; below > 0 {
			more = append(more, fmt.Sprintf("↓ %d below", below))
		}
		lines = append(lines, st.Dim.Render("      "+strings.Join(more, " · ")))
	}
	for len(lines) < h-len(detail) {
		lines = append(lines, "")
	}
	return append(lines, detail...)
}

func (p *painsScreen) headerRow(c painColumns) string {
	if c.wide {
		return "    # " + "  " + padRight("Pain", c.text) + " Impact Effort Score Quick Roadmap"
	}
	return "    # " + "  " + padRight("Pain", c.text) + " Im Ef Score Q"
}

func (p *painsScreen) row(i int, c painColumns) string {
	st := p.styles
	pain := p.ranked[i]
	cursor := "  "
	if i == p.cur {
		cursor = "▸ "
	}
	mark := "○ "
	if p.selected[pain.ID] {
		mark = "● "
	}
	text := cleanLine(pain.Text)
	if pain.Internal {
		text += " (internal)"
	}
	text = padRight(truncate(text, c.text), c.text)
	var tail string
	quick := ""
	if c.wide {
		if pain.QuickWin() {
			quick = "quick"
		}
		tail = fmt.Sprintf(" %6s %6s %5s %-5s %-7s", score1(pain.Impact), score1(pain.Effort), score(pain), quick, horizonOf(p.sess, pain.ID))
	} else {
		if pain.QuickWin() {
			quick = "Q"
		}
		tail = fmt.Sprintf(" %2s %2s %5s %-1s", score1(pain.Impact), score1(pain.Effort), score(pain), quick)
	}
	line := cursor + fmt.Sprintf("%3d ", i+1) + mark + text + tail
	switch {
	case i == p.cur:
		return st.Selected.Render(line)
	case pain.QuickWin():
		return st.QuickWin.Render(line)
	}
	return line
}

// detailLines shows the pain under the cursor in full: its text wrapped,
// when and where it was heard, its tags and the roadmap items it justifies.
func (p *painsScreen) detailLines(c painColumns) []string {
	st := p.styles
	if len(p.ranked) == 0 || p.bodyHeight() < 10 {
		return nil
	}
	pain := p.ranked[p.cur]
	w := p.width
	out := []string{st.Rule.Render(strings.Repeat("─", w))}
	out = append(out, wrapLines(clean(pain.Text), w, 2)...)
	meta := []string{"heard at " + mmss(pain.At)}
	for _, ph := range p.sess.Playbook.Phases {
		if ph.ID == pain.Phase {
			meta = append(meta, cleanLine(ph.Title))
		}
	}
	for _, t := range pain.Tags {
		meta = append(meta, "#"+cleanLine(t))
	}
	if pain.QuickWin() {
		meta = append(meta, "quick win")
	}
	out = append(out, st.Dim.Render(truncate(strings.Join(meta, " · "), w)))
	var items []string
	for _, h := range session.Horizons {
		for _, it := range session.RoadmapColumn(p.sess.Roadmap, h) {
			if slices.Contains(it.Pains, pain.ID) {
				items = append(items, fmt.Sprintf("%s (%s)", cleanLine(it.Title), h.Title()))
			}
		}
	}
	if len(items) > 0 {
		out = append(out, st.Dim.Render(truncate("On the roadmap: "+strings.Join(items, ", "), w)))
	} else {
		out = append(out, st.Dim.Render("Not on the roadmap yet: n makes an item of it."))
	}
	return out
}

// helpKeys is the help bar for what the screen can do right now.
func (p *painsScreen) helpKeys() help.KeyMap {
	if p.naming {
		in := p.keys.Input
		submit := in.Submit
		relabel(&submit, "make the item")
		return bindingSet{short: []key.Binding{submit, in.Cancel}}
	}
	k := p.keys.Pains
	if p.showHelp {
		return bindingSet{short: []key.Binding{closeHelpKey(k.Help, k.Back)}, full: p.fullKeys()}
	}
	k, _ = p.listNow()
	// The bar names pairs of keys once; the full help names each.
	pairOf(&k.ImpactUp, k.ImpactDown, "impact ±")
	pairOf(&k.EffortUp, k.EffortDown, "effort ±")
	if n := len(p.selected); n > 0 {
		relabel(&k.NewItem, fmt.Sprintf("item from %d", n))
	}
	return bindingSet{
		short: []key.Binding{k.ImpactUp, k.EffortUp, k.Select, k.NewItem, k.Board, k.Help, k.Back, k.Up, k.Down},
		full:  p.fullKeys(),
	}
}

// listNow is the list's keys as they apply now, for both the help bar and
// update: everything but moving to the board needs a pain.
func (p *painsScreen) listNow() (painsKeys, refusals) {
	k, rs := p.keys.Pains, refusals{}
	has := len(p.ranked) > 0
	for _, b := range []*key.Binding{&k.Top, &k.Bottom, &k.ImpactUp, &k.ImpactDown, &k.EffortUp, &k.EffortDown, &k.Select} {
		rs.off(b, has, "")
	}
	rs.off(&k.NewItem, has, "no pains yet: capture one in the runner with ctrl+k p")
	rs.off(&k.Up, has && p.cur > 0, "")
	rs.off(&k.Down, has && p.cur < len(p.ranked)-1, "")
	if p.finished() {
		for _, b := range []*key.Binding{&k.ImpactUp, &k.ImpactDown, &k.EffortUp, &k.EffortDown, &k.NewItem} {
			rs.off(b, false, readOnlyNote)
		}
	}
	return k, rs
}

func (p *painsScreen) fullKeys() [][]key.Binding {
	k := p.keys.Pains
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom},
		{k.ImpactUp, k.ImpactDown, k.EffortUp, k.EffortDown},
		{k.Select, k.NewItem, k.Board, k.Back, k.Help, p.keys.Pains.Present, p.keys.Common.Quit},
	}
}
