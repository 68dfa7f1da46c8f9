package session

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"rapport/playbooks"
)

// TestMarkdownBuiltinGolden writes the summary of a full session of every
// built-in playbook, for both audiences, and compares it with a golden file:
// what a client and a coach would take away from each playbook, kept from
// changing by accident. -update rewrites them.
func TestMarkdownBuiltinGolden(t *testing.T) {
	b := playbooks.Builtins()
	entries, err := fs.ReadDir(b, ".")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		p, err := playbooks.ParseFS(b, e.Name())
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		n++
		t.Run(p.ID, func(t *testing.T) {
			s := answerEverything(*p)
			internal := Markdown(s, AudienceInternal)
			golden(t, "builtin-"+p.ID+"-internal", internal)
			goldenFile(t, "builtin-"+p.ID+"-internal.html", mustHTML(t, s, AudienceInternal))
			if p.Team() {
				// A team session has no client copy, so no golden one.
				if err := s.CheckAudience(AudienceClient); err == nil {
					t.Error("the client copy of a team session is not refused")
				}
				return
			}
			client := Markdown(s, AudienceClient)
			golden(t, "builtin-"+p.ID+"-client", client)
			goldenFile(t, "builtin-"+p.ID+"-client.html", mustHTML(t, s, AudienceClient))
			// Same session, same bytes.
			if again := Markdown(s, AudienceClient); string(again) != string(client) {
				t.Error("Markdown is not deterministic")
			}
			// Nothing internal reaches the client's copy.
			for _, ph := range p.Phases {
				for _, pr := range ph.Prompts {
					if pr.Internal && strings.Contains(string(client), EscapeInline(pr.Question)) {
						t.Errorf("internal prompt %q is in the client's copy", pr.ID)
					}
				}
				for _, tip := range ph.Tips {
					if strings.Contains(string(client), EscapeInline(tip)) {
						t.Errorf("tip %q is in the client's copy", tip)
					}
				}
				// The facilitator's side of each prompt stays theirs.
				for _, pr := range ph.Prompts {
					for _, f := range append([]string{pr.Help, pr.ListenFor}, pr.Probes...) {
						if f != "" && strings.Contains(string(client), EscapeInline(f)) {
							t.Errorf("prompt %s: %q is in the client's copy", pr.ID, f)
						}
					}
				}
			}
			if strings.Contains(string(client), "Between us") {
				t.Error("an internal capture is in the client's copy")
			}
		})
	}
	if n != 7 {
		t.Fatalf("found %d built-in playbooks, want 7", n)
	}
}

