package session

import (
	"slices"
	"testing"
	"time"
)

func TestScoreAndQuickWin(t *testing.T) {
	tests := []struct {
		impact, effort int
		score          float64
		quick          bool
	}{
		{5, 1, 5, true},
		{4, 2, 2, true},
		{4, 3, 4.0 / 3, false},
		{3, 1, 3, false},
		{5, 5, 1, false},
		{1, 5, 0.2, false},
		{5, 0, 0, false}, // effort unset: not cheap until someone says so
		{0, 1, 0, false},
	}
	for _, tt := range tests {
		c := Capture{Kind: CapturePain, Impact: tt.impact, Effort: tt.effort}
		if got := c.Score(); got != tt.score {
			t.Errorf("impact %d effort %d: score %v, want %v", tt.impact, tt.effort, got, tt.score)
		}
		if got := c.QuickWin(); got != tt.quick {
			t.Errorf("impact %d effort %d: quick win %v, want %v", tt.impact, tt.effort, got, tt.quick)
		}
	}
}

func TestRankPains(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	pain := func(id string, impact, effort int, at time.Duration, created time.Time) Capture {
		return Capture{ID: id, Kind: CapturePain, Impact: impact, Effort: effort, At: at, Created: created}
	}
	tests := []struct {
		name string
		in   []Capture
		want []string
	}{
		{"empty", nil, nil},
		{"score first", []Capture{pain("low", 2, 4, 0, t0), pain("high", 4, 1, 0, t0), pain("mid", 3, 3, 0, t0)}, []string{"high", "mid", "low"}},
		{"tie on score: higher impact", []Capture{pain("2/1", 2, 1, 0, t0), pain("4/2", 4, 2, 0, t0)}, []string{"4/2", "2/1"}},
		{"tie on score and impact: earlier clock", []Capture{pain("late", 3, 3, 90*time.Second, t0), pain("early", 3, 3, 30*time.Second, t0.Add(time.Hour))}, []string{"early", "late"}},
		{"same clock: earlier creation", []Capture{pain("b", 3, 3, 0, t0.Add(time.Minute)), pain("a", 3, 3, 0, t0)}, []string{"a", "b"}},
		{"unrated last", []Capture{pain("unrated", 5, 0, 0, t0), pain("rated", 1, 5, 0, t0)}, []string{"rated", "unrated"}},
		{"pains only, internal kept", []Capture{
			{ID: "note", Kind: CaptureNote},
			{ID: "internal", Kind: CapturePain, Impact: 5, Effort: 1, Internal: true},
			{ID: "risk", Kind: CaptureRisk, Impact: 5, Effort: 1},
		}, []string{"internal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			var got []string
			for _, c := range RankPains(in) {
				got = append(got, c.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("RankPains = %v, want %v", got, tt.want)
			}
			for i := range in {
				if in[i].ID != tt.in[i].ID {
					t.Fatalf("RankPains reordered its input")
				}
			}
		})
	}
}

func TestRoadmapColumnAndWarnings(t *testing.T) {
	items := func(h Horizon, n int) []RoadmapItem {
		var out []RoadmapItem
		for i := range n {
			out = append(out, RoadmapItem{ID: string(h) + string(rune('a'+i)), Horizon: h, Order: n - i})
		}
		return out
	}
	tests := []struct {
		name string
		in   []RoadmapItem
		want []string
	}{
		{"empty", nil, nil},
		{"at the limits", append(items(Now, 5), items(Next, 8)...), nil},
		{"now over", items(Now, 6), []string{"Now holds 6 items, more than 5: choose what comes first"}},
		{"next over", items(Next, 9), []string{"Next holds 9 items, more than 8: choose what comes first"}},
		{"later has no limit", items(Later, 30), nil},
		{"both over, in horizon order", append(items(Next, 9), items(Now, 7)...), []string{
			"Now holds 7 items, more than 5: choose what comes first",
			"Next holds 9 items, more than 8: choose what comes first",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RoadmapWarnings(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("RoadmapWarnings = %q, want %q", got, tt.want)
			}
		})
	}

	col := RoadmapColumn([]RoadmapItem{
		{ID: "later", Horizon: Later},
		{ID: "second", Horizon: Now, Order: 2},
		{ID: "first", Horizon: Now, Order: 1},
		{ID: "second-too", Horizon: Now, Order: 2},
	}, Now)
	var ids []string
	for _, it := range col {
		ids = append(ids, it.ID)
	}
	if want := []string{"first", "second", "second-too"}; !slices.Equal(ids, want) {
		t.Errorf("RoadmapColumn(Now) = %v, want %v", ids, want)
	}
}

func TestParseTags(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"no tags here", nil},
		{"#Budget is #tight", []string{"budget", "tight"}},
		{"#ops #OPS #ops, again", []string{"ops"}},
		{"ends with punctuation #later.", []string{"later"}},
		{"nested #team/platform and #q4-2026", []string{"team/platform", "q4-2026"}},
		{"issue #42 and C# and a#b", nil},
		{"# heading", nil},
		{"(#inside) \"#quoted\"", []string{"inside", "quoted"}},
		{"accents #équipe and #東京", []string{"équipe", "東京"}},
		{"#snake_case_", []string{"snake_case"}},
		{"##double", nil},
	}
	for _, tt := range tests {
		if got := ParseTags(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("ParseTags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanTag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Discovery", "discovery"},
		{"#q4", "q4"},
		{"two words", "two-words"},
		{"a|b<c>\x1b[31m", "abc31m"},
		{"123", ""},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := CleanTag(tt.in); got != tt.want {
			t.Errorf("CleanTag(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
