package teamsync

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"rapport/playbooks"
	"rapport/session"
)

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

const sid = "01JE0000000000000000000001"

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func testPlaybook() playbooks.Playbook {
	return playbooks.Playbook{ID: "pb", Title: "Test", Version: 1, Phases: []playbooks.Phase{{
		ID: "p1", Title: "One", Prompts: []playbooks.Prompt{
			{ID: "who", Kind: playbooks.KindLongText, Question: "Who?"},
			{ID: "score", Kind: playbooks.KindRating, Question: "Score?"},
			{ID: "pick", Kind: playbooks.KindChoice, Question: "Pick", Options: []string{"A", "B"}},
			{ID: "goals", Kind: playbooks.KindList, Question: "Goals"},
		},
	}}}
}

// fresh is a new session as a file would give it back (times in UTC).
func fresh(t *testing.T) *session.Session {
	t.Helper()
	return roundTrip(t, session.New(sid, t0, "Acme", testPlaybook()))
}

// roundTrip writes s as its file and reads it back: the form every side of
// a merge is in.
func roundTrip(t *testing.T, s *session.Session) *session.Session {
	t.Helper()
	data, err := WriteFile(Version{Session: s})
	if err != nil {
		t.Fatal(err)
	}
	v, err := ReadFile(data)
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, data)
	}
	return v.Session
}

// edit copies s (through its file), lets who change it, and returns the copy.
func edit(t *testing.T, s *session.Session, who string, f func(*session.Session)) *session.Session {
	t.Helper()
	c := roundTrip(t, s)
	c.SetAuthor(who)
	f(c)
	return roundTrip(t, c)
}

func text(s *session.Session, id, txt string, at time.Time) {
	a := s.AnswerFor(id)
	a.Text = txt
	s.PutAnswer(a, at)
}

func merge(t *testing.T, b, o, th *session.Session) *session.Session {
	t.Helper()
	m, _ := Merge(Version{Session: b}, Version{Session: o}, Version{Session: th})
	if m.Session == nil {
		t.Fatalf("merge gave no session: %+v", m)
	}
	return roundTrip(t, m.Session)
}

