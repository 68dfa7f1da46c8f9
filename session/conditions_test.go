package session

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"rapport/playbooks"
)

// conditionalPlaybook has a chain of conditions (trust -> why-low ->
// burned-how) and a conditional phase with a required prompt.
func conditionalPlaybook(t *testing.T) playbooks.Playbook {
	return playbooks.Playbook{ID: "cond", Title: "Conditional", Version: 2, Phases: []playbooks.Phase{
		{ID: "start", Title: "Start", Prompts: []playbooks.Prompt{
			{ID: "trust", Kind: playbooks.KindRating, Question: "How much trust?"},
			{ID: "why-low", Kind: playbooks.KindChoice, Question: "Why so low?", Options: []string{"Burned", "New"},
				ShowIf: &playbooks.Condition{Prompt: "trust", Is: mustCompare(t, "<= 2")}},
			{ID: "burned-how", Kind: playbooks.KindLongText, Question: "How were they burned?",
				ShowIf: &playbooks.Condition{Prompt: "why-low", Is: mustCompare(t, "Burned")}},
			{ID: "stage", Kind: playbooks.KindChoice, Question: "Which stage?", Options: []string{"Pilot", "Live"}},
		}},
		{ID: "live", Title: "Since launch", ShowIf: &playbooks.Condition{Prompt: "stage", Is: mustCompare(t, "Live")},
			Prompts: []playbooks.Prompt{
				{ID: "incidents", Kind: playbooks.KindList, Question: "What went wrong since launch?", Required: true},
			}},
	}}
}

// TestConditionsHideEverywhere checks that a prompt whose condition does
// not hold is absent from the steps (the runner's order, index and
// wrap-up), from progress, and from the summary, and never counts as open.
func TestConditionsHideEverywhere(t *testing.T) {
	type answer struct {
		id    string
		a     Answer
		state State // set after the answer, when not ""
	}
	rating := func(n int) Answer { return Answer{Rating: n} }
	choice := func(c string) Answer { return Answer{Choices: []string{c}} }
	text := func(s string) Answer { return Answer{Text: s} }
	for _, tc := range []struct {
		name     string
		answers  []answer
		steps    []string
		answered int
		hidden   []string // questions and answer text the summary must not hold
	}{
		{name: "nothing answered", steps: []string{"trust", "stage"},
			hidden: []string{"Why so low?", "How were they burned?", "Since launch"}},
		{name: "low trust shows why", answers: []answer{{id: "trust", a: rating(2)}},
			steps: []string{"trust", "why-low", "stage"}, answered: 1,
			hidden: []string{"How were they burned?"}},
		{name: "a chain shows step by step", answers: []answer{
			{id: "trust", a: rating(1)}, {id: "why-low", a: choice("burned")}, {id: "burned-how", a: text("A vendor left")}},
			steps: []string{"trust", "why-low", "burned-how", "stage"}, answered: 3},
		{name: "high trust hides the chain and its stale answers", answers: []answer{
			{id: "why-low", a: choice("Burned")}, {id: "burned-how", a: text("A vendor left")}, {id: "trust", a: rating(4)}},
			steps: []string{"trust", "stage"}, answered: 1,
			hidden: []string{"Why so low?", "How were they burned?", "A vendor left", "Burned"}},
		{name: "a skipped condition hides", answers: []answer{{id: "trust", a: rating(2), state: StateSkipped}},
			steps: []string{"trust", "stage"}, answered: 1, hidden: []string{"Why so low?"}},
		{name: "a phase shows when its condition holds", answers: []answer{{id: "stage", a: choice("Live")}},
			steps: []string{"trust", "stage", "incidents"}, answered: 1},
		{name: "a phase hides, and its required prompt is not open", answers: []answer{{id: "stage", a: choice("Pilot")}},
			steps: []string{"trust", "stage"}, answered: 1, hidden: []string{"Since launch", "What went wrong"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := New(testID, testT0, "Acme", conditionalPlaybook(t))
			for i, x := range tc.answers {
				x.a.PromptID = x.id
				x.a.State = StateOpen
				s.PutAnswer(x.a, at(i+1))
				if x.state != "" {
					s.SetState(x.id, x.state, at(i+1))
				}
			}
			if got := stepIDs(s); !slices.Equal(got, tc.steps) {
				t.Errorf("steps %v, want %v", got, tc.steps)
			}
			idx := s.Index()
			if idx.Total != len(tc.steps) || idx.Answered != tc.answered {
				t.Errorf("progress %d/%d, want %d/%d", idx.Answered, idx.Total, tc.answered, len(tc.steps))
			}
			for _, aud := range []Audience{AudienceClient, AudienceInternal} {
				md := string(Markdown(s, aud))
				for _, h := range tc.hidden {
					if strings.Contains(md, h) {
						t.Errorf("%s summary holds hidden %q:\n%s", aud, h, md)
					}
				}
				// The internal copy has every prompt shown (answered or
				// not covered); the client's, those answered.
				for _, st := range s.Steps() {
					if a := s.AnswerFor(st.Prompt.ID); aud == AudienceClient && !covered(a) {
						continue
					}
					if !strings.Contains(md, st.Prompt.Question) {
						t.Errorf("%s summary lacks shown %q", aud, st.Prompt.Question)
					}
				}
				if strings.Contains(md, "open, required") && !slices.Contains(tc.steps, "incidents") {
					t.Errorf("%s summary lists a hidden required prompt as open", aud)
				}
			}
		})
	}
}

