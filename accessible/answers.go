package accessible

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"rapport/playbooks"
	"rapport/session"
)

// How an answer is taken, kind by kind (kinds.go chooses which), and the
// parsers that read what was typed.

// put stores ans for the current prompt as answered (or open when it holds
// nothing) and saves it. What would take the answer past
// session.MaxTextBytes (what import takes back) is refused with one line
// that says so: the answer stays as it was.
func (a *accessible) put(ans session.Answer) {
	old := a.sess.AnswerFor(ans.PromptID)
	before, after := old.TextBytes(), ans.TextBytes()
	if t, refused := session.Refuse("answer", "line", after-before, before, after); refused {
		a.say("%s", t)
		a.refusals++
		return
	}
	a.puts++
	ans.State = session.StateOpen // PutAnswer makes it answered when it holds a value
	a.save(a.sess.PutAnswer(ans, a.now()))
	if st, ok := a.step(); ok && st.Prompt.ID == ans.PromptID {
		// A journey's pains are pain captures too (no edits for other kinds).
		for _, e := range a.sess.SyncJourneyPains(st, a.now()) {
			a.save(e)
		}
	}
}

// enter asks for the current prompt's answer, by its kind. again is true
// when the facilitator typed `answer` on a prompt that may hold one.
func (a *accessible) enter(st session.Step, again bool) {
	p := st.Prompt
	puts, refusals := a.puts, a.refusals
	changed := entryFor(p.Kind).enter(a, p, again)
	if a.puts == puts && a.refusals > refusals {
		changed = false // every line was refused, and said so
	}
	if !changed {
		if !a.eof && a.pending == "" {
			a.say("Left as it was. State: %s.", a.sess.AnswerFor(p.ID).State.Words())
		}
		return
	}
	a.walk.Refresh()
	ans := a.sess.AnswerFor(p.ID)
	msg := "Saved. State: " + ans.State.Words() + "."
	if f := flagSay(p, ans); f != "" {
		msg += " Flag: " + f
	}
	a.say("%s", msg)
}

// flagSay is the prompt's flag text when its numeric answer meets it.
func flagSay(p playbooks.Prompt, ans session.Answer) string {
	if p.Flag == nil {
		return ""
	}
	var v float64
	switch {
	case ans.Rating > 0:
		v = float64(ans.Rating)
	case ans.Number != nil:
		v = *ans.Number
	default:
		return ""
	}
	if !p.Flag.When.Match(v) {
		return ""
	}
	if s := cleanLine(p.Flag.Say); s != "" {
		return s
	}
	return "flagged, " + cleanLine(p.Flag.When.String()) + "."
}

// readBlock reads lines up to a line holding only "." (or the end of the
// input), calling each with every line as it comes. It reports whether any
// line came. ".." stands for a line holding only a dot.
func (a *accessible) readBlock(each func(line string)) bool {
	any := false
	for {
		line, ok := a.read()
		if !ok || line == "." {
			return any
		}
		if line == ".." {
			line = "."
		}
		any = true
		each(line)
	}
}

// enterLong reads a multi-line answer, saving it line by line. An empty
// first line leaves the answer as it was.
func (a *accessible) enterLong(id string) bool {
	a.say("Type the answer; end with a line holding only a dot. Enter alone first leaves it as it was.")
	first, ok := a.read()
	if !ok || first == "" || first == "." || a.diverted(first) {
		return false
	}
	if first == ".." {
		first = "."
	}
	ans := a.sess.AnswerFor(id)
	ans.Text = first
	a.put(ans)
	a.readBlock(func(line string) {
		ans := a.sess.AnswerFor(id)
		ans.Text += "\n" + line
		a.put(ans)
	})
	return true
}

// navigation are the commands that run when typed where an answer is
// expected: one word each (jump takes its number), never the start of a
// sentence someone would answer with.
var navigation = []string{"next", "back", "skip", "park", "na", "jump", "answer", "repeat", "summary", "help", "quit"}

// diverted reports whether line, typed where an answer was expected, is a
// command instead; it is kept to run once the answer is left.
func (a *accessible) diverted(line string) bool {
	f := strings.Fields(strings.ToLower(line))
	if len(f) == 0 || len(f) > 2 || !slices.Contains(navigation, f[0]) {
		return false
	}
	if len(f) == 2 {
		if _, err := strconv.Atoi(f[1]); f[0] != "jump" || err != nil {
			return false
		}
	}
	a.pending = line
	return true
}