func file(t *testing.T, s *session.Session) string {
	t.Helper()
	data, err := WriteFile(Version{Session: s})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestMergeOneSideTakesThatSide(t *testing.T) {
	base := fresh(t)
	ours := edit(t, base, "Ana", func(s *session.Session) { text(s, "who", "Retail buyers", at(1)) })
	theirs := edit(t, base, "Ben", func(s *session.Session) {
		s.PutCapture(session.Capture{ID: "c1", Kind: session.CaptureQuote, Text: "We wait days", Created: at(2)}, at(2))
	})
	m := merge(t, base, ours, theirs)
	if got := m.Answers["who"]; got == nil || got.Text != "Retail buyers" || got.Author != "Ana" || len(got.Conflicts) > 0 {
		t.Errorf("answer changed on one side: got %+v", got)
	}
	if len(m.Captures) != 1 || m.Captures[0].Author != "Ben" {
		t.Errorf("capture made on the other side: got %+v", m.Captures)
	}
	// The same merge the other way round holds the same things.
	back := merge(t, base, theirs, ours)
	if file(t, back) != file(t, m) {
		t.Errorf("merging in the other order differs:\n%s\n---\n%s", file(t, back), file(t, m))
	}
}

func TestMergeIdentities(t *testing.T) {
	base := fresh(t)
	changed := edit(t, base, "Ana", func(s *session.Session) {
		text(s, "who", "x", at(1))
		s.PutCapture(session.Capture{ID: "c1", Kind: session.CaptureNote, Text: "n"}, at(2))
		s.AddRoadmap(session.RoadmapItem{ID: "r1", Title: "Do", Horizon: session.Now}, at(3))
	})
	for name, got := range map[string]*session.Session{
		"merge(b, x, b)": merge(t, base, changed, base),
		"merge(b, b, x)": merge(t, base, base, changed),
		"merge(b, x, x)": merge(t, base, changed, changed),
	} {
		if file(t, got) != file(t, changed) {
			t.Errorf("%s is not x", name)
		}
	}
}

func TestMergeBothSidesKeepsBothVersions(t *testing.T) {
	base := fresh(t)
	ours := edit(t, base, "Ana", func(s *session.Session) { text(s, "who", "Retail buyers", at(1)) })
	theirs := edit(t, base, "Ben", func(s *session.Session) { text(s, "who", "Store managers", at(2)) })
	m := merge(t, base, ours, theirs)
	a := m.Answers["who"]
	if a.Text != "Store managers" || a.Author != "Ben" {
		t.Errorf("the newer version should stand: %+v", a)
	}
	if len(a.Conflicts) != 1 || a.Conflicts[0].Text != "Retail buyers" || a.Conflicts[0].Author != "Ana" {
		t.Fatalf("the other version should be kept beside it: %+v", a.Conflicts)
	}
	if m.ConflictCount() != 1 {
		t.Errorf("ConflictCount = %d, want 1", m.ConflictCount())
	}
	_, rep := Merge(Version{Session: base}, Version{Session: ours}, Version{Session: theirs})
	if rep.Conflicts != 1 {
		t.Errorf("report counts %d conflicts, want 1", rep.Conflicts)
	}
	// Same answer typed on both sides: no conflict.
	same := merge(t, base, ours, edit(t, base, "Ben", func(s *session.Session) { text(s, "who", "Retail buyers", at(5)) }))
	if c := same.Answers["who"].Conflicts; len(c) > 0 {
		t.Errorf("the same text on both sides is no conflict: %+v", c)
	}
	// A first answer given on both sides of a session made apart (no base).
	apart, _ := Merge(Version{}, Version{Session: ours}, Version{Session: theirs})
	if len(apart.Session.Answers["who"].Conflicts) != 1 {
		t.Errorf("answers given apart with no common version should conflict")
	}
}

func TestResolvingWinsTheNextMerge(t *testing.T) {
	base := fresh(t)
	ours := edit(t, base, "Ana", func(s *session.Session) { text(s, "who", "Retail buyers", at(1)) })
	theirs := edit(t, base, "Ben", func(s *session.Session) { text(s, "who", "Store managers", at(2)) })
	m := merge(t, base, ours, theirs)

	for _, tc := range []struct {
		name    string
		resolve func(*session.Session) (session.Edit, error)
		want    string
	}{
		{"keep the other", func(s *session.Session) (session.Edit, error) { return s.ChooseVersion("who", 1, at(10)) }, "Retail buyers"},
		{"keep this", func(s *session.Session) (session.Edit, error) { return s.ChooseVersion("who", 0, at(10)) }, "Store managers"},
		{"join", func(s *session.Session) (session.Edit, error) { return s.JoinVersions("who", at(10)) }, "Store managers\n\nRetail buyers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resolved := edit(t, m, "Ana", func(s *session.Session) {
				if _, err := tc.resolve(s); err != nil {
					t.Fatal(err)
				}
			})
			// The other side still holds the conflict, untouched.
			got := merge(t, m, m, resolved).Answers["who"]
			if got.Text != tc.want || len(got.Conflicts) != 0 || got.Author != "Ana" {
				t.Errorf("got %q with %d versions by %q, want %q alone", got.Text, len(got.Conflicts), got.Author, tc.want)
			}
		})
	}
	// A rating cannot be joined.
	r := edit(t, base, "Ana", func(s *session.Session) {
		a := s.AnswerFor("score")
		a.Rating = 2
		s.PutAnswer(a, at(1))
	})
	r2 := edit(t, base, "Ben", func(s *session.Session) {
		a := s.AnswerFor("score")
		a.Rating = 4
		s.PutAnswer(a, at(2))
	})
	rm := merge(t, base, r, r2)
	if rm.CanJoin("score") {
		t.Error("two ratings should not join")
	}
	if _, err := rm.JoinVersions("score", at(3)); err == nil {
		t.Error("JoinVersions on a rating should fail")
	}
}

