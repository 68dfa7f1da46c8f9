package tui

// The $EDITOR round trip: ctrl+e hands a text answer to the user's own
// editor and reads it back. It is apart from runner.go because it is the
// runner's only use of the disk and of other processes, and every step of
// it runs in a command so the UI goroutine never waits on either.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// editorTextOnly says why ctrl+e does nothing on a prompt that is not text.
const editorTextOnly = "$EDITOR works on text answers only"

// openEditor starts the $EDITOR round trip for a text answer: write a temp
// file in a command (no disk I/O here), then run the editor.
func (r *runner) openEditor() tea.Cmd {
	st, ok := r.step()
	if !ok {
		return nil
	}
	if !playbooks.KindOf(st.Prompt.Kind).FreeText {
		r.setNote(editorTextOnly)
		return nil
	}
	r.commitField()
	id, text := st.Prompt.ID, r.sess.AnswerFor(st.Prompt.ID).Text
	return func() tea.Msg {
		f, err := os.CreateTemp("", "rapport-answer-*.md") // mode 0600
		if err != nil {
			return editorReadyMsg{promptID: id, err: fmt.Errorf("creating temp file: %w", err)}
		}
		path := f.Name()
		_, werr := f.WriteString(text)
		cerr := f.Close()
		if err := firstErr(werr, cerr); err != nil {
			_ = os.Remove(path)
			return editorReadyMsg{promptID: id, err: fmt.Errorf("writing temp file: %w", err)}
		}
		return editorReadyMsg{promptID: id, path: path}
	}
}

// launchEditor hands the terminal to the editor on the temp file; Bubble
// Tea suspends the UI until it exits and then reports back in a message.
// The round trip is registered with Deps.editors, so Run can finish it on
// a quit signal (see editors.finish).
func (r runner) launchEditor(msg editorReadyMsg) (runner, tea.Cmd) {
	if msg.err != nil {
		r.setNote(clean(msg.err.Error()))
		return r, nil
	}
	args := editorCommand()
	c := exec.Command(args[0], append(args[1:], msg.path)...) //nolint:gosec // the user's own editor
	ed := r.deps.editors.begin(c, r.sess.ID, msg.promptID, msg.path)
	id, path := msg.promptID, msg.path
	return r, tea.Exec(ed, func(err error) tea.Msg {
		return editorExitedMsg{promptID: id, path: path, err: err}
	})
}

