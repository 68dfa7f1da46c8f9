package session

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// board writes the roadmap as the board shows it, "now: a b | next: c |
// later: -", and fails when a column's Order is not 1..n after an operation
// that renumbers.
func board(t *testing.T, s *Session, strict bool) string {
	t.Helper()
	var cols []string
	for _, h := range Horizons {
		var ids []string
		for i, it := range RoadmapColumn(s.Roadmap, h) {
			ids = append(ids, it.ID)
			if strict && it.Order != i+1 {
				t.Errorf("%s: %s has Order %d at place %d", h, it.ID, it.Order, i+1)
			}
		}
		if len(ids) == 0 {
			ids = []string{"-"}
		}
		cols = append(cols, string(h)+": "+strings.Join(ids, " "))
	}
	return strings.Join(cols, " | ")
}

// roadmapSession has pains p1..p5, quotes q1 and q2, and the items a, b, c
// in Now, d, e in Next and f in Later, made through AddRoadmap.
func roadmapSession(t *testing.T) *Session {
	t.Helper()
	s := New(testID, testT0, "Acme Corp", testPlaybook(t))
	for i, c := range []Capture{
		{ID: "p1", Kind: CapturePain, Text: "Onboarding takes three weeks", Impact: 5, Effort: 1},
		{ID: "p2", Kind: CapturePain, Text: "Alerts page the wrong team", Impact: 4, Effort: 2},
		{ID: "p3", Kind: CapturePain, Text: "Reports are built by hand", Impact: 3, Effort: 3},
		{ID: "p4", Kind: CapturePain, Text: "Nobody owns the data model", Impact: 4, Effort: 5},
		{ID: "p5", Kind: CapturePain, Text: "Release notes come late", Impact: 2, Effort: 1},
		{ID: "q1", Kind: CaptureQuote, Text: "We find out from our customers."},
		{ID: "q2", Kind: CaptureQuote, Text: "If it works at 3am, it works."},
	} {
		c.At = time.Duration(i+1) * time.Minute
		c.Created = at(i + 1)
		s.PutCapture(c, c.Created)
	}
	for _, it := range []RoadmapItem{
		{ID: "a", Horizon: Now}, {ID: "b", Horizon: Now}, {ID: "c", Horizon: Now},
		{ID: "d", Horizon: Next}, {ID: "e", Horizon: Next}, {ID: "f", Horizon: Later},
	} {
		s.AddRoadmap(it, at(10))
	}
	return s
}

func TestRoadmapItemFromPains(t *testing.T) {
	s := roadmapSession(t)
	pain := func(id string) Capture {
		for _, c := range s.Captures {
			if c.ID == id {
				return c
			}
		}
		t.Fatalf("no capture %s", id)
		return Capture{}
	}
	tests := []struct {
		name, title string
		pains       []string
		wantTitle   string
		wantHorizon Horizon
	}{
		{"one quick win goes to Now", "", []string{"p1"}, "Onboarding takes three weeks", Now},
		{"all quick wins go to Now", "Fix onboarding and alerts", []string{"p1", "p2"}, "Fix onboarding and alerts", Now},
		{"one slow pain sends it to Next", "", []string{"p2", "p4"}, "Alerts page the wrong team", Next},
		{"small impact is no quick win", "", []string{"p5"}, "Release notes come late", Next},
		{"no pains: Next, title as typed", "  Status page  ", nil, "Status page", Next},
		{"title on one line", "", []string{"multi"}, "Two lines of pain", Next},
	}
	s.PutCapture(Capture{ID: "multi", Kind: CapturePain, Text: "Two lines\n  of pain\n", Impact: 3, Effort: 3}, at(9))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []Capture
			for _, id := range tt.pains {
				ps = append(ps, pain(id))
			}
			it := RoadmapItemFromPains("x", tt.title, ps)
			if it.Title != tt.wantTitle || it.Horizon != tt.wantHorizon {
				t.Errorf("got %q in %s, want %q in %s", it.Title, it.Horizon, tt.wantTitle, tt.wantHorizon)
			}
			if !slices.Equal(it.Pains, tt.pains) || len(it.Quotes) != 0 {
				t.Errorf("links: pains %v quotes %v, want pains %v", it.Pains, it.Quotes, tt.pains)
			}
		})
	}
}

