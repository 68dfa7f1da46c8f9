package tui

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

func (h *harness) cursorID() string {
	st, ok := h.r().step()
	if !ok {
		return ""
	}
	return st.Prompt.ID
}

func (h *harness) answer(id string) session.Answer { return h.r().sess.AnswerFor(id) }

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// quits sends k and reports whether the app quit, following the quit
// request a screen's quit key sends to the root, as the program would.
func (h *harness) quits(k tea.Msg) bool {
	h.t.Helper()
	cmd := h.send(k)
	if cmd == nil {
		return false
	}
	msg := cmd()
	if _, ok := msg.(askQuitMsg); ok {
		if cmd = h.send(msg); cmd == nil {
			return false
		}
		msg = cmd()
	}
	_, ok := msg.(tea.QuitMsg)
	return ok
}

func TestTabMovesAndStaysTyping(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	h.typeText("first")
	h.send(kTab)
	if got := h.cursorID(); got != "drivers" {
		t.Fatalf("tab: cursor on %q, want drivers", got)
	}
	if h.r().mode != modeTyping {
		t.Fatal("tab left typing mode")
	}
	h.typeText("second")
	if got := h.answer("drivers").Text; got != "second" {
		t.Fatalf("typing after tab wrote %q into the next prompt, want second", got)
	}
	h.send(kShiftTab)
	if got := h.cursorID(); got != "who-they-serve" || h.r().mode != modeTyping {
		t.Fatalf("shift+tab: cursor on %q mode %v, want who-they-serve in typing", got, h.r().mode)
	}
	if got := h.answer("who-they-serve").Text; got != "first" {
		t.Fatalf("answer after moving back is %q, want first", got)
	}
	if e := h.saver.last(); e.Header.Cursor != "who-they-serve" {
		t.Fatalf("moving did not save the cursor: last edit cursor %q", e.Header.Cursor)
	}
}

func TestEscKeepsText(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	h.typeText("do not lose me")
	h.send(kEsc)
	if h.r().mode != modeNav {
		t.Fatal("esc did not leave typing mode")
	}
	if got := h.answer("who-they-serve").Text; got != "do not lose me" {
		t.Fatalf("after esc the answer is %q", got)
	}
	if !strings.Contains(h.view(), "do not lose me") {
		t.Fatal("after esc the text is not on screen")
	}
	h.send(kEnter)
	if h.r().mode != modeTyping {
		t.Fatal("enter did not return to typing mode")
	}
	h.typeText("!")
	if got := h.answer("who-they-serve").Text; got != "do not lose me!" {
		t.Fatalf("typing after enter gave %q", got)
	}
}

// TestLettersAreTextInTypingMode: the navigation letters are plain text
// while the answer field has focus.
func TestLettersAreTextInTypingMode(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	for _, r := range "qszPxogi+A?jkn]p[" {
		if h.quits(kr(r)) {
			t.Fatalf("typing %q quit the app", r)
		}
	}
	a := h.answer("who-they-serve")
	if a.Text != "qszPxogi+A?jkn]p[" {
		t.Fatalf("answer is %q, want every letter as text", a.Text)
	}
	if a.State != session.StateAnswered {
		t.Fatalf("state is %q: a letter acted as a command", a.State)
	}
	if h.cursorID() != "who-they-serve" || h.r().mode != modeTyping {
		t.Fatal("a letter moved the cursor or left typing mode")
	}
}

func TestEnterInLongTextIsANewLine(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	h.typeText("one\ntwo")
	if got := h.answer("who-they-serve").Text; got != "one\ntwo" {
		t.Fatalf("answer is %q, want two lines", got)
	}
}