// chainPlaybook is n phases of one prompt each, every phase after the first
// shown only when the previous prompt is "yes", and its prompt carrying the
// same condition again: the shape that made evaluation double per level
// (a phase's condition and its prompt's both followed the chain).
func chainPlaybook(t testing.TB, n int) playbooks.Playbook {
	pb := playbooks.Playbook{ID: "chain", Title: "Chain", Version: 1}
	yes := mustCompare(t, "yes")
	for i := range n {
		ph := playbooks.Phase{ID: fmt.Sprintf("ph%d", i), Title: fmt.Sprintf("Phase %d", i),
			Prompts: []playbooks.Prompt{{ID: fmt.Sprintf("p%d", i), Kind: playbooks.KindText, Question: fmt.Sprintf("Step %d?", i)}}}
		if i > 0 {
			c := &playbooks.Condition{Prompt: fmt.Sprintf("p%d", i-1), Is: yes}
			ph.ShowIf, ph.Prompts[0].ShowIf = c, c
		}
		pb.Phases = append(pb.Phases, ph)
	}
	return pb
}

// answerChain answers the first k prompts of a chain "yes".
func answerChain(s *Session, k int) {
	for i := range k {
		s.PutAnswer(Answer{PromptID: fmt.Sprintf("p%d", i), State: StateOpen, Text: "yes"}, at(i+1))
	}
}

// TestLongChainsShowWhole: with the depth limit gone, every prompt of a
// long chain shows once its predecessor is answered (the limit used to hide
// prompts 67 onward without a word), and breaking the chain anywhere hides
// the rest. The playbook validates: a chain is not a cycle.
func TestLongChainsShowWhole(t *testing.T) {
	for _, n := range []int{1, 2, 70, 200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			pb := chainPlaybook(t, n)
			if err := pb.Validate(); err != nil {
				t.Fatalf("a chain of %d does not validate: %v", n, err)
			}
			s := New(testID, testT0, "Acme", pb)
			answerChain(s, n)
			if got := len(s.Steps()); got != n {
				t.Errorf("all answered: %d steps, want %d", got, n)
			}
			if idx := s.Index(); idx.Total != n || idx.Answered != n {
				t.Errorf("progress %d/%d, want %d/%d", idx.Answered, idx.Total, n, n)
			}
			if n > 1 {
				mid := n / 2
				s.PutAnswer(Answer{PromptID: fmt.Sprintf("p%d", mid), State: StateOpen, Text: "no"}, at(n+1))
				if got := len(s.Steps()); got != mid+1 {
					t.Errorf("chain broken at %d: %d steps, want %d", mid, got, mid+1)
				}
				v := s.Visibility()
				if after := fmt.Sprintf("p%d", mid+1); !v.Prompt(fmt.Sprintf("p%d", mid)) || mid+1 < n && v.Prompt(after) {
					t.Errorf("chain broken at %d: it should show and %s should not", mid, after)
				}
			}
		})
	}
}

