package session

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"rapport/playbooks"
)

// TestEveryKindHasAWriter: the summary writes every answer value, so every
// kind of the table (and the fallback for an unknown one) has a writer.
func TestEveryKindHasAWriter(t *testing.T) {
	for _, v := range playbooks.Values {
		if answerWriters[v] == nil {
			t.Errorf("answer value %d has no Markdown writer", v)
		}
	}
	for _, k := range append(slices.Clone(playbooks.Kinds), "from-a-newer-rapport") {
		if answerWriters[playbooks.KindOf(k).Value] == nil {
			t.Errorf("kind %s has no Markdown writer", k)
		}
	}
}

// TestCaptureKindTable: letters and command words are unique, every kind
// has its words, and every kind has a section in the internal copy under
// its title; in the client's copy, a capture shows unless its kind is
// internal or the facilitator's own (quotes and pains show as evidence and
// in In your words, not in sections of their own).
func TestCaptureKindTable(t *testing.T) {
	letters, commands := map[string]bool{}, map[string]bool{}
	s := New(testID, testT0, "Acme", testPlaybook(t))
	for i, k := range CaptureKinds {
		info, ok := LookupCaptureKind(k)
		switch {
		case !ok:
			t.Fatalf("%s is not in the table", k)
		case info.Letter == "" || info.Word == "" || info.Name == "" || info.Icon == "" || info.Command == "" || info.Section == "":
			t.Errorf("%s lacks a word: %+v", k, info)
		case letters[info.Letter] || commands[info.Command]:
			t.Errorf("%s repeats a letter or a command word: %+v", k, info)
		case captureWriters[k] == nil:
			t.Errorf("%s has no section writer in the summary", k)
		}
		letters[info.Letter], commands[info.Command] = true, true
		s.PutCapture(Capture{ID: "c" + string(rune('a'+i)), Kind: k, Text: "A " + info.Word, Internal: info.Internal, Impact: 3, Effort: 2}, testT0)
	}
	internal, client := string(Markdown(s, AudienceInternal)), string(Markdown(s, AudienceClient))
	for _, k := range CaptureKinds {
		info := k.Info()
		if !strings.Contains(internal, "## "+info.Section+"\n") {
			t.Errorf("the internal copy has no %q section", info.Section)
		}
		inClient := regexp.MustCompile(`\bA ` + regexp.QuoteMeta(info.Word) + `\b`).MatchString(client)
		if hidden := info.Internal || info.FacilitatorOnly; inClient == hidden {
			t.Errorf("%s: in the client's copy %v, want %v", k, inClient, !hidden)
		}
	}
	unknown := CaptureKind("gossip").Info()
	if unknown.Word != "gossip" || unknown.Letter != "" || len(unknown.Fields) != 0 {
		t.Errorf("an unknown kind reads as %+v", unknown)
	}
	if !CapturePain.Info().Has(FieldImpact) || CaptureNote.Info().Has(FieldOwner) {
		t.Error("Has does not read the kind's fields")
	}
}

// TestDateAnswer: a date answer is written in the summary as the day, and
// goes through the JSON export and back; the guide names the kind.
func TestDateAnswer(t *testing.T) {
	pb := playbooks.Playbook{ID: "d", Title: "D", Version: 1, Phases: []playbooks.Phase{{ID: "one", Title: "One",
		Prompts: []playbooks.Prompt{{ID: "last", Kind: playbooks.KindDate, Question: "When did this last happen?"}}}}}
	s := New(testID, testT0, "Acme", pb)
	s.PutAnswer(Answer{PromptID: "last", Text: "2026-11-20"}, at(1))
	for _, aud := range []Audience{AudienceClient, AudienceInternal} {
		if md := string(Markdown(s, aud)); !regexp.MustCompile(`(?m)^#+ When did this last happen\?\n\n2026-11-20$`).MatchString(md) {
			t.Errorf("%s copy:\n%s", aud, md)
		}
	}
	data, err := MarshalExport(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalExport(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.AnswerFor("last"); got.Text != "2026-11-20" || got.State != StateAnswered || back.Playbook.Phases[0].Prompts[0].Kind != playbooks.KindDate {
		t.Errorf("after the round trip: %+v, kind %q", got, back.Playbook.Phases[0].Prompts[0].Kind)
	}
	if !strings.Contains(Guide(&pb), "a date") {
		t.Errorf("the guide does not name the kind:\n%s", Guide(&pb))
	}
}