func TestNavigationStateKeys(t *testing.T) {
	cases := []struct {
		keys []tea.Msg
		want session.State
	}{
		{[]tea.Msg{kr('s')}, session.StateSkipped},
		{[]tea.Msg{kr('z')}, session.StateParked},
		{[]tea.Msg{kShift('p', 'P')}, session.StateParked},
		{[]tea.Msg{kr('P')}, session.StateParked},
		{[]tea.Msg{kr('x')}, session.StateNotApplicable},
		{[]tea.Msg{kr('z'), kr('o')}, session.StateAnswered}, // reopened, and it holds text
	}
	for _, c := range cases {
		h := newHarness(t, nil, true, 80, 24)
		h.typeText("kept")
		h.send(kEsc)
		h.send(c.keys...)
		a := h.answer("who-they-serve")
		if a.State != c.want {
			t.Errorf("%v: state %q, want %q", c.keys, a.State, c.want)
		}
		if a.Text != "kept" {
			t.Errorf("%v: text %q, want it kept", c.keys, a.Text)
		}
		if e := h.saver.last(); e.Answer == nil || e.Answer.State != c.want {
			t.Errorf("%v: the state change was not saved", c.keys)
		}
	}
	// Reopen an empty skipped prompt: open again.
	h := newHarness(t, nil, false, 80, 24)
	h.send(kr('s'), kr('o'))
	if a := h.answer("who-they-serve"); a.State != session.StateOpen {
		t.Fatalf("reopened empty prompt is %q, want open", a.State)
	}
}

func TestNavigationMoves(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	steps := []struct {
		key  tea.Msg
		want string
	}{
		{kDown, "drivers"}, {kr('j'), "role"}, {kr('k'), "drivers"}, {kUp, "who-they-serve"},
		{kUp, "who-they-serve"}, // the first prompt stays
		{kr('n'), "trust"}, {kr(']'), "pains"}, {kr(']'), "pains"},
		{kr('p'), "trust"}, {kr('['), "who-they-serve"}, {kr('p'), "who-they-serve"},
	}
	for i, s := range steps {
		h.send(s.key)
		if got := h.cursorID(); got != s.want {
			t.Fatalf("step %d (%v): cursor on %q, want %q", i, s.key, got, s.want)
		}
	}
}

// TestRequiredPromptsNeverBlock: an open required prompt is flagged on
// screen and every way of moving still moves.
func TestRequiredPromptsNeverBlock(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	if !strings.Contains(h.view(), "required, still open") {
		t.Fatal("the open required prompt is not flagged")
	}
	h.send(kTab)
	if h.cursorID() != "drivers" {
		t.Fatal("tab was blocked by a required prompt")
	}
	h.send(kShiftTab, kEsc, kr('j'))
	if h.cursorID() != "drivers" {
		t.Fatal("j was blocked by a required prompt")
	}
	h.send(kr('k'), kr('n'))
	if h.cursorID() != "trust" {
		t.Fatal("n was blocked by a required prompt")
	}
}

func TestIndexJump(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kr('g'))
	if h.r().mode != modeJump || !strings.Contains(h.view(), "Map the journey") {
		t.Fatal("g did not open the index")
	}
	h.typeText("channel")
	h.send(kEnter)
	if h.cursorID() != "channel" || h.r().mode != modeTyping {
		t.Fatalf("jump went to %q in mode %v, want channel, typing (one enter)", h.cursorID(), h.r().mode)
	}
	// i opens it too; arrows select; esc closes without moving.
	h.send(kEsc, kr('i'), kDown, kEsc)
	if h.cursorID() != "channel" || h.r().mode != modeNav {
		t.Fatal("esc in the index moved the cursor")
	}
	h.send(kr('i'), kDown, kEnter)
	if h.cursorID() != "private" {
		t.Fatalf("down+enter jumped to %q, want private", h.cursorID())
	}
	// ctrl+o goes back to the prompt before the jump and, pressed again,
	// forth, in the mode the facilitator is in.
	ctrlO := tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}
	h.send(ctrlO)
	if h.cursorID() != "channel" || h.r().mode != modeTyping {
		t.Fatalf("ctrl+o went to %q in mode %v, want channel, still typing", h.cursorID(), h.r().mode)
	}
	h.send(kEsc, ctrlO)
	if h.cursorID() != "private" || h.r().mode != modeNav {
		t.Fatalf("ctrl+o again went to %q in mode %v, want private in navigation", h.cursorID(), h.r().mode)
	}
	// A filter that matches nothing: enter does nothing.
	h.send(kr('i'))
	h.typeText("zzzz")
	h.send(kEnter)
	if h.r().mode != modeJump || !strings.Contains(h.view(), "no prompt matches") {
		t.Fatal("an empty filter result should stay in the index and say so")
	}
}

