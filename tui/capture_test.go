package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

var (
	kAlt3      = tea.KeyPressMsg{Code: '3', Mod: tea.ModAlt}
	kLeft      = tea.KeyPressMsg{Code: tea.KeyLeft}
	kBackspace = tea.KeyPressMsg{Code: tea.KeyBackspace}
)

// capture records one capture through the palette: ctrl+k, the letter,
// the text, then whatever keys follow (tab to other fields, enter).
func (h *harness) capture(letter rune, text string, then ...tea.Msg) {
	h.t.Helper()
	h.send(kCtrlK, kr(letter))
	h.typeText(text)
	h.send(then...)
}

// captures is what the session holds now.
func (h *harness) captures() []session.Capture { return h.r().sess.Captures }

func (h *harness) answerText(id string) string { return h.r().sess.AnswerFor(id).Text }

func TestCaptureViews(t *testing.T) {
	t.Run("palette", func(t *testing.T) {
		h := newHarness(t, nil, true, 80, 24)
		h.typeText("Logistics firms")
		h.send(kCtrlK)
		golden(t, "palette", h.view())
	})
	t.Run("quote", func(t *testing.T) {
		h := newHarness(t, nil, true, 80, 24)
		h.clock.advance(95 * time.Second)
		h.send(kCtrlK, kr('q'))
		h.typeText("We lose a day on every handover #handover")
		golden(t, "quote", h.view())
	})
	t.Run("pain", func(t *testing.T) {
		h := newHarness(t, nil, false, 80, 24)
		h.send(kCtrlK, kr('p'))
		h.typeText("Invoices are re-keyed by hand")
		h.send(kTab, kr('5'))
		golden(t, "pain", h.view())
	})
	t.Run("action", func(t *testing.T) {
		h := newHarness(t, nil, false, 80, 24)
		h.send(kCtrlK, kr('a'))
		h.typeText("Send the pilot plan")
		h.send(kTab)
		h.typeText("Dana")
		h.send(kTab)
		h.typeText("fri")
		golden(t, "action", h.view())
	})
	t.Run("risk", func(t *testing.T) {
		h := newHarness(t, nil, false, 80, 24)
		h.send(kCtrlK, kr('r'))
		h.typeText("Sponsor may leave in Q3")
		golden(t, "risk", h.view())
	})
	t.Run("discard", func(t *testing.T) {
		h := newHarness(t, nil, false, 80, 24)
		h.capture('n', "half a thought", kEsc)
		golden(t, "discard", h.view())
	})
}

func TestCtrlKNeverReachesTheAnswer(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	h.typeText("hello world")
	h.send(kLeft, kLeft, kLeft, kLeft, kLeft) // cursor before "world"
	h.send(kCtrlK)
	if got := h.answerText("who-they-serve"); got != "hello world" {
		t.Fatalf("ctrl+k changed the answer to %q", got)
	}
	if !strings.Contains(h.view(), "press a letter") {
		t.Fatalf("palette not shown:\n%s", h.view())
	}
	h.typeText("q")
	h.typeText("Time is money")
	h.send(kEnter)
	// Back where we were: same prompt, typing mode, same cursor.
	if h.r().mode != modeTyping || h.cursorID() != "who-they-serve" {
		t.Fatalf("mode %v on %q after saving", h.r().mode, h.cursorID())
	}
	h.typeText("big ")
	if got := h.answerText("who-they-serve"); got != "hello big world" {
		t.Fatalf("answer after the capture = %q, want the cursor where it was", got)
	}
	cs := h.captures()
	if len(cs) != 1 || cs[0].Kind != session.CaptureQuote || cs[0].Text != "Time is money" {
		t.Fatalf("captures = %+v", cs)
	}
}

func TestCaptureSaveStampsAndPersists(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kDown) // onto "drivers", same phase
	h.clock.advance(2 * time.Minute)
	h.capture('r', "Budget is #Tight", kTab, kAlt3, kTab)
	h.typeText("q3, ops #q3")
	h.send(kEnter)
	if h.r().mode != modeNav || h.cursorID() != "drivers" {
		t.Fatalf("after saving: mode %v on %q", h.r().mode, h.cursorID())
	}
	e := h.saver.last()
	if e.Capture == nil {
		t.Fatal("the capture was not handed to the saver")
	}
	c := *e.Capture
	want := session.Capture{ID: c.ID, Kind: session.CaptureRisk, Text: "Budget is #Tight",
		At: 90 * time.Second, Phase: "identify", Tags: []string{"tight", "q3", "ops"},
		Internal: true, Created: t0.Add(2 * time.Minute)}
	if c.ID == "" || !sameCapture(c, want) || c.At != want.At || c.Phase != want.Phase ||
		c.Kind != want.Kind || !c.Created.Equal(want.Created) {
		t.Fatalf("saved %+v\nwant  %+v", c, want)
	}
	if !strings.Contains(h.view(), "risk captured at 01:30") {
		t.Fatalf("no status line:\n%s", h.view())
	}
}

