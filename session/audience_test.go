package session

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/playbooks"
)

// audiencePlaybook is a small playbook of audience aud with a prompt that
// carries probes, listen_for and a flag, and a closing takeaways list.
func audiencePlaybook(t *testing.T, aud playbooks.Audience) playbooks.Playbook {
	return playbooks.Playbook{ID: "small", Title: "Small check", Version: 1, Audience: aud, Phases: []playbooks.Phase{
		{ID: "open", Title: "Open", Prompts: []playbooks.Prompt{
			{ID: "story", Kind: playbooks.KindLongText, Question: "What happened last week?",
				Probes: []string{"What happened next?", "What did it cost you?"}, ListenFor: "A named day and a cost."},
			{ID: "ratio", Kind: playbooks.KindPercent, Question: "What share ended your way?",
				Flag: &playbooks.Flag{When: mustCompare(t, ">= 80"), Say: "Decisions follow control."}},
		}},
		{ID: "close", Title: "Close", Prompts: []playbooks.Prompt{
			{ID: "read-back", Kind: playbooks.KindList, Question: "What do you take away from today?", Takeaways: true},
		}},
	}}
}

func TestTeamSessionHasNoClientCopy(t *testing.T) {
	team := New(testID, testT0, "Acme", audiencePlaybook(t, playbooks.AudienceTeam))
	client := New(testID, testT0, "Acme", audiencePlaybook(t, playbooks.AudienceClient))
	old := New(testID, testT0, "Acme", audiencePlaybook(t, "")) // a snapshot from before audience

	if got := team.DefaultAudience(); got != AudienceInternal {
		t.Errorf("team session exports %q by default, want internal", got)
	}
	for _, s := range []*Session{client, old} {
		if got := s.DefaultAudience(); got != AudienceClient {
			t.Errorf("client session (audience %q) exports %q by default, want client", s.Playbook.Audience, got)
		}
		if err := s.CheckAudience(AudienceClient); err != nil {
			t.Errorf("client copy of a client session refused: %v", err)
		}
	}
	err := team.CheckAudience(AudienceClient)
	if !errors.Is(err, ErrNoClientCopy) {
		t.Fatalf("client copy of a team session: %v, want ErrNoClientCopy", err)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "Small check is a team playbook") || !strings.Contains(msg, "--audience internal") {
		t.Errorf("refusal %q: want one line naming the playbook, saying why and what to do", msg)
	}
	if err := team.CheckAudience(AudienceInternal); err != nil {
		t.Errorf("internal copy of a team session refused: %v", err)
	}
}

func TestCaptureInternalFollowsTheAudience(t *testing.T) {
	team := New(testID, testT0, "Acme", audiencePlaybook(t, playbooks.AudienceTeam))
	client := New(testID, testT0, "Acme", audiencePlaybook(t, playbooks.AudienceClient))
	for _, k := range []CaptureKind{CaptureNote, CaptureQuote, CapturePain, CaptureAction, CaptureDecision, CaptureRisk, CaptureIdea, CaptureFollowUp} {
		if !team.CaptureInternal(k) {
			t.Errorf("a %s typed in a team session starts visible", k)
		}
		if got, want := client.CaptureInternal(k), k == CaptureRisk || k == CaptureNote; got != want {
			t.Errorf("a %s typed in a client session starts internal=%v, want %v", k, got, want)
		}
	}
}

func TestTakeaways(t *testing.T) {
	s := New(testID, testT0, "Acme", audiencePlaybook(t, playbooks.AudienceClient))
	if got := s.Takeaways(); got != nil {
		t.Errorf("takeaways before any answer = %q", got)
	}
	s.PutAnswer(Answer{PromptID: "read-back", Items: []string{"Fix the intake first", " ", "Weekly demo"}}, testT0)
	if got := s.Takeaways(); strings.Join(got, "|") != "Fix the intake first|Weekly demo" {
		t.Errorf("takeaways = %q", got)
	}
	s.SetState("read-back", StateSkipped, testT0)
	if got := s.Takeaways(); got != nil {
		t.Errorf("takeaways of a skipped read-back = %q", got)
	}
	none := New(testID, testT0, "Acme", testPlaybook(t))
	if _, ok := none.TakeawaysPrompt(); ok || none.Takeaways() != nil {
		t.Error("a playbook without a takeaways prompt has takeaways")
	}
}

