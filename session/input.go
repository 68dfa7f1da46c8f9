package session

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/clipperhouse/displaywidth"

	"rapport/playbooks"
)

// This file holds what every front end (the full-screen app, accessible
// mode, the command line) reads, says or names the same way: a number as
// a facilitator types it, a status in words, a text cut to one line, and
// the file an exported summary is written to.

// decimal is what a number answer accepts: an optional sign, digits with
// one optional dot, an optional exponent. No hex, no Inf, no NaN.
var decimal = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// ParseNumber reads s as a number answer (a percentage may end in %, and
// must be from 0 to 100), so the full-screen field and accessible mode
// accept exactly the same text: v is the value, empty is true for blank
// text, msg says what is wrong otherwise.
func ParseNumber(s string, percent bool) (v float64, empty bool, msg string) {
	s = strings.TrimSpace(s)
	if percent {
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	if s == "" {
		return 0, true, ""
	}
	want := "type a number, such as 12 or 3.5"
	if percent {
		want = "type a number from 0 to 100"
	}
	if !decimal.MatchString(s) {
		if strings.Contains(s, ",") && !strings.Contains(s, ".") {
			return 0, false, "use a dot for decimals, such as 12.5"
		}
		return 0, false, "not a number: " + want
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false, "too large: " + want
	}
	if percent && (v < 0 || v > 100) {
		return 0, false, "out of range: " + want
	}
	if v == 0 {
		v = 0 // no -0
	}
	return v, false, ""
}

// Words is the status as the facilitator reads it: "in progress" or
// "finished".
func (s Status) Words() string {
	if s == StatusFinished {
		return "finished"
	}
	return "in progress"
}

// Plural is n and the word for it, "1 phase", "3 phases": one when n is
// 1, many otherwise. Every front end counts things with it.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many // screens draw it every frame: no fmt
}

// OneLine keeps text to a single line: its first, trimmed, with a count of
// the rest ("first (and 2 more)"). It does not sanitise.
func OneLine(s string) string {
	s = strings.TrimSpace(s)
	first, rest, found := strings.Cut(s, "\n")
	if !found {
		return s
	}
	n := strings.Count(rest, "\n") + 1
	return fmt.Sprintf("%s (and %d more)", first, n)
}

// maxFileNameCells bounds the client's part of an export's file name, in
// terminal cells (a wide letter takes two).
const maxFileNameCells = 60

// ExportFileName is "<client>-<date>.<ext>" (ext "md" or "html"): the
// client's name as letters, digits and dashes (any script), the session's
// date, and "-internal" for the facilitator's copy so it is never mistaken
// for the client's.
func ExportFileName(client string, created time.Time, a Audience, ext string) string {
	name := playbooks.Slug(Sanitize(client), func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	if name == "" {
		name = "session"
	}
	if len(name) > maxFileNameCells {
		name = strings.TrimRight(displaywidth.TruncateString(name, maxFileNameCells, ""), "-")
	}
	name += "-" + created.Format(time.DateOnly)
	if a == AudienceInternal {
		name += "-internal"
	}
	return name + "." + ext
}
