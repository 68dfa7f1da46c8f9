package tui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// Text past session.MaxTextBytes (what import takes back, issue 23 item 8)
// is refused whole with a status line, never cut: these tests drive it as a
// facilitator would, through the runner.

// run sends what cmd yields, as the program would; nil does nothing.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if cmd != nil {
		if msg := cmd(); msg != nil {
			h.send(msg)
		}
	}
}

// TestPastePastTheCapIsRefused: a paste that would take an answer past
// the cap is refused with a line that says so, the text typed before it
// stays on screen and saved, and a paste that fits to the byte is taken.
func TestPastePastTheCapIsRefused(t *testing.T) {
	h := newHarness(t, nil, true, 120, 24)
	h.typeText("kept")
	h.run(h.send(tea.PasteMsg{Content: strings.Repeat("x", session.MaxTextBytes)}))
	want := "That paste would make the answer 4.1 MB; an answer holds at most 4 MB. Nothing was pasted."
	if v := h.view(); !strings.Contains(v, want) || !strings.Contains(v, "kept") {
		t.Fatalf("a paste past the cap is not refused in words, or the typed text is gone:\n%s", v)
	}
	if got := h.answer("who-they-serve").Text; got != "kept" {
		t.Fatalf("the answer is %d bytes after a refused paste, want %q", len(got), "kept")
	}
	if got := h.saver.answers["who-they-serve"].Text; got != "kept" {
		t.Fatalf("the saved answer is %d bytes after a refused paste, want %q", len(got), "kept")
	}
	// The next key clears the line and is typed.
	h.typeText("!")
	if v := h.view(); strings.Contains(v, "Nothing was pasted") || h.answer("who-they-serve").Text != "kept!" {
		t.Fatalf("typing after a refusal: answer %q\n%s", h.answer("who-they-serve").Text, v)
	}
	// A paste that fills the answer to the cap is taken; a key past it is not.
	h.run(h.send(tea.PasteMsg{Content: strings.Repeat("x", session.MaxTextBytes-len("kept!"))}))
	if got := len(h.answer("who-they-serve").Text); got != session.MaxTextBytes {
		t.Fatalf("a paste up to the cap left the answer at %d bytes, want %d", got, session.MaxTextBytes)
	}
	h.run(h.send(kr('y')))
	if v := h.view(); !strings.Contains(v, "The answer is full: an answer holds at most 4 MB. Nothing was typed.") {
		t.Fatalf("a key past the cap is not refused in words:\n%s", v)
	}
	if got := len(h.saver.answers["who-they-serve"].Text); got != session.MaxTextBytes {
		t.Fatalf("the saved answer is %d bytes, want %d", got, session.MaxTextBytes)
	}
}

// TestListPastTheCapIsRefused: a list answer is capped as a whole, every
// item together, and a pasted block (one item per line) is refused whole.
func TestListPastTheCapIsRefused(t *testing.T) {
	c := newClock()
	pb := playbooks.Playbook{ID: "l", Title: "L", Version: 1, Phases: []playbooks.Phase{{ID: "one", Title: "One",
		Prompts: []playbooks.Prompt{{ID: "pains", Kind: playbooks.KindList, Question: "Where does it hurt?"}}}}}
	s := newTestSessionWith(c, "Acme", pb)
	big := strings.Repeat("p", session.MaxTextBytes-3)
	s.PutAnswer(session.Answer{PromptID: "pains", Items: []string{"ab", big}}, c.Now())
	h := newHarness(t, s, true, 120, 24)
	h.run(h.send(tea.PasteMsg{Content: "cd\nef"}))
	want := "That paste would make the answer 4.1 MB; an answer holds at most 4 MB. Nothing was pasted."
	if v := h.view(); !strings.Contains(v, want) {
		t.Fatalf("a block past the cap is not refused in words:\n%s", v)
	}
	if got := h.answer("pains").Items; len(got) != 2 || got[0] != "ab" {
		t.Fatalf("a refused block changed the list: %d items, first %q", len(got), got[0])
	}
	// One byte of room is taken; the next key is refused on any item.
	h.typeText("c")
	h.run(h.send(kr('d')))
	if got := h.answer("pains").Items[0]; got != "abc" {
		t.Fatalf("first item %q, want abc", got)
	}
	if v := h.view(); !strings.Contains(v, "The answer is full") {
		t.Fatalf("a key past the cap on a list is not refused in words:\n%s", v)
	}
}

