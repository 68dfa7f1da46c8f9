package tui

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"rapport/playbooks"
	"rapport/session"
	"rapport/tui/field"
)

// Accessible mode runs a session as plain lines for a screen reader: no
// alternate screen, no redraws, no colour, no escape sequences at all. One
// prompt is read out at a time (prompt and phase numbers, question, help,
// what kind of answer it takes and how to type it, its state); answers and
// commands are read line by line from standard input, so it works as well
// from a pipe as from a terminal.
//
// How an answer is entered, decided here because a command and an answer
// share one input line:
//   - arriving at an open prompt asks for its answer at once; Enter alone
//     leaves the prompt as it is and goes to the command line ("> ");
//   - arriving at a prompt that has an answer or a state reads them out and
//     goes straight to the command line; `answer` enters it again;
//   - at the command line, Enter alone goes to the next prompt; on an open
//     prompt, a line that is no command starts its answer;
//   - multi-line answers end with a line holding only "." (type ".." for a
//     line holding only a dot); the end of the input ends them too;
//   - a value that does not parse (a rating of 7, "12,5" for a number) is
//     answered with one line saying what is wrong and the question again;
//     nothing else typed for the prompt is lost;
//   - entering an answer marks the prompt answered, whatever its state was;
//     skip, park and na set the state and move on to the next prompt.
//
// Every change goes through the session's mutations and the same Saver as
// the full-screen app, as it is typed: each line of a long answer, each
// item of a list, each stage of a journey is saved when it is entered.

// RunAccessible runs sess line by line on in and out until `quit`, the end
// of in, or SIGTERM, SIGHUP or SIGINT (a closed window, a dropped ssh,
// ctrl+c), then saves the cursor and the time spent and flushes
// deps.Saver. It returns an error only when out cannot be written or the
// saves could not be flushed.
//
// Reading standard input blocks, so the lines are read on their own
// goroutine and the session waits on them and on the signals together: a
// signal ends the session like the end of the input, saving first.
func RunAccessible(deps Deps, sess *session.Session, in io.Reader, out io.Writer) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM, os.Interrupt)
	defer signal.Stop(sigs)
	// Go kills a program that writes to a closed standard output (say,
	// piped into head) with SIGPIPE, before any flush. Asking for the
	// signal turns the kill into a write error, which ends the session
	// like the end of the input, saving first.
	pipe := make(chan os.Signal, 1)
	signal.Notify(pipe, syscall.SIGPIPE)
	defer signal.Stop(pipe)
	return runAccessible(deps, sess, in, out, sigs)
}

// runAccessible is RunAccessible with the signal source injected, so tests
// can deliver one.
func runAccessible(deps Deps, sess *session.Session, in io.Reader, out io.Writer, sigs <-chan os.Signal) error {
	deps = deps.withDefaults()
	if sess == nil {
		sess = &session.Session{}
	}
	stop := make(chan struct{})
	defer close(stop)
	a := &accessible{
		deps: deps, sess: sess, lines: readLines(in, stop), sigs: sigs, out: out,
		walk: session.NewWalker(sess, deps.Now()), phase: -1,
	}
	a.run()
	a.leave()
	err := a.werr
	if ferr := deps.Saver.Flush(); ferr != nil {
		err = errors.Join(err, fmt.Errorf("saving before exit: %w", ferr))
	}
	return err
}

// accessible is the state of one accessible-mode run.
type accessible struct {
	deps  Deps
	sess  *session.Session
	lines <-chan string    // input lines with their line endings; closed at the end
	sigs  <-chan os.Signal // a signal ends the session like the end of the input
	out   io.Writer
	werr  error // the first write error; nothing more is written after it
	eof   bool  // the input ended
	done  bool  // quit was typed
	// walk is the steps, the cursor on them and the clock, as the
	// full-screen runner keeps them; time is charged at every input line.
	walk  session.Walker
	phase int // the phase index last read out, so its goal is said once
	// pending is a command typed where an answer was expected; it runs
	// next, so "skip" at an open prompt skips instead of becoming the answer.
	pending string
	// preset is a line typed at the command line that starts an open
	// prompt's answer; the answer's first read returns it.
	preset string
	// notSaved is true while the writer reports a failed save, so the
	// facilitator hears once that saving fails and once that it is back.
	notSaved bool
	// nudged holds the phases whose timebox ran out and was said so.
	nudged map[string]bool
}

