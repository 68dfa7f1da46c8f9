package session

import (
	"slices"
	"testing"
)

func TestWrapUp(t *testing.T) {
	ids := func(steps []Step) []string {
		var out []string
		for _, st := range steps {
			out = append(out, st.Prompt.ID)
		}
		return out
	}
	capIDs := func(cs []Capture) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	tests := []struct {
		name               string
		edit               func(s *Session)
		parked, required   []string
		actions, followUps []string
	}{
		{
			name:     "a new session: every required prompt is open",
			edit:     func(*Session) {},
			required: []string{"who", "success"},
		},
		{
			name: "answered and parked prompts: parked listed in asking order, not as parked",
			edit: func(s *Session) {
				s.PutAnswer(Answer{PromptID: "who", Text: "Platform teams"}, testT0)
				s.SetState("success", StateParked, testT0)
				s.SetState("deadline", StateParked, testT0)
			},
			parked: []string{"deadline", "success"},
		},
		{
			name: "skipped required prompt is not open",
			edit: func(s *Session) {
				s.SetState("who", StateSkipped, testT0)
			},
			required: []string{"success"},
		},
		{
			name: "actions missing an owner, a date or both; follow-ups; other kinds ignored",
			edit: func(s *Session) {
				s.Captures = append(s.Captures,
					Capture{ID: "both", Kind: CaptureAction, Owner: "Jane", Due: "2026-12-01"},
					Capture{ID: "none", Kind: CaptureAction},
					Capture{ID: "owner", Kind: CaptureAction, Due: "2026-12-01"},
					Capture{ID: "due", Kind: CaptureAction, Owner: "Jane"},
					Capture{ID: "ask", Kind: CaptureFollowUp, Text: "Who signs?"},
					Capture{ID: "note", Kind: CaptureNote},
				)
			},
			required:  []string{"who", "success"},
			actions:   []string{"none", "owner", "due"},
			followUps: []string{"ask"},
		},
		{
			name: "a done action needs no owner or date; an answered follow-up is still listed",
			edit: func(s *Session) {
				s.Captures = append(s.Captures,
					Capture{ID: "done", Kind: CaptureAction, Done: "2026-12-03"},
					Capture{ID: "ask", Kind: CaptureFollowUp, Text: "Who signs?", Answer: "Maria", Done: "2026-12-03"},
				)
			},
			required:  []string{"who", "success"},
			followUps: []string{"ask"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(testID, testT0, "Acme", testPlaybook(t))
			tt.edit(s)
			w := s.WrapUp()
			check := func(what string, got, want []string) {
				t.Helper()
				if !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("Parked", ids(w.Parked), tt.parked)
			check("Required", ids(w.Required), tt.required)
			check("Actions", capIDs(w.Actions), tt.actions)
			check("FollowUps", capIDs(w.FollowUps), tt.followUps)
		})
	}
}

func TestCaptureMissing(t *testing.T) {
	tests := []struct {
		c    Capture
		want string
	}{
		{Capture{Kind: CaptureAction}, "no owner, no due date"},
		{Capture{Kind: CaptureAction, Due: "2026-12-01"}, "no owner"},
		{Capture{Kind: CaptureAction, Owner: "Jane"}, "no due date"},
		{Capture{Kind: CaptureAction, Owner: "Jane", Due: "2026-12-01"}, ""},
		{Capture{Kind: CaptureNote}, ""},
	}
	for _, tt := range tests {
		if got := tt.c.Missing(); got != tt.want {
			t.Errorf("%+v.Missing() = %q, want %q", tt.c, got, tt.want)
		}
	}
}

// TestWrapUpCarried: the wrap-up lists what the session carried and is
// still open, as the session that made it holds it.
func TestWrapUpCarried(t *testing.T) {
	first := fullSession(t)
	second := FollowUp([]*Session{first}, "01JF0000000000000000000000", testT0.AddDate(0, 0, 8), testPlaybook(t))
	if _, err := first.CloseItem("c07", "2026-12-03", "", at(60)); err != nil {
		t.Fatal(err)
	}
	keys := func(items []LoopItem) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Ref.Item)
		}
		return out
	}
	if got := keys(second.WrapUpWith(Find([]*Session{first})).Carried); !slices.Equal(got, []string{"c06", "c12", "parked-deadline"}) {
		t.Errorf("with its origin the wrap-up carries %v, want c07 left out (done)", got)
	}
	if got := keys(second.WrapUp().Carried); !slices.Equal(got, []string{"c06", "c07", "c12", "parked-deadline"}) {
		t.Errorf("without it %v, want every reference", got)
	}
}
