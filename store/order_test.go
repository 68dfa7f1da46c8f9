package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"rapport/playbooks"
	"rapport/session"
)

// checkIndexes fails t unless the recent and refs buckets are exactly what
// the index records beside the sessions' buckets make them, the count is
// right, and List gives what sorting every record would.
func checkIndexes(t *testing.T, s *Store) {
	t.Helper()
	err := s.view(func(tx *bolt.Tx) error {
		wantRecent := map[string]string{}
		wantRefs := map[string]string{}
		n := 0
		forEachIndex(tx.Bucket(bucketSessions), func(id string, v []byte) {
			n++
			ix, err := decodeIndex(v)
			if err != nil {
				t.Errorf("session %s: damaged index record: %v", id, err)
				return
			}
			wantRecent[string(orderKey(ix.Updated, id))] = string(v)
			wantRefs[string(refKey(refID, id, id))] = ""
			for _, k := range clientRefKeys(id, ix.Client) {
				wantRefs[string(k)] = ""
			}
			wantRefs[string(clientRefKey(id, ix.Client))] = string(v)
		})
		recent := tx.Bucket(bucketRecent)
		gotRecent := map[string]string{}
		_ = recent.ForEach(func(k, v []byte) error { gotRecent[string(k)] = string(v); return nil })
		for k, v := range wantRecent {
			if gotRecent[k] != v {
				t.Errorf("recent %q = %q, want %q", k, gotRecent[k], v)
			}
		}
		for k := range gotRecent {
			if _, ok := wantRecent[k]; !ok {
				t.Errorf("recent holds %q, which no session has", k)
			}
		}
		gotRefs := map[string]string{}
		_ = tx.Bucket(bucketRefs).ForEach(func(k, v []byte) error { gotRefs[string(k)] = string(v); return nil })
		for k, v := range wantRefs {
			if got, ok := gotRefs[k]; !ok {
				t.Errorf("refs lacks %q", k)
			} else if got != v {
				t.Errorf("refs %q = %q, want %q", k, got, v)
			}
		}
		for k := range gotRefs {
			if _, ok := wantRefs[k]; !ok {
				t.Errorf("refs holds %q, which no session has", k)
			}
		}
		if got := recent.Sequence(); got != uint64(n) {
			t.Errorf("the count of sessions is %d, want %d", got, n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	want := listByScan(t, s)
	if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
		t.Fatalf("List differs from sorting every record:\n got %s\nwant %s", g, w)
	}
}

// listByScan is how List worked before the recent bucket: every record
// beside the sessions' buckets, sorted.
func listByScan(t *testing.T, s *Store) []session.Index {
	t.Helper()
	var out []session.Index
	err := s.view(func(tx *bolt.Tx) error {
		forEachIndex(tx.Bucket(bucketSessions), func(id string, v []byte) {
			ix, err := decodeIndex(v)
			if err != nil {
				return
			}
			if ix.ID == "" {
				ix.ID = id
			}
			out = append(out, ix)
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sortIndex(out)
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestIndexesFollowEveryChange drives random creates, replacements, saves
// (grouped as the writer groups them, times going back as well as forward,
// ties, clients renamed) and deletes through the store, and checks after
// each step that the recent and refs buckets and the count are exactly
// what the sessions make them.
func TestIndexesFollowEveryChange(t *testing.T) {
	clients := []string{"Acme Rail", "acme rail", " Acme  Rail ", "Müller & Söhne", "MÜLLER", "東京 Trading", "", "K\u212Aelvin", "Northwind"}
	for seed := range uint64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 2))
			s, err := Open(filepath.Join(t.TempDir(), "rapport.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			s.db.NoSync = true
			base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			when := func() time.Time {
				// Few distinct instants, so ties are common.
				return base.Add(time.Duration(rng.IntN(20)) * time.Minute)
			}
			live := map[string]*session.Session{}
			ids := func() []string {
				out := make([]string, 0, len(live))
				for id := range live {
					out = append(out, id)
				}
				slices.Sort(out)
				return out
			}
			pb := playbooks.Playbook{ID: "p", Phases: []playbooks.Phase{{ID: "x", Prompts: []playbooks.Prompt{{ID: "q", Kind: playbooks.KindText}}}}}
			for step := range 150 {
				switch op := rng.IntN(10); {
				case op < 3 || len(live) == 0:
					id := fmt.Sprintf("S%02d", rng.IntN(40))
					sess := session.New(id, when(), clients[rng.IntN(len(clients))], pb)
					if _, ok := live[id]; ok {
						if err := s.Put(sess); err != nil {
							t.Fatal(err)
						}
					} else if err := s.Create(sess); err != nil {
						t.Fatal(err)
					}
					live[id] = sess
				case op < 8:
					// A group of edits to a few sessions, as the writer hands them.
					var edits []session.Edit
					for _, id := range ids() {
						if rng.IntN(3) > 0 {
							continue
						}
						sess := live[id]
						for range 1 + rng.IntN(3) {
							now := when()
							switch rng.IntN(3) {
							case 0:
								edits = append(edits, sess.PutAnswer(session.Answer{PromptID: "q", Text: fmt.Sprint(step)}, now))
							case 1:
								c := clients[rng.IntN(len(clients))]
								edits = append(edits, sess.UpdateHeader(func(h *session.Header) { h.Client = c }, now))
							case 2:
								// The clock went back: Updated may fall as well as rise.
								sess.Updated = now
								edits = append(edits, sess.MoveCursor("q", now))
							}
						}
					}
					if err := s.Apply(edits...); err != nil {
						t.Fatal(err)
					}
				default:
					id := ids()[rng.IntN(len(live))]
					if err := s.Delete(id); err != nil {
						t.Fatal(err)
					}
					delete(live, id)
				}
				checkIndexes(t, s)
				if t.Failed() {
					t.Fatalf("after step %d", step)
				}
			}
		})
	}
}

// TestListNewest: the newest n records in List's order, and the count of
// every session.
func TestListNewest(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var all []*session.Session
	for i := range 30 {
		all = append(all, session.New(fmt.Sprintf("S%02d", i), base.Add(time.Duration(i%7)*time.Hour), "C", playbooks.Playbook{ID: "p"}))
	}
	if err := s.PutAll(all...); err != nil {
		t.Fatal(err)
	}
	full, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1, 7, 30, 100} {
		got, total, err := s.ListNewest(n)
		if err != nil {
			t.Fatal(err)
		}
		if total != 30 {
			t.Errorf("ListNewest(%d) total = %d, want 30", n, total)
		}
		want := full[:min(n, len(full))]
		if mustJSON(t, got) != mustJSON(t, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("ListNewest(%d) = %v, want %v", n, got, want)
		}
	}
}

// TestOrderKeySortsAsList: order keys sort as List orders sessions,
// reversed, for times before 1970, far ahead and with nanoseconds.
func TestOrderKeySortsAsList(t *testing.T) {
	times := []time.Time{
		{}, time.Unix(-1, 999_999_999), time.Unix(0, 0), time.Unix(0, 1),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 1, time.FixedZone("x", 3600)),
		time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
	}
	var ix []session.Index
	for i, tm := range times {
		for _, id := range []string{"A", "AB", "B"} {
			ix = append(ix, session.Index{ID: fmt.Sprint(id, i%2), Updated: tm})
		}
	}
	byKey := slices.Clone(ix)
	slices.SortFunc(byKey, func(a, b session.Index) int {
		return -bytes.Compare(orderKey(a.Updated, a.ID), orderKey(b.Updated, b.ID))
	})
	sortIndex(ix)
	for i := range ix {
		if ix[i].ID != byKey[i].ID || !ix[i].Updated.Equal(byKey[i].Updated) {
			t.Fatalf("position %d: by key %v, by List %v", i, byKey[i], ix[i])
		}
	}
}

// TestFoldMatchesEqualFold: two strings strings.EqualFold says are equal
// fold alike, and a ToUpper or ToLower prefix is a prefix of the folds too.
func TestFoldMatchesEqualFold(t *testing.T) {
	words := []string{"acme", "ACME", "Acme", "k", "K", "\u212A", "s", "S", "\u017F", "ß", "SS", "Σ", "σ", "ς",
		"müller", "MÜLLER", "東京", "\xff", "\xfe", "", "ǅ", "Ǆ", "ǆ", "İ", "i", "ı", "I"}
	for _, a := range words {
		for _, b := range words {
			if strings.EqualFold(a, b) && fold(a) != fold(b) {
				t.Errorf("EqualFold(%q, %q), but they fold apart", a, b)
			}
			for _, up := range []func(string) string{strings.ToUpper, strings.ToLower} {
				if strings.HasPrefix(up(a+"x"), up(b)) && !strings.HasPrefix(fold(a+"x"), fold(b)) {
					t.Errorf("%q starts %q once cased, but not once folded", b, a+"x")
				}
			}
		}
	}
}

// TestFoldRune: upper-casing, lower-casing or simple case folding a
// character never changes its fold, for every character there is.
func TestFoldRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		f := foldRune(r)
		for _, n := range []rune{unicode.ToUpper(r), unicode.ToLower(r), unicode.SimpleFold(r)} {
			if g := foldRune(n); g != f {
				t.Fatalf("foldRune(%U) = %U, but foldRune(%U) = %U", r, f, n, g)
			}
		}
	}
}

// dump lists every key and value of the bbolt file at path, buckets
// nested, to compare two files by content.
func dump(t *testing.T, path string) string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	var walk func(prefix string, bk *bolt.Bucket)
	walk = func(prefix string, bk *bolt.Bucket) {
		fmt.Fprintf(&b, "%s seq=%d\n", prefix, bk.Sequence())
		_ = bk.ForEach(func(k, v []byte) error {
			if v == nil {
				walk(prefix+"/"+fmt.Sprintf("%q", k), bk.Bucket(k))
				return nil
			}
			fmt.Fprintf(&b, "%s %q=%q\n", prefix, k, v)
			return nil
		})
	}
	_ = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			walk(fmt.Sprintf("%q", name), bk)
			return nil
		})
	})
	return b.String()
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		t.Fatal(err)
	}
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

