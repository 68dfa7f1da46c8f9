package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// The journey map: the stages of a journey answer as a grid, one column per
// stage and one row per thing the customer does, meets, feels, suffers and
// could gain, with the feeling line across the stages underneath, so the
// low point of the journey is visible at a glance. It scrolls sideways when
// the stages do not fit.

// journeyPrompts is the session's journey prompts in the order they are
// asked (internal ones too: the map is the facilitator's).
func journeyPrompts(s *session.Session) []playbooks.Prompt {
	var out []playbooks.Prompt
	for _, st := range s.Steps() {
		if st.Prompt.Kind == playbooks.KindJourney {
			out = append(out, st.Prompt)
		}
	}
	return out
}

// journeyScreen is the journey map of one session.
type journeyScreen struct {
	screenBase
	prompts []playbooks.Prompt
	which   int // index in prompts
	first   int // the first stage in view
}

func newJourneyScreen(deps Deps, sess *session.Session, st *Styles, keys *keyMap, bar *statusBar) *journeyScreen {
	return &journeyScreen{screenBase: newScreenBase(deps, sess, st, keys, bar), prompts: journeyPrompts(sess)}
}

// shownPrompts is the journey prompts on screen: in present mode, not the
// internal ones.
func (j *journeyScreen) shownPrompts() []playbooks.Prompt {
	if !j.present {
		return j.prompts
	}
	var out []playbooks.Prompt
	for _, p := range j.prompts {
		if !p.Internal {
			out = append(out, p)
		}
	}
	return out
}

func (j *journeyScreen) stages() []session.JourneyStage {
	ps := j.shownPrompts()
	if len(ps) == 0 {
		return nil
	}
	if a := j.sess.Answers[ps[min(j.which, len(ps)-1)].ID]; a != nil {
		return a.Stages
	}
	return nil
}

// Grid geometry: a label column, then stage columns of at least
// journeyColMin cells, each followed by a one-cell gap.
const (
	journeyLabelW = 14
	journeyColMin = 18
)

// columns is how many stages fit side by side and how wide each is.
func (j *journeyScreen) columns() (n, w int) {
	avail := j.width - journeyLabelW
	n = max(1, avail/(journeyColMin+1))
	if total := len(j.stages()); total > 0 && n > total {
		n = total
	}
	w = max(4, avail/n-1)
	return n, w
}

func (j journeyScreen) update(msg tea.Msg) (journeyScreen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return j, nil
	}
	keys := j.keysNow()
	if j.showHelp {
		if key.Matches(k, keys.Help, keys.Back) {
			j.showHelp = false
		}
		return j, nil
	}
	n, _ := j.columns()
	last := max(0, len(j.stages())-n)
	switch {
	case key.Matches(k, keys.Back):
		return j, msgCmd(backMsg{})
	case key.Matches(k, keys.Help):
		j.showHelp = true
	case key.Matches(k, j.keys.Journey.Present):
		j.which = 0
		return j, togglePresent
	case key.Matches(k, keys.Left):
		j.first = max(0, j.first-1)
	case key.Matches(k, keys.Right):
		j.first = min(last, j.first+1)
	case key.Matches(k, keys.First):
		j.first = 0
	case key.Matches(k, keys.Last):
		j.first = last
	case key.Matches(k, keys.Next):
		if n := len(j.shownPrompts()); n > 1 {
			j.which = (j.which + 1) % n
			j.first = 0
		}
	}
	return j, nil
}

func (j journeyScreen) view() string {
	stages := j.stages()
	ps := j.shownPrompts()
	sub := "no journey prompt in this playbook"
	if len(ps) > 0 {
		which := min(j.which, len(ps)-1)
		sub = cleanLine(ps[which].Question)
		if len(ps) > 1 {
			sub = fmt.Sprintf("%d of %d · %s", which+1, len(ps), sub)
		}
	}
	if n, _ := j.columns(); len(stages) > n {
		sub = fmt.Sprintf("stages %d-%d of %d · %s", j.first+1, min(j.first+n, len(stages)), len(stages), sub)
	}
	return j.frame("Journey map", j.styles.Dim.Render(truncate(sub, j.width)), "JOURNEY", j.body(), j.helpKeys())
}

// journeyRow is one row of the grid: its label and each stage's text.
type journeyRow struct {
	label string
	text  func(session.JourneyStage) string
}

var journeyRows = []journeyRow{
	{"What they do", func(s session.JourneyStage) string { return s.Doing }},
	{"Touchpoints", func(s session.JourneyStage) string { return s.Touchpoints }},
	{"Pains", func(s session.JourneyStage) string { return s.Pains }},
	{"Opportunities", func(s session.JourneyStage) string { return s.Opportunities }},
}

// feelingCell is a feeling as the grid shows it: the number and a mark.
func feelingCell(f int) string {
	mark := "■"
	switch {
	case f > 0:
		mark = strings.Repeat("▲", f)
	case f < 0:
		mark = strings.Repeat("▼", -f)
	}
	return session.FormatSigned(f) + " " + mark
}

