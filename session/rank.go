package session

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pain ranking and quick wins, as PRODUCT.md defines them: the coach ranks
// pains biggest and quickest first, and the roadmap is built from the top.
const (
	// QuickWinImpact is the least impact of a quick win.
	QuickWinImpact = 4
	// QuickWinEffort is the most effort of a quick win.
	QuickWinEffort = 2
)

// Score is the pain's rank score, impact divided by effort: big pains that
// are cheap to fix come first. A pain whose impact or effort is unset
// (0) scores 0, so it sinks below every rated pain instead of dividing by
// zero.
func (c Capture) Score() float64 {
	if c.Impact <= 0 || c.Effort <= 0 {
		return 0
	}
	return float64(c.Impact) / float64(c.Effort)
}

// QuickWin reports whether the pain is a quick win: impact 4 or more for
// effort 2 or less. An unset effort is not a quick win, since nobody has
// said it is cheap.
func (c Capture) QuickWin() bool {
	return c.Impact >= QuickWinImpact && c.Effort >= 1 && c.Effort <= QuickWinEffort
}

// RankPains returns the pains among cs, best first: higher score, then
// higher impact, then earlier capture (the session clock, then the creation
// time, then the id, so the order is total and the summary deterministic).
// Internal pains are included; callers that write for the client filter
// them out. cs is not changed.
func RankPains(cs []Capture) []Capture {
	var out []Capture
	for _, c := range cs {
		if c.Kind == CapturePain {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Capture) int {
		if sa, sb := a.Score(), b.Score(); sa != sb {
			if sa > sb {
				return -1
			}
			return 1
		}
		if a.Impact != b.Impact {
			return b.Impact - a.Impact
		}
		if a.At != b.At {
			if a.At < b.At {
				return -1
			}
			return 1
		}
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// Roadmap focus limits (PRODUCT.md): more than this many items in a horizon
// is a wish list, not a plan, and the coach is warned.
const (
	NowLimit  = 5
	NextLimit = 8
)

// Horizons lists the roadmap horizons in the order they are shown.
var Horizons = []Horizon{Now, Next, Later}

// Title is the horizon as a heading: "Now", "Next", "Later".
func (h Horizon) Title() string {
	switch h {
	case Now:
		return "Now"
	case Next:
		return "Next"
	case Later:
		return "Later"
	}
	return string(h)
}

// Valid reports whether h is one of the known horizons.
func (h Horizon) Valid() bool {
	return h == Now || h == Next || h == Later
}

// RoadmapColumn returns the items in horizon h in their order (Order, then
// their order in items), so every view of the roadmap agrees.
func RoadmapColumn(items []RoadmapItem, h Horizon) []RoadmapItem {
	var out []RoadmapItem
	for _, it := range items {
		if it.Horizon == h {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b RoadmapItem) int { return a.Order - b.Order })
	return out
}

// RoadmapWarnings says which horizons hold more than their focus limit, in
// horizon order; none when the roadmap is focused.
func RoadmapWarnings(items []RoadmapItem) []string {
	var out []string
	for _, l := range []struct {
		h     Horizon
		limit int
	}{{Now, NowLimit}, {Next, NextLimit}} {
		if n := len(RoadmapColumn(items, l.h)); n > l.limit {
			out = append(out, fmt.Sprintf("%s holds %d items, more than %d: choose what comes first", l.h.Title(), n, l.limit))
		}
	}
	return out
}

// ParseTags returns the #tags in text, lowercased, each once, in the order
// they first appear. A tag starts with "#" at the start of the text or after
// a space or opening punctuation, and runs over letters, digits, "-", "_"
// and "/" (nested tags, as Obsidian writes them). A tag of digits only
// ("#3") is an issue number, not a tag, and "C#" or "a#b" hold none, so
// ordinary text is not mistaken for tags.
func ParseTags(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		if text[i] != '#' || !tagBoundary(text, i) {
			continue
		}
		j := i + 1
		for j < len(text) {
			r, w := utf8.DecodeRuneInString(text[j:])
			if !isTagRune(r) {
				break
			}
			j += w
		}
		tag := strings.TrimRight(strings.ToLower(text[i+1:j]), "-_/")
		i = j - 1
		if tag == "" || strings.Trim(tag, "0123456789") == "" || slices.Contains(out, tag) {
			continue
		}
		out = append(out, tag)
	}
	return out
}

// Untag takes the #tags out of text for a reader who does not file by
// them (the client's copy): a run of tags ending a line goes whole ("by
// hand #ops #q4" reads "by hand"), and a tag inside a sentence keeps its
// word ("the #ops team" reads "the ops team"). A line of tags alone keeps
// its words. Tags are found as ParseTags finds them.
func Untag(text string) string {
	if !strings.Contains(text, "#") {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = untagLine(l)
	}
	return strings.Join(lines, "\n")
}

func untagLine(s string) string {
	type span struct{ i, j int } // s[i] is the "#", s[i+1:j] the tag
	var spans []span
	for i := 0; i < len(s); i++ {
		if s[i] != '#' || !tagBoundary(s, i) {
			continue
		}
		j := i + 1
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			if !isTagRune(r) {
				break
			}
			j += w
		}
		if tag := strings.TrimRight(s[i+1:j], "-_/"); tag != "" && strings.Trim(tag, "0123456789") != "" {
			spans = append(spans, span{i, j})
		}
		i = j - 1
	}
	if len(spans) == 0 {
		return s
	}
	// The tags that end the line, with only spaces between them.
	end, k := len(s), len(spans)
	for k > 0 && strings.TrimSpace(s[spans[k-1].j:end]) == "" {
		end = spans[k-1].i
		k--
	}
	if strings.TrimSpace(s[:end]) == "" {
		end, k = len(s), len(spans) // tags alone: keep their words
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans[:k] {
		b.WriteString(s[last:sp.i])
		last = sp.i + 1
	}
	b.WriteString(s[last:end])
	return strings.TrimRight(b.String(), " \t")
}

func tagBoundary(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r) || strings.ContainsRune("([{\"'", r)
}

func isTagRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '/'
}

// CleanTag reduces a tag to the characters a #tag may hold, lowercased and
// without a leading "#", so a tag typed in a header field writes as one
// #tag word. It returns "" when nothing is left.
func CleanTag(tag string) string {
	tag = strings.TrimLeft(strings.TrimSpace(tag), "#")
	var b strings.Builder
	for _, r := range strings.ToLower(tag) {
		switch {
		case isTagRune(r):
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	t := strings.Trim(b.String(), "-_/")
	if strings.Trim(t, "0123456789") == "" {
		return ""
	}
	return t
}
