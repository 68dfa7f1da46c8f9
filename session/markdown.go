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
	// AudienceClient is the default for export: a deliverable the
	// facilitator sends as it is.
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

// Markdown writes the session's summary for the audience a.
//
// The client's copy is a deliverable, what is best for the client first
// (DECISIONS.md): a title block (client, date, who took part,
// facilitator), Key takeaways, the Roadmap with the pains and quotes
// behind each item, Agreed actions, Decisions, Notes, Ideas to explore,
// Open questions, and In your words, the answers given by phase with the
// quotes said in each. Nothing internal, no goals, tips, flags, session
// clock or #tags, and no prompt that was not answered.
//
// The internal copy keeps everything, in the same order where the two
// meet: marked "Internal: not for the client", with the pains ranked, every
// quote, risks, flags, scorecards, the phases with their goals, time and
// tips, and what was not covered; times read "at 58 min".
//
// Either starts with YAML front matter (title, date, client, audience, id,
// playbook and version, status, tags) and leaves out empty sections. It is
// pure and deterministic (same session, same bytes), so exports diff
// cleanly, and every piece of user or playbook text in it is sanitised and
// escaped, so it neither changes the document's structure nor carries a
// terminal control. An audience other than internal is written as for the
// client, the safer reading.
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
	sections := clientSections
	if w.internal {
		sections = internalSections
	}
	for _, sec := range sections {
		sec(w)
	}
	w.b.WriteByte('\n')
	return []byte(w.b.String())
}

// The sections of each copy, in the order they are written. Each writes
// nothing when it has nothing to say.
var (
	clientSections = []func(*mdWriter){
		(*mdWriter).takeaways,
		(*mdWriter).roadmap,
		captureSection(CaptureAction),
		captureSection(CaptureDecision),
		captureSection(CaptureNote),
		captureSection(CaptureIdea),
		captureSection(CaptureFollowUp),
		(*mdWriter).answers,
	}
	internalSections = []func(*mdWriter){
		(*mdWriter).takeaways,
		(*mdWriter).roadmap,
		captureSection(CapturePain),
		captureSection(CaptureQuote),
		captureSection(CaptureAction),
		captureSection(CaptureDecision),
		captureSection(CaptureRisk),
		captureSection(CaptureNote),
		captureSection(CaptureIdea),
		captureSection(CaptureFollowUp),
		(*mdWriter).flags,
		(*mdWriter).scorecards,
		(*mdWriter).measurePairs,
		(*mdWriter).answers,
		(*mdWriter).conflicts,
		(*mdWriter).notCovered,
	}
)

