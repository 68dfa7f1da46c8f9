package session

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"rapport/playbooks"
)

// Audience is who a summary is written for. The client's copy leaves out
// what the facilitator keeps to themselves; the internal copy holds
// everything.
type Audience string

// Audiences of the summary.
const (
	// AudienceClient is the default for export: no tips, no internal prompts
	// or captures, no facilitator notes.
	AudienceClient Audience = "client"
	// AudienceInternal is everything, internal items marked as such.
	AudienceInternal Audience = "internal"
)

// ParseAudience reads an audience as the command line spells it, ignoring
// case and surrounding space. An empty string is the client, the default.
func ParseAudience(s string) (Audience, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", string(AudienceClient):
		return AudienceClient, nil
	case string(AudienceInternal):
		return AudienceInternal, nil
	}
	return "", fmt.Errorf("unknown audience %q: want client or internal", s)
}

// Markdown writes the session's summary for the audience a: YAML front
// matter, title and metadata, every phase with its answers, then
// scorecards, quotes, ranked pains, the roadmap, action items, decisions,
// risks, ideas, notes and follow-up questions, each section only when it
// has something to say. It is pure and deterministic (same session, same
// bytes), so exports diff cleanly, and every piece of user or playbook
// text in it is sanitised and escaped, so it neither changes the
// document's structure nor carries a terminal control. An audience other
// than internal is written as for the client, the safer reading.
func Markdown(s *Session, a Audience) []byte {
	return MarkdownWith(s, a, nil)
}

// MarkdownWith is Markdown given the client's other sessions (client, in
// any order; s among them or not): the internal copy then also sets what s
// rated against the other side's latest rating of the same measures (our
// score and theirs, MeasurePairsOf). The client's copy is the same as
// Markdown's.
func MarkdownWith(s *Session, a Audience, client []*Session) []byte {
	if s == nil {
		return nil
	}
	w := &mdWriter{s: s, internal: a == AudienceInternal, client: client}
	w.b.Grow(4096 + 200*len(s.Captures) + 300*len(s.Answers))
	w.index()
	w.frontMatter()
	w.title()
	w.takeaways()
	w.phases()
	w.scorecards()
	w.measurePairs()
	w.captureSection(CaptureQuote)
	w.captureSection(CapturePain)
	w.roadmap()
	for _, k := range []CaptureKind{CaptureAction, CaptureDecision, CaptureRisk, CaptureIdea, CaptureNote, CaptureFollowUp} {
		w.captureSection(k)
	}
	w.b.WriteByte('\n')
	return []byte(w.b.String())
}

// StripFrontMatter returns the summary without its YAML front matter, for
// a renderer such as glamour that would otherwise show the metadata block
// as a heading. Markdown without front matter is returned as is.
func StripFrontMatter(md []byte) []byte {
	if !bytes.HasPrefix(md, []byte("---\n")) {
		return md
	}
	end := bytes.Index(md[4:], []byte("\n---\n"))
	if end < 0 {
		return md
	}
	return bytes.TrimLeft(md[4+end+5:], "\n")
}

// mdWriter builds one summary. Blocks are separated by one blank line.
type mdWriter struct {
	b        strings.Builder
	s        *Session
	internal bool
	client   []*Session // the client's other sessions, for paired measures

	steps    []Step
	vis      Visibility
	captures []Capture          // in the audience, by session clock
	byID     map[string]Capture // in the audience
	phase    map[string]string  // phase id -> title
}

const internalMark = " _(internal)_"

