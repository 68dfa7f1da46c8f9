package session

import (
	"strings"
	"testing"
	"time"

	"rapport/playbooks"
)

func TestParseDue(t *testing.T) {
	fri := time.Date(2026, 3, 13, 17, 45, 0, 0, time.UTC) // a Friday
	tests := []struct {
		in, want string
		bad      bool
	}{
		{in: "", want: ""},
		{in: "   ", want: ""},
		{in: "2026-04-01", want: "2026-04-01"},
		{in: " 2026-04-01 ", want: "2026-04-01"},
		{in: "today", want: "2026-03-13"},
		{in: "Tomorrow", want: "2026-03-14"},
		{in: "tom", want: "2026-03-14"},
		{in: "+3d", want: "2026-03-16"},
		{in: "3d", want: "2026-03-16"},
		{in: "+3", want: "2026-03-16"},
		{in: "+0d", want: "2026-03-13"},
		{in: "+2w", want: "2026-03-27"},
		{in: "+20d", want: "2026-04-02"}, // across a month end
		{in: "mon", want: "2026-03-16"},
		{in: "monday", want: "2026-03-16"},
		{in: "FRI", want: "2026-03-20"}, // on a Friday, the next one
		{in: "thu", want: "2026-03-19"},
		{in: "sat", want: "2026-03-14"},
		{in: "2026-02-30", bad: true},
		{in: "next week", bad: true},
		{in: "fr", bad: true}, // too short to be sure
		{in: "-3d", bad: true},
		{in: "++3d", bad: true},
		{in: "+3m", bad: true},
		{in: "d", bad: true},
		{in: "+99999d", bad: true},
	}
	for _, tt := range tests {
		got, err := ParseDue(tt.in, fri)
		if tt.bad {
			if err == nil {
				t.Errorf("ParseDue(%q) = %q, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDue(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// TestParseDate: a date answer reads everything a due date does, the same
// way, and the past as well.
func TestParseDate(t *testing.T) {
	fri := time.Date(2026, 3, 13, 17, 45, 0, 0, time.UTC) // a Friday
	tests := []struct {
		in, want string
		bad      bool
	}{
		{in: "", want: ""},
		{in: "2025-11-02", want: "2025-11-02"},
		{in: "today", want: "2026-03-13"},
		{in: "tomorrow", want: "2026-03-14"},
		{in: "+3d", want: "2026-03-16"},
		{in: "+2w", want: "2026-03-27"},
		{in: "fri", want: "2026-03-20"}, // the coming Friday, as for a due date
		{in: "next fri", want: "2026-03-20"},
		{in: "thu", want: "2026-03-19"},
		{in: "yesterday", want: "2026-03-12"},
		{in: " Yest ", want: "2026-03-12"},
		{in: "-3d", want: "2026-03-10"},
		{in: "-3", want: "2026-03-10"},
		{in: "-0d", want: "2026-03-13"},
		{in: "-2w", want: "2026-02-27"},
		{in: "-20d", want: "2026-02-21"}, // across a month end
		{in: "3d ago", want: "2026-03-10"},
		{in: "3 days ago", want: "2026-03-10"},
		{in: "1 day ago", want: "2026-03-12"},
		{in: "2  Weeks ago", want: "2026-02-27"},
		{in: "1 week ago", want: "2026-03-06"},
		{in: "last fri", want: "2026-03-06"}, // on a Friday, a week ago
		{in: "Last Friday", want: "2026-03-06"},
		{in: "last thu", want: "2026-03-12"},
		{in: "last sat", want: "2026-03-07"},
		{in: "last mon", want: "2026-03-09"},
		{in: "last", bad: true},
		{in: "last week", bad: true},
		{in: "last fr", bad: true},
		{in: "next", bad: true},
		{in: "ago", bad: true},
		{in: "days ago", bad: true},
		{in: "-d", bad: true},
		{in: "--3d", bad: true},
		{in: "-+3d", bad: true},
		{in: "+-3d", bad: true},
		{in: "-3m", bad: true},
		{in: "-99999d", bad: true},
		{in: "3 months ago", bad: true},
		{in: "2026-02-30", bad: true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, fri)
		if tt.bad {
			if err == nil {
				t.Errorf("ParseDate(%q) = %q, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	// The error says what a date takes, in the words the editor's hint uses.
	_, err := ParseDate("last spring", fri)
	if err == nil || !strings.Contains(err.Error(), playbooks.KindOf(playbooks.KindDate).How) {
		t.Errorf("ParseDate(last spring) error = %v, want it to say %q", err, playbooks.KindOf(playbooks.KindDate).How)
	}
}

func FuzzParseDue(f *testing.F) {
	for _, s := range []string{"", "2026-04-01", "fri", "+3d", "+2w", "tomorrow", "x",
		"yesterday", "-3d", "last fri", "2 weeks ago", "-+3d"} {
		f.Add(s)
	}
	now := time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		// A date answer reads whatever a due date reads, as the same day.
		due, derr := ParseDue(s, now)
		date, err := ParseDate(s, now)
		if derr == nil && (err != nil || date != due) {
			t.Fatalf("ParseDue(%q) = %q but ParseDate = %q, %v", s, due, date, err)
		}
		for _, got := range []string{due, date} {
			if got == "" {
				continue
			}
			if _, perr := time.Parse(DateLayout, got); perr != nil {
				t.Fatalf("%q read as %q, not a date", s, got)
			}
		}
	})
}
