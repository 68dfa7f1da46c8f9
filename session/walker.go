package session

import "time"

// MaxTimeGap caps the time charged to a phase between two moments a front
// end hears from the facilitator (a tick, a key, an input line): a longer
// gap is a break or a suspended laptop, not talk.
const MaxTimeGap = 5 * time.Minute

// Walker is the facilitator's place in a running session, shared by every
// front end (the full-screen runner and accessible mode): the steps they
// walk (the visible ones, and in present mode only those the client may
// see), the cursor on them, moving by prompt and by phase, where an ad-hoc
// question goes, and the session clock. It is pure: it changes the session
// through its mutations and hands back the Edits that persist them, which
// the front end saves.
//
// A Walker is a value; copy it with the front end that holds it.
type Walker struct {
	s       *Session
	present bool
	steps   []Step
	cur     int
	// last is when time was last charged; time before it never counts.
	last time.Time
	// conds is whether any phase or prompt has a show_if, so answering
	// re-walks the steps only when an answer can change them. The
	// session's playbook is its own snapshot and never changes.
	conds bool
	// back is the prompt the cursor was on before the last jump, for
	// JumpBack; "" when there was no jump.
	back string
}

// NewWalker puts a walker on the session's cursor prompt (the first step
// when it is gone) and starts the clock at now: time before a front end
// opened the session never counts.
func NewWalker(s *Session, now time.Time) Walker {
	w := Walker{s: s, last: now, conds: hasConditions(&s.Playbook)}
	w.steps = w.walk()
	w.cur = max(w.PosOf(s.Cursor), 0)
	return w
}

// walk lists the steps as the facilitator walks them: the visible ones, and
// in present mode all but internal prompts.
func (w *Walker) walk() []Step {
	steps := w.s.Steps()
	if !w.present {
		return steps
	}
	out := steps[:0]
	for _, st := range steps {
		if !st.Prompt.Internal {
			out = append(out, st)
		}
	}
	return out
}

// Steps is the steps being walked, in order. Do not change the slice.
func (w *Walker) Steps() []Step { return w.steps }

// Len is how many steps are walked.
func (w *Walker) Len() int { return len(w.steps) }

// Pos is the cursor's place in Steps.
func (w *Walker) Pos() int { return w.cur }

// Step is the step under the cursor; false when there is none (a playbook
// without prompts, or present mode on one that has only internal ones).
func (w *Walker) Step() (Step, bool) {
	if w.cur < 0 || w.cur >= len(w.steps) {
		return Step{}, false
	}
	return w.steps[w.cur], true
}

// PosOf is where prompt id stands in Steps, or -1.
func (w *Walker) PosOf(id string) int {
	for i, st := range w.steps {
		if st.Prompt.ID == id {
			return i
		}
	}
	return -1
}

// HasNext reports whether a step follows the cursor.
func (w *Walker) HasNext() bool { return w.cur < len(w.steps)-1 }

// HasPrev reports whether a step comes before the cursor.
func (w *Walker) HasPrev() bool { return w.cur > 0 }

// HasNextPhase reports whether a later phase has a step.
func (w *Walker) HasNextPhase() bool {
	st, ok := w.Step()
	return ok && st.PhaseIndex < w.steps[len(w.steps)-1].PhaseIndex
}

// HasPrevPhase reports whether an earlier phase has a step.
func (w *Walker) HasPrevPhase() bool {
	st, ok := w.Step()
	return ok && st.PhaseIndex > w.steps[0].PhaseIndex
}

// PhaseStart is the index of the first step of the next (dir > 0) or the
// previous (dir < 0) phase that has steps; false when there is none.
func (w *Walker) PhaseStart(dir int) (int, bool) {
	st, ok := w.Step()
	if !ok {
		return 0, false
	}
	if dir > 0 {
		for i := w.cur + 1; i < len(w.steps); i++ {
			if w.steps[i].PhaseIndex != st.PhaseIndex {
				return i, true
			}
		}
		return 0, false
	}
	first := w.cur
	for first > 0 && w.steps[first-1].PhaseIndex == st.PhaseIndex {
		first--
	}
	if first == 0 {
		return 0, false
	}
	target := w.steps[first-1].PhaseIndex
	i := first - 1
	for i > 0 && w.steps[i-1].PhaseIndex == target {
		i--
	}
	return i, true
}

// MoveTo puts the cursor on step i (kept within the steps) and returns the
// edit that records it, so a resumed session opens there; false when there
// are no steps. Nothing blocks a move: required prompts are flagged, never
// enforced. Time is not charged here: a front end that charges on moving
// calls Accrue first, so the phase being left gets its seconds.
func (w *Walker) MoveTo(i int, now time.Time) (Edit, bool) {
	if len(w.steps) == 0 {
		return Edit{}, false
	}
	w.cur = max(0, min(i, len(w.steps)-1))
	return w.s.MoveCursor(w.steps[w.cur].Prompt.ID, now), true
}