func (j *journeyScreen) body() []string {
	st := j.styles
	stages := j.stages()
	if len(stages) == 0 {
		msg := "No stages yet."
		if len(j.shownPrompts()) == 0 {
			msg = "This session's playbook has no journey prompt."
		}
		return []string{st.Dim.Render(msg), "",
			st.Dim.Render("Answer a journey prompt in the runner: a stage per step the customer"),
			st.Dim.Render("goes through, with what they do, touchpoints, feeling, pains and"),
			st.Dim.Render("opportunities. The map draws them side by side.")}
	}
	n, w := j.columns()
	j.first = max(0, min(j.first, len(stages)-n))
	shown := stages[j.first:min(j.first+n, len(stages))]
	fl := session.JourneyFeeling(stages)

	// cells joins one line of each shown stage after the label.
	cells := func(label string, parts []string, style func(i int, s string) string) string {
		line := padRight(st.TipsTitle.Render(truncate(label, journeyLabelW-1)), journeyLabelW)
		for i, p := range parts {
			p = padRight(truncate(p, w), w)
			if style != nil {
				p = style(i, p)
			}
			line += p + " "
		}
		return line
	}
	names := make([]string, len(shown))
	feel := make([]string, len(shown))
	for i, s := range shown {
		names[i] = cleanLine(s.Name)
		if names[i] == "" {
			names[i] = fmt.Sprintf("Stage %d", j.first+i+1)
		}
		feel[i] = feelingCell(s.Feeling)
	}
	lines := []string{
		cells("Stage", names, func(_ int, s string) string { return st.PhaseRow.Render(s) }),
		st.Rule.Render(strings.Repeat("─", j.width)),
		cells("Feeling", feel, func(i int, s string) string {
			switch idx := j.first + i; {
			case idx == fl.Low && stages[idx].Feeling < 0:
				return st.Warning.Render(s)
			case idx == fl.High && stages[idx].Feeling > 0:
				return st.QuickWin.Render(s)
			}
			return s
		}),
	}

	// The text rows share what height is left after the feeling line.
	const footer = 3 // a blank line, the feeling line and its legend
	avail := max(j.bodyHeight()-len(lines)-footer, len(journeyRows))
	wrapped := make([][][]string, len(journeyRows))
	need := make([]int, len(journeyRows))
	for r, row := range journeyRows {
		wrapped[r] = make([][]string, len(shown))
		for i, s := range shown {
			wrapped[r][i] = strings.Split(wrapText(cleanLine(row.text(s)), w), "\n")
			need[r] = max(need[r], len(wrapped[r][i]))
		}
	}
	heights := shareRows(need, avail)
	for r, row := range journeyRows {
		for l := 0; l < heights[r]; l++ {
			label := ""
			if l == 0 {
				label = row.label
			}
			parts := make([]string, len(shown))
			for i := range shown {
				cell := wrapped[r][i]
				switch {
				case l < len(cell) && l == heights[r]-1 && len(cell) > heights[r]:
					parts[i] = truncate(cell[l]+" …", w) // more than fits: say so
				case l < len(cell):
					parts[i] = cell[l]
				}
			}
			lines = append(lines, cells(label, parts, nil))
		}
	}

	line := "Feeling line  " + fl.Spark
	if stages[fl.Low].Feeling < stages[fl.High].Feeling {
		line += fmt.Sprintf("   lowest: %s %s · highest: %s %s",
			cleanLine(stages[fl.Low].Name), session.FormatSigned(stages[fl.Low].Feeling),
			cleanLine(stages[fl.High].Name), session.FormatSigned(stages[fl.High].Feeling))
	}
	lines = append(lines, "", truncate(line, j.width))
	more := []string{}
	if j.first > 0 {
		more = append(more, fmt.Sprintf("← %d earlier", j.first))
	}
	if after := len(stages) - j.first - len(shown); after > 0 {
		more = append(more, fmt.Sprintf("%d later →", after))
	}
	if len(more) > 0 {
		lines = append(lines, st.Dim.Render(strings.Join(more, " · ")))
	}
	return lines
}

// wrapText wraps s to width cells, breaking long words; "" stays one empty
// line.
func wrapText(s string, width int) string {
	lines := wrapLines(s, width, 1<<20)
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n")
}

// shareRows gives each row the lines it needs when they all fit in avail,
// and otherwise shares avail out a line at a time to the rows that still
// need more, so no row vanishes and none hogs the screen.
func shareRows(need []int, avail int) []int {
	out := make([]int, len(need))
	total := 0
	for i, n := range need {
		out[i] = 1
		total += max(n, 1)
	}
	if total <= avail {
		for i, n := range need {
			out[i] = max(n, 1)
		}
		return out
	}
	left := avail - len(need)
	for left > 0 {
		gave := false
		for i := range out {
			if left > 0 && out[i] < need[i] {
				out[i]++
				left--
				gave = true
			}
		}
		if !gave {
			break
		}
	}
	return out
}

func (j *journeyScreen) helpKeys() help.KeyMap {
	k := j.keys.Journey
	if j.showHelp {
		return bindingSet{short: []key.Binding{closeHelpKey(k.Help, k.Back)}, full: j.fullKeys()}
	}
	k = j.keysNow()
	return bindingSet{short: []key.Binding{k.Left, k.Right, k.Next, k.Back, k.Help}, full: j.fullKeys()}
}

// keysNow is the map's keys as they apply now, for both its help bar and
// update: sideways while stages are out of view, the next journey when
// there is another.
func (j *journeyScreen) keysNow() journeyKeys {
	k := j.keys.Journey
	n, _ := j.columns()
	total := len(j.stages())
	k.Left.SetEnabled(j.first > 0)
	k.Right.SetEnabled(j.first+n < total)
	k.Next.SetEnabled(len(j.shownPrompts()) > 1)
	return k
}

func (j *journeyScreen) fullKeys() [][]key.Binding {
	k := j.keys.Journey
	return [][]key.Binding{{k.Left, k.Right, k.First, k.Last}, {k.Next, j.keys.Journey.Present, k.Back, k.Help, j.keys.Common.Quit}}
}
