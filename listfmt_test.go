package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"rapport/playbooks"
	"rapport/session"
)

// listCatalogue is the built-in catalogue, loaded once for these tests.
var listCatalogue = loadCatalogue("")

// stdlibList is what the list printed through text/tabwriter and
// json.MarshalIndent, which the fast writers must match byte for byte.
func stdlibList(t testing.TB, idx []session.Index) (table, js string) {
	t.Helper()
	var tb, jb bytes.Buffer
	if err := tabwriterListTable(&tb, idx, listCatalogue); err != nil {
		t.Fatal(err)
	}
	if err := marshalListJSON(&jb, idx, listCatalogue); err != nil {
		return tb.String(), "error"
	}
	return tb.String(), jb.String()
}

func checkListWriters(t testing.TB, idx []session.Index) {
	t.Helper()
	wantTable, wantJSON := stdlibList(t, idx)
	var tb, jb bytes.Buffer
	if err := writeListTable(&tb, idx, listCatalogue); err != nil {
		t.Fatal(err)
	}
	if got := tb.String(); got != wantTable {
		t.Errorf("table differs from tabwriter's:\n got %q\nwant %q", got, wantTable)
	}
	gotJSON := "error"
	if err := writeListJSON(&jb, idx, listCatalogue); err == nil {
		gotJSON = jb.String()
	}
	if gotJSON != wantJSON {
		t.Errorf("JSON differs from MarshalIndent's:\n got %q\nwant %q", gotJSON, wantJSON)
	}
}

// TestListWritersMatchStdlib holds the list's fast writers to the output
// of text/tabwriter and json.MarshalIndent, which scripts rely on.
func TestListWritersMatchStdlib(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 890_000_000, time.UTC)
	base := session.Index{
		ID: "01JQ0000000000000000000000", Client: "Northwind", Playbook: playbooks.DefaultID,
		PlaybookVersion: 1, Status: session.StatusInProgress, Created: at, Updated: at.Add(time.Hour),
		Answered: 3, Total: 12,
	}
	with := func(f func(*session.Index)) session.Index { x := base; f(&x); return x }
	tests := map[string][]session.Index{
		"none": nil,
		"one":  {base},
		"several": {
			base,
			with(func(x *session.Index) {
				x.ID, x.Client, x.Status, x.Answered, x.Total = "01JQ1", "A much longer client name Ltd", session.StatusFinished, 120, 120
			}),
			with(func(x *session.Index) { x.Playbook, x.PlaybookVersion = "gone", 0 }),
			with(func(x *session.Index) { x.PlaybookVersion = 7 }),
		},
		"hostile": {
			with(func(x *session.Index) { x.Client = "\x1b]52;c;aGk=\x07<b>&amp;\t|# `x`" }),
			with(func(x *session.Index) { x.Client = "Zoë 日本 \u202e\u2028 \"q\" \\" }),
			with(func(x *session.Index) { x.Client = "bad \xff\xfe utf8" }),
			with(func(x *session.Index) { x.ID = "id\xffwith escape" }),
			with(func(x *session.Index) { x.Playbook, x.Status = "pb<&>", "odd\"status" }),
		},
		"zero times":  {with(func(x *session.Index) { x.Created, x.Updated = time.Time{}, time.Time{} })},
		"year 10000":  {with(func(x *session.Index) { x.Created = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) })},
		"offset zone": {with(func(x *session.Index) { x.Updated = at.In(time.FixedZone("", 5*3600+1800)) })},
	}
	for name, idx := range tests {
		t.Run(name, func(t *testing.T) { checkListWriters(t, idx) })
	}
}

// FuzzListWriters checks the fast writers against the stdlib ones for any
// client, playbook, id, status, counts and times.
func FuzzListWriters(f *testing.F) {
	f.Add("01JQ0000000000000000000000", "Northwind", playbooks.DefaultID, "in_progress", 1, 3, 12, int64(1767600000), int64(0))
	f.Add("x", "\x1b[31m<&>\t\xff", "pb", "finished", 0, -1, 0, int64(-62135596800), int64(999))
	f.Fuzz(func(t *testing.T, id, client, pb, status string, ver, answered, total int, sec, nsec int64) {
		at := time.Unix(sec, nsec)
		x := session.Index{ID: id, Client: client, Playbook: pb, PlaybookVersion: ver, Status: session.Status(status),
			Created: at, Updated: at.Add(time.Minute), Answered: answered, Total: total}
		y := x
		y.ID, y.Client = strings.ToUpper(id)+"2", client+client
		checkListWriters(t, []session.Index{x, y})
	})
}
