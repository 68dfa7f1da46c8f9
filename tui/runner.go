package tui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rapport/playbooks"
	"rapport/session"
	"rapport/tui/field"
)

// mode is what keys mean right now on the runner (PRODUCT.md: keys are modal).
type mode int

const (
	modeTyping mode = iota // the answer field has focus; letters are text
	modeNav                // single letters and arrows act
	modeJump               // the index of prompts is open; letters filter
	modeAdHoc              // the one-line input for an ad-hoc question
	modeHelp               // the full help is open
)

// Clock and saving rhythm.
const (
	tickEvery     = time.Second
	timeSaveEvery = 5 * time.Second // a time-only edit is saved at most this often
)

// runner is the screen a session runs on: header, the current prompt with
// its answer field, tips, a status line and the help bar. This file holds
// its state, navigation and clock; runner_update.go the mode machine,
// runner_keys.go which keys apply, runner_layout.go and runner_view.go the
// layout and drawing.
type runner struct {
	deps Deps
	sess *session.Session
	walk session.Walker // the steps, the cursor on them, the clock, present mode
	// origins are the earlier sessions the session's carried items live
	// in, once loaded (loop.go): closing one edits its own session.
	origins []*session.Session
	mode    mode
	styles  *Styles // shared and never changed: swapped whole on a background colour change
	keys    *keyMap
	bar     *statusBar // the root's: save status and notices
	help    help.Model
	meter   progress.Model // how many prompts are done

	fld    field.Field
	fldID  string
	fldVer uint64

	width, height int

	lastTimeSave time.Time
	timeDirty    bool
	tickGen      int

	jump    jumpList
	adhoc   textinput.Model
	helpTop int // first line of the full help shown, when it is taller than the screen

	// over is the stack of overlays (capture palette and form, captures
	// panel, wrap-up); the top one takes keys and pastes (capture.go).
	over overlays[*runner]

	vc *viewCache // shared by copies of the runner; only View and plan use it
}

// newRunner opens sess on its cursor prompt, in typing mode if asked.
func newRunner(deps Deps, start Start, st *Styles, keys *keyMap, bar *statusBar) *runner {
	// Whatever the facilitator changes records who did (docs/team.md).
	if start.Session != nil {
		start.Session.SetAuthor(deps.Author)
	}
	r := &runner{
		deps:   deps,
		sess:   start.Session,
		styles: st,
		keys:   keys,
		bar:    bar,
		help:   help.New(),
		mode:   modeNav,
		// The clock starts now: time before the app opened never counts.
		walk:         session.NewWalker(start.Session, deps.Now()),
		lastTimeSave: deps.Now(),
		tickGen:      1,
		vc:           &viewCache{},
	}
	r.help.Styles = st.Help
	r.meter = progress.New(progress.WithoutPercentage(), progress.WithWidth(12),
		progress.WithFillCharacters('█', '░'))
	r.applyBarColor()
	if start.Typing && !r.finished() {
		r.mode = modeTyping
	}
	r.adhoc = textinput.New()
	r.adhoc.Prompt = "New question: "
	r.adhoc.Placeholder = "type it, enter adds it here"
	r.adhoc.SetStyles(st.Input)
	r.jump = newJumpList()
	r.jump.filter.SetStyles(st.Input)
	r.rebuildField()
	return r
}

// init returns the first tick. The clock itself started in newRunner:
// Init's receiver is a copy, so nothing set here would survive.
func (r runner) init() tea.Cmd {
	return tea.Batch(r.tick(), loadOrigins(r.deps, r.sess))
}

func (r *runner) now() time.Time { return r.deps.Now() }

// tick schedules the next second of the current tick chain; a chain whose
// generation is stale dies at its next tick.
func (r *runner) tick() tea.Cmd {
	gen := r.tickGen
	return tea.Tick(tickEvery, func(t time.Time) tea.Msg { return tickMsg{gen: gen, at: t} })
}