func TestCaptureBackdateNeverBelowZero(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.clock.advance(5 * time.Second)
	h.capture('n', "early", kAlt3, kEnter)
	if cs := h.captures(); len(cs) != 1 || cs[0].At != 0 {
		t.Fatalf("captures = %+v, want At 0", cs)
	}
	// Digits in the "said" field, and backspace.
	h.clock.advance(time.Minute)
	h.capture('n', "typed seconds", kTab, kr('4'), kr('5'), kr('7'), kBackspace, kEnter)
	if cs := h.captures(); len(cs) != 2 || cs[1].At != 65*time.Second-45*time.Second {
		t.Fatalf("captures = %+v, want At 20s", cs)
	}
}

func TestCapturePainAndAction(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.capture('p', "Re-keying invoices", kTab, kr('5'), kTab, kr('9'), kr('1'), kEnter)
	h.capture('a', "Send the plan", kTab)
	h.typeText("Dana")
	h.send(kTab)
	h.typeText("fri") // t0 is Saturday 14 March 2026
	h.send(kEnter)
	cs := h.captures()
	if len(cs) != 2 {
		t.Fatalf("captures = %+v", cs)
	}
	if p := cs[0]; p.Impact != 5 || p.Effort != 1 || p.Owner != "" {
		t.Errorf("pain = %+v, want impact 5 effort 1", p)
	}
	if a := cs[1]; a.Owner != "Dana" || a.Due != "2026-03-20" || a.Impact != 0 {
		t.Errorf("action = %+v, want Dana due 2026-03-20", a)
	}
}

func TestCaptureRefusesWhatItCannotStore(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	// An unreadable due date keeps the form open on that field.
	h.capture('a', "Call back", kTab, kTab)
	h.typeText("someday")
	h.send(kEnter)
	if len(h.captures()) != 0 || !strings.Contains(h.view(), "use YYYY-MM-DD") {
		t.Fatalf("saved a bad date, or did not say why:\n%s", h.view())
	}
	h.send(kBackspace, kBackspace, kBackspace, kBackspace, kBackspace, kBackspace, kBackspace)
	h.typeText("+3d")
	h.send(kEnter)
	if cs := h.captures(); len(cs) != 1 || cs[0].Due != "2026-03-17" {
		t.Fatalf("captures = %+v", cs)
	}
	// Empty text is not a capture.
	h.send(kCtrlK, kr('n'), kEnter)
	if len(h.captures()) != 1 || !strings.Contains(h.view(), "type the note first") {
		t.Fatalf("empty note:\n%s", h.view())
	}
}

func TestCaptureEscAsksBeforeDroppingText(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	h.typeText("answer")
	// Nothing typed: esc just closes, back in typing mode.
	h.send(kCtrlK, kr('n'), kEsc)
	if h.r().topOverlay() != nil || h.r().mode != modeTyping {
		t.Fatalf("esc on an empty form: overlay %T, mode %v", h.r().topOverlay(), h.r().mode)
	}
	// esc in the palette closes it too.
	h.send(kCtrlK, kEsc)
	if h.r().topOverlay() != nil {
		t.Fatal("esc did not close the palette")
	}
	h.capture('q', "precious words", kEsc)
	if !strings.Contains(h.view(), "Discard this quote? y/n") {
		t.Fatalf("esc with text did not ask:\n%s", h.view())
	}
	h.send(kr('n'))
	h.typeText("!")
	h.send(kEnter)
	if cs := h.captures(); len(cs) != 1 || cs[0].Text != "precious words!" {
		t.Fatalf("after n and enter: %+v", cs)
	}
	h.capture('q', "gone", kEsc, kr('y'))
	if len(h.captures()) != 1 || h.r().topOverlay() != nil {
		t.Fatalf("y did not discard: %+v", h.captures())
	}
	if got := h.answerText("who-they-serve"); got != "answer" {
		t.Fatalf("answer = %q", got)
	}
}

