package session

import (
	"fmt"
	"testing"
	"time"

	"rapport/playbooks"
)

// testT0 is when every test session starts; nothing in tests reads the real
// clock, so summaries and exports are byte-for-byte stable.
var testT0 = time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)

const testID = "01JD3Q0W8ZK6X4T2N9M5R7B1CE"

func mustCompare(t testing.TB, s string) playbooks.Comparison {
	t.Helper()
	c, err := playbooks.ParseComparison(s)
	if err != nil {
		t.Fatalf("ParseComparison(%q): %v", s, err)
	}
	return c
}

// testPlaybook is a playbook with every prompt kind, a scorecard, flags,
// show_if on a prompt and on a phase, an internal prompt and tips.
func testPlaybook(t testing.TB) playbooks.Playbook {
	return playbooks.Playbook{
		ID: "test-discovery", Title: "Test discovery", Version: 3,
		Summary: "Every kind of prompt.", Source: "The tests.",
		Phases: []playbooks.Phase{
			{
				ID: "identify", Title: "Identify the customer", Goal: "Who they are, whom they serve.",
				Timebox: 10 * time.Minute, Tips: []string{"Ask, then stay silent.", "Write their words, not yours."},
				Prompts: []playbooks.Prompt{
					{ID: "who", Kind: playbooks.KindLongText, Question: "Who do they serve, and what value do they give?", Required: true},
					{ID: "team", Kind: playbooks.KindText, Question: "Team name"},
					{ID: "size", Kind: playbooks.KindNumber, Question: "How many people are on the team?"},
					{ID: "read", Kind: playbooks.KindLongText, Question: "Facilitator's read of the room", Internal: true},
				},
			},
			{
				ID: "value", Title: "Learn what they value", Goal: "What good looks like to them.",
				Timebox: 15 * time.Minute, Tips: []string{"Ratings need evidence."},
				Prompts: []playbooks.Prompt{
					{ID: "trust", Kind: playbooks.KindRating, Question: "They bring us bad news early", Scorecard: "Partnership", Evidence: true},
					{ID: "candour", Kind: playbooks.KindRating, Question: "We disagree openly", Scorecard: "Partnership", Evidence: true,
						Flag: &playbooks.Flag{When: mustCompare(t, "<= 2"), Say: "Low candour: disagreements go underground."}},
					{ID: "hours", Kind: playbooks.KindRating, Question: "Sustainable hours", Scorecard: "Sustainability"},
					{ID: "ratio", Kind: playbooks.KindPercent, Question: "Disagreements that ended as the customer first wanted",
						Flag: &playbooks.Flag{When: mustCompare(t, ">= 80"), Say: "Little partnership: the customer decides alone."}},
					{ID: "stage", Kind: playbooks.KindChoice, Question: "Which stage is the relationship in?", Options: []string{"Forming", "Norming", "Performing"}},
					{ID: "channels", Kind: playbooks.KindMultiChoice, Question: "How do they like to talk?", Options: []string{"Email", "Chat", "Calls"}},
					{ID: "goals", Kind: playbooks.KindList, Question: "Their goals this year"},
					{ID: "why-candour", Kind: playbooks.KindLongText, Question: "What makes disagreeing hard?",
						ShowIf: &playbooks.Condition{Prompt: "candour", Is: mustCompare(t, "<= 2")}},
					{ID: "budget", Kind: playbooks.KindText, Question: "Budget owner"},
					{ID: "deadline", Kind: playbooks.KindText, Question: "Hard deadline"},
					{ID: "legal", Kind: playbooks.KindText, Question: "Legal constraints"},
					{ID: "success", Kind: playbooks.KindText, Question: "What does success look like?", Required: true},
				},
			},
			{
				ID: "journey", Title: "Map the journey", Goal: "From first contact to renewal.",
				Prompts: []playbooks.Prompt{
					{ID: "stages", Kind: playbooks.KindJourney, Question: "Journey stages"},
				},
			},
			{
				ID: "ledger", Title: "Trust ledger",
				Prompts: []playbooks.Prompt{
					{ID: "trust-ledger", Kind: playbooks.KindLedger, Question: "Deposits and withdrawals"},
				},
			},
			{
				ID: "performing", Title: "Only for performing teams",
				ShowIf: &playbooks.Condition{Prompt: "stage", Is: mustCompare(t, "== Performing")},
				Prompts: []playbooks.Prompt{
					{ID: "stretch", Kind: playbooks.KindText, Question: "What would stretch them?"},
				},
			},
		},
	}
}

