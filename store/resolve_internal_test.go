package store

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/playbooks"
	"rapport/session"
)

// scanEvery offers every session to resolve, as Resolve did before the
// refs bucket: the answer the index must give.
func scanEvery(tx *bolt.Tx, _ string, fn func(id string, v []byte), _ func() bool) {
	forEachIndex(tx.Bucket(bucketSessions), fn)
}

// TestResolveByIndexAgreesWithAScan: on stores of awkward ids and client
// names (case, accents, the Kelvin sign and the dotless i, padding, words,
// names that start other names, ids that start names, an empty name),
// resolving any reference through the refs bucket gives exactly what
// reading every record gives: the same session, or the same error, word
// for word.
func TestResolveByIndexAgreesWithAScan(t *testing.T) {
	clients := []string{
		"Acme Rail", "acme rail", " Acme  Rail ", "Acme Rail EU", "Acmeco", "Northwind Logistics",
		"Northwind Media", "Müller & Söhne", "MÜLLER", "東京 Trading", "", "\u212Aelvin Labs", "Kelvin Labs",
		"Istanbul Ltd", "ıstanbul ltd", "Straße AG", "STRASSE AG", "01JQ Partners", "Zed-Co", "O'Brien",
		"\x1b[31mRed\x1b[0m Corp",
	}
	ids := []string{
		"01JQ0000000000000000000001", "01JQ0000000000000000000002", "01JQ000000000000000000000A",
		"01JR0000000000000000000001", "import-legacy-7", "IMPORT-legacy-8", "acme", "Zed", "k\u212A1",
	}
	rng := rand.New(rand.NewPCG(7, 7))
	s, err := Open(filepath.Join(t.TempDir(), "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var all []*session.Session
	for i, id := range ids {
		sess := session.New(id, base.Add(time.Duration(rng.IntN(5))*time.Hour), clients[i%len(clients)], playbooks.Playbook{ID: "p"})
		all = append(all, sess)
	}
	for i, c := range clients {
		for j := range 1 + rng.IntN(3) {
			id := fmt.Sprintf("01K%02d%02d000000000000000000", i, j)
			all = append(all, session.New(id, base.Add(time.Duration(rng.IntN(5))*time.Hour), c, playbooks.Playbook{ID: "p"}))
		}
	}
	if err := s.PutAll(all...); err != nil {
		t.Fatal(err)
	}

	refs := map[string]bool{}
	add := func(r string) {
		refs[r] = true
		refs[strings.ToUpper(r)] = true
		refs[strings.ToLower(r)] = true
	}
	for _, sess := range all {
		for _, r := range []string{sess.ID, sess.Client, strings.TrimSpace(sess.Client)} {
			add(r)
			for n := 1; n < len(r); n += 1 + n/3 {
				add(r[:n])
			}
		}
		for _, w := range strings.Fields(sess.Client) {
			add(w)
			add(w[:1])
		}
	}
	for _, r := range []string{"k", "K", "\u212A", "s", "ß", "ss", "I", "i", "İ", "ı", "straße", "strasse", "none", "01", "0", "Z", "zed-", "o'", " "} {
		add(r)
	}
	n := 0
	for ref := range refs {
		got, gerr := s.ResolveMatch(ref)
		want, werr := s.resolve(ref, scanEvery)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || got.ID != want.ID || got.Kind != want.Kind ||
			mustJSON(t, got.Sessions) != mustJSON(t, want.Sessions) {
			t.Errorf("Resolve(%q):\n by index %+v, %v\n by scan  %+v, %v", ref, got, gerr, want, werr)
		}
		n++
	}
	if n < 300 {
		t.Fatalf("only %d references tried", n)
	}
}

// TestResolveReadsFewRecords: resolving a client's name or an id reads
// the records of that client's sessions or of that session, not all of
// them, nor those of the clients whose names the name starts ("Client 4"
// starts "Client 40" to "Client 49").
func TestResolveReadsFewRecords(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var all []*session.Session
	for i := range 2000 {
		all = append(all, session.New(fmt.Sprintf("01K%023d", i), base.Add(time.Duration(i)*time.Minute),
			fmt.Sprintf("Client %d", i%100), playbooks.Playbook{ID: "p"}))
	}
	if err := s.PutAll(all...); err != nil {
		t.Fatal(err)
	}
	for ref, most := range map[string]int{"Client 42": 20, "client 42": 20, "Client 4": 20, all[1234].ID: 1, "01K00000000000000000001234": 1} {
		read := 0
		counting := func(tx *bolt.Tx, ref string, fn func(string, []byte), settled func() bool) {
			forEachCandidate(tx, ref, func(id string, v []byte) { read++; fn(id, v) }, settled)
		}
		if _, err := s.resolve(ref, counting); err != nil {
			t.Errorf("resolve(%q): %v", ref, err)
		}
		if read > most {
			t.Errorf("resolving %q read %d records, want at most %d", ref, read, most)
		}
	}
}
