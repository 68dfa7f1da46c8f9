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
// on a fixed clock and an in-memory saver.
type Deps struct {
	Saver   Saver            // persists edits without blocking
	Status  *StatusFeed      // save status from the writer; may be nil
	Now     func() time.Time // the clock; time.Now when nil
	NewID   func() string    // ULIDs for ad-hoc prompts and captures
	NoColor bool             // NO_COLOR is set: plain styles only
}

// Start says what the app opens on.
type Start struct {
	Session *session.Session
	Typing  bool // open in typing mode on the cursor prompt
}

// screen is the screen the root model shows.
type screen int

const (
	screenRunner screen = iota
)

// App is the root tea.Model. It owns global keys and routing; each screen
// owns its own state and returns its concrete type.
type App struct {
	deps   Deps
	screen screen
	runner *runner // a pointer: the runner is large and Update must not copy it
	isDark bool
	width  int
	height int
}

// New builds the app for start. A nil session opens an empty runner that
// says there is nothing to ask, rather than failing.
func New(deps Deps, start Start) App {
	deps = deps.withDefaults()
	if start.Session == nil {
		start.Session = &session.Session{Playbook: playbooks.Playbook{}}
	}
	a := App{deps: deps, screen: screenRunner, isDark: true}
	st, fst := a.styles()
	a.runner = newRunner(deps, start, st, fst)
	return a
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
// a message whenever it comes; nothing waits on it), starts the runner's
// clock and listens for save status.
func (a App) Init() tea.Cmd {
	cmds := []tea.Cmd{a.runner.init(), a.deps.Status.listen()}
	if !a.deps.NoColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update routes a message: global keys first, then sizes to every screen,
// then results to the screen that owns them, then keys to the active screen.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.Keystroke() == "ctrl+c" {
			return a.quit()
		}
	case quitMsg:
		return a.quit()
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.runner.setSize(msg.Width, msg.Height)
		return a, nil
	case tea.BackgroundColorMsg:
		if a.deps.NoColor {
			return a, nil
		}
		a.isDark = msg.IsDark()
		st, fst := a.styles()
		a.runner.setStyles(st, fst)
		return a, nil
	case saveStatusMsg:
		a.runner.status = SaveStatus(msg)
		return a, a.deps.Status.listen()
	}
	var cmd tea.Cmd
	switch a.screen {
	case screenRunner:
		var next runner
		next, cmd = a.runner.update(msg)
		*a.runner = next
	}
	return a, cmd
}

// quit saves where the facilitator is and stops the program; Run flushes.
func (a App) quit() (tea.Model, tea.Cmd) {
	a.runner.prepareQuit()
	return a, tea.Quit
}

// View draws the active screen in the alternate screen.
func (a App) View() tea.View {
	var content string
	switch a.screen {
	case screenRunner:
		content = a.runner.view()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	v.WindowTitle = "rapport"
	if c := cleanLine(a.runner.sess.Client); c != "" {
		v.WindowTitle = "rapport — " + c
	}
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