func num(f float64) *float64 { return &f }

// at is a moment n minutes into the test session.
func at(n int) time.Time { return testT0.Add(time.Duration(n) * time.Minute) }

// fullSession builds a session on testPlaybook with every kind answered or
// in every state, an ad-hoc question, every capture kind (internal ones
// included) and a roadmap in all three horizons, through the same
// mutations the app uses.
func fullSession(t testing.TB) *Session {
	t.Helper()
	s := New(testID, testT0, "Acme Corp", testPlaybook(t))
	s.UpdateHeader(func(h *Header) {
		h.Facilitator = "Jane Doe"
		h.Contacts = []Contact{{Name: "Bob Smith", Role: "CTO"}, {Name: "Ann Lee"}}
		h.Tags = []string{"discovery", "Q4 2026"}
	}, at(1))
	s.Spend("identify", 12*time.Minute+30*time.Second, at(13))
	s.Spend("value", 20*time.Minute+5*time.Second, at(33))
	s.Spend("journey", 8*time.Minute, at(41))

	put := func(a Answer, min int) { s.PutAnswer(a, at(min)) }
	put(Answer{PromptID: "who", Text: "Retail banks in the Nordics.\nThey keep payments running overnight.\n\nValue: fewer incidents, calmer nights."}, 2)
	put(Answer{PromptID: "team", Text: "Payments Core"}, 3)
	put(Answer{PromptID: "size", Number: num(14)}, 3)
	put(Answer{PromptID: "read", Text: "Bob is wary; Ann is the champion."}, 4)
	put(Answer{PromptID: "trust", Rating: 4, Evidence: "Told us about the outage before the status page did."}, 14)
	put(Answer{PromptID: "candour", Rating: 2, Evidence: "Nobody pushed back on the plan."}, 15)
	put(Answer{PromptID: "ratio", Number: num(85)}, 16)
	put(Answer{PromptID: "stage", Choices: []string{"Norming"}}, 17)
	put(Answer{PromptID: "channels", Choices: []string{"Chat", "Calls"}}, 18)
	put(Answer{PromptID: "goals", Items: []string{"Halve overnight incidents", "Ship instant payments", "Hire two SREs"}}, 19)
	put(Answer{PromptID: "why-candour", Text: "The last vendor punished bad news."}, 20)
	s.SetState("budget", StateSkipped, at(21))
	s.SetState("deadline", StateParked, at(21))
	s.SetState("legal", StateNotApplicable, at(22))
	// "hours" and "success" stay open.
	s.AddAdHoc(AdHocPrompt{ID: "adhoc-1", Phase: "value", After: "goals", Question: "Who else should we talk to?"}, at(22))
	put(Answer{PromptID: "adhoc-1", Text: "Their head of risk, Maria."}, 23)
	put(Answer{PromptID: "stages", Stages: []JourneyStage{
		{Name: "Discover", Doing: "Reads a case study", Touchpoints: "Website", Feeling: 1, Pains: "Jargon", Opportunities: "Plain-language page"},
		{Name: "Onboard", Doing: "Sets up keys", Touchpoints: "Portal, email", Feeling: -2, Pains: "Three weeks of waiting", Opportunities: "Self-service keys"},
		{Name: "Run", Doing: "Monitors payments", Touchpoints: "Dashboard", Feeling: 0},
	}}, 35)
	put(Answer{PromptID: "trust-ledger", Ledger: []LedgerEntry{
		{Kind: Deposit, Text: "Fixed the outage in an hour", Amount: 3},
		{Kind: Withdrawal, Text: "Missed the March release", Amount: 2},
		{Kind: Deposit, Text: "Shared the roadmap early", Amount: 1},
	}}, 40)

	caps := []Capture{
		{ID: "c01", Kind: CaptureQuote, Text: "We find out about problems from our customers.", At: 3*time.Minute + 5*time.Second, Phase: "identify", Tags: []string{"incidents"}},
		{ID: "c02", Kind: CapturePain, Text: "Onboarding takes three weeks #onboarding", At: 4 * time.Minute, Phase: "identify", Impact: 4, Effort: 2, Tags: []string{"onboarding"}},
		{ID: "c03", Kind: CapturePain, Text: "Alerts page the wrong team", At: 5 * time.Minute, Phase: "identify", Impact: 3, Effort: 1},
		{ID: "c04", Kind: CapturePain, Text: "Reports are built by hand", At: 6 * time.Minute, Phase: "value", Impact: 2, Effort: 4},
		{ID: "c05", Kind: CapturePain, Text: "Bob distrusts our estimates", At: 7 * time.Minute, Phase: "value", Impact: 5, Effort: 5, Internal: true},
		{ID: "c06", Kind: CaptureAction, Text: "Send the incident playbook", At: 8 * time.Minute, Phase: "value", Owner: "Jane", Due: "2026-12-01"},
		{ID: "c07", Kind: CaptureAction, Text: "Book a follow-up with risk", At: 9 * time.Minute, Phase: "value"},
		{ID: "c08", Kind: CaptureDecision, Text: "Pilot self-service keys in January", At: 10 * time.Minute, Phase: "value", Tags: []string{"pilot"}},
		{ID: "c09", Kind: CaptureRisk, Text: "Budget freeze in Q1", At: 11 * time.Minute, Phase: "value", Internal: true},
		{ID: "c10", Kind: CaptureIdea, Text: "A status page they can embed", At: 12 * time.Minute, Phase: "value"},
		{ID: "c11", Kind: CaptureNote, Text: "Ann took notes on paper throughout.", At: 13 * time.Minute, Phase: "value", Internal: true},
		{ID: "c12", Kind: CaptureFollowUp, Text: "What does the regulator ask for?", At: 14 * time.Minute, Phase: "value"},
		{ID: "c13", Kind: CaptureQuote, Text: "If it works at 3am,\nit works.", At: 20*time.Minute + 45*time.Second, Phase: "value"},
		{ID: "c14", Kind: CaptureNote, Text: "They use the word \"calm\" a lot.", At: 21 * time.Minute, Phase: "value"},
		{ID: "c15", Kind: CaptureQuote, Text: "Between us: the CFO wants to cut the contract.", At: 22 * time.Minute, Phase: "value", Internal: true},
	}
	for i, c := range caps {
		c.Created = at(2 + i)
		s.PutCapture(c, c.Created)
	}
	for _, it := range []RoadmapItem{
		{ID: "r1", Title: "Self-service API keys", Horizon: Now, Order: 1, Owner: "Ann", Target: "January", Pains: []string{"c02"}, Quotes: []string{"c01"}},
		{ID: "r2", Title: "Route alerts by service", Horizon: Now, Order: 2, Pains: []string{"c03", "c05"}},
		{ID: "r3", Title: "Automated monthly report", Horizon: Next, Order: 1, Owner: "Jane", Pains: []string{"c04"}, Quotes: []string{"c15"}},
		{ID: "r4", Title: "Embeddable status page", Horizon: Later, Order: 1, Target: "H2"},
	} {
		s.PutRoadmap(it, at(45))
	}
	return s
}

