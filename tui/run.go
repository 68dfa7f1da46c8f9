package tui

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"reflect"
	"sync"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// frameRate is how often Bubble Tea may draw a changed screen. A frame
// goes out on its next tick, so the rate bounds how long the first frame
// and every keystroke's echo wait: 120 (Bubble Tea's highest) halves the
// 60 default's wait to at most 8.3 ms. The renderer wakes at every tick,
// changed screen or not, and that is nearly all the idle CPU: about 1.8%
// of one core at 120 against 1.3% at 60 and 0.1% at 1 (e2e BenchmarkIdle;
// docs/performance.md, "The frame rate").
const frameRate = 120

// WarmUp builds the tables that measuring characters beyond ASCII needs
// (go-runewidth's, about 2 MB, filled on first use): the library's rule
// and marks are such characters, and building them inside the first frame
// cost it about 9 ms of CPU, mostly page faults. main runs it in a
// goroutine as a full-screen command starts, while the store opens and the
// program starts.
func WarmUp() { _ = ansi.StringWidthWc("─") }

// Run runs the app until the facilitator quits, and in every way out (the
// quit key, ctrl+c, SIGTERM, SIGHUP, a panic in Update, View or a command)
// restores the terminal, saves the cursor and time spent, and flushes the
// saver before returning. A panic comes back as an error, never as a stack
// trace on the screen.
//
// Bubble Tea handles SIGINT and SIGTERM itself and catches panics, but it
// prints a stack trace when it does, and it lets SIGHUP (a closed window, a
// dropped ssh) kill the process without a flush. Run adds both.
//
// A quit signal while $EDITOR is open (ctrl+e) waits up to editorGrace for
// the editor to exit, then saves the editor's file into the answer before
// the flush; an editor still open keeps its file, and the error Run
// returns names it (DECISIONS.md).
func Run(deps Deps, start Start, opts ...tea.ProgramOption) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM)
	defer signal.Stop(sigs)
	// The terminal, watched so a screen can wait for its frame (afterDrawn).
	deps.frames = &frames{}
	out := tea.WithOutput(frameOut{File: os.Stdout, frames: deps.frames})
	return run(deps, start, sigs, append([]tea.ProgramOption{out}, opts...)...)
}

// run is Run with the signal source injected, so tests can deliver one.
func run(deps Deps, start Start, sigs <-chan os.Signal, opts ...tea.ProgramOption) (err error) {
	deps = deps.withDefaults()
	crash := &crashBox{}
	g := guard{app: New(deps, start), crash: crash}
	p := tea.NewProgram(g, append([]tea.ProgramOption{tea.WithFPS(frameRate)}, opts...)...)
	crash.quit = p.Quit

	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			// An open $EDITOR has the terminal and the program waits on it:
			// give it editorGrace to exit (a dropped ssh ends it, a SIGTERM
			// may not), then quit; finish below saves its text or keeps it.
			deps.editors.waitOnQuit()
			p.Send(quitMsg{}) // saves like the quit key; Send is a no-op once stopped
		case <-done:
		}
	}()

	final, runErr := p.Run()
	close(done)

	// Whatever ended the program, save the text of an editor it quit in
	// the middle of, and record the cursor and the time spent: SIGTERM
	// handled by Bubble Tea itself quits without asking the app.
	var editorErr error
	if fg, ok := final.(guard); ok {
		crash.protect(func() {
			editorErr = deps.editors.finish(fg.app.runner)
			fg.app.prepareQuit()
		})
	}
	flushErr := deps.Saver.Flush()

	switch {
	case crash.get() != nil:
		err = crash.get()
	case runErr != nil && !errors.Is(runErr, tea.ErrInterrupted):
		err = fmt.Errorf("running the session screen: %w", runErr)
	}
	if flushErr != nil {
		err = errors.Join(err, fmt.Errorf("saving before exit: %w", flushErr))
	}
	if editorErr != nil {
		err = errors.Join(err, editorErr)
	}
	return err
}

// ErrCrashed is wrapped by the error Run returns when the app panicked: the
// terminal was restored and saves flushed, and the panic is reported as one
// line instead of a stack trace.
var ErrCrashed = errors.New("rapport hit an internal error")

// crashBox records the first panic and stops the program.
type crashBox struct {
	mu   sync.Mutex
	err  error
	quit func()
}

func (c *crashBox) set(r any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = fmt.Errorf("%w: %v", ErrCrashed, r)
	}
}

func (c *crashBox) get() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// protect runs f and turns a panic into the recorded error.
func (c *crashBox) protect(f func()) (panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			c.set(r)
			panicked = true
		}
	}()
	f()
	return false
}

// guard wraps the App so that a panic in Update, View or a command becomes
// an error and a clean quit, before Bubble Tea's own catch prints a stack.
type guard struct {
	app   App
	crash *crashBox
}

func (g guard) Init() tea.Cmd {
	var cmd tea.Cmd
	if g.crash.protect(func() { cmd = g.app.Init() }) {
		return tea.Quit
	}
	return g.wrap(cmd)
}

func (g guard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if pm, ok := msg.(panicMsg); ok {
		g.crash.set(pm.err)
		return g, tea.Quit
	}
	if g.crash.get() != nil {
		return g, tea.Quit // after a crash, nothing more runs
	}
	var next tea.Model
	var cmd tea.Cmd
	if g.crash.protect(func() {
		hook := crashHookUpdate(msg)
		next, cmd = g.app.Update(msg)
		if hook != nil {
			cmd = tea.Batch(cmd, hook)
		}
	}) {
		return g, tea.Quit // keep the last good model, so its state is saved
	}
	if app, ok := next.(App); ok {
		g.app = app
	}
	return g, g.wrap(cmd)
}

func (g guard) View() (v tea.View) {
	if g.crash.protect(func() { crashHookInView(); v = g.app.View() }) {
		// View cannot return a command: quit from outside the render.
		if g.crash.quit != nil {
			go g.crash.quit()
		}
		v = tea.NewView("rapport hit an internal error; saving and quitting…")
	}
	return v
}

// wrap makes a command recover its own panic into a panicMsg, and wraps the
// commands of a batch or sequence it returns the same way.
func (g guard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = panicMsg{err: fmt.Errorf("%v", r)}
			}
		}()
		return g.wrapMsg(cmd())
	}
}

var cmdType = reflect.TypeOf((tea.Cmd)(nil))

// wrapMsg wraps the commands inside tea.BatchMsg and Bubble Tea's
// unexported sequence message (a []tea.Cmd too, found by reflection).
func (g guard) wrapMsg(msg tea.Msg) tea.Msg {
	if msg == nil {
		return nil
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return msg
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	for i := range v.Len() {
		c, _ := v.Index(i).Interface().(tea.Cmd)
		out.Index(i).Set(reflect.ValueOf(g.wrap(c)))
	}
	return out.Interface()
}

var _ tea.Model = guard{}
