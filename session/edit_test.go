package session

import (
	"slices"
	"testing"
	"time"

	"rapport/playbooks"
)

func TestPutAnswerState(t *testing.T) {
	tests := []struct {
		name string
		in   Answer
		want State
	}{
		{"typing into an open prompt answers it", Answer{State: StateOpen, Text: "x"}, StateAnswered},
		{"clearing an answered prompt opens it", Answer{State: StateAnswered}, StateOpen},
		{"no state and a value: answered", Answer{Rating: 3}, StateAnswered},
		{"no state and no value: open", Answer{}, StateOpen},
		{"typing into a skipped prompt keeps it skipped", Answer{State: StateSkipped, Text: "x"}, StateSkipped},
		{"typing into a parked prompt keeps it parked", Answer{State: StateParked, Items: []string{"a"}}, StateParked},
		{"a zero number is a value", Answer{State: StateOpen, Number: num(0)}, StateAnswered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(testID, testT0, "Acme", testPlaybook(t))
			tt.in.PromptID = "who"
			e := s.PutAnswer(tt.in, at(5))
			if got := s.Answers["who"].State; got != tt.want {
				t.Errorf("state %q, want %q", got, tt.want)
			}
			if e.Answer == nil || e.Answer.State != tt.want || e.Answer.PromptID != "who" {
				t.Errorf("edit carries %+v, want the stored answer", e.Answer)
			}
			if !s.Answers["who"].Updated.Equal(at(5)) || !s.Updated.Equal(at(5)) {
				t.Errorf("answer and session not stamped with the edit time")
			}
			if e.SessionID != testID || e.Header.ID != testID || e.Index.ID != testID {
				t.Errorf("edit does not name the session: %+v", e)
			}
		})
	}
}

func TestPutAnswerEditIsIndependent(t *testing.T) {
	s := New(testID, testT0, "Acme", testPlaybook(t))
	e := s.PutAnswer(Answer{PromptID: "goals", Items: []string{"a", "b"}, Number: num(1)}, at(1))
	s.Answers["goals"].Items[0] = "changed"
	*s.Answers["goals"].Number = 9
	if e.Answer.Items[0] != "a" || *e.Answer.Number != 1 {
		t.Errorf("the edit shares memory with the session: %+v", e.Answer)
	}
}

func TestSetState(t *testing.T) {
	tests := []struct {
		name  string
		prior *Answer
		set   State
		want  State
	}{
		{"skip an open prompt", nil, StateSkipped, StateSkipped},
		{"park keeps the text", &Answer{State: StateAnswered, Text: "half"}, StateParked, StateParked},
		{"not applicable", nil, StateNotApplicable, StateNotApplicable},
		{"answered on empty stays open", nil, StateAnswered, StateOpen},
		{"reopen with text is answered", &Answer{State: StateSkipped, Text: "half"}, StateOpen, StateAnswered},
		{"reopen empty is open", &Answer{State: StateSkipped}, StateOpen, StateOpen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(testID, testT0, "Acme", testPlaybook(t))
			if tt.prior != nil {
				p := *tt.prior
				p.PromptID = "who"
				s.Answers["who"] = &p
			}
			e := s.SetState("who", tt.set, at(2))
			a := s.AnswerFor("who")
			if a.State != tt.want {
				t.Errorf("state %q, want %q", a.State, tt.want)
			}
			if tt.prior != nil && a.Text != tt.prior.Text {
				t.Errorf("text %q lost: %q", tt.prior.Text, a.Text)
			}
			if e.Answer == nil || e.Answer.State != tt.want {
				t.Errorf("edit carries %+v", e.Answer)
			}
		})
	}
}

func stepIDs(s *Session) []string {
	var ids []string
	for _, st := range s.Steps() {
		ids = append(ids, st.Prompt.ID)
	}
	return ids
}

