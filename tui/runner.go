package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/playbooks"
	"rapport/session"
	"rapport/tui/editor"
	"rapport/tui/field"
)

// mode is what keys mean right now on the runner (PRODUCT.md: keys are modal).
type mode int

const (
	modeTyping mode = iota // the answer field has focus; letters are text
	modeNav                // single letters and arrows act
	modeIndex              // the index of prompts is open; letters filter
	modeAdHoc              // the one-line input for an ad-hoc question
	modeHelp               // the full help is open
)

// Layout limits. Below the minimum the runner says "window too small"
// instead of drawing a screen that cannot hold a question and an answer.
const (
	minWidth       = 32
	minHeight      = 10
	sideTipsWidth  = 100 // from this width the tips sit in a side panel
	bottomTipsRows = 20  // from this height (without a side panel) tips sit below
	maxTipLines    = 3
)

// Clock and saving rhythm.
const (
	tickEvery     = time.Second
	timeSaveEvery = 5 * time.Second // a time-only edit is saved at most this often
	maxTickGap    = 5 * time.Minute // a longer gap is a suspended laptop, not talk
	noteTTL       = 4 * time.Second // how long a status note stays
	maxReasonLen  = 60              // characters of a save error shown in the header
)

// runner is the screen a session runs on: header, the current prompt with
// its answer field, tips, a status line and the help bar.
type runner struct {
	deps   Deps
	sess   *session.Session
	steps  []session.Step
	cur    int
	mode   mode
	back   mode          // the mode help or the index returns to
	styles *Styles       // shared and never changed: swapped whole
	fstyle *field.Styles // on a background colour change
	keys   *keyMap
	help   help.Model
	bar    progress.Model

	fld    field.Field
	fldID  string
	fldVer uint64

	width, height int

	status    SaveStatus
	note      string
	noteUntil time.Time

	lastTick     time.Time // zero: the clock has not started
	lastTimeSave time.Time
	timeDirty    bool
	tickGen      int

	index   indexModel
	adhoc   textinput.Model
	helpTop int // first line of the full help shown, when it is taller than the screen

	hasConds int // 0: not worked out yet; 1: some show_if; -1: none

	// present is present mode, for screen sharing: no tips, internal
	// prompts left out of the steps, a PRESENTING marker in the header.
	present bool

	// over is the stack of overlays (capture palette and form, captures
	// panel, wrap-up); the top one takes keys and pastes (capture.go).
	over []overlay

	vc *viewCache // shared by copies of the runner; only View and plan use it
}

// viewCache keeps the parts of the screen that do not change while typing,
// keyed by everything they are drawn from, so a keystroke redraws little
// more than the answer.
type viewCache struct {
	planKey planKey
	plan    layout
	headKey headKey
	head    []string // the two header lines and the rule
	barKey  barKey
	bar     string
}

type planKey struct {
	w, h, cur, n int
	adhoc        bool
	present      bool
	id           string
	state        session.State
	st           *Styles
}

type headKey struct {
	w, cur, n, done int
	st              *Styles
	save            SaveState
	errText         string
	spent           time.Duration
	present         bool
	finished        bool
	client          string
}

type barKey struct {
	w   int
	st  *Styles
	sig string
}

// newRunner opens sess on its cursor prompt, in typing mode if asked.
func newRunner(deps Deps, start Start, st *Styles, fst *field.Styles) *runner {
	keys := defaultKeyMap()
	keys.Nav.Library.SetEnabled(deps.Library != nil)
	r := &runner{
		deps:   deps,
		sess:   start.Session,
		styles: st,
		fstyle: fst,
		keys:   &keys,
		help:   help.New(),
		mode:   modeNav,
		// The clock starts now: time before the app opened never counts.
		lastTick:     deps.Now(),
		lastTimeSave: deps.Now(),
		tickGen:      1,
		vc:           &viewCache{},
	}
	r.help.Styles = st.Help
	r.bar = progress.New(progress.WithoutPercentage(), progress.WithWidth(12),
		progress.WithFillCharacters('█', '░'))
	r.applyBarColor()
	r.steps = r.visibleSteps()
	for i, s := range r.steps {
		if s.Prompt.ID == r.sess.Cursor {
			r.cur = i
			break
		}
	}
	if start.Typing {
		r.mode = modeTyping
	}
	r.adhoc = textinput.New()
	r.adhoc.Prompt = "New question: "
	r.adhoc.Placeholder = "type it, enter adds it here"
	r.adhoc.SetStyles(st.Input)
	r.index = newIndexModel()
	r.index.filter.SetStyles(st.Input)
	r.rebuildField()
	return r
}

