package main

import "testing"

func TestGlamourStyle(t *testing.T) {
	for _, c := range []struct{ noColor, fgbg, want string }{
		{"", "", "dark"},
		{"1", "0;15", "notty"},
		{"", "15;0", "dark"},
		{"", "0;15", "light"},
		{"", "0;7", "light"},
		{"", "0;default;15", "light"},
		{"", "7;8", "dark"},
		{"", "0;default", "dark"},
		{"", "garbage", "dark"},
	} {
		if got := glamourStyle(c.noColor, c.fgbg); got != c.want {
			t.Errorf("NO_COLOR=%q COLORFGBG=%q: %s, want %s", c.noColor, c.fgbg, got, c.want)
		}
	}
}
