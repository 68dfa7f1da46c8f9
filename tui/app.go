// Package tui is rapport's terminal interface: a Bubble Tea v2 root model
// that routes to one screen at a time (for now the session runner), the keys
// and styles they share, and Run, which owns the program's lifetime so every
// way out flushes saves and restores the terminal.
package tui

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
	"rapport/tui/field"
)

// Deps is what the app needs from the outside world, passed in so tests run
// on a fixed clock and an in-memory saver and library.
type Deps struct {
	Saver     Saver                 // persists edits without blocking
	Status    *StatusFeed           // save status from the writer; may be nil
	Library   Library               // the sessions on disk; nil: no library screen
	Prefs     Prefs                 // small remembered settings; may be nil
	Playbooks []*playbooks.Playbook // what a new session can run, in catalogue order
	Now       func() time.Time      // the clock; time.Now when nil
	NewID     func() string         // ULIDs for sessions, ad-hoc prompts and captures
	NoColor   bool                  // NO_COLOR is set: plain styles only
	// Export writes an exported summary atomically (mode 0600) under name
	// in the export folder and returns its path; main implements it, so
	// tui does no disk I/O. An existing file is replaced only when replace
	// is true: otherwise the error is fs.ErrExist (with the path), and the
	// screen asks. Called from a command only. nil: no export.
	Export func(name string, data []byte, replace bool) (path string, err error)
	// DailyBackup waits for the day's automatic copy of the store, which
	// main starts beside the app so it never delays the first frame, and
	// returns its error; the library says when it failed. Called from a
	// command only. nil: no copy is taken.
	DailyBackup func() error

	// editors is the $EDITOR round trip under way, shared with Run so a
	// quit signal can wait for it; withDefaults makes one.
	editors *editors
}

// Library is what the library screen and the new-session form need from
// storage. tui declares it so it never imports the store; main hands it the
// bbolt store, and every call runs in a command, never on the UI goroutine.
type Library interface {
	List() ([]session.Index, error)
	Load(id string) (*session.Session, error)
	Create(s *session.Session) error
	Delete(id string) error
	Put(s *session.Session) error // undo of a delete writes the session back whole
}

// Prefs keeps small settings between runs, such as the last facilitator.
type Prefs interface {
	Pref(key string) (string, error)
	SetPref(key, value string) error
}

// StartScreen is the screen the app opens on.
type StartScreen int

// Start screens. The zero value is the runner, so Start{Session: s} opens s.
const (
	StartRunner     StartScreen = iota // the runner on Start.Session
	StartLibrary                       // the list of sessions
	StartNewSession                    // the new-session form
)

// Start says what the app opens on.
type Start struct {
	Screen     StartScreen
	Session    *session.Session // StartRunner: the session to run
	Typing     bool             // StartRunner: open in typing mode on the cursor prompt
	NewSession NewSessionInput  // StartNewSession: what the form starts from
}

// NewSessionInput is what the new-session form starts from.
type NewSessionInput struct {
	Client      string
	Facilitator string // the last facilitator, read from Prefs before the form opens
	Playbook    string // a playbook id; empty: the default, else the first one
}

// screen is the screen the root model shows. Each has its own file and
// type; the root only routes.
type screen int

const (
	screenRunner screen = iota
	screenLibrary
	screenNewSession
	screenSummary // the rendered summary of the open session (summary.go)
	screenPains   // the ranked pains of the open session (pains.go)
	screenRoadmap // the Now / Next / Later board (roadmap.go)
	// The journey map, the scorecards with flags and trust ledger, and the
	// client timeline (journey.go, scorecards.go, timeline.go).
	screenJourney
	screenSynthesis
	screenTimeline
	// Later screens (summary, pains, roadmap, timeline, captures) go here.
)

