package session

import (
	"testing"
	"time"
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

func FuzzParseDue(f *testing.F) {
	for _, s := range []string{"", "2026-04-01", "fri", "+3d", "+2w", "tomorrow", "x"} {
		f.Add(s)
	}
	now := time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDue(s, now)
		if err != nil || got == "" {
			return
		}
		if _, perr := time.Parse(DateLayout, got); perr != nil {
			t.Fatalf("ParseDue(%q) = %q, not a date", s, got)
		}
	})
}
