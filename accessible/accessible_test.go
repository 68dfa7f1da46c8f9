package accessible

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"rapport/playbooks"
	"rapport/session"
)

// everyKindPlaybook has one prompt of each kind, in two phases.
func everyKindPlaybook() playbooks.Playbook {
	return playbooks.Playbook{
		ID: "every", Title: "Every kind", Version: 1,
		Phases: []playbooks.Phase{
			{
				ID: "one", Title: "Words", Goal: "Hear them out.", Timebox: 90 * time.Minute,
				Tips: []string{"Stay quiet."},
				Prompts: []playbooks.Prompt{
					{ID: "text", Kind: playbooks.KindText, Question: "Your role?", Required: true},
					{ID: "long", Kind: playbooks.KindLongText, Question: "Tell me more.", Help: "Take your time."},
					{ID: "list", Kind: playbooks.KindList, Question: "Priorities?"},
				},
			},
			{
				ID: "two", Title: "Numbers",
				Prompts: []playbooks.Prompt{
					{ID: "rating", Kind: playbooks.KindRating, Question: "Trust?", Evidence: true,
						Flag: &playbooks.Flag{When: mustCompare("<= 2"), Say: "Low trust: ask why."}},
					{ID: "choice", Kind: playbooks.KindChoice, Question: "Channel?", Options: []string{"Email", "Chat", "Calls"}},
					{ID: "multi", Kind: playbooks.KindMultiChoice, Question: "Which?", Options: []string{"A", "B", "C"}},
					{ID: "percent", Kind: playbooks.KindPercent, Question: "Share?"},
					{ID: "number", Kind: playbooks.KindNumber, Question: "How many?"},
					{ID: "journey", Kind: playbooks.KindJourney, Question: "Walk me through it."},
					{ID: "ledger", Kind: playbooks.KindLedger, Question: "Trust account?", Internal: true},
				},
			},
		},
	}
}

func mustCompare(s string) playbooks.Comparison {
	c, err := playbooks.ParseComparison(s)
	if err != nil {
		panic(err)
	}
	return c
}

// everyKindSession is a fresh session on everyKindPlaybook with a test
// clock and an in-memory saver.
func everyKindSession() (*clock, *memSaver, playbooks.Playbook, *session.Session) {
	c := newClock()
	pb := everyKindPlaybook()
	return c, newMemSaver(), pb, session.New("01HACCESS00000000000000000", c.Now(), "Acme", pb)
}

// wantSaid fails for each line the transcript does not hold.
func wantSaid(t *testing.T, out string, said ...string) {
	t.Helper()
	for _, s := range said {
		if !strings.Contains(out, s) {
			t.Errorf("transcript lacks %q", s)
		}
	}
}

// runA runs accessible mode on input and returns the transcript.
func runA(t *testing.T, sess *session.Session, m *memSaver, c *clock, input string) string {
	t.Helper()
	var out bytes.Buffer
	n := 0
	deps := Deps{Saver: m, Now: c.Now, NewID: func() string { n++; return "cap" + string(rune('0'+n)) }}
	if err := runAccessible(deps, sess, strings.NewReader(input), &out, nil); err != nil {
		t.Fatalf("runAccessible: %v", err)
	}
	if bytes.IndexByte(out.Bytes(), 0x1b) >= 0 {
		t.Fatalf("the transcript holds an escape byte:\n%q", out.String())
	}
	return out.String()
}

func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

