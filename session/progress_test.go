package session

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestEditIndexMatchesAFreshCount drives random edits (answers typed and
// cleared, states set, answers that show or hide other prompts, ad-hoc
// questions) and checks that the index record every edit carries, whose
// counts are kept between edits, is the one worked out afresh.
func TestEditIndexMatchesAFreshCount(t *testing.T) {
	ids := []string{"who", "team", "size", "candour", "why-candour", "stage", "stretch", "goals", "nope"}
	for seed := range uint64(20) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			s := New(testID, testT0, "Acme", testPlaybook(t))
			for step := range 300 {
				id := ids[rng.IntN(len(ids))]
				var e Edit
				switch rng.IntN(7) {
				case 0:
					e = s.PutAnswer(Answer{PromptID: id, Text: fmt.Sprint(step)}, at(step))
				case 1:
					e = s.PutAnswer(Answer{PromptID: id}, at(step)) // cleared
				case 2:
					e = s.PutAnswer(Answer{PromptID: "candour", Rating: 1 + rng.IntN(5)}, at(step))
				case 3:
					opt := []string{"Forming", "Norming", "Performing"}[rng.IntN(3)]
					e = s.PutAnswer(Answer{PromptID: "stage", Choices: []string{opt}}, at(step))
				case 4:
					st := []State{StateOpen, StateSkipped, StateParked, StateNotApplicable, StateAnswered}[rng.IntN(5)]
					e = s.SetState(id, st, at(step))
				case 5:
					e = s.AddAdHoc(AdHocPrompt{ID: fmt.Sprint("q", step), Phase: "value", After: id, Question: "?"}, at(step))
				case 6:
					e = s.MoveCursor(id, at(step))
				}
				if want := s.Index(); e.Index != want {
					t.Fatalf("step %d: edit carries %+v, a fresh count gives %+v", step, e.Index, want)
				}
			}
		})
	}
}

// BenchmarkPutAnswer is one keystroke's edit on a session of 200 answered
// prompts: its cost must not grow with the session.
func BenchmarkPutAnswer(b *testing.B) {
	s := New(testID, testT0, "Acme", testPlaybook(b))
	for i := range 200 {
		s.AddAdHoc(AdHocPrompt{ID: fmt.Sprint("q", i), Phase: "value", Question: "?"}, at(1))
		s.PutAnswer(Answer{PromptID: fmt.Sprint("q", i), Text: "an answer"}, at(1))
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.PutAnswer(Answer{PromptID: "who", Text: "typed " + fmt.Sprint(i%2)}, at(2))
	}
}
