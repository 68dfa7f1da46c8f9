package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	jsonx "github.com/go-json-experiment/json"
)

func TestExportRoundTrip(t *testing.T) {
	s := fullSession(t)
	s.Captures[0].Text = "hostile \x1b]52;c;ZXZpbA==\x07 &#27; <b>kept as typed</b>"
	data, err := MarshalExport(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"format\": \"rapport.session\",\n  \"version\": 2,\n  \"session\": {")) {
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

// exportV1 writes s as rapport wrote exports before version 2:
// durations in nanoseconds, times as they were taken.
func exportV1(t testing.TB, s *Session, version int) []byte {
	t.Helper()
	data, err := jsonx.Marshal(exportFile{Format: ExportFormat, Version: version, Session: s}, formatOptions(1))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestUnmarshalExportReadsOlderVersions: versions 0 and 1 (durations in
// nanoseconds) read as the same session as version 2, and are written
// back as version 2.
func TestUnmarshalExportReadsOlderVersions(t *testing.T) {
	want := fullSession(t)
	for _, v := range []int{0, 1} {
		data := exportV1(t, want, v)
		if !bytes.Contains(data, []byte(`"elapsed": 2435000000000`)) {
			t.Fatalf("version %d test file has no nanoseconds:\n%.600s", v, data)
		}
		s, err := UnmarshalExport(data)
		if err != nil {
			t.Fatalf("version %d export: %v", v, err)
		}
		if s.Elapsed != want.Elapsed || s.Captures[0].At != want.Captures[0].At || s.Playbook.Phases[0].Timebox != want.Playbook.Phases[0].Timebox {
			t.Errorf("version %d: durations read as %v, %v, %v", v, s.Elapsed, s.Captures[0].At, s.Playbook.Phases[0].Timebox)
		}
		for i, c := range s.Captures {
			if c.Kind == CaptureNote && !c.Internal {
				t.Errorf("version %d: note %s is not internal; notes of older versions are", v, c.ID)
			}
			s.Captures[i].Internal = want.Captures[i].Internal
		}
		if !bytes.Equal(Markdown(s, AudienceInternal), Markdown(want, AudienceInternal)) {
			t.Errorf("version %d import lost something", v)
		}
		out, err := MarshalExport(s)
		if err != nil || !bytes.Contains(out, []byte(`"version": 2`)) || !bytes.Contains(out, []byte(`"elapsed": 2435,`)) {
			t.Errorf("a version %d session is not written as version 2 in seconds:\n%.800s", v, out)
		}
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
		{"not json", []byte("# a markdown file"), "not a rapport export: it is not JSON (line 1, column 1 holds '#')"},
		{"broken json", []byte("{\"format\": \"rapport.session\",\n  \"version\": 2,,}"), "not a rapport export: invalid JSON at line 2, column 16: invalid character ','"},
		{"empty", nil, "not a rapport export: the file is empty"},
		{"a list", []byte(`[{"format": "rapport.session"}]`), "not a rapport export: the file holds a JSON list, and an export is one session"},
		{"a string", []byte(`"rapport"`), "the file holds a JSON string, not an object"},
		{"another format", []byte(`{"format":"rapport.playbook","version":1}`), `format is "rapport.playbook", want "rapport.session"`},
		{"no format", []byte(`{"version":1,"session":{}}`), `no "format" field`},
		{"no version", []byte(`{"format":"rapport.session","session":{}}`), `without a "version"`},
		{"newer", exportWith(t, func(env, _ map[string]any) { env["version"] = 7 }), "made by a newer rapport: format version 7, this one reads up to 2"},
		{"version as text", exportWith(t, func(env, _ map[string]any) { env["version"] = "2" }), `version (line 1, column `},
		{"negative version", exportWith(t, func(env, _ map[string]any) { env["version"] = -1 }), "impossible format version -1"},
		{"no session", []byte(`{"format":"rapport.session","version":1}`), `without a "session"`},
		{"session not an object", []byte(`{"format":"rapport.session","version":1,"session":[1]}`), "session (line 1, column 51) should be an object, not a list"},
		{"wrong type", []byte("{\"format\": \"rapport.session\", \"version\": 2,\n \"session\": {\"client\": 5}}"), "session.client (line 2, column 24) should be text, not the number 5"},
		{"duration as text", exportWith(t, func(_, s map[string]any) { captures(s)[2].(map[string]any)["at"] = "5m" }), `session.captures[2].at (line 1, column `},
		{"duration as text says seconds", exportWith(t, func(_, s map[string]any) { captures(s)[2].(map[string]any)["at"] = "5m" }), `should be a number of seconds, not text "5m"`},
		{"duration out of range", exportWith(t, func(_, s map[string]any) { s["elapsed"] = 1e300 }), `session.elapsed (line 1, column `},
		{"nanoseconds in version 1", []byte(`{"format":"rapport.session","version":1,"session":{"elapsed":1.5}}`), "session.elapsed (line 1, column 62) should be a whole number of nanoseconds, not the number 1.5"},
		{"time", exportWith(t, func(_, s map[string]any) { s["created"] = "yesterday" }), `session.created (line 1, column `},
		{"time says how", exportWith(t, func(_, s map[string]any) { s["created"] = "yesterday" }), `should be a time such as 2026-11-25T14:00:00Z, not text "yesterday"`},
		{"huge answer", exportWith(t, func(_, s map[string]any) { answer(s, "who")["text"] = strings.Repeat("x", MaxTextBytes+1) }), `answer "who" holds 4.1 MB of text; an answer may hold 4 MB`},
		{"huge capture", exportWith(t, func(_, s map[string]any) {
			captures(s)[0].(map[string]any)["text"] = strings.Repeat("x", MaxTextBytes+1)
		}), "capture 1 holds 4.1 MB of text; a capture may hold 4 MB"},
		{"no prompts", exportWith(t, func(_, s map[string]any) { s["playbook"].(map[string]any)["phases"] = []any{} }), `playbook "test-discovery" cannot be run: it has no prompts`},
		{"duplicate prompt", exportWith(t, func(_, s map[string]any) {
			ph := s["playbook"].(map[string]any)["phases"].([]any)[0].(map[string]any)
			ph["prompts"].([]any)[1].(map[string]any)["id"] = "who"
		}), `cannot be run: two prompts have the id "who"`},
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
	_, err := UnmarshalExport(exportWith(t, func(env, _ map[string]any) { env["version"] = 3 }))
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

// TestUnmarshalExportAccepts: what an import takes as it is, or puts right.
func TestUnmarshalExportAccepts(t *testing.T) {
	full, err := MarshalExport(fullSession(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("byte order mark", func(t *testing.T) {
		if _, err := UnmarshalExport(append([]byte("\ufeff"), full...)); err != nil {
			t.Errorf("a UTF-8 byte order mark is refused: %v", err)
		}
	})
	t.Run("lower-case id", func(t *testing.T) {
		s, err := UnmarshalExport(exportWith(t, func(_, s map[string]any) { s["id"] = strings.ToLower(testID) }))
		if err != nil || s.ID != testID {
			t.Errorf("id %v, %v; want %s", s, err, testID)
		}
	})
	t.Run("fractions of seconds", func(t *testing.T) {
		s, err := UnmarshalExport(exportWith(t, func(_, s map[string]any) {
			s["elapsed"] = 12.5
			s["captures"].([]any)[0].(map[string]any)["at"] = 0.000000001
		}))
		if err != nil || s.Elapsed != 12500*time.Millisecond || s.Captures[0].At != 1 {
			t.Errorf("read %v and %v, %v", s.Elapsed, s.Captures[0].At, err)
		}
	})
	t.Run("a snapshot a playbook file could not be", func(t *testing.T) {
		s, err := UnmarshalExport(exportWith(t, func(_, s map[string]any) {
			p := s["playbook"].(map[string]any)
			p["title"] = ""
			p["phases"].([]any)[0].(map[string]any)["prompts"].([]any)[1].(map[string]any)["kind"] = "hologram"
		}))
		if err != nil {
			t.Fatalf("refused: %v", err)
		}
		w := strings.Join(SnapshotWarnings(&s.Playbook), "\n")
		if !strings.Contains(w, "playbook is missing title") || !strings.Contains(w, `unknown kind "hologram"`) {
			t.Errorf("warnings:\n%s", w)
		}
	})
}

func TestSecondsText(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0"},
		{8652 * time.Second, "8652"},
		{8652*time.Second + 250*time.Millisecond, "8652.25"},
		{1, "0.000000001"},
		{-1500 * time.Millisecond, "-1.5"},
		{1<<63 - 1, "9223372036.854775807"},
		{-1 << 63, "-9223372036.854775808"},
	} {
		got := secondsText(c.d)
		if got != c.want {
			t.Errorf("secondsText(%v) = %s, want %s", c.d, got, c.want)
		}
		back, err := parseSeconds(got)
		if err != nil || back != c.d {
			t.Errorf("parseSeconds(%s) = %v, %v; want %v", got, back, err, c.d)
		}
	}
	for _, s := range []string{"1e2", "100.0000000009", "1E+2"} {
		if d, err := parseSeconds(s); err != nil || d != 100*time.Second {
			t.Errorf("parseSeconds(%s) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"1e300", "9223372037", strings.Repeat("9", 50), "1e999999999"} {
		if _, err := parseSeconds(s); err == nil {
			t.Errorf("parseSeconds(%s) is no error", s)
		}
	}
}

// TestImportFixtures: every backup an earlier rapport wrote
// (testdata/backup, never edited) imports, and reads as the same session
// whatever its version: the version 1 and version 2 files of one session
// write the same version 2 export.
func TestImportFixtures(t *testing.T) {
	files, err := filepath.Glob("../testdata/backup/*.json")
	if err != nil || len(files) < 3 {
		t.Fatalf("fixtures: %v %v", files, err)
	}
	written := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := UnmarshalExport(data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if w := SnapshotWarnings(&s.Playbook); len(w) > 0 {
			t.Errorf("%s: warnings %q", f, w)
		}
		out, err := MarshalExport(s)
		if err != nil {
			t.Fatal(err)
		}
		if prev, ok := written[s.ID]; ok && !bytes.Equal(prev, out) {
			t.Errorf("%s reads differently from another file of session %s", f, s.ID)
		}
		written[s.ID] = out
	}
	rich, err := os.ReadFile("../testdata/backup/v1-rich.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := UnmarshalExport(rich)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, a := range s.Answers {
		kinds[string(a.State)] = true
		switch {
		case a.Rating > 0:
			kinds["rating"] = true
		case a.Number != nil:
			kinds["number"] = true
		case len(a.Stages) > 0:
			kinds["journey"] = true
		case len(a.Ledger) > 0:
			kinds["ledger"] = true
		case len(a.Items) > 0:
			kinds["list"] = true
		case len(a.Choices) > 0:
			kinds["choice"] = true
		}
	}
	for _, c := range s.Captures {
		kinds[string(c.Kind)] = true
	}
	for _, want := range []string{"answered", "skipped", "parked", "not_applicable", "rating", "number", "journey", "ledger", "list", "choice",
		"note", "quote", "pain", "action", "decision", "risk", "idea", "followup"} {
		if !kinds[want] {
			t.Errorf("v1-rich.json has no %s", want)
		}
	}
	if s.Elapsed != 2435250000001 || len(s.Roadmap) != 3 || s.Client != "Fabrikam <Retail> & Co | EU" {
		t.Errorf("v1-rich.json read as elapsed %v, %d roadmap items, client %q", s.Elapsed, len(s.Roadmap), s.Client)
	}
	if _, off := s.Created.Zone(); off != 3600 {
		t.Errorf("a version 1 time keeps its zone: %v", s.Created)
	}
}

// BenchmarkExportRoundTrip: export and import back a session of 500
// captures and ~50 answers (about 160 KB of JSON).
func BenchmarkExportRoundTrip(b *testing.B) {
	s := manyCaptures(b, 500)
	data, err := MarshalExport(s)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := MarshalExport(s)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := UnmarshalExport(d); err != nil {
			b.Fatal(err)
		}
	}
}
