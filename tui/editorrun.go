package tui

// The $EDITOR round trip: ctrl+e hands a text answer to the user's own
// editor and reads it back. It is apart from runner.go because it is the
// runner's only use of the disk and of other processes, and every step of
// it runs in a command so the UI goroutine never waits on either.

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
)

// openEditor starts the $EDITOR round trip for a text answer: write a temp
// file in a command (no disk I/O here), then run the editor.
func (r *runner) openEditor() tea.Cmd {
	st, ok := r.step()
	if !ok {
		return nil
	}
	if !playbooks.KindOf(st.Prompt.Kind).FreeText {
		r.setNote("$EDITOR works on text answers only")
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
func (r runner) launchEditor(msg editorReadyMsg) (runner, tea.Cmd) {
	if msg.err != nil {
		r.setNote(clean(msg.err.Error()))
		return r, nil
	}
	args := editorCommand()
	c := exec.Command(args[0], append(args[1:], msg.path)...) //nolint:gosec // the user's own editor
	id, path := msg.promptID, msg.path
	return r, tea.ExecProcess(c, func(err error) tea.Msg {
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

// readEditorFile reads the edited answer back and removes the temp file.
func readEditorFile(id, path string) tea.Cmd {
	return func() tea.Msg {
		b, err := os.ReadFile(path)
		_ = os.Remove(path)
		if err != nil {
			return editorReadMsg{promptID: id, err: fmt.Errorf("reading the edited answer: %w", err)}
		}
		return editorReadMsg{promptID: id, text: string(b)}
	}
}

// applyEditorText saves what came back from the editor as the answer and
// redraws the field when it is still on screen; unchanged text saves nothing.
func (r *runner) applyEditorText(msg editorReadMsg) {
	if msg.err != nil {
		r.setNote(clean(msg.err.Error()))
		return
	}
	a := r.sess.AnswerFor(msg.promptID)
	// Editors end files with a newline the answer did not have.
	text := msg.text
	if !strings.HasSuffix(a.Text, "\n") {
		text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
	}
	if text == a.Text {
		return
	}
	a.Text = text
	r.save(r.sess.PutAnswer(a, r.now()))
	if r.fldID == msg.promptID {
		r.rebuildField()
	}
	r.setNote("answer updated from $EDITOR")
}

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
