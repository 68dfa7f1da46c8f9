package session

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"rapport/playbooks"
)

// Synthesis: the roll-ups a coach reads after the interview (scorecards,
// flags, the trust ledger, the journey's feeling line), the trend of
// scorecards across the sessions of one client, and the follow-up session
// that carries open items forward. The summary, the app's screens and the
// timeline all draw from these, so a number never differs between them.

// MaxRating is the top of the rating scale.
const MaxRating = 5

// ScoreLine is one rating prompt of a scorecard with its answer.
type ScoreLine struct {
	Prompt   playbooks.Prompt
	Rating   int // 1..5; 0 when not rated (open, skipped, parked, n/a)
	Evidence string
}

// Scorecard is the roll-up of the rating prompts that share a scorecard
// name, in the order they are asked.
type Scorecard struct {
	Name  string // as the first prompt spells it
	Lines []ScoreLine
	Sum   int // of the ratings given
	Rated int // prompts rated
}

// Average is the mean of the ratings given, 0 when none was.
func (c Scorecard) Average() float64 {
	if c.Rated == 0 {
		return 0
	}
	return float64(c.Sum) / float64(c.Rated)
}

// scorecardKey is how prompts group: by the name as it reads once cleaned,
// so a name that is nothing but controls or space is no scorecard.
func scorecardKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(Sanitize(name)), " "))
}

// visible is the session's steps that the audience sees.
func (s *Session) visible(a Audience) []Step {
	steps := s.Steps()
	if a != AudienceInternal {
		steps = slices.DeleteFunc(steps, func(st Step) bool { return st.Prompt.Internal })
	}
	return steps
}

// Scorecards rolls up the session's rating prompts per scorecard, in the
// order each scorecard is first asked. Prompts hidden by show_if, and
// internal ones unless the audience is internal, are left out; scorecards
// with nothing rated are kept, so a trend can show the gap.
func Scorecards(s *Session, a Audience) []Scorecard {
	var cards []Scorecard
	var keys []string
	for _, st := range s.visible(a) {
		p := st.Prompt
		k := scorecardKey(p.Scorecard)
		if p.Kind != playbooks.KindRating || k == "" {
			continue
		}
		i := slices.Index(keys, k)
		if i < 0 {
			keys = append(keys, k)
			cards = append(cards, Scorecard{Name: p.Scorecard})
			i = len(cards) - 1
		}
		line := ScoreLine{Prompt: p}
		if ans := s.Answers[p.ID]; ans != nil && ans.State == StateAnswered && ans.Rating > 0 {
			line.Rating = min(ans.Rating, MaxRating)
			line.Evidence = ans.Evidence
			cards[i].Sum += line.Rating
			cards[i].Rated++
		}
		cards[i].Lines = append(cards[i].Lines, line)
	}
	return cards
}

// RatingBar draws a rating as filled and empty cells out of five, such as
// "████░" for 4; an unrated prompt is all empty.
func RatingBar(rating int) string {
	rating = max(0, min(rating, MaxRating))
	return strings.Repeat("█", rating) + strings.Repeat("░", MaxRating-rating)
}

// FlagHit is a prompt whose flag fired on its answer: what to say and why.
type FlagHit struct {
	Prompt playbooks.Prompt
	Answer Answer
	// Say is the flag's reason, or its test ("≥ 80") when it has none.
	Say string
	// Value is the answer as it reads: "85%", "52", "2/5".
	Value string
}

// Flagged reports whether p's flag fires on a: for percent, number and
// rating prompts with a value, and choice and multi_choice prompts with a
// pick, answered, and, for a compound flag,
// only when its second condition (Flag.And) holds on the answers v was
// computed on. Say is the reason to show.
func Flagged(p playbooks.Prompt, a *Answer, vis Visibility) (hit FlagHit, ok bool) {
	if p.Flag == nil || a == nil || a.State != StateAnswered {
		return FlagHit{}, false
	}
	if p.Flag.And != nil && !vis.Holds(p.Flag.And) {
		return FlagHit{}, false
	}
	var v any
	var value string
	switch info := playbooks.KindOf(p.Kind); info.Value {
	case playbooks.ValueChoices:
		if len(a.Choices) == 0 {
			return FlagHit{}, false
		}
		// A flag on a choice names an option: it fires when that option is
		// among the picks (or, with !=, when another one is).
		picks := make([]any, len(a.Choices))
		for i, c := range a.Choices {
			picks[i] = c
		}
		if !p.Flag.When.Match(picks...) {
			return FlagHit{}, false
		}
		return FlagHit{Prompt: p, Answer: *a, Say: flagSay(p.Flag), Value: strings.Join(a.Choices, ", ")}, true
	case playbooks.ValueNumber:
		if a.Number == nil {
			return FlagHit{}, false
		}
		v, value = *a.Number, formatNumber(*a.Number)+info.Unit
	case playbooks.ValueRating:
		if a.Rating <= 0 {
			return FlagHit{}, false
		}
		v, value = float64(a.Rating), fmt.Sprintf("%d/%d", a.Rating, MaxRating)
	default:
		return FlagHit{}, false
	}
	if !p.Flag.When.Match(v) {
		return FlagHit{}, false
	}
	return FlagHit{Prompt: p, Answer: *a, Say: flagSay(p.Flag), Value: value}, true
}

