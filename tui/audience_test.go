package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// The facilitator's side of a prompt (help, probes, what to listen for,
// flags, core prompts and their time) on the screens, and none of it on a
// shared screen; a team session's summary; our score beside the client's.
// Drawn with the built-in playbooks, as a facilitator meets them.

func builtinPlaybook(t testing.TB, id string) playbooks.Playbook {
	t.Helper()
	p, err := playbooks.ParseFS(playbooks.Builtins(), id+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	return *p
}

// listenSession is a Listen session (customer-discovery) on its first
// prompt, which has help, probes and what to listen for.
func listenSession(t testing.TB, c *clock) *session.Session {
	return session.New("01HSESSION00000000000000L1", c.Now(), "Acme Corp", builtinPlaybook(t, "customer-discovery"))
}

// facilitatorOnly is text of the Listen session's first prompt that only
// the facilitator may see.
var facilitatorOnly = []string{"Your opening, said as written", "Listen for", "A clear yes", "Probes",
	"keep off the record", "Tips", "core", "no-blame", "Goal:", "required"}

func TestFacilitatorSideGolden(t *testing.T) {
	c := newClock()
	h := newHarness(t, listenSession(t, c), true, 80, 24)
	h.typeText("Yes, notes are fine")
	got := h.view()
	golden(t, "listen_typing_80x24", got)
	for _, want := range []string{"Your opening", "Listen for: A clear yes", "Probes: Is there anything to keep off the record?", "core 3m", "core"} {
		if !strings.Contains(got, want) {
			t.Errorf("the runner lacks %q beside the prompt:\n%s", want, got)
		}
	}

	togglePresenting(h)
	got = h.view()
	golden(t, "listen_presenting_80x24", got)
	for _, hidden := range facilitatorOnly {
		if strings.Contains(got, hidden) {
			t.Errorf("present mode shows %q on the shared screen:\n%s", hidden, got)
		}
	}
	if !strings.Contains(got, "May I take notes as we talk?") || !strings.Contains(got, "Yes, notes are fine") {
		t.Errorf("present mode lost the question or the answer:\n%s", got)
	}

	// Wide: what to listen for, the probes and the tips beside the prompt.
	h = newHarness(t, listenSession(t, c), true, 110, 30)
	got = h.view()
	golden(t, "listen_side_110x30", got)
	for _, want := range []string{"Listen for", "Probes", "? Is there anything to keep off the", "? Who else should see the notes?", "Tips"} {
		if !strings.Contains(got, want) {
			t.Errorf("the side panel lacks %q:\n%s", want, got)
		}
	}

	// The index says how much of the session the core prompts need.
	h = newHarness(t, listenSession(t, c), false, 80, 24)
	h.send(kr('g'))
	got = h.view()
	golden(t, "index_80x24", got)
	if !strings.Contains(got, "◆ core prompts: about") || !strings.Contains(got, "of the 60 min planned") || !strings.Contains(got, "◆") {
		t.Errorf("the index does not show the core prompts' time:\n%s", got)
	}
	h.send(kEsc)
	togglePresenting(h)
	h.send(kr('g'))
	if got = h.view(); strings.Contains(got, "◆") || strings.Contains(got, "core prompts") || strings.Contains(got, " !") {
		t.Errorf("the index shows the facilitator's plan while presenting:\n%s", got)
	}
}

// TestFlagsStayOffTheSharedScreen: a flag shows under the answer for the
// facilitator, never while presenting; a compound flag only when its
// second condition holds.
func TestFlagsStayOffTheSharedScreen(t *testing.T) {
	c := newClock()
	s := listenSession(t, c)
	one := 1.0
	s.PutAnswer(session.Answer{PromptID: "recent-projects-delivered", Number: &one}, c.Now())
	s.Cursor = "recent-projects-delivered"
	h := newHarness(t, s, false, 80, 24)
	const say = "Few recent projects delivered"
	if !strings.Contains(h.view(), say) {
		t.Fatalf("the flag does not show to the facilitator:\n%s", h.view())
	}
	togglePresenting(h)
	if v := h.view(); strings.Contains(v, say) || strings.Contains(v, "⚑") {
		t.Errorf("present mode shows the flag:\n%s", v)
	}
	togglePresenting(h)
	if !strings.Contains(h.view(), say) {
		t.Errorf("the flag did not come back after presenting:\n%s", h.view())
	}

	// The disagreement test of the health check: the share alone does not
	// flag; with nothing given in return for the extra work, it does.
	hs := session.New("01HSESSION00000000000000H1", c.Now(), "Acme Corp", builtinPlaybook(t, "partnership-health"))
	hs.PutAnswer(session.Answer{PromptID: "customer-first-wish", Choices: []string{"About eight in ten or more"}}, c.Now())
	hs.Cursor = "customer-first-wish"
	h = newHarness(t, hs, false, 80, 24)
	const little = "Little partnership in practice"
	if strings.Contains(h.view(), little) {
		t.Errorf("the disagreement flag shows before its second condition holds:\n%s", h.view())
	}
	hs.PutAnswer(session.Answer{PromptID: "given-in-return", Choices: []string{"Nothing"}}, c.Now())
	h.send(kDown, kUp)
	if !strings.Contains(h.view(), little) {
		t.Errorf("the disagreement flag does not show once nothing came in return:\n%s", h.view())
	}
}

// TestTeamSessionPresentsOnlyWhatItMarksShown: a team session in present
// mode walks only the prompts marked internal: false.
func TestTeamSessionPresentsOnlyWhatItMarksShown(t *testing.T) {
	c := newClock()
	hs := session.New("01HSESSION00000000000000H2", c.Now(), "Acme Corp", builtinPlaybook(t, "partnership-health"))
	h := newHarness(t, hs, false, 80, 24)
	togglePresenting(h)
	v := h.view()
	if !strings.Contains(v, "Which changes are we committing to?") || !strings.Contains(v, "Prompt 1 of 1") {
		t.Errorf("present mode of a team session should show its one shown prompt:\n%s", v)
	}
	if strings.Contains(v, "One change per line") || strings.Contains(v, "What will the customer notice?") {
		t.Errorf("present mode shows the team's help or probes:\n%s", v)
	}
}

// TestTeamSessionSummary: the summary of a team session offers only the
// internal copy; presenting it shows why there is nothing to show.
func TestTeamSessionSummary(t *testing.T) {
	c := newClock()
	hs := session.New("01HSESSION00000000000000H3", c.Now(), "Acme Corp", builtinPlaybook(t, "partnership-health"))
	hs.PutAnswer(session.Answer{PromptID: "relationship", Text: "SECRET: three years, two sponsors"}, c.Now())
	h := newSumHarness(t, hs, 80, 24, nil)
	got := h.view()
	golden(t, "team_80x24", got)
	if !strings.Contains(got, "internal copy (team session)") || !strings.Contains(h.s.md, "SECRET") {
		t.Errorf("a team session's summary does not open on its internal copy:\n%s", got)
	}
	if strings.Contains(got, "client copy") {
		t.Errorf("a team session's summary offers a client copy:\n%s", got)
	}
	h.key(kr('a'))
	if got := h.view(); !strings.Contains(got, "internal copy (team session)") || !strings.Contains(got, "no client copy") {
		t.Errorf("a switches a team session to a client copy:\n%s", got)
	}
	h.key(kr('e'))
	for name, data := range h.exported {
		if !strings.HasSuffix(name, "-internal.md") || !strings.Contains(data, "SECRET") {
			t.Errorf("exported %s, want the internal copy", name)
		}
	}
	h.run(h.s.setPresent(true))
	got = h.view()
	golden(t, "team_presenting_80x24", got)
	if strings.Contains(h.s.md, "SECRET") || !strings.Contains(got, "no client copy") {
		t.Errorf("presenting a team session's summary shows its notes or no reason:\n%s", got)
	}
}

// pairedSessions are a client pulse and a health check of one client, and
// a four-pillars review: every measure of the pulse rated by both sides.
func pairedSessions(t testing.TB) (pulse, health, pillars *session.Session) {
	pulse = session.New("01HSESSION00000000000000P1", t0.AddDate(0, 0, 2), "Acme Corp", builtinPlaybook(t, "client-pulse"))
	health = session.New("01HSESSION00000000000000P2", t0, "Acme Corp", builtinPlaybook(t, "partnership-health"))
	pillars = session.New("01HSESSION00000000000000P3", t0.AddDate(0, 0, 1), "Acme Corp", builtinPlaybook(t, "four-pillars"))
	ours := map[string]int{"involved-in-strategy": 4, "partnership-role": 3, "joint-problem-solving": 4,
		"communication": 4, "leadership": 3, "consistency": 4, "transparency": 5}
	theirs := map[string]int{"involved-in-strategy": 2, "partnership-role": 3, "joint-problem-solving": 4,
		"communication": 3, "leadership": 3, "consistency": 4, "transparency": 2}
	for _, s := range []*session.Session{pulse, health, pillars} {
		for _, st := range s.Steps() {
			if m := st.Prompt.Measures; m != "" {
				r := ours[m]
				if s == pulse {
					r = theirs[m]
				}
				s.PutAnswer(session.Answer{PromptID: st.Prompt.ID, Rating: r, Evidence: "example for " + m}, t0)
			}
		}
	}
	return pulse, health, pillars
}

// TestOurScoreBesideTheirs: the scorecards screen of a health check and
// the client's timeline set our scores beside the client's latest pulse,
// the wide gaps called out; never while presenting.
func TestOurScoreBesideTheirs(t *testing.T) {
	pulse, health, pillars := pairedSessions(t)
	lib := newSynthLib(pulse, health, pillars)
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true}, Start{Session: health})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})

	h.send(kEsc)
	move := h.send(kr('H'))()
	cmds := h.send(move)
	h.send(runAll(cmds)...)
	if h.app.screen != screenSynthesis {
		t.Fatalf("screen %v, want the scorecards", h.app.screen)
	}
	got := h.view()
	golden(t, "scorecards_80x24", got)
	for _, want := range []string{"Our score and theirs", "██░░░ 2  ████░ 4   +2  When did you last bring us in",
		"⚑ 1 measure has a gap of 2 or more"} {
		if !strings.Contains(got, want) {
			t.Errorf("the scorecards lack %q:\n%s", want, got)
		}
	}
	present := tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}
	h.send(runAll(h.send(present))...)
	if got := h.view(); strings.Contains(got, "Our score and theirs") || !strings.Contains(got, "PRESENTING") {
		t.Errorf("present mode shows our scores beside theirs:\n%s", got)
	}
	h.send(runAll(h.send(present))...)

	// The timeline: the latest of each side, measure by measure.
	h.send(runAll(h.send(kEsc))...)
	if h.app.screen != screenRunner {
		t.Fatalf("esc on the scorecards went to %v, want the runner", h.app.screen)
	}
	move = h.send(kr('T'))()
	load := h.send(move)
	h.send(load())
	h.send(tea.KeyPressMsg{Code: tea.KeyEnd})
	got = h.view()
	golden(t, "timeline_80x24", got)
	for _, want := range []string{"Our score and theirs", "+3  When did we last tell you bad news", "2 measures have a gap of 2 or more"} {
		if !strings.Contains(got, want) {
			t.Errorf("the timeline lacks %q:\n%s", want, got)
		}
	}
}

// runAll runs the commands a message produced (a batch too) and returns
// the messages they gave.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runAll(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// togglePresenting presses ctrl+p and runs what it asks for, as the
// program would.
func togglePresenting(h *harness) {
	h.send(runAll(h.send(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}))...)
}

// TestPresentingATeamSessionWithNothingShown: a team playbook that marks
// no prompt as shown presents nothing, and says why.
func TestPresentingATeamSessionWithNothingShown(t *testing.T) {
	c := newClock()
	pb := testPlaybook()
	pb.Audience = playbooks.AudienceTeam
	for i := range pb.Phases {
		for j := range pb.Phases[i].Prompts {
			pb.Phases[i].Prompts[j].Internal = true
		}
	}
	h := newHarness(t, session.New("01HSESSION00000000000000H4", c.Now(), "Acme Corp", pb), false, 80, 24)
	togglePresenting(h)
	v := h.view()
	if !strings.Contains(v, "Nothing to show while presenting") || strings.Contains(v, "Who do they serve") {
		t.Errorf("presenting an all-internal team session:\n%s", v)
	}
}
