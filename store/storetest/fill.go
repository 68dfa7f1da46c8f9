// Package storetest makes realistic stores for the tests and benchmarks of
// the store, the command line and start-up, so they all measure and check
// the same kind of data: sessions with clients, answers of every kind,
// captures and a roadmap.
package storetest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/oklog/ulid/v2"

	"rapport/playbooks"
	"rapport/session"
	"rapport/store"
)

// Epoch is the creation time of the first session Fill makes; later ones
// follow an hour apart, so runs with the same seed give the same store.
var Epoch = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// Playbook is a small playbook with one prompt of every kind, two phases,
// tips and a show_if condition.
func Playbook() playbooks.Playbook {
	low, _ := playbooks.ParseComparison("<= 2")
	high, _ := playbooks.ParseComparison(">= 80")
	return playbooks.Playbook{
		ID:      "customer-discovery",
		Title:   "Customer discovery",
		Version: 3,
		Summary: "Who they are, what they value, where it hurts.",
		Phases: []playbooks.Phase{
			{
				ID: "identify", Title: "Identify the customer", Goal: "Who they are.",
				Timebox: 10 * time.Minute, Tips: []string{"Ask, then stay silent."},
				Prompts: []playbooks.Prompt{
					{ID: "who-they-serve", Kind: playbooks.KindLongText, Question: "Who do they serve?", Required: true},
					{ID: "role", Kind: playbooks.KindText, Question: "Their role?"},
					{ID: "trust", Kind: playbooks.KindRating, Question: "How much do they trust us?", Evidence: true, Scorecard: "Partnership"},
					{ID: "why-low", Kind: playbooks.KindLongText, Question: "Why so low?", ShowIf: &playbooks.Condition{Prompt: "trust", Is: low}},
					{ID: "stage", Kind: playbooks.KindChoice, Question: "Which stage?", Options: []string{"New", "Growing", "Mature"}},
				},
			},
			{
				ID: "value", Title: "Learn what they value", Goal: "What matters.",
				Prompts: []playbooks.Prompt{
					{ID: "channels", Kind: playbooks.KindMultiChoice, Question: "Channels?", Options: []string{"Email", "Chat", "Calls"}},
					{ID: "disagree", Kind: playbooks.KindPercent, Question: "Disagreements won by them?", Flag: &playbooks.Flag{When: high, Say: "Little partnership."}},
					{ID: "team", Kind: playbooks.KindNumber, Question: "Team size?"},
					{ID: "goals", Kind: playbooks.KindList, Question: "Their goals?"},
					{ID: "journey", Kind: playbooks.KindJourney, Question: "Their journey?"},
					{ID: "ledger", Kind: playbooks.KindLedger, Question: "Trust deposits and withdrawals?", Internal: true},
				},
			},
		},
	}
}

// FullSession is a session with an answer of every kind, a skipped and a
// parked prompt, an ad-hoc question, captures of every kind and a roadmap:
// what a round trip through the store (or an export) must keep whole. The
// session is built with session's own mutations, as the app would.
func FullSession(id string, now time.Time) *session.Session {
	s := session.New(id, now, "Acme Rail", Playbook())
	tick := func() time.Time { now = now.Add(time.Second); return now }
	s.UpdateHeader(func(h *session.Header) {
		h.Facilitator = "Sam"
		h.Contacts = []session.Contact{{Name: "Ada", Role: "COO"}, {Name: "Bo"}}
		h.Tags = []string{"rail", "q3"}
	}, tick())
	num := func(f float64) *float64 { return &f }
	answers := []session.Answer{
		{PromptID: "who-they-serve", Text: "Commuters in three regions.\nAnd freight on weekends."},
		{PromptID: "role", Text: "Operations"},
		{PromptID: "trust", Rating: 2, Evidence: "Asked for weekly reports"},
		{PromptID: "why-low", Text: "Two missed launches | one outage"},
		{PromptID: "stage", Choices: []string{"Growing"}},
		{PromptID: "channels", Choices: []string{"Email", "Calls"}},
		{PromptID: "disagree", Number: num(85)},
		{PromptID: "goals", Items: []string{"On-time rate 95%", "# fewer complaints"}},
		{PromptID: "journey", Stages: []session.JourneyStage{
			{Name: "Plan", Doing: "Checks the app", Touchpoints: "App", Feeling: 1},
			{Name: "Ride", Doing: "Waits", Pains: "Delays", Opportunities: "Live info", Feeling: -2},
		}},
		{PromptID: "ledger", Ledger: []session.LedgerEntry{
			{Kind: session.Deposit, Text: "Fixed the outage fast", Amount: 3},
			{Kind: session.Withdrawal, Text: "Late invoice", Amount: 1},
		}},
	}
	for _, a := range answers {
		s.PutAnswer(a, tick())
	}
	s.SetState("team", session.StateSkipped, tick())
	s.AddAdHoc(session.AdHocPrompt{ID: "adhoc-1", Phase: "value", After: "team", Question: "Who signs off?"}, tick())
	s.PutAnswer(session.Answer{PromptID: "adhoc-1", Text: "The board", State: session.StateParked}, tick())
	s.Spend("identify", 7*time.Minute, tick())
	s.Spend("value", 3*time.Minute, tick())
	s.MoveCursor("ledger", tick())

	kinds := []session.CaptureKind{
		session.CaptureNote, session.CaptureQuote, session.CapturePain, session.CaptureAction,
		session.CaptureDecision, session.CaptureRisk, session.CaptureIdea, session.CaptureFollowUp,
	}
	entropy := rand.NewChaCha8([32]byte{1})
	var pains, quotes []string
	for i, k := range kinds {
		at := tick()
		c := session.Capture{
			ID: ulid.MustNew(ulid.Timestamp(at), entropy).String(), Kind: k,
			Text: fmt.Sprintf("%s %d: \x1b[31mred\x1b[0m text", k, i), At: time.Duration(i) * time.Minute,
			Phase: "identify", Tags: []string{"t" + fmt.Sprint(i)}, Created: at,
			Internal: k == session.CaptureRisk,
		}
		switch k {
		case session.CapturePain:
			c.Impact, c.Effort = 5, 2
			pains = append(pains, c.ID)
		case session.CaptureAction:
			c.Owner, c.Due = "Ada", "2026-02-01"
		case session.CaptureQuote:
			quotes = append(quotes, c.ID)
		}
		s.PutCapture(c, at)
	}
	s.PutRoadmap(session.RoadmapItem{ID: "rm-1", Title: "Live delay info", Horizon: session.Now, Pains: pains, Quotes: quotes, Owner: "Bo"}, tick())
	s.PutRoadmap(session.RoadmapItem{ID: "rm-0", Title: "Weekly report", Horizon: session.Next, Order: 1, Target: "Q3"}, tick())
	return s
}