func TestAccessibleEveryKind(t *testing.T) {
	c, m, pb, sess := everyKindSession()
	out := runA(t, sess, m, c, lines(
		"Head of delivery",                             // text, asked on arrival
		"", "We serve hospitals.", "And clinics.", ".", // next, long text
		"", "Speed", "Quality", ".", // next, list
		"", "2", "They missed two launches", // next, rating + evidence
		"", "chat", // next, choice by text
		"", "1, 3", // next, multi by numbers
		"", "85%", // percent
		"", "12.5", // number
		"", "Request", "Emails a form", "Email", "-1", "Slow", "A portal", "Build", "", "", "2", "", "", "", // journey: two stages
		"", "d", "Kept the date", "3", "w", "Missed a call", "1", "", // ledger
		"quit",
	))
	want := map[string]func(session.Answer) bool{
		"text":    func(a session.Answer) bool { return a.Text == "Head of delivery" },
		"long":    func(a session.Answer) bool { return a.Text == "We serve hospitals.\nAnd clinics." },
		"list":    func(a session.Answer) bool { return strings.Join(a.Items, "|") == "Speed|Quality" },
		"rating":  func(a session.Answer) bool { return a.Rating == 2 && a.Evidence == "They missed two launches" },
		"choice":  func(a session.Answer) bool { return strings.Join(a.Choices, "|") == "Chat" },
		"multi":   func(a session.Answer) bool { return strings.Join(a.Choices, "|") == "A|C" },
		"percent": func(a session.Answer) bool { return a.Number != nil && *a.Number == 85 },
		"number":  func(a session.Answer) bool { return a.Number != nil && *a.Number == 12.5 },
		"journey": func(a session.Answer) bool {
			return len(a.Stages) == 2 && a.Stages[0] == session.JourneyStage{Name: "Request", Doing: "Emails a form",
				Touchpoints: "Email", Feeling: -1, Pains: "Slow", Opportunities: "A portal"} &&
				a.Stages[1] == session.JourneyStage{Name: "Build", Feeling: 2}
		},
		"ledger": func(a session.Answer) bool {
			return len(a.Ledger) == 2 && a.Ledger[0] == session.LedgerEntry{Kind: session.Deposit, Text: "Kept the date", Amount: 3} &&
				a.Ledger[1] == session.LedgerEntry{Kind: session.Withdrawal, Text: "Missed a call", Amount: 1}
		},
	}
	stored := m.load(pb)
	for id, ok := range want {
		got := stored.AnswerFor(id)
		if !ok(got) || got.State != session.StateAnswered {
			t.Errorf("stored answer %s = %+v", id, got)
		}
		if mem := sess.AnswerFor(id); !ok(mem) {
			t.Errorf("session answer %s = %+v", id, mem)
		}
	}
	if stored.Cursor != "ledger" {
		t.Errorf("cursor saved as %q, want ledger", stored.Cursor)
	}
	if m.flushes == 0 {
		t.Error("quitting did not flush the saver")
	}
	wantSaid(t, out,
		"Phase 1 of 2: Words.", "Goal: Hear them out.", "Timebox: 1 hour 30 minutes.", "Tip: Stay quiet.",
		"Prompt 1 of 10, required.", "Question: Your role?",
		"Kind: Rating from 1 to 5, then a line of evidence.",
		"Kind: Choose one: 1) Email 2) Chat 3) Calls. Type its number or its text.",
		"Kind: Choose any: 1) A 2) B 3) C. Type their numbers separated by commas, such as 1,3.",
		"Kind: List: one item per line, end with a line holding only a dot.",
		"Saved. State: answered. Flag: Low trust: ask why.",
		"Prompt 10 of 10, facilitator only.",
		"Saved Entry 2: Withdrawal of 1: Missed a call. Balance +2.",
	)
}

