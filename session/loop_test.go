package session

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// itemIDs lists the ids of captures, for comparing.
func itemIDs(cs []Capture) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// loopKeys lists loop items as "origin/item", closed ones with a "✓".
func loopKeys(items []LoopItem) []string {
	var out []string
	for _, it := range items {
		k := it.Key()
		if it.Closed() {
			k += "✓"
		}
		out = append(out, k)
	}
	return out
}

func TestItems(t *testing.T) {
	s := fullSession(t)
	want := []string{"c06", "c07", "c12", "parked-deadline"}
	if got := itemIDs(s.Items()); !slices.Equal(got, want) {
		t.Errorf("Items = %v, want %v (actions and follow-ups by time, then parked prompts)", got, want)
	}
	p, _ := s.Item("parked-deadline")
	if p.Kind != CaptureFollowUp || p.Text != "Hard deadline (parked in Learn what they value)" || p.Phase != "value" {
		t.Errorf("parked item = %+v, want the prompt as a follow-up question", p)
	}
	if _, ok := s.Item("c01"); ok {
		t.Error("a quote is an item: only actions and follow-up questions close")
	}
	if _, ok := s.Item("parked-team"); ok {
		t.Error("an answered prompt is a parked item")
	}
}

func TestCloseAndReopen(t *testing.T) {
	const day = "2026-12-03"
	tests := []struct {
		name    string
		id, on  string
		answer  string
		wantErr error
		want    Capture // the fields checked: Kind, Done, Answer
	}{
		{name: "action done", id: "c06", on: day, want: Capture{Kind: CaptureAction, Done: day}},
		{name: "an action ignores an answer", id: "c07", on: day, answer: "x", want: Capture{Kind: CaptureAction, Done: day}},
		{name: "follow-up answered", id: "c12", on: day, answer: "Quarterly reports.", want: Capture{Kind: CaptureFollowUp, Done: day, Answer: "Quarterly reports."}},
		{name: "follow-up without its answer", id: "c12", on: day, answer: "  ", wantErr: ErrNoAnswer},
		{name: "parked prompt answered", id: "parked-deadline", on: day, answer: "End of March.", want: Capture{Kind: CaptureFollowUp, Done: day, Answer: "End of March."}},
		{name: "a quote does not close", id: "c01", on: day, wantErr: ErrNoItem},
		{name: "no such item", id: "nope", on: day, wantErr: ErrNoItem},
		{name: "a date that is not one", id: "c06", on: "friday", wantErr: errAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := fullSession(t)
			before := len(s.Captures)
			e, err := s.CloseItem(tc.id, tc.on, tc.answer, at(60))
			if tc.wantErr != nil {
				if err == nil || tc.wantErr != errAny && !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c, _ := s.Item(tc.id)
			if c.Kind != tc.want.Kind || c.Done != tc.want.Done || c.Answer != tc.want.Answer || !c.Closed() {
				t.Errorf("closed item = %+v, want %+v", c, tc.want)
			}
			if e.SessionID != s.ID || e.Capture == nil || e.Capture.ID != tc.id || e.Capture.Done != tc.on {
				t.Errorf("edit = %+v, want the closed capture of this session", e)
			}
			// Closed, it stays listed once, and no longer open.
			if n := len(slices.DeleteFunc(itemIDs(s.Items()), func(id string) bool { return id != tc.id })); n != 1 {
				t.Errorf("%s listed %d times among Items", tc.id, n)
			}
			if slices.Contains(itemIDs(OpenItems(s)), tc.id) {
				t.Errorf("%s still open", tc.id)
			}
			if tc.id == "parked-deadline" {
				if len(s.Captures) != before+1 || s.AnswerFor("deadline").State != StateParked {
					t.Error("answering a parked prompt should add its follow-up capture and leave the prompt parked")
				}
			}

			// Undone: open again, the answer kept.
			if _, err := s.ReopenItem(tc.id, at(61)); err != nil {
				t.Fatal(err)
			}
			c, _ = s.Item(tc.id)
			if c.Closed() || c.Answer != tc.want.Answer || !slices.Contains(itemIDs(OpenItems(s)), tc.id) {
				t.Errorf("reopened item = %+v, want open with its answer kept", c)
			}
		})
	}
	s := fullSession(t)
	if _, err := s.ReopenItem("parked-deadline", at(61)); !errors.Is(err, ErrNoItem) {
		t.Errorf("reopening a parked prompt never answered: err = %v, want ErrNoItem", err)
	}
}

// errAny stands for "some error" in a table.
var errAny = errors.New("any error")

