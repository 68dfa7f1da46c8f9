package session

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DateLayout is how a due date is written and stored: YYYY-MM-DD, which
// sorts as text and reads the same everywhere.
const DateLayout = "2006-01-02"

// ParseDue reads a due date as a facilitator types it mid-session and
// returns it as YYYY-MM-DD, counted from today (the injected clock, so it
// is testable). It takes:
//
//   - a date: 2026-03-20
//   - today, tomorrow (tod, tom)
//   - +N days or weeks: +3d, +3, +2w, "3d"
//   - a weekday: mon, tuesday, fri... the next one after today (on a
//     Friday, "fri" is a week away: "today" says today)
//
// Case and surrounding spaces do not matter. Empty text is no date and no
// error. Anything else is an error that says what it takes, so a typo is
// never stored as a date.
func ParseDue(text string, today time.Time) (string, error) {
	s := strings.ToLower(strings.TrimSpace(text))
	if s == "" {
		return "", nil
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, today.Location())
	if t, err := time.ParseInLocation(DateLayout, s, today.Location()); err == nil {
		return t.Format(DateLayout), nil
	}
	switch s {
	case "today", "tod":
		return day.Format(DateLayout), nil
	case "tomorrow", "tom", "tmr":
		return day.AddDate(0, 0, 1).Format(DateLayout), nil
	}
	if n, unit, ok := relative(s); ok {
		if unit == 'w' {
			n *= 7
		}
		return day.AddDate(0, 0, n).Format(DateLayout), nil
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		name := strings.ToLower(wd.String())
		if len(s) >= 3 && strings.HasPrefix(name, s) {
			ahead := (int(wd) - int(day.Weekday()) + 7) % 7
			if ahead == 0 {
				ahead = 7
			}
			return day.AddDate(0, 0, ahead).Format(DateLayout), nil
		}
	}
	return "", fmt.Errorf("due date %q: use YYYY-MM-DD, today, tomorrow, +3d, +2w or a weekday", text)
}

// relative reads "+3d", "3d", "+3", "+2w": a count of days or weeks ahead.
func relative(s string) (n int, unit byte, ok bool) {
	s = strings.TrimPrefix(s, "+")
	unit = 'd'
	switch {
	case strings.HasSuffix(s, "d"), strings.HasSuffix(s, "w"):
		unit = s[len(s)-1]
		s = s[:len(s)-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 3650 || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		return 0, 0, false
	}
	return n, unit, true
}
