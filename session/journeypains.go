package session

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"rapport/playbooks"
)

// Journey pains become pain captures (DECISIONS.md, "Sessions across
// time"): what the client says hurts at a stage of their journey is a pain
// like any other, ranked with the rest and linked from the roadmap. Each
// pain typed into a stage has a pain capture, made with impact and effort
// unset, so it ranks after the scored pains until the facilitator scores
// it. The journey stays the source of the text: the capture follows the
// stage as it is edited and goes when the pain is taken out of it.

// journeyPainPrefix starts the id of a journey pain's capture: the prefix,
// the prompt's id, a colon and a number. Prompt ids hold no colon, so a
// prompt's captures are never mistaken for another's.
const journeyPainPrefix = "journey:"

// JourneyPainPrompt reports the journey prompt whose stage a capture came
// from, false for a capture typed on its own.
func (c Capture) JourneyPainPrompt() (string, bool) {
	rest, ok := strings.CutPrefix(c.ID, journeyPainPrefix)
	if !ok || c.Kind != CapturePain {
		return "", false
	}
	i := strings.LastIndexByte(rest, ':')
	if i <= 0 {
		return "", false
	}
	return rest[:i], true
}

// SplitPains reads a stage's pains as separate pains: one per line or per
// part between semicolons, trimmed, empty ones left out.
func SplitPains(text string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// journeyPainText is how a stage's pain reads as a capture: the pain, and
// the stage it hurts at when the stage has a name.
func journeyPainText(pain, stage string) string {
	if stage = strings.TrimSpace(stage); stage != "" {
		return pain + " (" + stage + ")"
	}
	return pain
}

// SyncJourneyPains brings the pain captures of the journey prompt of st in
// line with the pains its answer holds now, and returns the edits that
// persist the change (none when nothing changed, or when st is not a
// journey prompt). Call it after each change of a journey answer.
//
// A capture whose text is still among the pains is kept as it is; the
// pains left over then take the captures left over in order, so editing a
// pain's text (one keystroke at a time) keeps its capture and its score; a
// pain with no capture left gets a new one, and a capture with no pain
// left is deleted.
func (s *Session) SyncJourneyPains(st Step, now time.Time) []Edit {
	p := st.Prompt
	if p.Kind != playbooks.KindJourney {
		return nil
	}
	var want []string
	if a := s.Answers[p.ID]; a != nil {
		for _, stage := range a.Stages {
			for _, pain := range SplitPains(stage.Pains) {
				want = append(want, journeyPainText(pain, stage.Name))
			}
		}
	}
	var have []Capture
	next := 1
	for _, c := range s.Captures {
		if id, ok := c.JourneyPainPrompt(); ok && id == p.ID {
			have = append(have, c)
			if n, err := strconv.Atoi(c.ID[strings.LastIndexByte(c.ID, ':')+1:]); err == nil && n >= next {
				next = n + 1
			}
		}
	}

	// Exact matches first: these captures stay as they are.
	used := make([]bool, len(have))
	var left []string
	for _, w := range want {
		i := slices.IndexFunc(have, func(c Capture) bool { return c.Text == w })
		for i >= 0 && used[i] {
			j := slices.IndexFunc(have[i+1:], func(c Capture) bool { return c.Text == w })
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i >= 0 {
			used[i] = true
			continue
		}
		left = append(left, w)
	}
	var edits []Edit
	for i, c := range have {
		if used[i] {
			continue
		}
		if len(left) > 0 {
			c.Text, left = left[0], left[1:]
			edits = append(edits, s.PutCapture(c, now))
			continue
		}
		edits = append(edits, s.DeleteCapture(c.ID, now))
	}
	for _, w := range left {
		c := Capture{
			ID:       journeyPainPrefix + p.ID + ":" + strconv.Itoa(next),
			Kind:     CapturePain,
			Text:     w,
			At:       s.Elapsed,
			Phase:    st.Phase.ID,
			Internal: p.Internal || s.CaptureInternal(CapturePain),
			Created:  now,
		}
		next++
		edits = append(edits, s.PutCapture(c, now))
	}
	return edits
}