// init returns the first tick. The clock itself started in newRunner:
// Init's receiver is a copy, so nothing set here would survive.
func (r runner) init() tea.Cmd {
	return r.tick()
}

func (r *runner) now() time.Time { return r.deps.Now() }

// tick schedules the next second of the current tick chain; a chain whose
// generation is stale dies at its next tick.
func (r *runner) tick() tea.Cmd {
	gen := r.tickGen
	return tea.Tick(tickEvery, func(t time.Time) tea.Msg { return tickMsg{gen: gen, at: t} })
}

// step returns the current step, or false when the playbook has no prompts.
func (r *runner) step() (session.Step, bool) {
	if r.cur < 0 || r.cur >= len(r.steps) {
		return session.Step{}, false
	}
	return r.steps[r.cur], true
}

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

// accrue charges the wall time since the last tick to the current phase.
// Only time the app is open counts: lastTick starts when the runner does.
func (r *runner) accrue(now time.Time) {
	if r.lastTick.IsZero() {
		r.lastTick = now
		return
	}
	d := now.Sub(r.lastTick)
	r.lastTick = now
	if d <= 0 {
		return
	}
	d = min(d, maxTickGap)
	st, ok := r.step()
	if !ok {
		return
	}
	r.sess.Spend(st.Phase.ID, d, now)
	r.timeDirty = true
}

// prepareQuit charges the last seconds and saves the cursor and time, so a
// resumed session opens where it was left with the right clock.
func (r *runner) prepareQuit() {
	r.keepDrafts() // a capture half typed when the window closes is kept
	now := r.now()
	r.accrue(now)
	if st, ok := r.step(); ok {
		r.save(r.sess.MoveCursor(st.Prompt.ID, now))
	} else if r.timeDirty {
		r.save(r.sess.Spend("", 0, now))
	}
}

// setNote shows a status line for a few seconds.
func (r *runner) setNote(s string) {
	r.note = s
	r.noteUntil = r.now().Add(noteTTL)
}

// setSize lays the screen out for a new terminal size.
func (r *runner) setSize(w, h int) {
	r.width, r.height = max(w, 0), max(h, 0)
	r.help.SetWidth(r.width)
	r.adhoc.SetWidth(max(r.width-lipgloss.Width(r.adhoc.Prompt)-1, 1))
	r.index.setWidth(r.width)
	r.sizeField()
}

// setStyles switches palettes once the background colour is known.
func (r *runner) setStyles(st *Styles, fst *field.Styles) {
	r.styles, r.fstyle = st, fst
	r.help.Styles = st.Help
	r.adhoc.SetStyles(st.Input)
	r.index.filter.SetStyles(st.Input)
	r.applyBarColor()
	if r.fld != nil {
		r.rebuildField()
	}
}

func (r *runner) applyBarColor() {
	if r.styles.progressColor == "" {
		r.bar.FullColor = nil
		r.bar.EmptyColor = nil
		return
	}
	r.bar.FullColor = lipgloss.Color(r.styles.progressColor)
	r.bar.EmptyColor = lipgloss.Color("#555555")
}

// rebuildField makes the answer field for the current prompt from the
// stored answer, the only source of truth.
func (r *runner) rebuildField() {
	st, ok := r.step()
	if !ok {
		r.fld, r.fldID, r.fldVer = nil, "", 0
		return
	}
	r.fld = field.New(st.Prompt, r.sess.AnswerFor(st.Prompt.ID), *r.fstyle)
	r.fldID = st.Prompt.ID
	r.sizeField()
	if r.mode == modeTyping {
		r.fld.Focus()
	}
	r.fldVer = r.fld.Version()
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
	if len(r.steps) == 0 {
		return
	}
	i = max(0, min(i, len(r.steps)-1))
	now := r.now()
	r.accrue(now) // charge the phase being left
	r.cur = i
	r.save(r.sess.MoveCursor(r.steps[i].Prompt.ID, now))
	r.rebuildField()
}

// refreshSteps recomputes the visible steps (an answer can show or hide
// prompts) and keeps the cursor on the same prompt when it is still there.
func (r *runner) refreshSteps() {
	id := r.fldID
	r.steps = r.visibleSteps()
	for i, s := range r.steps {
		if s.Prompt.ID == id {
			r.cur = i
			return
		}
	}
	r.cur = max(0, min(r.cur, len(r.steps)-1))
	r.rebuildField()
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
	if r.conditional() {
		r.refreshSteps()
	}
}

