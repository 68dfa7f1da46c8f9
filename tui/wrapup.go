package tui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// wrapItem is one line of the checklist: a prompt to go back to or a
// capture to complete.
type wrapItem struct {
	step      int    // index in the runner's steps; -1 for a capture or the takeaways
	capture   string // capture id; "" for a carried item or the takeaways
	takeaways bool   // opens the key takeaways form
	typing    bool   // the read-back prompt: enter lands typing there
	todo      bool   // stands for what is missing ("none yet"): not counted
	text      string // already cleaned
	// item is set for what closes (an action, a follow-up question, an
	// item carried from an earlier session): space closes or reopens it.
	item *session.LoopItem
}

// wrapSection is a heading of the checklist and its items.
type wrapSection struct {
	title string
	empty string // what "none" means here
	items []wrapItem
}

// wrapUp is the checklist PRODUCT.md asks for before finishing: the key
// takeaways (the client's copy opens with them), parked prompts, required
// prompts still open, actions without an owner or a due date, and
// follow-up questions. It flags, it never blocks: F finishes whatever the
// list says.
type wrapUp struct {
	sel int // index over all items, in order
	top int // first visible line
}

// openWrapUp opens the checklist over the runner.
func (r *runner) openWrapUp() {
	r.commitField()
	r.pushOverlay(&wrapUp{})
}

// sections lays session.WrapUp out as the runner walks it: a prompt is
// matched to its place in the runner's steps (so present mode, which walks fewer
// steps, leaves internal prompts out), and captures present mode hides are
// skipped.
func (w *wrapUp) sections(r *runner) []wrapSection {
	parked := wrapSection{title: session.WrapUpTitles[0], empty: "none"}
	required := wrapSection{title: session.WrapUpTitles[1], empty: "none: every required prompt has an answer or a state"}
	actions := wrapSection{title: session.WrapUpTitles[2], empty: "none"}
	follow := wrapSection{title: session.WrapUpTitles[3], empty: "none captured (ctrl+k f records one)"}
	carried := wrapSection{title: session.WrapUpTitles[4], empty: "none"}
	wu := r.sess.WrapUpWith(r.find)
	own := func(c session.Capture) *session.LoopItem {
		return &session.LoopItem{Origin: r.sess, Ref: session.RefTo(r.sess, c), Item: c}
	}
	for _, sec := range []struct {
		from []session.Step
		to   *wrapSection
	}{{wu.Parked, &parked}, {wu.Required, &required}} {
		for _, st := range sec.from {
			if i := r.walk.PosOf(st.Prompt.ID); i >= 0 {
				sec.to.items = append(sec.to.items, wrapItem{step: i, text: cleanLine(st.Prompt.Question)})
			}
		}
	}
	for _, c := range wu.Actions {
		if !r.presenting() || !hiddenWhilePresenting(c) {
			actions.items = append(actions.items, wrapItem{step: -1, capture: c.ID, item: own(c),
				text: cleanLine(c.Text) + " (" + c.Missing() + ")"})
		}
	}
	for _, c := range wu.FollowUps {
		if !r.presenting() || !hiddenWhilePresenting(c) {
			text := cleanLine(c.Text)
			if st := itemState(c); st != "" {
				text += "  ✓ " + st
			}
			follow.items = append(follow.items, wrapItem{step: -1, capture: c.ID, item: own(c), text: text})
		}
	}
	for _, it := range wu.Carried {
		if !r.presenting() || !hiddenWhilePresenting(it.Item) {
			from := "--"
			if it.Origin != nil {
				from = it.Origin.Created.Format("01-02")
			}
			it := it
			carried.items = append(carried.items, wrapItem{step: -1, item: &it,
				text: kindInfo(it.Item.Kind).Icon + " " + from + "  " + cleanLine(it.Item.Text)})
		}
	}
	secs := []wrapSection{w.takeaways(r), parked, required, actions, follow}
	if len(r.sess.Carried) > 0 {
		secs = append(secs, carried) // only a follow-up carries anything
	}
	return secs
}

// takeaways is the checklist's first section: the key takeaways as the
// client's copy will open with them. With a takeaways prompt (the closing
// read-back) enter goes to it; without one, enter opens the form where
// the facilitator writes them.
func (w *wrapUp) takeaways(r *runner) wrapSection {
	sec := wrapSection{title: "Key takeaways"}
	if st, ok := r.sess.TakeawaysPrompt(); ok {
		i := r.walk.PosOf(st.Prompt.ID)
		if i < 0 {
			sec.empty = "none: the read-back prompt is not shown"
			return sec
		}
		for _, t := range r.sess.Takeaways() {
			sec.items = append(sec.items, wrapItem{step: i, typing: true, text: cleanLine(t)})
		}
		if len(sec.items) == 0 {
			sec.items = append(sec.items, wrapItem{step: i, typing: true, todo: true, text: "none yet: enter goes to " + cleanLine(st.Prompt.Question)})
		}
		return sec
	}
	for _, t := range r.sess.Takeaways() {
		sec.items = append(sec.items, wrapItem{step: -1, takeaways: true, text: cleanLine(t)})
	}
	if len(sec.items) == 0 {
		sec.items = append(sec.items, wrapItem{step: -1, takeaways: true, todo: true, text: "none yet: enter writes them"})
	}
	return sec
}

