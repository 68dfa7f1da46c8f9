package accessible

import (
	"strings"
	"testing"
)

// TestAccessibleTextCap: a line that would take an answer or a capture past
// session.MaxTextBytes (what import takes back) is refused with one line
// that says so; what was typed before it stays, and an answer none of
// whose lines was taken is said to be left as it was, not saved.
func TestAccessibleTextCap(t *testing.T) {
	c, m, pb, sess := everyKindSession()
	big := strings.Repeat("x", 4<<20)
	out := runA(t, sess, m, c, lines(
		big+"y", "Head of delivery", // text, asked on arrival: refused, then answered
		"", "We serve hospitals.", big, "Kept.", ".", // next, long text: the big line is refused
		"note "+big+"y", // a capture past the cap
		"quit",
	))
	wantSaid(t, out,
		"That line is 4.1 MB; an answer holds at most 4 MB. Nothing was taken from it.\nLeft as it was. State: open.",
		"That line would make the answer 4.1 MB; an answer holds at most 4 MB. Nothing was taken from it.",
		"That line is 4.1 MB; a capture holds at most 4 MB. Nothing was taken from it.",
	)
	stored := m.load(pb)
	if got := stored.AnswerFor("text").Text; got != "Head of delivery" {
		t.Errorf("text after a refused line: %d bytes, want the line typed next", len(got))
	}
	if got := stored.AnswerFor("long").Text; got != "We serve hospitals.\nKept." {
		t.Errorf("long text after a refused line: %d bytes, want the lines around it", len(got))
	}
	if len(sess.Captures) != 0 {
		t.Errorf("a capture past the cap was saved")
	}
}