// conditional reports whether any step or phase depends on answers, so the
// common case skips recomputing steps on every keystroke. The playbook is
// the session's own snapshot and never changes, so this is worked out once.
func (r *runner) conditional() bool {
	if r.hasConds == 0 {
		r.hasConds = -1
		for i := range r.sess.Playbook.Phases {
			ph := &r.sess.Playbook.Phases[i]
			if ph.ShowIf != nil {
				r.hasConds = 1
			}
			for j := range ph.Prompts {
				if ph.Prompts[j].ShowIf != nil {
					r.hasConds = 1
				}
			}
		}
	}
	return r.hasConds > 0
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
	if r.conditional() {
		r.refreshSteps()
	}
	r.setNote(label)
}

// update handles a message for the runner. Keys reach the field only in
// typing mode and only after the runner's own keys were taken out.
func (r runner) update(msg tea.Msg) (runner, tea.Cmd) {
	if o := r.topOverlay(); o != nil {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.PasteMsg:
			cmd := o.update(&r, msg)
			return r, cmd
		}
	}
	switch msg := msg.(type) {
	case tickMsg:
		if msg.gen != r.tickGen {
			return r, nil
		}
		now := r.now()
		r.accrue(now)
		if r.timeDirty && now.Sub(r.lastTimeSave) >= timeSaveEvery {
			if st, ok := r.step(); ok {
				r.save(r.sess.Spend(st.Phase.ID, 0, now))
			}
		}
		if r.note != "" && !now.Before(r.noteUntil) {
			r.note = ""
		}
		return r, r.tick()
	case editorReadyMsg:
		return r.launchEditor(msg)
	case editorExitedMsg:
		if msg.err != nil {
			// The file may still hold what was typed: read it anyway.
			r.setNote("editor: " + cleanLine(msg.err.Error()))
		}
		return r, readEditorFile(msg.promptID, msg.path)
	case editorReadMsg:
		r.applyEditorText(msg)
		return r, nil
	case editor.RefusedMsg:
		// Text too big to take is refused whole; say so, never cut quietly.
		r.setNote(msg.String())
		r.noteUntil = r.now().Add(3 * noteTTL)
		return r, nil
	case tea.KeyPressMsg:
		return r.handleKey(msg)
	}
	// Anything else (paste, cursor blink, field commands) goes to whoever
	// has focus.
	switch r.mode {
	case modeTyping:
		return r.updateField(msg)
	case modeNav, modeHelp:
		// A paste is text, never a string of commands: it goes into the
		// answer, so nothing pasted is lost.
		if _, ok := msg.(tea.PasteMsg); ok && r.fld != nil {
			r.mode = modeTyping
			r.fld.Focus()
			return r.updateField(msg)
		}
	case modeIndex:
		var cmd tea.Cmd
		r.index, cmd = r.index.update(msg)
		return r, cmd
	case modeAdHoc:
		var cmd tea.Cmd
		r.adhoc, cmd = r.adhoc.Update(msg)
		return r, cmd
	}
	return r, nil
}

func (r runner) updateField(msg tea.Msg) (runner, tea.Cmd) {
	if r.fld == nil {
		return r, nil
	}
	var cmd tea.Cmd
	r.fld, cmd = r.fld.Update(msg)
	r.commitField()
	return r, cmd
}

func (r runner) handleKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	// ctrl+k opens the capture palette from any mode, before the answer
	// field (whose ctrl+k would delete to the end of the line) sees it.
	if key.Matches(msg, r.keys.Typing.Capture) {
		return r, r.openPalette()
	}
	switch r.mode {
	case modeTyping:
		return r.typingKey(msg)
	case modeNav:
		return r.navKey(msg)
	case modeIndex:
		return r.indexKey(msg)
	case modeAdHoc:
		return r.adhocKey(msg)
	case modeHelp:
		switch {
		case key.Matches(msg, r.keys.Help.Close):
			r.mode = r.back
		case key.Matches(msg, r.keys.Help.Up):
			r.helpTop = max(r.helpTop-1, 0)
		case key.Matches(msg, r.keys.Help.Down):
			r.helpTop = min(r.helpTop+1, r.helpOverflow())
		}
		return r, nil
	}
	return r, nil
}

func (r runner) typingKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	k := r.keys.Typing
	switch {
	case key.Matches(msg, k.Next):
		r.next()
		return r, nil
	case key.Matches(msg, k.Prev):
		r.prev()
		return r, nil
	case key.Matches(msg, k.Leave):
		r.mode = modeNav
		if r.fld != nil {
			r.fld.Blur()
		}
		return r, nil
	case key.Matches(msg, k.Editor):
		return r, r.openEditor()
	case key.Matches(msg, k.Present):
		return r, togglePresent
	}
	return r.updateField(msg)
}

func (r *runner) next() {
	if r.cur >= len(r.steps)-1 {
		r.setNote("this is the last prompt")
		return
	}
	r.moveTo(r.cur + 1)
}

