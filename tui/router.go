package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// The router: every screen behind one small interface, found by its id;
// one navigation stack for "back"; and the one Update that routes every
// message, in the order CONVENTIONS.md sets. Screens ask to move with the
// messages in messages.go; only this file moves between them.

// screen names a screen.
type screen int

const (
	screenRunner     screen = iota // the session being run (runner.go)
	screenLibrary                  // every session (library.go)
	screenNewSession               // the new-session form (newsession.go)
	screenSummary                  // the rendered summary (summary.go)
	screenPains                    // the ranked pains (pains.go)
	screenRoadmap                  // the Now / Next / Later board (roadmap.go)
	screenJourney                  // the journey map (journey.go)
	screenSynthesis                // scorecards, flags and trust ledger (scorecards.go)
	screenTimeline                 // every session of one client (timeline.go)
)

// screenModel is what the root asks of every screen. The setters do nothing
// when handed what the screen already has, so the root may hand them over
// whenever a screen comes into sight. handle stores back the concrete
// screen its update returns (CONVENTIONS.md: screens return their own type).
type screenModel interface {
	setSize(w, h int) tea.Cmd
	setStyles(st *Styles) tea.Cmd
	setPresent(on bool) tea.Cmd
	view() string
	handle(msg tea.Msg) tea.Cmd
}

var (
	_ screenModel = (*runner)(nil)
	_ screenModel = (*library)(nil)
	_ screenModel = (*newSession)(nil)
	_ screenModel = (*summary)(nil)
	_ screenModel = (*painsScreen)(nil)
	_ screenModel = (*roadmapScreen)(nil)
	_ screenModel = (*journeyScreen)(nil)
	_ screenModel = (*synthesisScreen)(nil)
	_ screenModel = (*timelineScreen)(nil)
)

func (r *runner) handle(msg tea.Msg) tea.Cmd          { return updateIn(r, r.update, msg) }
func (l *library) handle(msg tea.Msg) tea.Cmd         { return updateIn(l, l.update, msg) }
func (f *newSession) handle(msg tea.Msg) tea.Cmd      { return updateIn(f, f.update, msg) }
func (s *summary) handle(msg tea.Msg) tea.Cmd         { return updateIn(s, s.update, msg) }
func (p *painsScreen) handle(msg tea.Msg) tea.Cmd     { return updateIn(p, p.update, msg) }
func (b *roadmapScreen) handle(msg tea.Msg) tea.Cmd   { return updateIn(b, b.update, msg) }
func (j *journeyScreen) handle(msg tea.Msg) tea.Cmd   { return updateIn(j, j.update, msg) }
func (s *synthesisScreen) handle(msg tea.Msg) tea.Cmd { return updateIn(s, s.update, msg) }
func (t *timelineScreen) handle(msg tea.Msg) tea.Cmd  { return updateIn(t, t.update, msg) }

// updateIn runs a screen's update and stores the screen it returns where
// the root holds it.
func updateIn[T any](held *T, update func(tea.Msg) (T, tea.Cmd), msg tea.Msg) tea.Cmd {
	next, cmd := update(msg)
	*held = next
	return cmd
}

// screens holds every open screen by its own type, nil when it is not open,
// so the root reaches a screen's own methods without a type assertion.
type screens struct {
	runner   *runner // the open session; the screens below it read it
	lib      *library
	form     *newSession
	sum      *summary // kept once built: its render cache outlives a visit
	pains    *painsScreen
	board    *roadmapScreen
	journey  *journeyScreen
	synth    *synthesisScreen
	timeline *timelineScreen
}

// get is the screen id names, or nil when it is not open.
func (s *screens) get(id screen) screenModel {
	switch id {
	case screenRunner:
		if s.runner != nil {
			return s.runner
		}
	case screenLibrary:
		if s.lib != nil {
			return s.lib
		}
	case screenNewSession:
		if s.form != nil {
			return s.form
		}
	case screenSummary:
		if s.sum != nil {
			return s.sum
		}
	case screenPains:
		if s.pains != nil {
			return s.pains
		}
	case screenRoadmap:
		if s.board != nil {
			return s.board
		}
	case screenJourney:
		if s.journey != nil {
			return s.journey
		}
	case screenSynthesis:
		if s.synth != nil {
			return s.synth
		}
	case screenTimeline:
		if s.timeline != nil {
			return s.timeline
		}
	}
	return nil
}

// closeSession drops the open session and every screen drawn from it.
func (s *screens) closeSession() {
	s.runner, s.pains, s.board, s.journey, s.synth = nil, nil, nil, nil, nil
}

// ownedMsg is a result that belongs to one screen, whichever is in sight:
// a command's answer, the runner's clock.
type ownedMsg interface{ owner() screen }

// ---- navigation ----

// push shows id above the screen in sight; back returns to that one.
func (a *App) push(id screen) tea.Cmd {
	if a.screen != id {
		a.trail = append(a.trail, a.screen)
	}
	return a.show(id)
}

// reset shows id with nothing to go back to: a session just opened, the
// library.
func (a *App) reset(id screen) tea.Cmd {
	a.trail = a.trail[:0]
	return a.show(id)
}