// editorCommand is $VISUAL or $EDITOR split into words, vi when neither is set.
func editorCommand() []string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(os.Getenv(v)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

// readEditorFile reads the edited answer back. The file is removed only
// once its text is in the answer (applyEditorText), so a quit in between
// still finds it (finishEditor).
func readEditorFile(id, path string) tea.Cmd {
	return func() tea.Msg {
		b, err := os.ReadFile(path)
		if err != nil {
			return editorReadMsg{promptID: id, path: path, err: fmt.Errorf("reading the edited answer: %w", err)}
		}
		return editorReadMsg{promptID: id, path: path, text: string(b)}
	}
}

// applyEditorText saves what came back from the editor as the answer and
// redraws the field when it is still on screen; unchanged text saves
// nothing. It returns the command that removes the temp file.
func (r *runner) applyEditorText(msg editorReadMsg) tea.Cmd {
	if msg.err != nil {
		r.setNote(clean(msg.err.Error()))
		return r.deps.editors.done(msg.path)
	}
	a := r.sess.AnswerFor(msg.promptID)
	// Editors end files with a newline the answer did not have.
	text := msg.text
	if !strings.HasSuffix(a.Text, "\n") {
		text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
	}
	// A file that would take the answer past what import takes back is
	// refused whole, and left where it is so nothing in it is lost.
	before := a.TextBytes()
	if t, refused := session.Refuse("answer", "file", len(text), before, before-len(a.Text)+len(text)); refused {
		r.bar.notify(sevWarn, t.String()+" The file is kept: "+clean(msg.path), 3*noteTTL)
		r.deps.editors.keep(msg.path, t.String())
		return nil
	}
	if text != a.Text {
		a.Text = text
		r.save(r.sess.PutAnswer(a, r.now()))
		if r.fldID == msg.promptID {
			r.rebuildField()
		}
		r.setNote("answer updated from $EDITOR")
	}
	return r.deps.editors.done(msg.path)
}

// editorGrace is how long a quit signal waits for an open editor to exit
// before rapport quits and leaves the editor's file where it is
// (DECISIONS.md).
const editorGrace = 10 * time.Second

// errEditorStillOpen ends the wait for an editor that outlived
// editorGrace after a quit signal.
var errEditorStillOpen = errors.New("quit with $EDITOR still open")

// editors tracks the $EDITOR round trip under way (one at a time: the
// editor has the terminal), shared by the runner, which starts it, and
// Run, which on a quit signal waits for it and then saves its text. Its
// methods are safe for concurrent use and do nothing on a nil receiver.
type editors struct {
	mu    sync.Mutex
	cur   *editorProcess // nil when no round trip is under way
	grace time.Duration  // editorGrace when zero; tests shorten it
}

// editorProcess is one run of the editor on one answer's temp file, as
// tea.Exec runs it: Run returns when the editor exits or, after a quit
// signal and editorGrace, when Run (the program's) stops waiting.
type editorProcess struct {
	cmd      *exec.Cmd
	session  string // the id of the session whose answer it edits
	promptID string
	path     string
	exited   chan struct{} // closed once the editor has exited (or never started)
	giveUp   chan struct{} // closed to stop waiting for it
	stopOnce sync.Once
	applied  bool   // the file's text is in the answer (guarded by editors.mu)
	refused  string // why the file's text was refused, its file kept (guarded by editors.mu)
}

// begin registers a round trip about to start.
func (e *editors) begin(c *exec.Cmd, sessionID, promptID, path string) *editorProcess {
	p := &editorProcess{cmd: c, session: sessionID, promptID: promptID, path: path,
		exited: make(chan struct{}), giveUp: make(chan struct{})}
	if e != nil {
		e.mu.Lock()
		e.cur = p
		e.mu.Unlock()
	}
	return p
}

// done marks the round trip on path finished (its text is in the answer,
// or could not be read) and returns the command that removes its file.
func (e *editors) done(path string) tea.Cmd {
	if e != nil {
		e.mu.Lock()
		if e.cur != nil && e.cur.path == path {
			e.cur.applied = true
		}
		e.mu.Unlock()
	}
	if path == "" {
		return nil
	}
	return func() tea.Msg {
		_ = os.Remove(path)
		if e != nil {
			e.mu.Lock()
			if e.cur != nil && e.cur.path == path {
				e.cur = nil
			}
			e.mu.Unlock()
		}
		return nil
	}
}

// keep marks the round trip on path finished with its file's text refused
// (too big for an answer, why says so): the file stays where it is, so
// nothing in it is lost.
func (e *editors) keep(path, why string) {
	if e == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cur != nil && e.cur.path == path {
		e.cur.applied, e.cur.refused = true, why
		e.cur = nil
	}
}

// current is the round trip under way, or nil.
func (e *editors) current() *editorProcess {
	if e == nil {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cur
}

// waitOnQuit is what a quit signal does first: while an editor is open,
// wait for it to exit, up to editorGrace; then stop waiting, so the
// program can quit and Run can keep the file.
func (e *editors) waitOnQuit() {
	p := e.current()
	if p == nil {
		return
	}
	grace := e.grace
	if grace == 0 {
		grace = editorGrace
	}
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-p.exited:
	case <-t.C:
		p.stopOnce.Do(func() { close(p.giveUp) })
	}
}

// finish completes a round trip the program quit in the middle of (Run
// calls it once the program has ended, before the last flush): an editor
// that exited has its file read and saved into the answer through the
// runner, and the file removed; one still open (or whose session is no
// longer the runner's) keeps its file, and the error names it, for one
// line on stderr.
func (e *editors) finish(r *runner) error {
	p := e.current()
	if p == nil {
		return nil
	}
	select {
	case <-p.exited:
	default:
		return fmt.Errorf("%w: its text is kept in %s", errEditorStillOpen, p.path)
	}
	e.mu.Lock()
	applied := p.applied
	e.mu.Unlock()
	if !applied {
		if r == nil || r.sess.ID != p.session {
			return fmt.Errorf("the edited answer was not saved: its text is kept in %s", p.path)
		}
		b, err := os.ReadFile(p.path)
		if err != nil {
			return fmt.Errorf("reading the edited answer %s: %w", p.path, err)
		}
		r.applyEditorText(editorReadMsg{promptID: p.promptID, path: p.path, text: string(b)})
		e.mu.Lock()
		why := p.refused
		e.mu.Unlock()
		if why != "" {
			return fmt.Errorf("%s Its text is kept in %s", why, p.path)
		}
	}
	if cmd := e.done(p.path); cmd != nil {
		cmd()
	}
	return nil
}

// Run runs the editor on the terminal Bubble Tea handed over, until it
// exits or giveUp is closed.
func (p *editorProcess) Run() error {
	if err := p.cmd.Start(); err != nil {
		close(p.exited)
		return err
	}
	waited := make(chan error, 1)
	go func() {
		waited <- p.cmd.Wait()
		close(p.exited)
	}()
	select {
	case err := <-waited:
		return err
	case <-p.giveUp:
		return errEditorStillOpen
	}
}

// SetStdin, SetStdout and SetStderr give the editor the terminal.
func (p *editorProcess) SetStdin(r io.Reader)  { p.cmd.Stdin = r }
func (p *editorProcess) SetStdout(w io.Writer) { p.cmd.Stdout = terminalFile(w) }
func (p *editorProcess) SetStderr(w io.Writer) { p.cmd.Stderr = w }

var _ tea.ExecCommand = (*editorProcess)(nil)

// firstErr is the first error that happened, so a failed write is reported
// rather than the close that followed it.
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