func (r *runner) prev() {
	if r.cur <= 0 {
		r.setNote("this is the first prompt")
		return
	}
	r.moveTo(r.cur - 1)
}

func (r runner) navKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	k := r.keys.Nav
	switch {
	case key.Matches(msg, k.Quit):
		return r, askQuit // the root saves where the facilitator is, then quits
	case key.Matches(msg, k.Library):
		// The root saves where the facilitator is before it leaves.
		return r, func() tea.Msg { return showLibraryMsg{} }
	case key.Matches(msg, k.Pains):
		r.commitField()
		return r, msgCmd(showPainsMsg{})
	case key.Matches(msg, k.Journey):
		if len(journeyPrompts(r.sess)) == 0 {
			r.setNote("this playbook has no journey prompt")
			return r, nil
		}
		r.commitField()
		return r, msgCmd(showJourneyMsg{})
	case key.Matches(msg, k.Synthesis):
		r.commitField()
		return r, msgCmd(showSynthesisMsg{})
	case key.Matches(msg, k.Timeline):
		r.commitField()
		return r, msgCmd(showTimelineMsg{client: r.sess.Client, current: r.sess})
	case key.Matches(msg, k.FollowUp):
		if r.sess.ID == "" || r.deps.Library == nil {
			r.setNote("no store to create a follow-up session in")
			return r, nil
		}
		r.commitField()
		return r, msgCmd(showTimelineMsg{client: r.sess.Client, current: r.sess, followUp: true})
	case key.Matches(msg, k.Roadmap):
		r.commitField()
		return r, msgCmd(showRoadmapMsg{})
	case key.Matches(msg, k.Up):
		r.prev()
	case key.Matches(msg, k.Down):
		r.next()
	case key.Matches(msg, k.NextPhase):
		r.jumpPhase(+1)
	case key.Matches(msg, k.PrevPhase):
		r.jumpPhase(-1)
	case key.Matches(msg, k.Index):
		r.back = modeNav
		r.mode = modeIndex
		return r, r.index.open(r.sess, r.steps, r.cur)
	case key.Matches(msg, k.Skip):
		r.setState(session.StateSkipped, "skipped")
	case key.Matches(msg, k.Park):
		r.setState(session.StateParked, "parked for follow-up")
	case key.Matches(msg, k.NA):
		r.setState(session.StateNotApplicable, "marked not applicable")
	case key.Matches(msg, k.Reopen):
		r.setState(session.StateOpen, "reopened")
	case key.Matches(msg, k.AdHoc):
		if _, ok := r.step(); !ok {
			r.setNote("no phase to add a question to")
			return r, nil
		}
		r.mode = modeAdHoc
		r.adhoc.SetValue("")
		r.sizeField()
		return r, r.adhoc.Focus()
	case key.Matches(msg, k.Captures):
		r.openCaptures()
	case key.Matches(msg, k.WrapUp):
		r.openWrapUp()
	case key.Matches(msg, k.Editor):
		return r, r.openEditor()
	case key.Matches(msg, k.Summary):
		r.commitField()
		return r, func() tea.Msg { return showSummaryMsg{} }
	case key.Matches(msg, k.Present):
		return r, togglePresent
	case key.Matches(msg, k.Type):
		if r.fld != nil {
			r.mode = modeTyping
			r.fld.Focus()
		}
	case key.Matches(msg, k.Help):
		r.back = modeNav
		r.mode = modeHelp
		r.helpTop = 0
	}
	return r, nil
}

// jumpPhase moves to the first prompt of the next (+1) or previous (-1)
// phase that has prompts on screen.
func (r *runner) jumpPhase(dir int) {
	st, ok := r.step()
	if !ok {
		return
	}
	if dir > 0 {
		for i := r.cur + 1; i < len(r.steps); i++ {
			if r.steps[i].PhaseIndex != st.PhaseIndex {
				r.moveTo(i)
				return
			}
		}
		r.setNote("this is the last phase")
		return
	}
	// Find the first step of the phase before the current one.
	first := r.cur
	for first > 0 && r.steps[first-1].PhaseIndex == st.PhaseIndex {
		first--
	}
	if first == 0 {
		r.setNote("this is the first phase")
		return
	}
	target := r.steps[first-1].PhaseIndex
	i := first - 1
	for i > 0 && r.steps[i-1].PhaseIndex == target {
		i--
	}
	r.moveTo(i)
}

func (r runner) indexKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	k := r.keys.Index
	switch {
	case key.Matches(msg, k.Close):
		r.mode = r.back
		return r, nil
	case key.Matches(msg, k.Jump):
		if i, ok := r.index.selected(); ok {
			r.mode = r.back
			r.moveTo(i)
		}
		return r, nil
	case key.Matches(msg, k.Up):
		r.index.move(-1)
		return r, nil
	case key.Matches(msg, k.Down):
		r.index.move(+1)
		return r, nil
	}
	var cmd tea.Cmd
	r.index, cmd = r.index.update(msg)
	return r, cmd
}

