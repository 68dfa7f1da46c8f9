package session

import (
	"strings"
	"testing"
	"time"

	"rapport/playbooks"
)

// walkPlaybook has an internal prompt, a conditional prompt and a
// conditional phase, so every rule of the walk shows.
func walkPlaybook(t *testing.T) playbooks.Playbook {
	return playbooks.Playbook{ID: "walk", Title: "Walk", Version: 1, Phases: []playbooks.Phase{
		{ID: "one", Title: "One", Prompts: []playbooks.Prompt{
			{ID: "a", Kind: playbooks.KindText, Question: "A?"},
			{ID: "secret", Kind: playbooks.KindText, Question: "Ours?", Internal: true},
			{ID: "b", Kind: playbooks.KindChoice, Question: "B?", Options: []string{"Yes", "No"}},
		}},
		{ID: "two", Title: "Two", Prompts: []playbooks.Prompt{
			{ID: "c", Kind: playbooks.KindText, Question: "C?"},
			{ID: "why", Kind: playbooks.KindText, Question: "Why yes?",
				ShowIf: &playbooks.Condition{Prompt: "b", Is: mustCompare(t, "== Yes")}},
		}},
		{ID: "hidden", Title: "Only on yes", ShowIf: &playbooks.Condition{Prompt: "b", Is: mustCompare(t, "== Yes")},
			Prompts: []playbooks.Prompt{{ID: "h", Kind: playbooks.KindText, Question: "H?"}}},
		{ID: "three", Title: "Three", Prompts: []playbooks.Prompt{
			{ID: "d", Kind: playbooks.KindText, Question: "D?"},
			{ID: "e", Kind: playbooks.KindText, Question: "E?"},
		}},
	}}
}

func ids(w *Walker) string {
	var out []string
	for _, st := range w.Steps() {
		out = append(out, st.Prompt.ID)
	}
	return strings.Join(out, ",")
}

func walkerAt(t *testing.T, cursor string) (*Session, *Walker) {
	s := New(testID, testT0, "Acme", walkPlaybook(t))
	s.Cursor = cursor
	w := NewWalker(s, testT0)
	return s, &w
}

func TestWalkerOpensOnTheCursor(t *testing.T) {
	for _, c := range []struct{ cursor, want string }{
		{"c", "c"}, {"", "a"}, {"gone", "a"}, {"why", "a"},
	} {
		_, w := walkerAt(t, c.cursor)
		if st, _ := w.Step(); st.Prompt.ID != c.want {
			t.Errorf("cursor %q: on %q, want %q", c.cursor, st.Prompt.ID, c.want)
		}
	}
}

func TestWalkerMoves(t *testing.T) {
	s, w := walkerAt(t, "a")
	if got := ids(w); got != "a,secret,b,c,d,e" {
		t.Fatalf("steps %s", got)
	}
	if w.HasPrev() || !w.HasNext() || w.HasPrevPhase() || !w.HasNextPhase() {
		t.Error("at the first step: wrong bounds")
	}
	e, ok := w.MoveTo(99, at(1))
	if !ok || w.Pos() != 5 || s.Cursor != "e" || e.Header.Cursor != "e" {
		t.Errorf("MoveTo(99): index %d, cursor %q, edit cursor %q", w.Pos(), s.Cursor, e.Header.Cursor)
	}
	if w.HasNext() || !w.HasPrev() || w.HasNextPhase() {
		t.Error("at the last step: wrong bounds")
	}
	for _, c := range []struct {
		from string
		dir  int
		want string // "" when there is no such phase
	}{
		{"a", +1, "c"}, {"secret", +1, "c"}, {"c", +1, "d"}, {"e", +1, ""},
		{"e", -1, "c"}, {"d", -1, "c"}, {"c", -1, "a"}, {"b", -1, ""},
	} {
		w.MoveTo(w.PosOf(c.from), at(1))
		i, ok := w.PhaseStart(c.dir)
		got := ""
		if ok {
			got = w.Steps()[i].Prompt.ID
		}
		if got != c.want {
			t.Errorf("from %s, phase %+d: %q, want %q", c.from, c.dir, got, c.want)
		}
	}
	empty := NewWalker(New(testID, testT0, "Acme", playbooks.Playbook{ID: "none"}), testT0)
	if _, ok := empty.MoveTo(0, at(1)); ok || empty.HasNextPhase() || empty.HasPrevPhase() {
		t.Error("a walk with no steps moved")
	}
}

