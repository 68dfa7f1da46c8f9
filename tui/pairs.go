package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// Our score beside theirs (session.MeasurePair): a client's pulse and the
// team's health checks rate the same measures from the two sides of the
// table. The scorecards screen and the summary load the client's other
// sessions for it; the timeline has them already. It is the team's
// reading, so none of it shows while presenting.

// othersLoadedMsg carries the other sessions of the client of session id,
// for the screen that asked.
type othersLoadedMsg struct {
	to     screen
	id     string
	others []*session.Session
	err    error
}

func (m othersLoadedMsg) owner() screen { return m.to }

// loadOthers loads the other sessions of s's client in a command, for the
// screen to; nil when there is no store, or s rates no measure (nothing
// would be paired).
func loadOthers(lib Sessions, s *session.Session, to screen) tea.Cmd {
	if lib == nil || s == nil || len(session.MeasurePairsOf(s, nil)) == 0 {
		return nil
	}
	id, client := s.ID, s.Client // read here: the command must not touch the live session
	return func() tea.Msg {
		msg := othersLoadedMsg{to: to, id: id}
		all, err := lib.List()
		if err != nil {
			msg.err = fmt.Errorf("listing sessions: %w", err)
			return msg
		}
		for _, ix := range session.ClientIndexes(all, client) {
			if ix.ID == id {
				continue
			}
			o, err := lib.Load(ix.ID)
			if err != nil {
				msg.err = fmt.Errorf("loading session %s: %w", ix.ID, err)
				return msg
			}
			msg.others = append(msg.others, o)
		}
		return msg
	}
}

// pairLines draws our score beside theirs, one measure a line: the
// client's rating, ours, the gap (ours minus theirs) and the measure in
// the client's words, a gap of session.WideGap or more called out. Only
// measures both sides rated are drawn; nil when there are none.
func pairLines(st *Styles, pairs []session.MeasurePair, w int) []string {
	var rows []string
	wide := 0
	for _, p := range pairs {
		if !p.Both() {
			continue
		}
		row := fmt.Sprintf("  %s %d  %s %d  %+3d  ", session.RatingBar(p.Theirs.Rating), p.Theirs.Rating,
			session.RatingBar(p.Ours.Rating), p.Ours.Rating, p.Gap())
		row = cut(row+cleanLine(p.Label()), w)
		if abs(p.Gap()) >= session.WideGap {
			row = st.Warning.Render(row)
			wide++
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil
	}
	out := []string{
		st.PhaseRow.Render(cut("Our score and theirs", w)),
		st.Dim.Render(cut("  theirs   ours     gap  (the client's latest rating beside ours)", w)),
	}
	out = append(out, rows...)
	if wide > 0 {
		has := "measures have"
		if wide == 1 {
			has = "measure has"
		}
		out = append(out, st.Warning.Render(cut(fmt.Sprintf("  ⚑ %d %s a gap of %d or more: ask the client about %s first.",
			wide, has, session.WideGap, pronoun(wide)), w)))
	}
	return append(out, "")
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