func TestAdHocQuestion(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kr('+'))
	if h.r().mode != modeAdHoc {
		t.Fatal("+ did not open the question input")
	}
	h.typeText("What about budget?")
	h.send(kEnter)
	if got := h.cursorID(); got != "adhoc-a" {
		t.Fatalf("cursor on %q, want the new question", got)
	}
	if h.r().mode != modeTyping {
		t.Fatal("a new question should be ready for typing")
	}
	steps := h.r().walk.Steps()
	if steps[1].Prompt.ID != "adhoc-a" || steps[1].Prompt.Question != "What about budget?" {
		t.Fatalf("the question is not right after the current prompt: %+v", steps[1].Prompt)
	}
	h.typeText("Tight")
	if h.answer("adhoc-a").Text != "Tight" {
		t.Fatal("the new question does not take an answer")
	}
	// A second one from the ad-hoc question goes after it, anchored on
	// the playbook prompt; A works as well as +.
	h.send(kEsc, kr('A'))
	h.typeText("And timing?")
	h.send(kEnter)
	ids := []string{}
	for _, s := range h.r().walk.Steps()[:4] {
		ids = append(ids, s.Prompt.ID)
	}
	if strings.Join(ids, ",") != "who-they-serve,adhoc-a,adhoc-b,drivers" {
		t.Fatalf("order %v", ids)
	}
	var saved bool
	for _, e := range h.saver.edits {
		if len(e.Header.AdHoc) == 2 {
			saved = true
		}
	}
	if !saved {
		t.Fatal("the ad-hoc questions were not saved")
	}
	// esc cancels; an empty question adds nothing.
	n := h.r().walk.Len()
	h.send(kEsc, kr('+'), kEsc, kr('+'), kEnter)
	if h.r().walk.Len() != n {
		t.Fatal("a cancelled or empty question was added")
	}
}

// TestCtrlKIsNotPassedToTheField: the editor's own ctrl+k deletes to the
// end of the line; the runner takes the key first.
func TestCtrlKIsNotPassedToTheField(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	h.typeText("keep all of this")
	h.send(tea.KeyPressMsg{Code: tea.KeyHome})
	h.send(kCtrlK)
	if got := h.answer("who-they-serve").Text; got != "keep all of this" {
		t.Fatalf("ctrl+k reached the field: answer %q", got)
	}
	if !strings.Contains(h.view(), "press a letter") {
		t.Fatal("ctrl+k did not open the capture palette")
	}
	if h.r().mode != modeTyping {
		t.Fatal("ctrl+k left typing mode")
	}
}

func TestQuitKeys(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kDown)
	h.clock.advance(3 * time.Second)
	if !h.quits(kr('q')) {
		t.Fatal("q in navigation mode does not quit")
	}
	e := h.saver.last()
	if e.Header.Cursor != "drivers" || e.Header.PhaseTime["identify"] != 3*time.Second {
		t.Fatalf("quit saved cursor %q and time %v, want drivers and 3s", e.Header.Cursor, e.Header.PhaseTime["identify"])
	}
	for _, typing := range []bool{true, false} {
		h := newHarness(t, nil, typing, 80, 24)
		if !isQuit(h.send(kCtrlC)) {
			t.Fatalf("ctrl+c (typing=%v) does not quit", typing)
		}
	}
	h = newHarness(t, nil, false, 80, 24)
	h.send(kr('g'))
	if !isQuit(h.send(kCtrlC)) {
		t.Fatal("ctrl+c in the index does not quit")
	}
}

