package tui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// The synthesis screen: the session's scorecards as bars with their
// evidence and average, the flags that fired with their reasons, and the
// trust ledger with its running balance. The numbers come from the same
// roll-ups as the summary (session/synthesis.go), so the two always agree.

// scroller is a list of lines seen through the body of a screen.
type scroller struct{ top int }

// scroll applies a scrolling key to top over n lines in a body of h; it
// reports whether the key was one.
func (s *scroller) scroll(k tea.KeyPressMsg, keys synthesisKeys, n, h int) bool {
	last := max(0, n-h)
	switch {
	case key.Matches(k, keys.Up):
		s.top--
	case key.Matches(k, keys.Down):
		s.top++
	case key.Matches(k, keys.PageUp):
		s.top -= max(h-1, 1)
	case key.Matches(k, keys.PageDown):
		s.top += max(h-1, 1)
	case key.Matches(k, keys.Top):
		s.top = 0
	case key.Matches(k, keys.Bottom):
		s.top = last
	default:
		return false
	}
	s.top = max(0, min(s.top, last))
	return true
}

// window is the lines in view, with a last line saying what is below when
// they do not fit.
func (s *scroller) window(st *Styles, lines []string, h int) []string {
	if h <= 0 {
		// A window of a few rows leaves no body under the header and the
		// help bar: show none of it rather than slice below zero.
		return nil
	}
	if len(lines) <= h {
		return lines
	}
	s.top = max(0, min(s.top, len(lines)-h))
	view := append([]string(nil), lines[s.top:min(s.top+h, len(lines))]...)
	if below := len(lines) - s.top - h; below > 0 {
		view[len(view)-1] = st.Dim.Render("↓ " + session.Plural(below+1, "more line", "more lines") + " (pgdn)")
	}
	return view
}

// synthesisScreen is the scorecards, flags and trust ledger of a session,
// and our score beside the client's for the measures it rates.
type synthesisScreen struct {
	screenBase
	scroller
	// others is the client's other sessions, once loaded (loadOthers).
	others []*session.Session
}

func newSynthesisScreen(deps Deps, sess *session.Session, st *Styles, keys *keyMap, bar *statusBar) *synthesisScreen {
	return &synthesisScreen{screenBase: newScreenBase(deps, sess, st, keys, bar)}
}