// Jump moves the cursor to step i as MoveTo does, and remembers the prompt
// it was on, so JumpBack can return there. A jump is a move across the
// session (the index, a phase key), not a step to the next prompt: a
// conversation that leaps to another topic and back is followed in two
// keys. A jump to where the cursor already is remembers nothing.
func (w *Walker) Jump(i int, now time.Time) (Edit, bool) {
	from, ok := w.Step()
	e, moved := w.MoveTo(i, now)
	if ok && moved {
		if st, _ := w.Step(); st.Prompt.ID != from.Prompt.ID {
			w.back = from.Prompt.ID
		}
	}
	return e, moved
}

// CanJumpBack reports whether there is a prompt to go back to: one left by
// a jump and still walked.
func (w *Walker) CanJumpBack() bool { return w.back != "" && w.PosOf(w.back) >= 0 }

// JumpBack returns to the prompt the cursor was on before the last jump,
// and remembers the one it leaves, so a second JumpBack returns again:
// the two places of a conversation that goes back and forth, each a key
// away, as in vim. False when there is nowhere to go back to.
func (w *Walker) JumpBack(now time.Time) (Edit, bool) {
	if !w.CanJumpBack() {
		return Edit{}, false
	}
	return w.Jump(w.PosOf(w.back), now)
}

// Refresh walks the steps again (an answer can show or hide prompts) and
// keeps the cursor on its prompt. When that prompt is gone the cursor
// stays at its place, now the next step, and Refresh reports true.
func (w *Walker) Refresh() (moved bool) {
	id := ""
	if st, ok := w.Step(); ok {
		id = st.Prompt.ID
	}
	w.steps = w.walk()
	if i := w.PosOf(id); i >= 0 {
		w.cur = i
		return false
	}
	w.cur = max(0, min(w.cur, len(w.steps)-1))
	return true
}

// Answered follows a change of an answer or a state: the steps are walked
// again only when a show_if could change them, so a keystroke on a
// playbook without conditions costs nothing here. It reports whether the
// cursor's prompt went away, as Refresh does.
func (w *Walker) Answered() (moved bool) {
	if !w.conds {
		return false
	}
	return w.Refresh()
}

// Present reports whether present mode is on.
func (w *Walker) Present() bool { return w.present }

// SetPresent switches present mode: internal prompts leave the steps (or
// come back). The cursor stays on its prompt, or, when that was an
// internal one, moves to the next step the client may see; it reports
// whether it moved so.
func (w *Walker) SetPresent(on bool) (moved bool) {
	if w.present == on {
		return false
	}
	w.present = on
	return w.Refresh()
}

// AddAdHoc adds a question the facilitator asks on the spot, with id,
// right after the prompt they are on, and returns its index in the steps
// with the edit that persists it; false when there is no step to add it
// after. The cursor does not move: the front end goes there when it wants.
//
// The rule: a question follows the playbook prompt the cursor is on. On an
// ad-hoc question it follows that question's own anchor (its playbook
// prompt, or the end of the phase), so questions added one after another
// stay together, in the order they were added, after the prompt that led
// to them, even when that prompt is hidden since.
func (w *Walker) AddAdHoc(id, question string, now time.Time) (int, Edit, bool) {
	st, ok := w.Step()
	if !ok {
		return 0, Edit{}, false
	}
	after := st.Prompt.ID
	if st.AdHoc {
		after = ""
		for _, a := range w.s.AdHoc {
			if a.ID == st.Prompt.ID {
				after = a.After
			}
		}
	}
	e := w.s.AddAdHoc(AdHocPrompt{ID: id, Phase: st.Phase.ID, After: after, Question: question}, now)
	w.Refresh()
	return w.PosOf(id), e, true
}

// Accrue charges the time since it was last charged, at most MaxTimeGap,
// to the phase of the cursor's step and to the session clock. It reports
// whether anything was charged, so the front end knows there is time to
// save. A front end calls it as often as it likes (every tick, every line).
// A finished session's clocks stand still: it is only being read, and
// once reopened its clock runs on from then, not from the finish.
func (w *Walker) Accrue(now time.Time) bool {
	d := now.Sub(w.last)
	w.last = now
	if d <= 0 || w.s.Status == StatusFinished {
		return false
	}
	st, ok := w.Step()
	if !ok {
		return false
	}
	w.s.Spend(st.Phase.ID, min(d, MaxTimeGap), now)
	return true
}

// Finish charges the time up to now and marks the session finished: its
// clocks stop here.
func (w *Walker) Finish(now time.Time) Edit {
	w.Accrue(now)
	return w.s.Finish(now)
}

// Reopen puts a finished session back in progress; its clocks run on from
// now, the time it stood finished never counted.
func (w *Walker) Reopen(now time.Time) Edit {
	w.Accrue(now) // charges nothing while finished; the clock starts here
	return w.s.Reopen(now)
}

// Leave is the edit that saves where the facilitator is, for quitting: the
// cursor and the time spent (charge it with Accrue first).
func (w *Walker) Leave(now time.Time) Edit {
	if st, ok := w.Step(); ok {
		return w.s.MoveCursor(st.Prompt.ID, now)
	}
	return w.s.Spend("", 0, now)
}