// askValue asks q until parse accepts the line. Enter alone (or the end of
// the input) gives up and returns false. Each refusal is one line.
func askValue[T any](a *accessible, q string, parse func(string) (T, error)) (T, bool) {
	for {
		line, ok := a.ask(q)
		if !ok || strings.TrimSpace(line) == "" {
			var zero T
			return zero, false
		}
		v, err := parse(line)
		if err == nil {
			return v, true
		}
		if a.diverted(line) {
			var zero T
			return zero, false
		}
		a.say("%s", cleanLine(err.Error()))
	}
}

func (a *accessible) enterRating(p playbooks.Prompt) bool {
	n, ok := askValue(a, "Rating from 1 to 5 (Enter alone leaves it): ", func(s string) (int, error) {
		return parseScale(s, 1, 5, "a rating")
	})
	if !ok {
		return false
	}
	ans := a.sess.AnswerFor(p.ID)
	ans.Rating = n
	a.put(ans)
	if p.Evidence {
		q := "Evidence, one line (Enter alone keeps none): "
		if ans.Evidence != "" {
			q = "Evidence, one line (Enter alone keeps what is there): "
		}
		if line, ok := a.ask(q); ok && line != "" {
			ans = a.sess.AnswerFor(p.ID)
			ans.Evidence = line
			a.put(ans)
		}
	}
	return true
}

func (a *accessible) enterChoice(p playbooks.Prompt, multi bool) bool {
	if len(p.Options) == 0 {
		a.say("This prompt has no options to choose from.")
		return false
	}
	q := "Your choice, a number or its text (Enter alone leaves it): "
	if multi {
		q = "Your choices, numbers separated by commas (Enter alone leaves them): "
	}
	picks, ok := askValue(a, q, func(s string) ([]string, error) {
		if multi {
			return parseMulti(s, p.Options)
		}
		c, err := parseChoice(s, p.Options)
		return []string{c}, err
	})
	if !ok {
		return false
	}
	ans := a.sess.AnswerFor(p.ID)
	ans.Choices = picks
	a.put(ans)
	return true
}

func (a *accessible) enterNumber(p playbooks.Prompt, percent bool) bool {
	q := "Number (Enter alone leaves it): "
	if percent {
		q = "Percentage from 0 to 100 (Enter alone leaves it): "
	}
	v, ok := askValue(a, q, func(s string) (float64, error) { return parseNumber(s, percent) })
	if !ok {
		return false
	}
	ans := a.sess.AnswerFor(p.ID)
	ans.Number, ans.Text = &v, "" // the number replaces any draft
	a.put(ans)
	return true
}

// addOrReplace asks whether new items go after the n there are or replace
// them; false when the facilitator leaves it.
func (a *accessible) addOrReplace(n int, one, many string) (replace, ok bool) {
	are := "are"
	if n == 1 {
		are = "is"
	}
	r, ok := askValue(a, fmt.Sprintf("There %s %s. Type add to add more, or replace to start again (Enter alone leaves them): ", are, session.Plural(n, one, many)),
		func(s string) (bool, error) {
			switch strings.ToLower(strings.TrimSpace(s)) {
			case "add", "a":
				return false, nil
			case "replace", "r":
				return true, nil
			}
			return false, errors.New("type add or replace")
		})
	return r, ok
}

func (a *accessible) enterList(id string, existing bool) bool {
	replace := true
	if existing {
		var ok bool
		if replace, ok = a.addOrReplace(len(a.sess.AnswerFor(id).Items), "item", "items"); !ok {
			return false
		}
	}
	a.say("Type one item per line; end with a line holding only a dot.")
	first, ok := a.read()
	if !ok || first == "" || first == "." || a.diverted(first) {
		return false
	}
	add := func(line string) {
		if line == ".." {
			line = "."
		}
		ans := a.sess.AnswerFor(id)
		if replace {
			ans.Items, replace = nil, false
		}
		ans.Items = append(ans.Items, line)
		a.put(ans)
	}
	add(first)
	a.readBlock(add)
	return true
}