// TestWalkerFollowsAnswers: an answer that meets a show_if brings its
// prompt and phase in, the cursor stays on its prompt, and a cursor whose
// prompt is hidden moves to the step now at its place.
func TestWalkerFollowsAnswers(t *testing.T) {
	s, w := walkerAt(t, "b")
	a := s.AnswerFor("b")
	a.Choices = []string{"Yes"}
	s.PutAnswer(a, at(1))
	if moved := w.Answered(); moved || ids(w) != "a,secret,b,c,why,h,d,e" {
		t.Fatalf("after yes: moved %v, steps %s", moved, ids(w))
	}
	w.MoveTo(w.PosOf("h"), at(2))
	a.Choices = []string{"No"}
	s.PutAnswer(a, at(3))
	if moved := w.Answered(); !moved || ids(w) != "a,secret,b,c,d,e" {
		t.Fatalf("after no: moved %v, steps %s", moved, ids(w))
	}
	if st, _ := w.Step(); st.Prompt.ID != "e" {
		t.Errorf("the cursor on the hidden h went to %s, want e (the step at its place)", st.Prompt.ID)
	}
	// Without any show_if, answering never re-walks.
	plain := walkPlaybook(t)
	plain.Phases[1].Prompts[1].ShowIf, plain.Phases[2].ShowIf = nil, nil
	w2 := NewWalker(New(testID, testT0, "Acme", plain), testT0)
	if w2.Answered() {
		t.Error("a playbook without conditions re-walked on an answer")
	}
}

// TestWalkerPresent: present mode leaves internal prompts out; a cursor on
// one moves to the next step the client may see, and back it stays.
func TestWalkerPresent(t *testing.T) {
	_, w := walkerAt(t, "secret")
	if moved := w.SetPresent(true); !moved || ids(w) != "a,b,c,d,e" || !w.Present() {
		t.Fatalf("presenting: moved %v, steps %s", moved, ids(w))
	}
	if st, _ := w.Step(); st.Prompt.ID != "b" {
		t.Errorf("from the internal prompt to %s, want b", st.Prompt.ID)
	}
	if w.SetPresent(true) {
		t.Error("switching present mode on twice moved")
	}
	if moved := w.SetPresent(false); moved || ids(w) != "a,secret,b,c,d,e" {
		t.Errorf("not presenting: moved %v, steps %s", moved, ids(w))
	}
	if st, _ := w.Step(); st.Prompt.ID != "b" {
		t.Errorf("back from presenting on %s, want b", st.Prompt.ID)
	}
}

// TestWalkerAdHoc: a question goes right after the prompt the facilitator
// is on; questions added one after another keep their order; one added on
// an ad-hoc question at the end of a phase stays at the end; the anchor
// holds when its prompt is hidden since.
func TestWalkerAdHoc(t *testing.T) {
	s, w := walkerAt(t, "a")
	add := func(id string) int {
		t.Helper()
		i, e, ok := w.AddAdHoc(id, "Q "+id+"?", at(1))
		if !ok || i < 0 || len(e.Header.AdHoc) != len(s.AdHoc) {
			t.Fatalf("AddAdHoc(%s): index %d, ok %v", id, i, ok)
		}
		return i
	}
	w.MoveTo(add("q1"), at(1))
	w.MoveTo(add("q2"), at(1))
	if got := ids(w); got != "a,q1,q2,secret,b,c,d,e" {
		t.Fatalf("after two: %s", got)
	}
	if st, _ := w.Step(); st.Prompt.ID != "q2" || !st.AdHoc || st.Phase.ID != "one" {
		t.Fatalf("on %+v", st)
	}
	// From q1 (anchored on a), a third joins the same group, last.
	w.MoveTo(w.PosOf("q1"), at(1))
	add("q3")
	if got := ids(w); got != "a,q1,q2,q3,secret,b,c,d,e" {
		t.Errorf("third: %s", got)
	}
	if st, _ := w.Step(); st.Prompt.ID != "q1" {
		t.Errorf("adding moved the cursor to %s", st.Prompt.ID)
	}
	// An end-of-phase question keeps later ones at the end of the phase.
	s.AddAdHoc(AdHocPrompt{ID: "end", Phase: "three", Question: "End?"}, at(2))
	w.Refresh()
	w.MoveTo(w.PosOf("end"), at(2))
	add("after-end")
	if got := ids(w); !strings.HasSuffix(got, "d,e,end,after-end") {
		t.Errorf("after an end-of-phase question: %s", got)
	}
	// A question on a prompt hidden since stays with its group.
	a := s.AnswerFor("b")
	a.Choices = []string{"Yes"}
	s.PutAnswer(a, at(3))
	w.Answered()
	w.MoveTo(w.PosOf("why"), at(3))
	add("w1")
	w.MoveTo(w.PosOf("w1"), at(3))
	a.Choices = []string{"No"}
	s.PutAnswer(a, at(4))
	w.Answered()
	add("w2")
	if got := ids(w); !strings.Contains(got, "c,w1,w2,d") {
		t.Errorf("under a hidden anchor: %s", got)
	}
	empty := NewWalker(New(testID, testT0, "Acme", playbooks.Playbook{ID: "none"}), testT0)
	if _, _, ok := empty.AddAdHoc("x", "X?", at(1)); ok {
		t.Error("a question was added with no step to follow")
	}
}