func TestCapturesPanel(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.capture('q', "We lose a day on every handover", kEnter)
	h.clock.advance(40 * time.Second)
	h.capture('p', "Invoices re-keyed #finance", kTab, kr('4'), kTab, kr('2'), kEnter)
	h.clock.advance(20 * time.Second)
	h.send(kDown)
	h.capture('a', "Send the pilot plan", kTab)
	h.typeText("Dana")
	h.send(kEnter)
	h.capture('r', "Sponsor may leave", kEnter)
	h.send(kr('c'))
	golden(t, "all", h.view())

	h.send(kr('p'))
	golden(t, "pains", h.view())
	h.send(kr('p')) // again: every kind

	// Delete the newest (the risk), undo it.
	h.send(kr('x'))
	if len(h.captures()) != 3 || h.saver.last().DeleteCapture == "" {
		t.Fatalf("delete: %+v", h.captures())
	}
	golden(t, "deleted", h.view())
	h.send(kr('u'))
	if len(h.captures()) != 4 || h.saver.last().Capture == nil {
		t.Fatalf("undo: %+v", h.captures())
	}
	// Undo is for a moment only.
	h.send(kr('x'))
	h.clock.advance(undoTTL + time.Second)
	h.send(kr('u'))
	if len(h.captures()) != 3 || !strings.Contains(h.view(), "nothing to undo") {
		t.Fatalf("late undo: %+v\n%s", h.captures(), h.view())
	}

	// Edit the action (now the newest): same form, same id, new owner.
	id := h.captures()[2].ID
	h.send(kr('e'))
	if !strings.Contains(h.view(), "Edit action") {
		t.Fatalf("edit form:\n%s", h.view())
	}
	h.send(kTab)
	h.typeText(" & Lee")
	h.send(kEnter)
	if c := h.captures()[2]; c.ID != id || c.Owner != "Dana & Lee" {
		t.Fatalf("edited capture = %+v", c)
	}
	if h.r().topOverlay() == nil || h.r().topOverlay().badge() != "CAPTURES" {
		t.Fatal("saving an edit did not return to the panel")
	}
	h.send(kEsc)
	if h.r().topOverlay() != nil || h.r().mode != modeNav {
		t.Fatal("esc did not return to the runner")
	}
}

func TestWrapUpFinishReopen(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kDown, kr('z')) // park "drivers"
	h.capture('a', "Send the pilot plan", kEnter)
	h.capture('f', "Who signs off the budget?", kEnter)
	h.capture('a', "Book the workshop", kTab)
	h.typeText("Dana")
	h.send(kTab)
	h.typeText("2026-04-01")
	h.send(kEnter)
	h.send(kShift('w', 'W'))
	golden(t, "checklist", h.view())

	// enter on a prompt item jumps there (the key takeaways come first).
	h.send(kDown, kEnter)
	if h.r().topOverlay() != nil || h.cursorID() != "drivers" {
		t.Fatalf("enter: overlay %v, cursor %q", h.r().topOverlay(), h.cursorID())
	}
	// enter on an action opens it for editing.
	h.send(kShift('w', 'W'), kDown, kDown, kDown)
	h.send(kEnter)
	if !strings.Contains(h.view(), "Edit action") {
		t.Fatalf("enter on an action:\n%s", h.view())
	}
	h.send(kEsc) // unchanged: closes without asking
	h.send(kShift('f', 'F'))
	if h.r().sess.Status != session.StatusFinished || h.saver.last().Header.Status != session.StatusFinished {
		t.Fatal("F did not finish and save the session")
	}
	golden(t, "finished", h.view())

	h.send(kShift('w', 'W'), kShift('r', 'R'))
	if h.r().sess.Status != session.StatusInProgress || h.saver.last().Index.Status != session.StatusInProgress {
		t.Fatal("R did not reopen the session")
	}
	if strings.Contains(strings.SplitN(h.view(), "\n", 2)[0], "finished") {
		t.Fatalf("header still says finished:\n%s", h.view())
	}
}

func TestCapturesPanelWhilePresenting(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.capture('q', "Said in the open", kEnter)
	h.capture('r', "Sponsor may leave", kEnter) // internal by default
	h.capture('n', "Facilitator's aside", kEnter)
	h.r().setPresent(true)
	h.send(kr('c'))
	v := h.view()
	if !strings.Contains(v, "Said in the open") || strings.Contains(v, "Sponsor") || strings.Contains(v, "aside") {
		t.Fatalf("present mode shows the facilitator's side:\n%s", v)
	}
}