// readLines reads in line by line on its own goroutine until the end of in
// or until stop is closed. A last line without a newline still counts.
func readLines(in io.Reader, stop <-chan struct{}) <-chan string {
	lines := make(chan string)
	go func() {
		defer close(lines)
		r := bufio.NewReader(in)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				select {
				case lines <- line:
				case <-stop:
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return lines
}

// signalWords names what sent a signal, in the facilitator's terms.
func signalWords(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "ctrl+c"
	case syscall.SIGHUP:
		return "a closed terminal"
	case syscall.SIGTERM:
		return "a request to stop"
	}
	return sig.String()
}

// say writes one line. After a failed write it stays silent.
func (a *accessible) say(format string, args ...any) {
	if a.werr != nil {
		return
	}
	if _, err := fmt.Fprintf(a.out, format+"\n", args...); err != nil {
		a.werr = fmt.Errorf("writing to standard output: %w", err)
	}
}

// prompt writes a question that waits on the same line, such as "> ".
func (a *accessible) prompt(s string) {
	if a.werr != nil {
		return
	}
	if _, err := io.WriteString(a.out, s); err != nil {
		a.werr = fmt.Errorf("writing to standard output: %w", err)
	}
}

// read returns the next input line without its line ending; false at the
// end of the input (a last line without a newline still counts).
func (a *accessible) read() (string, bool) {
	if a.preset != "" {
		line := a.preset
		a.preset = ""
		return line, true
	}
	if a.eof || a.werr != nil {
		return "", false
	}
	a.saveNews()
	a.timeNews()
	var line string
	var ok bool
	select {
	case line, ok = <-a.lines:
	case sig := <-a.sigs:
		a.eof = true
		a.say("\nStopped by %s. Everything typed is saved.", signalWords(sig))
		return "", false
	}
	if !ok {
		a.eof = true
		a.prompt("\n") // end the waiting prompt's line
		return "", false
	}
	a.charge()
	line = strings.TrimSuffix(line, "\n")
	return strings.TrimSuffix(line, "\r"), true
}

// ask writes q and reads the answer line.
func (a *accessible) ask(q string) (string, bool) {
	a.prompt(q)
	return a.read()
}

// charge adds the time since the last input line to the current phase,
// a long gap capped (session.Walker.Accrue).
func (a *accessible) charge() { a.walk.Accrue(a.deps.Now()) }

// saveNews says when saving starts failing and when it works again, as the
// full app's "not saved" mark does.
func (a *accessible) saveNews() {
	if a.deps.Status == nil {
		return
	}
	st := a.deps.Status.Latest()
	switch {
	case st.State == SaveFailed && !a.notSaved:
		a.notSaved = true
		why := "the disk refused the write"
		if st.Err != nil {
			why = cleanLine(st.Err.Error())
		}
		a.say("Not saved: %s. Everything stays in memory and rapport keeps trying.", why)
	case st.State == SaveSaved && a.notSaved:
		a.notSaved = false
		a.say("Saved again: everything is on disk.")
	}
}

// timeNews says once per phase that its timebox ran out: a nudge, never a
// stop, as the full app's timer does.
func (a *accessible) timeNews() {
	st, ok := a.step()
	if !ok || st.Phase.Timebox <= 0 || a.nudged[st.Phase.ID] {
		return
	}
	if spent := a.sess.PhaseTime[st.Phase.ID]; spent >= st.Phase.Timebox {
		if a.nudged == nil {
			a.nudged = map[string]bool{}
		}
		a.nudged[st.Phase.ID] = true
		a.say("Time is up for this phase: %s spent of %s.", durationWords(spent), durationWords(st.Phase.Timebox))
	}
}

// clock reads out the session time and the current phase's time.
func (a *accessible) clock() {
	msg := "Session time: " + durationWords(a.sess.Elapsed) + "."
	if st, ok := a.step(); ok {
		msg += " This phase: " + durationWords(a.sess.PhaseTime[st.Phase.ID])
		if tb := st.Phase.Timebox; tb > 0 {
			msg += " of " + durationWords(tb)
		}
		msg += "."
	}
	a.say("%s", msg)
}

func (a *accessible) now() time.Time { return a.deps.Now() }

// save hands an edit to the writer; a session without an id is a preview.
func (a *accessible) save(e session.Edit) {
	if a.sess.ID != "" {
		a.deps.Saver.Save(e)
	}
}

func (a *accessible) step() (session.Step, bool) { return a.walk.Step() }

func (a *accessible) run() {
	pb := &a.sess.Playbook
	a.say("rapport, accessible mode. Session with %s, playbook %s, %s.",
		cleanLine(a.sess.Client), cleanLine(pb.Title), countOf(a.walk.Len(), "prompt"))
	a.say("Type help for the commands, quit to stop. Everything is saved as you type.")
	if a.sess.Status == session.StatusFinished {
		a.say("This session is finished; type reopen to put it back in progress.")
	}
	if a.walk.Len() == 0 {
		a.say("This playbook has no prompts to ask.")
	} else {
		a.arrive(true)
	}
	for !a.done {
		if a.pending != "" {
			line := a.pending
			a.pending = ""
			a.command(line)
			continue
		}
		line, ok := a.ask("> ")
		if !ok {
			return
		}
		a.command(line)
	}
}

// leave charges the last seconds and saves the cursor, so the session
// resumes here with the right clock.
func (a *accessible) leave() {
	a.charge()
	a.save(a.walk.Leave(a.now()))
}

// moveTo puts the cursor on step i, saves it and reads the prompt out.
func (a *accessible) moveTo(i int) {
	e, ok := a.walk.MoveTo(i, a.now())
	if !ok {
		a.say("This playbook has no prompts to ask.")
		return
	}
	a.save(e)
	a.arrive(true)
}

// arrive reads the current prompt out and, when it is open and empty, asks
// for its answer at once.
func (a *accessible) arrive(askOpen bool) {
	st, ok := a.step()
	if !ok {
		return
	}
	a.describe(st)
	ans := a.sess.AnswerFor(st.Prompt.ID)
	if askOpen && ans.State == session.StateOpen && ans.Empty() {
		a.enter(st, false)
	}
}

// describe reads out the phase (once, on entering it), the prompt, how to
// answer it and where it stands.
func (a *accessible) describe(st session.Step) {
	if st.PhaseIndex != a.phase {
		a.phase = st.PhaseIndex
		ph := st.Phase
		a.say("")
		n, of := session.PhasePosition(a.walk.Steps(), st.PhaseIndex)
		a.say("Phase %d of %d: %s.", n, of, cleanLine(ph.Title))
		if g := cleanLine(ph.Goal); g != "" {
			a.say("Goal: %s", g)
		}
		if ph.Timebox > 0 {
			a.say("Timebox: %s.", durationWords(ph.Timebox))
		}
		for _, t := range ph.Tips {
			a.say("Tip: %s", cleanLine(t))
		}
	}
	p := st.Prompt
	a.say("")
	head := fmt.Sprintf("Prompt %d of %d", a.walk.Index()+1, a.walk.Len())
	var marks []string
	if p.Required {
		marks = append(marks, "required")
	}
	if p.Internal {
		marks = append(marks, "facilitator only")
	}
	if st.AdHoc {
		marks = append(marks, "added in the session")
	}
	if len(marks) > 0 {
		head += ", " + strings.Join(marks, ", ")
	}
	a.say("%s.", head)
	a.say("Question: %s", cleanLine(p.Question))
	if h := cleanLine(p.Help); h != "" {
		a.say("Help: %s", h)
	}
	a.say("Kind: %s", howToAnswer(p))
	a.status(st)
}

// status reads out the prompt's state and its answer.
func (a *accessible) status(st session.Step) {
	ans := a.sess.AnswerFor(st.Prompt.ID)
	a.say("State: %s.", stateWords(ans.State))
	for _, l := range answerLines(st.Prompt, ans) {
		a.say("%s", l)
	}
}

// durationWords says a duration as it is spoken, to the second:
// "10 minutes", "1 hour 30 minutes", "4 minutes 10 seconds".
func durationWords(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	var parts []string
	if h > 0 {
		parts = append(parts, countOf(h, "hour"))
	}
	if m > 0 {
		parts = append(parts, countOf(m, "minute"))
	}
	if sec > 0 || len(parts) == 0 {
		parts = append(parts, countOf(sec, "second"))
	}
	return strings.Join(parts, " ")
}

func numbered(opts []string) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = fmt.Sprintf("%d) %s", i+1, cleanLine(o))
	}
	return strings.Join(parts, " ")
}

