package session

import (
	"strings"
	"testing"
)

// TestAuthorsAndVersions: the mutations stamp who changed what; a deletion
// leaves a tombstone that a put clears; the internal copy says who wrote
// each answer and capture and lists the versions a team sync kept, and the
// client's copy says none of it.
func TestAuthorsAndVersions(t *testing.T) {
	s := New(testID, testT0, "Acme", testPlaybook(t))
	s.SetAuthor("Ana Ruiz")
	a := s.AnswerFor("who")
	a.Text = "Retail buyers"
	if e := s.PutAnswer(a, at(1)); e.Answer.Author != "Ana Ruiz" || !e.Answer.Updated.Equal(at(1)) {
		t.Errorf("answer stamp: %+v", e.Answer)
	}
	c := Capture{ID: "c1", Kind: CapturePain, Text: "Slow refunds", Created: at(2)}
	if e := s.PutCapture(c, at(2)); e.Capture.Author != "Ana Ruiz" || !e.Capture.Updated.Equal(at(2)) {
		t.Errorf("capture stamp: %+v", e.Capture)
	}
	e := s.DeleteCapture("c1", at(3))
	if e.Tombstone == nil || e.Tombstone.Author != "Ana Ruiz" || len(s.Tombstones) != 1 {
		t.Fatalf("deletion: %+v %+v", e.Tombstone, s.Tombstones)
	}
	s.PutCapture(c, at(4))
	if len(s.Tombstones) != 0 {
		t.Errorf("a put should clear the tombstone: %+v", s.Tombstones)
	}

	// A merge kept Ben's version beside Ana's.
	ans := s.Answers["who"]
	ans.Conflicts = []Answer{{PromptID: "who", State: StateAnswered, Text: "Store managers", Updated: at(5), Author: "Ben Okafor"}}
	s.Captures[0].Conflicts = []Capture{{ID: "c1", Kind: CapturePain, Text: "Refunds take days", Author: "Ben Okafor"}}
	internal := string(Markdown(s, AudienceInternal))
	for _, want := range []string{
		"_2 versions, changed on both sides; the one above is by Ana Ruiz. Choose in the runner (v)._",
		"_Also, by Ben Okafor:_\n\nStore managers",
		"Slow refunds (by Ana Ruiz)",
		"## Changed on both sides",
		"- pain “Slow refunds” by Ana Ruiz: also “Refunds take days” by Ben Okafor",
	} {
		if !strings.Contains(internal, want) {
			t.Errorf("the internal copy lacks %q:\n%s", want, internal)
		}
	}
	client := string(Markdown(s, AudienceClient))
	for _, not := range []string{"Ana Ruiz", "Ben Okafor", "Store managers", "versions"} {
		if strings.Contains(client, not) {
			t.Errorf("the client's copy holds %q:\n%s", not, client)
		}
	}
	if s.ConflictCount() != 2 {
		t.Errorf("ConflictCount = %d, want 2", s.ConflictCount())
	}
	// Choosing settles it, as a change of the chooser's.
	s.SetAuthor("Carla")
	if _, err := s.ChooseVersion("who", 1, at(9)); err != nil {
		t.Fatal(err)
	}
	if got := s.Answers["who"]; got.Text != "Store managers" || got.Author != "Carla" || len(got.Conflicts) != 0 {
		t.Errorf("after choosing: %+v", got)
	}
	if _, err := s.ChooseVersion("who", 0, at(10)); err != ErrNoConflict {
		t.Errorf("choosing again: %v", err)
	}
	if strings.Contains(string(Markdown(s, AudienceInternal)), "versions, changed on both sides") {
		t.Error("a settled answer still shows versions")
	}
}

// TestJoin puts versions of joinable kinds together.
func TestJoin(t *testing.T) {
	got := Join([]Answer{
		{Text: "One", Items: []string{"a", "b"}, State: StateOpen},
		{Text: "Two", Items: []string{"b", "c"}, State: StateAnswered},
		{Text: "One"},
	})
	if got.Text != "One\n\nTwo" || strings.Join(got.Items, ",") != "a,b,c" || got.State != StateAnswered {
		t.Errorf("Join = %+v", got)
	}
}
