package accessible

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"rapport/playbooks"
	"rapport/session"
)

// kindEntry is how accessible mode asks for one kind of answer: the line
// that says how to type it, and the questions that take it.
type kindEntry struct {
	// how names the kind and says how to type its answer.
	how func(p playbooks.Prompt) string
	// enter asks for the answer and saves it as it comes; again is true
	// when the facilitator typed `answer` on a prompt that may hold one.
	// It reports whether anything changed.
	enter func(a *accessible, p playbooks.Prompt, again bool) bool
}

// kindEntries hold an entry for every kind of playbooks.Kinds; a test
// fails when a kind has none.
var kindEntries = map[playbooks.Kind]kindEntry{
	playbooks.KindText: {
		how:   said("Short text: type one line."),
		enter: func(a *accessible, p playbooks.Prompt, _ bool) bool { return a.enterLine(p.ID) },
	},
	playbooks.KindLongText: {
		how:   said("Long text: type as many lines as you need, then a line holding only a dot."),
		enter: func(a *accessible, p playbooks.Prompt, _ bool) bool { return a.enterLong(p.ID) },
	},
	playbooks.KindRating: {
		how: func(p playbooks.Prompt) string {
			if p.Evidence {
				return "Rating from 1 to 5, then a line of evidence."
			}
			return "Rating from 1 to 5."
		},
		enter: func(a *accessible, p playbooks.Prompt, _ bool) bool { return a.enterRating(p) },
	},
	playbooks.KindChoice: {
		how: func(p playbooks.Prompt) string {
			return "Choose one: " + numbered(p.Options) + ". Type its number or its text."
		},
		enter: func(a *accessible, p playbooks.Prompt, _ bool) bool { return a.enterChoice(p, false) },
	},
	playbooks.KindMultiChoice: {
		how: func(p playbooks.Prompt) string {
			return "Choose any: " + numbered(p.Options) + ". Type their numbers separated by commas, such as 1,3."
		},
		enter: func(a *accessible, p playbooks.Prompt, _ bool) bool { return a.enterChoice(p, true) },
	},
	playbooks.KindPercent: {
		how:   said("Percentage from 0 to 100: type a number."),
		enter: func(a *accessible, p playbooks.Prompt, _ bool) bool { return a.enterNumber(p, true) },
	},
	playbooks.KindNumber: {
		how:   said("Number: type it, such as 12 or 3.5."),
		enter: func(a *accessible, p playbooks.Prompt, _ bool) bool { return a.enterNumber(p, false) },
	},
	playbooks.KindList: {
		how: said("List: one item per line, end with a line holding only a dot."),
		enter: func(a *accessible, p playbooks.Prompt, again bool) bool {
			return a.enterList(p.ID, again && len(a.sess.AnswerFor(p.ID).Items) > 0)
		},
	},
	playbooks.KindJourney: {
		how: said("Journey, stage by stage: for each stage its name, what the customer does, touchpoints, " +
			"feeling from -2 to 2, pains and opportunities, each asked in turn. Enter alone at a stage's name ends the journey."),
		enter: func(a *accessible, p playbooks.Prompt, again bool) bool {
			return a.enterJourney(p.ID, again && len(a.sess.AnswerFor(p.ID).Stages) > 0)
		},
	},
	playbooks.KindLedger: {
		how: said("Trust ledger: for each entry, deposit or withdrawal, what happened, and an amount from 1 to 5. " +
			"Enter alone at deposit or withdrawal ends the ledger."),
		enter: func(a *accessible, p playbooks.Prompt, again bool) bool {
			return a.enterLedger(p.ID, again && len(a.sess.AnswerFor(p.ID).Ledger) > 0)
		},
	},
	playbooks.KindDate: {
		how: said("Date: type " + playbooks.KindOf(playbooks.KindDate).How + "."),
		enter: func(a *accessible, p playbooks.Prompt, _ bool) bool {
			d, ok := askValue(a, "Date (Enter alone leaves it): ", func(s string) (string, error) {
				d, err := session.ParseDate(s, a.now())
				if err != nil {
					return "", fmt.Errorf("%q is not a date: type %s", strings.TrimSpace(s), playbooks.KindOf(playbooks.KindDate).How)
				}
				return d, nil
			})
			if !ok {
				return false
			}
			// Said back as a day, as the runner shows it under the
			// editor: "last fri" is heard as the Friday it names.
			if day, err := time.Parse(session.DateLayout, d); err == nil {
				a.say("Read as %s.", day.Format(session.DayLayout))
			}
			ans := a.sess.AnswerFor(p.ID)
			ans.Text = d
			a.put(ans)
			return true
		},
	},
}