func schemaOf(t *testing.T, s *Store) int {
	t.Helper()
	var v int
	if err := s.view(func(tx *bolt.Tx) error {
		var err error
		v, err = s.schemaVersion(tx.Bucket(bucketMeta))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestMigrateSchema1Fixture opens a store written by rapport at 81109ff
// (testdata/schema1, made by its main.go): it migrates once, in place,
// keeping a copy of the store as it was in the backups folder; it then
// lists the same sessions in the same order and loads each as that rapport
// did; a second open finds the schema current and writes nothing.
//
// A later migration that changes stored sessions on purpose changes the
// sessions expected here the same way.
func TestMigrateSchema1Fixture(t *testing.T) {
	testMigrateFixture(t, 1)
}

// TestMigrateSchema4Fixture is TestMigrateSchema1Fixture from a store of
// schema 4 (testdata/schema4: testdata/schema1 as rapport at 5e81528
// migrated it, with `rapport list --db`), whose client name keys in refs
// hold nothing yet: schema 5 fills them.
func TestMigrateSchema4Fixture(t *testing.T) {
	testMigrateFixture(t, 4)
}

// testMigrateFixture opens a copy of testdata/schemaN (N = from): whatever
// its schema, the store holds the sessions testdata/schema1 was written
// with, as later rapports migrated them.
func testMigrateFixture(t *testing.T, from int) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "rapport.db")
	copyFile(t, filepath.Join("testdata", fmt.Sprintf("schema%d", from), "rapport.db"), path)
	before := dump(t, path)
	if !strings.Contains(before, fmt.Sprintf(`"meta" "schema"="\x01%d"`, from)) {
		t.Fatalf("the fixture is not a schema %d store:\n%.300s", from, before)
	}

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, s); v != latestSchema(defaultMigrations()) {
		t.Fatalf("schema after open = %d, want %d", v, latestSchema(defaultMigrations()))
	}
	checkIndexes(t, s)
	notice := fmt.Sprintf("store %s was upgraded from schema %d to %d; a copy as it was, which the rapport that wrote it can still open, is kept at %s",
		path, from, latestSchema(defaultMigrations()), beforeMigration(path, from))
	if got := s.Notices(); !slices.Contains(got, notice) {
		t.Errorf("Notices() = %q, want %q among them", got, notice)
	}

	var wantList []session.Index
	var wantSessions map[string]*session.Session
	for name, v := range map[string]any{"list.json": &wantList, "sessions.json": &wantSessions} {
		b, err := os.ReadFile(filepath.Join("testdata", "schema1", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatal(err)
		}
	}
	// Schema 3 makes every note stored before internal.
	for _, ws := range wantSessions {
		for i := range ws.Captures {
			if ws.Captures[i].Kind == session.CaptureNote {
				ws.Captures[i].Internal = true
			}
		}
	}
	// Schema 4 names each session's contacts in its index record.
	for i := range wantList {
		if ws := wantSessions[wantList[i].ID]; ws != nil {
			wantList[i].With = ws.With()
		}
	}
	got, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if g, w := mustJSON(t, got), mustJSON(t, wantList); g != w {
		t.Fatalf("List after the migration:\n got %s\nwant %s", g, w)
	}
	for _, ix := range got {
		sess, err := s.Load(ix.ID)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := mustJSON(t, sess), mustJSON(t, wantSessions[ix.ID]); g != w {
			t.Errorf("session %s after the migration:\n got %s\nwant %s", ix.ID, g, w)
		}
	}
	newest, total, err := s.ListNewest(3)
	if err != nil || total != len(wantList) || mustJSON(t, newest) != mustJSON(t, wantList[:3]) {
		t.Errorf("ListNewest(3) = %v, %d, %v; want the first 3 of List and %d", newest, total, err, len(wantList))
	}

	// The copy taken first is the store as it was, which the rapport that
	// wrote it can still open.
	kept := beforeMigration(path, from)
	if got := dump(t, kept); got != before {
		t.Errorf("the copy kept before migrating differs from the store as it was")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// A second open: nothing to do, nothing written.
	stat := func(p string) (os.FileInfo, []byte) {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(p)
		return info, b
	}
	info1, data1 := stat(path)
	kinfo1, _ := stat(kept)
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, s); v != latestSchema(defaultMigrations()) {
		t.Fatalf("schema after the second open = %d", v)
	}
	if got := s.Notices(); len(got) > 0 {
		t.Errorf("the second open says %q, want nothing", got)
	}
	if _, err := s.List(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	info2, data2 := stat(path)
	kinfo2, _ := stat(kept)
	if !bytes.Equal(data1, data2) || !info1.ModTime().Equal(info2.ModTime()) {
		t.Error("the second open rewrote the store")
	}
	if !kinfo1.ModTime().Equal(kinfo2.ModTime()) {
		t.Error("the second open copied the store again")
	}
}

// TestMigrationNeedsItsCopy: when the copy cannot be made (a file stands
// where the backups folder goes), the store is not migrated and is left
// exactly as it was.
func TestMigrationNeedsItsCopy(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rapport.db")
	copyFile(t, filepath.Join("testdata", "schema1", "rapport.db"), path)
	if err := os.WriteFile(filepath.Join(dir, "backups"), []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "a copy of it could not be kept first, so it was left as it is") {
		t.Fatalf("Open = %v, want a refusal naming the copy", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the store changed although its copy could not be made")
	}
}

// TestReindexAll: the migration a new index field needs rebuilds every
// record from its session, and recent and refs with it.
func TestReindexAll(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rapport.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pb := playbooks.Playbook{ID: "p", Phases: []playbooks.Phase{{ID: "x", Prompts: []playbooks.Prompt{{ID: "q", Kind: playbooks.KindText}}}}}
	var want []session.Index
	for i := range 5 {
		sess := session.New(fmt.Sprintf("S%d", i), base.Add(time.Duration(i)*time.Hour), fmt.Sprint("Client ", i), pb)
		sess.PutAnswer(session.Answer{PromptID: "q", Text: "yes"}, base.Add(time.Duration(10-i)*time.Hour))
		if err := s.Create(sess); err != nil {
			t.Fatal(err)
		}
		want = append(want, sess.Index())
	}
	sortIndex(want)
	// Records as an older rapport left them: counts missing, another name.
	stale := want[2]
	stale.Answered, stale.Total, stale.Client = 0, 0, "Old Name"
	if err := s.update(func(tx *bolt.Tx) error { return indexesOf(tx).putIndex(stale.ID, stale) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	migs := append(defaultMigrations(), migration{To: latestSchema(defaultMigrations()) + 1, Name: "test: reindex", Run: reindexAll})
	s, err = openWith(path, migs)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkIndexes(t, s)
	got, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
		t.Fatalf("after reindexAll:\n got %s\nwant %s", g, w)
	}
}
