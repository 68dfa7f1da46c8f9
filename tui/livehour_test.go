package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// builtinSession is a new session on a built-in playbook.
func builtinSession(t *testing.T, id string) *session.Session {
	t.Helper()
	pb, err := playbooks.ParseFS(playbooks.Builtins(), id+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	return session.New("01HSESSION0000000000000LIV", t0, "Acme Corp", *pb)
}

// TestIndexRanksQuestionsFirst: a filter matching a question ranks it
// above prompts that match only by their phase's title.
func TestIndexRanksQuestionsFirst(t *testing.T) {
	tests := []struct {
		filter string
		want   string // the prompt enter jumps to
	}{
		// The phase is "Partner principles"; its first prompt does not
		// say "principles", the third does.
		{"principles", "agreed-principles"},
		// Only a phase title holds it: its first prompt, in asking order.
		{"partner", "team-that-worked"},
		// By the prompt's id when the question does not hold it.
		{"past-frust", "past-frustration"},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			h := newHarness(t, builtinSession(t, "customer-discovery-cobuild"), false, 80, 24)
			h.send(kr('g'))
			h.typeText(tt.filter)
			h.send(kEnter)
			if h.cursorID() != tt.want || h.r().mode != modeTyping {
				t.Errorf("%q then enter: on %q in mode %v, want %q, typing", tt.filter, h.cursorID(), h.r().mode, tt.want)
			}
		})
	}
}

// TestEscThenLetter: esc and a letter typed fast arrive as one alt+letter;
// in typing mode it is read as esc, then the letter, and nothing is typed.
func TestEscThenLetter(t *testing.T) {
	tests := []struct {
		name  string
		key   tea.KeyPressMsg
		check func(h *harness, cmd tea.Cmd) string // "" when right
	}{
		{"alt+g opens the index", tea.KeyPressMsg{Code: 'g', Mod: tea.ModAlt}, func(h *harness, cmd tea.Cmd) string {
			if h.r().mode != modeJump {
				return "the index is not open"
			}
			return ""
		}},
		{"alt+j moves down in navigation", tea.KeyPressMsg{Code: 'j', Mod: tea.ModAlt}, func(h *harness, cmd tea.Cmd) string {
			if h.r().mode != modeNav || h.cursorID() != "drivers" {
				return "not on the next prompt in navigation: " + h.cursorID()
			}
			return ""
		}},
		{"alt+shift+s (esc S) opens the summary", tea.KeyPressMsg{Code: 's', ShiftedCode: 'S', Mod: tea.ModAlt | tea.ModShift}, func(h *harness, cmd tea.Cmd) string {
			if cmd == nil {
				return "no command"
			}
			if _, ok := cmd().(showSummaryMsg); !ok {
				return "no summary asked for"
			}
			return ""
		}},
		{"alt+left is still a word move, not esc", tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModAlt}, func(h *harness, cmd tea.Cmd) string {
			if h.r().mode != modeTyping {
				return "left typing mode"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil, true, 80, 24)
			h.typeText("Logistics firms")
			cmd := h.send(tt.key)
			if why := tt.check(h, cmd); why != "" {
				t.Error(why)
			}
			if got := h.answer("who-they-serve").Text; got != "Logistics firms" {
				t.Errorf("the answer became %q: the key was typed", got)
			}
		})
	}
	// Already in navigation, esc and a letter typed fast act as the letter.
	h := newHarness(t, nil, false, 80, 24)
	h.send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModAlt})
	if h.cursorID() != "drivers" {
		t.Errorf("alt+j in navigation: on %q, want the next prompt", h.cursorID())
	}
}

// TestNoticeClearsOnTheNextAction: the status line's message is about the
// key that set it; the next key ends it (a stale "marked not applicable"
// stayed after answering).
func TestNoticeClearsOnTheNextAction(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kr('x'))
	if !strings.Contains(h.view(), "marked not applicable") {
		t.Fatal("x says nothing")
	}
	h.send(kr('o'), kEnter)
	h.typeText("Ops")
	if v := h.view(); strings.Contains(v, "marked not applicable") || strings.Contains(v, "reopened") {
		t.Errorf("an old notice is still on screen after answering:\n%s", v)
	}
	// A key that says something shows its own line.
	h.send(kEsc, tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl})
	if !strings.Contains(h.view(), "no jump to go back from yet") {
		t.Errorf("ctrl+o before any jump does not say why:\n%s", h.view())
	}
}