// TestClientCopyHoldsOnlyWhatTheClientMayRead: flags, probes and
// listen_for are the facilitator's; the internal copy has them all. The
// key takeaways open both copies, and are not written twice.
func TestClientCopyHoldsOnlyWhatTheClientMayRead(t *testing.T) {
	s := New(testID, testT0, "Acme", audiencePlaybook(t, playbooks.AudienceClient))
	s.PutAnswer(Answer{PromptID: "story", Text: "The release slipped."}, testT0)
	s.PutAnswer(Answer{PromptID: "ratio", Number: num(90)}, testT0)
	s.PutAnswer(Answer{PromptID: "read-back", Items: []string{"Fix the intake first"}}, testT0)
	client, internal := string(Markdown(s, AudienceClient)), string(Markdown(s, AudienceInternal))
	facilitator := []string{"Decisions follow control.", "What did it cost you?", "A named day and a cost.", "Flag"}
	for _, f := range facilitator {
		if strings.Contains(client, f) {
			t.Errorf("the client copy holds %q:\n%s", f, client)
		}
		if !strings.Contains(internal, f) {
			t.Errorf("the internal copy lacks %q:\n%s", f, internal)
		}
	}
	for name, md := range map[string]string{"client": client, "internal": internal} {
		if !strings.Contains(md, "## Key takeaways\n\n- Fix the intake first") {
			t.Errorf("%s copy: no Key takeaways from the read-back:\n%s", name, md)
		}
		if strings.Count(md, "Fix the intake first") != 1 {
			t.Errorf("%s copy writes the takeaways more than once:\n%s", name, md)
		}
		if strings.Index(md, "## Key takeaways") > strings.Index(md, "## Open") {
			t.Errorf("%s copy: Key takeaways come after the phases", name)
		}
	}
}

// pulsePlaybooks are a client pulse and a team check that share two
// measures; each also rates one the other does not.
func pulsePlaybooks() (pulse, check playbooks.Playbook) {
	pulse = playbooks.Playbook{ID: "client-pulse", Title: "Client pulse", Audience: playbooks.AudienceClient, Phases: []playbooks.Phase{{ID: "p", Title: "P", Prompts: []playbooks.Prompt{
		{ID: "bad-news", Kind: playbooks.KindRating, Question: "How early do you hear bad news from us?", Measures: "bad-news-early"},
		{ID: "heard", Kind: playbooks.KindRating, Question: "How well do we listen?", Measures: "listening"},
		{ID: "only-theirs", Kind: playbooks.KindRating, Question: "Only the client rates this", Measures: "theirs-only"},
	}}}}
	check = playbooks.Playbook{ID: "health", Title: "Health check", Audience: playbooks.AudienceTeam, Phases: []playbooks.Phase{{ID: "p", Title: "P", Prompts: []playbooks.Prompt{
		{ID: "ours-only", Kind: playbooks.KindRating, Question: "Only we rate this", Measures: "ours-only", Internal: true},
		{ID: "transparency", Kind: playbooks.KindRating, Question: "How transparent are we?", Measures: "bad-news-early", Internal: true},
		{ID: "listen", Kind: playbooks.KindRating, Question: "How well do we listen?", Measures: "listening", Internal: true},
	}}}}
	return pulse, check
}

func ratedSession(t *testing.T, id string, day int, pb playbooks.Playbook, ratings map[string]int) *Session {
	t.Helper()
	s := New(id, testT0.AddDate(0, 0, day), "Acme", pb)
	for p, r := range ratings {
		s.PutAnswer(Answer{PromptID: p, Rating: r}, testT0)
	}
	return s
}

