package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestExportRoundTrip(t *testing.T) {
	s := fullSession(t)
	s.Captures[0].Text = "hostile \x1b]52;c;ZXZpbA==\x07 &#27; <b>kept as typed</b>"
	data, err := MarshalExport(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"format\": \"rapport.session\",\n  \"version\": 1,\n  \"session\": {")) {
		t.Errorf("export does not open with its format and version:\n%s", data[:min(120, len(data))])
	}
	if !bytes.Contains(data, []byte("<b>kept as typed</b>")) {
		t.Errorf("HTML escaped in the export, which makes it harder to read")
	}
	again, err := MarshalExport(s)
	if err != nil || !bytes.Equal(data, again) {
		t.Errorf("export is not deterministic")
	}
	got, err := UnmarshalExport(data)
	if err != nil {
		t.Fatalf("UnmarshalExport: %v", err)
	}
	if got.Captures[0].Text != s.Captures[0].Text {
		t.Errorf("import changed the typed text: %q", got.Captures[0].Text)
	}
	// Everything survives: the summary of the imported session is the same.
	for _, a := range []Audience{AudienceClient, AudienceInternal} {
		if !bytes.Equal(Markdown(s, a), Markdown(got, a)) {
			t.Errorf("%s summary differs after a round trip", a)
		}
	}
	if !reflect.DeepEqual(s.Index(), got.Index()) {
		t.Errorf("index differs after a round trip: %+v vs %+v", s.Index(), got.Index())
	}
	redo, err := MarshalExport(got)
	if err != nil || !bytes.Equal(data, redo) {
		t.Errorf("re-export differs")
	}
}