// finished reports whether the session is finished. A finished session is
// read-only (DECISIONS.md: it opens in navigation mode with a banner, and a
// key reopens it): its answers and captures cannot change until the
// wrap-up's R reopens it. Its actions and follow-up questions can still be
// closed: that happens after the session, and is what a follow-up is for.
func (r *runner) finished() bool { return r.sess.Status == session.StatusFinished }

// readOnlyNote is what a key that would change a finished session says.
const readOnlyNote = "this session is finished: W then R reopens it"

// step returns the current step, or false when the playbook has no prompts.
func (r *runner) step() (session.Step, bool) { return r.walk.Step() }

// save hands an edit to the writer. Every edit carries the header, so it
// also persists the cursor and the time spent so far.
func (r *runner) save(e session.Edit) {
	if r.sess.ID == "" {
		return
	}
	r.deps.Saver.Save(e)
	r.timeDirty = false
	r.lastTimeSave = r.now()
}

// accrue charges the wall time since the last tick to the current phase
// (session.Walker.Accrue). Only time the app is open counts: the walker's
// clock starts when the runner does.
func (r *runner) accrue(now time.Time) {
	if r.walk.Accrue(now) {
		r.timeDirty = true
	}
}

// prepareQuit charges the last seconds and saves the cursor and time, so a
// resumed session opens where it was left with the right clock.
func (r *runner) prepareQuit() {
	r.keepDrafts() // a capture half typed when the window closes is kept
	now := r.now()
	r.accrue(now)
	if _, ok := r.step(); ok || r.timeDirty {
		r.save(r.walk.Leave(now))
	}
}

// setNote shows a notice in the status line for a few seconds.
func (r *runner) setNote(s string) { r.bar.note(s) }

// setSize lays the screen out for a new terminal size.
func (r *runner) setSize(w, h int) tea.Cmd {
	r.width, r.height = max(w, 0), max(h, 0)
	r.help.SetWidth(r.width)
	r.adhoc.SetWidth(max(r.width-lipgloss.Width(r.adhoc.Prompt)-1, 1))
	r.jump.setWidth(r.width)
	r.sizeField()
	return nil
}

// setStyles switches palettes once the background colour is known.
func (r *runner) setStyles(st *Styles) tea.Cmd {
	if st == r.styles {
		return nil
	}
	r.styles = st
	r.help.Styles = st.Help
	r.adhoc.SetStyles(st.Input)
	r.jump.filter.SetStyles(st.Input)
	r.applyBarColor()
	if r.fld != nil {
		r.rebuildField()
	}
	return nil
}

func (r *runner) applyBarColor() {
	if r.styles.progressColor == "" {
		r.meter.FullColor = nil
		r.meter.EmptyColor = nil
		return
	}
	r.meter.FullColor = lipgloss.Color(r.styles.progressColor)
	r.meter.EmptyColor = lipgloss.Color("#555555")
}

// rebuildField makes the answer field for the current prompt from the
// stored answer, the only source of truth.
func (r *runner) rebuildField() {
	st, ok := r.step()
	if !ok {
		r.fld, r.fldID, r.fldVer = nil, "", 0
		return
	}
	r.fld = field.New(st.Prompt, r.sess.AnswerFor(st.Prompt.ID), r.styles.field, field.WithClock(r.deps.Now))
	field.HideFlag(r.fld, r.flagHidden(st.Prompt))
	r.fldID = st.Prompt.ID
	r.sizeField()
	if r.mode == modeTyping {
		r.fld.Focus()
	}
	r.fldVer = r.fld.Version()
}

// flagHidden is whether the field keeps p's flag to itself: always while
// presenting (a flag is the facilitator's reading of the answer), and for
// a compound flag while its second condition does not hold.
func (r *runner) flagHidden(p playbooks.Prompt) bool {
	if r.presenting() || p.Flag == nil {
		return true
	}
	return p.Flag.And != nil && !r.sess.Visibility().Holds(p.Flag.And)
}

