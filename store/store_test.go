package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/session"
	"rapport/store"
	"rapport/store/storetest"
)

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

const testID = "01JQ0000000000000000000001"

func openTemp(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "rapport.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

func reopen(t *testing.T, s *store.Store) *store.Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s2, err := store.Open(s.Path())
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { _ = s2.Close() })
	return s2
}

// sameSession compares sessions as their JSON, which is what a user would
// see of them (and ignores monotonic clock readings).
func sameSession(t *testing.T, got, want *session.Session) {
	t.Helper()
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if !bytes.Equal(g, w) {
		t.Fatalf("session differs:\n got: %s\nwant: %s", g, w)
	}
}

func TestOpenCreatesPrivateFolderAndFile(t *testing.T) {
	_, path := openTemp(t)
	for p, want := range map[string]os.FileMode{filepath.Dir(path): 0o700, path: 0o600} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", p, got, want)
		}
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	s, _ := openTemp(t)
	full := storetest.FullSession(testID, t0)
	if err := s.Create(full); err != nil {
		t.Fatal(err)
	}
	// Edits after creation: a changed answer, a new and a deleted capture,
	// a replaced roadmap item, a header change.
	now := t0.Add(time.Hour)
	a := full.AnswerFor("role")
	a.Text = "Operations and safety"
	edits := []session.Edit{
		full.PutAnswer(a, now),
		full.DeleteCapture(full.Captures[0].ID, now),
		full.PutCapture(session.Capture{ID: "zz-late", Kind: session.CaptureNote, Text: "late", Created: now}, now),
		full.PutRoadmap(session.RoadmapItem{ID: "rm-1", Title: "Live delay info, phase 1", Horizon: session.Next}, now),
		full.Finish(now),
	}
	if err := s.Apply(edits...); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	got, err := s.Load(testID)
	if err != nil {
		t.Fatal(err)
	}
	sameSession(t, got, full)
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0] != full.Index() {
		t.Fatalf("List = %+v, want [%+v]", list, full.Index())
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestCaptureOrderSurvivesIDsThatDoNotSort(t *testing.T) {
	s, _ := openTemp(t)
	sess := session.New(testID, t0, "Acme", storetest.Playbook())
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	var edits []session.Edit
	for _, id := range []string{"c", "a", "b"} {
		edits = append(edits, sess.PutCapture(session.Capture{ID: id, Kind: session.CaptureNote, Text: id}, t0))
	}
	edits = append(edits, sess.PutCapture(session.Capture{ID: "c", Kind: session.CaptureNote, Text: "c edited"}, t0))
	if err := s.Apply(edits...); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load(testID)
	if err != nil {
		t.Fatal(err)
	}
	sameSession(t, got, sess)
}

func TestCreateRefusesAnExistingID(t *testing.T) {
	s, _ := openTemp(t)
	sess := storetest.FullSession(testID, t0)
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	err := s.Create(session.New(testID, t0, "Other", storetest.Playbook()))
	if !errors.Is(err, store.ErrExists) || !strings.Contains(err.Error(), testID) {
		t.Fatalf("second Create = %v, want ErrExists naming %s", err, testID)
	}
	got, _ := s.Load(testID)
	sameSession(t, got, sess) // untouched
	// Put replaces the whole session, dropping what the new one lacks.
	fresh := session.New(testID, t0, "Other", storetest.Playbook())
	if err := s.Put(fresh); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Load(testID)
	sameSession(t, got, fresh)
}

// TestCreateAllIsWholeOrNothing: a batch with one taken id stores none of
// its sessions, so a retry with new ids duplicates nothing.
func TestCreateAllIsWholeOrNothing(t *testing.T) {
	s, _ := openTemp(t)
	taken := storetest.FullSession(testID, t0)
	if err := s.Create(taken); err != nil {
		t.Fatal(err)
	}
	const fresh = "01JD3Q0W8ZK6X4T2N9M5R7B1CF"
	err := s.CreateAll(session.New(fresh, t0, "New", storetest.Playbook()), session.New(testID, t0, "Clash", storetest.Playbook()))
	if !errors.Is(err, store.ErrExists) {
		t.Fatalf("CreateAll = %v, want ErrExists", err)
	}
	if _, err := s.Load(fresh); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the batch's first session was stored although its second was refused: %v", err)
	}
	got, _ := s.Load(testID)
	sameSession(t, got, taken)
	if err := s.CreateAll(session.New(fresh, t0, "New", storetest.Playbook())); err != nil {
		t.Fatal(err)
	}
	if idx, _ := s.List(); len(idx) != 2 {
		t.Errorf("%d sessions after the retry, want 2", len(idx))
	}
}

