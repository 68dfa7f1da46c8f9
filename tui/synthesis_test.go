package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/playbooks"
	"rapport/session"
)

// healthPlaybook is a partnership health check in small: a scorecard of
// three ratings, the disagreement ratio flagged at 80% or more, a journey
// and a trust ledger.
func healthPlaybook(t testing.TB) playbooks.Playbook {
	ge80, err := playbooks.ParseComparison(">= 80")
	if err != nil {
		t.Fatal(err)
	}
	return playbooks.Playbook{
		ID: "partnership-health", Title: "Partnership health check", Version: 1,
		Phases: []playbooks.Phase{
			{ID: "litmus", Title: "Litmus tests", Prompts: []playbooks.Prompt{
				{ID: "strategy", Kind: playbooks.KindRating, Scorecard: "Partnership", Evidence: true, Question: "Are we involved in their strategy?"},
				{ID: "partner", Kind: playbooks.KindRating, Scorecard: "Partnership", Evidence: true, Question: "Partner or order taker?"},
				{ID: "pace", Kind: playbooks.KindRating, Scorecard: "Sustainability", Question: "Is the pace sustainable?"},
				{ID: "gut", Kind: playbooks.KindRating, Scorecard: "Partnership", Internal: true, Question: "Your gut feel about the sponsor"},
			}},
			{ID: "disagreement", Title: "The disagreement test", Prompts: []playbooks.Prompt{
				{ID: "ratio", Kind: playbooks.KindPercent, Question: "Disagreements that ended as the customer first wanted",
					Flag: &playbooks.Flag{When: ge80, Say: "Little partnership: decisions follow control, not shared judgement."}},
			}},
			{ID: "journey", Title: "Journey", Prompts: []playbooks.Prompt{
				{ID: "stages", Kind: playbooks.KindJourney, Question: "How do they get value from us?"},
			}},
			{ID: "trust", Title: "Trust", Prompts: []playbooks.Prompt{
				{ID: "ledger", Kind: playbooks.KindLedger, Question: "Deposits and withdrawals"},
			}},
		},
	}
}

// healthSession is a session of healthPlaybook with the ratings given, the
// ratio and, when full, a journey, a ledger and open items.
func healthSession(t testing.TB, id string, created time.Time, strategy, partner int, ratio float64, full bool) *session.Session {
	s := session.New(id, created, "Acme Corp", healthPlaybook(t))
	s.PutAnswer(session.Answer{PromptID: "strategy", Rating: strategy, Evidence: "Brought in after the budget was set"}, created)
	s.PutAnswer(session.Answer{PromptID: "partner", Rating: partner, Evidence: "Asked for estimates, not advice"}, created)
	s.PutAnswer(session.Answer{PromptID: "ratio", Number: &ratio}, created)
	if !full {
		return s
	}
	s.PutAnswer(session.Answer{PromptID: "gut", Rating: 1}, created)
	s.PutAnswer(session.Answer{PromptID: "stages", Stages: []session.JourneyStage{
		{Name: "Discover", Doing: "Reads a case study", Touchpoints: "Website", Feeling: 1, Pains: "Jargon everywhere", Opportunities: "A plain-language page"},
		{Name: "Onboard", Doing: "Waits for API keys and a contract", Touchpoints: "Portal, email, legal", Feeling: -2, Pains: "Three weeks of waiting for keys", Opportunities: "Self-service keys"},
		{Name: "Run", Doing: "Monitors payments", Touchpoints: "Dashboard", Feeling: 0, Pains: "Alerts at night", Opportunities: "Route alerts by service"},
		{Name: "Renew", Doing: "Reviews the contract", Touchpoints: "Account manager", Feeling: 2, Opportunities: "Share the roadmap early"},
	}}, created)
	s.PutAnswer(session.Answer{PromptID: "ledger", Ledger: []session.LedgerEntry{
		{Kind: session.Deposit, Text: "Fixed the outage in an hour", Amount: 3},
		{Kind: session.Withdrawal, Text: "Missed the March release", Amount: 2},
		{Kind: session.Deposit, Text: "Shared the roadmap early", Amount: 1},
	}}, created)
	s.PutCapture(session.Capture{ID: id + "a", Kind: session.CaptureAction, Text: "Send the incident playbook", Owner: "Jane", Due: "2026-04-01", At: time.Minute}, created)
	s.PutCapture(session.Capture{ID: id + "f", Kind: session.CaptureFollowUp, Text: "What does the regulator ask for?", At: 2 * time.Minute}, created)
	return s
}