// mustHTML is the session's HTML page for audience a.
func mustHTML(t *testing.T, s *Session, a Audience) []byte {
	t.Helper()
	page, err := HTML(s, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// answerEverything answers every prompt of pb with a value of its kind, in
// the order a facilitator would, parks and skips a few, and adds captures of
// every kind and a small roadmap: a full session, made deterministically.
func answerEverything(pb playbooks.Playbook) *Session {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	s := New("01JBUILTINGOLDENSESS10NX00", t0, "Northwind Freight", pb)
	min := 0
	next := func() time.Time { min++; return t0.Add(time.Duration(min) * time.Minute) }
	s.UpdateHeader(func(h *Header) {
		h.Facilitator = "Sam Rivera"
		h.Contacts = []Contact{{Name: "Dana Smith", Role: "COO"}, {Name: "Lee Chen", Role: "Head of Operations"}}
		h.Tags = []string{"discovery"}
		if _, ok := s.TakeawaysPrompt(); !ok {
			h.Takeaways = []string{"Night re-planning is the pain to fix first", "Both depots want one weekly report"}
		}
	}, next())
	i := 0
	for _, ph := range pb.Phases {
		s.Spend(ph.ID, 7*time.Minute, next())
		for _, p := range ph.Prompts {
			i++
			switch {
			case p.Takeaways:
				// The read-back that is the Key takeaways is always given.
				s.PutAnswer(Answer{PromptID: p.ID, Items: []string{
					"Night re-planning is the pain to fix first", "Both depots want one weekly report"}}, next())
				continue
			case i%9 == 4:
				s.SetState(p.ID, StateParked, next())
				continue
			case i%9 == 7:
				s.SetState(p.ID, StateSkipped, next())
				continue
			}
			s.PutAnswer(answerOfKind(p, i), next())
		}
	}
	caps := []Capture{
		{Kind: CaptureQuote, Text: "We find out about problems from our drivers. #visibility", Speaker: "Dana Smith, COO"},
		{Kind: CapturePain, Text: "Night re-planning is done by hand, by two planners who stay until two in the morning", Impact: 5, Effort: 2, Tags: []string{"ops"}},
		{Kind: CapturePain, Text: "Reports take a day a week to put together from three systems", Impact: 3, Effort: 3},
		{Kind: CaptureAction, Text: "Send the route-planning pilot plan", Owner: "Sam", Due: "2026-12-01"},
		{Kind: CaptureAction, Text: "Book a session with the depot managers"},
		{Kind: CaptureDecision, Text: "Start with two depots"},
		{Kind: CaptureRisk, Text: "Budget freeze in Q1", Internal: true},
		{Kind: CaptureIdea, Text: "A morning digest for depot managers"},
		{Kind: CaptureNote, Text: "Between us: Dana is under pressure from the board.", Internal: true},
		{Kind: CaptureFollowUp, Text: "Which depots had the most late deliveries?"},
		{Kind: CaptureQuote, Text: "By the time the report is ready, the week has moved on.", Speaker: "Lee Chen, Head of Operations"},
		{Kind: CapturePain, Text: "Drivers hear about route changes by phone", Impact: 4, Effort: 2},
		{Kind: CaptureNote, Text: "The planners call their #spreadsheet the board"},
		{Kind: CaptureQuote, Text: "Nobody owns the handover between shifts."},
	}
	for k, c := range caps {
		c.ID = fmt.Sprintf("cap%02d", k+1)
		c.At = time.Duration(k+1) * 90 * time.Second
		c.Phase = pb.Phases[k%len(pb.Phases)].ID
		c.Created = next()
		s.PutCapture(c, c.Created)
	}
	s.PutRoadmap(RoadmapItem{ID: "r1", Title: "Automate night re-planning", Horizon: Now, Order: 1, Owner: "Dana", Pains: []string{"cap02"}, Quotes: []string{"cap01"}}, next())
	s.PutRoadmap(RoadmapItem{ID: "r2", Title: "Weekly report from the dispatch system", Horizon: Next, Order: 1, Pains: []string{"cap03"}}, next())
	s.PutRoadmap(RoadmapItem{ID: "r3", Title: "Depot manager digest", Horizon: Later, Order: 1}, next())
	return s
}

// answerOfKind makes an answer of p's kind; i varies the values.
func answerOfKind(p playbooks.Prompt, i int) Answer {
	a := Answer{PromptID: p.ID}
	switch p.Kind {
	case playbooks.KindText:
		a.Text = "A short answer to " + p.ID
	case playbooks.KindLongText:
		a.Text = "What they said about " + p.ID + ".\nA second line, in their words."
	case playbooks.KindRating:
		a.Rating = i%5 + 1
		if p.Evidence {
			a.Evidence = "The example they gave for " + p.ID
		}
	case playbooks.KindChoice:
		if len(p.Options) > 0 {
			a.Choices = []string{p.Options[i%len(p.Options)]}
		}
	case playbooks.KindMultiChoice:
		a.Choices = p.Options[:min(2, len(p.Options))]
	case playbooks.KindPercent:
		a.Number = num(85)
	case playbooks.KindNumber:
		a.Number = num(42)
	case playbooks.KindList:
		a.Items = []string{"First item for " + p.ID, "Second item"}
	case playbooks.KindJourney:
		a.Stages = []JourneyStage{
			{Name: "Request", Doing: "Emails the PMO", Touchpoints: "Email", Feeling: 0, Pains: "No reply for days"},
			{Name: "Plan", Doing: "Waits for a plan", Touchpoints: "Meetings", Feeling: -2, Pains: "Too many templates", Opportunities: "One-page plan"},
			{Name: "Deliver", Doing: "Tracks progress", Touchpoints: "Dashboard", Feeling: 1},
		}
	case playbooks.KindLedger:
		a.Ledger = []LedgerEntry{
			{Kind: Deposit, Text: "Kept the launch date", Amount: 3},
			{Kind: Withdrawal, Text: "Surprised them with a cost overrun", Amount: 2},
		}
	}
	return a
}