func (w *mdWriter) index() {
	w.vis = w.s.Visibility()
	w.steps = w.s.Steps()
	if !w.internal {
		w.steps = slices.DeleteFunc(w.steps, func(st Step) bool { return st.Prompt.Internal })
	}
	w.byID = make(map[string]Capture, len(w.s.Captures))
	for _, c := range w.s.Captures {
		if w.internal || !c.Internal {
			w.captures = append(w.captures, c)
			w.byID[c.ID] = c
		}
	}
	slices.SortStableFunc(w.captures, func(a, b Capture) int {
		switch {
		case a.At < b.At:
			return -1
		case a.At > b.At:
			return 1
		}
		return 0
	})
	w.phase = make(map[string]string, len(w.s.Playbook.Phases))
	for _, ph := range w.s.Playbook.Phases {
		w.phase[ph.ID] = ph.Title
	}
}

// block starts a new block, separated from the last by a blank line.
func (w *mdWriter) block() {
	if w.b.Len() > 0 {
		w.b.WriteString("\n\n")
	}
}

func (w *mdWriter) para(s string) {
	if s == "" {
		return
	}
	w.block()
	w.b.WriteString(s)
}

func (w *mdWriter) heading(level int, s string) {
	// A run of "#" after a space at the end would be read as the heading's
	// closing sequence and vanish.
	if t := strings.TrimRight(s, "#"); len(t) < len(s) && strings.HasSuffix(t, " ") {
		s = t + `\` + s[len(t):]
	}
	w.block()
	w.b.WriteString(strings.Repeat("#", level))
	w.b.WriteByte(' ')
	w.b.WriteString(s)
}

func (w *mdWriter) frontMatter() {
	h := w.s.Header
	w.b.WriteString("---\n")
	field := func(k, v string) {
		w.b.WriteString(k)
		w.b.WriteString(": ")
		w.b.WriteString(yamlQuote(v))
		w.b.WriteByte('\n')
	}
	field("client", h.Client)
	field("date", h.Created.Format(time.DateOnly))
	field("facilitator", h.Facilitator)
	field("playbook", w.s.Playbook.ID)
	w.b.WriteString("playbook_version: " + strconv.Itoa(w.s.Playbook.Version) + "\n")
	field("status", string(h.Status))
	w.b.WriteString("tags: [")
	for i, t := range headerTags(h.Tags) {
		if i > 0 {
			w.b.WriteString(", ")
		}
		w.b.WriteString(yamlQuote(t))
	}
	w.b.WriteString("]\n---")
}

// headerTags cleans the session's tags into #tag words, each once.
func headerTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t = CleanTag(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// yamlQuote writes v as a YAML double-quoted scalar that no YAML reader can
// take for anything else: sanitised, with quotes, backslashes, line breaks
// and every character outside YAML's printable set escaped.
func yamlQuote(v string) string {
	v = Sanitize(v)
	var b strings.Builder
	b.Grow(len(v) + 2)
	b.WriteByte('"')
	for _, r := range v {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r >= 0x20 && r <= 0x7e,
			r >= 0xa0 && r <= 0xd7ff && r != 0x2028 && r != 0x2029,
			r >= 0xe000 && r <= 0xfffd && r != 0xfeff,
			r >= 0x10000 && r <= 0x10ffff:
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (w *mdWriter) title() {
	h := w.s.Header
	client := EscapeInline(h.Client)
	if client == "" {
		client = "Unnamed client"
	}
	title := EscapeInline(w.s.Playbook.Title)
	if title == "" {
		title = EscapeInline(w.s.Playbook.ID)
	}
	w.heading(1, client+": "+title)

	meta := []string{"Date: " + h.Created.Format(time.DateOnly)}
	if f := EscapeInline(h.Facilitator); f != "" {
		meta = append(meta, "Facilitator: "+f)
	}
	var contacts []string
	for _, c := range h.Contacts {
		name, role := EscapeInline(c.Name), EscapeInline(c.Role)
		switch {
		case name != "" && role != "":
			contacts = append(contacts, name+" ("+role+")")
		case name != "":
			contacts = append(contacts, name)
		case role != "":
			contacts = append(contacts, "("+role+")")
		}
	}
	if len(contacts) > 0 {
		meta = append(meta, "Contacts: "+strings.Join(contacts, ", "))
	}
	meta = append(meta, "Session time: "+clock(h.Elapsed))
	if h.Status == StatusFinished {
		meta = append(meta, "Status: finished")
	} else {
		meta = append(meta, "Status: in progress")
	}
	w.para(strings.Join(meta, " · "))
	if tags := headerTags(h.Tags); len(tags) > 0 {
		w.para("Tags: #" + strings.Join(tags, " #"))
	}
}

// clock writes a session-clock duration as mm:ss; minutes run past 59
// rather than switching format mid-document.
func clock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	sec := int64(d / time.Second)
	return fmt.Sprintf("%02d:%02d", sec/60, sec%60)
}

func (w *mdWriter) phases() {
	for pi := range w.s.Playbook.Phases {
		ph := &w.s.Playbook.Phases[pi]
		if !w.vis.Phase(pi) {
			continue
		}
		var steps []Step
		for _, st := range w.steps {
			if st.PhaseIndex == pi {
				steps = append(steps, st)
			}
		}
		if len(steps) == 0 && !w.internal {
			continue
		}
		title := EscapeInline(ph.Title)
		if title == "" {
			title = EscapeInline(ph.ID)
		}
		w.heading(2, title)
		if g := EscapeInline(ph.Goal); g != "" {
			w.para("Goal: " + g)
		}
		if w.internal {
			if spent := w.s.PhaseTime[ph.ID]; spent > 0 || ph.Timebox > 0 {
				line := "Time spent: " + clock(spent)
				if ph.Timebox > 0 {
					line += " of " + clock(ph.Timebox)
				}
				w.para(line)
			}
			var tips []string
			for _, t := range ph.Tips {
				if t = EscapeInline(t); t != "" {
					tips = append(tips, "- "+t)
				}
			}
			if len(tips) > 0 {
				w.para("Facilitator tips" + internalMark + ":")
				w.para(strings.Join(tips, "\n"))
			}
		}
		for _, st := range steps {
			w.prompt(st)
		}
	}
}

func (w *mdWriter) prompt(st Step) {
	q := EscapeInline(st.Prompt.Question)
	if q == "" {
		q = EscapeInline(st.Prompt.ID)
	}
	q += w.promptMark(st.Prompt)
	w.heading(3, q)
	defer w.facilitatorNotes(st.Prompt)
	a := w.s.AnswerFor(st.Prompt.ID)
	switch a.State {
	case StateSkipped:
		w.para("_Skipped_")
	case StateNotApplicable:
		w.para("_Not applicable_")
	case StateParked:
		w.para("_Parked for follow-up_")
	case StateAnswered:
	default:
		if a.Empty() {
			if st.Prompt.Required && w.internal {
				w.para("_Open (required)_")
			} else {
				w.para("_Open_")
			}
			return
		}
	}
	w.answer(st.Prompt, &a)
}

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

// takeaways writes the Key takeaways, the client's read-back in their own
// words (Session.Takeaways), right under the title: it is what the client
// reads first. The prompt that holds them is then left out of its phase,
// so the list is not written twice.
func (w *mdWriter) takeaways() {
	items := w.s.Takeaways()
	st, _ := w.s.TakeawaysPrompt()
	if len(items) == 0 || (st.Prompt.Internal && !w.internal) {
		return
	}
	w.heading(2, "Key takeaways")
	w.bullets(items)
	w.steps = slices.DeleteFunc(w.steps, func(x Step) bool { return x.Prompt.ID == st.Prompt.ID && !x.AdHoc })
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
		w.para(EscapeBlock(a.Text))
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
	playbooks.ValueText: func(w *mdWriter, _ playbooks.KindInfo, a *Answer) { w.para(EscapeBlock(a.Text)) },
	playbooks.ValueRating: func(w *mdWriter, _ playbooks.KindInfo, a *Answer) {
		if a.Rating > 0 {
			w.para(fmt.Sprintf("**%d/5**", a.Rating))
		}
		if e := EscapeInline(a.Evidence); e != "" {
			w.para("Evidence: " + e)
		}
	},
	playbooks.ValueChoices: func(w *mdWriter, _ playbooks.KindInfo, a *Answer) {
		var cs []string
		for _, c := range a.Choices {
			if c = EscapeInline(c); c != "" {
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
		if it = EscapeInline(it); it != "" {
			lines = append(lines, "- "+it)
		}
	}
	w.para(strings.Join(lines, "\n"))
}

// row writes one table row of already escaped cells.
func row(b *strings.Builder, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteByte(' ')
		b.WriteString(c)
		b.WriteString(" |")
	}
}

func (w *mdWriter) table(header, align []string, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	w.block()
	row(&w.b, header...)
	w.b.WriteByte('\n')
	row(&w.b, align...)
	for _, r := range rows {
		w.b.WriteByte('\n')
		row(&w.b, r...)
	}
}

func (w *mdWriter) journey(stages []JourneyStage) {
	var rows [][]string
	for _, st := range stages {
		rows = append(rows, []string{
			EscapeInline(st.Name), EscapeInline(st.Doing), EscapeInline(st.Touchpoints),
			FormatSigned(st.Feeling), EscapeInline(st.Pains), EscapeInline(st.Opportunities),
		})
	}
	w.table([]string{"Stage", "What they do", "Touchpoints", "Feeling", "Pains", "Opportunities"},
		[]string{"---", "---", "---", "---:", "---", "---"}, rows)
	if fl := JourneyFeeling(stages); len(stages) > 1 {
		low, high := stages[fl.Low], stages[fl.High]
		line := "Feeling line: " + fl.Spark
		if low.Feeling < high.Feeling {
			line += fmt.Sprintf(" (lowest: %s %s; highest: %s %s)",
				EscapeInline(low.Name), FormatSigned(low.Feeling), EscapeInline(high.Name), FormatSigned(high.Feeling))
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
		rows = append(rows, []string{EscapeInline(ln.Entry.Text), kind, FormatSigned(ln.Entry.Signed()), FormatSigned(ln.Balance)})
	}
	w.table([]string{"Entry", "Kind", "Amount", "Balance"}, []string{"---", "---", "---:", "---:"}, rows)
	if len(rows) > 0 {
		w.para(fmt.Sprintf("Balance: %s (deposits +%d, withdrawals -%d)", FormatSigned(l.Balance), l.Deposits, l.Withdrawals))
	}
}

func (w *mdWriter) scorecards() {
	a := AudienceClient
	if w.internal {
		a = AudienceInternal
	}
	first := true
	for _, c := range Scorecards(w.s, a) {
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
		w.table([]string{"Prompt", "Evidence", "Rating"}, []string{"---", "---", "---"}, rows)
		w.para(fmt.Sprintf("Average: %.1f/%d over %d rated", c.Average(), MaxRating, c.Rated))
	}
	if !w.internal {
		return
	}
	if flags := Flags(w.s, a); len(flags) > 0 {
		w.heading(2, "Flags")
		lines := make([]string, 0, len(flags))
		for _, hit := range flags {
			lines = append(lines, "- **"+EscapeInline(hit.Value)+"** "+EscapeInline(hit.Prompt.Question)+": "+EscapeInline(hit.Say))
		}
		w.para(strings.Join(lines, "\n"))
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
	w.table([]string{"Measure", "Theirs", "Ours", "Gap"}, []string{"---", "---", "---", "---"}, rows)
	if wide > 0 {
		w.para(fmt.Sprintf("**%s a gap of %d or more:** where we see ourselves differently from how the client sees us, ask them about it before anything else.",
			plural(wide, "measure has", "measures have"), WideGap))
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// tagSuffix writes the capture's tags that its text does not already hold
// as " #a #b", so tags show once and Obsidian or zk pick them up.
func tagSuffix(c Capture) string {
	if len(c.Tags) == 0 {
		return ""
	}
	var out strings.Builder
	inText := ParseTags(Sanitize(c.Text))
	var seen []string
	for _, t := range c.Tags {
		t = CleanTag(t)
		if t == "" || slices.Contains(inText, t) || slices.Contains(seen, t) {
			continue
		}
		seen = append(seen, t)
		out.WriteString(" #")
		out.WriteString(t)
	}
	return out.String()
}

// mark is the internal mark of a capture. A team session has no client
// copy, so everything in it is internal and nothing needs the mark.
func (w *mdWriter) mark(c Capture) string {
	if c.Internal && !w.s.Team() {
		return internalMark
	}
	return ""
}

// promptMark is the internal mark of a prompt, as mark is of a capture.
func (w *mdWriter) promptMark(p playbooks.Prompt) string {
	if p.Internal && !w.s.Team() {
		return internalMark
	}
	return ""
}

// captureSection writes the section of capture kind k under the kind's title;
// the facilitator's own kinds only in the internal copy.
func (w *mdWriter) captureSection(k CaptureKind) {
	info := k.Info()
	if info.FacilitatorOnly && !w.internal {
		return
	}
	captureWriters[k](w, info)
}

// captureWriters write the summary's section of each capture kind
// (CaptureKinds); the kinds without fields of their own are a bulleted list.
var captureWriters = map[CaptureKind]func(w *mdWriter, info CaptureInfo){
	CaptureNote:     (*mdWriter).list,
	CaptureQuote:    (*mdWriter).quotes,
	CapturePain:     (*mdWriter).pains,
	CaptureAction:   (*mdWriter).actions,
	CaptureDecision: (*mdWriter).list,
	CaptureRisk:     (*mdWriter).list,
	CaptureIdea:     (*mdWriter).list,
	CaptureFollowUp: (*mdWriter).followUps,
}

func (w *mdWriter) quotes(info CaptureInfo) {
	first := true
	for _, c := range w.captures {
		if c.Kind != CaptureQuote {
			continue
		}
		if first {
			w.heading(2, info.Section)
			first = false
		}
		text := EscapeBlock(c.Text)
		if text == "" {
			text = "_(empty)_"
		}
		w.block()
		for i, line := range strings.Split(text, "\n") {
			if i > 0 {
				w.b.WriteByte('\n')
			}
			if line == "" {
				w.b.WriteString(">")
			} else {
				w.b.WriteString("> ")
				w.b.WriteString(line)
			}
		}
		attr := "— " + clock(c.At)
		if ph := EscapeInline(w.phase[c.Phase]); ph != "" {
			attr += ", " + ph
		}
		w.b.WriteString("\n>\n> ")
		w.b.WriteString(attr + tagSuffix(c) + w.mark(c))
	}
}

func (w *mdWriter) pains(info CaptureInfo) {
	ranked := RankPains(w.captures)
	if len(ranked) == 0 {
		return
	}
	w.heading(2, info.Section)
	rows := make([][]string, 0, len(ranked))
	for i, c := range ranked {
		impact, effort, score := "–", "–", "–"
		if c.Impact > 0 {
			impact = strconv.Itoa(c.Impact)
		}
		if c.Effort > 0 {
			effort = strconv.Itoa(c.Effort)
		}
		if c.Impact > 0 && c.Effort > 0 {
			score = strconv.FormatFloat(c.Score(), 'f', 2, 64)
		}
		quick := ""
		if c.QuickWin() {
			quick = "yes"
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), EscapeInline(c.Text) + tagSuffix(c) + w.mark(c), impact, effort, score, quick})
	}
	w.table([]string{"Rank", "Pain", "Impact", "Effort", "Score", "Quick win"},
		[]string{"---:", "---", "---:", "---:", "---:", "---"}, rows)
}

func (w *mdWriter) roadmap() {
	if len(w.s.Roadmap) == 0 {
		return
	}
	w.heading(2, "Roadmap")
	if w.internal {
		for _, warn := range RoadmapWarnings(w.s.Roadmap) {
			w.para("**Warning:** " + EscapeInline(warn))
		}
	}
	for _, h := range Horizons {
		items := RoadmapColumn(w.s.Roadmap, h)
		if len(items) == 0 {
			continue
		}
		w.heading(3, h.Title())
		w.block()
		for i, it := range items {
			if i > 0 {
				w.b.WriteByte('\n')
			}
			title := EscapeInline(it.Title)
			if title == "" {
				title = "Untitled"
			}
			w.b.WriteString("- **" + title + "**")
			var who []string
			if o := EscapeInline(it.Owner); o != "" {
				who = append(who, "owner: "+o)
			}
			if t := EscapeInline(it.Target); t != "" {
				who = append(who, "target: "+t)
			}
			if len(who) > 0 {
				w.b.WriteString(" (" + strings.Join(who, ", ") + ")")
			}
			evidence := 0
			for _, id := range it.Pains {
				c, ok := w.byID[id]
				if !ok {
					continue
				}
				evidence++
				fmt.Fprintf(&w.b, "\n  - Pain: %s (impact %d, effort %d)%s", EscapeInline(c.Text), c.Impact, c.Effort, w.mark(c))
			}
			for _, id := range it.Quotes {
				c, ok := w.byID[id]
				if !ok {
					continue
				}
				evidence++
				fmt.Fprintf(&w.b, "\n  - Quote: \"%s\" (%s)%s", EscapeInline(c.Text), clock(c.At), w.mark(c))
			}
			if evidence == 0 {
				w.b.WriteString("\n  - _No evidence linked_")
			}
		}
	}
}

func (w *mdWriter) actions(info CaptureInfo) {
	first := true
	for _, c := range w.captures {
		if c.Kind != CaptureAction {
			continue
		}
		if first {
			w.heading(2, info.Section)
			w.block()
			first = false
		} else {
			w.b.WriteByte('\n')
		}
		owner, due := "no owner", "no date"
		if o := EscapeInline(c.Owner); o != "" {
			owner = "owner: " + o
		}
		if d := EscapeInline(c.Due); d != "" {
			due = "due: " + d
		}
		w.b.WriteString("- [ ] " + EscapeInline(c.Text) + " (" + owner + ", " + due + ")" + tagSuffix(c) + w.mark(c))
	}
}

// list writes the captures of one kind as a bulleted section.
func (w *mdWriter) list(info CaptureInfo) {
	first := true
	for _, c := range w.captures {
		if c.Kind != info.Kind {
			continue
		}
		if first {
			w.heading(2, info.Section)
			w.block()
			first = false
		} else {
			w.b.WriteByte('\n')
		}
		w.b.WriteString("- " + clock(c.At) + " · " + EscapeInline(c.Text) + tagSuffix(c) + w.mark(c))
	}
}

func (w *mdWriter) followUps(info CaptureInfo) {
	var lines []string
	for _, c := range w.captures {
		if c.Kind == CaptureFollowUp {
			lines = append(lines, "- "+clock(c.At)+" · "+EscapeInline(c.Text)+tagSuffix(c)+w.mark(c))
		}
	}
	for _, st := range w.steps {
		if a := w.s.Answers[st.Prompt.ID]; a == nil || a.State != StateParked {
			continue
		}
		line := "- " + EscapeInline(st.Prompt.Question) + " (parked in " + EscapeInline(st.Phase.Title) + ")"
		lines = append(lines, line+w.promptMark(st.Prompt))
	}
	if len(lines) == 0 {
		return
	}
	w.heading(2, info.Section)
	w.para(strings.Join(lines, "\n"))
}