func (r runner) adhocKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	k := r.keys.Input
	switch {
	case key.Matches(msg, k.Cancel):
		r.mode = modeNav
		r.adhoc.Blur()
		r.sizeField()
		return r, nil
	case key.Matches(msg, k.Submit):
		q := strings.TrimSpace(r.adhoc.Value())
		r.adhoc.Blur()
		r.mode = modeNav
		if q == "" {
			r.setNote("no question added")
			r.sizeField()
			return r, nil
		}
		r.addAdHoc(q)
		return r, nil
	}
	var cmd tea.Cmd
	r.adhoc, cmd = r.adhoc.Update(msg)
	return r, cmd
}

// addAdHoc adds a question after the current prompt and moves there, in
// typing mode, so the answer can be typed at once.
func (r *runner) addAdHoc(q string) {
	st, ok := r.step()
	if !ok {
		return
	}
	// Steps places ad-hoc questions after a playbook prompt; when the
	// cursor is on an ad-hoc question, anchor on the prompt it follows.
	after := st.Prompt.ID
	if st.AdHoc {
		after = ""
		for _, a := range r.sess.AdHoc {
			if a.ID == st.Prompt.ID {
				after = a.After
			}
		}
	}
	id := r.deps.NewID()
	r.save(r.sess.AddAdHoc(session.AdHocPrompt{ID: id, Phase: st.Phase.ID, After: after, Question: q}, r.now()))
	r.steps = r.visibleSteps()
	for i, s := range r.steps {
		if s.Prompt.ID == id {
			r.mode = modeTyping
			r.moveTo(i)
			r.setNote("question added")
			return
		}
	}
}

// ---- layout and view ----

// layout is where things go at the current size, shared by sizing the
// field and drawing, so the two never disagree.
type layout struct {
	tooSmall bool
	mainW    int
	tipsW    int // side panel width; 0: no side panel
	goal     []string
	meta     string
	question []string
	helpText []string
	tips     []string // bottom or side tip lines, already cut to width
	fieldH   int
}

func (r *runner) plan() layout {
	k := planKey{w: r.width, h: r.height, cur: r.cur, n: len(r.steps), adhoc: r.mode == modeAdHoc, st: r.styles,
		present: r.present}
	if st, ok := r.step(); ok {
		k.id = st.Prompt.ID
		if a := r.sess.Answers[k.id]; a != nil {
			k.state = a.State
		}
	}
	if r.vc != nil && r.vc.planKey == k && k.w > 0 {
		return r.vc.plan
	}
	l := r.planFresh()
	if r.vc != nil {
		r.vc.planKey, r.vc.plan = k, l
	}
	return l
}

// planFresh works the layout out from scratch; plan caches it.
func (r *runner) planFresh() layout {
	w, h := r.width, r.height
	var l layout
	if w < minWidth || h < minHeight {
		l.tooSmall = true
		return l
	}
	st, ok := r.step()
	l.mainW = w
	var tips []string
	if ok && !r.present {
		tips = st.Phase.Tips
	}
	if len(tips) > 0 && w >= sideTipsWidth {
		l.tipsW = min(36, w/3)
		l.mainW = w - l.tipsW - 3 // " │ "
	}
	body := h - 5 // header (2), rule, status line, help bar
	if r.mode == modeAdHoc {
		body--
	}
	if !ok {
		l.fieldH = max(body, 1)
		return l
	}
	if st.Phase.Goal != "" {
		l.goal = styleLines(r.styles.Goal, wrapLines("Goal: "+clean(st.Phase.Goal), l.mainW, 2))
	}
	l.meta = r.metaLine(st)
	l.question = styleLines(r.styles.Question, wrapLines(clean(st.Prompt.Question), l.mainW, 3))
	if st.Prompt.Help != "" {
		l.helpText = styleLines(r.styles.HelpText, wrapLines(clean(st.Prompt.Help), l.mainW, 2))
	}
	if l.tipsW > 0 {
		l.tips = r.tipLines(tips, l.tipsW, h-5, 8)
	} else if len(tips) > 0 && h >= bottomTipsRows {
		l.tips = r.tipLines(tips, w, maxTipLines+1, 2)
	}
	below := 0
	if l.tipsW == 0 {
		below = len(l.tips)
	}
	used := len(l.goal) + 1 + len(l.question) + len(l.helpText) + below
	// Give up extras, least useful first, until the field gets 3 lines.
	for body-used < 3 {
		switch {
		case below > 0:
			used -= below
			below, l.tips = 0, nil
		case len(l.helpText) > 0:
			used -= len(l.helpText)
			l.helpText = nil
		case len(l.goal) > 0:
			used -= len(l.goal)
			l.goal = nil
		case len(l.question) > 1:
			used -= len(l.question) - 1
			l.question = l.question[:1]
		default:
			l.fieldH = max(body-used, 1)
			return l
		}
	}
	l.fieldH = body - used
	return l
}

