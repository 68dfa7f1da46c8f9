package session

import (
	"fmt"
	"slices"
	"testing"

	"rapport/playbooks"
)

func TestSplitPains(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ", nil},
		{"Three weeks of waiting", []string{"Three weeks of waiting"}},
		{"Jargon; no prices ;", []string{"Jargon", "no prices"}},
		{"Jargon\n\n no prices", []string{"Jargon", "no prices"}},
		{"Slow, costly, opaque", []string{"Slow, costly, opaque"}},
	}
	for _, tt := range tests {
		if got := SplitPains(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("SplitPains(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// journeyStep is the journey prompt of testPlaybook as a step.
func journeyStep(t *testing.T, s *Session) Step {
	for _, st := range s.Steps() {
		if st.Prompt.Kind == playbooks.KindJourney {
			return st
		}
	}
	t.Fatal("no journey prompt")
	return Step{}
}

// journeyPains lists the session's journey pain captures as "id=text" with
// the impact when scored.
func journeyPains(s *Session) []string {
	var out []string
	for _, c := range s.Captures {
		if _, ok := c.JourneyPainPrompt(); ok {
			x := c.ID + "=" + c.Text
			if c.Impact > 0 {
				x += fmt.Sprintf(" [%d/%d]", c.Impact, c.Effort)
			}
			out = append(out, x)
		}
	}
	return out
}

// TestSyncJourneyPains walks a journey being typed and edited; after each
// step the pain captures must be exactly these, scores kept where the pain
// is the same pain.
func TestSyncJourneyPains(t *testing.T) {
	s := New(testID, testT0, "Acme", testPlaybook(t))
	st := journeyStep(t, s)
	steps := []struct {
		name   string
		stages []JourneyStage
		score  string // score this capture (impact 4, effort 2) after the step
		want   []string
		edits  int
	}{
		{"a stage with no pains", []JourneyStage{{Name: "Discover"}}, "", nil, 0},
		{"a pain typed, then scored", []JourneyStage{{Name: "Discover", Pains: "J"}}, "journey:stages:1", []string{"journey:stages:1=J (Discover)"}, 1},
		{"the pain typed on", []JourneyStage{{Name: "Discover", Pains: "Jargon"}}, "",
			[]string{"journey:stages:1=Jargon (Discover) [4/2]"}, 1},
		{"a second pain after a semicolon", []JourneyStage{{Name: "Discover", Pains: "Jargon; no prices"}}, "",
			[]string{"journey:stages:1=Jargon (Discover) [4/2]", "journey:stages:2=no prices (Discover)"}, 1},
		{"a stage inserted before keeps every score", []JourneyStage{{Name: "Search", Pains: "Too many vendors"}, {Name: "Discover", Pains: "Jargon; no prices"}}, "",
			[]string{"journey:stages:1=Jargon (Discover) [4/2]", "journey:stages:2=no prices (Discover)", "journey:stages:3=Too many vendors (Search)"}, 1},
		{"nothing changed, nothing saved", []JourneyStage{{Name: "Search", Pains: "Too many vendors"}, {Name: "Discover", Pains: "Jargon; no prices"}}, "",
			[]string{"journey:stages:1=Jargon (Discover) [4/2]", "journey:stages:2=no prices (Discover)", "journey:stages:3=Too many vendors (Search)"}, 0},
		{"a pain taken out", []JourneyStage{{Name: "Search", Pains: "Too many vendors"}, {Name: "Discover", Pains: "Jargon"}}, "",
			[]string{"journey:stages:1=Jargon (Discover) [4/2]", "journey:stages:3=Too many vendors (Search)"}, 1},
		{"a stage deleted", []JourneyStage{{Name: "Discover", Pains: "Jargon"}}, "",
			[]string{"journey:stages:1=Jargon (Discover) [4/2]"}, 1},
		{"a new pain takes the next number", []JourneyStage{{Name: "Discover", Pains: "Jargon"}, {Name: "Onboard", Pains: "Waiting"}}, "",
			[]string{"journey:stages:1=Jargon (Discover) [4/2]", "journey:stages:2=Waiting (Onboard)"}, 1},
		{"the journey cleared", nil, "", nil, 2},
	}
	for i, step := range steps {
		s.PutAnswer(Answer{PromptID: "stages", Stages: step.stages}, at(i))
		edits := s.SyncJourneyPains(st, at(i))
		if got := journeyPains(s); !slices.Equal(got, step.want) {
			t.Fatalf("%s: captures %q, want %q", step.name, got, step.want)
		}
		if len(edits) != step.edits {
			t.Errorf("%s: %d edits, want %d", step.name, len(edits), step.edits)
		}
		if step.score != "" {
			j := slices.IndexFunc(s.Captures, func(c Capture) bool { return c.ID == step.score })
			c := s.Captures[j]
			c.Impact, c.Effort = 4, 2
			s.PutCapture(c, at(i))
		}
	}
}

// TestJourneyPainsRank: pains typed into a stage appear in the ranking,
// after the scored pains until scored, and as pain captures of the
// journey's phase, internal when the session is a team one.
func TestJourneyPainsRank(t *testing.T) {
	s := fullSession(t)
	edits := s.SyncJourneyPains(journeyStep(t, s), at(50))
	if len(edits) != 2 {
		t.Fatalf("%d edits, want the two pains of fullSession's journey", len(edits))
	}
	var ranked []string
	for _, c := range RankPains(s.Captures) {
		ranked = append(ranked, c.ID)
	}
	want := []string{"c03", "c02", "c05", "c04", "journey:stages:1", "journey:stages:2"}
	if !slices.Equal(ranked, want) {
		t.Errorf("ranking %v, want the journey's pains after the scored ones %v", ranked, want)
	}
	c := s.Captures[len(s.Captures)-1]
	if c.Text != "Three weeks of waiting (Onboard)" || c.Phase != "journey" || c.Internal || c.Impact != 0 || c.Effort != 0 {
		t.Errorf("journey pain = %+v", c)
	}
	if err := s.Validate(); err != nil {
		t.Error(err)
	}
	if got := s.SyncJourneyPains(s.Steps()[0], at(51)); got != nil {
		t.Errorf("a prompt that is no journey gave edits %v", got)
	}
}