// App is the root tea.Model. It owns global keys and routing; each screen
// owns its own state and returns its concrete type. Screens are held by
// pointer: they are large and Update must not copy them.
type App struct {
	deps   Deps
	screen screen
	start  StartScreen // where the app opened: esc on a first-screen form quits
	runner *runner     // nil until a session is open
	lib    *library    // nil when Deps.Library is nil
	form   *newSession // nil unless the form is open
	runSeq int         // counts runners, so a dead runner's ticks never reach a new one
	isDark bool
	width  int
	height int

	// The summary (nil until first opened; kept with its render cache) and
	// the screen it goes back to; present mode, which every screen obeys.
	sum     *summary
	sumBack screen
	present bool

	// The ranked pains and the roadmap board of the open session; nil
	// until opened from it.
	pains *painsScreen
	board *roadmapScreen

	// The synthesis screens, routed by routeSynthesis (synthroute.go).
	syn synthScreens

	// saveFailed is true while the writer reports that the last write
	// failed; quitArmed is true after a first quit key in that state, so
	// quitting with unsaved notes takes a second, deliberate press.
	saveFailed bool
	quitArmed  bool
}

// New builds the app for start. A nil session on the runner opens an empty
// runner that says there is nothing to ask, rather than failing.
func New(deps Deps, start Start) App {
	deps = deps.withDefaults()
	a := App{deps: deps, start: start.Screen, isDark: true}
	st, _ := a.styles()
	if deps.Library != nil {
		a.lib = newLibrary(deps, st)
	}
	switch {
	case start.Screen == StartLibrary && a.lib != nil:
		a.screen = screenLibrary
	case start.Screen == StartNewSession:
		a.screen = screenNewSession
		a.form = newNewSession(deps, start.NewSession, st)
	default:
		if start.Session == nil {
			start.Session = &session.Session{Playbook: playbooks.Playbook{}}
		}
		a.openRunner(start.Session, start.Typing)
	}
	return a
}

// openRunner makes a fresh runner on sess the active screen.
func (a *App) openRunner(sess *session.Session, typing bool) {
	st, fst := a.styles()
	a.runSeq++
	a.runner = newRunner(a.deps, Start{Session: sess, Typing: typing}, st, fst)
	a.runner.tickGen = a.runSeq
	a.runner.setSize(a.width, a.height)
	a.runner.setPresent(a.present)
	a.pains, a.board = nil, nil // they belonged to the session before
	a.screen = screenRunner
}

