package session

import (
	"math"
	"slices"
	"testing"
	"time"

	"rapport/playbooks"
)

func TestScorecards(t *testing.T) {
	s := fullSession(t)
	cards := Scorecards(s, AudienceClient)
	if len(cards) != 2 {
		t.Fatalf("got %d scorecards, want Partnership and Sustainability", len(cards))
	}
	p := cards[0]
	if p.Name != "Partnership" || p.Rated != 2 || p.Sum != 6 || p.Average() != 3 || len(p.Lines) != 2 {
		t.Errorf("Partnership = %+v (average %v), want 2 rated, sum 6, average 3", p, p.Average())
	}
	if l := p.Lines[0]; l.Rating != 4 || l.Evidence != "Told us about the outage before the status page did." {
		t.Errorf("first line = %+v, want 4 with its evidence", l)
	}
	sus := cards[1]
	if sus.Name != "Sustainability" || sus.Rated != 0 || sus.Average() != 0 || len(sus.Lines) != 1 || sus.Lines[0].Rating != 0 {
		t.Errorf("Sustainability = %+v, want one open line, nothing rated", sus)
	}

	// Skipped and parked ratings count as not rated; internal prompts are
	// for the internal audience only; names group ignoring case and space.
	pb := playbooks.Playbook{ID: "x", Phases: []playbooks.Phase{{ID: "p", Prompts: []playbooks.Prompt{
		{ID: "a", Kind: playbooks.KindRating, Scorecard: "Health"},
		{ID: "b", Kind: playbooks.KindRating, Scorecard: " health "},
		{ID: "c", Kind: playbooks.KindRating, Scorecard: "Health", Internal: true},
		{ID: "d", Kind: playbooks.KindRating, Scorecard: "\x1b[31m"},
		{ID: "e", Kind: playbooks.KindText, Scorecard: "Health"},
	}}}}
	s2 := New(testID, testT0, "X", pb)
	s2.PutAnswer(Answer{PromptID: "a", Rating: 5}, testT0)
	s2.PutAnswer(Answer{PromptID: "b", Rating: 3}, testT0)
	s2.SetState("b", StateSkipped, testT0)
	s2.PutAnswer(Answer{PromptID: "c", Rating: 1}, testT0)
	s2.PutAnswer(Answer{PromptID: "d", Rating: 1}, testT0)
	tests := []struct {
		a           Audience
		lines, rate int
		avg         float64
	}{
		{AudienceClient, 2, 1, 5},
		{AudienceInternal, 3, 2, 3},
	}
	for _, tc := range tests {
		got := Scorecards(s2, tc.a)
		if len(got) != 1 || len(got[0].Lines) != tc.lines || got[0].Rated != tc.rate || got[0].Average() != tc.avg {
			t.Errorf("%s: %+v, want one card of %d lines, %d rated, average %v", tc.a, got, tc.lines, tc.rate, tc.avg)
		}
	}
}

func TestRatingBar(t *testing.T) {
	for _, tc := range []struct {
		in   int
		want string
	}{{0, "░░░░░"}, {1, "█░░░░"}, {4, "████░"}, {5, "█████"}, {9, "█████"}, {-1, "░░░░░"}} {
		if got := RatingBar(tc.in); got != tc.want {
			t.Errorf("RatingBar(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFlagged(t *testing.T) {
	ge80 := &playbooks.Flag{When: mustCompare(t, ">= 80"), Say: "Little partnership."}
	le2 := &playbooks.Flag{When: mustCompare(t, "<= 2")}
	pct := playbooks.Prompt{ID: "r", Kind: playbooks.KindPercent, Flag: ge80}
	tests := []struct {
		name      string
		p         playbooks.Prompt
		a         *Answer
		ok        bool
		say, vals string
	}{
		{"ratio at 85%", pct, &Answer{State: StateAnswered, Number: num(85)}, true, "Little partnership.", "85%"},
		{"ratio at 80%", pct, &Answer{State: StateAnswered, Number: num(80)}, true, "Little partnership.", "80%"},
		{"ratio at 79.5%", pct, &Answer{State: StateAnswered, Number: num(79.5)}, false, "", ""},
		{"no answer", pct, nil, false, "", ""},
		{"no number", pct, &Answer{State: StateAnswered}, false, "", ""},
		{"parked", pct, &Answer{State: StateParked, Number: num(90)}, false, "", ""},
		{"number", playbooks.Prompt{Kind: playbooks.KindNumber, Flag: ge80}, &Answer{State: StateAnswered, Number: num(81)}, true, "Little partnership.", "81"},
		{"rating without say", playbooks.Prompt{Kind: playbooks.KindRating, Flag: le2}, &Answer{State: StateAnswered, Rating: 2}, true, "<= 2", "2/5"},
		{"rating unset", playbooks.Prompt{Kind: playbooks.KindRating, Flag: le2}, &Answer{State: StateAnswered}, false, "", ""},
		{"text kind never flags", playbooks.Prompt{Kind: playbooks.KindText, Flag: ge80}, &Answer{State: StateAnswered, Text: "99"}, false, "", ""},
		{"no flag", playbooks.Prompt{Kind: playbooks.KindPercent}, &Answer{State: StateAnswered, Number: num(99)}, false, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hit, ok := Flagged(tc.p, tc.a, Visibility{})
			if ok != tc.ok || hit.Say != tc.say || hit.Value != tc.vals {
				t.Errorf("Flagged = %+v, %v; want say %q, value %q, %v", hit, ok, tc.say, tc.vals, tc.ok)
			}
		})
	}
	hits := Flags(fullSession(t), AudienceClient)
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.Prompt.ID)
	}
	if !slices.Equal(ids, []string{"candour", "ratio"}) {
		t.Errorf("Flags of the full session = %v, want candour and ratio in order", ids)
	}
}

