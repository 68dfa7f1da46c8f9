package accessible

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode"

	"rapport/session"
)

// The command line ("> "): navigation, states, captures, the wrap-up, the
// summary and export.

// captureCommand is the capture kind a command word makes.
func captureCommand(word string) (session.CaptureKind, bool) {
	for _, k := range session.CaptureKinds {
		if k.Info().Command == word {
			return k, true
		}
	}
	return "", false
}

// readOnlyCommands are the commands a finished session takes: they move,
// read out, finish (the wrap-up list again), reopen, export and quit.
var readOnlyCommands = map[string]bool{
	"": true, "next": true, "n": true, "back": true, "b": true, "jump": true, "repeat": true, "again": true,
	"time": true, "finish": true, "reopen": true, "summary": true, "export": true, "help": true, "?": true,
	"quit": true, "exit": true, "q": true,
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
	if a.sess.Status == session.StatusFinished && !readOnlyCommands[word] {
		// A finished session is read-only, as on the full screen: nothing
		// typed changes it until it is reopened.
		a.say("This session is finished; type reopen to put it back in progress before changing it.")
		return
	}
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
		a.moveTo(a.walk.Pos() + 1)
	case "back", "b":
		if !a.walk.HasPrev() {
			a.say("This is the first prompt.")
			return
		}
		a.moveTo(a.walk.Pos() - 1)
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
		a.save(a.walk.Reopen(a.now()))
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
	a.say("Prompt %d is %s.", a.walk.Pos()+1, s.Words())
	if a.walk.HasNext() {
		a.moveTo(a.walk.Pos() + 1)
	} else {
		a.say("That was the last prompt. Type summary to read the summary, or quit to stop.")
	}
}

// jump goes to prompt N; without N it lists the prompts.
func (a *accessible) jump(arg string) {
	if arg == "" {
		for i, st := range a.walk.Steps() {
			ans := a.sess.AnswerFor(st.Prompt.ID)
			a.say("%d. %s. %s", i+1, ans.State.Words(), cleanLine(st.Prompt.Question))
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
// open, actions without an owner or a due date, follow-up questions, the
// key takeaways), then marks the session finished when the facilitator
// says yes. It flags, never blocks.
func (a *accessible) finish() {
	wu := a.sess.WrapUp() // carried items as their references remember them
	prompts := func(steps []session.Step) []string {
		var out []string
		for _, st := range steps {
			out = append(out, fmt.Sprintf("prompt %d: %s", a.walk.PosOf(st.Prompt.ID)+1, cleanLine(st.Prompt.Question)))
		}
		return out
	}
	var actions, follow, carried []string
	for _, c := range wu.Actions {
		actions = append(actions, cleanLine(c.Text)+", "+c.Missing())
	}
	for _, c := range wu.FollowUps {
		line := cleanLine(c.Text)
		if c.Closed() {
			line += ", answered: " + cleanLine(c.Answer)
		}
		follow = append(follow, line)
	}
	for _, it := range wu.Carried {
		carried = append(carried, it.Item.Kind.Info().Word+": "+cleanLine(it.Item.Text))
	}
	a.say("Wrap-up before finishing.")
	for i, items := range [][]string{prompts(wu.Parked), prompts(wu.Required), actions, follow, carried} {
		if len(items) == 0 {
			a.say("%s: none.", session.WrapUpTitles[i])
			continue
		}
		a.say("%s: %d.", session.WrapUpTitles[i], len(items))
		for _, it := range items {
			a.say("- %s", it)
		}
	}
	a.takeaways()
	line, ok := a.ask("Type yes to mark the session finished (Enter alone goes back): ")
	if !ok || !strings.EqualFold(strings.TrimSpace(line), "yes") {
		a.say("Not finished.")
		return
	}
	a.save(a.walk.Finish(a.now()))
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
	if a.tooBig(c) {
		return
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
		case session.FieldSpeaker:
			c.Speaker = a.askSpeaker()
			if cr := session.Credit(c.Speaker); cr != "" {
				detail += ", said by " + cleanLine(cr)
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
	if a.tooBig(c) { // the owner's line counts too
		return
	}
	a.save(a.sess.PutCapture(c, a.now()))
	a.say("%s saved%s.", captureName(k), detail)
}

// tooBig refuses a capture past session.MaxTextBytes (what import takes
// back), saying so in one line.
func (a *accessible) tooBig(c session.Capture) bool {
	n := c.TextBytes()
	t, refused := session.Refuse("capture", "line", n, 0, n)
	if refused {
		a.say("%s", t)
	}
	return refused
}

// takeaways reads out the key takeaways the client's copy opens with.
// With a takeaways prompt (the closing read-back) it says where they are
// written; without one it asks for them, one a line, each saved as it
// comes, Enter alone keeping those there are.
func (a *accessible) takeaways() {
	items := a.sess.Takeaways()
	if len(items) == 0 {
		a.say("Key takeaways: none yet.")
	} else {
		a.say("Key takeaways: %d.", len(items))
		for _, it := range items {
			a.say("- %s", cleanLine(it))
		}
	}
	if st, ok := a.sess.TakeawaysPrompt(); ok {
		if i := a.walk.PosOf(st.Prompt.ID); i >= 0 && len(items) == 0 {
			a.say("Prompt %d holds them: %s", i+1, cleanLine(st.Prompt.Question))
		}
		return
	}
	a.say("Type the key takeaways, one a line, in the client's words; end with a line holding only a dot. Enter alone first keeps them as they are.")
	first, ok := a.read()
	if !ok || first == "" || first == "." {
		return
	}
	var lines []string
	add := func(line string) {
		if line == ".." {
			line = "."
		}
		lines = append(lines, line)
		a.save(a.sess.SetTakeaways(lines, a.now()))
	}
	add(first)
	a.readBlock(add)
	a.say("Key takeaways saved: %d.", len(a.sess.Takeaways()))
}

// askSpeaker asks who said a quote: Enter alone for the first of the
// session's contacts, a contact's number, a name typed as "Name, role", or
// "none" for nobody.
func (a *accessible) askSpeaker() string {
	speakers := a.sess.Speakers()
	if len(speakers) == 0 {
		line, _ := a.ask("Who said it, as Name, role (Enter alone for nobody): ")
		return strings.TrimSpace(line)
	}
	var opts []string
	for i, s := range speakers {
		opts = append(opts, fmt.Sprintf("%d %s", i+1, cleanLine(s)))
	}
	line, _ := a.ask("Who said it? " + strings.Join(opts, "; ") + ". A number, a name, none, or Enter alone for " + cleanLine(speakers[0]) + ": ")
	line = strings.TrimSpace(line)
	switch n, err := strconv.Atoi(line); {
	case line == "":
		return speakers[0]
	case strings.EqualFold(line, "none"):
		return ""
	case err == nil && n >= 1 && n <= len(speakers):
		return speakers[n-1]
	}
	return line
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
		name = session.ExportFileName(a.sess.Client, a.sess.Created, aud, "md")
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