// synthLib is an in-memory Library.
type synthLib struct {
	sessions map[string]*session.Session
	created  []*session.Session
	failList bool
}

func newSynthLib(ss ...*session.Session) *synthLib {
	l := &synthLib{sessions: map[string]*session.Session{}}
	for _, s := range ss {
		l.sessions[s.ID] = s
	}
	return l
}

func (l *synthLib) List() ([]session.Index, error) {
	if l.failList {
		return nil, errors.New("disk on fire")
	}
	var out []session.Index
	for _, s := range l.sessions {
		out = append(out, s.Index())
	}
	return out, nil
}

func (l *synthLib) Load(id string) (*session.Session, error) {
	if s, ok := l.sessions[id]; ok {
		return s, nil
	}
	return nil, errors.New("not found")
}

func (l *synthLib) Create(s *session.Session) error {
	l.sessions[s.ID] = s
	l.created = append(l.created, s)
	return nil
}
func (l *synthLib) Delete(id string) error       { delete(l.sessions, id); return nil }
func (l *synthLib) Put(s *session.Session) error { l.sessions[s.ID] = s; return nil }

// openFromRunner presses key in navigation mode and follows the screen
// move it asks for.
func openFromRunner(t *testing.T, h *harness, k tea.KeyPressMsg, want any, screen screen) {
	t.Helper()
	follow(t, h, h.send(k), want)
	if h.app.screen != screen {
		t.Fatalf("screen = %v, want %v", h.app.screen, screen)
	}
}

func TestJourneyGolden(t *testing.T) {
	c := newClock()
	h := newHarness(t, healthSession(t, "01HSESSION0000000000000002", c.Now(), 3, 2, 85, true), false, 80, 24)
	openFromRunner(t, h, kr('J'), showJourneyMsg{}, screenJourney)
	golden(t, "first", h.view())
	if !strings.Contains(h.view(), "lowest: Onboard -2") {
		t.Error("the feeling line does not name the low point")
	}
	// Four stages do not fit 80 columns: → shows the later ones.
	h.send(tea.KeyPressMsg{Code: tea.KeyRight})
	golden(t, "scrolled", h.view())
	follow(t, h, h.send(kEsc), backMsg{})
	if h.app.screen != screenRunner {
		t.Errorf("esc went to %v, want the runner", h.app.screen)
	}
}

func TestJourneyNoPrompt(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	if cmd := h.send(kr('J')); cmd != nil {
		t.Errorf("J on a playbook without a journey gave a command")
	}
	if !strings.Contains(h.view(), "no journey prompt") {
		t.Error("J on a playbook without a journey says nothing")
	}
}

func TestSynthesisGolden(t *testing.T) {
	c := newClock()
	h := newHarness(t, healthSession(t, "01HSESSION0000000000000002", c.Now(), 3, 2, 85, true), false, 80, 24)
	openFromRunner(t, h, kr('H'), showSynthesisMsg{}, screenSynthesis)
	golden(t, "top", h.view())
	h.send(tea.KeyPressMsg{Code: tea.KeyEnd})
	golden(t, "bottom", h.view())
}