// show puts id in sight in place of the screen there (the pains and the
// board are one place: tab swaps them) and hands it the window's size, the
// styles and present mode (a screen just made has none of them yet). The
// notice of the screen left goes with it.
func (a *App) show(id screen) tea.Cmd {
	a.screen = id
	a.bar.clearNotice()
	s := a.get(id)
	if s == nil {
		return nil
	}
	return tea.Batch(s.setSize(a.width, a.height), s.setStyles(a.st), s.setPresent(a.present))
}

// back returns to the screen below the one in sight. When that screen is
// no longer open (or there is none), there is nowhere to go: quit.
func (a App) back() (tea.Model, tea.Cmd) {
	if n := len(a.trail); n > 0 {
		to := a.trail[n-1]
		a.trail = a.trail[:n-1]
		if a.get(to) != nil {
			return a, a.show(to)
		}
	}
	return a, tea.Quit
}

// ---- Update ----

// Update routes a message in the order CONVENTIONS.md sets: an open dialog
// first (the overlays live on the runner and take its keys there), then
// global keys, then sizes and colours, then save status, then moves
// between screens, then results to the screen that owns them, then
// whatever is left (keys, pastes, a component's own messages) to the
// screen in sight.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	msg = safeInput(msg) // input is cleaned once, where it enters (input.go)
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, a.keys.Common.Quit) {
			return a.askQuit()
		}
		// The next action ends the last notice: a line about what was just
		// done ("marked not applicable") never stays to be read as news
		// about the key after it. A key that says something sets its own.
		a.bar.clearNotice()
	case tea.PasteMsg:
		a.bar.clearNotice()
	case askQuitMsg:
		return a.askQuit()
	case quitMsg:
		return a.quit()
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		return a, a.each(func(s screenModel) tea.Cmd { return s.setSize(msg.Width, msg.Height) })
	case tea.BackgroundColorMsg:
		if a.deps.NoColor {
			return a, nil
		}
		a.isDark = msg.IsDark()
		a.st = buildStyles(false, a.isDark)
		return a, a.each(func(s screenModel) tea.Cmd { return s.setStyles(a.st) })
	case presentToggledMsg:
		a.present = !a.present
		return a, a.each(func(s screenModel) tea.Cmd { return s.setPresent(a.present) })
	case saveStatusMsg:
		a.bar.save = SaveStatus(msg)
		if a.quitArmed && msg.State == SaveSaved && msg.Pending == 0 {
			// A quit asked while saves were failing goes ahead as soon as
			// everything is on disk again.
			return a.quit()
		}
		return a, a.deps.Status.listen()
	case backMsg:
		return a.back()
	case teamSyncMsg:
		return a.teamSynced(msg)
	case syncNowMsg:
		return a.syncNow()
	case teamReportExpiredMsg:
		return a, nil // the redraw drops the line
	case ownedMsg:
		if s := a.get(msg.owner()); s != nil {
			return a, s.handle(msg)
		}
		return a, nil // a closed screen's result, or the last tick of a closed runner
	}
	if next, cmd, ok := a.route(msg); ok {
		return next, cmd
	}
	return a, a.inSight().handle(msg)
}

// inSight is the screen in sight; the root never shows one that is not
// open.
func (a *App) inSight() screenModel { return a.get(a.screen) }

// each hands a change of size, styles or present mode to every open
// screen, so one shown later is ready. The summary out of sight is left
// alone: it would render for nothing, and showSummary hands it all three
// before it opens.
func (a *App) each(f func(screenModel) tea.Cmd) tea.Cmd {
	var cmds []tea.Cmd
	for id := range screenTimeline + 1 {
		if s := a.get(id); s != nil && (id != screenSummary || a.screen == screenSummary) {
			cmds = append(cmds, f(s))
		}
	}
	return tea.Batch(cmds...)
}