func TestMergeCapturesUnionAndTombstones(t *testing.T) {
	base := edit(t, fresh(t), "Ana", func(s *session.Session) {
		s.PutCapture(session.Capture{ID: "c1", Kind: session.CapturePain, Text: "Slow refunds", Created: at(1)}, at(1))
		s.PutCapture(session.Capture{ID: "c2", Kind: session.CaptureAction, Text: "Call back", Created: at(1)}, at(1))
	})
	t.Run("deleted on one side stays deleted", func(t *testing.T) {
		ours := edit(t, base, "Ana", func(s *session.Session) { s.DeleteCapture("c1", at(5)) })
		theirs := edit(t, base, "Ben", func(s *session.Session) {
			s.PutCapture(session.Capture{ID: "c3", Kind: session.CaptureIdea, Text: "Chatbot"}, at(6))
		})
		m := merge(t, base, ours, theirs)
		if ids := captureIDs(m); ids != "c2 c3" {
			t.Errorf("captures %q, want c2 c3", ids)
		}
		if len(m.Tombstones) != 1 || m.Tombstones[0].ID != "c1" || m.Tombstones[0].Author != "Ana" {
			t.Errorf("tombstones %+v", m.Tombstones)
		}
		// And a later merge with an old copy still holding it does not bring it back.
		again := merge(t, base, m, base)
		if ids := captureIDs(again); ids != "c2 c3" {
			t.Errorf("after a second merge: %q", ids)
		}
	})
	t.Run("changed after the deletion comes back", func(t *testing.T) {
		ours := edit(t, base, "Ana", func(s *session.Session) { s.DeleteCapture("c1", at(5)) })
		theirs := edit(t, base, "Ben", func(s *session.Session) {
			c := s.Captures[0]
			c.Impact = 4
			s.PutCapture(c, at(7))
		})
		m := merge(t, base, ours, theirs)
		if ids := captureIDs(m); ids != "c1 c2" || len(m.Tombstones) != 0 {
			t.Errorf("captures %q tombstones %+v; want c1 back, no mark", ids, m.Tombstones)
		}
	})
	t.Run("deleted after the change stays deleted", func(t *testing.T) {
		ours := edit(t, base, "Ana", func(s *session.Session) { s.DeleteCapture("c1", at(9)) })
		theirs := edit(t, base, "Ben", func(s *session.Session) {
			c := s.Captures[0]
			c.Impact = 4
			s.PutCapture(c, at(7))
		})
		if ids := captureIDs(merge(t, base, ours, theirs)); ids != "c2" {
			t.Errorf("captures %q, want c2", ids)
		}
	})
	t.Run("undo clears the mark and wins", func(t *testing.T) {
		deleted := edit(t, base, "Ana", func(s *session.Session) { s.DeleteCapture("c1", at(5)) })
		undone := edit(t, deleted, "Ana", func(s *session.Session) { s.PutCapture(base.Captures[0], at(6)) })
		m := merge(t, deleted, undone, deleted)
		if ids := captureIDs(m); !strings.Contains(ids, "c1") || len(m.Tombstones) != 0 {
			t.Errorf("captures %q tombstones %+v; want c1 back", ids, m.Tombstones)
		}
	})
	t.Run("fields changed apart merge", func(t *testing.T) {
		ours := edit(t, base, "Ana", func(s *session.Session) {
			c := s.Captures[1]
			c.Text = "Call back on Monday"
			s.PutCapture(c, at(5))
		})
		theirs := edit(t, base, "Ben", func(s *session.Session) {
			c := s.Captures[1]
			c.Done = "2026-12-02"
			s.PutCapture(c, at(6))
		})
		m := merge(t, base, ours, theirs)
		c := m.Captures[1]
		if c.Text != "Call back on Monday" || c.Done != "2026-12-02" || len(c.Conflicts) != 0 {
			t.Errorf("got %+v", c)
		}
	})
	t.Run("a field changed on both sides keeps the other version", func(t *testing.T) {
		ours := edit(t, base, "Ana", func(s *session.Session) {
			c := s.Captures[1]
			c.Text = "Call back Monday"
			s.PutCapture(c, at(5))
		})
		theirs := edit(t, base, "Ben", func(s *session.Session) {
			c := s.Captures[1]
			c.Text = "Email them"
			s.PutCapture(c, at(6))
		})
		c := merge(t, base, ours, theirs).Captures[1]
		if c.Text != "Email them" || len(c.Conflicts) != 1 || c.Conflicts[0].Text != "Call back Monday" {
			t.Errorf("got %+v", c)
		}
	})
}

func captureIDs(s *session.Session) string {
	var ids []string
	for _, c := range s.Captures {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, " ")
}

func TestMergeRoadmapMoves(t *testing.T) {
	base := edit(t, fresh(t), "Ana", func(s *session.Session) {
		s.AddRoadmap(session.RoadmapItem{ID: "r1", Title: "One", Horizon: session.Now}, at(1))
		s.AddRoadmap(session.RoadmapItem{ID: "r2", Title: "Two", Horizon: session.Now}, at(1))
		s.AddRoadmap(session.RoadmapItem{ID: "r3", Title: "Three", Horizon: session.Next}, at(1))
	})
	ours := edit(t, base, "Ana", func(s *session.Session) { s.MoveRoadmapTo("r3", session.Now, at(5)) })
	theirs := edit(t, base, "Ben", func(s *session.Session) {
		s.MoveRoadmapTo("r1", session.Later, at(6))
		it, _ := s.RoadmapItem("r2")
		it.Title = "Two, renamed"
		s.PutRoadmap(it, at(7))
	})
	m := merge(t, base, ours, theirs)
	var got []string
	for _, h := range []session.Horizon{session.Now, session.Next, session.Later} {
		for _, it := range session.RoadmapColumn(m.Roadmap, h) {
			got = append(got, string(h)+":"+it.Title)
		}
	}
	if want := "now:Two, renamed now:Three later:One"; strings.Join(got, " ") != want {
		t.Errorf("board %q, want %q", strings.Join(got, " "), want)
	}
	orders := map[session.Horizon]map[int]bool{}
	for _, it := range m.Roadmap {
		if orders[it.Horizon] == nil {
			orders[it.Horizon] = map[int]bool{}
		}
		if orders[it.Horizon][it.Order] {
			t.Errorf("two items of %s at place %d", it.Horizon, it.Order)
		}
		orders[it.Horizon][it.Order] = true
	}
}