// captureSection is the section of capture kind k, under the kind's title
// (CaptureInfo.Section); the facilitator's own kinds only in the internal
// copy. The client's copy has no section of quotes or pains: they are the
// evidence under the roadmap, and the quotes are in In your words.
func captureSection(k CaptureKind) func(*mdWriter) {
	return func(w *mdWriter) {
		info := k.Info()
		if info.FacilitatorOnly && !w.internal {
			return
		}
		captureWriters[k](w, info)
	}
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
	CaptureFollowUp: (*mdWriter).openQuestions,
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
	// carried are the actions and follow-up questions s carried over from
	// earlier sessions, in the audience, as their origin holds them when
	// it is among client (else as the reference remembers them).
	carried []LoopItem
	phase   map[string]string // phase id -> title
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
		if w.internal || !c.HiddenFromClient() {
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
	find := Find(w.client)
	for _, r := range w.s.Carried {
		if it := r.Resolve(find); w.internal || !it.Item.HiddenFromClient() {
			w.carried = append(w.carried, it)
		}
	}
}

// doneNote is what follows a closed action's text: " (done 3 Dec 2026)";
// "" while it is open.
func doneNote(c Capture) string {
	if !c.Closed() {
		return ""
	}
	return " (done " + dueDate(c.Done) + ")"
}

// fromNote says which earlier session a carried item comes from:
// " (from 3 Dec 2026)", or " (from an earlier session)" when that session
// is not at hand.
func fromNote(it LoopItem) string {
	if it.Origin == nil {
		return " (from an earlier session)"
	}
	return " (from " + it.Origin.Created.Format("2 Jan 2006") + ")"
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

// text is user text as one line of Markdown. In the client's copy its
// #tags are taken out (Untag): they are the facilitator's filing.
func (w *mdWriter) text(s string) string {
	if !w.internal {
		s = Untag(s)
	}
	return EscapeInline(s)
}

// paragraphs is user text as Markdown paragraphs, typed line breaks kept;
// #tags out of the client's copy as for text.
func (w *mdWriter) paragraphs(s string) string {
	if !w.internal {
		s = Untag(s)
	}
	return EscapeBlock(s)
}

// docTitle is the summary's title, "Client: Playbook title", sanitised
// and on one line but not escaped.
func docTitle(s *Session) string {
	oneLine := func(v string) string { return strings.Join(strings.Fields(Sanitize(v)), " ") }
	client, title := oneLine(s.Client), oneLine(s.Playbook.Title)
	if client == "" {
		client = "Unnamed client"
	}
	if title == "" {
		title = oneLine(s.Playbook.ID)
	}
	return client + ": " + title
}

// frontMatter writes the YAML block that Obsidian, zk, Hugo and pandoc
// read: every value a plain scalar rapport chose or a double-quoted,
// escaped string, and tags as a list.
func (w *mdWriter) frontMatter() {
	h := w.s.Header
	audience := AudienceClient
	if w.internal {
		audience = AudienceInternal
	}
	status := StatusInProgress
	if h.Status == StatusFinished {
		status = StatusFinished
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("title: " + yamlQuote(docTitle(w.s)) + "\n")
	// A bare date is a date to every reader (Hugo sorts by it).
	b.WriteString("date: " + h.Created.Format(time.DateOnly) + "\n")
	b.WriteString("client: " + yamlQuote(h.Client) + "\n")
	b.WriteString("audience: " + string(audience) + "\n")
	b.WriteString("id: " + yamlQuote(h.ID) + "\n")
	b.WriteString("playbook: " + yamlQuote(w.s.Playbook.ID) + "\n")
	b.WriteString("playbook_version: " + strconv.Itoa(w.s.Playbook.Version) + "\n")
	b.WriteString("status: " + string(status) + "\n")
	if h.Facilitator != "" {
		b.WriteString("facilitator: " + yamlQuote(h.Facilitator) + "\n")
	}
	tags := headerTags(h.Tags)
	if len(tags) == 0 {
		b.WriteString("tags: []\n")
	} else {
		b.WriteString("tags:\n")
		for _, t := range tags {
			b.WriteString("  - " + yamlQuote(t) + "\n")
		}
	}
	b.WriteString("---")
	w.b.WriteString(b.String())
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

// title writes the heading and the title block: one labelled line each for
// the client, the date, who took part and the facilitator; the internal
// copy says what it is first, and adds the session's time and status.
func (w *mdWriter) title() {
	h := w.s.Header
	w.heading(1, EscapeInline(docTitle(w.s)))
	if w.internal {
		w.para("> **Internal: not for the client**")
	}
	lines := []string{"**Client:** " + EscapeInline(orDefault(h.Client, "Unnamed client"))}
	lines = append(lines, "**Date:** "+h.Created.Format("2 January 2006"))
	var people []string
	for _, c := range h.Contacts {
		if p := EscapeInline(c.String()); p != "" {
			people = append(people, p)
		}
	}
	if len(people) > 0 {
		lines = append(lines, "**Taking part:** "+strings.Join(people, "; "))
	}
	if f := EscapeInline(h.Facilitator); f != "" {
		lines = append(lines, "**Facilitator:** "+f)
	}
	if w.internal {
		lines = append(lines, "**Session time:** "+minutes(h.Elapsed))
		status := "in progress"
		if h.Status == StatusFinished {
			status = "finished"
		}
		lines = append(lines, "**Status:** "+status)
	}
	// Two spaces: Markdown's hard break, one line per label.
	w.para(strings.Join(lines, "  \n"))
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// minutes writes a duration of the session clock as whole minutes, "42
// min": a stamp such as 58:00 reads as a time of day.
func minutes(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return strconv.FormatInt(int64(d/time.Minute), 10) + " min"
}

// saidAt writes when a capture was taken, by the session clock: "at 58 min".
func saidAt(c Capture) string { return "at " + minutes(c.At) }

// when is the internal copy's note of when and where a capture was taken:
// " (at 12 min)"; "" in the client's copy.
func (w *mdWriter) when(c Capture) string {
	if !w.internal {
		return ""
	}
	return " (" + saidAt(c) + ")"
}

// by is prefix and the author's name, escaped; "" when nobody is named.
func by(author, prefix string) string {
	if a := EscapeInline(author); a != "" {
		return prefix + a
	}
	return ""
}

// after is what follows a capture's text in a line of the internal copy:
// its tags not already in the text, the internal mark, and who wrote it
// when a name is known (" (by Ana Ruiz)"); "" in the client's copy.
func (w *mdWriter) after(c Capture) string {
	if !w.internal {
		return ""
	}
	out := tagSuffix(c) + w.mark(c)
	if name := by(c.Author, "by "); name != "" {
		out += " (" + name + ")"
	}
	return out
}

// takeaways writes the Key takeaways, the client's read-back in their own
// words (Session.Takeaways), right under the title: it is what the client
// reads first. The prompt that holds them is then left out of its phase,
// so the list is not written twice.
func (w *mdWriter) takeaways() {
	items := w.s.Takeaways()
	st, fromPrompt := w.s.TakeawaysPrompt()
	if len(items) == 0 || (fromPrompt && st.Prompt.Internal && !w.internal) {
		return
	}
	w.heading(2, "Key takeaways")
	w.bullets(items)
	if fromPrompt {
		w.steps = slices.DeleteFunc(w.steps, func(x Step) bool { return x.Prompt.ID == st.Prompt.ID && !x.AdHoc })
	}
}

// roadmap writes Now, Next and Later, each item with the pains and quotes
// behind it, then the pains no item holds yet ("Still to place"), so a
// pain heard is never lost from the page. The internal copy adds the
// focus warnings, each pain's impact and effort, when each quote was said,
// and items that have no evidence.
func (w *mdWriter) roadmap() {
	var loose []Capture
	placed := make(map[string]bool)
	for _, it := range w.s.Roadmap {
		for _, id := range it.Pains {
			placed[id] = true
		}
	}
	for _, c := range RankPains(w.captures) {
		if !placed[c.ID] {
			loose = append(loose, c)
		}
	}
	if len(w.s.Roadmap) == 0 && len(loose) == 0 {
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
			w.roadmapItem(it)
		}
	}
	if len(loose) > 0 {
		w.heading(3, "Still to place")
		lines := make([]string, 0, len(loose))
		for _, c := range loose {
			var notes []string
			if c.QuickWin() {
				notes = append(notes, "quick win")
			}
			if w.internal {
				notes = append(notes, saidAt(c))
			}
			line := "- " + w.text(c.Text)
			if len(notes) > 0 {
				line += " (" + strings.Join(notes, ", ") + ")"
			}
			lines = append(lines, line+w.after(c))
		}
		w.para(strings.Join(lines, "\n"))
	}
}

func (w *mdWriter) roadmapItem(it RoadmapItem) {
	title := w.text(it.Title)
	if title == "" {
		title = "Untitled"
	}
	w.b.WriteString("- **" + title + "**")
	var who []string
	if o := w.text(it.Owner); o != "" {
		who = append(who, "owner: "+o)
	}
	if t := w.text(it.Target); t != "" {
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
		w.b.WriteString("\n  - Pain: " + w.text(c.Text))
		if w.internal {
			fmt.Fprintf(&w.b, " (impact %d, effort %d)%s", c.Impact, c.Effort, w.mark(c))
		}
	}
	for _, id := range it.Quotes {
		c, ok := w.byID[id]
		if !ok {
			continue
		}
		evidence++
		w.b.WriteString("\n  - Quote: \"" + w.text(c.Text) + "\"")
		if cr := w.text(Credit(c.Speaker)); cr != "" {
			w.b.WriteString(" — " + cr)
		}
		w.b.WriteString(w.when(c) + w.mark(c))
	}
	if evidence == 0 && w.internal {
		w.b.WriteString("\n  - _No evidence linked_")
	}
}

// pains writes every pain ranked (RankPains), with its scores, in the
// internal copy: the working table the roadmap is shaped from.
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
		rows = append(rows, []string{strconv.Itoa(i + 1), w.text(c.Text) + w.after(c), impact, effort, score, quick})
	}
	w.table([]column{{"Rank", true}, {"Pain", false}, {"Impact", true}, {"Effort", true}, {"Score", true}, {"Quick win", false}}, rows)
}

// quotes writes every quote in the internal copy, each with its speaker
// and when it was said. The client's copy has them in In your words,
// under the phase they were said in.
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
		w.quote(c)
	}
}