func TestEveryChangeIsSaved(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	before := h.saver.count()
	h.typeText("abc")
	if got := h.saver.count() - before; got != 3 {
		t.Fatalf("3 keystrokes made %d saves, want 3", got)
	}
	e := h.saver.last()
	if e.Answer == nil || e.Answer.Text != "abc" || e.Answer.State != session.StateAnswered {
		t.Fatalf("last save %+v", e.Answer)
	}
	// A key that changes nothing saves nothing.
	before = h.saver.count()
	h.send(tea.KeyPressMsg{Code: tea.KeyLeft})
	if h.saver.count() != before {
		t.Fatal("moving the text cursor saved an edit")
	}
	// A paste lands and is saved whole.
	big := strings.Repeat("pasted line\n", 500)
	h.send(tea.PasteMsg{Content: big})
	if got := h.answer("who-they-serve").Text; !strings.Contains(got, big[:len(big)-1]) {
		t.Fatalf("the paste was cut: %d bytes kept", len(got))
	}
}

func TestTimeIsCountedAndSavedSparingly(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	before := h.saver.count()
	tick := func() { h.send(tickMsg{gen: h.r().tickGen}) }
	h.clock.advance(time.Second)
	tick()
	h.clock.advance(time.Second)
	tick()
	if got := h.r().sess.PhaseTime["identify"]; got != 2*time.Second {
		t.Fatalf("phase time %v, want 2s", got)
	}
	if h.saver.count() != before {
		t.Fatal("time was saved on every tick")
	}
	for range 4 {
		h.clock.advance(time.Second)
		tick()
	}
	if h.saver.count() != before+1 {
		t.Fatalf("after 6s, %d time saves, want 1", h.saver.count()-before)
	}
	if got := h.saver.last().Header.PhaseTime["identify"]; got != 5*time.Second { // saved at 5s
		t.Fatalf("saved phase time %v, want 5s", got)
	}
	// A stale tick chain does nothing and does not go on.
	if cmd := h.send(tickMsg{gen: h.r().tickGen - 1}); cmd != nil {
		t.Fatal("a stale tick scheduled another")
	}
	// Time goes to the phase the cursor is in.
	h.send(kr('n'))
	h.clock.advance(4 * time.Second)
	tick()
	if got := h.r().sess.PhaseTime["value"]; got != 4*time.Second {
		t.Fatalf("value phase time %v, want 4s", got)
	}
	if got := h.r().sess.Elapsed; got != 10*time.Second {
		t.Fatalf("session clock %v, want 10s", got)
	}
}

// TestResumeDoesNotCountTheBreak: time while the app was closed is not
// counted; the clock starts when the runner does.
func TestResumeDoesNotCountTheBreak(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.clock.advance(5 * time.Second)
	h.quits(kr('q'))
	stored := h.saver.load(testPlaybook())

	c := newClock()
	c.advance(2 * time.Hour) // the break
	h2 := newHarness(t, stored, false, 80, 24)
	h2.clock = c
	h2.app.runner.deps.Now = c.Now
	h2.app.runner.walk = session.NewWalker(h2.app.runner.sess, c.Now())
	c.advance(time.Second)
	h2.send(tickMsg{gen: h2.r().tickGen})
	if got := h2.r().sess.PhaseTime["identify"]; got != 6*time.Second {
		t.Fatalf("phase time %v after resuming, want 6s (5s + 1s, the break not counted)", got)
	}
}