func TestQuitKeepsACaptureHalfTyped(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	h.capture('a', "Call the sponsor", kTab, kTab)
	h.typeText("someday") // not a date: kept as typed, never dropped
	h.send(kCtrlC)
	cs := h.captures()
	if len(cs) != 1 || cs[0].Text != "Call the sponsor" || cs[0].Due != "someday" {
		t.Fatalf("after ctrl+c: %+v", cs)
	}
	if e := h.saver.edits; len(e) < 2 || e[len(e)-2].Capture == nil {
		t.Fatal("the draft was not handed to the saver before quitting")
	}
	// Run keeps drafts again on its way out (issue 18: the capture was
	// saved twice, with ids 5 ms apart): the kept draft is not a draft now.
	h.app.prepareQuit()
	n := 0
	for _, e := range h.saver.edits {
		if e.Capture != nil {
			n++
		}
	}
	if cs := h.captures(); len(cs) != 1 || n != 1 {
		t.Fatalf("quitting twice saved %d captures (%d in the session), want 1", n, len(cs))
	}
}

func TestCaptureViewsSmall(t *testing.T) {
	h := newHarness(t, nil, true, 40, 12)
	h.send(kCtrlK, kr('a'))
	h.typeText("A long action text that wraps over more than one row for sure")
	h.send(kShiftTab) // to the last field, internal
	golden(t, "action_internal_40x12", h.view())
	h.send(kEsc)
	golden(t, "discard_40x12", h.view())
	h.send(kr('n'), kEnter, kEsc, kr('c'))
	golden(t, "panel_40x12", h.view())
}

// TestCaptureFormKeepsFocusInView: on every window from the smallest the
// runner draws, the field with the cursor is on screen.
func TestCaptureFormKeepsFocusInView(t *testing.T) {
	for _, size := range [][2]int{{32, 10}, {40, 12}, {60, 14}, {80, 24}} {
		h := newHarness(t, nil, false, size[0], size[1])
		h.send(kCtrlK, kr('p'))
		h.typeText(strings.Repeat("long words ", 30))
		for range len(h.r().topOverlay().(*captureForm).fields) {
			if v := h.view(); !strings.Contains(v, "› ") {
				t.Fatalf("%dx%d: the focused field is off screen:\n%s", size[0], size[1], v)
			}
			h.send(kTab)
		}
	}
}

func TestPasteIntoThePaletteBecomesANote(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	h.send(kCtrlK, tea.PasteMsg{Content: "pasted\nfrom chat"})
	h.send(kEnter)
	cs := h.captures()
	if len(cs) != 1 || cs[0].Kind != session.CaptureNote || cs[0].Text != "pasted from chat" {
		t.Fatalf("captures = %+v", cs)
	}
	if got := h.answerText("who-they-serve"); got != "" {
		t.Fatalf("the paste reached the answer: %q", got)
	}
}

// While presenting, the capture form never shows the facilitator's
// internal switch: a capture keeps its kind's default (a risk internal, a
// quote not), no key turns it internal, and an internal one stays off
// screen once saved.
func TestCaptureFormWhilePresenting(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	follow(t, h, h.send(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}), presentToggledMsg{})
	h.send(kCtrlK, kr('r'))
	h.typeText("Sponsor may leave")
	if v := h.view(); strings.Contains(v, "Internal") || strings.Contains(v, "facilitator only") ||
		strings.Contains(v, "space toggles") {
		t.Fatalf("the risk form shows the internal switch while presenting:\n%s", v)
	}
	h.send(kEnter)
	if v := h.view(); strings.Contains(v, "Sponsor") {
		t.Fatalf("the internal risk shows while presenting:\n%s", v)
	}
	// A quote: tab through every field, pressing space on each; it stays
	// in the client's summary.
	h.send(kCtrlK, kr('q'))
	h.typeText("Said in the open")
	for range 6 {
		h.send(kTab, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	}
	h.send(kEnter)
	cs := h.captures()
	if len(cs) != 2 || cs[0].Kind != session.CaptureRisk || !cs[0].Internal ||
		cs[1].Kind != session.CaptureQuote || cs[1].Internal {
		t.Fatalf("captures made while presenting: %+v", cs)
	}
}