// withDefaults fills what a caller may leave out, so a zero field never
// becomes a nil-pointer panic in the middle of a session.
func (d Deps) withDefaults() Deps {
	if d.Saver == nil {
		d.Saver = nopSaver{}
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.editors == nil {
		d.editors = &editors{}
	}
	if d.NewID == nil {
		var n atomic.Uint64
		d.NewID = func() string { return fmt.Sprintf("adhoc-%d-%d", time.Now().UnixNano(), n.Add(1)) }
	}
	return d
}

// nopSaver keeps nothing; it stands in when no store was given.
type nopSaver struct{}

func (nopSaver) Save(session.Edit) {}
func (nopSaver) Flush() error      { return nil }

func (a App) styles() (*Styles, *field.Styles) {
	var st Styles
	var fst field.Styles
	if a.deps.NoColor {
		st, fst = plainStyles(), field.PlainStyles()
	} else {
		st, fst = newStyles(a.isDark), field.DefaultStyles(a.isDark)
	}
	return &st, &fst
}

// Init asks the terminal for its background colour (the answer arrives as
// a message whenever it comes; nothing waits on it), starts the first
// screen and listens for save status.
func (a App) Init() tea.Cmd {
	cmds := []tea.Cmd{a.deps.Status.listen()}
	switch a.screen {
	case screenRunner:
		cmds = append(cmds, a.runner.init())
	case screenLibrary:
		cmds = append(cmds, a.lib.init())
	case screenNewSession:
		cmds = append(cmds, a.form.init())
	}
	if !a.deps.NoColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if backup := a.deps.DailyBackup; backup != nil && a.lib != nil {
		cmds = append(cmds, func() tea.Msg {
			if err := backup(); err != nil {
				return backupFailedMsg{err: err}
			}
			return nil
		})
	}
	return tea.Batch(cmds...)
}

// Update routes a message in the order CONVENTIONS.md sets: an open dialog
// first (none yet), then global keys, then sizes and colours to every
// screen, then results to the screen that owns them, then whatever is left
// (keys, pastes, a component's own messages) to the active screen.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	msg = safeInput(msg)
	if next, cmd, ok := a.routeSynthesis(msg); ok {
		return next, cmd
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.Keystroke() == "ctrl+c" {
			return a.askQuit()
		}
	case askQuitMsg:
		return a.askQuit()
	case quitMsg:
		return a.quit()
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.eachScreen(func(s sizer) { s.setSize(msg.Width, msg.Height) })
		return a, a.sizeSummary(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if a.deps.NoColor {
			return a, nil
		}
		a.isDark = msg.IsDark()
		st, fst := a.styles()
		sumCmd := a.styleSummary(st)
		if a.runner != nil {
			a.runner.setStyles(st, fst)
		}
		if a.lib != nil {
			a.lib.setStyles(st)
		}
		if a.form != nil {
			a.form.setStyles(st)
		}
		if a.pains != nil {
			a.pains.setStyles(st)
		}
		if a.board != nil {
			a.board.setStyles(st)
		}
		return a, sumCmd
	case saveStatusMsg:
		a.saveFailed = msg.State == SaveFailed
		if a.quitArmed && msg.State == SaveSaved && msg.Pending == 0 {
			// A quit asked while saves were failing goes ahead as soon as
			// everything is on disk again.
			return a.quit()
		}
		if a.runner != nil {
			a.runner.status = SaveStatus(msg)
		}
		if a.pains != nil {
			a.pains.status = SaveStatus(msg)
		}
		if a.board != nil {
			a.board.status = SaveStatus(msg)
		}
		return a, a.deps.Status.listen()

	// Moving between screens.
	case showSummaryMsg:
		return a.showSummary(msg)
	case openSummaryMsg:
		return a, loadSummary(a.deps.Library, msg.id)
	case summaryClosedMsg:
		a.screen = a.sumBack
		return a, nil
	case presentToggledMsg:
		return a.togglePresent()
	case summaryRenderedMsg, summaryResizedMsg, summaryExportedMsg:
		if a.sum == nil {
			return a, nil
		}
		return a, updateIn(a.sum, a.sum.update, msg)
	case showLibraryMsg:
		return a.showLibrary()
	case showNewSessionMsg:
		a.form = newNewSession(a.deps, msg.in, a.currentStyles())
		a.form.setSize(a.width, a.height)
		a.screen = screenNewSession
		return a, a.form.init()
	case showPainsMsg:
		return a.showPains(), nil
	case showRoadmapMsg:
		return a.showRoadmap(msg.focus), nil
	case leaveScreenMsg:
		if a.runner != nil {
			a.screen = screenRunner
		}
		return a, nil
	case openSessionMsg:
		return a, loadSession(a.deps.Library, msg.id)
	case sessionLoadedMsg:
		if msg.err != nil {
			if a.lib != nil {
				a.lib.setNote("could not open the session: " + cleanLine(msg.err.Error()))
				a.screen = screenLibrary
			}
			return a, nil
		}
		a.form = nil
		a.openRunner(msg.sess, true)
		return a, a.runner.init()
	case newSessionCancelledMsg:
		if a.start == StartNewSession || a.lib == nil {
			return a.quit() // the form stays on screen until the program ends
		}
		a.form = nil
		a.screen = screenLibrary
		return a, nil

	// Results go to the screen that owns them, whichever is active.
	case tickMsg, editorReadyMsg, editorExitedMsg, editorReadMsg:
		if a.runner == nil {
			return a, nil // a tick of a closed runner: its chain ends here
		}
		return a, updateIn(a.runner, a.runner.update, msg)
	case libraryMsg:
		if a.lib == nil {
			return a, nil
		}
		return a, updateIn(a.lib, a.lib.update, msg)
	case newSessionResultMsg:
		if a.form == nil {
			return a, nil
		}
		return a, updateIn(a.form, a.form.update, msg)
	}
	var cmd tea.Cmd
	switch a.screen {
	case screenRunner:
		cmd = updateIn(a.runner, a.runner.update, msg)
	case screenLibrary:
		cmd = updateIn(a.lib, a.lib.update, msg)
	case screenNewSession:
		cmd = updateIn(a.form, a.form.update, msg)
	case screenSummary:
		cmd = updateIn(a.sum, a.sum.update, msg)
	case screenPains:
		cmd = updateIn(a.pains, a.pains.update, msg)
	case screenRoadmap:
		cmd = updateIn(a.board, a.board.update, msg)
	}
	return a, cmd
}

// updateIn runs a screen's update and stores the screen it returns where
// the root holds it. Screens return their concrete type (CONVENTIONS.md),
// so this is the one place the root writes one back.
func updateIn[T any](held *T, update func(tea.Msg) (T, tea.Cmd), msg tea.Msg) tea.Cmd {
	next, cmd := update(msg)
	*held = next
	return cmd
}

// showPains opens the ranked pains of the running session, ranked afresh
// since captures may have changed.
func (a App) showPains() App {
	if a.runner == nil {
		return a
	}
	a.pains = newPainsScreen(a.deps, a.runner.sess, a.currentStyles(), a.runner.keys)
	a.pains.setPresent(a.present)
	a.pains.setSize(a.width, a.height)
	a.pains.status = a.runner.status
	a.screen = screenPains
	return a
}

// showRoadmap opens the board of the running session on the item focus,
// keeping where the cursor was when the board was open before.
func (a App) showRoadmap(focus string) App {
	if a.runner == nil {
		return a
	}
	if a.board == nil || a.board.sess != a.runner.sess {
		a.board = newRoadmapScreen(a.deps, a.runner.sess, a.currentStyles(), a.runner.keys, focus)
	} else {
		a.board.reopen(focus)
	}
	a.board.setPresent(a.present)
	a.board.setSize(a.width, a.height)
	a.board.status = a.runner.status
	a.screen = screenRoadmap
	return a
}

// sizer is what every screen does when the terminal changes size.
type sizer interface{ setSize(w, h int) }

// eachScreen calls f on every screen that exists, active or not, so a
// screen shown later is already laid out.
func (a *App) eachScreen(f func(sizer)) {
	if a.runner != nil {
		f(a.runner)
	}
	if a.lib != nil {
		f(a.lib)
	}
	if a.form != nil {
		f(a.form)
	}
	if a.pains != nil {
		f(a.pains)
	}
	if a.board != nil {
		f(a.board)
	}
}

// currentStyles is the styles for the known background.
func (a App) currentStyles() *Styles {
	st, _ := a.styles()
	return st
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
		a.runner, a.pains, a.board = nil, nil, nil
		flush = a.deps.Saver.Flush
	}
	a.form = nil
	a.screen = screenLibrary
	return a, a.lib.reload(flush)
}

