// Command schema1 writes store/testdata/schema1/rapport.db, a store of
// schema 1 as rapport wrote it before the recent and refs buckets (commit
// 81109ff), with what that rapport listed and loaded from it, for
// TestMigrateSchema1Fixture. It is kept for the record; it builds only
// against that commit:
//
//	git worktree add --detach /tmp/old 81109ff
//	mkdir /tmp/old/cmd/schema1 && cp store/testdata/schema1/main.go /tmp/old/cmd/schema1/
//	(cd /tmp/old && go run ./cmd/schema1 $PWD/store/testdata/schema1)
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"rapport/playbooks"
	"rapport/session"
	"rapport/store"
	"rapport/store/storetest"
)

func main() {
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(dir string) error {
	path := filepath.Join(dir, "rapport.db")
	_ = os.Remove(path)
	s, err := store.Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	t0 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	pb := storetest.Playbook()

	// Every kind of answer, capture and roadmap item.
	full := storetest.FullSession("01JQ0000000000000000000001", t0)
	if err := s.Create(full); err != nil {
		return err
	}
	// Twenty ordinary sessions over about 120 clients.
	if err := storetest.Fill(s, 20, 7); err != nil {
		return err
	}
	// Clients spelt differently, out of ASCII, hostile; ids that are no
	// ULID; two sessions changed at the same instant; an empty client.
	at := t0.Add(48 * time.Hour)
	odd := []struct{ id, client string }{
		{"01JQ0000000000000000000002", "Acme Rail"},
		{"01JQ0000000000000000000003", "  acme rail "},
		{"01JQ0000000000000000000004", "Müller & Söhne GmbH"},
		{"01JQ0000000000000000000005", "東京 Trading"},
		{"01JQ0000000000000000000006", "\x1b[31mRed\x1b[0m Corp"},
		{"import-legacy-7", "Northwind Logistics"},
		{"01JQ0000000000000000000008", "Northwind Media"},
		{"01JQ0000000000000000000009", ""},
		{"01JQ000000000000000000000A", "Tie Co"},
		{"01JQ000000000000000000000B", "Tie Co"},
	}
	var made []*session.Session
	for i, o := range odd {
		created := at.Add(time.Duration(i) * time.Minute)
		sess := session.New(o.id, created, o.client, pb)
		if err := s.Create(sess); err != nil {
			return err
		}
		made = append(made, sess)
	}
	// Edits after creation, so the order of last change is not the order
	// of creation: the first of them changes last.
	edits := []session.Edit{
		made[0].PutAnswer(session.Answer{PromptID: "role", Text: "Head of operations"}, at.Add(5*time.Hour)),
		made[3].PutCapture(session.Capture{ID: "c1", Kind: session.CaptureQuote, Text: "早く", Created: at}, at.Add(3*time.Hour)),
		made[5].Finish(at.Add(4 * time.Hour)),
		made[8].MoveCursor("role", at.Add(2*time.Hour)),
		made[9].MoveCursor("role", at.Add(2*time.Hour)),
	}
	if err := s.Apply(edits...); err != nil {
		return err
	}
	// A session made and deleted leaves nothing behind.
	gone := session.New("01JQ00000000000000000000GONE", at, "Gone Ltd", playbooks.Playbook{ID: "empty"})
	if err := s.Create(gone); err != nil {
		return err
	}
	if err := s.Delete(gone.ID); err != nil {
		return err
	}

	list, err := s.List()
	if err != nil {
		return err
	}
	loaded := map[string]*session.Session{}
	for _, ix := range list {
		if loaded[ix.ID], err = s.Load(ix.ID); err != nil {
			return err
		}
	}
	for name, v := range map[string]any{"list.json": list, "sessions.json": loaded} {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}