func TestTimelineFlow(t *testing.T) {
	first := healthSession(t, "01HSESSION00000000000000A1", t0.AddDate(0, -3, 0), 2, 2, 60, true)
	second := healthSession(t, "01HSESSION00000000000000A2", t0, 4, 3, 85, false)
	lib := newSynthLib(first, second, session.New("01HSESSION00000000000000B1", t0, "Globex", healthPlaybook(t)))
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	pb := healthPlaybook(t)
	h.app = New(Deps{
		Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true,
		Playbooks: []*playbooks.Playbook{{ID: "customer-discovery", Title: "Customer discovery"}, &pb},
		NewID:     func() string { return "01HSESSION00000000000000A3" },
	}, Start{Session: second})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})

	// T asks for the timeline; the move's command loads it off the UI
	// goroutine.
	move := h.send(kr('T'))()
	if m, ok := move.(showTimelineMsg); !ok || m.client != "Acme Corp" || m.current != second {
		t.Fatalf("T gave %#v, want the timeline of Acme Corp", move)
	}
	load := h.send(move)
	if h.app.screen != screenTimeline || !strings.Contains(h.view(), "Loading") {
		t.Fatalf("the timeline does not show it is loading:\n%s", h.view())
	}
	h.send(load())
	golden(t, "loaded", h.view())
	v := h.view()
	for _, want := range []string{"2 sessions", "Partnership", "1.7", "3.5", "up", "⚑ 85%", "Little partnership", "Send the incident playbook"} {
		if !strings.Contains(v, want) {
			t.Errorf("the timeline lacks %q", want)
		}
	}
	if strings.Contains(v, "Globex") {
		t.Error("the timeline shows another client's session")
	}

	// f chooses a playbook (the same by default) and starts the follow-up.
	h.send(kr('f'))
	golden(t, "choose", h.view())
	h.send(kEnter) // who is in the room: as last time
	created := h.send(kTab, kEnter)()
	loaded, ok := created.(sessionLoadedMsg)
	if !ok || loaded.err != nil {
		t.Fatalf("enter gave %#v, want the follow-up session loaded", created)
	}
	if len(lib.created) != 1 || lib.created[0].Playbook.ID != "partnership-health" {
		t.Fatalf("created %v, want one partnership-health session", lib.created)
	}
	// The second session left nothing open; the first one's items are what
	// the timeline lists and the follow-up refers to.
	if n := len(lib.created[0].Carried); n != 2 {
		t.Errorf("the follow-up carries %d items, want the 2 the timeline lists", n)
	}
	before := h.saver.count()
	h.send(loaded)
	if e := h.saver.last(); h.saver.count() == before || e.SessionID != second.ID || e.Header.Cursor == "" {
		t.Errorf("leaving the session for its follow-up did not save where the facilitator was: %+v", e.Header)
	}
	if h.app.screen != screenRunner || h.app.runner.sess.ID != "01HSESSION00000000000000A3" {
		t.Errorf("after the follow-up, screen %v on %q, want the runner on the new session", h.app.screen, h.app.runner.sess.ID)
	}
}

func TestTimelineFollowUpCarries(t *testing.T) {
	first := healthSession(t, "01HSESSION00000000000000A1", t0, 2, 2, 60, true)
	lib := newSynthLib(first)
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	pb := healthPlaybook(t)
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true, Playbooks: []*playbooks.Playbook{&pb},
		NewID: func() string { return "01HSESSION00000000000000A3" }}, Start{Session: first})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	move := h.send(kr('T'))()
	h.send(h.send(move)())
	h.send(kr('f'), kEnter)
	h.send(h.send(kTab, kEnter)())
	s := h.app.runner.sess
	var texts []string
	for _, r := range s.Carried {
		if r.Session == first.ID {
			texts = append(texts, r.Text)
		}
	}
	if !slices.Equal(texts, []string{"Send the incident playbook", "What does the regulator ask for?"}) {
		t.Errorf("carried %q, want the action and the follow-up question", texts)
	}
}

func TestTimelineLoadError(t *testing.T) {
	lib := newSynthLib()
	lib.failList = true
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true},
		Start{Session: healthSession(t, "01HSESSION00000000000000A1", t0, 2, 2, 60, false)})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	move := h.send(kr('T'))()
	h.send(h.send(move)())
	if v := h.view(); !strings.Contains(v, "Could not load the sessions: listing sessions: disk on fire") {
		t.Errorf("a failed load is not reported:\n%s", v)
	}
	follow(t, h, h.send(kEsc), backMsg{})
	if h.app.screen != screenRunner {
		t.Errorf("esc went to %v, want back to the runner", h.app.screen)
	}
}

func TestSynthesisPresent(t *testing.T) {
	c := newClock()
	h := newHarness(t, healthSession(t, "01HSESSION0000000000000002", c.Now(), 3, 2, 85, true), false, 80, 24)
	openFromRunner(t, h, kr('H'), showSynthesisMsg{}, screenSynthesis)
	if v := h.view(); !strings.Contains(v, "gut feel") || !strings.Contains(v, "average 2.0/5") {
		t.Fatalf("the facilitator's view lacks the internal rating:\n%s", v)
	}
	follow(t, h, h.send(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}), presentToggledMsg{})
	v := h.view()
	if strings.Contains(v, "gut feel") || !strings.Contains(v, "PRESENTING") || !strings.Contains(v, "average 2.5/5") {
		t.Errorf("present mode shows the internal rating or counts it:\n%s", v)
	}
}