func TestStepsShowIfAndAdHoc(t *testing.T) {
	s := New(testID, testT0, "Acme", testPlaybook(t))
	if s.Cursor != "who" {
		t.Errorf("new session cursor %q, want the first prompt", s.Cursor)
	}
	base := []string{"who", "team", "size", "read", "trust", "candour", "hours", "ratio", "stage", "channels", "goals",
		"budget", "deadline", "legal", "success", "stages", "trust-ledger"}
	if got := stepIDs(s); !slices.Equal(got, base) {
		t.Fatalf("steps %v, want %v", got, base)
	}

	// A low candour rating shows the follow-up prompt right after "goals".
	s.PutAnswer(Answer{PromptID: "candour", Rating: 2}, at(1))
	if got := stepIDs(s); !slices.Contains(got, "why-candour") || slices.Index(got, "why-candour") != slices.Index(got, "goals")+1 {
		t.Errorf("show_if met, steps %v", got)
	}
	// Skipping the rating hides it again: a condition needs an answer.
	s.SetState("candour", StateSkipped, at(2))
	if slices.Contains(stepIDs(s), "why-candour") {
		t.Errorf("show_if on a skipped answer still shows the prompt")
	}

	// A phase shown only for performing teams.
	s.PutAnswer(Answer{PromptID: "stage", Choices: []string{"performing"}}, at(3))
	if got := stepIDs(s); got[len(got)-1] != "stretch" {
		t.Errorf("phase show_if met, steps end %v", got[len(got)-3:])
	}

	// Ad-hoc questions sit after their prompt, or at the end of the phase.
	s.AddAdHoc(AdHocPrompt{ID: "ah-after", Phase: "identify", After: "team", Question: "Q1"}, at(4))
	s.AddAdHoc(AdHocPrompt{ID: "ah-end", Phase: "identify", Question: "Q2"}, at(4))
	got := stepIDs(s)
	if i := slices.Index(got, "ah-after"); i != slices.Index(got, "team")+1 {
		t.Errorf("ad-hoc after team at %d in %v", i, got)
	}
	if i := slices.Index(got, "ah-end"); i != slices.Index(got, "trust")-1 {
		t.Errorf("ad-hoc at end of phase at %d in %v", i, got)
	}
	for _, st := range s.Steps() {
		if st.Prompt.ID == "ah-end" && (!st.AdHoc || st.Prompt.Kind != playbooks.KindLongText || st.Phase.ID != "identify") {
			t.Errorf("ad-hoc step %+v", st)
		}
	}
}

func TestIndexProgress(t *testing.T) {
	s := New(testID, testT0, "Acme", testPlaybook(t))
	idx := s.Index()
	if idx.Answered != 0 || idx.Total != 17 || idx.Playbook != "test-discovery" || idx.PlaybookVersion != 3 || idx.Status != StatusInProgress {
		t.Errorf("new index %+v", idx)
	}
	s.PutAnswer(Answer{PromptID: "who", Text: "x"}, at(1))
	s.SetState("team", StateSkipped, at(1))
	s.SetState("size", StateParked, at(1))
	e := s.PutAnswer(Answer{PromptID: "candour", Rating: 1}, at(1)) // shows why-candour
	if e.Index.Answered != 4 || e.Index.Total != 18 {
		t.Errorf("index after four states and a shown prompt: %d/%d, want 4/18", e.Index.Answered, e.Index.Total)
	}
	// Answers to prompts that are hidden do not count.
	s.PutAnswer(Answer{PromptID: "stretch", Text: "x"}, at(2))
	if idx := s.Index(); idx.Answered != 4 {
		t.Errorf("hidden answer counted: %+v", idx)
	}
	s.Finish(at(3))
	if s.Index().Status != StatusFinished {
		t.Errorf("finish not in the index")
	}
	s.Reopen(at(4))
	if s.Status != StatusInProgress {
		t.Errorf("reopen: %q", s.Status)
	}
}