// TestCompoundFlag: the disagreement test fires only with its second
// condition too (seed 002: 80% or more of disagreements ending as the
// customer first wanted, and the team taking on more work with no remedy).
func TestCompoundFlag(t *testing.T) {
	pb := playbooks.Playbook{ID: "t", Title: "T", Phases: []playbooks.Phase{{ID: "p", Title: "P", Prompts: []playbooks.Prompt{
		{ID: "ratio", Kind: playbooks.KindPercent, Question: "Share?", Flag: &playbooks.Flag{
			When: mustCompare(t, ">= 80"), And: &playbooks.Condition{Prompt: "given-back", Is: mustCompare(t, "Nothing")}, Say: "Little partnership."}},
		{ID: "given-back", Kind: playbooks.KindChoice, Question: "Back?", Options: []string{"Time", "Nothing"}},
		{ID: "hidden", Kind: playbooks.KindChoice, Question: "H?", Options: []string{"Yes"}, ShowIf: &playbooks.Condition{Prompt: "given-back", Is: mustCompare(t, "Time")}},
	}}}}
	for _, tc := range []struct {
		name  string
		ratio float64
		back  string // "" leaves it open
		want  bool
	}{
		{"both hold", 85, "Nothing", true},
		{"high share, something given back", 85, "Time", false},
		{"high share, second prompt open", 85, "", false},
		{"low share, nothing given back", 60, "Nothing", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := New("s", time.Unix(0, 0), "Acme", pb)
			s.PutAnswer(Answer{PromptID: "ratio", Number: num(tc.ratio)}, time.Unix(1, 0))
			if tc.back != "" {
				s.PutAnswer(Answer{PromptID: "given-back", Choices: []string{tc.back}}, time.Unix(2, 0))
			}
			a := s.Answers["ratio"]
			_, got := Flagged(pb.Phases[0].Prompts[0], a, s.Visibility())
			if got != tc.want {
				t.Errorf("Flagged = %v, want %v", got, tc.want)
			}
			if n := len(Flags(s, AudienceInternal)); n != map[bool]int{true: 1, false: 0}[tc.want] {
				t.Errorf("Flags lists %d, want the flag %v", n, tc.want)
			}
		})
	}
}

func TestRunLedger(t *testing.T) {
	tests := []struct {
		name    string
		in      []LedgerEntry
		running []int
		dep, wd int
		balance int
	}{
		{"empty", nil, nil, 0, 0, 0},
		{"deposits and a withdrawal", []LedgerEntry{
			{Kind: Deposit, Amount: 3}, {Kind: Withdrawal, Amount: 2}, {Kind: Deposit, Amount: 1},
		}, []int{3, 1, 2}, 4, 2, 2},
		{"overdrawn", []LedgerEntry{
			{Kind: Withdrawal, Amount: 5}, {Kind: Deposit, Amount: 2},
		}, []int{-5, -3}, 2, 5, -3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := RunLedger(tc.in)
			var running []int
			for _, ln := range l.Lines {
				running = append(running, ln.Balance)
			}
			if !slices.Equal(running, tc.running) || l.Deposits != tc.dep || l.Withdrawals != tc.wd || l.Balance != tc.balance {
				t.Errorf("RunLedger = %+v, want running %v, deposits %d, withdrawals %d, balance %d", l, tc.running, tc.dep, tc.wd, tc.balance)
			}
		})
	}
	if FormatSigned(2) != "+2" || FormatSigned(0) != "0" || FormatSigned(-3) != "-3" {
		t.Error("FormatSigned: want +2, 0, -3")
	}
}