func TestFollowUpCarries(t *testing.T) {
	prev := fullSession(t)
	if _, err := prev.CloseItem("c06", "2026-11-30", "", at(50)); err != nil {
		t.Fatal(err)
	}
	before, err := MarshalExport(prev)
	if err != nil {
		t.Fatal(err)
	}
	now := testT0.AddDate(0, 1, 0)
	const id = "01JF0000000000000000000000"
	s := FollowUp([]*Session{prev}, id, now, testPlaybook(t))

	if s.ID != id || s.Client != "Acme Corp" || s.Facilitator != "Jane Doe" || !s.Created.Equal(now) || s.Follows != testID ||
		s.Status != StatusInProgress || !slices.Equal(s.Contacts, prev.Contacts) || len(s.Answers) != 0 {
		t.Errorf("header = %+v, want a new in-progress session for Acme Corp by Jane Doe with the same contacts", s.Header)
	}
	// References to what is still open, never copies: the done action stays behind.
	want := []Ref{
		{Session: testID, Item: "c07", Kind: CaptureAction, Text: "Book a follow-up with risk"},
		{Session: testID, Item: "c12", Kind: CaptureFollowUp, Text: "What does the regulator ask for?"},
		{Session: testID, Item: "parked-deadline", Kind: CaptureFollowUp, Text: "Hard deadline (parked in Learn what they value)"},
	}
	if !slices.Equal(s.Carried, want) {
		t.Errorf("Carried = %+v\nwant %+v", s.Carried, want)
	}
	if len(s.Items()) != 0 {
		t.Errorf("the follow-up holds items of its own: %v", itemIDs(s.Items()))
	}
	// The roadmap copied, ids kept; its evidence and the other pains and
	// quotes copied with their ids and scores, tagged.
	if len(s.Roadmap) != len(prev.Roadmap) || s.Roadmap[0].ID != "r1" || !slices.Equal(s.Roadmap[1].Pains, []string{"c03", "c05"}) {
		t.Errorf("roadmap = %+v, want a copy of the last one", s.Roadmap)
	}
	if got := itemIDs(s.Captures); !slices.Equal(got, []string{"c01", "c02", "c03", "c04", "c05", "c13", "c15"}) {
		t.Errorf("captures = %v, want the pains and quotes", got)
	}
	for _, c := range s.Captures {
		if !slices.Contains(c.Tags, CarriedTag) || c.At != 0 || c.Phase != "identify" {
			t.Errorf("carried %s = %+v, want tagged #%s at 0 in the first phase", c.ID, c, CarriedTag)
		}
	}
	if c := s.Captures[1]; c.Impact != 4 || c.Effort != 2 {
		t.Errorf("carried pain %+v lost its score", c)
	}
	s.Roadmap[0].Pains[0] = "changed"
	if after, _ := MarshalExport(prev); string(after) != string(before) {
		t.Error("FollowUp changed the previous session")
	}
	if err := s.Validate(); err != nil {
		t.Errorf("the follow-up does not validate: %v", err)
	}
	// Carried again, the tag is not doubled.
	again := FollowUp([]*Session{prev, s}, "01JG0000000000000000000000", now, testPlaybook(t))
	if tags := again.Captures[0].Tags; !slices.Equal(tags, []string{"incidents", CarriedTag}) {
		t.Errorf("tags after two follow-ups = %v, want #%s once", tags, CarriedTag)
	}
}

