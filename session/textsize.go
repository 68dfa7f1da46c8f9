package session

import (
	"fmt"
	"math"
	"strings"
)

// Text a session holds is capped per answer and per capture
// (MaxTextBytes): import refuses more, so the app refuses to take more, and
// every backup it writes imports again. These are the sizes both count and
// the one line that refuses text, the same in the full-screen app and in
// accessible mode.

// TextBytes is how many bytes of text the answer holds, all its fields
// together: what MaxTextBytes caps.
func (a *Answer) TextBytes() int {
	n := len(a.Text) + len(a.Evidence)
	for _, lists := range [][]string{a.Choices, a.Items} {
		for _, s := range lists {
			n += len(s)
		}
	}
	for _, st := range a.Stages {
		n += len(st.Name) + len(st.Doing) + len(st.Touchpoints) + len(st.Pains) + len(st.Opportunities)
	}
	for _, e := range a.Ledger {
		n += len(e.Text)
	}
	return n
}

// TextBytes is how many bytes of text the capture holds, all its fields
// together: what MaxTextBytes caps.
func (c *Capture) TextBytes() int {
	n := len(c.Text) + len(c.Owner) + len(c.Due) + len(c.Phase) + len(c.Speaker)
	for _, t := range c.Tags {
		n += len(t)
	}
	return n
}

// Megabytes says a size of text as a facilitator reads it: "5.2 MB",
// "4 MB" (MB of 2^20 bytes, as MaxTextBytes is counted). It rounds up, so
// a size past a limit never reads as the limit itself.
func Megabytes(n int) string {
	s := fmt.Sprintf("%.1f", math.Ceil(float64(n)*10/(1<<20))/10)
	return strings.TrimSuffix(s, ".0") + " MB"
}

// TooMuchText is text refused because it would take an answer or a
// capture past MaxTextBytes. Its String is the one line that says so.
type TooMuchText struct {
	// Holder is what would hold the text: "answer" or "capture".
	Holder string
	// Came is how the text came: "paste", "line" (accessible mode), "file"
	// (the $EDITOR round trip), or "" for a key typed.
	Came string
	// Bytes is the size of the refused text; Total what the holder would
	// hold with it.
	Bytes, Total int
}

// Refuse is the refusal of text of size bytes that would make a holder
// of size before hold after, or false when after is within MaxTextBytes
// or no more than before: text that only shrinks an answer, or keeps its
// size, is never refused, even in an answer imported before the cap.
func Refuse(holder, came string, size, before, after int) (TooMuchText, bool) {
	if after <= MaxTextBytes || after <= before {
		return TooMuchText{}, false
	}
	return TooMuchText{Holder: holder, Came: came, Bytes: size, Total: after}, true
}

// String says what was refused and why, in one line:
//
//	That paste is 5.2 MB; an answer holds at most 4 MB. Nothing was pasted.
//	That paste would make the answer 4.3 MB; an answer holds at most 4 MB. Nothing was pasted.
//	The answer is full: an answer holds at most 4 MB. Nothing was typed.
func (t TooMuchText) String() string {
	holder := t.Holder
	if holder == "" {
		holder = "answer"
	}
	one := "a " + holder
	if holder == "answer" {
		one = "an answer"
	}
	limit := fmt.Sprintf("%s holds at most %s.", one, Megabytes(MaxTextBytes))
	if t.Came == "" {
		return fmt.Sprintf("The %s is full: %s Nothing was typed.", holder, limit)
	}
	what := "That " + t.Came
	if t.Came == "file" {
		what = "The edited file"
	}
	size := "is " + Megabytes(t.Bytes)
	if t.Total > t.Bytes {
		size = fmt.Sprintf("would make the %s %s", holder, Megabytes(t.Total))
	}
	done := "Nothing was taken from it."
	switch t.Came {
	case "paste":
		done = "Nothing was pasted."
	case "file":
		done = "The " + holder + " is as it was."
	}
	return fmt.Sprintf("%s %s; %s %s", what, size, limit, done)
}