// flagSay is what a flag says when it fires: its reason, or its test.
func flagSay(f *playbooks.Flag) string {
	if say := strings.TrimSpace(f.Say); say != "" {
		return say
	}
	return f.When.String()
}

// Flags lists the flags that fired in the session, in the order the
// prompts are asked, for the audience a.
func Flags(s *Session, a Audience) []FlagHit {
	var out []FlagHit
	v := s.Visibility()
	for _, st := range s.visible(a) {
		if hit, ok := Flagged(st.Prompt, s.Answers[st.Prompt.ID], v); ok {
			out = append(out, hit)
		}
	}
	return out
}

// Signed is the entry's effect on the balance: its amount, negative for a
// withdrawal.
func (e LedgerEntry) Signed() int {
	if e.Kind == Withdrawal {
		return -e.Amount
	}
	return e.Amount
}

// LedgerLine is one entry of the trust ledger with the balance after it.
type LedgerLine struct {
	Entry   LedgerEntry
	Balance int
}

// Ledger is the trust account: every entry with its running balance, and
// the totals. Deposits add their amount, withdrawals take it away.
type Ledger struct {
	Lines       []LedgerLine
	Deposits    int // total deposited
	Withdrawals int // total withdrawn, as a positive number
	Balance     int // final balance
}

// RunLedger works out the running balance of entries in order.
func RunLedger(entries []LedgerEntry) Ledger {
	var l Ledger
	for _, e := range entries {
		l.Balance += e.Signed()
		if e.Kind == Withdrawal {
			l.Withdrawals += e.Amount
		} else {
			l.Deposits += e.Amount
		}
		l.Lines = append(l.Lines, LedgerLine{Entry: e, Balance: l.Balance})
	}
	return l
}

// FormatSigned writes n with its sign: "+2", "0", "-1", as feelings,
// amounts and balances read.
func FormatSigned(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// FeelingGlyph is a journey feeling (-2..+2) as one cell of a line of
// bars, low to high: ▁ ▂ ▄ ▆ █.
func FeelingGlyph(f int) string {
	return [...]string{"▁", "▂", "▄", "▆", "█"}[max(-2, min(f, 2))+2]
}

// FeelingLine is how the customer's feeling moves across a journey.
type FeelingLine struct {
	Spark string // one glyph per stage, in order
	Low   int    // index of the lowest stage (the first of equals); -1 without stages
	High  int    // index of the highest stage (the first of equals); -1 without stages
}

// JourneyFeeling draws the feeling line of the stages and finds its low
// and high points, where the journey hurts most and works best.
func JourneyFeeling(stages []JourneyStage) FeelingLine {
	fl := FeelingLine{Low: -1, High: -1}
	var b strings.Builder
	for i, st := range stages {
		b.WriteString(FeelingGlyph(st.Feeling))
		if fl.Low < 0 || st.Feeling < stages[fl.Low].Feeling {
			fl.Low = i
		}
		if fl.High < 0 || st.Feeling > stages[fl.High].Feeling {
			fl.High = i
		}
	}
	fl.Spark = b.String()
	return fl
}

// Sessions of one client.

// SameClient reports whether two client names are the same client: case,
// surrounding space and runs of space do not count.
func SameClient(a, b string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(Sanitize(s)), " ") }
	return strings.EqualFold(norm(a), norm(b))
}