// TestWalkerClock: time goes to the cursor's phase, a gap longer than
// MaxTimeGap counts as MaxTimeGap, and time that does not move charges
// nothing.
func TestWalkerClock(t *testing.T) {
	s, w := walkerAt(t, "a")
	for _, c := range []struct {
		step    time.Duration
		cursor  string
		charged bool
		one     time.Duration
		two     time.Duration
	}{
		{30 * time.Second, "a", true, 30 * time.Second, 0},
		{0, "a", false, 30 * time.Second, 0},
		{-time.Minute, "a", false, 30 * time.Second, 0}, // a clock set back
		{2 * time.Hour, "c", true, 30 * time.Second, MaxTimeGap},
		{time.Second, "c", true, 30 * time.Second, MaxTimeGap + time.Second},
	} {
		w.MoveTo(w.PosOf(c.cursor), testT0)
		now := w.last.Add(c.step)
		if got := w.Accrue(now); got != c.charged {
			t.Errorf("+%v: charged %v", c.step, got)
		}
		if s.PhaseTime["one"] != c.one || s.PhaseTime["two"] != c.two {
			t.Errorf("+%v: phase times %v", c.step, s.PhaseTime)
		}
	}
	if s.Elapsed != s.PhaseTime["one"]+s.PhaseTime["two"] {
		t.Errorf("session clock %v, phases %v", s.Elapsed, s.PhaseTime)
	}
	if e := w.Leave(at(9)); e.Header.Cursor != "c" {
		t.Errorf("Leave saves cursor %q", e.Header.Cursor)
	}
	empty := NewWalker(New(testID, testT0, "Acme", playbooks.Playbook{ID: "none"}), testT0)
	if empty.Accrue(at(1)) || empty.Leave(at(1)).Header.Elapsed != 0 {
		t.Error("time was charged with no step")
	}
}

// TestWalkerJumpBack: a jump remembers where it came from; JumpBack goes
// there and back again; plain moves and jumps to the same prompt leave
// what is remembered alone; a prompt no longer walked cannot be returned to.
func TestWalkerJumpBack(t *testing.T) {
	steps := []struct {
		do   string // "jump X", "move X", "back", "hide b"
		want string // cursor after
		ok   bool   // for back: whether it went
		can  bool   // CanJumpBack after
	}{
		{"back", "a", false, false},
		{"jump d", "d", true, true},
		{"back", "a", true, true},
		{"back", "d", true, true},
		{"move e", "e", true, true}, // a plain move: back still goes to a
		{"back", "a", true, true},
		{"jump a", "a", true, true}, // to where it is: nothing new remembered
		{"back", "e", true, true},
		{"jump c", "c", true, true},
		{"present", "c", true, true},
		{"jump secret", "c", true, true}, // not walked while presenting: stays
		{"back", "e", true, true},
	}
	s, w := walkerAt(t, "a")
	_ = s
	for i, st := range steps {
		var ok = true
		switch f := strings.Fields(st.do); f[0] {
		case "jump":
			if j := w.PosOf(f[1]); j >= 0 {
				w.Jump(j, at(i))
			}
		case "move":
			w.MoveTo(w.PosOf(f[1]), at(i))
		case "back":
			_, ok = w.JumpBack(at(i))
		case "present":
			w.SetPresent(true)
		}
		cur, _ := w.Step()
		if cur.Prompt.ID != st.want || ok != st.ok || w.CanJumpBack() != st.can {
			t.Fatalf("step %d (%s): on %s ok %v can %v, want on %s ok %v can %v",
				i, st.do, cur.Prompt.ID, ok, w.CanJumpBack(), st.want, st.ok, st.can)
		}
	}
	// Back to a prompt that is no longer walked: nowhere to go.
	_, w = walkerAt(t, "secret")
	w.Jump(w.PosOf("e"), at(1))
	w.SetPresent(true)
	if w.CanJumpBack() {
		t.Error("can jump back to an internal prompt while presenting")
	}
	if _, ok := w.JumpBack(at(2)); ok {
		t.Error("jumped back to a prompt not walked")
	}
}

// TestWalkerFinishedClockStands: a finished session charges no time while
// it is read, and once reopened its clock runs on from then.
func TestWalkerFinishedClockStands(t *testing.T) {
	s, w := walkerAt(t, "a")
	w.Finish(testT0.Add(time.Minute))
	if w.Accrue(testT0.Add(3*time.Minute)) || s.Elapsed != time.Minute || s.PhaseTime["one"] != time.Minute {
		t.Fatalf("a finished session's clock ran: elapsed %v, phase %v", s.Elapsed, s.PhaseTime["one"])
	}
	w.Reopen(testT0.Add(4 * time.Minute))
	if !w.Accrue(testT0.Add(4*time.Minute+10*time.Second)) || s.Elapsed != time.Minute+10*time.Second {
		t.Errorf("after reopening: elapsed %v, want 1m10s (the minutes read while finished not counted)", s.Elapsed)
	}
}