// said is a how that is the same for every prompt of its kind.
func said(s string) func(playbooks.Prompt) string {
	return func(playbooks.Prompt) string { return s }
}

// entryFor is k's entry; a kind this rapport does not know is asked for as
// playbooks.FallbackKind, as every front end does.
func entryFor(k playbooks.Kind) kindEntry {
	if e, ok := kindEntries[k]; ok {
		return e
	}
	return kindEntries[playbooks.FallbackKind]
}

// howToAnswer names a prompt's kind and says how to type its answer.
func howToAnswer(p playbooks.Prompt) string { return entryFor(p.Kind).how(p) }

// enterLine reads a one-line answer.
func (a *accessible) enterLine(id string) bool {
	line, ok := a.ask("Answer (Enter alone leaves it): ")
	if !ok || line == "" || a.diverted(line) {
		return false
	}
	ans := a.sess.AnswerFor(id)
	ans.Text = line
	a.put(ans)
	return true
}

// answerReaders read an answer out as plain lines, one for each answer
// value (playbooks.Values); a kind is read by its value's reader.
var answerReaders = map[playbooks.Value]func(info playbooks.KindInfo, a session.Answer) []string{
	playbooks.ValueText: func(_ playbooks.KindInfo, a session.Answer) []string {
		if a.Text == "" {
			return nil
		}
		lines := strings.Split(clean(a.Text), "\n")
		if len(lines) == 1 {
			return []string{"Answer: " + lines[0]}
		}
		return append([]string{fmt.Sprintf("Answer, %s:", session.Plural(len(lines), "line", "lines"))}, lines...)
	},
	playbooks.ValueRating: func(_ playbooks.KindInfo, a session.Answer) []string {
		var out []string
		if a.Rating > 0 {
			out = append(out, fmt.Sprintf("Rating: %d of 5.", a.Rating))
		}
		if a.Evidence != "" {
			out = append(out, "Evidence: "+cleanLine(a.Evidence))
		}
		return out
	},
	playbooks.ValueChoices: func(_ playbooks.KindInfo, a session.Answer) []string {
		if len(a.Choices) == 0 {
			return nil
		}
		cs := make([]string, len(a.Choices))
		for i, c := range a.Choices {
			cs[i] = cleanLine(c)
		}
		return []string{"Chosen: " + strings.Join(cs, "; ") + "."}
	},
	playbooks.ValueNumber: func(info playbooks.KindInfo, a session.Answer) []string {
		var out []string
		if a.Number != nil {
			out = append(out, "Answer: "+strconv.FormatFloat(*a.Number, 'f', -1, 64)+info.Unit+".")
		}
		if a.Text != "" {
			out = append(out, "Draft that is not a number yet: "+cleanLine(a.Text))
		}
		return out
	},
	playbooks.ValueItems: func(_ playbooks.KindInfo, a session.Answer) []string {
		var out []string
		for i, it := range a.Items {
			out = append(out, fmt.Sprintf("Item %d: %s", i+1, cleanLine(it)))
		}
		return out
	},
	playbooks.ValueStages: func(_ playbooks.KindInfo, a session.Answer) []string {
		var out []string
		for i, s := range a.Stages {
			out = append(out, stageLine(i, s))
		}
		return out
	},
	playbooks.ValueLedger: func(_ playbooks.KindInfo, a session.Answer) []string {
		var out []string
		for i, ln := range session.RunLedger(a.Ledger).Lines {
			out = append(out, entryLine(i, ln.Entry, ln.Balance))
		}
		return out
	},
}

// answerLines reads an answer out as plain lines; none when it is empty.
func answerLines(p playbooks.Prompt, a session.Answer) []string {
	info := playbooks.KindOf(p.Kind)
	return answerReaders[info.Value](info, a)
}