// manyCaptures builds a session like fullSession with n more captures of
// mixed kinds and ~50 answers, for the benchmark.
func manyCaptures(t testing.TB, n int) *Session {
	s := fullSession(t)
	kinds := []CaptureKind{CaptureNote, CaptureQuote, CapturePain, CaptureAction, CaptureDecision, CaptureRisk, CaptureIdea, CaptureFollowUp}
	for i := range n {
		k := kinds[i%len(kinds)]
		c := Capture{
			ID: fmt.Sprintf("m%04d", i), Kind: k, At: time.Duration(i) * 7 * time.Second, Phase: "value",
			Text:    fmt.Sprintf("Capture %d about the | payments platform, #tag%d and **more** words to make it a sentence", i, i%10),
			Created: testT0.Add(time.Duration(i) * time.Second), Internal: k == CaptureRisk,
		}
		if k == CapturePain {
			c.Impact, c.Effort = 1+i%5, 1+(i/5)%5
		}
		if k == CaptureAction && i%3 == 0 {
			c.Owner, c.Due = "Jane", "2026-12-01"
		}
		s.Captures = append(s.Captures, c)
	}
	for i := range 36 {
		id := fmt.Sprintf("extra-%02d", i)
		s.AddAdHoc(AdHocPrompt{ID: id, Phase: "value", Question: fmt.Sprintf("Ad-hoc question %d?", i)}, testT0)
		s.PutAnswer(Answer{PromptID: id, Text: fmt.Sprintf("An answer %d over\ntwo lines with - dashes and # hashes.", i)}, testT0)
	}
	return s
}