func (s synthesisScreen) update(msg tea.Msg) (synthesisScreen, tea.Cmd) {
	if m, ok := msg.(othersLoadedMsg); ok {
		if m.id == s.sess.ID && m.err == nil {
			s.others = m.others
		}
		return s, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	keys := s.keysNow()
	if s.showHelp {
		if key.Matches(k, keys.Help, keys.Back) {
			s.showHelp = false
		}
		return s, nil
	}
	switch {
	case key.Matches(k, keys.Back):
		return s, msgCmd(backMsg{})
	case key.Matches(k, keys.Help):
		s.showHelp = true
	case key.Matches(k, s.keys.Synthesis.Present):
		return s, togglePresent
	default:
		s.scroll(k, keys, len(s.lines()), s.bodyHeight())
	}
	return s, nil
}

// flags is the flags that fired, none while presenting: a flag is the
// facilitator's reading of an answer.
func (s *synthesisScreen) flags() []session.FlagHit {
	if s.present {
		return nil
	}
	return session.Flags(s.sess, s.audience())
}

func (s synthesisScreen) view() string {
	cards := session.Scorecards(s.sess, s.audience())
	flags := s.flags()
	sub := session.Plural(len(cards), "scorecard", "scorecards") + " · " + session.Plural(len(flags), "flag", "flags")
	return s.frame("Scorecards, flags and trust", s.styles.Dim.Render(sub), "SYNTHESIS",
		s.window(s.styles, s.lines(), s.bodyHeight()), s.helpKeys())
}

// lines is the whole synthesis, before scrolling.
func (s *synthesisScreen) lines() []string {
	st := s.styles
	w := s.width
	var out []string
	cards := session.Scorecards(s.sess, s.audience())
	for _, c := range cards {
		out = append(out, scorecardLines(st, c, w, !s.sess.Team())...)
		out = append(out, "")
	}
	var pairs []string
	if !s.present && s.others != nil {
		pairs = pairLines(st, session.MeasurePairsOf(s.sess, s.others), w)
		out = append(out, pairs...)
	}
	flags := s.flags()
	if len(flags) > 0 {
		out = append(out, st.PhaseRow.Render("Flags"))
		for _, f := range flags {
			out = append(out, flagLines(st, f, w)...)
		}
		out = append(out, "")
	}
	ledgers := 0
	for _, step := range s.sess.Steps() {
		if step.Prompt.Kind != playbooks.KindLedger || step.Prompt.Internal && s.present {
			continue
		}
		ledgers++
		var entries []session.LedgerEntry
		if a := s.sess.Answers[step.Prompt.ID]; a != nil {
			entries = a.Ledger
		}
		out = append(out, ledgerLines(st, step.Prompt, entries, w)...)
		out = append(out, "")
	}
	if len(cards) == 0 && len(flags) == 0 && ledgers == 0 && len(pairs) == 0 {
		return []string{
			st.Dim.Render("Nothing to roll up in this session."),
			"",
			st.Dim.Render("Rating prompts with a scorecard, prompts with a flag and trust ledgers"),
			st.Dim.Render("show here; the partnership-health and engagement-brief playbooks have them."),
		}
	}
	return out
}

// scorecardLines draws a scorecard: its name and average, then each prompt
// as a bar with its rating, its question and, under it, its evidence.
// markInternal marks internal prompts; a team session's are all internal,
// so it does not.
func scorecardLines(st *Styles, c session.Scorecard, w int, markInternal bool) []string {
	head := st.PhaseRow.Render(cleanLine(c.Name))
	if c.Rated > 0 {
		head += "  " + fmt.Sprintf("average %.1f/%d", c.Average(), session.MaxRating)
	}
	head += st.Dim.Render(fmt.Sprintf("  %d of %d rated", c.Rated, len(c.Lines)))
	out := []string{cut(head, w)}
	for _, l := range c.Lines {
		score := st.Dim.Render("░░░░░  –  ")
		if l.Rating > 0 {
			score = session.RatingBar(l.Rating) + fmt.Sprintf(" %d/%d ", l.Rating, session.MaxRating)
		}
		q := cleanLine(l.Prompt.Question)
		if l.Prompt.Internal && markInternal {
			q += " (internal)"
		}
		out = append(out, "  "+score+truncate(q, w-13))
		if e := cleanLine(l.Evidence); e != "" {
			out = append(out, st.Dim.Render(truncate("             “"+e+"”", w)))
		}
	}
	return out
}

// flagLines draws a flag that fired: the mark, the value and question,
// and the reason wrapped under it.
func flagLines(st *Styles, f session.FlagHit, w int) []string {
	out := []string{st.Warning.Render(truncate("  ⚑ "+f.Value+"  "+cleanLine(f.Prompt.Question), w))}
	for _, l := range wrapLines(cleanLine(f.Say), max(w-6, 1), 4) {
		out = append(out, "      "+st.Warning.Render(l))
	}
	return out
}

// ledgerLines draws a trust ledger: each entry with its amount and the
// balance after it, then the totals.
func ledgerLines(st *Styles, p playbooks.Prompt, entries []session.LedgerEntry, w int) []string {
	l := session.RunLedger(entries)
	title := cleanLine(p.Question)
	out := []string{st.PhaseRow.Render(truncate("Trust ledger · "+title, w))}
	if len(l.Lines) == 0 {
		return append(out, st.Dim.Render("  no deposits or withdrawals yet"))
	}
	out = append(out, st.Dim.Render("  amount  balance  entry"))
	for _, ln := range l.Lines {
		kind := "deposit"
		if ln.Entry.Kind == session.Withdrawal {
			kind = "withdrawal"
		}
		row := fmt.Sprintf("  %6s  %7s  ", session.FormatSigned(ln.Entry.Signed()), session.FormatSigned(ln.Balance))
		row += truncate(cleanLine(ln.Entry.Text)+" ("+kind+")", w-len(row))
		if ln.Entry.Kind == session.Withdrawal {
			row = st.Warning.Render(row)
		}
		out = append(out, row)
	}
	total := fmt.Sprintf("  Balance %s   deposits +%d · withdrawals -%d",
		session.FormatSigned(l.Balance), l.Deposits, l.Withdrawals)
	return append(out, st.Question.Render(truncate(total, w)))
}

func (s *synthesisScreen) helpKeys() help.KeyMap {
	k := s.keys.Synthesis
	if s.showHelp {
		return bindingSet{short: []key.Binding{closeHelpKey(k.Help, k.Back)}, full: s.fullKeys()}
	}
	k = s.keysNow()
	return bindingSet{short: []key.Binding{k.Up, k.Down, k.Back, k.Help}, full: s.fullKeys()}
}

// keysNow is the screen's keys as they apply now, for both its help bar
// and update: scrolling when the page is longer than the screen.
func (s *synthesisScreen) keysNow() synthesisKeys {
	k := s.keys.Synthesis
	more := len(s.lines()) > s.bodyHeight()
	k.Up.SetEnabled(more && s.top > 0)
	k.Down.SetEnabled(more)
	return k
}

func (s *synthesisScreen) fullKeys() [][]key.Binding {
	k := s.keys.Synthesis
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {s.keys.Synthesis.Present, k.Back, k.Help, s.keys.Common.Quit}}
}