func TestMeasurePairs(t *testing.T) {
	pulse, check := pulsePlaybooks()
	oldCheck := ratedSession(t, "A1", 0, check, map[string]int{"transparency": 2, "listen": 2})
	oldPulse := ratedSession(t, "A2", 1, pulse, map[string]int{"bad-news": 5, "heard": 5})
	newCheck := ratedSession(t, "A3", 2, check, map[string]int{"transparency": 5, "ours-only": 3}) // listen left open
	newPulse := ratedSession(t, "A4", 3, pulse, map[string]int{"bad-news": 2, "only-theirs": 4})   // heard left open
	other := ratedSession(t, "A5", 4, testPlaybook(t), nil)

	pairs := MeasurePairs([]*Session{newCheck, other, oldPulse, newPulse, oldCheck})
	type row struct {
		m            string
		theirs, ours string // session id of each side, "" for none
		tr, or, gap  int
		words, label string
	}
	var got []row
	for _, p := range pairs {
		r := row{m: p.Measure, gap: p.Gap(), words: p.GapWords(), label: p.Label()}
		if p.Theirs != nil {
			r.theirs, r.tr = p.Theirs.SessionID, p.Theirs.Rating
		}
		if p.Ours != nil {
			r.ours, r.or = p.Ours.SessionID, p.Ours.Rating
		}
		got = append(got, r)
	}
	want := []row{
		// The latest rating of each side, measure by measure: the newest
		// pulse left "heard" open, so the one before it counts.
		{"bad-news-early", "A4", "A3", 2, 5, 3, "we rate ourselves 3 higher than they do", "How early do you hear bad news from us?"},
		{"theirs-only", "A4", "", 4, 0, 0, "", "Only the client rates this"},
		{"listening", "A2", "A1", 5, 2, -3, "they rate us 3 higher than we do", "How well do we listen?"},
		{"ours-only", "", "A3", 0, 3, 0, "", "Only we rate this"},
	}
	if len(got) != len(want) {
		t.Fatalf("pairs %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("pair %d = %+v\nwant %+v", i, got[i], want[i])
		}
	}

	// The internal copy of the old check sets its own scores against the
	// client's latest pulse; the client's copy never shows ours.
	all := []*Session{oldCheck, oldPulse, newCheck, newPulse}
	md := string(MarkdownWith(oldCheck, AudienceInternal, all))
	for _, w := range []string{
		"## Our score and theirs",
		"| How early do you hear bad news from us? | 2/5 (Client pulse, 2026-11-28) | 2/5 (Health check, 2026-11-25) | 0: we agree |",
		"| How well do we listen? | 5/5 (Client pulse, 2026-11-26) | 2/5 (Health check, 2026-11-25) | **-3: they rate us 3 higher than we do** |",
		"**1 measure has a gap of 2 or more:**",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("internal copy lacks %q:\n%s", w, md)
		}
	}
	if strings.Contains(md, "| Only we rate this |") {
		t.Error("a measure with no rating from the client is in the table")
	}
	if md := string(MarkdownWith(newPulse, AudienceClient, all)); strings.Contains(md, "Our score and theirs") || strings.Contains(md, "Health check") {
		t.Errorf("the client copy of a pulse shows our scores:\n%s", md)
	}
	if md := string(MarkdownWith(other, AudienceInternal, all)); strings.Contains(md, "Our score and theirs") {
		t.Error("a session with no measures has a pairs section")
	}
}