// TestFinishedIsReadOnly: a finished session opens read-only in
// navigation mode with a banner naming the key that reopens it (even when
// asked to open typing); what would change its answers or captures says
// so and changes nothing; W then R reopens it and typing works again.
func TestFinishedIsReadOnly(t *testing.T) {
	c := newClock()
	sess := newTestSession(c)
	sess.PutCapture(session.Capture{ID: "p1", Kind: session.CapturePain, Text: "Slow intake", Impact: 3, Effort: 2}, t0)
	sess.Finish(t0)
	h := newHarness(t, sess, true, 80, 24)
	if h.r().mode != modeNav {
		t.Fatalf("a finished session opened in mode %v, want navigation", h.r().mode)
	}
	v := h.view()
	for _, want := range []string{finishedBanner, "READ-ONLY"} {
		if !strings.Contains(v, want) {
			t.Errorf("the runner lacks %q:\n%s", want, v)
		}
	}
	golden(t, "finished", v)
	// Its clocks stand still while it is only viewed.
	h.clock.advance(10 * time.Minute)
	h.send(tickMsg{gen: h.r().tickGen, at: h.clock.Now()})
	if h.r().sess.Elapsed != 0 || len(h.r().sess.PhaseTime) != 0 {
		t.Errorf("viewing a finished session ran its clocks: %v, %v", h.r().sess.Elapsed, h.r().sess.PhaseTime)
	}
	for _, k := range []tea.KeyPressMsg{kEnter, kr('s'), kr('x'), kr('z'), kr('+'), kCtrlK, kCtrlE} {
		h.send(k)
		if h.r().mode != modeNav || h.r().topOverlay() != nil {
			t.Fatalf("%s on a finished session: mode %v, overlay %v", k, h.r().mode, h.r().topOverlay())
		}
		if !strings.Contains(h.view(), readOnlyNote) {
			t.Errorf("%s on a finished session does not say why:\n%s", k, h.view())
		}
	}
	h.send(tea.PasteMsg{Content: "pasted"})
	if h.r().mode != modeNav || h.answer(h.cursorID()).Text != "" {
		t.Errorf("a paste changed a finished session: mode %v, answer %q", h.r().mode, h.answer(h.cursorID()).Text)
	}
	// The index still moves around it, landing in navigation.
	h.send(kr('g'), kEnter)
	if h.r().mode != modeNav {
		t.Errorf("a jump in a finished session landed in mode %v", h.r().mode)
	}
	for _, e := range h.saver.edits {
		if e.Answer != nil || e.Capture != nil || e.DeleteCapture != "" {
			t.Errorf("reading a finished session saved %+v", e)
		}
	}
	// The pains ranking and the roadmap board are read-only too.
	follow(t, h, h.send(kShift('r', 'R')), showPainsMsg{})
	h.send(kr('i'))
	if c := h.r().sess.Captures[0]; c.Impact != 3 || !strings.Contains(h.view(), readOnlyNote) {
		t.Errorf("i in the pains of a finished session: impact %d\n%s", c.Impact, h.view())
	}
	follow(t, h, h.send(kr('b')), showRoadmapMsg{})
	h.send(kr('n'))
	if len(h.r().sess.Roadmap) != 0 || !strings.Contains(h.view(), readOnlyNote) {
		t.Errorf("n on the board of a finished session:\n%s", h.view())
	}
	for i := 0; i < 3 && h.app.screen != screenRunner; i++ {
		follow(t, h, h.send(kEsc), backMsg{})
	}
	if h.app.screen != screenRunner {
		t.Fatalf("esc esc went to %v", h.app.screen)
	}
	h.send(kShift('w', 'W'), kShift('r', 'R'))
	if h.r().sess.Status != session.StatusInProgress || strings.Contains(h.view(), finishedBanner) {
		t.Fatalf("W then R did not reopen it:\n%s", h.view())
	}
	h.send(kEnter)
	if h.r().mode != modeTyping {
		t.Errorf("enter after reopening: mode %v, want typing", h.r().mode)
	}
}

