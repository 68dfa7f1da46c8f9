package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// jumpList is what the facilitator calls the runner's index (g or i): every
// phase and prompt with its state, filtered by what is typed, so any prompt
// is two or three keys away. In code "index" means the small record that
// listing reads (session.Index) and nothing else, so this is the jump list.
type jumpList struct {
	filter textinput.Model
	rows   []jumpRow
	sel    int // position in the list of visible prompt rows
	width  int
	// plan says how much of the session's time the core prompts need;
	// "" while presenting.
	plan string
}

// jumpRow is one prompt of the list, with its phase for headings.
type jumpRow struct {
	step     int
	phase    int
	phaseTxt string
	text     string // "○ question", sanitised
	question string // lower case, for filtering
	id       string // the prompt's id, lower case
	phaseKey string // the phase title, lower case
	required bool
	core     bool
	open     bool
}

func newJumpList() jumpList {
	ti := textinput.New()
	ti.Prompt = "Filter: "
	ti.Placeholder = "type to filter"
	return jumpList{filter: ti}
}

func (m *jumpList) setWidth(w int) {
	m.width = w
	m.filter.SetWidth(max(w-len(m.filter.Prompt)-1, 1))
}

// open rebuilds the rows from the session and selects the current prompt.
// While presenting it says nothing of core prompts, required marks or time:
// that is the facilitator's plan.
func (m *jumpList) open(s *session.Session, steps []session.Step, cur int, present bool) tea.Cmd {
	m.rows = m.rows[:0]
	m.plan = ""
	if p := s.Plan(); !present && p.Core > 0 {
		m.plan = fmt.Sprintf("◆ core prompts: about %s of the %s planned", minutes(p.Core), minutes(p.Length))
	}
	for i, st := range steps {
		state := session.StateOpen
		if a := s.Answers[st.Prompt.ID]; a != nil {
			state = a.State
		}
		q := cleanLine(st.Prompt.Question)
		ph := cleanLine(st.Phase.Title)
		phaseTxt := fmt.Sprintf("%d. %s", st.PhaseIndex+1, ph)
		if core := st.Phase.CoreTime(); !present && core > 0 {
			phaseTxt += fmt.Sprintf(" · %s, core %s", minutes(st.Phase.Timebox), minutes(core))
		}
		m.rows = append(m.rows, jumpRow{
			step:     i,
			phase:    st.PhaseIndex,
			phaseTxt: phaseTxt,
			text:     stateSymbol(state) + " " + q,
			question: strings.ToLower(q),
			id:       strings.ToLower(st.Prompt.ID),
			phaseKey: strings.ToLower(ph),
			required: st.Prompt.Required && !present,
			core:     st.Prompt.Core && !present,
			open:     state == session.StateOpen,
		})
	}
	m.filter.SetValue("")
	m.sel = 0
	for i, r := range m.rows {
		if r.step == cur {
			m.sel = i
		}
	}
	return m.filter.Focus()
}

// visible lists the rows that match the filter, best first: prompts whose
// question holds it, then those whose id does, then those whose phase
// title does, each in asking order. So "principles" selects a question
// about principles, not the first prompt of the phase "Partner principles".
func (m *jumpList) visible() []jumpRow {
	f := strings.ToLower(strings.TrimSpace(m.filter.Value()))
	if f == "" {
		return m.rows
	}
	var byQuestion, byID, byPhase []jumpRow
	for _, r := range m.rows {
		switch {
		case strings.Contains(r.question, f):
			byQuestion = append(byQuestion, r)
		case strings.Contains(r.id, f):
			byID = append(byID, r)
		case strings.Contains(r.phaseKey, f):
			byPhase = append(byPhase, r)
		}
	}
	return append(append(byQuestion, byID...), byPhase...)
}

func (m *jumpList) move(d int) {
	n := len(m.visible())
	if n == 0 {
		m.sel = 0
		return
	}
	m.sel = max(0, min(m.sel+d, n-1))
}

// selected returns the step of the selected row.
func (m *jumpList) selected() (int, bool) {
	v := m.visible()
	if m.sel < 0 || m.sel >= len(v) {
		return 0, false
	}
	return v[m.sel].step, true
}

// update feeds the filter; a changed filter selects its first match.
func (m jumpList) update(msg tea.Msg) (jumpList, tea.Cmd) {
	before := m.filter.Value()
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	if m.filter.Value() != before {
		m.sel = 0
	}
	return m, cmd
}

// view draws the filter and a window of rows around the selection, with a
// heading where the phase changes.
func (m jumpList) view(st *Styles, width, h int) []string {
	lines := []string{m.filter.View()}
	if m.plan != "" && h > 4 {
		lines = append(lines, st.Dim.Render(truncate(m.plan, width)))
	}
	v := m.visible()
	if len(v) == 0 {
		return append(lines, st.Dim.Render("no prompt matches"))
	}
	type line struct {
		s   string
		row int // index in v, -1 for headings
	}
	var all []line
	selLine := 0
	for i, r := range v {
		if i == 0 || v[i-1].phase != r.phase {
			all = append(all, line{st.PhaseRow.Render(r.phaseTxt), -1})
		}
		mark := ""
		if r.core {
			mark = " ◆"
		}
		if r.required && r.open {
			mark += " !"
		}
		// A question too long for the line ends on "…", its mark kept.
		text := "  " + truncate(r.text, max(width-2-len(mark), 1)) + mark
		if i == m.sel {
			selLine = len(all)
			text = st.Selected.Render("›" + text[1:])
		}
		all = append(all, line{text, i})
	}
	room := max(h-len(lines), 1)
	top := 0
	if selLine >= room {
		top = selLine - room + 1
	}
	end := min(top+room, len(all))
	for _, l := range all[top:end] {
		lines = append(lines, l.s)
	}
	return lines
}

// minutes writes a planned duration as people say it in a plan: "9 min",
// rounded to the minute ("1 min" at least).
func minutes(d time.Duration) string {
	return fmt.Sprintf("%d min", max(int(d.Round(time.Minute)/time.Minute), 1))
}
