// Package tui is rapport's terminal interface: a Bubble Tea v2 root model
// that routes to one screen at a time (the library, the new-session form,
// the runner and the screens it opens), the keys, styles and status bar
// they share, and Run, which owns the program's lifetime so every way out
// flushes saves and restores the terminal.
package tui

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// Deps is what the app needs from the outside world, passed in so tests run
// on a fixed clock and an in-memory saver and library.
type Deps struct {
	Saver     Saver                 // persists edits without blocking
	Status    *StatusFeed           // save status from the writer; may be nil
	Sessions  Sessions              // the sessions on disk; nil: no library screen
	Prefs     Prefs                 // small remembered settings; may be nil
	Playbooks []*playbooks.Playbook // what a new session can run, in catalogue order
	// LoadPlaybooks, when set, stands for Playbooks: main loads the
	// catalogue while the app starts, and a screen waits for it only when
	// it first needs it (the library's first listing, for its "now v3"
	// notes; the form; the timeline's follow-up), so the first frame does
	// not wait for the catalogue first. It must return the same slice
	// every time.
	LoadPlaybooks func() []*playbooks.Playbook
	Now           func() time.Time // the clock; time.Now when nil
	NewID         func() string    // ULIDs for sessions, ad-hoc prompts and captures
	NoColor       bool             // NO_COLOR is set: plain styles only
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
	// Author is who is at the keyboard (rapport config name, else git's
	// user.name): every answer, capture and roadmap item changed in a
	// session records it, and the versions of an answer call theirs
	// "yours". Empty: nobody named.
	Author string
	// TeamSync syncs the store with its team repository once, off the UI
	// goroutine (main wires package teamsync), telling progress what it is
	// doing as it goes; it returns one line saying what it did, and
	// whether that is a warning. nil: the store is in no team.
	TeamSync func(ctx context.Context, progress func(string)) (summary string, warn bool)
	// AutoSync syncs with the team, in the background, when the library
	// opens (sync.auto; main syncs on quit).
	AutoSync bool

	// editors is the $EDITOR round trip under way, shared with Run so a
	// quit signal can wait for it; withDefaults makes one.
	editors *editors
	// frames reports writes to the terminal (afterDrawn); Run sets it.
	frames *frames
}

// Sessions is the stored sessions as the screens need them (a repository:
// list, load, create, delete, put back): the library, the new-session form,
// the timeline and the summary of a stored session. tui declares it so it
// never imports the store; main hands it the bbolt store, and every call
// runs in a command, never on the UI goroutine.
type Sessions interface {
	List() ([]session.Index, error)
	Load(id string) (*session.Session, error)
	Create(s *session.Session) error
	Delete(id string) error
	Put(s *session.Session) error // undo of a delete writes the session back whole
}

// NewestLister is a Sessions that can read its most recently changed
// sessions without reading them all (the store does, from an index kept by
// last change): n index records in List's order, and how many sessions
// there are in all. The library's first frame then waits for one
// screenful, and the rest streams in while keys act.
type NewestLister interface {
	ListNewest(n int) ([]session.Index, int, error)
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

// App is the root tea.Model. It owns the global keys, the styles, the
// status bar and present mode, and routes (router.go); each screen owns its
// own state and returns its concrete type. Screens are held by pointer:
// they are large and Update must not copy them.
type App struct {
	deps  Deps
	keys  *keyMap    // every binding, shared by every screen
	st    *Styles    // for the known background; swapped whole when it changes
	bar   *statusBar // save status and the notice in sight
	start StartScreen

	screens          // every open screen
	screen  screen   // the screen in sight
	trail   []screen // where back goes: the screens below, nearest last

	runSeq  int  // counts runners, so a dead runner's ticks never reach a new one
	present bool // present mode, which every screen obeys
	isDark  bool
	width   int
	height  int

	team *teamSync // the team sync running in the background, if any

	// quitArmed is true after a first quit key while the writer reports
	// that saving fails, so quitting with unsaved notes takes a second,
	// deliberate press.
	quitArmed bool
}

// New builds the app for start. A nil session on the runner opens an empty
// runner that says there is nothing to ask, rather than failing.
func New(deps Deps, start Start) App {
	deps = deps.withDefaults()
	keys := defaultKeyMap()
	keys.Nav.Library.SetEnabled(deps.Sessions != nil)
	a := App{deps: deps, start: start.Screen, isDark: true, keys: &keys, bar: newStatusBar(deps.Now), team: &teamSync{}}
	a.st = buildStyles(deps.NoColor, a.isDark)
	if deps.Sessions != nil {
		a.lib = newLibrary(deps, a.st, a.keys, a.bar)
	}
	switch {
	case start.Screen == StartLibrary && a.lib != nil:
		a.reset(screenLibrary)
	case start.Screen == StartNewSession:
		a.form = newNewSession(deps, start.NewSession, a.st, a.keys)
		a.reset(screenNewSession)
	default:
		if start.Session == nil {
			start.Session = &session.Session{Playbook: playbooks.Playbook{}}
		}
		a.openRunner(start.Session, start.Typing)
	}
	return a
}

// catalogue is what a new session can run: Playbooks, or what
// LoadPlaybooks gives once it has them.
func (d Deps) catalogue() []*playbooks.Playbook {
	if d.LoadPlaybooks != nil {
		return d.LoadPlaybooks()
	}
	return d.Playbooks
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

// buildStyles is the styles for a background: plain ones under NO_COLOR.
func buildStyles(noColor, isDark bool) *Styles {
	st := plainStyles()
	if !noColor {
		st = newStyles(isDark)
	}
	return &st
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
	if a.deps.AutoSync && a.screen == screenLibrary {
		cmds = append(cmds, a.startTeamSync())
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
	if a.bar.save.State == SaveFailed && !a.quitArmed {
		a.quitArmed = true
		const warn = "not saved yet: rapport quits as soon as it is; press again to quit now and lose the last changes"
		if a.screen == screenLibrary && a.lib != nil {
			return a, a.lib.warn(warn) // the library has no clock to redraw it
		}
		a.bar.warn(warn)
		return a, nil
	}
	return a.quit()
}

// View draws the screen in sight in the alternate screen.
func (a App) View() tea.View {
	title := "rapport"
	if a.screen == screenRunner && a.runner != nil {
		if c := titleClient(a.runner.sess.Client); c != "" {
			title = "rapport — " + c
		}
	}
	v := tea.NewView(a.inSight().view())
	v.AltScreen = true
	v.WindowTitle = title
	return v
}

// maxTitleClient is how many cells of the client's name the window title
// holds: a title bar or a tab shows a few dozen, and a pasted page as a
// name must neither reach the terminal whole nor be cleaned every frame.
const maxTitleClient = 60

// titleClient is the client's name for the window title: one clean line of
// at most maxTitleClient cells, cut with an ellipsis.
func titleClient(name string) string {
	if limit := 8 * maxTitleClient; len(name) > limit {
		for limit > 0 && !utf8.RuneStart(name[limit]) {
			limit--
		}
		name = name[:limit]
	}
	return truncate(cleanLine(name), maxTitleClient)
}

// clean makes text from a session or a playbook safe to print.
func clean(s string) string { return session.Sanitize(s) }

// cleanLine is clean for places that hold one line of plain text, shown
// as typed (session.PlainLine): line breaks and tabs become spaces,
// surrounding space goes.
func cleanLine(s string) string { return session.PlainLine(s) }

var _ tea.Model = App{}
