package session

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestEscapeJSONControls: DEL, C1 and bidi controls in JSON strings become
// \u escapes; the document decodes to exactly the same value; other text,
// wide characters and accents included, is left as it is.
func TestEscapeJSONControls(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a":"plain ascii & <b>"}`, `{"a":"plain ascii & <b>"}`},
		{"{\"a\":\"caf\u00e9 \u4e2d\u6587 \U0001F600 \u00a0\u2028\"}", "{\"a\":\"caf\u00e9 \u4e2d\u6587 \U0001F600 \u00a0\u2028\"}"},
		{"{\"a\":\"x\u009b31my\"}", `{"a":"x\u009b31my"}`},
		{"{\"a\":\"\u0080\u009f\u009d52;c;ZXZpbA==\u009c\"}", `{"a":"\u0080\u009f\u009d52;c;ZXZpbA==\u009c"}`},
		{"{\"a\":\"gnp\u202Eexe.txt \u2066iso\u2069 \u202Aemb\u202C\"}", `{"a":"gnp\u202eexe.txt \u2066iso\u2069 \u202aemb\u202c"}`},
		{"{\"a\":\"del\u007f\"}", `{"a":"del\u007f"}`},
	} {
		got := EscapeJSONControls([]byte(tc.in))
		if string(got) != tc.want {
			t.Errorf("EscapeJSONControls(%q) = %q, want %q", tc.in, got, tc.want)
		}
		var before, after any
		if err := json.Unmarshal([]byte(tc.in), &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(got, &after); err != nil {
			t.Fatalf("escaped JSON does not decode: %v", err)
		}
		if b1, _ := json.Marshal(before); !bytes.Equal(b1, mustMarshal(t, after)) {
			t.Errorf("escaping changed the value: %s -> %s", tc.in, got)
		}
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportWritesNoRawControl: a session whose text holds C1 and bidi
// controls exports as JSON with none of them raw, and imports back equal.
func TestExportWritesNoRawControl(t *testing.T) {
	s := New(testID, testT0, "Acme\u009b2J\u202Egnp", testPlaybook(t))
	s.PutAnswer(Answer{PromptID: s.Steps()[0].Prompt.ID, Text: "said \u009d52;c;x\u0007 \u2066"}, testT0)
	b, err := MarshalExport(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"\u009b", "\u009d", "\u202E", "\u2066"} {
		if bytes.Contains(b, []byte(raw)) {
			t.Errorf("the export holds a raw %q", raw)
		}
	}
	back, err := UnmarshalExport(b)
	if err != nil {
		t.Fatal(err)
	}
	if back.Client != s.Client || back.Answers[s.Steps()[0].Prompt.ID].Text != s.Answers[s.Steps()[0].Prompt.ID].Text {
		t.Errorf("the escaped export does not import back as it was: %q", back.Client)
	}
}