func TestAnswerClone(t *testing.T) {
	a := Answer{
		PromptID: "x", Choices: []string{"a"}, Items: []string{"i"}, Number: num(3),
		Stages: []JourneyStage{{Name: "s"}}, Ledger: []LedgerEntry{{Kind: Deposit, Text: "t", Amount: 1}},
	}
	c := a.Clone()
	c.Choices[0], c.Items[0], *c.Number = "b", "j", 4
	c.Stages[0].Name, c.Ledger[0].Text = "changed", "changed"
	if a.Choices[0] != "a" || a.Items[0] != "i" || *a.Number != 3 || a.Stages[0].Name != "s" || a.Ledger[0].Text != "t" {
		t.Errorf("clone shares memory: %+v", a)
	}
	if e := (Answer{}).Clone(); !e.Empty() {
		t.Errorf("clone of empty is not empty")
	}
}

func TestCapturesAndRoadmapEdits(t *testing.T) {
	s := New(testID, testT0, "Acme", testPlaybook(t))
	c := Capture{ID: "c1", Kind: CapturePain, Text: "slow", Tags: []string{"a"}, Impact: 3, Effort: 2}
	e := s.PutCapture(c, at(1))
	e.Capture.Tags[0] = "changed"
	if s.Captures[0].Tags[0] != "a" {
		t.Errorf("capture edit shares tags with the session")
	}
	c.Text = "slower"
	s.PutCapture(c, at(2))
	if len(s.Captures) != 1 || s.Captures[0].Text != "slower" {
		t.Errorf("put with the same id did not replace: %+v", s.Captures)
	}
	s.PutCapture(Capture{ID: "c2", Kind: CaptureNote}, at(3))
	e = s.DeleteCapture("c1", at(4))
	if e.DeleteCapture != "c1" || len(s.Captures) != 1 || s.Captures[0].ID != "c2" {
		t.Errorf("delete: %+v, edit %q", s.Captures, e.DeleteCapture)
	}
	s.PutCapture(c, at(5)) // undo
	if len(s.Captures) != 2 {
		t.Errorf("undo of delete: %+v", s.Captures)
	}

	s.PutRoadmap(RoadmapItem{ID: "r1", Title: "A", Horizon: Now, Pains: []string{"c1"}}, at(6))
	e = s.PutRoadmap(RoadmapItem{ID: "r1", Title: "B", Horizon: Next, Pains: []string{"c1"}}, at(7))
	if len(s.Roadmap) != 1 || s.Roadmap[0].Title != "B" || e.Roadmap.Horizon != Next {
		t.Errorf("roadmap replace: %+v", s.Roadmap)
	}
	e.Roadmap.Pains[0] = "changed"
	if s.Roadmap[0].Pains[0] != "c1" {
		t.Errorf("roadmap edit shares pains with the session")
	}
	if e := s.DeleteRoadmap("r1", at(8)); e.DeleteRoadmap != "r1" || len(s.Roadmap) != 0 {
		t.Errorf("roadmap delete: %+v", s.Roadmap)
	}
}

func TestSpendAndHeader(t *testing.T) {
	s := New(testID, testT0, "Acme", testPlaybook(t))
	s.Spend("identify", time.Minute, at(1))
	s.Spend("identify", 30*time.Second, at(2))
	e := s.Spend("value", -time.Minute, at(3)) // a clock going backwards adds nothing
	if s.Elapsed != 90*time.Second || s.PhaseTime["identify"] != 90*time.Second || s.PhaseTime["value"] != 0 {
		t.Errorf("elapsed %v, phase time %v", s.Elapsed, s.PhaseTime)
	}
	e.Header.PhaseTime["identify"] = 0
	if s.PhaseTime["identify"] != 90*time.Second {
		t.Errorf("edit header shares the phase time map")
	}
	s.UpdateHeader(func(h *Header) { h.Tags = []string{"x"} }, at(4))
	// An older edit time never moves Updated back.
	s.MoveCursor("team", at(1))
	if s.Cursor != "team" || !s.Updated.Equal(at(4)) {
		t.Errorf("cursor %q updated %v", s.Cursor, s.Updated)
	}
}