// exportWith exports the full session after f changed its decoded JSON
// envelope, for tests of what import refuses.
func exportWith(t *testing.T, f func(env map[string]any, s map[string]any)) []byte {
	t.Helper()
	data, err := MarshalExport(fullSession(t))
	if err != nil {
		t.Fatal(err)
	}
	var env map[string]any
	if err := json.Unmarshal(data, &env); err != nil {
		t.Fatal(err)
	}
	f(env, env["session"].(map[string]any))
	out, err := json.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestUnmarshalExportMigratesVersion0(t *testing.T) {
	data := exportWith(t, func(env, _ map[string]any) { env["version"] = 0 })
	s, err := UnmarshalExport(data)
	if err != nil {
		t.Fatalf("version 0 export: %v", err)
	}
	if !bytes.Equal(Markdown(s, AudienceInternal), Markdown(fullSession(t), AudienceInternal)) {
		t.Errorf("version 0 import lost something")
	}
	out, err := MarshalExport(s)
	if err != nil || !bytes.Contains(out, []byte(`"version": 1`)) {
		t.Errorf("a migrated session is not written as version 1")
	}
}

func TestUnmarshalExportErrors(t *testing.T) {
	captures := func(s map[string]any) []any { return s["captures"].([]any) }
	answer := func(s map[string]any, id string) map[string]any {
		return s["answers"].(map[string]any)[id].(map[string]any)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not json", []byte("# a markdown file"), "not a rapport export: invalid JSON at byte 1"},
		{"empty", nil, "not a rapport export"},
		{"another format", []byte(`{"format":"rapport.playbook","version":1}`), `format is "rapport.playbook", want "rapport.session"`},
		{"no format", []byte(`{"version":1,"session":{}}`), `no "format" field`},
		{"no version", []byte(`{"format":"rapport.session","session":{}}`), `without a "version"`},
		{"newer", exportWith(t, func(env, _ map[string]any) { env["version"] = 7 }), "made by a newer rapport: format version 7, this one reads up to 1"},
		{"negative version", exportWith(t, func(env, _ map[string]any) { env["version"] = -1 }), "impossible format version -1"},
		{"no session", []byte(`{"format":"rapport.session","version":1}`), `without a "session"`},
		{"session not an object", []byte(`{"format":"rapport.session","version":1,"session":[1]}`), "session: value should be session.Session"},
		{"wrong type", exportWith(t, func(_, s map[string]any) { s["client"] = 5 }), "client should be string, not number"},
		{"no id", exportWith(t, func(_, s map[string]any) { delete(s, "id") }), "session has no id"},
		{"bad id", exportWith(t, func(_, s map[string]any) { s["id"] = "../../etc/passwd" }), `session id "../../etc/passwd" is not a ULID`},
		{"no client", exportWith(t, func(_, s map[string]any) { s["client"] = "  " }), "has no client"},
		{"no playbook", exportWith(t, func(_, s map[string]any) { s["playbook"].(map[string]any)["id"] = "" }), "has no playbook id"},
		{"bad status", exportWith(t, func(_, s map[string]any) { s["status"] = "done" }), `unknown status "done"`},
		{"duplicate capture", exportWith(t, func(_, s map[string]any) { captures(s)[1].(map[string]any)["id"] = "c01" }), `capture id "c01" is used twice`},
		{"capture without id", exportWith(t, func(_, s map[string]any) { captures(s)[1].(map[string]any)["id"] = "" }), "capture 2: no id"},
		{"capture kind", exportWith(t, func(_, s map[string]any) { captures(s)[0].(map[string]any)["kind"] = "gossip" }), `c01 has unknown kind "gossip"`},
		{"impact", exportWith(t, func(_, s map[string]any) { captures(s)[1].(map[string]any)["impact"] = 9 }), "c02: impact 9 is outside 1..5"},
		{"effort", exportWith(t, func(_, s map[string]any) { captures(s)[1].(map[string]any)["effort"] = -1 }), "c02: effort -1 is outside 1..5"},
		{"rating", exportWith(t, func(_, s map[string]any) { answer(s, "trust")["rating"] = 6 }), `answer "trust": rating 6 is outside 1..5`},
		{"state", exportWith(t, func(_, s map[string]any) { answer(s, "trust")["state"] = "maybe" }), `answer "trust" has unknown state "maybe"`},
		{"answer key", exportWith(t, func(_, s map[string]any) { answer(s, "trust")["prompt"] = "other" }), `answer stored under "trust" is for prompt "other"`},
		{"null answer", exportWith(t, func(_, s map[string]any) { s["answers"].(map[string]any)["x"] = nil }), `answer "x" is null`},
		{"feeling", exportWith(t, func(_, s map[string]any) {
			answer(s, "stages")["stages"].([]any)[0].(map[string]any)["feeling"] = 3
		}), "journey stage 1: feeling 3 is outside -2..+2"},
		{"ledger kind", exportWith(t, func(_, s map[string]any) {
			answer(s, "trust-ledger")["ledger"].([]any)[0].(map[string]any)["kind"] = "gift"
		}), `ledger entry 1 has unknown kind "gift"`},
		{"horizon", exportWith(t, func(_, s map[string]any) { s["roadmap"].([]any)[0].(map[string]any)["horizon"] = "someday" }), `unknown horizon "someday"`},
		{"done date", exportWith(t, func(_, s map[string]any) { captures(s)[5].(map[string]any)["done"] = "friday" }), `c06: done date "friday" is not YYYY-MM-DD`},
		{"carried from no session", exportWith(t, func(_, s map[string]any) {
			s["carried"] = []any{map[string]any{"session": "x", "item": "c1", "kind": "action", "text": "t"}}
		}), `carried item 1 names session "x", not a ULID`},
		{"carried without item", exportWith(t, func(_, s map[string]any) {
			s["carried"] = []any{map[string]any{"session": testID, "kind": "action"}}
		}), "carried item 1 has no item id"},
		{"carried quote", exportWith(t, func(_, s map[string]any) {
			s["carried"] = []any{map[string]any{"session": testID, "item": "c01", "kind": "quote"}}
		}), `carried item 1 has kind "quote" (want action or followup)`},
		{"duplicate roadmap", exportWith(t, func(_, s map[string]any) { s["roadmap"].([]any)[1].(map[string]any)["id"] = "r1" }), `roadmap item id "r1" is used twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := UnmarshalExport(tt.data)
			if err == nil {
				t.Fatalf("imported %v, want an error containing %q", s.ID, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
	_, err := UnmarshalExport(exportWith(t, func(env, _ map[string]any) { env["version"] = 2 }))
	if !errors.Is(err, ErrNewerExport) {
		t.Errorf("newer version error %v does not wrap ErrNewerExport", err)
	}
}

func TestValidID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{testID, true},
		{strings.ToLower(testID), true},
		{"7ZZZZZZZZZZZZZZZZZZZZZZZZZ", true},
		{"8ZZZZZZZZZZZZZZZZZZZZZZZZZ", false}, // overflows 128 bits
		{"01JD3Q0W8ZK6X4T2N9M5R7B1C", false},
		{"01JD3Q0W8ZK6X4T2N9M5R7B1CEX", false},
		{"01JD3Q0W8ZK6X4T2N9M5R7B1CI", false}, // I is not Crockford
		{"01JD3Q0W8ZK6X4T2N9M5R7B1C/", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidID(tt.id); got != tt.want {
			t.Errorf("ValidID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func FuzzUnmarshalExport(f *testing.F) {
	full, err := MarshalExport(fullSession(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(full)
	f.Add([]byte(`{"format":"rapport.session","version":0,"session":{"id":"01JD3Q0W8ZK6X4T2N9M5R7B1CE","client":"A","status":"in_progress","playbook":{"id":"p","phases":null}}}`))
	f.Add([]byte(`{"format":"rapport.session","version":1,"session":{"id":"01JD3Q0W8ZK6X4T2N9M5R7B1CE","client":"\u001b]52;c;x\u0007","status":"finished","playbook":{"id":"p","phases":[]},"captures":[{"id":"a","kind":"pain","impact":5,"effort":1}]}}`))
	f.Add([]byte(`{"format":"rapport.session","version":9}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := UnmarshalExport(data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		out, err := MarshalExport(s)
		if err != nil {
			t.Fatalf("imported session does not export: %v", err)
		}
		s2, err := UnmarshalExport(out)
		if err != nil {
			t.Fatalf("export of an imported session does not import: %v\n%s", err, out)
		}
		out2, err := MarshalExport(s2)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("round trip changed the session:\n%s\n---\n%s", out, out2)
		}
		// Whatever was imported, its summary is safe to print.
		for _, a := range []Audience{AudienceClient, AudienceInternal} {
			checkSafe(t, string(Markdown(s, a)))
		}
	})
}