// tipLines renders the tips as "• tip" lines wrapped to width, each tip at
// most per lines, all of them at most n lines with the title.
func (r *runner) tipLines(tips []string, width, n, per int) []string {
	if n < 2 {
		return nil
	}
	out := []string{r.styles.TipsTitle.Render("Tips")}
	var last string
	for _, t := range tips {
		for i, line := range wrapLines(clean(t), width-2, per) {
			if len(out) == n {
				// More tips than room: end on "…" rather than mid-sentence.
				if !strings.HasSuffix(last, "…") {
					out[n-1] = r.styles.Tip.Render(ansi.Truncate(last, max(width-1, 0), "") + "…")
				}
				return out
			}
			lead := "  " // continuation lines hang under the text
			if i == 0 {
				lead = "• "
			}
			last = lead + line
			out = append(out, r.styles.Tip.Render(last))
		}
	}
	return out
}

// stateLabel is the symbol and word a prompt's state is shown with.
func stateLabel(s session.State) string {
	switch s {
	case session.StateAnswered:
		return "● answered"
	case session.StateSkipped:
		return "» skipped"
	case session.StateParked:
		return "◇ parked"
	case session.StateNotApplicable:
		return "× not applicable"
	default:
		return "○ open"
	}
}

// stateSymbol is the one-cell mark of a state, for the index.
func stateSymbol(s session.State) string {
	l := stateLabel(s)
	sym, _, _ := strings.Cut(l, " ")
	return sym
}

func (r *runner) metaLine(st session.Step) string {
	a := r.sess.Answers[st.Prompt.ID]
	state := session.StateOpen
	if a != nil {
		state = a.State
	}
	parts := []string{
		r.styles.Dim.Render(fmt.Sprintf("Prompt %d of %d", r.cur+1, len(r.steps))),
		r.styles.State.Render(stateLabel(state)),
	}
	if st.Prompt.Required {
		mark := "required"
		if state == session.StateOpen || state == session.StateParked {
			mark = "required, still open"
		}
		parts = append(parts, r.styles.Required.Render(mark))
	}
	if st.Prompt.Internal {
		parts = append(parts, r.styles.Internal.Render("internal"))
	}
	if st.AdHoc {
		parts = append(parts, r.styles.Dim.Render("ad-hoc"))
	}
	return strings.Join(parts, r.styles.Dim.Render(" · "))
}

// view draws the runner at its size: exactly height lines, none wider than
// width, whatever the content.
func (r runner) view() string {
	if r.width <= 0 || r.height <= 0 {
		return ""
	}
	l := r.plan()
	if l.tooSmall {
		return fitBlock([]string{r.styles.Warning.Render("window too small")}, r.width, r.height)
	}
	lines := make([]string, 0, r.height)
	lines = append(lines, r.cachedHead()...)
	bodyH := r.height - 5
	var body []string
	switch r.mode {
	case modeHelp:
		body = r.fullHelpLines(bodyH)
	case modeIndex:
		body = r.index.view(r.styles, r.width, bodyH)
	default:
		body = r.bodyLines(l, bodyH)
	}
	if o := r.topOverlay(); o != nil {
		body = o.body(&r, fitLines(body, r.width, bodyH, false), r.width, bodyH)
	}
	lines = append(lines, fitLines(body, r.width, bodyH, false)...)
	lines = append(lines, r.statusLine())
	lines = append(lines, r.cachedBar())
	return fitBlock(lines, r.width, r.height)
}

// cachedHead is the header and the rule, redrawn only when what they show
// changed (the timer moves once a second, not per keystroke).
func (r *runner) cachedHead() []string {
	done, _ := r.progress()
	k := headKey{w: r.width, cur: r.cur, n: len(r.steps), done: done, st: r.styles,
		save: r.status.State, client: r.sess.Client, finished: r.sess.Status == session.StatusFinished}
	if r.status.Err != nil {
		k.errText = r.status.Err.Error()
	}
	k.present = r.present
	if st, ok := r.step(); ok {
		k.spent = r.sess.PhaseTime[st.Phase.ID]
	}
	if r.vc.head != nil && r.vc.headKey == k {
		return r.vc.head
	}
	head := append(r.headerLines(), r.styles.Rule.Render(strings.Repeat("─", r.width)))
	r.vc.headKey, r.vc.head = k, head
	return head
}

