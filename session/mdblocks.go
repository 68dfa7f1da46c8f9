package session

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rivo/uniseg"

	"rapport/playbooks"
)

// facilitatorNotes writes, in the internal copy only, what the facilitator
// listens for and the probes they had to hand, so whoever reads the notes
// later can weigh the answer against what good evidence sounds like.
func (w *mdWriter) facilitatorNotes(p playbooks.Prompt) {
	if !w.internal {
		return
	}
	if l := EscapeInline(p.ListenFor); l != "" {
		w.para("Listen for" + internalMark + ": " + l)
	}
	var probes []string
	for _, pr := range p.Probes {
		if pr = EscapeInline(pr); pr != "" {
			probes = append(probes, pr)
		}
	}
	if len(probes) > 0 {
		w.para("Probes" + internalMark + ": " + strings.Join(probes, " · "))
	}
}

// answer writes the value of a as its prompt's kind asks, by the kind's
// value (an unknown kind is written as playbooks.FallbackKind is).
func (w *mdWriter) answer(p playbooks.Prompt, a *Answer) {
	start := w.b.Len()
	info := playbooks.KindOf(p.Kind)
	answerWriters[info.Value](w, info, a)
	if w.b.Len() == start {
		// A value of another kind (the playbook changed under the
		// session): show the text rather than nothing.
		w.para(w.paragraphs(a.Text))
	}
	// A flag is the facilitator's reading of an answer: never the client's.
	if hit, ok := Flagged(p, a, w.vis); ok && w.internal {
		w.para("**Flag:** " + EscapeInline(hit.Say))
	}
}

// answerWriters write an answer in the summary, one for each answer value
// (playbooks.Values): a kind is written by its value's writer, so a new
// kind that stores text or a number needs none of its own.
var answerWriters = map[playbooks.Value]func(w *mdWriter, info playbooks.KindInfo, a *Answer){
	playbooks.ValueText: func(w *mdWriter, _ playbooks.KindInfo, a *Answer) { w.para(w.paragraphs(a.Text)) },
	playbooks.ValueRating: func(w *mdWriter, _ playbooks.KindInfo, a *Answer) {
		if a.Rating > 0 {
			w.para(fmt.Sprintf("**%d/5**", a.Rating))
		}
		if e := w.text(a.Evidence); e != "" {
			w.para("Evidence: " + e)
		}
	},
	playbooks.ValueChoices: func(w *mdWriter, _ playbooks.KindInfo, a *Answer) {
		var cs []string
		for _, c := range a.Choices {
			if c = w.text(c); c != "" {
				cs = append(cs, c)
			}
		}
		w.para(strings.Join(cs, ", "))
	},
	playbooks.ValueNumber: func(w *mdWriter, info playbooks.KindInfo, a *Answer) {
		if a.Number != nil {
			w.para(formatNumber(*a.Number) + info.Unit)
		}
	},
	playbooks.ValueItems:  func(w *mdWriter, _ playbooks.KindInfo, a *Answer) { w.bullets(a.Items) },
	playbooks.ValueStages: func(w *mdWriter, _ playbooks.KindInfo, a *Answer) { w.journey(a.Stages) },
	playbooks.ValueLedger: func(w *mdWriter, _ playbooks.KindInfo, a *Answer) { w.ledger(a.Ledger) },
}

func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func (w *mdWriter) bullets(items []string) {
	var lines []string
	for _, it := range items {
		if it = w.text(it); it != "" {
			lines = append(lines, "- "+it)
		}
	}
	w.para(strings.Join(lines, "\n"))
}

// column is a table column: its heading, and whether it holds numbers,
// which are set flush right.
type column struct {
	title string
	right bool
}

// maxDashes caps a delimiter row's dashes per column: enough to tell a
// text column from a number, short enough for the file to read.
const maxDashes = 60

// table writes a GFM table of already escaped cells. Its delimiter row
// gives each column as many dashes as its widest cell is wide (3 at least,
// maxDashes at most): pandoc sizes the columns of a wide table by those
// counts, so a text column gets the room and a number column little, and
// every other renderer ignores them.
func (w *mdWriter) table(cols []column, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = uniseg.StringWidth(c.title)
	}
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], uniseg.StringWidth(cell))
		}
	}
	w.block()
	w.b.WriteByte('|')
	for _, c := range cols {
		w.b.WriteString(" " + c.title + " |")
	}
	w.b.WriteString("\n|")
	for i, c := range cols {
		n := min(max(widths[i], 3), maxDashes)
		w.b.WriteByte(' ')
		if c.right {
			w.b.WriteString(strings.Repeat("-", n-1) + ":")
		} else {
			w.b.WriteString(strings.Repeat("-", n))
		}
		w.b.WriteString(" |")
	}
	for _, r := range rows {
		w.b.WriteString("\n|")
		for _, cell := range r {
			w.b.WriteString(" " + cell + " |")
		}
	}
}