func TestTimelineFromLibrary(t *testing.T) {
	first := healthSession(t, "01HSESSION00000000000000A1", t0.AddDate(0, -3, 0), 2, 2, 60, true)
	second := healthSession(t, "01HSESSION00000000000000A2", t0, 4, 3, 85, false)
	lib := newSynthLib(first, second)
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true}, Start{Screen: StartLibrary})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.send(h.app.lib.init()())
	if h.app.screen != screenLibrary {
		t.Fatalf("screen = %v, want the library", h.app.screen)
	}
	h.send(kDown)
	sel, _ := h.app.lib.selected()
	move := h.send(kr('t'))()
	if m, ok := move.(showTimelineMsg); !ok || m.client != "Acme Corp" || m.current != nil || m.focus != sel.ID {
		t.Fatalf("t gave %#v, want the timeline of the selected session's client", move)
	}
	h.send(h.send(move)())
	if v := h.view(); !strings.Contains(v, "2 sessions") || !strings.Contains(v, "▂▅ up") || !strings.Contains(v, "▸ "+sel.Created.Format("2006-01-02")) {
		t.Errorf("the timeline from the library lacks the sessions, the trend or the selected session:\n%s", v)
	}
	follow(t, h, h.send(kEsc), backMsg{})
	if h.app.screen != screenLibrary {
		t.Errorf("esc went to %v, want back to the library", h.app.screen)
	}
}

func TestTimelineScrolls(t *testing.T) {
	var ss []*session.Session
	for i := range 10 {
		ss = append(ss, healthSession(t, fmt.Sprintf("01HSESSION00000000000000%02d", i), t0.AddDate(0, i-10, 0), 1+i%5, 3, float64(50+5*i), i == 0))
	}
	lib := newSynthLib(ss...)
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true}, Start{Session: ss[9]})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	move := h.send(kr('T'))()
	h.send(h.send(move)())
	if v := h.view(); !strings.Contains(v, "more lines (pgdn)") || strings.Contains(v, "What does the regulator ask for?") {
		t.Fatalf("a long timeline does not say there is more below:\n%s", v)
	}
	h.send(tea.KeyPressMsg{Code: tea.KeyEnd})
	if v := h.view(); !strings.Contains(v, "What does the regulator ask for?") {
		t.Errorf("G does not reach the open items:\n%s", v)
	}
}

func TestFollowUpFromRunner(t *testing.T) {
	first := healthSession(t, "01HSESSION00000000000000A1", t0, 2, 2, 60, true)
	lib := newSynthLib(first)
	c := newClock()
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	pb := healthPlaybook(t)
	h.app = New(Deps{Saver: h.saver, Sessions: lib, Now: c.Now, NoColor: true, Playbooks: []*playbooks.Playbook{&pb},
		NewID: func() string { return "01HSESSION00000000000000A3" }}, Start{Session: first})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	move := h.send(kr('F'))()
	if m, ok := move.(showTimelineMsg); !ok || !m.followUp {
		t.Fatalf("F gave %#v, want the timeline with the follow-up choice", move)
	}
	h.send(h.send(move)())
	if v := h.view(); !strings.Contains(v, "Follow-up session for Acme Corp") || !strings.Contains(v, "Carries 2 open items") {
		t.Fatalf("F does not offer the follow-up:\n%s", v)
	}
	h.send(kEnter)
	h.send(h.send(kTab, kEnter)())
	if s := h.app.runner.sess; s.ID != "01HSESSION00000000000000A3" || len(s.Carried) != 2 || h.app.screen != screenRunner {
		t.Errorf("after F and enter: runner on %q carrying %d items, want the follow-up carrying 2", s.ID, len(s.Carried))
	}
}

// TestSynthesisTinyTerminals draws every synthesis screen at sizes from
// nothing to narrow and short; none may panic or overflow.
func TestSynthesisTinyTerminals(t *testing.T) {
	c := newClock()
	h := newHarness(t, healthSession(t, "01HSESSION0000000000000002", c.Now(), 3, 2, 85, true), false, 80, 24)
	for _, open := range []struct {
		k    tea.KeyPressMsg
		want any
	}{{kr('J'), showJourneyMsg{}}, {kr('H'), showSynthesisMsg{}}} {
		follow(t, h, h.send(open.k), open.want)
		for _, sz := range [][2]int{{0, 0}, {1, 1}, {20, 6}, {32, 10}, {40, 12}, {200, 60}} {
			h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			h.send(tea.KeyPressMsg{Code: tea.KeyRight}, tea.KeyPressMsg{Code: tea.KeyEnd})
			for i, line := range strings.Split(h.view(), "\n") {
				if w := ansi.StringWidth(line); w > sz[0] {
					t.Errorf("%v at %dx%d: line %d is %d wide", open.want, sz[0], sz[1], i, w)
				}
			}
		}
		h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		h.send(kEsc)
		h.send(backMsg{})
	}
}