// TestCarriedIdentity is the loop across sessions: an item carried into a
// later session is the same item; closing it from the later one is an edit
// to the session that made it, every session sees it closed, and the
// client's list holds it once.
func TestCarriedIdentity(t *testing.T) {
	first := fullSession(t)
	second := FollowUp([]*Session{first}, "01JF0000000000000000000000", testT0.AddDate(0, 0, 8), testPlaybook(t))
	// The second session makes an action of its own.
	second.PutCapture(Capture{ID: "s2a", Kind: CaptureAction, Text: "Draft the pilot plan"}, testT0.AddDate(0, 0, 8))
	both := []*Session{first, second}
	find := Find(both)

	wantOpen := []string{testID + "/c06", testID + "/c07", testID + "/c12", testID + "/parked-deadline", second.ID + "/s2a"}
	if got := loopKeys(ClientLoop(both)); !slices.Equal(got, wantOpen) {
		t.Fatalf("ClientLoop = %v, want %v", got, wantOpen)
	}

	// Close c07 from the second session: the edit goes to the first.
	var item LoopItem
	for _, it := range second.Loop(find) {
		if it.Ref.Item == "c07" {
			item = it
		}
	}
	if item.Origin != first {
		t.Fatalf("the carried c07 resolves to %v, want the first session", item.Origin)
	}
	e, err := item.Origin.CloseItem("c07", "2026-12-03", "", testT0.AddDate(0, 0, 8))
	if err != nil {
		t.Fatal(err)
	}
	if e.SessionID != first.ID {
		t.Errorf("closing from the second session edits %s, want the first (%s)", e.SessionID, first.ID)
	}
	wantNow := []string{testID + "/c06", testID + "/c07✓", testID + "/c12", testID + "/parked-deadline", second.ID + "/s2a"}
	if got := loopKeys(ClientLoop(both)); !slices.Equal(got, wantNow) {
		t.Errorf("ClientLoop = %v, want %v (c07 closed, listed once)", got, wantNow)
	}
	if got := loopKeys(second.Loop(find)); !slices.Equal(got, []string{testID + "/c06", testID + "/c07✓", testID + "/c12", testID + "/parked-deadline", second.ID + "/s2a"}) {
		t.Errorf("the second session sees %v", got)
	}
	if c, _ := first.Item("c07"); !c.Closed() {
		t.Error("the first session does not see c07 closed")
	}
	// A third session carries what is still open, each once: c06 and c12
	// from the first (through the second's references too) and the second's own.
	third := FollowUp(both, "01JG0000000000000000000000", testT0.AddDate(0, 0, 20), testPlaybook(t))
	var got []string
	for _, r := range third.Carried {
		got = append(got, r.Session+"/"+r.Item)
	}
	if want := []string{testID + "/c06", testID + "/c12", testID + "/parked-deadline", second.ID + "/s2a"}; !slices.Equal(got, want) {
		t.Errorf("third carries %v, want %v", got, want)
	}
	// Undone from the third session, it is open again for all.
	if _, err := first.ReopenItem("c07", testT0.AddDate(0, 0, 20)); err != nil {
		t.Fatal(err)
	}
	if got := loopKeys(ClientLoop([]*Session{first, second, third})); !slices.Equal(got, wantOpen) {
		t.Errorf("after undo ClientLoop = %v, want %v", got, wantOpen)
	}
}

// TestLoopWithoutOrigin: a reference whose origin is gone reads from the
// text it kept, once, and cannot be closed from here.
func TestLoopWithoutOrigin(t *testing.T) {
	first := fullSession(t)
	second := FollowUp([]*Session{first}, "01JF0000000000000000000000", testT0.AddDate(0, 0, 8), testPlaybook(t))
	third := FollowUp([]*Session{first, second}, "01JG0000000000000000000000", testT0.AddDate(0, 0, 20), testPlaybook(t))
	items := ClientLoop([]*Session{second, third}) // the first is deleted
	if got := loopKeys(items); !slices.Equal(got, []string{testID + "/c06", testID + "/c07", testID + "/c12", testID + "/parked-deadline"}) {
		t.Fatalf("ClientLoop = %v, want each carried item once", got)
	}
	if it := items[1]; !it.Gone() || it.Item.Text != "Book a follow-up with risk" || it.Item.Kind != CaptureAction {
		t.Errorf("item without origin = %+v, want it read from the reference", it)
	}
	if it := second.Carried[0].Resolve(nil); !it.Gone() || it.Item.ID != "c06" {
		t.Errorf("Resolve with nothing to find = %+v", it)
	}
}

func TestFollowUpTakesTheLatestRoadmap(t *testing.T) {
	first := fullSession(t)
	second := FollowUp([]*Session{first}, "01JF0000000000000000000000", testT0.AddDate(0, 0, 8), testPlaybook(t))
	second.PutRoadmap(RoadmapItem{ID: "r9", Title: "Weekly risk review", Horizon: Now, Order: 3}, testT0.AddDate(0, 0, 8))
	second.DeleteRoadmap("r4", testT0.AddDate(0, 0, 8))
	// A third session with no roadmap (a team check, say) in between.
	third := New("01JG0000000000000000000000", testT0.AddDate(0, 0, 15), "Acme Corp", testPlaybook(t))
	fourth := FollowUp([]*Session{first, second, third}, "01JH0000000000000000000000", testT0.AddDate(0, 0, 20), testPlaybook(t))
	var ids []string
	for _, it := range fourth.Roadmap {
		ids = append(ids, it.ID)
	}
	if !slices.Equal(ids, []string{"r1", "r2", "r3", "r9"}) {
		t.Errorf("roadmap = %v, want the second session's (the latest with one)", ids)
	}
	// Its evidence came along although the third session had none of it.
	for _, id := range []string{"c01", "c02", "c03", "c04", "c05", "c15"} {
		if !fourth.hasCapture(id) {
			t.Errorf("evidence %s of the roadmap was not carried", id)
		}
	}
}