func (a *accessible) enterJourney(id string, existing bool) bool {
	replace := true
	if existing {
		var ok bool
		if replace, ok = a.addOrReplace(len(a.sess.AnswerFor(id).Stages), "stage", "stages"); !ok {
			return false
		}
	}
	changed := false
	for {
		n := len(a.sess.AnswerFor(id).Stages) + 1
		if replace && !changed {
			n = 1
		}
		name, ok := a.ask(fmt.Sprintf("Stage %d, its name (Enter alone ends the journey): ", n))
		if !ok || strings.TrimSpace(name) == "" || (!changed && a.diverted(name)) {
			return changed
		}
		s := session.JourneyStage{Name: name}
		s.Doing, _ = a.ask("What the customer does: ")
		s.Touchpoints, _ = a.ask("Touchpoints: ")
		s.Feeling, _ = askValue(a, "Feeling from -2 to 2 (Enter alone for 0): ", parseFeeling)
		s.Pains, _ = a.ask("Pains: ")
		s.Opportunities, _ = a.ask("Opportunities: ")
		ans := a.sess.AnswerFor(id)
		if replace && !changed {
			ans.Stages = nil
		}
		ans.Stages = append(ans.Stages, s)
		a.put(ans)
		changed = true
		a.say("Saved %s", stageLine(len(ans.Stages)-1, s))
	}
}

func (a *accessible) enterLedger(id string, existing bool) bool {
	replace := true
	if existing {
		var ok bool
		if replace, ok = a.addOrReplace(len(a.sess.AnswerFor(id).Ledger), "entry", "entries"); !ok {
			return false
		}
	}
	changed := false
	for {
		kind, ok := askValue(a, "Deposit or withdrawal, d or w (Enter alone ends the ledger): ", parseLedgerKind)
		if !ok {
			return changed
		}
		text, _ := a.ask("What happened: ")
		amount, ok := askValue(a, "Amount from 1 to 5 (Enter alone for 1): ", func(s string) (int, error) {
			return parseScale(s, 1, 5, "an amount")
		})
		if !ok {
			amount = 1
		}
		e := session.LedgerEntry{Kind: kind, Text: text, Amount: amount}
		ans := a.sess.AnswerFor(id)
		if replace && !changed {
			ans.Ledger = nil
		}
		ans.Ledger = append(ans.Ledger, e)
		a.put(ans)
		changed = true
		a.say("Saved %s", entryLine(len(ans.Ledger)-1, e, session.RunLedger(ans.Ledger).Balance))
	}
}

// parseScale reads a whole number from lo to hi; what names the value in
// the one-line refusal.
func parseScale(s string, lo, hi int, what string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%q is not %s: type a whole number from %d to %d", strings.TrimSpace(s), what, lo, hi)
	}
	return n, nil
}

// parseFeeling reads a journey feeling, -2 to +2.
func parseFeeling(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < -2 || n > 2 {
		return 0, fmt.Errorf("%q is not a feeling: type a whole number from -2 to 2", strings.TrimSpace(s))
	}
	return n, nil
}

// parseNumber reads a number or a percentage as the number field does, so
// both modes accept the same text.
func parseNumber(s string, percent bool) (float64, error) {
	v, empty, msg := session.ParseNumber(s, percent)
	if empty {
		return 0, errors.New("type a number")
	}
	if msg != "" {
		return 0, fmt.Errorf("%q: %s", strings.TrimSpace(s), msg)
	}
	return v, nil
}

// parseChoice reads one option, by its number or its text (any case, or
// the start of exactly one option).
func parseChoice(s string, opts []string) (string, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(opts) {
			return opts[n-1], nil
		}
		return "", fmt.Errorf("there is no option %d: type a number from 1 to %d", n, len(opts))
	}
	for _, o := range opts {
		if strings.EqualFold(strings.TrimSpace(o), s) {
			return o, nil
		}
	}
	var found []string
	for _, o := range opts {
		if len(s) > 0 && strings.HasPrefix(strings.ToLower(o), strings.ToLower(s)) {
			found = append(found, o)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("no option matches %q: type a number from 1 to %d", cleanLine(s), len(opts))
	}
	return "", fmt.Errorf("%q matches %d options: type its number", cleanLine(s), len(found))
}

// parseMulti reads options separated by commas (numbers or texts), each
// once, in the order typed.
func parseMulti(s string, opts []string) ([]string, error) {
	var picks []string
	for part := range strings.SplitSeq(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		c, err := parseChoice(part, opts)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(picks, c) {
			picks = append(picks, c)
		}
	}
	if len(picks) == 0 {
		return nil, fmt.Errorf("type numbers from 1 to %d separated by commas", len(opts))
	}
	return picks, nil
}

// parseLedgerKind reads deposit or withdrawal (d, w, +, - too).
func parseLedgerKind(s string) (session.LedgerKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "d", "deposit", "+":
		return session.Deposit, nil
	case "w", "withdrawal", "-":
		return session.Withdrawal, nil
	}
	return "", fmt.Errorf("%q: type d for a deposit or w for a withdrawal", cleanLine(strings.TrimSpace(s)))
}