func TestMergeSessionDeletion(t *testing.T) {
	base := fresh(t)
	gone := Version{Gone: &session.Tombstone{ID: sid, Of: session.TombstoneSession, At: at(5), Author: "Ana"}}
	if m, _ := Merge(Version{Session: base}, gone, Version{Session: base}); m.Gone == nil {
		t.Error("a session deleted on one side and untouched on the other stays deleted")
	}
	later := edit(t, base, "Ben", func(s *session.Session) { text(s, "who", "x", at(9)) })
	if m, _ := Merge(Version{Session: base}, gone, Version{Session: later}); m.Session == nil {
		t.Error("a session changed after its deletion comes back")
	}
	earlier := edit(t, base, "Ben", func(s *session.Session) { text(s, "who", "x", at(2)) })
	if m, _ := Merge(Version{Session: base}, Version{Session: earlier}, gone); m.Gone == nil {
		t.Error("a session deleted after the other side's change stays deleted")
	}
}

func TestMergeHeader(t *testing.T) {
	base := edit(t, fresh(t), "Ana", func(s *session.Session) {
		s.UpdateHeader(func(h *session.Header) { h.Tags = []string{"retail"} }, at(1))
	})
	ours := edit(t, base, "Ana", func(s *session.Session) {
		s.UpdateHeader(func(h *session.Header) { h.Tags = append(h.Tags, "eu") }, at(2))
		s.Spend("p1", 10*time.Minute, at(2))
	})
	theirs := edit(t, base, "Ben", func(s *session.Session) {
		s.UpdateHeader(func(h *session.Header) { h.Tags = []string{"priority"}; h.Client = "Acme Corp" }, at(3))
		s.Spend("p1", 4*time.Minute, at(3))
	})
	m := merge(t, base, ours, theirs)
	if got := strings.Join(m.Tags, ","); got != "eu,priority" {
		t.Errorf("tags %q, want eu,priority (retail removed on one side)", got)
	}
	if m.Client != "Acme Corp" || m.Elapsed != 10*time.Minute || m.PhaseTime["p1"] != 10*time.Minute || !m.Updated.Equal(at(3)) {
		t.Errorf("client %q elapsed %v phase %v updated %v", m.Client, m.Elapsed, m.PhaseTime, m.Updated)
	}
}

func TestMergeFilesDeterministic(t *testing.T) {
	base := fresh(t)
	ours := edit(t, base, "Ana", func(s *session.Session) { text(s, "who", "A", at(1)) })
	theirs := edit(t, base, "Ben", func(s *session.Session) { text(s, "who", "B", at(2)) })
	b, o, th := []byte(file(t, base)), []byte(file(t, ours)), []byte(file(t, theirs))
	first, _, err := MergeFiles(b, o, th)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, _, err := MergeFiles(b, o, th)
		if err != nil || !bytes.Equal(again, first) {
			t.Fatalf("a second merge of the same files differs (err %v)", err)
		}
	}
	// The merged file is a fixed point: written back as read.
	v, err := ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := WriteFile(v); !bytes.Equal(again, first) {
		t.Errorf("the merged file does not read back to the same bytes")
	}
	// A deletion mark round-trips too.
	gone := Version{Gone: &session.Tombstone{ID: sid, At: at(5), Author: "Ana"}}
	data, err := WriteFile(gone)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadFile(data)
	if err != nil || back.Gone == nil || back.Gone.Of != session.TombstoneSession {
		t.Fatalf("deletion mark read back as %+v, %v:\n%s", back, err, data)
	}
	if _, err := session.UnmarshalExport(data); err == nil || !strings.Contains(err.Error(), "deleted session") {
		t.Errorf("import of a deletion mark: %v", err)
	}
}