func stateWords(s session.State) string {
	switch s {
	case session.StateAnswered:
		return "answered"
	case session.StateSkipped:
		return "skipped"
	case session.StateParked:
		return "parked for follow-up"
	case session.StateNotApplicable:
		return "not applicable"
	}
	return "open"
}

func stageLine(i int, s session.JourneyStage) string {
	parts := []string{fmt.Sprintf("Stage %d: %s.", i+1, cleanLine(s.Name))}
	add := func(label, v string) {
		if v = cleanLine(v); v != "" {
			parts = append(parts, label+": "+v+".")
		}
	}
	add("Doing", s.Doing)
	add("Touchpoints", s.Touchpoints)
	parts = append(parts, "Feeling: "+session.FormatSigned(s.Feeling)+".")
	add("Pains", s.Pains)
	add("Opportunities", s.Opportunities)
	return strings.Join(parts, " ")
}

func entryLine(i int, e session.LedgerEntry, bal int) string {
	kind := "Deposit"
	if e.Kind == session.Withdrawal {
		kind = "Withdrawal"
	}
	return fmt.Sprintf("Entry %d: %s of %d: %s. Balance %s.", i+1, kind, e.Amount, cleanLine(e.Text), session.FormatSigned(bal))
}

func countOf(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// put stores ans for the current prompt as answered (or open when it holds
// nothing) and saves it.
func (a *accessible) put(ans session.Answer) {
	ans.State = session.StateOpen // PutAnswer makes it answered when it holds a value
	a.save(a.sess.PutAnswer(ans, a.now()))
}

// enter asks for the current prompt's answer, by its kind. again is true
// when the facilitator typed `answer` on a prompt that may hold one.
func (a *accessible) enter(st session.Step, again bool) {
	p := st.Prompt
	changed := entryFor(p.Kind).enter(a, p, again)
	if !changed {
		if !a.eof && a.pending == "" {
			a.say("Left as it was. State: %s.", stateWords(a.sess.AnswerFor(p.ID).State))
		}
		return
	}
	a.walk.Refresh()
	ans := a.sess.AnswerFor(p.ID)
	msg := "Saved. State: " + stateWords(ans.State) + "."
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
func (a *accessible) addOrReplace(n int, what string) (replace, ok bool) {
	r, ok := askValue(a, fmt.Sprintf("There are %s. Type add to add more, or replace to start again (Enter alone leaves them): ", countOf(n, what)),
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
		if replace, ok = a.addOrReplace(len(a.sess.AnswerFor(id).Items), "item"); !ok {
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
		if replace, ok = a.addOrReplace(len(a.sess.AnswerFor(id).Stages), "stage"); !ok {
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
		if replace, ok = a.addOrReplace(len(a.sess.AnswerFor(id).Ledger), "entry"); !ok {
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
	v, empty, msg := field.ParseNumber(s, percent)
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

// captureCommand is the capture kind a command word makes.
func captureCommand(word string) (session.CaptureKind, bool) {
	for _, k := range session.CaptureKinds {
		if k.Info().Command == word {
			return k, true
		}
	}
	return "", false
}

// command runs one line typed at the command line.
func (a *accessible) command(line string) {
	// Split at any white space, as diverted does: "jump\r7" must read the
	// same here as there, or a line diverted from an answer comes back as
	// an answer and the two hand it to each other for ever.
	line = strings.TrimSpace(line)
	word, rest := line, ""
	if i := strings.IndexFunc(line, unicode.IsSpace); i >= 0 {
		word, rest = line[:i], strings.TrimSpace(line[i:])
	}
	word = strings.ToLower(word)
	if k, ok := captureCommand(word); ok {
		a.capture(k, rest)
		return
	}
	switch word {
	case "", "next", "n":
		if !a.walk.HasNext() {
			a.say("This is the last prompt. Type summary to read the summary, or quit to stop.")
			return
		}
		a.moveTo(a.walk.Index() + 1)
	case "back", "b":
		if !a.walk.HasPrev() {
			a.say("This is the first prompt.")
			return
		}
		a.moveTo(a.walk.Index() - 1)
	case "skip":
		a.setState(session.StateSkipped)
	case "park":
		a.setState(session.StateParked)
	case "na":
		a.setState(session.StateNotApplicable)
	case "jump":
		a.jump(rest)
	case "answer":
		if st, ok := a.step(); ok {
			for _, l := range answerLines(st.Prompt, a.sess.AnswerFor(st.Prompt.ID)) {
				a.say("%s", l)
			}
			a.enter(st, true)
		}
	case "clear":
		if st, ok := a.step(); ok {
			a.put(session.Answer{PromptID: st.Prompt.ID})
			a.walk.Refresh()
			a.say("Answer cleared. State: open.")
		}
	case "repeat", "again":
		if st, ok := a.step(); ok {
			a.phase = -1
			a.describe(st)
		}
	case "question":
		a.addQuestion(rest)
	case "time":
		a.clock()
	case "finish":
		a.finish()
	case "reopen":
		a.save(a.sess.Reopen(a.now()))
		a.say("The session is in progress again.")
	case "summary":
		a.summary(rest)
	case "export":
		a.export(rest)
	case "help", "?":
		a.help()
	case "quit", "exit", "q":
		a.done = true
		a.say("Saved. Goodbye.")
	default:
		// On an open, empty prompt a line that is no command starts the
		// answer, so what was typed is never thrown away.
		if st, ok := a.step(); ok {
			if ans := a.sess.AnswerFor(st.Prompt.ID); ans.State == session.StateOpen && ans.Empty() {
				a.say("Taken as the answer.")
				a.preset = line
				a.enter(st, false)
				return
			}
		}
		a.say("Unknown command %q. Type help for the commands, or answer to type the answer again.", cleanLine(word))
	}
}

// setState marks the current prompt and moves on to the next one.
func (a *accessible) setState(s session.State) {
	st, ok := a.step()
	if !ok {
		return
	}
	a.save(a.sess.SetState(st.Prompt.ID, s, a.now()))
	a.walk.Refresh()
	a.say("Prompt %d is %s.", a.walk.Index()+1, stateWords(s))
	if a.walk.HasNext() {
		a.moveTo(a.walk.Index() + 1)
	} else {
		a.say("That was the last prompt. Type summary to read the summary, or quit to stop.")
	}
}

// jump goes to prompt N; without N it lists the prompts.
func (a *accessible) jump(arg string) {
	if arg == "" {
		for i, st := range a.walk.Steps() {
			ans := a.sess.AnswerFor(st.Prompt.ID)
			a.say("%d. %s. %s", i+1, stateWords(ans.State), cleanLine(st.Prompt.Question))
		}
		a.say("Type jump and a number to go there.")
		return
	}
	n, err := parseScale(arg, 1, a.walk.Len(), "a prompt number")
	if err != nil {
		a.say("%s", err)
		return
	}
	a.moveTo(n - 1)
}

// addQuestion adds an ad-hoc question after the current prompt (by
// session.Walker's rule, as the full-screen runner does) and goes to it.
func (a *accessible) addQuestion(q string) {
	if _, ok := a.step(); !ok {
		a.say("There is no prompt to add a question after.")
		return
	}
	if strings.TrimSpace(q) == "" {
		var ok bool
		if q, ok = a.ask("The new question (Enter alone cancels): "); !ok || strings.TrimSpace(q) == "" {
			a.say("No question added.")
			return
		}
	}
	i, e, ok := a.walk.AddAdHoc(a.deps.NewID(), q, a.now())
	if !ok {
		return
	}
	a.save(e)
	if i >= 0 {
		a.say("Question added as prompt %d.", i+1)
		a.moveTo(i)
	}
}

// finish reads out the wrap-up (parked prompts, required prompts still
// open, actions without an owner or a due date, follow-up questions), then
// marks the session finished when the facilitator says yes. It flags,
// never blocks.
func (a *accessible) finish() {
	wu := a.sess.WrapUp()
	prompts := func(steps []session.Step) []string {
		var out []string
		for _, st := range steps {
			out = append(out, fmt.Sprintf("prompt %d: %s", a.walk.IndexOf(st.Prompt.ID)+1, cleanLine(st.Prompt.Question)))
		}
		return out
	}
	var actions, follow []string
	for _, c := range wu.Actions {
		actions = append(actions, cleanLine(c.Text)+", "+c.Missing())
	}
	for _, c := range wu.FollowUps {
		follow = append(follow, cleanLine(c.Text))
	}
	a.say("Wrap-up before finishing.")
	for i, items := range [][]string{prompts(wu.Parked), prompts(wu.Required), actions, follow} {
		if len(items) == 0 {
			a.say("%s: none.", wrapTitles[i])
			continue
		}
		a.say("%s: %d.", wrapTitles[i], len(items))
		for _, it := range items {
			a.say("- %s", it)
		}
	}
	line, ok := a.ask("Type yes to mark the session finished (Enter alone goes back): ")
	if !ok || !strings.EqualFold(strings.TrimSpace(line), "yes") {
		a.say("Not finished.")
		return
	}
	a.save(a.sess.Finish(a.now()))
	a.say("The session is finished. Type reopen to put it back in progress, or quit.")
}

// capture records a note, quote, pain, action... in the current phase at
// the session clock, asking for its text when none was typed after the
// word, then the pain's impact and effort or the action's owner and due.
func (a *accessible) capture(k session.CaptureKind, text string) {
	info := k.Info()
	if text == "" {
		var ok bool
		if text, ok = a.ask(captureName(k) + " text (Enter alone cancels): "); !ok || strings.TrimSpace(text) == "" {
			a.say("Nothing captured.")
			return
		}
	}
	c := session.Capture{
		ID:       a.deps.NewID(),
		Kind:     k,
		Text:     text,
		At:       a.sess.Elapsed,
		Tags:     session.ParseTags(text),
		Internal: a.sess.CaptureInternal(k),
		Created:  a.now(),
	}
	if st, ok := a.step(); ok {
		c.Phase = st.Phase.ID
	}
	detail := ""
	scale := func(s string) (int, error) { return parseScale(s, 1, 5, "a score") }
	for _, f := range info.Fields {
		var ok bool
		switch f {
		case session.FieldImpact:
			if c.Impact, ok = askValue(a, "Impact from 1 to 5 (Enter alone for 3): ", scale); !ok {
				c.Impact = 3
			}
			detail += fmt.Sprintf(", impact %d", c.Impact)
		case session.FieldEffort:
			if c.Effort, ok = askValue(a, "Effort from 1 to 5 (Enter alone for 3): ", scale); !ok {
				c.Effort = 3
			}
			detail += fmt.Sprintf(", effort %d", c.Effort)
		case session.FieldOwner:
			c.Owner, _ = a.ask("Owner (Enter alone for none yet): ")
			if c.Owner = strings.TrimSpace(c.Owner); c.Owner != "" {
				detail += ", owner " + cleanLine(c.Owner)
			}
		case session.FieldDue:
			c.Due, _ = askValue(a, "Due date, such as 2026-12-01, tomorrow, +3d or fri (Enter alone for none yet): ",
				func(s string) (string, error) { return session.ParseDue(s, a.now()) })
			if c.Due != "" {
				detail += ", due " + c.Due
			}
		}
	}
	if c.Internal {
		detail += ", facilitator only"
	}
	a.save(a.sess.PutCapture(c, a.now()))
	a.say("%s saved%s.", captureName(k), detail)
}

// captureName is the kind as a sentence starts with it: "Follow-up question".
func captureName(k session.CaptureKind) string {
	s := k.Info().Name
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// audienceArg reads an optional audience word; the facilitator's default
// is internal (everything), as `rapport show` does.
func audienceArg(arg string, def session.Audience) (session.Audience, string, error) {
	word, rest, _ := strings.Cut(arg, " ")
	if word == "client" || word == "internal" {
		aud, err := session.ParseAudience(word)
		return aud, strings.TrimSpace(rest), err
	}
	return def, arg, nil
}

// summary prints the session's Markdown as it is: plain text, no glamour.
func (a *accessible) summary(arg string) {
	aud, _, err := audienceArg(arg, session.AudienceInternal)
	if err != nil {
		a.say("%s", err)
		return
	}
	md := session.Markdown(a.sess, aud)
	a.say("Summary for the %s audience follows, as Markdown. It ends with a line saying End of summary.", aud)
	a.prompt(string(md))
	if len(md) > 0 && md[len(md)-1] != '\n' {
		a.prompt("\n")
	}
	a.say("End of summary.")
}

// help lists the commands.
func (a *accessible) help() {
	for _, l := range []string{
		"Answers: an open prompt asks for its answer at once; Enter alone leaves it open.",
		"Long answers and lists end with a line holding only a dot. At the > prompt, a line that is no command answers an open prompt.",
		"Commands, one per line:",
		"next, or Enter alone: the next prompt. back: the previous one.",
		"jump N: go to prompt N. jump alone lists the prompts with their states.",
		"answer: type this prompt's answer again. clear: empty it. repeat: read the prompt again.",
		"skip, park, na: mark this prompt skipped, parked for follow-up or not applicable, and move on.",
		"quote TEXT, note TEXT, followup TEXT, decision TEXT, risk TEXT, idea TEXT: capture it.",
		"pain TEXT: capture a pain, then its impact and effort. action TEXT: capture an action, then its owner and due date.",
		"question TEXT: add a question of your own after this prompt. time: the session and phase clocks.",
		"finish: the wrap-up list, then mark the session finished. reopen: back in progress.",
		"summary: print the summary as Markdown (summary client: what the client sees).",
		"export: write the client's summary to a Markdown file in the current folder (or RAPPORT_EXPORT_DIR). export NAME names the file; export internal keeps everything.",
		"help: this list. quit: save and stop; the end of the input does the same.",
	} {
		a.say("%s", l)
	}
}

// export writes the summary to a Markdown file through Deps.Export, as the
// summary screen does: the client's copy unless "internal" comes first,
// named <client>-<date>.md unless a name follows.
func (a *accessible) export(arg string) {
	aud, name, err := audienceArg(arg, session.AudienceClient)
	if err != nil {
		a.say("%s", err)
		return
	}
	if a.deps.Export == nil {
		a.say("Export is not available here; after quitting, rapport export %s -o FILE writes it.", cleanLine(a.sess.ID))
		return
	}
	if name == "" {
		name = exportFileName(a.sess.Client, a.sess.Created, aud)
	}
	data := session.Markdown(a.sess, aud)
	path, err := a.deps.Export(name, data, false)
	if errors.Is(err, fs.ErrExist) {
		line, ok := a.ask(fmt.Sprintf("%s exists. Type yes to replace it (Enter alone keeps it): ", cleanLine(path)))
		if !ok || !strings.EqualFold(strings.TrimSpace(line), "yes") {
			a.say("Not exported; %s is as it was.", cleanLine(path))
			return
		}
		path, err = a.deps.Export(name, data, true)
	}
	if err != nil {
		a.say("Not exported: %s", cleanLine(err.Error()))
		return
	}
	a.say("Exported the %s copy to %s.", aud, cleanLine(path))
}
