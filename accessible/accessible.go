// Package accessible is rapport's second front end: a session run as plain
// lines for a screen reader (rapport --accessible, or RAPPORT_ACCESSIBLE=1).
// No alternate screen, no redraws, no colour, no escape sequences at all.
// One prompt is read out at a time (prompt and phase numbers, question,
// help, what kind of answer it takes and how to type it, its state);
// answers and commands are read line by line from standard input, so it
// works as well from a pipe as from a terminal.
//
// It walks the session with session.Walker and changes it through the
// session's mutations, like the full-screen app in tui, which it never
// imports: the two are two views of one session, and what one saves is
// exactly what the other would.
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
package accessible

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"rapport/session"
)

// Run runs sess line by line on in and out until `quit`, the end
// of in, or SIGTERM, SIGHUP or SIGINT (a closed window, a dropped ssh,
// ctrl+c), then saves the cursor and the time spent and flushes
// deps.Saver. It returns an error only when out cannot be written or the
// saves could not be flushed.
//
// Reading standard input blocks, so the lines are read on their own
// goroutine and the session waits on them and on the signals together: a
// signal ends the session like the end of the input, saving first.
func Run(deps Deps, sess *session.Session, in io.Reader, out io.Writer) error {
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

// runAccessible is Run with the signal source injected, so tests
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
	// puts and refusals count answers saved and refused as too big (put),
	// so an answer whose every line was refused is said to be left as it
	// was, not saved.
	puts, refusals int
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
	case st.State == session.SaveFailed && !a.notSaved:
		a.notSaved = true
		why := "the disk refused the write"
		if st.Err != nil {
			why = cleanLine(st.Err.Error())
		}
		a.say("Not saved: %s. Everything stays in memory and rapport keeps trying.", why)
	case st.State == session.SaveSaved && a.notSaved:
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
		cleanLine(a.sess.Client), cleanLine(pb.Title), session.Plural(a.walk.Len(), "prompt", "prompts"))
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
	if askOpen && ans.State == session.StateOpen && ans.Empty() && a.sess.Status != session.StatusFinished {
		a.enter(st, false)
	}
}

// describe reads out the phase (once, on entering it), the prompt with its
// help, what to listen for and the probes, how to answer it and where it
// stands.
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
	head := fmt.Sprintf("Prompt %d of %d", a.walk.Pos()+1, a.walk.Len())
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
	// The facilitator's side of the prompt, as the full-screen runner shows
	// it beside the question: what good evidence sounds like, then the
	// follow-ups to ask.
	if l := strings.TrimSpace(cleanLine(p.ListenFor)); l != "" {
		a.say("Listen for: %s", l)
	}
	var probes []string
	for _, q := range p.Probes {
		if q := strings.TrimSpace(cleanLine(q)); q != "" {
			probes = append(probes, q)
		}
	}
	if len(probes) > 0 {
		a.say("Probes: %s", strings.Join(probes, "; "))
	}
	a.say("Kind: %s", howToAnswer(p))
	a.status(st)
}

// status reads out the prompt's state and its answer.
func (a *accessible) status(st session.Step) {
	ans := a.sess.AnswerFor(st.Prompt.ID)
	a.say("State: %s.", ans.State.Words())
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
		parts = append(parts, session.Plural(h, "hour", "hours"))
	}
	if m > 0 {
		parts = append(parts, session.Plural(m, "minute", "minutes"))
	}
	if sec > 0 || len(parts) == 0 {
		parts = append(parts, session.Plural(sec, "second", "seconds"))
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
