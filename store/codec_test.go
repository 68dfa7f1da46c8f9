package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"rapport/playbooks"
	"rapport/session"
)

// decodeAll runs the decoder of every record kind on data.
func decodeAll(t *testing.T, data []byte) {
	checkFastIndex(t, data)
	check[session.Header](t, "header", data)
	check[session.Index](t, "index", data)
	check[session.Answer](t, "answer", data)
	check[storedCapture](t, "capture", data)
	check[storedRoadmap](t, "roadmap", data)
	check[playbooks.Playbook](t, "playbook", data)
	check[int](t, "schema", data)
	_, _ = decodePref(data) // must not panic
}

// check decodes data as T. Whatever the bytes, decode must not panic; an
// unknown version must be refused as such; and what decodes must encode
// again and decode to the same value, or a save of it would fail forever.
func check[T record](t *testing.T, kind string, data []byte) {
	v, err := decode[T](kind, data)
	if len(data) > 0 && data[0] != recordVersion {
		if !errors.Is(err, errUnknownVersion) {
			t.Fatalf("%s: version %d accepted (err %v)", kind, data[0], err)
		}
		return
	}
	if err != nil {
		return
	}
	again, err := encode(v)
	if err != nil {
		t.Fatalf("%s: decoded but cannot encode again: %v", kind, err)
	}
	v2, err := decode[T](kind, again)
	if err != nil {
		t.Fatalf("%s: re-encoded record does not decode: %v", kind, err)
	}
	a, _ := json.Marshal(v)
	b, _ := json.Marshal(v2)
	if !bytes.Equal(a, b) {
		t.Fatalf("%s: round trip changed the record:\n%s\n%s", kind, a, b)
	}
}

// checkFastIndex checks that the fast index parser, when it accepts a
// record, reads exactly what the JSON decoder reads.
func checkFastIndex(t *testing.T, data []byte) {
	if len(data) == 0 {
		return
	}
	fast, ok := fastIndex(data[1:])
	if !ok {
		return
	}
	var slow session.Index
	if err := json.Unmarshal(data[1:], &slow); err != nil {
		t.Fatalf("fast index parser accepted what json refuses (%v): %q", err, data)
	}
	a, _ := json.Marshal(fast)
	b, _ := json.Marshal(slow)
	if !bytes.Equal(a, b) || !fast.Created.Equal(slow.Created) || !fast.Updated.Equal(slow.Updated) {
		t.Fatalf("fast index parser read %s, json %s", a, b)
	}
}

func FuzzDecode(f *testing.F) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	n := 42.5
	seeds := []any{
		session.Header{ID: "01JQ", Client: "Acme", Created: now, Updated: now, Status: session.StatusInProgress,
			PhaseTime: map[string]time.Duration{"identify": time.Minute}},
		session.Index{ID: "01JQ", Client: "Acme", Playbook: "customer-discovery", Updated: now, Total: 12},
		session.Index{ID: "01JR", Client: "Acme", With: "Ann Lee, Bob", Follows: "01JQ"},
		session.Answer{PromptID: "p", State: session.StateAnswered, Text: "hi \x1b]52;c;AAAA\x07", Number: &n},
		storedCapture{Seq: 3, Capture: session.Capture{ID: "c", Kind: session.CapturePain, Impact: 4, Effort: 1}},
		storedRoadmap{Seq: 4, RoadmapItem: session.RoadmapItem{ID: "r", Horizon: session.Now, Pains: []string{"c"}}},
		playbooks.Playbook{ID: "pb", Phases: []playbooks.Phase{{ID: "ph", Prompts: []playbooks.Prompt{{ID: "p", Kind: playbooks.KindRating}}}}},
		1,
	}
	for _, v := range seeds {
		data, err := encode(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte{})
	f.Add([]byte{2, '{', '}'})
	f.Add([]byte{1, 'n', 'u', 'l', 'l'})
	f.Add([]byte{1, '{', '"', 'i', 'd', '"', ':', '['})
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeAll(t, data)
	})
}

func TestDecodeRefusesUnknownVersion(t *testing.T) {
	_, err := decode[session.Header]("header", []byte{9, '{', '}'})
	if !errors.Is(err, errUnknownVersion) {
		t.Fatalf("err = %v", err)
	}
	if want := "header record has version 9; this rapport reads version 1"; !bytes.Contains([]byte(err.Error()), []byte(want)) {
		t.Fatalf("message %q lacks %q", err, want)
	}
}

func TestFastIndexAgreesWithJSON(t *testing.T) {
	for _, in := range []string{
		`{"id":"01JQ","client":"Acme","playbook":"cd","status":"finished","created":"2026-03-02T10:00:00Z","updated":"2026-03-02T12:00:00.123456789+02:00","answered":3,"total":12}`,
		` { "id" : "x" , "total" : -4 } `,
		`{"id":"x","id":"y"}`,
		`{"client":"Café"}`,
		`{"id":"01JQ","with":"Ann Lee, Bob","follows":"01JP"}`,
		`{"client":"Café ✓"}`,
		`{"ID":"upper"}`,
		`{"id":null}`,
		`{"total":1.0}`,
		`{"total":99999999999999999999}`,
		`{"total":007}`,
		`{"extra":1}`,
		`{}`,
		`{"id":"x",}`,
		`{"id":"x"} trailing`,
		`{"created":"2026-13-02T10:00:00Z"}`,
	} {
		data := append([]byte{recordVersion}, in...)
		checkFastIndex(t, data)
		got, err := decodeIndex(data)
		want, werr := decode[session.Index]("index", data)
		if (err == nil) != (werr == nil) {
			t.Errorf("%s: decodeIndex err %v, decode err %v", in, err, werr)
			continue
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(want)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: decodeIndex %s, decode %s", in, a, b)
		}
	}
}