// TestCapturePastTheCapIsRefused: a capture's fields share the cap, and a
// paste past it names a capture.
func TestCapturePastTheCapIsRefused(t *testing.T) {
	h := newHarness(t, nil, false, 120, 24)
	h.send(kCtrlK, kr('q'))
	h.typeText("kept")
	h.run(h.send(tea.PasteMsg{Content: strings.Repeat("x", session.MaxTextBytes)}))
	want := "That paste would make the capture 4.1 MB; a capture holds at most 4 MB. Nothing was pasted."
	if v := h.view(); !strings.Contains(v, want) {
		t.Fatalf("a paste past the cap in a capture is not refused in words:\n%s", v)
	}
	h.send(kEnter)
	if cs := h.captures(); len(cs) != 1 || cs[0].Text != "kept" {
		t.Fatalf("captures after a refused paste: %d", len(cs))
	}
}

// TestEditorFilePastTheCapIsRefused: text back from $EDITOR that would take
// the answer past the cap is refused, and its file is kept, so nothing the
// facilitator wrote there is lost.
func TestEditorFilePastTheCapIsRefused(t *testing.T) {
	h := newHarness(t, nil, true, 200, 24)
	h.typeText("draft")
	path := filepath.Join(t.TempDir(), "answer.md")
	big := strings.Repeat("x", 5<<20)
	if err := os.WriteFile(path, []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	h.run(h.send(editorReadMsg{promptID: "who-they-serve", path: path, text: big}))
	if v := h.view(); !strings.Contains(v, "The edited file is 5 MB; an answer holds at most 4 MB. The answer is as it was. The file is kept: "+path) {
		t.Fatalf("a file past the cap is not refused in words:\n%s", v)
	}
	if got := h.answer("who-they-serve").Text; got != "draft" {
		t.Fatalf("the answer is %d bytes, want draft", len(got))
	}
	if b, err := os.ReadFile(path); err != nil || len(b) != len(big) {
		t.Fatalf("the refused file is not kept whole: %d bytes, %v", len(b), err)
	}
}

// TestRunSignalWithEditorFilePastTheCap: on a quit signal, a file past the
// cap is not saved into the answer; Run's one line says why and where the
// file is kept.
func TestRunSignalWithEditorFilePastTheCap(t *testing.T) {
	ready, release := fakeEditor(t, "small")
	saver := newMemSaver()
	s := newTestSession(newClock())
	in, inW := osPipe(t)
	sigs := make(chan os.Signal, 1)
	done := runAsync(func() error {
		return run(runDeps(saver), Start{Session: s, Typing: true}, sigs, testOpts(in, io.Discard)...)
	})
	if _, err := inW.Write([]byte("\x05")); err != nil { // ctrl+e
		t.Fatal(err)
	}
	path := readLine(t, ready)
	t.Cleanup(func() { _ = os.Remove(path) })
	if err := os.WriteFile(path, []byte(strings.Repeat("x", 5<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	sigs <- syscall.SIGHUP
	writeLine(t, release)
	err := waitErr(t, done)
	if err == nil || errors.Is(err, errEditorStillOpen) || strings.Contains(err.Error(), "\n") ||
		!strings.Contains(err.Error(), "The edited file is 5 MB; an answer holds at most 4 MB. The answer is as it was. Its text is kept in "+path) {
		t.Fatalf("Run returned %v, want one line saying the file was refused and kept", err)
	}
	if got := saver.answers["who-they-serve"].Text; got != "" {
		t.Fatalf("saved an answer of %d bytes from a refused file", len(got))
	}
	if b, _ := os.ReadFile(path); len(b) != 5<<20 {
		t.Fatalf("the kept file holds %d bytes", len(b))
	}
}
