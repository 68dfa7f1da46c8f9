package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// Drawing the roadmap board: the columns side by side or stacked, each
// item's card, and the evidence of the one selected.

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
	badge, body := "ROADMAP", b.boardLines()
	if o := b.over.top(); o != nil {
		badge, body = o.badge(), drawOver(b, o, body, b.width, b.bodyHeight())
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
		parts = append(parts, session.Plural(len(p), "pain", "pains"))
	case len(p) == 0:
		parts = append(parts, session.Plural(len(q), "quote", "quotes"))
	default:
		parts = append(parts, session.Plural(len(p), "pain", "pains")+", "+session.Plural(len(q), "quote", "quotes"))
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
		ev = append(ev, "• Pain: "+cleanLine(p.Text)+" (impact "+score1(p.Impact)+", effort "+score1(p.Effort)+")")
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