func builtin(t *testing.T, id string) playbooks.Playbook {
	t.Helper()
	p, err := playbooks.ParseFS(playbooks.Builtins(), id+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	return *p
}

// TestDisagreementTestNeedsBothConditions: in the built-in health check,
// the 80% disagreement test flags only when the team also took on the
// extra work with nothing in return (seed 002).
func TestDisagreementTestNeedsBothConditions(t *testing.T) {
	for _, tc := range []struct {
		share string
		back  []string
		want  bool
	}{
		{"About eight in ten or more", []string{"Nothing"}, true},
		{"About eight in ten or more", []string{"More time", "Less scope elsewhere"}, false},
		{"About eight in ten or more", nil, false},
		{"About half", []string{"Nothing"}, false},
	} {
		s := New(testID, testT0, "Acme", builtin(t, "partnership-health"))
		s.PutAnswer(Answer{PromptID: "customer-first-wish", Choices: []string{tc.share}}, testT0)
		if tc.back != nil {
			s.PutAnswer(Answer{PromptID: "given-in-return", Choices: tc.back}, testT0)
		}
		flags := Flags(s, AudienceInternal)
		if got := len(flags) == 1 && flags[0].Prompt.ID == "customer-first-wish"; got != tc.want {
			t.Errorf("%s, %v given back: flags %+v, want the disagreement flag %v", tc.share, tc.back, flags, tc.want)
		}
		md := string(Markdown(s, AudienceInternal))
		if strings.Contains(md, "Little partnership in practice") != tc.want {
			t.Errorf("%s, %v given back: the internal copy's flag is not %v", tc.share, tc.back, tc.want)
		}
	}
}

// TestPulseBesideTheHealthChecks: a client pulse and the team's two checks
// of one client, all built-ins, pair on every measure the pulse asks.
func TestPulseBesideTheHealthChecks(t *testing.T) {
	pulse := New("P1", testT0.AddDate(0, 0, 2), "Acme", builtin(t, "client-pulse"))
	health := New("H1", testT0, "Acme", builtin(t, "partnership-health"))
	pillars := New("F1", testT0.AddDate(0, 0, 1), "Acme", builtin(t, "four-pillars"))
	for _, s := range []*Session{pulse, health, pillars} {
		for _, st := range s.Steps() {
			if st.Prompt.Measures != "" {
				r := 4
				if s == pulse {
					r = 2
				}
				s.PutAnswer(Answer{PromptID: st.Prompt.ID, Rating: r}, testT0)
			}
		}
	}
	pairs := MeasurePairs([]*Session{health, pillars, pulse})
	if len(pairs) != 7 {
		t.Fatalf("%d pairs, want the pulse's seven", len(pairs))
	}
	for _, p := range pairs {
		if !p.Both() || p.Gap() != 2 || p.Theirs.SessionID != "P1" {
			t.Errorf("%s: %+v, want our 4 against their 2", p.Measure, p)
		}
	}
	md := string(MarkdownWith(health, AudienceInternal, []*Session{pulse, pillars}))
	if !strings.Contains(md, "| When did you last bring us in while your plans were still taking shape? | 2/5 (Client pulse, 2026-11-27) | 4/5 (Partnership health check, 2026-11-25) | **+2: we rate ourselves 2 higher than they do** |") {
		t.Errorf("the health check's internal copy does not set its scores beside the pulse:\n%s", md)
	}
}

func TestPlan(t *testing.T) {
	s := New(testID, testT0, "Acme", builtin(t, "relationship-stage"))
	p := s.Plan()
	// Before the stage is chosen, no stage's phases show: the stage, the
	// learning and next quarter (5 + 15 + 10 minutes) of the 50.
	if p.Length != 50*time.Minute || p.Timeboxes != 30*time.Minute {
		t.Errorf("plan before the stage = %+v", p)
	}
	s.PutAnswer(Answer{PromptID: "current-stage", Choices: []string{"Engagement"}}, testT0)
	p = s.Plan()
	if p.Timeboxes != 50*time.Minute || p.Core <= 0 || p.Core >= p.Timeboxes {
		t.Errorf("plan of an engagement = %+v", p)
	}
	var core time.Duration
	for i, ph := range s.Playbook.Phases {
		if s.Visibility().Phase(i) {
			core += ph.CoreTime()
		}
	}
	if p.Core != core {
		t.Errorf("core %v, want the shown phases' %v", p.Core, core)
	}
}

// TestSetTakeaways: the wrap-up's takeaways are kept, blank lines dropped,
// in a new slice the edit carries; they are the session's takeaways only
// when the playbook has no takeaways prompt of its own.
func TestSetTakeaways(t *testing.T) {
	s := New(testID, testT0, "Acme", testPlaybook(t))
	e := s.SetTakeaways([]string{" Fix onboarding first ", "", "One weekly report"}, at(1))
	want := []string{"Fix onboarding first", "One weekly report"}
	if !slices.Equal(s.Takeaways(), want) || !slices.Equal(e.Header.Takeaways, want) {
		t.Fatalf("takeaways %q, edit %q, want %q", s.Takeaways(), e.Header.Takeaways, want)
	}
	s.SetTakeaways([]string{"Changed"}, at(2))
	if !slices.Equal(e.Header.Takeaways, want) {
		t.Errorf("a later edit changed the first edit's header: %q", e.Header.Takeaways)
	}

	withPrompt := New(testID, testT0, "Acme", audiencePlaybook(t, playbooks.AudienceClient))
	if _, ok := withPrompt.TakeawaysPrompt(); !ok {
		t.Skip("the audience playbook has no takeaways prompt")
	}
	withPrompt.SetTakeaways([]string{"Typed at wrap-up"}, at(1))
	if got := withPrompt.Takeaways(); got != nil {
		t.Errorf("with a takeaways prompt, the wrap-up's lines are the takeaways: %q", got)
	}
}