func TestAddRoadmap(t *testing.T) {
	s := roadmapSession(t)
	if got, want := board(t, s, true), "now: a b c | next: d e | later: f"; got != want {
		t.Fatalf("board = %s, want %s", got, want)
	}
	e := s.AddRoadmap(RoadmapItem{ID: "g", Horizon: "someday"}, at(11))
	if e.Roadmap == nil || e.Roadmap.Horizon != Next || e.Roadmap.Order != 3 {
		t.Errorf("edit = %+v, want g in next at 3", e.Roadmap)
	}
	if got, want := board(t, s, true), "now: a b c | next: d e g | later: f"; got != want {
		t.Errorf("board = %s, want %s", got, want)
	}
}

func TestMoveRoadmap(t *testing.T) {
	type op struct {
		id    string
		to    Horizon // move to this horizon, or
		delta int     // shift by this many places
	}
	tests := []struct {
		name  string
		ops   []op
		want  string
		edits int // edits of the last operation
	}{
		{"down one", []op{{id: "a", delta: 1}}, "now: b a c | next: d e | later: f", 2},
		{"up one", []op{{id: "c", delta: -1}}, "now: a c b | next: d e | later: f", 2},
		{"up from the top stays", []op{{id: "a", delta: -1}}, "now: a b c | next: d e | later: f", 0},
		{"down from the bottom stays", []op{{id: "e", delta: 1}}, "now: a b c | next: d e | later: f", 0},
		{"far jump stops at the end", []op{{id: "a", delta: 10}}, "now: b c a | next: d e | later: f", 3},
		{"alone in its column", []op{{id: "f", delta: 1}}, "now: a b c | next: d e | later: f", 0},
		{"to the next horizon, at its end", []op{{id: "a", to: Next}}, "now: b c | next: d e a | later: f", 3},
		{"to an empty horizon", []op{{id: "f", to: Now}, {id: "d", to: Later}}, "now: a b c f | next: e | later: d", 2},
		{"to where it is", []op{{id: "a", to: Now}}, "now: a b c | next: d e | later: f", 0},
		{"to an unknown horizon", []op{{id: "a", to: "someday"}}, "now: a b c | next: d e | later: f", 0},
		{"unknown item", []op{{id: "zz", delta: 1}, {id: "zz", to: Later}}, "now: a b c | next: d e | later: f", 0},
		{"there and back", []op{{id: "b", to: Later}, {id: "b", to: Now}}, "now: a c b | next: d e | later: f", 1},
		{"move then reorder", []op{{id: "f", to: Now}, {id: "f", delta: -3}}, "now: f a b c | next: d e | later: -", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := roadmapSession(t)
			var edits []Edit
			for _, o := range tt.ops {
				if o.to != "" {
					edits = s.MoveRoadmapTo(o.id, o.to, at(20))
				} else {
					edits = s.ShiftRoadmap(o.id, o.delta, at(20))
				}
			}
			if got := board(t, s, true); got != tt.want {
				t.Errorf("board = %s, want %s", got, tt.want)
			}
			if len(edits) != tt.edits {
				t.Errorf("last operation gave %d edits, want %d", len(edits), tt.edits)
			}
			// The edits persist the items as the session holds them.
			for _, e := range edits {
				it, ok := s.RoadmapItem(e.Roadmap.ID)
				if !ok {
					t.Fatalf("edit for unknown item %s", e.Roadmap.ID)
				}
				if last := lastEditFor(edits, it.ID); last.Horizon != it.Horizon || last.Order != it.Order {
					t.Errorf("%s stored as %s/%d, held as %s/%d", it.ID, last.Horizon, last.Order, it.Horizon, it.Order)
				}
			}
		})
	}
}

func lastEditFor(edits []Edit, id string) RoadmapItem {
	var it RoadmapItem
	for _, e := range edits {
		if e.Roadmap != nil && e.Roadmap.ID == id {
			it = *e.Roadmap
		}
	}
	return it
}