// ClientIndexes picks the sessions of client from an index and orders them
// by when they were created, oldest first (ties by id, which sorts by
// creation too).
func ClientIndexes(all []Index, client string) []Index {
	var out []Index
	for _, ix := range all {
		if SameClient(ix.Client, client) {
			out = append(out, ix)
		}
	}
	slices.SortStableFunc(out, func(a, b Index) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// TrendWord says which way a scorecard moved.
type TrendWord string

// Trend words. TrendNone: fewer than two sessions rated it.
const (
	TrendUp   TrendWord = "up"
	TrendDown TrendWord = "down"
	TrendFlat TrendWord = "flat"
	TrendNone TrendWord = ""
)

// trendStep is the smallest move of an average that counts as up or down:
// a quarter point, so one prompt moving by one point in a card of six is
// still flat.
const trendStep = 0.25

// Trend is one scorecard across the sessions of a client.
type Trend struct {
	Name string
	// Averages holds the scorecard's average in each session, in session
	// order; NaN where the session did not rate it.
	Averages []float64
	// Spark is one glyph per session, ▁ (1) to █ (5) on the rating scale,
	// "·" where the session did not rate it.
	Spark string
	// Word compares the last session that rated the scorecard with the one
	// before it.
	Word TrendWord
}

// sparkGlyphs are the eight levels of a sparkline, low to high.
var sparkGlyphs = []rune("▁▂▃▄▅▆▇█")

// SparkGlyph places an average of the 1..5 scale on eight levels, so
// sparklines of different clients read alike.
func SparkGlyph(avg float64) string {
	if math.IsNaN(avg) {
		return "·"
	}
	level := int(math.Round((avg - 1) / (MaxRating - 1) * float64(len(sparkGlyphs)-1)))
	return string(sparkGlyphs[max(0, min(level, len(sparkGlyphs)-1))])
}

// Trends follows each scorecard across sessions, given in the order they
// happened (oldest first), in the order scorecards first appear.
func Trends(sessions []*Session, a Audience) []Trend {
	var trends []Trend
	var keys []string
	for si, s := range sessions {
		for _, c := range Scorecards(s, a) {
			k := scorecardKey(c.Name)
			i := slices.Index(keys, k)
			if i < 0 {
				keys = append(keys, k)
				avgs := make([]float64, len(sessions))
				for j := range avgs {
					avgs[j] = math.NaN()
				}
				trends = append(trends, Trend{Name: c.Name, Averages: avgs})
				i = len(trends) - 1
			}
			if c.Rated > 0 {
				trends[i].Averages[si] = c.Average()
			}
		}
	}
	for i := range trends {
		t := &trends[i]
		var b strings.Builder
		var rated []float64
		for _, v := range t.Averages {
			b.WriteString(SparkGlyph(v))
			if !math.IsNaN(v) {
				rated = append(rated, v)
			}
		}
		t.Spark = b.String()
		t.Word = trendWord(rated)
	}
	return trends
}

func trendWord(rated []float64) TrendWord {
	if len(rated) < 2 {
		return TrendNone
	}
	d := rated[len(rated)-1] - rated[len(rated)-2]
	switch {
	case d >= trendStep:
		return TrendUp
	case d <= -trendStep:
		return TrendDown
	}
	return TrendFlat
}

// Paired measures: the client's voice beside ours. A rating prompt may
// carry a measures id (playbooks.Prompt.Measures); a client playbook (the
// client's pulse) and a team playbook (our health check) that rate the same
// id measure the same thing from the two sides of the table. Shown side by
// side, the gap says where we see ourselves differently from how the client
// sees us.

// PairedScore is one side's latest rating of a measure.
type PairedScore struct {
	SessionID string
	Playbook  string // the playbook's title, as the session ran it
	Created   time.Time
	Prompt    playbooks.Prompt
	Rating    int // 1..5
	Evidence  string
}

// MeasurePair is one measure as the client rated it (Theirs, from a client
// session) and as we rated it (Ours, from a team session); either may be
// nil when that side has not rated it yet.
type MeasurePair struct {
	Measure string
	Theirs  *PairedScore
	Ours    *PairedScore
}

// WideGap is the gap between our score and theirs that a summary calls
// out: two points on a five-point scale is a different story, not noise.
const WideGap = 2

// Both reports whether both sides rated the measure.
func (p MeasurePair) Both() bool { return p.Theirs != nil && p.Ours != nil }

// Gap is our score minus theirs: positive when we rate ourselves higher
// than the client does. 0 unless both rated it.
func (p MeasurePair) Gap() int {
	if !p.Both() {
		return 0
	}
	return p.Ours.Rating - p.Theirs.Rating
}

// Label names the measure for a reader: the client's question when they
// rated it (their words), else ours.
func (p MeasurePair) Label() string {
	if p.Theirs != nil {
		return p.Theirs.Prompt.Question
	}
	if p.Ours != nil {
		return p.Ours.Prompt.Question
	}
	return p.Measure
}

// GapWords says the gap as a sentence: "we rate ourselves 2 higher than
// they do", "they rate us 1 higher than we do", "we agree"; "" unless both
// sides rated it.
func (p MeasurePair) GapWords() string {
	switch g := p.Gap(); {
	case !p.Both():
		return ""
	case g == 0:
		return "we agree"
	case g > 0:
		return fmt.Sprintf("we rate ourselves %d higher than they do", g)
	default:
		return fmt.Sprintf("they rate us %d higher than we do", -g)
	}
}

// measured is every rated, shown measures prompt of s, in asking order.
func measured(s *Session) []PairedScore {
	var out []PairedScore
	for _, st := range s.Steps() {
		p := st.Prompt
		if p.Measures == "" || p.Kind != playbooks.KindRating {
			continue
		}
		a := s.Answers[p.ID]
		if a == nil || a.State != StateAnswered || a.Rating <= 0 {
			continue
		}
		out = append(out, PairedScore{SessionID: s.ID, Playbook: s.Playbook.Title, Created: s.Created,
			Prompt: p, Rating: min(a.Rating, MaxRating), Evidence: a.Evidence})
	}
	return out
}

// newest orders sessions newest first (ties by id, which sorts by
// creation too), so the first rating found of a measure is the latest.
func newest(sessions []*Session) []*Session {
	out := slices.Clone(sessions)
	slices.SortStableFunc(out, func(a, b *Session) int {
		if c := b.Created.Compare(a.Created); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return out
}

// pairer gathers the latest rating of each measure per side, remembering
// the order measures were first met.
type pairer struct {
	order []string
	pairs map[string]*MeasurePair
}

func (pr *pairer) add(sc PairedScore, ours bool) {
	if pr.pairs == nil {
		pr.pairs = map[string]*MeasurePair{}
	}
	p := pr.pairs[sc.Prompt.Measures]
	if p == nil {
		p = &MeasurePair{Measure: sc.Prompt.Measures}
		pr.pairs[sc.Prompt.Measures] = p
		pr.order = append(pr.order, sc.Prompt.Measures)
	}
	side := &p.Theirs
	if ours {
		side = &p.Ours
	}
	if *side == nil {
		c := sc
		*side = &c
	}
}

func (pr *pairer) list(keep func(*MeasurePair) bool) []MeasurePair {
	var out []MeasurePair
	for _, m := range pr.order {
		if p := pr.pairs[m]; keep(p) {
			out = append(out, *p)
		}
	}
	return out
}

// MeasurePairs pairs the latest client rating of each measure with the
// latest team rating of it, across sessions (the sessions of one client,
// in any order): the client's latest pulse against our latest check. The
// measures come in the order of the newest client session's questions,
// then those only we rated. Measures neither side rated are left out.
func MeasurePairs(sessions []*Session) []MeasurePair {
	var pr pairer
	byNew := newest(sessions)
	for _, team := range []bool{false, true} {
		for _, s := range byNew {
			if s.Team() != team {
				continue
			}
			for _, sc := range measured(s) {
				pr.add(sc, team)
			}
		}
	}
	return pr.list(func(*MeasurePair) bool { return true })
}

// MeasurePairsOf pairs what s rated with the latest rating of the other
// side among others (the client's other sessions; s itself, or sessions of
// its own side, are skipped): the view of s's internal copy. Only measures
// that s rated are listed, in s's order.
func MeasurePairsOf(s *Session, others []*Session) []MeasurePair {
	var pr pairer
	for _, sc := range measured(s) {
		pr.add(sc, s.Team())
	}
	if len(pr.order) == 0 {
		return nil
	}
	for _, o := range newest(others) {
		if o.ID == s.ID || o.Team() == s.Team() {
			continue
		}
		for _, sc := range measured(o) {
			if pr.pairs[sc.Prompt.Measures] != nil {
				pr.add(sc, o.Team())
			}
		}
	}
	return pr.list(func(*MeasurePair) bool { return true })
}