// TestAccessibleBadValues: a value that does not parse is refused with one
// line and asked again, and nothing typed before it for the prompt is lost.
func TestAccessibleBadValues(t *testing.T) {
	c, m, _, sess := everyKindSession()
	out := runA(t, sess, m, c, lines(
		"jump 4", "7", "four", "4", "", // rating: two refusals
		"", "9", "Chat", // choice
		"", "1,4", "2", // multi
		"", "120", "50", // percent
		"", "12,5", "12.5", // number
		"", "Request", "Emails", "Email", "5", "+1", "Slow", "Portal", "", // journey feeling refused
		"", "x", "d", "Kept the date", "9", "2", "", // ledger kind and amount refused
	))
	for _, s := range []string{
		`"7" is not a rating: type a whole number from 1 to 5`,
		`"four" is not a rating: type a whole number from 1 to 5`,
		`there is no option 9: type a number from 1 to 3`,
		`there is no option 4: type a number from 1 to 3`,
		`"120": out of range: type a number from 0 to 100`,
		`"12,5": use a dot for decimals, such as 12.5`,
		`"5" is not a feeling: type a whole number from -2 to 2`,
		`"x": type d for a deposit or w for a withdrawal`,
		`"9" is not an amount: type a whole number from 1 to 5`,
	} {
		if strings.Count(out, s) != 1 {
			t.Errorf("want the refusal %q once in:\n%s", s, out)
		}
	}
	got := sess.AnswerFor("journey").Stages
	if len(got) != 1 || got[0] != (session.JourneyStage{Name: "Request", Doing: "Emails", Touchpoints: "Email",
		Feeling: 1, Pains: "Slow", Opportunities: "Portal"}) {
		t.Errorf("journey after a refused feeling = %+v", got)
	}
	if a := sess.AnswerFor("rating"); a.Rating != 4 {
		t.Errorf("rating = %d", a.Rating)
	}
	if a := sess.AnswerFor("number"); a.Number == nil || *a.Number != 12.5 {
		t.Errorf("number = %v", a.Number)
	}
	if a := sess.AnswerFor("ledger"); len(a.Ledger) != 1 || a.Ledger[0].Amount != 2 || a.Ledger[0].Text != "Kept the date" {
		t.Errorf("ledger = %+v", a.Ledger)
	}
}