// route makes the moves between screens that screens ask for; ok is false
// when msg is not one.
func (a App) route(msg tea.Msg) (_ tea.Model, _ tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case showLibraryMsg:
		m, cmd := a.showLibrary()
		return m, cmd, true
	case showNewSessionMsg:
		a.form = newNewSession(a.deps, msg.in, a.st, a.keys)
		return a, tea.Batch(a.push(screenNewSession), a.form.init()), true
	case newSessionCancelledMsg:
		if a.start == StartNewSession || a.lib == nil {
			m, cmd := a.quit() // the form stays on screen until the program ends
			return m, cmd, true
		}
		a.form = nil
		m, cmd := a.back()
		return m, cmd, true
	case openSessionMsg:
		return a, loadSession(a.deps.Sessions, a.deps.Saver, msg.id), true
	case sessionLoadedMsg:
		if msg.err != nil {
			if a.lib != nil {
				cmd := a.reset(screenLibrary)
				return a, tea.Batch(cmd, a.lib.warn("could not open the session: "+cleanLine(msg.err.Error()))), true
			}
			return a, nil, true
		}
		if a.runner != nil {
			// Another session replaces the open one (the timeline opened
			// it, or made it as a follow-up): the one left keeps where the
			// facilitator was and its clock.
			a.runner.prepareQuit()
		}
		a.form = nil
		cmd := a.openRunner(msg.sess, true)
		return a, tea.Batch(cmd, a.runner.init()), true
	case showSummaryMsg:
		return a, a.showSummary(msg.sess), true
	case openSummaryMsg:
		return a, loadSummary(a.deps.Sessions, msg.id), true
	case showPainsMsg:
		if a.runner == nil {
			return a, nil, true
		}
		a.pains = newPainsScreen(a.deps, a.runner.sess, a.st, a.keys, a.bar)
		return a, a.beside(screenPains), true
	case showRoadmapMsg:
		if a.runner == nil {
			return a, nil, true
		}
		if a.board == nil || a.board.sess != a.runner.sess {
			a.board = newRoadmapScreen(a.deps, a.runner.sess, a.st, a.keys, a.bar, msg.focus)
		} else {
			// Where the cursor was when the board was open before.
			a.board.reopen(msg.focus)
		}
		return a, a.beside(screenRoadmap), true
	case showJourneyMsg:
		if a.runner == nil {
			return a, nil, true
		}
		a.journey = newJourneyScreen(a.deps, a.runner.sess, a.st, a.keys, a.bar)
		return a, a.push(screenJourney), true
	case showSynthesisMsg:
		if a.runner == nil {
			return a, nil, true
		}
		a.synth = newSynthesisScreen(a.deps, a.runner.sess, a.st, a.keys, a.bar)
		return a, tea.Batch(a.push(screenSynthesis), loadOthers(a.deps.Sessions, a.runner.sess, screenSynthesis)), true
	case showTimelineMsg:
		a.timeline = newTimelineScreen(a.deps, msg.client, msg.current, a.st, a.keys, a.bar)
		a.timeline.focus, a.timeline.followUp, a.timeline.known = msg.focus, msg.followUp, msg.known
		return a, tea.Batch(a.push(screenTimeline), a.timeline.load()), true
	}
	return nil, nil, false // not a move: nothing boxed, since most messages are keys
}

// beside shows the pains or the board: the two are one place above the
// runner, so going from one to the other replaces it, and back returns to
// the runner.
func (a *App) beside(id screen) tea.Cmd {
	if a.screen == screenPains || a.screen == screenRoadmap {
		return a.show(id)
	}
	return a.push(id)
}

// openRunner makes a fresh runner on sess the screen in sight, with
// nothing to go back to; the screens of the session before go.
func (a *App) openRunner(sess *session.Session, typing bool) tea.Cmd {
	a.runSeq++
	a.closeSession()
	a.runner = newRunner(a.deps, Start{Session: sess, Typing: typing}, a.st, a.keys, a.bar)
	a.runner.tickGen = a.runSeq
	return a.reset(screenRunner)
}

// showLibrary leaves the runner (saving where the facilitator is) or the
// form, and lists the sessions again once pending saves are on disk, so the
// list shows the progress just made.
func (a App) showLibrary() (tea.Model, tea.Cmd) {
	if a.lib == nil {
		return a.quit()
	}
	var flush func() error
	if a.runner != nil {
		a.runner.prepareQuit()
		a.closeSession()
		flush = a.deps.Saver.Flush
	}
	a.form = nil
	return a, tea.Batch(a.reset(screenLibrary), a.lib.reload(flush))
}

// showSummary opens the summary of sess, or of the running session, above
// the screen in sight. The summary is built once and kept, so its render
// cache outlives a visit; it takes the size, styles and present mode
// before it opens, so it renders once, for them.
func (a *App) showSummary(sess *session.Session) tea.Cmd {
	if sess == nil && a.runner != nil {
		sess = a.runner.sess
	}
	if sess == nil {
		return nil
	}
	if a.sum == nil {
		a.sum = newSummary(a.deps, a.st, a.keys, newRenderCache())
		a.sum.bar = a.bar
	}
	a.sum.prepare(a.width, a.height, a.st, a.present)
	cmd := a.push(screenSummary)
	return tea.Batch(cmd, a.sum.open(sess, a.present))
}

// loadSummary loads session id for the summary off the UI goroutine. A
// failure comes back as a failed sessionLoadedMsg, which the library
// already reports.
func loadSummary(lib Sessions, id string) tea.Cmd {
	if lib == nil {
		return nil
	}
	return func() tea.Msg {
		s, err := lib.Load(id)
		if err != nil {
			return sessionLoadedMsg{err: err}
		}
		return showSummaryMsg{sess: s}
	}
}

// loadSession loads id in a command, once pending saves are on disk (the
// timeline may just have closed one of its items); the root opens the
// runner on it.
func loadSession(lib Sessions, saver Saver, id string) tea.Cmd {
	return func() tea.Msg {
		if saver != nil {
			_ = saver.Flush() // a failed flush is retried and reported by the writer
		}
		s, err := lib.Load(id)
		return sessionLoadedMsg{sess: s, err: err}
	}
}