func TestCtrlEOpensTheEditorOnTextOnly(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kr('n')) // rating prompt
	if cmd := h.send(kCtrlE); cmd != nil {
		t.Fatal("ctrl+e on a rating started something")
	}
	if !strings.Contains(h.view(), "text answers only") {
		t.Fatal("ctrl+e on a rating does not say why nothing happens")
	}

	h = newHarness(t, nil, true, 80, 24)
	h.typeText("draft")
	cmd := h.send(kCtrlE)
	if cmd == nil {
		t.Fatal("ctrl+e on long text does nothing")
	}
	ready, ok := cmd().(editorReadyMsg)
	if !ok || ready.err != nil {
		t.Fatalf("preparing the temp file: %#v", ready)
	}
	t.Cleanup(func() { _ = os.Remove(ready.path) })
	fi, err := os.Stat(ready.path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("temp file %v mode %v, want 0600", err, fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(ready.path); string(b) != "draft" {
		t.Fatalf("temp file holds %q", b)
	}
	if h.answer("who-they-serve").Text != "draft" {
		t.Fatal("ctrl+e lost the text")
	}
	if h.send(ready) == nil {
		t.Fatal("no editor process was started")
	}
	// The editor writes and exits; the text comes back.
	if err := os.WriteFile(ready.path, []byte("draft, edited\nin vi\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	read := h.send(editorExitedMsg{promptID: ready.promptID, path: ready.path})
	if remove := h.send(read()); remove != nil {
		remove() // the temp file goes once its text is in the answer
	}
	if got := h.answer("who-they-serve").Text; got != "draft, edited\nin vi" {
		t.Fatalf("answer after $EDITOR is %q", got)
	}
	if !strings.Contains(h.view(), "in vi") {
		t.Fatal("the field does not show the edited text")
	}
	if _, err := os.Stat(ready.path); !os.IsNotExist(err) {
		t.Fatal("the temp file was left behind")
	}
	// An editor that fails to start loses nothing.
	h.send(editorReadMsg{promptID: "who-they-serve", err: errors.New("exec: vi: not found")})
	if got := h.answer("who-they-serve").Text; got != "draft, edited\nin vi" {
		t.Fatalf("a failed editor changed the answer to %q", got)
	}
}

func TestEmptyPlaybookAndNilSession(t *testing.T) {
	for _, s := range []*session.Session{nil, {}} {
		h := newHarness(t, s, true, 80, 24)
		if s == nil {
			h.app = New(Deps{}, Start{})
			h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		}
		for _, k := range []tea.Msg{kTab, kEsc, kr('j'), kr('s'), kr('+'), kr('g'), kEsc, kr('n'), kCtrlE, kCtrlK, kEnter, kr('?')} {
			h.send(k)
		}
		if !strings.Contains(h.view(), "no prompts") && h.r().mode != modeHelp {
			t.Fatalf("an empty playbook should say so: %s", h.view())
		}
	}
}

func TestBackgroundColorRestyles(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	h.app.deps.NoColor = false
	h.typeText("text")
	h.send(tea.BackgroundColorMsg{})
	if h.answer("who-they-serve").Text != "text" || !strings.Contains(h.view(), "text") {
		t.Fatal("restyling lost the text")
	}
}

func TestASCIIWidthAgreesWithANSI(t *testing.T) {
	samples := []string{"─│›…·●○◇»×↑↓█░é", "\u00ad", "e\u0301", "🙂", "한"}
	for r := rune(0xA0); r < 0x2600; r++ {
		samples = append(samples, string(r))
	}
	for _, s := range append(samples, "", "plain", "\x1b[1mbold\x1b[0m", "\x1b[38;2;1;2;3mx\x1b[m y", "wide 世界", "\x1b]8;;http://x\x07link", "\x1b[", "tab\there") {
		w, ok := asciiWidth(s)
		if ok && w != ansi.StringWidth(s) {
			t.Errorf("asciiWidth(%q) = %d, ansi says %d", s, w, ansi.StringWidth(s))
		}
	}
}

func TestPasteInNavigationGoesIntoTheAnswer(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(tea.PasteMsg{Content: "sq x\nzo"})
	if got := h.answer("who-they-serve"); got.Text != "sq x\nzo" || got.State != session.StateAnswered {
		t.Fatalf("after a paste in navigation the answer is %+v", got)
	}
	if h.r().mode != modeTyping {
		t.Fatal("a paste should leave the runner typing")
	}
	h.send(kEsc, kr('?'), tea.PasteMsg{Content: "!"})
	if got := h.answer("who-they-serve").Text; got != "sq x\nzo!" {
		t.Fatalf("a paste on the help screen gave %q", got)
	}
}

func TestFullHelpOpensAndCloses(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kr('?'))
	v := h.view()
	for _, want := range []string{"Keys", "shift+tab", "not applicable", "add question", "save & quit"} {
		if !strings.Contains(v, want) {
			t.Errorf("full help lacks %q", want)
		}
	}
	// Keys of other modes do nothing while help is open.
	h.send(kr('s'), kr('j'))
	if h.cursorID() != "who-they-serve" || h.answer("who-they-serve").State != session.StateOpen {
		t.Fatal("a key acted behind the help screen")
	}
	h.send(kEsc)
	if h.r().mode != modeNav {
		t.Fatal("esc did not close the help")
	}
	h.send(kr('?'), kr('?'))
	if h.r().mode != modeNav {
		t.Fatal("? did not close the help")
	}
}

// TestHelpBarIsTrue: bindings that would do nothing are not offered.
func TestHelpBarIsTrue(t *testing.T) {
	h := newHarness(t, nil, false, 200, 24)
	bar := func() string {
		lines := strings.Split(h.view(), "\n")
		return lines[len(lines)-1]
	}
	if b := bar(); strings.Contains(b, "previous") || strings.Contains(b, "reopen") || !strings.Contains(b, "park") {
		t.Fatalf("on the first, open prompt the bar offers: %s", b)
	}
	h.send(kr('z'))
	if b := bar(); !strings.Contains(b, "reopen") || strings.Contains(b, "park") {
		t.Fatalf("on a parked prompt the bar offers: %s", b)
	}
	h.send(kr('n'))
	if b := bar(); strings.Contains(b, "$EDITOR") {
		t.Fatalf("on a rating the bar offers $EDITOR: %s", b)
	}
	h.send(kEnter)
	if b := bar(); !strings.Contains(b, "score") || !strings.Contains(b, "navigate") {
		t.Fatalf("typing on a rating, the bar lacks the field's keys: %s", b)
	}
}

func TestFullHelpScrollsOnASmallScreen(t *testing.T) {
	h := newHarness(t, nil, false, 40, 12)
	h.send(kr('?'))
	if strings.Contains(h.view(), "add question") {
		t.Fatal("the whole help fits 40x12? the test needs a smaller screen")
	}
	for range 40 {
		h.send(kr('j'))
	}
	v := h.view()
	if !strings.Contains(v, "? ") || !strings.Contains(v, "help") || strings.Contains(v, "more (j)") {
		t.Fatalf("scrolled to the end, the last keys are not shown:\n%s", v)
	}
	for range 40 {
		h.send(kr('k'))
	}
	if !strings.Contains(h.view(), "tab       next prompt") {
		t.Fatalf("scrolled back, the first keys are not shown:\n%s", h.view())
	}
}

// A question too long for the index's line ends on "…" and keeps its
// required mark, instead of stopping mid-word at the edge.
func TestIndexCutsLongQuestionsWithAnEllipsis(t *testing.T) {
	h := newHarness(t, nil, false, 40, 20)
	h.send(kr('g'))
	var row string
	for _, l := range strings.Split(h.view(), "\n") {
		if strings.Contains(l, "Who do they serve") {
			row = strings.TrimRight(l, " ")
		}
	}
	if !strings.HasSuffix(row, "…") && !strings.HasSuffix(row, "… !") {
		t.Fatalf("the long question's row %q does not end on an ellipsis:\n%s", row, h.view())
	}
	if ansi.StringWidth(row) > 40 {
		t.Fatalf("the row %q is wider than the window", row)
	}
}