func (r *runner) sizeField() {
	if r.fld == nil {
		return
	}
	l := r.plan()
	r.fld.SetSize(max(l.mainW, 1), max(l.fieldH, 1))
}

// moveTo puts the cursor on step i and saves it. Nothing blocks a move:
// required prompts are flagged on screen, never enforced.
func (r *runner) moveTo(i int) {
	if r.walk.Len() == 0 {
		return
	}
	now := r.now()
	r.accrue(now) // charge the phase being left
	e, _ := r.walk.MoveTo(i, now)
	r.save(e)
	r.rebuildField()
}

// jumpTo moves to step i as a jump (the index, a phase key, the wrap-up):
// ctrl+o then returns to the prompt left.
func (r *runner) jumpTo(i int) {
	if r.walk.Len() == 0 {
		return
	}
	r.commitField()
	now := r.now()
	r.accrue(now)
	e, _ := r.walk.Jump(i, now)
	r.save(e)
	r.rebuildField()
}

// jumpBack returns to the prompt before the last jump (ctrl+o), in the
// mode the facilitator is in.
func (r *runner) jumpBack() {
	r.commitField()
	now := r.now()
	r.accrue(now)
	e, ok := r.walk.JumpBack(now)
	if !ok {
		r.setNote(noJumpYet)
		return
	}
	r.save(e)
	r.rebuildField()
}

// answered follows a change of the current answer or state: an answer can
// show or hide prompts, and when the one in view went away the field
// follows the cursor to the step now at its place.
func (r *runner) answered() {
	if r.walk.Answered() {
		r.rebuildField()
	}
}

// commitField writes the field's answer into the session when it changed.
func (r *runner) commitField() {
	if r.fld == nil {
		return
	}
	v := r.fld.Version()
	if v == r.fldVer {
		return
	}
	r.fldVer = v
	now := r.now()
	r.save(r.sess.PutAnswer(r.fld.Answer(r.sess.AnswerFor(r.fldID)), now))
	if st, ok := r.walk.Step(); ok && st.Prompt.ID == r.fldID {
		// A journey's pains are pain captures too (no edits for other kinds).
		for _, e := range r.sess.SyncJourneyPains(st, now) {
			r.save(e)
		}
	}
	r.answered()
}

// setState marks the current prompt skipped, parked, not applicable or open.
// What was typed stays.
func (r *runner) setState(s session.State, label string) {
	st, ok := r.step()
	if !ok {
		return
	}
	r.commitField()
	r.save(r.sess.SetState(st.Prompt.ID, s, r.now()))
	r.answered()
	r.setNote(label)
}
func (r *runner) next() {
	if !r.walk.HasNext() {
		r.setNote("this is the last prompt")
		return
	}
	r.moveTo(r.walk.Pos() + 1)
}

func (r *runner) prev() {
	if !r.walk.HasPrev() {
		r.setNote("this is the first prompt")
		return
	}
	r.moveTo(r.walk.Pos() - 1)
}

// jumpPhase moves to the first prompt of the next (+1) or previous (-1)
// phase that has prompts on screen.
func (r *runner) jumpPhase(dir int) {
	if _, ok := r.step(); !ok {
		return
	}
	i, ok := r.walk.PhaseStart(dir)
	switch {
	case ok:
		r.jumpTo(i)
	case dir > 0:
		r.setNote("this is the last phase")
	default:
		r.setNote("this is the first phase")
	}
}

// addAdHoc adds a question after the current prompt (session.Walker's
// rule) and moves there, in typing mode, so the answer can be typed at once.
func (r *runner) addAdHoc(q string) {
	i, e, ok := r.walk.AddAdHoc(r.deps.NewID(), q, r.now())
	if !ok {
		return
	}
	r.save(e)
	if i < 0 {
		return // not among the steps walked: never, as questions are not internal
	}
	r.mode = modeTyping
	r.moveTo(i)
	r.setNote("question added")
}
