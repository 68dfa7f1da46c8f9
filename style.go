package main

import (
	"strconv"
	"strings"
)

// glamourStyle is the glamour style for show and playbooks show, decided
// without asking the terminal anything (DECISIONS.md, "Command line"):
// "notty" under NO_COLOR; else the background COLORFGBG names ("15;0",
// "0;default;15": its last field), light for white (7 or 15); else dark.
func glamourStyle(noColor, colorFGBG string) string {
	if noColor != "" {
		return "notty"
	}
	if colorFGBG != "" {
		fields := strings.Split(colorFGBG, ";")
		if bg, err := strconv.Atoi(strings.TrimSpace(fields[len(fields)-1])); err == nil && (bg == 7 || bg == 15) {
			return "light"
		}
	}
	return "dark"
}