// TestQuoteSpeaker: a quote's form offers the session's contacts as its
// speaker, the first by default; alt+s cycles through them and nobody; a
// name typed by hand is kept; editing shows the speaker it was saved with.
func TestQuoteSpeaker(t *testing.T) {
	c := newClock()
	sess := newTestSession(c)
	sess.UpdateHeader(func(h *session.Header) {
		h.Contacts = []session.Contact{{Name: "Dana Smith", Role: "COO"}, {Name: "Lee Chen", Role: "Head of Operations"}}
	}, c.Now())
	h := newHarness(t, sess, true, 80, 24)
	altS := tea.KeyPressMsg{Code: 's', Mod: tea.ModAlt}
	speaker := func() string {
		for _, line := range strings.Split(h.view(), "\n") {
			if i := strings.Index(line, "Speaker  "); i >= 0 {
				return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line[i+len("Speaker  "):]), "│"))
			}
		}
		t.Fatalf("no speaker row:\n%s", h.view())
		return ""
	}
	h.send(kCtrlK, kr('q'))
	h.typeText("We hear about problems last")
	golden(t, "quote-speaker", h.view())
	for _, want := range []string{"Dana Smith, COO", "Lee Chen, Head of Operations", "who said it", "Dana Smith, COO"} {
		if got := speaker(); !strings.HasPrefix(got, want) {
			t.Fatalf("speaker row %q, want %q", got, want)
		}
		h.send(altS)
	}
	h.send(kEnter)
	if got := h.captures()[0].Speaker; got != "Lee Chen, Head of Operations" {
		t.Errorf("saved speaker %q, want Lee Chen's", got)
	}

	// Typed by hand: anyone the facilitator names.
	h.send(kCtrlK, kr('q'))
	h.typeText("Nobody owns the handover")
	h.send(kTab, tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	h.typeText("Maria Lopez, CFO")
	h.send(kEnter)
	if got := h.captures()[1].Speaker; got != "Maria Lopez, CFO" {
		t.Errorf("saved speaker %q, want the typed one", got)
	}

	// Other kinds have no speaker.
	h.send(kCtrlK, kr('d'))
	if strings.Contains(h.view(), "Speaker") {
		t.Errorf("a decision's form asks for a speaker:\n%s", h.view())
	}
}

// TestWrapUpTakeaways: on a playbook without a takeaways prompt the
// wrap-up asks for the key takeaways: enter opens a form, every line is
// saved as it is typed, esc closes it, and the checklist and the client's
// copy open with them.
func TestWrapUpTakeaways(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kShift('w', 'W'))
	if v := h.view(); !strings.Contains(v, "Key takeaways (0)") || !strings.Contains(v, "none yet: enter writes them") {
		t.Fatalf("the wrap-up should ask for the key takeaways:\n%s", v)
	}
	h.send(kEnter)
	if b := h.r().topOverlay(); b == nil || b.badge() != "TAKEAWAYS" {
		t.Fatalf("enter did not open the takeaways form:\n%s", h.view())
	}
	h.typeText("Fix onboarding first")
	h.send(kEnter)
	h.typeText("One weekly report")
	golden(t, "form", h.view())
	if got := h.saver.last().Header.Takeaways; !slices.Equal(got, []string{"Fix onboarding first", "One weekly report"}) {
		t.Fatalf("saved takeaways %q before the form closed", got)
	}
	h.send(kEsc)
	if b := h.r().topOverlay(); b == nil || b.badge() != "WRAP-UP" {
		t.Fatalf("esc should return to the wrap-up")
	}
	if v := h.view(); !strings.Contains(v, "Key takeaways (2)") || !strings.Contains(v, "One weekly report") {
		t.Fatalf("the wrap-up should list the takeaways:\n%s", v)
	}
	md := string(session.Markdown(h.r().sess, session.AudienceClient))
	if !strings.Contains(md, "## Key takeaways\n\n- Fix onboarding first\n- One weekly report\n") {
		t.Errorf("the client's copy should open with them:\n%s", md)
	}
}

// TestWrapUpTakeawaysPrompt: on a playbook with a read-back prompt (the
// Listen session), enter on the wrap-up's key takeaways lands typing on
// that prompt, so the first takeaway typed is text, not navigation keys.
func TestWrapUpTakeawaysPrompt(t *testing.T) {
	c := newClock()
	h := newHarness(t, listenSession(t, c), false, 80, 24)
	h.send(kEsc, kShift('w', 'W'))
	if v := h.view(); !strings.Contains(v, "none yet: enter goes to What will you take away from today?") {
		t.Fatalf("the wrap-up should offer the read-back prompt:\n%s", v)
	}
	h.send(kEnter)
	if h.r().topOverlay() != nil || h.cursorID() != "takeaways" || h.r().mode != modeTyping {
		t.Fatalf("enter: overlay %v, cursor %q, mode %v; want typing on the read-back", h.r().topOverlay(), h.cursorID(), h.r().mode)
	}
	h.typeText("Night re-planning first")
	h.send(kEsc, kShift('w', 'W'))
	if v := h.view(); !strings.Contains(v, "Key takeaways (1)") || !strings.Contains(v, "Night re-planning first") {
		t.Fatalf("the wrap-up should list the takeaway typed:\n%s", v)
	}
}