func TestAccessibleParsers(t *testing.T) {
	opts := []string{"Email", "Chat", "Calls"}
	tests := []struct {
		name string
		run  func() (any, error)
		want any
		err  string // a substring of the refusal; "" for none
	}{
		{"scale ok", func() (any, error) { return parseScale(" 3 ", 1, 5, "a rating") }, 3, ""},
		{"scale high", func() (any, error) { return parseScale("6", 1, 5, "a rating") }, 0, "from 1 to 5"},
		{"scale word", func() (any, error) { return parseScale("three", 1, 5, "a rating") }, 0, "not a rating"},
		{"feeling plus", func() (any, error) { return parseFeeling("+2") }, 2, ""},
		{"feeling minus", func() (any, error) { return parseFeeling("-2") }, -2, ""},
		{"feeling out", func() (any, error) { return parseFeeling("-3") }, 0, "from -2 to 2"},
		{"number", func() (any, error) { return parseNumber("3.5", false) }, 3.5, ""},
		{"number comma", func() (any, error) { return parseNumber("3,5", false) }, 0.0, "use a dot"},
		{"number blank", func() (any, error) { return parseNumber("  ", false) }, 0.0, "type a number"},
		{"percent sign", func() (any, error) { return parseNumber("80 %", true) }, 80.0, ""},
		{"percent out", func() (any, error) { return parseNumber("101", true) }, 0.0, "out of range"},
		{"choice number", func() (any, error) { return parseChoice("2", opts) }, "Chat", ""},
		{"choice text", func() (any, error) { return parseChoice("calls", opts) }, "Calls", ""},
		{"choice prefix", func() (any, error) { return parseChoice("em", opts) }, "Email", ""},
		{"choice ambiguous", func() (any, error) { return parseChoice("c", opts) }, "", "matches 2 options"},
		{"choice none", func() (any, error) { return parseChoice("fax", opts) }, "", "no option matches"},
		{"choice zero", func() (any, error) { return parseChoice("0", opts) }, "", "no option 0"},
		{"multi", func() (any, error) { return parseMulti("3, 1,3", opts) }, []string{"Calls", "Email"}, ""},
		{"multi text", func() (any, error) { return parseMulti("chat,email", opts) }, []string{"Chat", "Email"}, ""},
		{"multi empty", func() (any, error) { return parseMulti(" , ", opts) }, []string(nil), "separated by commas"},
		{"multi bad", func() (any, error) { return parseMulti("1,7", opts) }, []string(nil), "no option 7"},
		{"deposit", func() (any, error) { return parseLedgerKind("D") }, session.Deposit, ""},
		{"withdrawal", func() (any, error) { return parseLedgerKind("withdrawal") }, session.Withdrawal, ""},
		{"ledger bad", func() (any, error) { return parseLedgerKind("?") }, session.LedgerKind(""), "type d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.run()
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Fatalf("refusal is more than one line: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if !equalAny(got, tt.want) {
				t.Fatalf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func equalAny(a, b any) bool {
	as, ok1 := a.([]string)
	bs, ok2 := b.([]string)
	if ok1 && ok2 {
		return strings.Join(as, "\x00") == strings.Join(bs, "\x00") && len(as) == len(bs)
	}
	return a == b
}

// TestAccessibleCommands: states, navigation, captures and a command typed
// where an answer was expected.
func TestAccessibleCommands(t *testing.T) {
	c, m, _, sess := everyKindSession()
	out := runA(t, sess, m, c, lines(
		"skip",    // at the open text prompt: a command, not the answer
		"park",    // long: parked, on to list
		"na",      // list: not applicable, on to rating
		"",        // leave the rating open
		"back",    // to the list
		"jump",    // lists the prompts
		"jump 11", // refused
		"jump 1",  // the skipped text prompt: read out, not asked
		"answer",  // enter it again
		"Facilitator",
		"quote It takes weeks #speed", "Ann Lee, CTO",
		"pain", "Slow approvals", "5", "", // text asked; effort defaults to 3
		"action Send the notes", "Dana", "soon", "tomorrow",
		"risk They may churn",
		"followup Who signs off?",
		"frobnicate", // the text prompt holds an answer: an unknown command
		"clear", "repeat",
		"help",
	)) // the end of the input quits
	for id, st := range map[string]session.State{
		"text": session.StateOpen, "long": session.StateParked, "list": session.StateNotApplicable,
		"rating": session.StateOpen,
	} {
		if got := sess.AnswerFor(id).State; got != st {
			t.Errorf("%s state = %s, want %s", id, got, st)
		}
	}
	if sess.AnswerFor("text").Text != "" {
		t.Errorf("clear left %q", sess.AnswerFor("text").Text)
	}
	if len(sess.Captures) != 5 {
		t.Fatalf("captures = %+v", sess.Captures)
	}
	q, p, a, r, f := sess.Captures[0], sess.Captures[1], sess.Captures[2], sess.Captures[3], sess.Captures[4]
	if q.Kind != session.CaptureQuote || q.Text != "It takes weeks #speed" || q.Phase != "one" || len(q.Tags) != 1 || q.Tags[0] != "speed" || q.Speaker != "Ann Lee, CTO" {
		t.Errorf("quote = %+v", q)
	}
	if p.Kind != session.CapturePain || p.Text != "Slow approvals" || p.Impact != 5 || p.Effort != 3 {
		t.Errorf("pain = %+v", p)
	}
	if a.Kind != session.CaptureAction || a.Owner != "Dana" || a.Due != "2026-03-15" {
		t.Errorf("action = %+v", a)
	}
	if r.Kind != session.CaptureRisk || !r.Internal {
		t.Errorf("risk = %+v", r)
	}
	if f.Kind != session.CaptureFollowUp {
		t.Errorf("follow-up = %+v", f)
	}
	saved := 0
	for _, e := range m.edits {
		if e.Capture != nil {
			saved++
		}
	}
	if saved != 5 {
		t.Errorf("%d captures saved, want 5", saved)
	}
	wantSaid(t, out,
		"Prompt 1 is skipped.", "Prompt 2 is parked for follow-up.", "Prompt 3 is not applicable.",
		"1. skipped. Your role?", "2. parked for follow-up. Tell me more.",
		`"11" is not a prompt number: type a whole number from 1 to 10`,
		"Quote saved, said by Ann Lee, CTO.", "Pain saved, impact 5, effort 3.", "Action saved, owner Dana, due 2026-03-15.",
		"Risk saved, facilitator only.", "Follow-up question saved.",
		"Answer cleared. State: open.",
		`Unknown command "frobnicate".`,
		"next, or Enter alone: the next prompt.",
	)
	if strings.Count(out, "Question: Your role?") != 3 { // arrive, jump 1, repeat
		t.Errorf("the text prompt was read out %d times, want 3", strings.Count(out, "Question: Your role?"))
	}
}

// TestAccessibleAddOrReplace: typing a list again asks whether to add to
// it or start again, counting what is there in words ("There is 1 item").
func TestAccessibleAddOrReplace(t *testing.T) {
	c := newClock()
	pb := everyKindPlaybook()
	sess := session.New("01HACCESS00000000000000000", c.Now(), "Acme", pb)
	out := runA(t, sess, newMemSaver(), c, lines("jump 3", "One", "Two", ".", "answer", "add", "Three", ".",
		"answer", "maybe", "replace", "Four", "."))
	if got := strings.Join(sess.AnswerFor("list").Items, "|"); got != "Four" {
		t.Errorf("items = %q", got)
	}
	for _, want := range []string{"There are 2 items. Type add", "There are 3 items. Type add"} {
		if !strings.Contains(out, want) {
			t.Errorf("the question lacks %q:\n%s", want, out)
		}
	}
	sess = session.New("01HACCESS00000000000000000", c.Now(), "Acme", pb)
	out = runA(t, sess, newMemSaver(), c, lines("jump 3", "One", ".", "answer", "add", "Two", "."))
	if got := strings.Join(sess.AnswerFor("list").Items, "|"); got != "One|Two" {
		t.Errorf("items = %q", got)
	}
	if !strings.Contains(out, "There is 1 item. Type add") {
		t.Errorf("one item is not counted as one:\n%s", out)
	}
}

// TestAccessibleKeepsEveryLine: each line of a long answer is saved as it
// is typed, and the end of the input mid-answer keeps what was typed.
func TestAccessibleKeepsEveryLine(t *testing.T) {
	c, m, pb, sess := everyKindSession()
	runA(t, sess, m, c, lines("jump 2", "first", "..", "third"))
	if got := m.load(pb).AnswerFor("long").Text; got != "first\n.\nthird" {
		t.Errorf("stored %q", got)
	}
	texts := 0
	for _, e := range m.edits {
		if e.Answer != nil && e.Answer.PromptID == "long" {
			texts++
		}
	}
	if texts != 3 {
		t.Errorf("%d saves of the long answer, want one per line (3)", texts)
	}
}

// TestAccessibleSignal: SIGTERM while waiting for a line ends the session,
// saves the cursor and flushes, like quit.
func TestAccessibleSignal(t *testing.T) {
	c, m, pb, sess := everyKindSession()
	pr, pw := io.Pipe()
	defer pw.Close()
	sigs := make(chan os.Signal, 1)
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- runAccessible(Deps{Saver: m, Now: c.Now}, sess, pr, &out, sigs) }()
	if _, err := io.WriteString(pw, "Lead\n\nfirst line\n"); err != nil {
		t.Fatal(err)
	}
	// The write returns once the reader took the last line; the answer is
	// saved before the next read, so wait on the saver, not on time.
	for m.load(pb).AnswerFor("long").Text != "first line" {
		runtime.Gosched()
	}
	c.advance(30 * time.Second)
	sigs <- syscall.SIGTERM
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	stored := m.load(pb)
	if stored.Cursor != "long" || stored.AnswerFor("text").Text != "Lead" {
		t.Errorf("stored cursor %q, text %q", stored.Cursor, stored.AnswerFor("text").Text)
	}
	if stored.PhaseTime["one"] != 30*time.Second {
		t.Errorf("phase time %v, want 30s", stored.PhaseTime["one"])
	}
	if m.flushes == 0 {
		t.Error("no flush after the signal")
	}
	if !strings.Contains(out.String(), "Stopped by a request to stop. Everything typed is saved.") {
		t.Errorf("transcript ends:\n%s", out.String())
	}
}

// TestAccessibleHostileText: escape sequences in the playbook and in what
// was typed never reach the output.
func TestAccessibleHostileText(t *testing.T) {
	c := newClock()
	pb := everyKindPlaybook()
	pb.Phases[0].Title = "Words\x1b]52;c;ZXZpbA==\x07"
	pb.Phases[0].Prompts[0].Question = "Role\x1b[2J?"
	pb.Phases[1].Prompts[1].Options = []string{"E\x1b[31mmail", "Chat"}
	sess := session.New("01HACCESS00000000000000000", c.Now(), "Acme\x9b31m", pb)
	out := runA(t, sess, newMemSaver(), c, lines("\x1b]8;;http://x\x07link", "repeat", "jump 5", "summary", "jump"))
	if !strings.Contains(out, "Answer: ]8;;http://xlink") && !strings.Contains(out, "Answer: link") {
		t.Errorf("the answer was not read out sanitised:\n%s", out)
	}
}

// TestAccessibleFacilitatorNotes: a prompt's listen_for and probes are read
// out after its help, once each time the prompt is read, as the full-screen
// runner shows them beside the prompt; a prompt without them says neither.
func TestAccessibleFacilitatorNotes(t *testing.T) {
	c := newClock()
	pb := testPlaybook()
	p := &pb.Phases[0].Prompts[0]
	p.ListenFor = "Real names.\nNot segments\x1b[2J."
	p.Probes = []string{"Who else?", "  ", "What do they pay for?"}
	sess := session.New("01HSESSION0000000000000000", c.Now(), "Acme Corp", pb)
	out := runA(t, sess, newMemSaver(), c, lines("", "repeat", "next", "quit"))
	want := strings.Join([]string{
		"Question: Who do they serve, and what value do they give the organisation?",
		"Help: Their customers, internal or external.",
		"Listen for: Real names. Not segments.",
		"Probes: Who else?; What do they pay for?",
		"Kind: Long text",
	}, "\n")
	if n := strings.Count(out, want); n != 2 { // arrival and repeat
		t.Errorf("the prompt with its notes was read %d times, want 2:\n%s", n, out)
	}
	if n := strings.Count(out, "Listen for:"); n != 2 {
		t.Errorf("Listen for read %d times, want 2 (no other prompt has one):\n%s", n, out)
	}
	if n := strings.Count(out, "Probes:"); n != 2 {
		t.Errorf("Probes read %d times, want 2 (no other prompt has any):\n%s", n, out)
	}
}

// TestAccessibleNamesAsTyped: a client's name is read out as it was typed,
// character references included, on one line.
func TestAccessibleNamesAsTyped(t *testing.T) {
	c := newClock()
	sess := session.New("01HSESSION0000000000000000", c.Now(), " Fish &#27; Chips\r\nLtd ", testPlaybook())
	out := runA(t, sess, newMemSaver(), c, lines("quit"))
	wantSaid(t, out, "Session with Fish &#27; Chips Ltd, playbook")
}

// TestAccessibleTranscript pins what a screen reader hears for a short
// session, so a change in wording is a visible change.
func TestAccessibleTranscript(t *testing.T) {
	c := newClock()
	sess := newTestSession(c)
	out := runA(t, sess, newMemSaver(), c, lines(
		"Hospitals and clinics.", ".", "", "", "", "Lead", "",
		"4", "Renewed twice", "", "2", "", "", "Calm, they listen", "and nod.", ".",
		"quote We need speed", "", "summary client", "quit"))
	golden(t, "basic", out)
}

// TestAccessibleSaveFailure: a failing writer is said once, and so is its
// recovery.
func TestAccessibleSaveFailure(t *testing.T) {
	c, m, _, sess := everyKindSession()
	feed := &statusFeed{}
	feed.Publish(session.SaveStatus{State: session.SaveFailed, Err: errors.New("disk full")})
	pr, pw := io.Pipe()
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- runAccessible(Deps{Saver: m, Now: c.Now, Status: feed}, sess, pr, &out, nil) }()
	for _, l := range []string{"Lead\n", "\n"} {
		if _, err := io.WriteString(pw, l); err != nil {
			t.Fatal(err)
		}
	}
	feed.Publish(session.SaveStatus{State: session.SaveSaved})
	if _, err := io.WriteString(pw, "\n"); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "Not saved: disk full. Everything stays in memory and rapport keeps trying."); n != 1 {
		t.Errorf("the failure was said %d times:\n%s", n, out.String())
	}
	if n := strings.Count(out.String(), "Saved again: everything is on disk."); n != 1 {
		t.Errorf("the recovery was said %d times:\n%s", n, out.String())
	}
}

// TestAccessibleExport: export writes the client's copy under the summary
// screen's name, or the internal copy under a name given.
func TestAccessibleExport(t *testing.T) {
	c, m, _, sess := everyKindSession()
	files := map[string]string{}
	deps := Deps{Saver: m, Now: c.Now, Export: func(name string, data []byte, replace bool) (string, error) {
		if name == "fail.md" {
			return "", errors.New("write fail.md: read-only file system")
		}
		if _, ok := files[name]; ok && !replace {
			return "/out/" + name, fs.ErrExist
		}
		files[name] = string(data)
		return "/out/" + name, nil
	}}
	var out bytes.Buffer
	in := lines("Lead", "export", "export internal notes.md", "export fail.md",
		"export internal notes.md", "", "export internal notes.md", "yes")
	if err := runAccessible(deps, sess, strings.NewReader(in), &out, nil); err != nil {
		t.Fatal(err)
	}
	wantSaid(t, out.String(),
		"Exported the client copy to /out/acme-2026-03-14.md.",
		"Exported the internal copy to /out/notes.md.",
		"Not exported: write fail.md: read-only file system",
		// The same name again asks: Enter keeps the file, yes replaces it.
		"/out/notes.md exists. Type yes to replace it (Enter alone keeps it): Not exported; /out/notes.md is as it was.",
		"/out/notes.md exists. Type yes to replace it (Enter alone keeps it): Exported the internal copy to /out/notes.md.",
	)
	if !strings.Contains(files["acme-2026-03-14.md"], "Lead") || strings.Contains(files["acme-2026-03-14.md"], "Trust account?") {
		t.Errorf("client copy:\n%s", files["acme-2026-03-14.md"])
	}
	if !strings.Contains(files["notes.md"], "Trust account?") {
		t.Errorf("internal copy lacks the internal prompt:\n%s", files["notes.md"])
	}
}

// TestAccessibleWrapUp: an added question, the clocks, the timebox nudge
// (once), the wrap-up list and finishing.
func TestAccessibleWrapUp(t *testing.T) {
	pb := everyKindPlaybook()
	pb.Phases[0].Timebox = time.Second
	now := t0
	tick := func() time.Time { now = now.Add(time.Minute); return now } // one goroutine calls it
	sess := session.New("01HACCESS00000000000000000", t0, "Acme", pb)
	m := newMemSaver()
	var out bytes.Buffer
	ids := 0
	deps := Deps{Saver: m, Now: tick, NewID: func() string { ids++; return fmt.Sprintf("01HADHOC%018d", ids) }}
	in := lines(
		"",                         // leave the required text prompt open
		"jump 2",                   // the long prompt
		"park",                     // parked, on to the list
		"",                         // leave the list
		"action Call Dana", "", "", // no owner, no date
		"action Book the room", "Sam", "",
		"followup Budget?",
		"question Who else decides?",
		"The board", ".",
		"time",
		"finish", "", "no", // Enter alone: no takeaways yet
		"finish", "Fix the handover first", "One owner per request", ".", "yes",
		"reopen",
	)
	if err := runAccessible(deps, sess, strings.NewReader(in), &out, nil); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if len(sess.AdHoc) != 1 || sess.AdHoc[0].After != "list" || sess.AdHoc[0].Phase != "one" {
		t.Fatalf("ad-hoc = %+v", sess.AdHoc)
	}
	wantSaid(t, got,
		"Question added as prompt 4.",
		"Prompt 4 of 11, added in the session.",
		"Question: Who else decides?",
		"Session time: ",
		" of 1 second.",
		"Wrap-up before finishing.",
		"Parked for follow-up: 1.\n- prompt 2: Tell me more.",
		"Required, still open: 1.\n- prompt 1: Your role?",
		"Actions without an owner or a due date: 2.\n- Call Dana, no owner, no due date\n- Book the room, no due date",
		"Follow-up questions: 1.\n- Budget?",
		"Key takeaways: none yet.",
		"Not finished.",
		"Key takeaways saved: 2.",
		"The session is finished.",
		"The session is in progress again.",
	)
	if n := strings.Count(got, "Time is up for this phase:"); n != 1 {
		t.Errorf("the timebox nudge was said %d times, want once", n)
	}
	if got := sess.Takeaways(); !slices.Equal(got, []string{"Fix the handover first", "One owner per request"}) {
		t.Errorf("takeaways = %q", got)
	}
	if a := sess.AnswerFor(sess.AdHoc[0].ID); a.Text != "The board" {
		t.Errorf("the added question's answer = %q", a.Text)
	}
	if st := m.load(pb).Status; st != session.StatusInProgress {
		t.Errorf("stored status %q after reopen", st)
	}
	finished := false
	for _, e := range m.edits {
		finished = finished || e.Header.Status == session.StatusFinished
	}
	if !finished {
		t.Error("finishing was never saved")
	}
}

// FuzzAccessible types anything on standard input: the session never
// panics or hangs, and no escape byte (ESC or its C1 form) reaches the
// output, even with hostile text in the playbook and the answers.
func FuzzAccessible(f *testing.F) {
	f.Add(lines("Lead", "", "one", "two", ".", "", "a", "b", ".", "", "9", "3", "why", "", "chat", "", "1,2", "",
		"50", "", "1e3", "", "Stage", "d", "t", "-2", "p", "o", "", "", "d", "x", "5", "", "quit"))
	f.Add(lines("skip", "park", "na", "back", "jump", "jump 7", "answer", "replace", "x", "y", ".",
		"pain slow", "9", "", "action a", "me", "fri", "summary client", "export", "finish", "yes", "reopen"))
	f.Add("\x1b]52;c;ZXZpbA==\x07\n\xc2\x9b31m\n.\nquestion \x1b[2J?\n\n\n&#27;[31m\nnote \xff\xfe\n")
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 4096 {
			in = in[:4096]
		}
		pb := everyKindPlaybook()
		pb.Phases[0].Tips = []string{"\x1b]8;;http://evil\x07tip"}
		pb.Phases[1].Prompts[1].Options = []string{"E\x1b[31mmail", "\u009b1mChat", "Calls"}
		c := newClock()
		sess := session.New("01HACCESS00000000000000000", c.Now(), "Acme\x1b[0m", pb)
		var out bytes.Buffer
		if err := runAccessible(Deps{Saver: newMemSaver(), Now: c.Now}, sess, strings.NewReader(in), &out, nil); err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(out.Bytes(), 0x1b) >= 0 || strings.ContainsRune(out.String(), '\u009b') {
			t.Fatalf("an escape reached the output:\n%q", out.String())
		}
	})
}

// TestAccessibleFinishedIsReadOnly: a finished session says so on opening
// and takes no answer, state or capture until reopen; it still moves.
func TestAccessibleFinishedIsReadOnly(t *testing.T) {
	c, m, _, sess := everyKindSession()
	sess.Finish(c.Now())
	out := runA(t, sess, m, c, lines(
		"Head of delivery", // not taken as the answer
		"skip",
		"note Between us",
		"next",
		"reopen",
		"skip",
	))
	if !strings.Contains(out, "This session is finished; type reopen") {
		t.Errorf("the transcript does not say the session is read-only:\n%s", out)
	}
	if got := sess.AnswerFor("text"); got.Text != "" || got.State != session.StateOpen {
		t.Errorf("the finished session took %+v", got)
	}
	if len(sess.Captures) != 0 {
		t.Errorf("the finished session took captures %+v", sess.Captures)
	}
	if sess.Status != session.StatusInProgress || sess.AnswerFor("long").State != session.StateSkipped {
		t.Errorf("after reopen: status %s, long %s; want in progress and skipped", sess.Status, sess.AnswerFor("long").State)
	}
}