// prepareQuit saves where the facilitator is in the open session, if any.
func (a App) prepareQuit() {
	if a.runner != nil {
		a.runner.prepareQuit()
	}
}

// quit saves where the facilitator is and stops the program; Run flushes.
func (a App) quit() (tea.Model, tea.Cmd) {
	a.prepareQuit()
	return a, tea.Quit
}

// askQuit quits on a quit key. While the disk refuses writes, what is not
// saved lives only in this process: quitting would lose it, so the first
// press only warns and a second one quits.
func (a App) askQuit() (tea.Model, tea.Cmd) {
	if a.saveFailed && !a.quitArmed {
		a.quitArmed = true
		const warn = "not saved yet: rapport quits as soon as it is; press again to quit now and lose the last changes"
		var cmd tea.Cmd
		switch {
		case a.screen == screenLibrary && a.lib != nil:
			cmd = a.lib.setNote(warn)
		case a.runner != nil:
			a.runner.setNote(warn)
		}
		return a, cmd
	}
	return a.quit()
}

// View draws the active screen in the alternate screen.
func (a App) View() tea.View {
	var content string
	title := "rapport"
	switch a.screen {
	case screenRunner:
		content = a.runner.view()
		if c := cleanLine(a.runner.sess.Client); c != "" {
			title = "rapport — " + c
		}
	case screenLibrary:
		content = a.lib.view()
	case screenNewSession:
		content = a.form.view()
	case screenSummary:
		content = a.sum.view()
	case screenPains:
		content = a.pains.view()
	case screenRoadmap:
		content = a.board.view()
	case screenJourney, screenSynthesis, screenTimeline:
		content = a.synthView()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	v.WindowTitle = title
	return v
}

// clean makes text from a session or a playbook safe to print.
func clean(s string) string { return session.Sanitize(s) }

// cleanLine is clean for places that hold one line: line breaks and tabs
// become spaces.
func cleanLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, session.Sanitize(s))
}

var _ tea.Model = App{}