// TestLoopExportRoundTrip: done dates, answers and references survive the
// JSON export and its import.
func TestLoopExportRoundTrip(t *testing.T) {
	first := fullSession(t)
	if _, err := first.CloseItem("c12", "2026-12-03", "Quarterly reports, signed by the CRO.", at(60)); err != nil {
		t.Fatal(err)
	}
	second := FollowUp([]*Session{first}, "01JF0000000000000000000000", testT0.AddDate(0, 0, 8), testPlaybook(t))
	for _, s := range []*Session{first, second} {
		data, err := MarshalExport(s)
		if err != nil {
			t.Fatal(err)
		}
		back, err := UnmarshalExport(data)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(back.Carried, s.Carried) || !slices.EqualFunc(back.Items(), s.Items(), func(a, b Capture) bool {
			return a.ID == b.ID && a.Done == b.Done && a.Answer == b.Answer
		}) {
			t.Errorf("round trip of %s lost done dates, answers or references", s.ID)
		}
	}
}

// TestMarkdownClosesTheLoop: the summary says which actions are done and
// gives follow-up questions their answers; a follow-up session's copy
// lists what it carried, as it stands in the session that made it.
func TestMarkdownClosesTheLoop(t *testing.T) {
	first := fullSession(t)
	mustClose := func(s *Session, id, answer string) {
		t.Helper()
		if _, err := s.CloseItem(id, "2026-12-03", answer, at(60)); err != nil {
			t.Fatal(err)
		}
	}
	mustClose(first, "c06", "")
	mustClose(first, "c12", "Quarterly reports.")
	client := string(Markdown(first, AudienceClient))
	for _, want := range []string{
		"Send the incident playbook (done 3 Dec 2026)",
		"- What does the regulator ask for?  \n  Answer: Quarterly reports.",
		"- Hard deadline\n", // parked, still open
	} {
		if !strings.Contains(client, want) {
			t.Errorf("the first session's copy lacks %q:\n%s", want, client)
		}
	}

	second := FollowUp([]*Session{first}, "01JF0000000000000000000000", testT0.AddDate(0, 0, 8), testPlaybook(t))
	mustClose(first, "parked-deadline", "End of March.") // answered from the second
	mustClose(first, "c07", "")
	both := []*Session{first, second}
	withOrigins := string(MarkdownWith(second, AudienceClient, both))
	for _, want := range []string{
		"Book a follow-up with risk (done 3 Dec 2026) (from 25 Nov 2026)",
		"- Hard deadline (parked in Learn what they value) (from 25 Nov 2026)  \n  Answer: End of March.",
	} {
		if !strings.Contains(withOrigins, want) {
			t.Errorf("the follow-up's copy lacks %q:\n%s", want, withOrigins)
		}
	}
	if strings.Contains(withOrigins, "If it works at 3am") {
		t.Error("a quote carried from the first session is among the follow-up's words")
	}
	if strings.Contains(withOrigins, "Send the incident playbook") {
		t.Error("the follow-up's copy lists an action closed before it was made (never carried)")
	}
	// Without the origin at hand, from what the references remember.
	alone := string(Markdown(second, AudienceClient))
	if !strings.Contains(alone, "Book a follow-up with risk (from an earlier session)") {
		t.Errorf("the follow-up's copy without its origin lacks the carried action:\n%s", alone)
	}
	// The parked prompt answered from a later session is listed once, with
	// its answer, in the first session's copy.
	again := string(Markdown(first, AudienceClient))
	if n := strings.Count(again, "Hard deadline"); n != 1 || !strings.Contains(again, "Answer: End of March.") {
		t.Errorf("the answered parked prompt is listed %d times in:\n%s", n, again)
	}
	if a, b := MarkdownWith(second, AudienceInternal, both), MarkdownWith(second, AudienceInternal, both); string(a) != string(b) {
		t.Error("the follow-up's copy is not deterministic")
	}
}

func TestIDTime(t *testing.T) {
	got, ok := IDTime("01JD3Q0W8ZK6X4T2N9M5R7B1CE")
	if want := time.Date(2024, 11, 20, 2, 39, 31, 615000000, time.UTC); !ok || !got.Equal(want) {
		t.Errorf("IDTime = %v %v, want %v", got, ok, want)
	}
	if lower, _ := IDTime("01jd3q0w8zk6x4t2n9m5r7b1ce"); !lower.Equal(got) {
		t.Error("a lower-case id reads otherwise")
	}
	if _, ok := IDTime("not-a-ulid"); ok {
		t.Error("IDTime read a time from no ULID")
	}
}