func TestLoadDeleteApplyUnknownSession(t *testing.T) {
	s, _ := openTemp(t)
	if _, err := s.Load("nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Load = %v, want ErrNotFound", err)
	}
	if err := s.Delete("nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Delete = %v, want ErrNotFound", err)
	}
	sess := session.New(testID, t0, "Acme", storetest.Playbook())
	if err := s.Apply(sess.MoveCursor("role", t0)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Apply = %v, want ErrNotFound", err)
	}
	if list, _ := s.List(); len(list) != 0 {
		t.Errorf("a failed Apply left %v", list)
	}
}

func TestDelete(t *testing.T) {
	s, _ := openTemp(t)
	a := storetest.FullSession(testID, t0)
	b := storetest.FullSession("01JQ0000000000000000000002", t0)
	if err := s.PutAll(a, b); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if _, err := s.Load(a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Load deleted = %v", err)
	}
	list, _ := s.List()
	if len(list) != 1 || list[0].ID != b.ID {
		t.Errorf("List = %+v", list)
	}
}

func TestListNewestFirst(t *testing.T) {
	s, _ := openTemp(t)
	var all []*session.Session
	for i, client := range []string{"A", "B", "C"} {
		sess := session.New("01JQ000000000000000000000"+string(rune('1'+i)), t0, client, storetest.Playbook())
		all = append(all, sess)
	}
	if err := s.PutAll(all...); err != nil {
		t.Fatal(err)
	}
	// B is worked on last, A next.
	if err := s.Apply(all[0].MoveCursor("role", t0.Add(time.Minute)), all[1].MoveCursor("role", t0.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ix := range list {
		got = append(got, ix.Client)
	}
	if strings.Join(got, ",") != "B,A,C" {
		t.Fatalf("order %v, want B,A,C", got)
	}
}

func TestResolve(t *testing.T) {
	s, _ := openTemp(t)
	mk := func(id, client string, updated time.Time) *session.Session {
		sess := session.New(id, t0, client, storetest.Playbook())
		sess.MoveCursor("role", updated)
		return sess
	}
	err := s.PutAll(
		mk("01JQAAAA00000000000000000A", "Acme Rail", t0.Add(1*time.Hour)),
		mk("01JQAAAA00000000000000000B", "Acme Rail", t0.Add(3*time.Hour)), // Acme's latest
		mk("01JQBBBB00000000000000000C", "Borealis", t0.Add(2*time.Hour)),
		mk("01JQCCCC00000000000000000D", "01JQC", t0), // a client named like a prefix
		mk("01JQDDDD00000000000000000E", "Northwind Logistics", t0.Add(1*time.Hour)),
		mk("01JQDDDD00000000000000000F", "northwind logistics", t0.Add(4*time.Hour)), // same client, latest
		mk("01JQEEEE00000000000000000G", "North Star Freight", t0),
		mk("01JQFFFF00000000000000000H", "Blue-Harbour Foods", t0),
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ref, want string
		err       error
		msg       []string
	}{
		{ref: "01JQAAAA00000000000000000A", want: "01JQAAAA00000000000000000A"},
		{ref: "01jqaaaa00000000000000000a", want: "01JQAAAA00000000000000000A"},
		{ref: "01jqbb", want: "01JQBBBB00000000000000000C"},
		{ref: "acme rail", want: "01JQAAAA00000000000000000B"},
		{ref: "  Borealis ", want: "01JQBBBB00000000000000000C"},
		{ref: "01JQC", want: "01JQCCCC00000000000000000D"}, // client name and unique prefix agree
		{ref: "01JQAAAA", err: store.ErrAmbiguous, msg: []string{"01JQAAAA00000000000000000A", "01JQAAAA00000000000000000B", "Acme Rail"}},
		{ref: "01", err: store.ErrAmbiguous, msg: []string{"8 sessions"}},
		// The start of a client's name, or of a word in it, names one client.
		{ref: "Northwind", want: "01JQDDDD00000000000000000F"},
		{ref: "NORTHW", want: "01JQDDDD00000000000000000F"},
		{ref: "logist", want: "01JQDDDD00000000000000000F"},
		{ref: "star", want: "01JQEEEE00000000000000000G"},
		{ref: "harbour", want: "01JQFFFF00000000000000000H"},
		{ref: "bor", want: "01JQBBBB00000000000000000C"},
		{ref: "North", err: store.ErrAmbiguous, msg: []string{"2 clients", `"North Star Freight"`, `"northwind logistics"`, "type more of the name"}},
		{ref: "ogistics", err: store.ErrNotFound}, // inside a word is not a start
		{ref: "Nobody", err: store.ErrNotFound, msg: []string{`"Nobody"`}},
		{ref: "", err: store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			got, err := s.Resolve(tt.ref)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Resolve(%q) = %q, %v; want %v", tt.ref, got, err, tt.err)
				}
				for _, m := range tt.msg {
					if !strings.Contains(err.Error(), m) {
						t.Errorf("message %q lacks %q", err, m)
					}
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("message is not one line: %q", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Resolve(%q) = %q, %v; want %q", tt.ref, got, err, tt.want)
			}
		})
	}
}

func TestNaNNumberDoesNotBlockSaving(t *testing.T) {
	s, _ := openTemp(t)
	sess := session.New(testID, t0, "Acme", storetest.Playbook())
	if err := s.Create(sess); err != nil {
		t.Fatal(err)
	}
	nan := 0.0
	nan = nan / nan
	e := sess.PutAnswer(session.Answer{PromptID: "team", Number: &nan}, t0)
	if err := s.Apply(e); err != nil {
		t.Fatalf("Apply with NaN: %v", err)
	}
}

// TestResolveNeverGuesses: a reference that could mean sessions of
// different clients is ambiguous, never settled by an order of preference
// (delete --yes must not surprise), and the message names the candidates
// with their names sanitised.
func TestResolveNeverGuesses(t *testing.T) {
	s, _ := openTemp(t)
	mk := func(id, client string, updated time.Time) *session.Session {
		sess := session.New(id, t0, client, storetest.Playbook())
		sess.MoveCursor("role", updated)
		return sess
	}
	evil := "Evil\x1b]52;c;ZXZpbA==\x07\x1b[2J Corp"
	err := s.PutAll(
		mk("01JQBBBB00000000000000000C", "Borealis", t0.Add(2*time.Hour)),
		mk("01JQBBBB00000000000000000D", "Borealis", t0.Add(3*time.Hour)),
		mk("01JQCCCC00000000000000000E", "01JQB", t0),                      // a name that starts others' ids
		mk("01JQDDDD00000000000000000F", "01JQEEEE00000000000000000G", t0), // a name that is another's id
		mk("01JQEEEE00000000000000000G", "Globex", t0),
		mk("01JQFFFF00000000000000000H", "Harbour", t0),
		mk("01JQGGGG00000000000000000J", "01JQF Holdings", t0), // a name that starts with an id prefix
		mk("01JQHHHH00000000000000000K", evil, t0.Add(time.Hour)),
		mk("01JQHHHH00000000000000000M", "Evil Twin", t0),
		mk("01JQJJJJ00000000000000000N", "Northwind Logistics", t0),
		mk("01JQJJJJ00000000000000000P", "Northwind Logistics", t0.Add(time.Hour)),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ref  string
		want string // the id, or "" for ErrAmbiguous
		kind store.MatchKind
		msg  []string
	}{
		{ref: "01JQB", msg: []string{"the name of a client and the start of other sessions' ids", "01JQCCCC00000000000000000E (01JQB,", "01JQBBBB00000000000000000D (Borealis,", "type the whole id"}},
		{ref: "01JQEEEE00000000000000000G", msg: []string{"the id of a session and the name of a client", "01JQDDDD00000000000000000F", "01JQEEEE00000000000000000G (Globex,"}},
		{ref: "01JQF", msg: []string{"the start of a session's id and of a client's name", "01JQFFFF00000000000000000H (Harbour,", "01JQGGGG00000000000000000J (01JQF Holdings,"}},
		{ref: "Evil", msg: []string{`"Evil Corp"`, `"Evil Twin"`}},
		{ref: "01JQHHHH", msg: []string{"(Evil Corp,", "Evil Twin"}},
		{ref: "borealis", want: "01JQBBBB00000000000000000D", kind: store.MatchClient},
		{ref: "north", want: "01JQJJJJ00000000000000000P", kind: store.MatchClientPrefix},
		{ref: "01jqjjjj00000000000000000n", want: "01JQJJJJ00000000000000000N", kind: store.MatchID},
		{ref: "01JQGG", want: "01JQGGGG00000000000000000J", kind: store.MatchIDPrefix},
	} {
		t.Run(tt.ref, func(t *testing.T) {
			m, err := s.ResolveMatch(tt.ref)
			if tt.want == "" {
				if !errors.Is(err, store.ErrAmbiguous) {
					t.Fatalf("ResolveMatch(%q) = %+v, %v; want ambiguous", tt.ref, m, err)
				}
				for _, w := range tt.msg {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("message %q lacks %q", err, w)
					}
				}
				if strings.ContainsAny(err.Error(), "\x1b\x07\n") {
					t.Errorf("message carries control characters: %q", err)
				}
				return
			}
			if err != nil || m.ID != tt.want || m.Kind != tt.kind {
				t.Fatalf("ResolveMatch(%q) = %+v, %v; want %s kind %d", tt.ref, m, err, tt.want, tt.kind)
			}
		})
	}
	// A match by name carries the client's sessions, most recent first,
	// for delete to ask which.
	m, err := s.ResolveMatch("north")
	if err != nil || len(m.Sessions) != 2 || m.Sessions[0].ID != "01JQJJJJ00000000000000000P" || m.Sessions[1].ID != "01JQJJJJ00000000000000000N" {
		t.Errorf("the sessions of a prefix match: %+v, %v", m.Sessions, err)
	}
}