// cachedBar is the help bar, redrawn only when its bindings changed.
func (r *runner) cachedBar() string {
	km := r.helpKeys()
	var sig strings.Builder
	for _, b := range km.ShortHelp() {
		if b.Enabled() {
			sig.WriteString(b.Help().Key)
			sig.WriteByte(0)
			sig.WriteString(b.Help().Desc)
			sig.WriteByte(0)
		}
	}
	k := barKey{w: r.width, st: r.styles, sig: sig.String()}
	if r.vc.barKey == k && k.sig != "" {
		return r.vc.bar
	}
	bar := helpBar(r.help, km.ShortHelp(), r.width) // ends on a whole item or "…"
	r.vc.barKey, r.vc.bar = k, bar
	return bar
}

func (r *runner) headerLines() []string {
	w := r.width
	s := r.styles
	left1 := s.Client.Render(cleanLine(r.sess.Client))
	if t := cleanLine(r.sess.Playbook.Title); t != "" {
		left1 += s.Dim.Render(" · ") + s.Title.Render(t)
	}
	if r.sess.Status == session.StatusFinished {
		left1 += s.Dim.Render(" · ") + s.State.Render("finished")
	}
	right1 := r.saveIndicator()
	if r.present {
		right1 = s.Present.Render(" PRESENTING ") + " " + right1
	}
	line1 := joinEnds(left1, right1, w)

	st, ok := r.step()
	var left2, right2 string
	if ok {
		n, of := session.PhasePosition(r.steps, st.PhaseIndex)
		left2 = s.Phase.Render(fmt.Sprintf("Phase %d of %d: %s", n, of, cleanLine(st.Phase.Title)))
		right2 = r.timerText(st)
	} else {
		left2 = s.Dim.Render("This playbook has no prompts.")
	}
	done, total := r.progress()
	countText := fmt.Sprintf("%d/%d", done, total)
	if w >= 60 {
		countText += " answered"
	}
	count := s.Count.Render(countText)
	if w >= 70 && total > 0 {
		count = r.bar.ViewAs(float64(done)/float64(total)) + " " + count
	}
	if right2 != "" {
		right2 = count + "  " + right2
	} else {
		right2 = count
	}
	line2 := joinEnds(left2, right2, w)
	return []string{line1, line2}
}

// progress counts prompts that are no longer open, like the index record.
func (r *runner) progress() (done, total int) {
	for _, st := range r.steps {
		if a := r.sess.Answers[st.Prompt.ID]; a != nil && a.State != session.StateOpen {
			done++
		}
	}
	return done, len(r.steps)
}

// timerText is the phase's soft timebox: a countdown, then a quiet nudge
// once over. It never stops anyone. Without a timebox it shows time spent.
func (r *runner) timerText(st session.Step) string {
	spent := r.sess.PhaseTime[st.Phase.ID]
	if st.Phase.Timebox <= 0 {
		return r.styles.Timer.Render(mmss(spent) + " in phase")
	}
	left := st.Phase.Timebox - spent
	if left >= 0 {
		return r.styles.Timer.Render(mmss(left) + " left")
	}
	return r.styles.TimerOver.Render("+" + mmss(-left) + " over")
}

func mmss(d time.Duration) string {
	secs := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d", secs/60, secs%60)
}

func (r *runner) saveIndicator() string {
	return saveStatusText(r.styles, r.status)
}

func (r *runner) bodyLines(l layout, bodyH int) []string {
	if _, ok := r.step(); !ok {
		return []string{r.styles.Dim.Render("Nothing to ask: this playbook has no prompts. q quits.")}
	}
	main := make([]string, 0, bodyH)
	main = append(main, l.goal...)
	main = append(main, l.meta)
	main = append(main, l.question...)
	main = append(main, l.helpText...)
	if r.mode == modeAdHoc {
		main = append(main, r.adhoc.View())
	}
	if r.fld != nil {
		main = append(main, fitLines(strings.Split(r.fld.View(), "\n"), l.mainW, l.fieldH, l.tipsW > 0)...)
	}
	if l.tipsW == 0 {
		main = append(main, l.tips...)
		return main
	}
	// Side panel: main column, a separator, the tips.
	main = fitLines(main, l.mainW, bodyH, true)
	side := fitLines(l.tips, l.tipsW, bodyH, false)
	sep := r.styles.Rule.Render(" │ ")
	out := make([]string, bodyH)
	for i := range out {
		out[i] = main[i] + sep + side[i]
	}
	return out
}