func (w *mdWriter) journey(stages []JourneyStage) {
	var rows [][]string
	for _, st := range stages {
		rows = append(rows, []string{
			w.text(st.Name), w.text(st.Doing), w.text(st.Touchpoints),
			FormatSigned(st.Feeling), w.text(st.Pains), w.text(st.Opportunities),
		})
	}
	w.table([]column{{"Stage", false}, {"What they do", false}, {"Touchpoints", false}, {"Feeling", true}, {"Pains", false}, {"Opportunities", false}}, rows)
	if fl := JourneyFeeling(stages); len(stages) > 1 {
		low, high := stages[fl.Low], stages[fl.High]
		line := "Feeling line: " + fl.Spark
		if low.Feeling < high.Feeling {
			line += fmt.Sprintf(" (lowest: %s %s; highest: %s %s)",
				w.text(low.Name), FormatSigned(low.Feeling), w.text(high.Name), FormatSigned(high.Feeling))
		}
		w.para(line)
	}
}

func (w *mdWriter) ledger(entries []LedgerEntry) {
	l := RunLedger(entries)
	var rows [][]string
	for _, ln := range l.Lines {
		kind := "Deposit"
		if ln.Entry.Kind == Withdrawal {
			kind = "Withdrawal"
		}
		rows = append(rows, []string{w.text(ln.Entry.Text), kind, FormatSigned(ln.Entry.Signed()), FormatSigned(ln.Balance)})
	}
	w.table([]column{{"Entry", false}, {"Kind", false}, {"Amount", true}, {"Balance", true}}, rows)
	if len(rows) > 0 {
		w.para(fmt.Sprintf("Balance: %s (deposits +%d, withdrawals -%d)", FormatSigned(l.Balance), l.Deposits, l.Withdrawals))
	}
}

// scorecards writes, in the internal copy, each scorecard's ratings with
// their evidence and average.
func (w *mdWriter) scorecards() {
	first := true
	for _, c := range Scorecards(w.s, AudienceInternal) {
		if c.Rated == 0 {
			continue
		}
		if first {
			w.heading(2, "Scorecards")
			first = false
		}
		w.heading(3, EscapeInline(c.Name))
		rows := make([][]string, 0, len(c.Lines))
		for _, ln := range c.Lines {
			q := EscapeInline(ln.Prompt.Question) + w.promptMark(ln.Prompt)
			rating := "not rated"
			if ln.Rating > 0 {
				rating = fmt.Sprintf("%s %d/%d", RatingBar(ln.Rating), ln.Rating, MaxRating)
			}
			rows = append(rows, []string{q, EscapeInline(ln.Evidence), rating})
		}
		w.table([]column{{"Prompt", false}, {"Evidence", false}, {"Rating", false}}, rows)
		w.para(fmt.Sprintf("Average: %.1f/%d over %d rated", c.Average(), MaxRating, c.Rated))
	}
}

// measurePairs writes, in the internal copy, our score and the client's
// side by side for each measure this session rated that the other side has
// rated too, with the gap called out when it is wide.
func (w *mdWriter) measurePairs() {
	if !w.internal || w.client == nil {
		return
	}
	var rows [][]string
	wide := 0
	for _, p := range MeasurePairsOf(w.s, w.client) {
		if !p.Both() {
			continue
		}
		score := func(sc *PairedScore) string {
			return fmt.Sprintf("%d/%d (%s, %s)", sc.Rating, MaxRating, EscapeInline(sc.Playbook), sc.Created.Format(time.DateOnly))
		}
		gap := FormatSigned(p.Gap()) + ": " + p.GapWords()
		if abs(p.Gap()) >= WideGap {
			gap = "**" + gap + "**"
			wide++
		}
		rows = append(rows, []string{EscapeInline(p.Label()), score(p.Theirs), score(p.Ours), gap})
	}
	if len(rows) == 0 {
		return
	}
	w.heading(2, "Our score and theirs")
	w.para("The client's latest rating of each measure beside ours; a gap is ours minus theirs.")
	w.table([]column{{"Measure", false}, {"Theirs", false}, {"Ours", false}, {"Gap", false}}, rows)
	if wide > 0 {
		w.para(fmt.Sprintf("**%s a gap of %d or more:** where we see ourselves differently from how the client sees us, ask them about it before anything else.",
			Plural(wide, "measure has", "measures have"), WideGap))
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
