package session

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"rapport/playbooks"
)

// DateLayout is how a due date is written and stored: YYYY-MM-DD, which
// sorts as text and reads the same everywhere.
const DateLayout = "2006-01-02"

// DayLayout is how a day read from what was typed is said back to the
// facilitator, so a relative date shows the day it names: "Friday 20
// March 2026".
const DayLayout = "Monday 2 January 2006"

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
	return parseDay(text, today, false, "due date %q: use YYYY-MM-DD, today, tomorrow, +3d, +2w or a weekday")
}

// ParseDate reads a date answer ("When did this last happen?") as a
// facilitator types it and returns it as YYYY-MM-DD, counted from today.
// Such a date is most often in the past, so besides everything ParseDue
// takes it reads:
//
//   - yesterday (yest)
//   - N days or weeks ago: -3d, -3, -2w, "3d ago", "2 weeks ago"
//   - last fri, last friday: the latest one before today (on a Friday, a
//     week ago); next fri is the same as fri
//
// A bare weekday keeps the meaning it has for a due date, the coming one:
// one word means one day everywhere in the app, a date prompt may as well
// ask about the future ("When is the next steering meeting?"), and the
// editor says the day it read ("→ Friday 20 March 2026") as it is typed,
// so "last fri" is one word away when the past was meant.
func ParseDate(text string, today time.Time) (string, error) {
	// The words for what a date takes live with the kind, where the
	// runner's hint and accessible mode read them too.
	return parseDay(text, today, true, "date %q: use "+playbooks.KindOf(playbooks.KindDate).How)
}

// parseDay is ParseDue, and with past also ParseDate's words for days
// gone by; bad is the error's format, given the text.
func parseDay(text string, today time.Time, past bool, bad string) (string, error) {
	s := strings.Join(strings.Fields(strings.ToLower(text)), " ")
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
		return day.AddDate(0, 0, days(n, unit)).Format(DateLayout), nil
	}
	if wd, ok := weekday(s); ok {
		return day.AddDate(0, 0, daysFrom(day.Weekday(), wd)).Format(DateLayout), nil
	}
	if past {
		if s == "yesterday" || s == "yest" {
			return day.AddDate(0, 0, -1).Format(DateLayout), nil
		}
		if n, unit, ok := back(s); ok {
			return day.AddDate(0, 0, -days(n, unit)).Format(DateLayout), nil
		}
		if name, ok := strings.CutPrefix(s, "next "); ok {
			if wd, ok := weekday(name); ok {
				return day.AddDate(0, 0, daysFrom(day.Weekday(), wd)).Format(DateLayout), nil
			}
		}
		if name, ok := strings.CutPrefix(s, "last "); ok {
			if wd, ok := weekday(name); ok {
				return day.AddDate(0, 0, -daysFrom(wd, day.Weekday())).Format(DateLayout), nil
			}
		}
	}
	return "", fmt.Errorf(bad, text)
}

// weekday reads a weekday's name or its start, three letters at least:
// "fri", "frid", "friday".
func weekday(s string) (time.Weekday, bool) {
	if len(s) < 3 {
		return 0, false
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if strings.HasPrefix(strings.ToLower(wd.String()), s) {
			return wd, true
		}
	}
	return 0, false
}

// daysFrom is how many days from a from day to the next to day: 1 to 7,
// a week when they are the same day.
func daysFrom(from, to time.Weekday) int {
	n := (int(to) - int(from) + 7) % 7
	if n == 0 {
		n = 7
	}
	return n
}

// days is n units (days or weeks) in days.
func days(n int, unit byte) int {
	if unit == 'w' {
		return n * 7
	}
	return n
}

// back reads a count of days or weeks before today: "-3d", "-3", "-2w",
// "3d ago", "3 days ago", "1 week ago".
func back(s string) (n int, unit byte, ok bool) {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		if rest == "" || rest[0] < '0' || rest[0] > '9' {
			return 0, 0, false
		}
		return relative(rest)
	}
	rest, ok := strings.CutSuffix(s, " ago")
	if !ok {
		return 0, 0, false
	}
	for _, w := range []struct{ long, short string }{{" days", "d"}, {" day", "d"}, {" weeks", "w"}, {" week", "w"}} {
		if count, ok := strings.CutSuffix(rest, w.long); ok {
			rest = count + w.short
			break
		}
	}
	if rest == "" || rest[0] < '0' || rest[0] > '9' {
		return 0, 0, false
	}
	return relative(rest)
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