func (r *runner) statusLine() string {
	var badge string
	switch r.mode {
	case modeTyping:
		badge = "TYPING"
	case modeIndex:
		badge = "INDEX"
	case modeAdHoc:
		badge = "ADD QUESTION"
	case modeHelp:
		badge = "HELP"
	default:
		badge = "NAVIGATE"
	}
	if o := r.topOverlay(); o != nil {
		badge = o.badge()
	}
	line := r.styles.Mode.Render(" " + badge + " ")
	if r.note != "" {
		line += " " + r.styles.Status.Render(r.note)
	}
	return line
}

// fullHelpLines is the window of the full help that fits in h lines,
// from helpTop.
func (r *runner) fullHelpLines(h int) []string {
	all := r.fullHelpAll()
	top := max(0, min(r.helpTop, len(all)-h))
	all = all[top:]
	if len(all) > h && h > 0 {
		all = append(all[:h-1:h-1], r.styles.Dim.Render("↓ more (j)"))
	}
	return all
}

// helpOverflow is how many lines of the full help do not fit.
func (r *runner) helpOverflow() int {
	return max(len(r.fullHelpAll())-(r.height-5), 0)
}

// fullHelpAll is every line of the full help: the columns side by side when
// they fit the width, stacked when they do not.
func (r *runner) fullHelpAll() []string {
	return helpColumns(r.help, r.styles, r.keys.FullHelp(), r.width)
}

// helpKeys is the help bar for the current mode, with bindings that do not
// apply right now disabled, so the bar is always true.
func (r *runner) helpKeys() help.KeyMap {
	if o := r.topOverlay(); o != nil {
		return o.helpKeys(r)
	}
	switch r.mode {
	case modeTyping:
		k := r.keys.Typing
		k.Next.SetEnabled(r.cur < len(r.steps)-1)
		k.Prev.SetEnabled(r.cur > 0)
		k.Editor.SetEnabled(r.textPrompt())
		short := []key.Binding{k.Next, k.Prev, k.Leave, k.Capture, k.Editor}
		if r.fld != nil {
			short = append(short, r.fld.Keys()...)
		}
		return bindingSet{short: append(short, r.keys.Global.Quit)}
	case modeIndex:
		k := r.keys.Index
		return bindingSet{short: []key.Binding{k.Up, k.Down, k.Jump, k.Close}}
	case modeAdHoc:
		k := r.keys.Input
		return bindingSet{short: []key.Binding{k.Submit, k.Cancel}}
	case modeHelp:
		k := r.keys.Help
		k.Up.SetEnabled(r.helpTop > 0)
		k.Down.SetEnabled(r.helpTop < r.helpOverflow())
		return bindingSet{short: []key.Binding{k.Close, k.Up, k.Down}}
	}
	k := r.keys.Nav
	state := session.StateOpen
	st, ok := r.step()
	if ok {
		if a := r.sess.Answers[st.Prompt.ID]; a != nil {
			state = a.State
		}
	}
	k.Type.SetEnabled(ok)
	if r.present {
		k.Present.SetHelp(k.Present.Help().Key, "stop presenting")
	}
	k.Up.SetEnabled(r.cur > 0)
	k.Down.SetEnabled(r.cur < len(r.steps)-1)
	k.Skip.SetEnabled(ok && state != session.StateSkipped)
	k.Park.SetEnabled(ok && state != session.StateParked)
	k.NA.SetEnabled(ok && state != session.StateNotApplicable)
	k.Reopen.SetEnabled(ok && state != session.StateOpen && state != session.StateAnswered)
	k.AdHoc.SetEnabled(ok)
	k.Index.SetEnabled(ok)
	k.Editor.SetEnabled(r.textPrompt())
	k.NextPhase.SetEnabled(ok && st.PhaseIndex < r.steps[len(r.steps)-1].PhaseIndex)
	k.PrevPhase.SetEnabled(ok && st.PhaseIndex > r.steps[0].PhaseIndex)
	k.Journey.SetEnabled(len(journeyPrompts(r.sess)) > 0)
	k.Timeline.SetEnabled(r.sess.ID != "")
	k.FollowUp.SetEnabled(r.sess.ID != "" && r.deps.Library != nil)
	return bindingSet{short: []key.Binding{
		k.Type, k.Up, k.Down, k.Index, k.Skip, k.Park, k.NA, k.Reopen, k.AdHoc,
		k.Pains, k.Roadmap, k.Journey, k.Synthesis, k.Timeline, k.FollowUp,
		k.NextPhase, k.PrevPhase, k.Summary, k.Present, k.Capture, k.Captures, k.WrapUp, k.Editor, k.Help, k.Library, k.Quit,
	}}
}

func (r *runner) textPrompt() bool {
	st, ok := r.step()
	return ok && (st.Prompt.Kind == playbooks.KindLongText || st.Prompt.Kind == playbooks.KindText)
}