// TestEmptyAnswerShowsWhereToType: before the first letter, the answer
// field shows a dim hint with the cursor on it, so the line to type on is
// visible in any terminal; the first letter replaces it.
func TestEmptyAnswerShowsWhereToType(t *testing.T) {
	h := newHarness(t, nil, true, 80, 24)
	if v := h.view(); !strings.Contains(v, "their answer, in their words") {
		t.Fatalf("an empty answer shows nothing where to type:\n%s", v)
	}
	h.typeText("Y")
	if v := h.view(); strings.Contains(v, "their answer, in their words") || !strings.Contains(v, "\nY") {
		t.Errorf("after the first letter:\n%s", v)
	}
}

// TestJourneyFilledFast: four stages of a journey filled live: enter
// skips an empty field, ctrl+n starts the next stage from any field, and
// the pains typed in a stage are in the pains ranking at once.
func TestJourneyFilledFast(t *testing.T) {
	h := newHarness(t, builtinSession(t, "customer-discovery"), false, 100, 30)
	h.send(kr('g'))
	h.typeText("journey")
	h.send(kEnter)
	if h.cursorID() != "current-journey" || h.r().mode != modeTyping {
		t.Fatalf("the index went to %q in mode %v", h.cursorID(), h.r().mode)
	}
	ctrlN := tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
	stages := []struct{ name, pains string }{
		{"Ask", "Nobody answers"}, {"Wait", "No status"}, {"Get", "Wrong size"}, {"Use", "Manual steps"},
	}
	keys := 0 // keys other than the text itself
	for i, st := range stages {
		if i > 0 {
			h.send(ctrlN)
			keys++
		}
		h.typeText(st.name)
		// Name -> Doing -> Touchpoints -> Feeling -> Pains: one enter each,
		// the empty ones skipped.
		h.send(kEnter, kEnter, kEnter, kEnter)
		keys += 4
		h.typeText(st.pains)
	}
	got := h.answer("current-journey").Stages
	if len(got) != 4 {
		t.Fatalf("%d stages, want 4: %+v", len(got), got)
	}
	for i, st := range stages {
		if got[i].Name != st.name || got[i].Pains != st.pains || got[i].Doing != "" {
			t.Errorf("stage %d: %+v, want %s with pains %q", i+1, got[i], st.name, st.pains)
		}
	}
	if keys > 5*len(stages) {
		t.Errorf("%d keys besides the text for %d stages", keys, len(stages))
	}
	// In the captures they are pains not scored yet (not "impact 0").
	h.send(kEsc, kr('c'))
	if v := h.view(); !strings.Contains(v, "not scored yet") || strings.Contains(v, "impact 0") {
		t.Errorf("the captures panel shows the journey's pains as:\n%s", v)
	}
	h.send(kEsc)
	follow(t, h, h.send(kShift('r', 'R')), showPainsMsg{})
	v := h.view()
	for _, st := range stages {
		if !strings.Contains(v, st.pains) {
			t.Errorf("the pains ranking lacks %q:\n%s", st.pains, v)
		}
	}
}

// TestNoteIsInternalByDefault: the note form says a note is for the
// facilitator only, as every note starts; a note marked not internal is
// in the client's copy, an internal one only in the internal copy.
func TestNoteIsInternalByDefault(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.send(kCtrlK, kr('n'))
	if v := h.view(); !strings.Contains(v, "yes: facilitator only, as every note starts") {
		t.Fatalf("the note form does not say notes are internal:\n%s", v)
	}
	h.typeText("Between us: budget is frozen")
	h.send(kEnter)
	// Note fields: text, said-ago, tags, internal.
	h.send(kCtrlK, kr('n'))
	h.typeText("The planners call it the board")
	h.send(kTab, kTab, kTab, kSpace)
	if v := h.view(); !strings.Contains(v, "no: in the client's copy") {
		t.Fatalf("space on Internal did not make the note the client's:\n%s", v)
	}
	h.send(kEnter)
	cs := h.captures()
	if len(cs) != 2 || !cs[0].Internal || cs[1].Internal {
		t.Fatalf("captures %+v, want the first note internal, the second not", cs)
	}
	client := string(session.Markdown(h.r().sess, session.AudienceClient))
	if !strings.Contains(client, "The planners call it the board") || strings.Contains(client, "budget is frozen") {
		t.Errorf("the client copy:\n%s", client)
	}
	internal := string(session.Markdown(h.r().sess, session.AudienceInternal))
	if !strings.Contains(internal, "budget is frozen") {
		t.Errorf("the internal copy lacks the internal note:\n%s", internal)
	}
}