// TestVisibilityLooksOnlyBack: a condition in an unvalidated snapshot that
// names a later prompt or its own never holds, so the order of evaluation
// cannot change what shows.
func TestVisibilityLooksOnlyBack(t *testing.T) {
	yes := mustCompare(t, "yes")
	pb := playbooks.Playbook{ID: "fwd", Title: "Forward", Version: 1, Phases: []playbooks.Phase{
		{ID: "a", Title: "A", Prompts: []playbooks.Prompt{
			{ID: "early", Kind: playbooks.KindText, Question: "Early?", ShowIf: &playbooks.Condition{Prompt: "late", Is: yes}},
			{ID: "self", Kind: playbooks.KindText, Question: "Self?", ShowIf: &playbooks.Condition{Prompt: "self", Is: yes}},
			{ID: "late", Kind: playbooks.KindText, Question: "Late?"},
		}},
		{ID: "b", Title: "B", ShowIf: &playbooks.Condition{Prompt: "inside", Is: yes}, Prompts: []playbooks.Prompt{
			{ID: "inside", Kind: playbooks.KindText, Question: "Inside?"},
		}},
	}}
	s := New(testID, testT0, "Acme", pb)
	for i, id := range []string{"early", "self", "late", "inside"} {
		s.PutAnswer(Answer{PromptID: id, State: StateOpen, Text: "yes"}, at(i+1))
	}
	if got := stepIDs(s); !slices.Equal(got, []string{"late"}) {
		t.Errorf("steps %v, want [late]", got)
	}
	v := s.Visibility()
	if v.Phase(1) {
		t.Error("a phase whose condition names its own prompt shows")
	}
	if !v.Prompt("an-ad-hoc-id") {
		t.Error("an id that is not a playbook prompt is hidden")
	}
}

func TestShownSurvivesACycleInAnImportedSnapshot(t *testing.T) {
	// The validator refuses conditions that look forward; an imported JSON
	// snapshot is not validated, so a cycle must end, hidden.
	pb := playbooks.Playbook{ID: "loop", Title: "Loop", Version: 1, Phases: []playbooks.Phase{{ID: "a", Title: "A",
		Prompts: []playbooks.Prompt{
			{ID: "x", Kind: playbooks.KindText, Question: "X?", ShowIf: &playbooks.Condition{Prompt: "y", Is: mustCompare(t, "yes")}},
			{ID: "y", Kind: playbooks.KindText, Question: "Y?", ShowIf: &playbooks.Condition{Prompt: "x", Is: mustCompare(t, "yes")}},
		}}}}
	s := New(testID, testT0, "Acme", pb)
	s.PutAnswer(Answer{PromptID: "x", State: StateOpen, Text: "yes"}, at(1))
	s.PutAnswer(Answer{PromptID: "y", State: StateOpen, Text: "yes"}, at(2))
	if got := stepIDs(s); len(got) != 0 {
		t.Errorf("steps %v, want none", got)
	}
}

func TestPhasePositionCountsShownPhases(t *testing.T) {
	pb := conditionalPlaybook(t)
	pb.Phases = append(pb.Phases, playbooks.Phase{ID: "close", Title: "Close",
		Prompts: []playbooks.Prompt{{ID: "next", Kind: playbooks.KindText, Question: "Next?"}}})
	s := New(testID, testT0, "Acme", pb)
	if n, of := PhasePosition(s.Steps(), 2); n != 2 || of != 2 {
		t.Errorf("with the middle phase hidden, close is phase %d of %d, want 2 of 2", n, of)
	}
	if n, _ := PhasePosition(s.Steps(), 1); n != 0 {
		t.Errorf("a hidden phase has position %d, want 0", n)
	}
	s.PutAnswer(Answer{PromptID: "stage", State: StateOpen, Choices: []string{"Live"}}, at(1))
	if n, of := PhasePosition(s.Steps(), 2); n != 3 || of != 3 {
		t.Errorf("with every phase shown, close is phase %d of %d, want 3 of 3", n, of)
	}
}

// BenchmarkVisibilityChain times what every edit costs on a chain of
// conditions (the session's Index, which works out visibility and walks the
// steps) at 16, 32 and 64 levels, every level answered so the whole chain
// shows: the time grows in step with the length (it used to double per
// level: 2.5 s a keystroke at 22).
func BenchmarkVisibilityChain(b *testing.B) {
	for _, n := range []int{16, 32, 64} {
		b.Run(fmt.Sprintf("chain=%d", n), func(b *testing.B) {
			s := New(testID, testT0, "Acme", chainPlaybook(b, n))
			answerChain(s, n)
			if idx := s.Index(); idx.Total != n {
				b.Fatalf("%d steps shown, want %d", idx.Total, n)
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = s.Index()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/level")
		})
	}
}
