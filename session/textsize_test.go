package session

import "testing"

func TestMegabytes(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{MaxTextBytes, "4 MB"},
		{MaxTextBytes + 1, "4.1 MB"}, // past the limit never reads as the limit
		{52 << 20 / 10, "5.2 MB"},
		{1, "0.1 MB"},
		{0, "0 MB"},
	} {
		if got := Megabytes(c.n); got != c.want {
			t.Errorf("Megabytes(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// TestRefuse: text is refused only when it would take an answer or a
// capture past MaxTextBytes, and the line says what, how big, and that
// nothing was taken.
func TestRefuse(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		name                string
		holder, came        string
		size, before, after int
		want                string // "" when taken
	}{
		{"within", "answer", "paste", MaxTextBytes, 0, MaxTextBytes, ""},
		{"shrinks", "answer", "file", 5 * mb, 6 * mb, 5 * mb, ""}, // an answer imported before the cap
		{"same size", "answer", "", 1, 5 * mb, 5 * mb, ""},
		{"paste into an empty answer", "answer", "paste", 52 * mb / 10, 0, 52 * mb / 10,
			"That paste is 5.2 MB; an answer holds at most 4 MB. Nothing was pasted."},
		{"paste onto text", "answer", "paste", 13 * mb / 10, 3 * mb, 43 * mb / 10,
			"That paste would make the answer 4.3 MB; an answer holds at most 4 MB. Nothing was pasted."},
		{"a key at the cap", "answer", "", 1, MaxTextBytes, MaxTextBytes + 1,
			"The answer is full: an answer holds at most 4 MB. Nothing was typed."},
		{"a capture", "capture", "paste", 5 * mb, 0, 5 * mb,
			"That paste is 5 MB; a capture holds at most 4 MB. Nothing was pasted."},
		{"a line", "answer", "line", 5 * mb, 0, 5 * mb,
			"That line is 5 MB; an answer holds at most 4 MB. Nothing was taken from it."},
		{"a line onto text", "answer", "line", mb / 10, 4 * mb, 41 * mb / 10,
			"That line would make the answer 4.1 MB; an answer holds at most 4 MB. Nothing was taken from it."},
		{"a file", "answer", "file", 5 * mb, 1 * mb, 5 * mb,
			"The edited file is 5 MB; an answer holds at most 4 MB. The answer is as it was."},
	} {
		got, refused := Refuse(c.holder, c.came, c.size, c.before, c.after)
		if refused != (c.want != "") {
			t.Errorf("%s: refused = %v", c.name, refused)
			continue
		}
		if refused && got.String() != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got.String(), c.want)
		}
	}
}

// TestTextBytes counts every field an answer or a capture holds text in,
// as import does.
func TestTextBytes(t *testing.T) {
	a := Answer{Text: "ab", Evidence: "c", Choices: []string{"d"}, Items: []string{"ef"},
		Stages: []JourneyStage{{Name: "g", Doing: "h", Touchpoints: "i", Pains: "j", Opportunities: "k"}},
		Ledger: []LedgerEntry{{Text: "lm"}}}
	if got := a.TextBytes(); got != 13 {
		t.Errorf("answer TextBytes = %d, want 13", got)
	}
	c := Capture{Text: "ab", Owner: "c", Due: "2026-03-20", Phase: "one", Speaker: "d", Tags: []string{"ef"}}
	if got := c.TextBytes(); got != 19 {
		t.Errorf("capture TextBytes = %d, want 19", got)
	}
}