// quote writes one quote as a blockquote, the speaker credited "— Name,
// role" on its last line, or no credit line when nobody was named. The
// internal copy adds when and in which phase it was said.
func (w *mdWriter) quote(c Capture) {
	text := w.paragraphs(c.Text)
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
	credit := ""
	if cr := w.text(Credit(c.Speaker)); cr != "" {
		credit = "— " + cr
	}
	if w.internal {
		where := saidAt(c)
		if ph := EscapeInline(w.phase[c.Phase]); ph != "" {
			where += ", " + ph
		}
		if credit != "" {
			credit += " · "
		}
		credit += where + w.after(c)
	}
	if credit != "" {
		w.b.WriteString("\n>\n> " + credit)
	}
}

// actions writes the agreed actions as a table: what, who, by when. A
// missing owner or date shows as a dash; the internal copy adds when each
// was agreed.
func (w *mdWriter) actions(info CaptureInfo) {
	var rows [][]string
	for _, c := range w.captures {
		if c.Kind != CaptureAction {
			continue
		}
		owner, due := w.text(c.Owner), dueDate(c.Due)
		if owner == "" {
			owner = "—"
		}
		if due == "" {
			due = "—"
		}
		r := []string{w.text(c.Text) + doneNote(c) + w.after(c), owner, due}
		if w.internal {
			r = append(r, saidAt(c))
		}
		rows = append(rows, r)
	}
	// Then those agreed in earlier sessions and carried here, as they
	// stand now.
	for _, it := range w.carried {
		c := it.Item
		if c.Kind != CaptureAction {
			continue
		}
		owner, due := orDefault(w.text(c.Owner), "—"), orDefault(dueDate(c.Due), "—")
		r := []string{w.text(c.Text) + doneNote(c) + fromNote(it) + w.after(c), owner, due}
		if w.internal {
			r = append(r, "carried")
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return
	}
	w.heading(2, info.Section)
	cols := []column{{"Action", false}, {"Owner", false}, {"Due", false}}
	if w.internal {
		cols = append(cols, column{"When", false})
	}
	w.table(cols, rows)
}

// dueDate writes a due date as a reader says it, "1 Dec 2026"; a value
// that is not a date is written as it was typed.
func dueDate(s string) string {
	if d, err := time.Parse(time.DateOnly, strings.TrimSpace(s)); err == nil {
		return d.Format("2 Jan 2006")
	}
	return EscapeInline(s)
}

// list writes the captures of one kind as a bulleted section.
func (w *mdWriter) list(info CaptureInfo) {
	var lines []string
	for _, c := range w.captures {
		if c.Kind == info.Kind {
			if t := w.text(c.Text); t != "" || w.internal {
				lines = append(lines, "- "+t+w.when(c)+w.after(c))
			}
		}
	}
	if len(lines) == 0 {
		return
	}
	w.heading(2, info.Section)
	w.para(strings.Join(lines, "\n"))
}

// followUpAnswer is the answer a follow-up question has been given, ""
// while it is open (a reopened question keeps its answer's text, unsaid).
func followUpAnswer(c Capture) string {
	if !c.Closed() {
		return ""
	}
	return c.Answer
}

// openQuestions writes what we still owe each other: the follow-up
// questions (those answered since, with their answer) and the prompts
// parked for follow-up.
func (w *mdWriter) openQuestions(info CaptureInfo) {
	var lines []string
	for _, c := range w.captures {
		if c.Kind != CaptureFollowUp {
			continue
		}
		line := "- " + w.text(c.Text) + w.when(c) + w.after(c)
		if ans := w.text(followUpAnswer(c)); ans != "" {
			line += "  \n  Answer: " + ans
		}
		lines = append(lines, line)
	}
	for _, it := range w.carried {
		c := it.Item
		if c.Kind != CaptureFollowUp {
			continue
		}
		line := "- " + w.text(c.Text) + fromNote(it) + w.after(c)
		if ans := w.text(followUpAnswer(c)); ans != "" {
			line += "  \n  Answer: " + ans
		}
		lines = append(lines, line)
	}
	for _, st := range w.steps {
		if a := w.s.Answers[st.Prompt.ID]; a == nil || a.State != StateParked {
			continue
		}
		if _, ok := w.byID[parkedPrefix+st.Prompt.ID]; ok {
			continue // answered since, from a later session: listed above
		}
		line := "- " + EscapeInline(orDefault(st.Prompt.Question, st.Prompt.ID))
		if w.internal {
			line += " (parked in " + EscapeInline(st.Phase.Title) + ")"
			line += w.promptMark(st.Prompt)
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return
	}
	w.heading(2, info.Section)
	w.para(strings.Join(lines, "\n"))
}

// flags writes the flags raised by the answers, internal copy only: a
// flag is the facilitator's reading of an answer, never the client's.
func (w *mdWriter) flags() {
	flags := Flags(w.s, AudienceInternal)
	if len(flags) == 0 {
		return
	}
	w.heading(2, "Flags")
	lines := make([]string, 0, len(flags))
	for _, hit := range flags {
		lines = append(lines, "- **"+EscapeInline(hit.Value)+"** "+EscapeInline(hit.Prompt.Question)+": "+EscapeInline(hit.Say))
	}
	w.para(strings.Join(lines, "\n"))
}

// covered reports whether a prompt's answer belongs in the client's copy:
// something was said, and the prompt was not skipped or set aside as not
// applicable.
func covered(a Answer) bool {
	return !blank(a) && a.State != StateSkipped && a.State != StateNotApplicable
}

// blank reports whether an answer shows nothing: no value, or text that is
// nothing once sanitised (a pasted escape sequence alone).
func blank(a Answer) bool {
	if a.Empty() {
		return true
	}
	return a.Rating == 0 && a.Number == nil && len(a.Choices) == 0 && len(a.Items) == 0 &&
		len(a.Stages) == 0 && len(a.Ledger) == 0 &&
		EscapeInline(a.Text) == "" && EscapeInline(a.Evidence) == ""
}

// answers writes the answers phase by phase. The client's copy calls it
// In your words: only the prompts answered, with the quotes said in each
// phase after its answers; no goals. The internal copy (Answers) has every
// prompt that holds something, each phase with its goal, time and tips.
func (w *mdWriter) answers() {
	title := "In your words"
	if w.internal {
		title = "Answers"
	}
	quotes := make(map[string][]Capture)
	if !w.internal {
		// A quote a follow-up carried was said in an earlier session: it
		// is evidence under the roadmap here, not words of this one.
		for _, c := range w.captures {
			if c.Kind == CaptureQuote && !c.Carried() && Sanitize(strings.TrimSpace(c.Text)) != "" {
				quotes[c.Phase] = append(quotes[c.Phase], c)
			}
		}
	}
	started := false
	start := func() {
		if !started {
			w.heading(2, title)
			started = true
		}
	}
	for pi := range w.s.Playbook.Phases {
		ph := &w.s.Playbook.Phases[pi]
		var steps []Step
		for _, st := range w.steps {
			a := w.s.AnswerFor(st.Prompt.ID)
			if st.PhaseIndex == pi && (covered(a) || (w.internal && !blank(a))) {
				steps = append(steps, st)
			}
		}
		said := quotes[ph.ID]
		delete(quotes, ph.ID)
		spent := w.s.PhaseTime[ph.ID]
		if len(steps) == 0 && len(said) == 0 && !(w.internal && w.vis.Phase(pi) && spent > 0) {
			continue
		}
		start()
		w.heading(3, EscapeInline(orDefault(ph.Title, ph.ID)))
		if w.internal {
			w.phaseNotes(ph, spent)
		}
		for _, st := range steps {
			w.prompt(st)
		}
		for _, c := range said {
			w.quote(c)
		}
	}
	// Quotes from a phase the playbook no longer has.
	var rest []Capture
	for _, c := range w.captures {
		if _, ok := quotes[c.Phase]; ok && c.Kind == CaptureQuote && !c.Carried() && Sanitize(strings.TrimSpace(c.Text)) != "" {
			rest = append(rest, c)
		}
	}
	if len(rest) > 0 {
		start()
		w.heading(3, "Also said")
		for _, c := range rest {
			w.quote(c)
		}
	}
}

// phaseNotes writes a phase's goal, time spent and tips, for the internal
// copy.
func (w *mdWriter) phaseNotes(ph *playbooks.Phase, spent time.Duration) {
	if g := EscapeInline(ph.Goal); g != "" {
		w.para("Goal: " + g)
	}
	if spent > 0 || ph.Timebox > 0 {
		line := "Time spent: " + minutes(spent)
		if ph.Timebox > 0 {
			line += " of " + minutes(ph.Timebox)
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

// prompt writes one question and its answer. The internal copy marks a
// prompt that was parked, skipped or not applicable although something was
// typed, and adds what to listen for and the probes.
func (w *mdWriter) prompt(st Step) {
	q := EscapeInline(orDefault(st.Prompt.Question, st.Prompt.ID))
	q += w.promptMark(st.Prompt)
	w.heading(4, q)
	a := w.s.AnswerFor(st.Prompt.ID)
	w.answer(st.Prompt, &a)
	if w.internal {
		if a.State != StateOpen && a.State != StateAnswered {
			word := a.State.Words()
			w.para("_" + strings.ToUpper(word[:1]) + word[1:] + "_")
		}
		w.versions(st.Prompt, a)
		w.facilitatorNotes(st.Prompt)
	}
}

// versions writes, in the internal copy, who wrote an answer and, when a
// team sync kept other versions of it (two people changed it at once),
// each of them with its author, until someone chooses in the runner.
func (w *mdWriter) versions(p playbooks.Prompt, a Answer) {
	if len(a.Conflicts) == 0 {
		if name := by(a.Author, "By "); name != "" {
			w.para("_" + name + "_")
		}
		return
	}
	w.para(fmt.Sprintf("_%d versions, changed on both sides; the one above%s. Choose in the runner (v)._",
		len(a.Conflicts)+1, by(a.Author, " is by ")))
	for _, v := range a.Conflicts {
		w.para("_Also" + by(v.Author, ", by ") + ":_")
		w.answer(p, &v)
	}
}

// conflicts lists, in the internal copy, the captures and roadmap items a
// team sync kept in more than one version (the same field changed on both
// sides), each with the other versions' text and author.
func (w *mdWriter) conflicts() {
	var lines []string
	for _, c := range w.s.Captures {
		for _, v := range c.Conflicts {
			lines = append(lines, "- "+c.Kind.Info().Word+" “"+EscapeInline(c.Text)+"”"+by(c.Author, " by ")+
				": also “"+EscapeInline(v.Text)+"”"+by(v.Author, " by "))
		}
	}
	for _, it := range w.s.Roadmap {
		for _, v := range it.Conflicts {
			lines = append(lines, "- roadmap item “"+EscapeInline(it.Title)+"”"+by(it.Author, " by ")+
				": also “"+EscapeInline(v.Title)+"”"+by(v.Author, " by "))
		}
	}
	if len(lines) == 0 {
		return
	}
	w.heading(2, "Changed on both sides")
	w.para("A team sync kept both versions; the first is the newer.")
	w.para(strings.Join(lines, "\n"))
}

// notCovered lists, in the internal copy, every prompt shown that the
// client's copy leaves out, by phase, with where it stands.
func (w *mdWriter) notCovered() {
	started := false
	for pi := range w.s.Playbook.Phases {
		var lines []string
		for _, st := range w.steps {
			if st.PhaseIndex != pi {
				continue
			}
			a := w.s.AnswerFor(st.Prompt.ID)
			if covered(a) && a.State != StateParked {
				continue
			}
			state := a.State.Words()
			if a.State == StateAnswered {
				state = StateOpen.Words() // answered with nothing to show
			}
			if a.State == StateOpen && st.Prompt.Required {
				state += ", required"
			}
			line := "- " + EscapeInline(orDefault(st.Prompt.Question, st.Prompt.ID)) + " (" + state + ")"
			line += w.promptMark(st.Prompt)
			lines = append(lines, line)
		}
		if len(lines) == 0 {
			continue
		}
		if !started {
			w.heading(2, "Not covered")
			started = true
		}
		ph := &w.s.Playbook.Phases[pi]
		w.heading(3, EscapeInline(orDefault(ph.Title, ph.ID)))
		w.para(strings.Join(lines, "\n"))
	}
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