func TestRestoreRoadmap(t *testing.T) {
	tests := []struct {
		name    string
		between func(s *Session)
		want    string
	}{
		{"back in its place", func(*Session) {}, "now: a b c | next: d e | later: f"},
		{"after a reorder, behind the item now at its place", func(s *Session) { s.ShiftRoadmap("c", -1, at(21)) }, "now: c a b | next: d e | later: f"},
		{"after another item left", func(s *Session) { s.MoveRoadmapTo("a", Later, at(21)) }, "now: c b | next: d e | later: f a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := roadmapSession(t)
			gone, _ := s.RoadmapItem("b")
			s.DeleteRoadmap("b", at(20))
			tt.between(s)
			s.RestoreRoadmap(gone, at(22))
			if got := board(t, s, true); got != tt.want {
				t.Errorf("board = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestLinkRoadmap(t *testing.T) {
	s := roadmapSession(t)
	p1 := Capture{ID: "p1", Kind: CapturePain}
	q1 := Capture{ID: "q1", Kind: CaptureQuote}
	q2 := Capture{ID: "q2", Kind: CaptureQuote}
	note := Capture{ID: "n1", Kind: CaptureNote}
	tests := []struct {
		name       string
		item       string
		c          Capture
		linked, ok bool
		pains      []string
		quotes     []string
	}{
		{"link a pain", "a", p1, true, true, []string{"p1"}, nil},
		{"link it again", "a", p1, true, false, []string{"p1"}, nil},
		{"link a quote", "a", q2, true, true, []string{"p1"}, []string{"q2"}},
		{"quotes in the order linked", "a", q1, true, true, []string{"p1"}, []string{"q2", "q1"}},
		{"unlink", "a", q2, false, true, []string{"p1"}, []string{"q1"}},
		{"unlink what is not linked", "a", q2, false, false, []string{"p1"}, []string{"q1"}},
		{"a note is no evidence", "a", note, true, false, []string{"p1"}, []string{"q1"}},
		{"unknown item", "zz", p1, true, false, nil, nil},
	}
	for _, tt := range tests {
		before, _ := s.RoadmapItem(tt.item)
		e, ok := s.LinkRoadmap(tt.item, tt.c, tt.linked, at(30))
		if ok != tt.ok {
			t.Errorf("%s: ok = %v, want %v", tt.name, ok, tt.ok)
		}
		if ok && (e.Roadmap == nil || e.Roadmap.ID != tt.item) {
			t.Errorf("%s: edit does not persist %s", tt.name, tt.item)
		}
		it, _ := s.RoadmapItem(tt.item)
		if !slices.Equal(it.Pains, tt.pains) || !slices.Equal(it.Quotes, tt.quotes) {
			t.Errorf("%s: pains %v quotes %v, want %v %v", tt.name, it.Pains, it.Quotes, tt.pains, tt.quotes)
		}
		if ok && len(before.Quotes) > 0 && &before.Quotes[0] == &it.Quotes[0] {
			t.Errorf("%s: the item shares its links with the copy taken before", tt.name)
		}
	}
	if it, _ := s.RoadmapItem("a"); !it.Linked("p1") || !it.Linked("q1") || it.Linked("q2") {
		t.Errorf("Linked disagrees with the links %v %v", it.Pains, it.Quotes)
	}
}

func TestEvidence(t *testing.T) {
	s := roadmapSession(t)
	it := RoadmapItem{ID: "x", Pains: []string{"p3", "gone", "q1", "p1"}, Quotes: []string{"q2", "p2"}}
	pains, quotes := s.Evidence(it)
	var got []string
	for _, c := range append(pains, quotes...) {
		got = append(got, c.ID)
	}
	if want := []string{"p3", "p1", "q2"}; !slices.Equal(got, want) {
		t.Errorf("Evidence = %v, want %v (missing and mismatched kinds left out)", got, want)
	}
}

// TestRoadmapMarkdownGolden builds a roadmap the way the board does (items
// made from selected pains, moved, linked to quotes, one deleted and
// restored) on a session with five pains, and checks the summary writes
// each item under its horizon with its evidence, and the pains ranked.
func TestRoadmapMarkdownGolden(t *testing.T) {
	s := New(testID, testT0, "Acme Corp", testPlaybook(t))
	s.UpdateHeader(func(h *Header) { h.Facilitator = "Jane Doe" }, at(1))
	for i, c := range []Capture{
		{ID: "p1", Kind: CapturePain, Text: "Onboarding takes three weeks", Impact: 5, Effort: 1, Phase: "identify"},
		{ID: "p2", Kind: CapturePain, Text: "Alerts page the wrong team", Impact: 4, Effort: 2, Phase: "identify"},
		{ID: "p3", Kind: CapturePain, Text: "Reports are built by hand", Impact: 3, Effort: 3, Phase: "value"},
		{ID: "p4", Kind: CapturePain, Text: "Nobody owns the data model", Impact: 4, Effort: 5, Phase: "value"},
		{ID: "p5", Kind: CapturePain, Text: "Release notes come late | always", Impact: 2, Effort: 1, Phase: "value", Internal: true},
		{ID: "q1", Kind: CaptureQuote, Text: "We find out about problems from our customers.", Phase: "identify"},
		{ID: "q2", Kind: CaptureQuote, Text: "If it works at 3am, it works.", Phase: "value"},
	} {
		c.At = time.Duration(i+1) * time.Minute
		c.Created = at(i + 1)
		s.PutCapture(c, c.Created)
	}
	find := func(ids ...string) []Capture {
		var out []Capture
		for _, id := range ids {
			for _, c := range s.Captures {
				if c.ID == id {
					out = append(out, c)
				}
			}
		}
		return out
	}
	s.AddRoadmap(RoadmapItemFromPains("r1", "", find("p1", "p2")), at(20))                      // Now
	s.AddRoadmap(RoadmapItemFromPains("r2", "Automate the monthly report", find("p3")), at(21)) // Next
	s.AddRoadmap(RoadmapItemFromPains("r3", "Name a data owner", find("p4", "p5")), at(22))     // Next
	s.MoveRoadmapTo("r3", Later, at(23))
	s.ShiftRoadmap("r3", -1, at(23)) // alone in Later: stays
	for _, q := range find("q1", "q2") {
		s.LinkRoadmap("r1", q, true, at(24))
	}
	r1, _ := s.RoadmapItem("r1")
	r1.Owner, r1.Target = "Ann", "January"
	s.PutRoadmap(r1, at(25))
	gone, _ := s.RoadmapItem("r2")
	s.DeleteRoadmap("r2", at(26))
	s.RestoreRoadmap(gone, at(27))

	for _, a := range []Audience{AudienceClient, AudienceInternal} {
		t.Run(string(a), func(t *testing.T) {
			md := Markdown(s, a)
			golden(t, "roadmap-"+string(a), md)
			text := string(md)
			for _, h := range []string{"### Now", "### Next", "### Later"} {
				if !strings.Contains(text, h) {
					t.Errorf("no %q heading", h)
				}
			}
			now, next, later := strings.Index(text, "### Now"), strings.Index(text, "### Next"), strings.Index(text, "### Later")
			for _, c := range []struct {
				item     string
				from, to int
			}{{"Onboarding takes three weeks**", now, next}, {"Automate the monthly report", next, later}, {"Name a data owner", later, len(text)}} {
				if i := strings.Index(text[c.from:], c.item); i < 0 || c.from+i > c.to {
					t.Errorf("%q is not under its horizon", c.item)
				}
			}
			if !strings.Contains(text, `Quote: "If it works at 3am, it works."`) {
				t.Errorf("r1's quote is not written as its evidence")
			}
			if got := strings.Contains(text, "Release notes come late"); got != (a == AudienceInternal) {
				t.Errorf("internal pain in the %s summary: %v", a, got)
			}
		})
	}
}

func BenchmarkShiftRoadmap(b *testing.B) {
	s := New(testID, testT0, "Acme Corp", testPlaybook(b))
	for i := range 40 {
		s.AddRoadmap(RoadmapItem{ID: fmt.Sprintf("r%02d", i), Horizon: Horizons[i%3]}, testT0)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.ShiftRoadmap("r00", 1-2*(i%2), testT0)
	}
}