var (
	clientNames = []string{
		"Acme Rail", "Borealis Bank", "Cobalt Health", "Delta Freight", "Evergreen Foods",
		"Fjord Energy", "Granite Insurance", "Harbor Logistics", "Iris Telecom", "Juniper Retail",
		"Kestrel Air", "Lumen Schools", "Meridian Water", "Northwind Media", "Orchid Pharma",
		"Pioneer Mining", "Quarry Build", "Riverside Council", "Summit Hotels", "Tundra Games",
	}
	clientKinds = []string{"", " Group", " Labs", " Partners", " EU", " North"}
	phrases     = []string{
		"They want fewer handoffs between teams.",
		"Weekly reporting takes two people a full day.",
		"Nobody owns the onboarding journey end to end.",
		"The last vendor over-promised and under-delivered.",
		"Quick wins matter more than a big plan this quarter.",
		"Customers complain about the same three things.",
		"Leadership changed twice in a year; trust is thin.",
		"They measure success by renewals, not features.",
	}
)

// Fill adds n realistic sessions to s, made deterministically from seed:
// about 120 clients, each session with a few answers and captures and
// sometimes a roadmap item, created an hour apart from Epoch and some
// finished. It writes them in large transactions, so filling 10,000 takes
// seconds, not one fsync per session.
func Fill(s *store.Store, n int, seed int64) error {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	var key [32]byte
	for i := range 8 {
		key[i] = byte(uint64(seed) >> (8 * i))
	}
	entropy := rand.NewChaCha8(key)
	pb := Playbook()
	prompts := []string{"who-they-serve", "role", "why-low", "goals"}
	kinds := []session.CaptureKind{session.CaptureNote, session.CaptureQuote, session.CapturePain, session.CaptureAction, session.CaptureIdea}
	const batch = 500
	var pending []*session.Session
	for i := range n {
		created := Epoch.Add(time.Duration(i) * time.Hour)
		now := created
		tick := func() time.Time { now = now.Add(time.Duration(1+rng.IntN(90)) * time.Second); return now }
		id := ulid.MustNew(ulid.Timestamp(created), entropy).String()
		client := clientNames[rng.IntN(len(clientNames))] + clientKinds[rng.IntN(len(clientKinds))]
		sess := session.New(id, created, client, pb)
		sess.UpdateHeader(func(h *session.Header) {
			h.Facilitator = "Sam"
			h.Tags = []string{"discovery"}
		}, tick())
		for _, p := range prompts[:1+rng.IntN(len(prompts))] {
			text := phrases[rng.IntN(len(phrases))] + " " + phrases[rng.IntN(len(phrases))]
			sess.PutAnswer(session.Answer{PromptID: p, Text: text}, tick())
		}
		sess.PutAnswer(session.Answer{PromptID: "trust", Rating: 1 + rng.IntN(5), Evidence: "From the kickoff."}, tick())
		var pains []string
		for range 1 + rng.IntN(5) {
			at := tick()
			c := session.Capture{
				ID:   ulid.MustNew(ulid.Timestamp(at), entropy).String(),
				Kind: kinds[rng.IntN(len(kinds))], Text: phrases[rng.IntN(len(phrases))],
				At: at.Sub(created), Phase: "identify", Created: at,
			}
			if c.Kind == session.CapturePain {
				c.Impact, c.Effort = 1+rng.IntN(5), 1+rng.IntN(5)
				pains = append(pains, c.ID)
			}
			sess.PutCapture(c, at)
		}
		if len(pains) > 0 {
			sess.PutRoadmap(session.RoadmapItem{
				ID: ulid.MustNew(ulid.Timestamp(now), entropy).String(), Title: "Fix the top pain",
				Horizon: session.Now, Pains: pains,
			}, tick())
		}
		sess.Spend("identify", time.Duration(5+rng.IntN(20))*time.Minute, tick())
		if rng.IntN(3) > 0 {
			sess.Finish(tick())
		}
		pending = append(pending, sess)
		if len(pending) == batch || i == n-1 {
			if err := s.PutAll(pending...); err != nil {
				return fmt.Errorf("fill store: %w", err)
			}
			pending = pending[:0]
		}
	}
	return nil
}
