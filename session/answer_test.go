package session

import "testing"

// TestANumberThatDoesNotParseIsNotAnAnswer: text in a percent prompt that
// is not a number is kept (the field's draft) but leaves the prompt open,
// so progress and the wrap-up do not count it; a number that parses
// answers it, and text that stops parsing opens it again.
func TestANumberThatDoesNotParseIsNotAnAnswer(t *testing.T) {
	s := New(testID, testT0, "Acme", testPlaybook(t))
	before := s.Index().Answered
	half := 50.0
	for i, step := range []struct {
		a     Answer
		state State
		count int
	}{
		{Answer{Text: "about half"}, StateOpen, 0},
		{Answer{Number: &half}, StateAnswered, 1},
		{Answer{Text: "fifty-ish"}, StateOpen, 0},
		{Answer{}, StateOpen, 0},
	} {
		a := s.AnswerFor("ratio")
		a.Text, a.Number = step.a.Text, step.a.Number
		s.PutAnswer(a, at(i+1))
		got := s.AnswerFor("ratio")
		if got.State != step.state {
			t.Errorf("step %d (%+v): state %s, want %s", i, step.a, got.State, step.state)
		}
		if got.Text != step.a.Text {
			t.Errorf("step %d: the draft %q was not kept", i, step.a.Text)
		}
		if n := s.Index().Answered - before; n != step.count {
			t.Errorf("step %d: %d answered, want %d", i, n, step.count)
		}
	}
}