func TestJourneyFeeling(t *testing.T) {
	st := func(fs ...int) []JourneyStage {
		var out []JourneyStage
		for _, f := range fs {
			out = append(out, JourneyStage{Feeling: f})
		}
		return out
	}
	tests := []struct {
		name      string
		in        []JourneyStage
		spark     string
		low, high int
	}{
		{"none", nil, "", -1, -1},
		{"one", st(0), "▄", 0, 0},
		{"dip and recovery", st(1, -2, 0, 2), "▆▁▄█", 1, 3},
		{"ties take the first", st(-1, -1, 1, 1), "▂▂▆▆", 0, 2},
		{"out of range clamps", st(-7, 9), "▁█", 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := JourneyFeeling(tc.in)
			if got.Spark != tc.spark || got.Low != tc.low || got.High != tc.high {
				t.Errorf("JourneyFeeling = %+v, want %q low %d high %d", got, tc.spark, tc.low, tc.high)
			}
		})
	}
}

// rated is a session on a one-scorecard playbook with the ratings given
// (0 leaves a prompt open).
func rated(t *testing.T, id string, day int, ratings ...int) *Session {
	t.Helper()
	var prompts []playbooks.Prompt
	for i := range ratings {
		prompts = append(prompts, playbooks.Prompt{ID: string(rune('a' + i)), Kind: playbooks.KindRating, Scorecard: "Partnership"})
	}
	pb := playbooks.Playbook{ID: "partnership-health", Phases: []playbooks.Phase{{ID: "litmus", Prompts: prompts}}}
	s := New(id, testT0.AddDate(0, 0, day), "Acme", pb)
	for i, r := range ratings {
		if r > 0 {
			s.PutAnswer(Answer{PromptID: string(rune('a' + i)), Rating: r}, s.Created)
		}
	}
	return s
}

func TestTrends(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		in    [][]int
		avgs  []float64
		spark string
		word  TrendWord
	}{
		{"one session", [][]int{{3, 3}}, []float64{3}, "▅", TrendNone},
		{"up", [][]int{{2, 2}, {4, 3}}, []float64{2, 3.5}, "▃▅", TrendUp},
		{"down", [][]int{{5, 5}, {1, 2}}, []float64{5, 1.5}, "█▂", TrendDown},
		{"flat under a quarter point", [][]int{{3, 3, 3, 3, 3, 3}, {4, 3, 3, 3, 3, 3}}, []float64{3, 3 + 1.0/6}, "▅▅", TrendFlat},
		{"gap skipped", [][]int{{1}, {0}, {5}}, []float64{1, nan, 5}, "▁·█", TrendUp},
		{"never rated", [][]int{{0}, {0}}, []float64{nan, nan}, "··", TrendNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ss []*Session
			for i, rs := range tc.in {
				ss = append(ss, rated(t, testID, i, rs...))
			}
			got := Trends(ss, AudienceClient)
			if len(got) != 1 {
				t.Fatalf("got %d trends, want 1", len(got))
			}
			tr := got[0]
			same := len(tr.Averages) == len(tc.avgs)
			for i := 0; same && i < len(tc.avgs); i++ {
				a, b := tr.Averages[i], tc.avgs[i]
				same = (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) < 1e-9
			}
			if !same || tr.Spark != tc.spark || tr.Word != tc.word || tr.Name != "Partnership" {
				t.Errorf("Trend = %+v, want averages %v, spark %q, word %q", tr, tc.avgs, tc.spark, tc.word)
			}
		})
	}
}

func TestClientIndexes(t *testing.T) {
	day := func(d int) time.Time { return testT0.AddDate(0, 0, d) }
	all := []Index{
		{ID: "3", Client: "Acme Corp", Created: day(3)},
		{ID: "1", Client: "acme  corp ", Created: day(1)},
		{ID: "x", Client: "Globex", Created: day(0)},
		{ID: "2", Client: "ACME CORP", Created: day(1)},
	}
	var ids []string
	for _, ix := range ClientIndexes(all, "Acme Corp") {
		ids = append(ids, ix.ID)
	}
	if !slices.Equal(ids, []string{"1", "2", "3"}) {
		t.Errorf("ClientIndexes = %v, want 1 2 3 (by created, then id)", ids)
	}
}