// items is every selectable item, in the order drawn.
func (w *wrapUp) items(r *runner) []wrapItem {
	var out []wrapItem
	for _, s := range w.sections(r) {
		out = append(out, s.items...)
	}
	return out
}

func (w *wrapUp) update(r *runner, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := w.keysNow(r)
	items := w.items(r)
	switch {
	case key.Matches(km, k.Close):
		r.popOverlay()
	case key.Matches(km, k.Up):
		w.sel = max(w.sel-1, 0)
	case key.Matches(km, k.Down):
		w.sel = max(min(w.sel+1, len(items)-1), 0)
	case key.Matches(km, k.Open):
		if w.sel >= len(items) {
			return nil
		}
		it := items[w.sel]
		if r.finished() && it.step < 0 {
			r.setNote(readOnlyNote) // prompts are still there to be read
			return nil
		}
		if it.takeaways {
			r.openTakeaways()
			return nil
		}
		if it.step >= 0 {
			r.popOverlay()
			// The read-back is there to be written: land typing, so the
			// first letter of a takeaway is text, not a navigation key.
			r.mode = modeNav
			if it.typing && !r.finished() {
				r.mode = modeTyping
			}
			r.jumpTo(it.step)
			return nil
		}
		if it.capture == "" {
			r.setNote("carried from an earlier session: space closes it there")
			return nil
		}
		for _, c := range r.sess.Captures {
			if c.ID == it.capture {
				c := c
				r.pushOverlay(newCaptureForm(r, c.Kind, &c, 0, ""))
			}
		}
	case key.Matches(km, k.Toggle):
		if w.sel >= len(items) || items[w.sel].item == nil {
			r.setNote("only actions and follow-up questions are done or answered")
			return nil
		}
		if note, done := toggleItem(r.save, *items[w.sel].item, today(r.deps.Now), r.now()); done {
			r.setNote(note)
			return nil
		}
		r.pushOverlay(newAnswerForm(r, *items[w.sel].item))
	case key.Matches(km, k.Finish):
		r.save(r.walk.Finish(r.now()))
		r.popOverlay()
		r.leaveTyping()
		r.setNote("session finished and saved (W then R reopens it)")
	case key.Matches(km, k.Reopen):
		r.save(r.walk.Reopen(r.now()))
		r.popOverlay()
		r.setNote("session reopened")
	}
	return nil
}

func (w *wrapUp) body(r *runner, _ []string, width, h int) []string {
	s := r.styles
	status := "in progress"
	if r.sess.Status == session.StatusFinished {
		status = "finished"
	}
	lines := []string{
		s.PhaseRow.Render("Wrap-up") + s.Dim.Render(" · session "+status+" · flagged, never enforced"),
	}
	sel := 0
	var selLine int
	for _, sec := range w.sections(r) {
		n := 0
		for _, it := range sec.items {
			if !it.todo {
				n++
			}
		}
		lines = append(lines, "", s.Phase.Render(fmt.Sprintf("%s (%d)", sec.title, n)))
		if len(sec.items) == 0 {
			lines = append(lines, s.Dim.Render("  "+sec.empty))
		}
		for _, it := range sec.items {
			shown := truncate(it.text, max(width-2, 1))
			text := "  " + shown
			if sel == w.sel {
				text = s.Selected.Render("› " + shown)
				selLine = len(lines)
			}
			lines = append(lines, text)
			sel++
		}
	}
	w.sel = max(min(w.sel, sel-1), 0)
	lines = append(lines, "")
	if r.sess.Status == session.StatusFinished {
		lines = append(lines, s.Dim.Render("This session is finished. R reopens it."))
	} else {
		lines = append(lines, s.Dim.Render("F marks the session finished; nothing above stops it."))
	}
	// Keep the selected item in view; the title stays on top.
	if len(lines) > h && h > 1 {
		body := lines[1:]
		if selLine-1 < w.top {
			w.top = max(selLine-2, 0)
		}
		if selLine-1 >= w.top+h-1 {
			w.top = selLine - 1 - (h - 2)
		}
		w.top = max(min(w.top, len(body)-(h-1)), 0)
		lines = append(lines[:1:1], body[w.top:]...)
	}
	return lines
}

// keysNow is the wrap-up's keys as they apply now, for both its help bar
// and update: finish while in progress, reopen once finished.
func (w *wrapUp) keysNow(r *runner) wrapKeys {
	k := r.keys.Wrap
	n := len(w.items(r))
	finished := r.sess.Status == session.StatusFinished
	k.Up.SetEnabled(n > 0 && w.sel > 0)
	k.Down.SetEnabled(n > 0 && w.sel < n-1)
	k.Open.SetEnabled(n > 0)
	k.Finish.SetEnabled(!finished)
	k.Reopen.SetEnabled(finished)
	var sel *session.LoopItem
	if items := w.items(r); w.sel < len(items) {
		sel = items[w.sel].item
	}
	k.Toggle.SetEnabled(sel != nil && sel.Origin != nil)
	if sel != nil {
		relabel(&k.Toggle, toggleLabel(sel.Item))
	}
	return k
}

func (w *wrapUp) helpKeys(r *runner) help.KeyMap {
	k := w.keysNow(r)
	return bindingSet{short: []key.Binding{k.Up, k.Down, k.Open, k.Toggle, k.Finish, k.Reopen, k.Close}}
}

func (w *wrapUp) badge() string { return "WRAP-UP" }

var _ overlay[*runner] = (*wrapUp)(nil)
