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

// Flagged reports whether p's flag fires on a: only for percent, number
// and rating prompts with a value, answered. Say is the reason to show.
func Flagged(p playbooks.Prompt, a *Answer) (hit FlagHit, ok bool) {
	if p.Flag == nil || a == nil || a.State != StateAnswered {
		return FlagHit{}, false
	}
	var v float64
	var value string
	switch p.Kind {
	case playbooks.KindPercent, playbooks.KindNumber:
		if a.Number == nil {
			return FlagHit{}, false
		}
		v, value = *a.Number, formatNumber(*a.Number)
		if p.Kind == playbooks.KindPercent {
			value += "%"
		}
	case playbooks.KindRating:
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
	say := strings.TrimSpace(p.Flag.Say)
	if say == "" {
		say = p.Flag.When.String()
	}
	return FlagHit{Prompt: p, Answer: *a, Say: say, Value: value}, true
}

// Flags lists the flags that fired in the session, in the order the
// prompts are asked, for the audience a.
func Flags(s *Session, a Audience) []FlagHit {
	var out []FlagHit
	for _, st := range s.visible(a) {
		if hit, ok := Flagged(st.Prompt, s.Answers[st.Prompt.ID]); ok {
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

// CarriedTag marks captures a follow-up session brought over from the one
// before.
const CarriedTag = "carried-over"

// OpenItems is what a session leaves for the next one: its action items
// and follow-up questions in the order they were captured, and its parked
// prompts as follow-up questions. Internal ones are included (the
// facilitator carries them; the client's export still leaves them out).
func OpenItems(s *Session) []Capture {
	var out []Capture
	for _, c := range s.Captures {
		if c.Kind == CaptureAction || c.Kind == CaptureFollowUp {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Capture) int { return cmp.Compare(a.At, b.At) })
	for _, st := range s.Steps() {
		if a := s.Answers[st.Prompt.ID]; a == nil || a.State != StateParked {
			continue
		}
		out = append(out, Capture{
			ID:       "parked-" + st.Prompt.ID,
			Kind:     CaptureFollowUp,
			Text:     st.Prompt.Question + " (parked in " + st.Phase.Title + ")",
			Phase:    st.Phase.ID,
			Internal: st.Prompt.Internal,
		})
	}
	return out
}

// FollowUp starts the next session with the client of prev on pb: the
// contacts and facilitator copied, and prev's open items (OpenItems)
// loaded as captures with new ids derived from id, tagged #carried-over,
// stamped at the start of the new session in its first phase. prev is
// not changed.
func FollowUp(prev *Session, id string, now time.Time, pb playbooks.Playbook) *Session {
	s := New(id, now, prev.Client, pb)
	s.Facilitator = prev.Facilitator
	s.Contacts = slices.Clone(prev.Contacts)
	phase := ""
	if steps := s.Steps(); len(steps) > 0 {
		phase = steps[0].Phase.ID
	}
	for i, c := range OpenItems(prev) {
		c.ID = fmt.Sprintf("%s-c%03d", id, i+1)
		c.At, c.Phase, c.Created = 0, phase, now
		c.Tags = slices.Clone(c.Tags)
		if !slices.ContainsFunc(c.Tags, func(t string) bool { return CleanTag(t) == CarriedTag }) {
			c.Tags = append(c.Tags, CarriedTag)
		}
		s.Captures = append(s.Captures, c)
	}
	return s
}
