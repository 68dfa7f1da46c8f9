package field

import (
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// journeyField edits the stages of a customer journey. Stages without focus
// are one row each; the stage with focus opens as a small form (name, what
// they do, touchpoints, feeling, pains, opportunities). up/down and enter
// walk the form and run on into the next or previous stage.
type journeyField struct {
	base
	stages  []session.JourneyStage // never empty
	cur     int
	row     int
	box     textBox
	confirm bool // ctrl+d was pressed once on a stage with content
}

// The rows of a stage's form.
const (
	jName = iota
	jDoing
	jTouchpoints
	jFeeling
	jPains
	jOpportunities
	jRows
)

var journeyLabels = [jRows]string{"Name", "Doing", "Touchpoints", "Feeling", "Pains", "Opportunities"}

// journeyHints are the editor's hints on each text row.
var journeyHints = [jRows]string{"name of the stage", "what the customer does", "where they meet you",
	"", "what hurts here", "what could be better"}

const journeyLabel = 15 // label width; the form is indented 4

func newJourney(b base, a session.Answer) *journeyField {
	f := &journeyField{base: b, stages: slices.Clone(a.Stages)}
	if len(f.stages) == 0 {
		f.stages = []session.JourneyStage{{}}
	}
	f.box = newBox(f.stages[0].Name, false, b.st.Editor, journeyHints[jName])
	f.box.room(f.Answer(session.Answer{}))
	return f
}

// text is the string behind a text row of stage s (nil for the feeling row).
func text(s *session.JourneyStage, row int) *string {
	switch row {
	case jName:
		return &s.Name
	case jDoing:
		return &s.Doing
	case jTouchpoints:
		return &s.Touchpoints
	case jPains:
		return &s.Pains
	case jOpportunities:
		return &s.Opportunities
	}
	return nil
}

// Update walks the form, changes the feeling, adds and deletes stages, and
// forwards the rest to the editor of the text row with focus.
func (f *journeyField) Update(msg tea.Msg) (Field, tea.Cmd) {
	if f.reserved(msg) {
		return f, nil
	}
	confirm := f.confirm
	f.confirm = false
	k, ok := msg.(tea.KeyPressMsg)
	if ok {
		switch {
		case key.Matches(k, f.keys.Up):
			if f.row > 0 {
				f.goTo(f.cur, f.row-1)
			} else if f.cur > 0 {
				f.goTo(f.cur-1, jRows-1)
			}
			return f, nil
		case key.Matches(k, f.keys.Down), key.Matches(k, f.keys.NextField):
			switch {
			case f.row < jRows-1:
				f.goTo(f.cur, f.row+1)
			case f.cur < len(f.stages)-1:
				f.goTo(f.cur+1, 0)
			case key.Matches(k, f.keys.NextField):
				f.add() // enter past the last field starts the next stage
			}
			return f, nil
		case key.Matches(k, f.keys.PrevNextPage):
			if key.Matches(k, f.keys.PrevPage) && f.cur > 0 {
				f.goTo(f.cur-1, f.row)
			} else if key.Matches(k, f.keys.NextPage) && f.cur < len(f.stages)-1 {
				f.goTo(f.cur+1, f.row)
			}
			return f, nil
		case key.Matches(k, f.keys.New):
			f.add()
			return f, nil
		case key.Matches(k, f.keys.Delete):
			if f.stages[f.cur] == (session.JourneyStage{}) || confirm {
				f.remove()
			} else {
				f.confirm = true
			}
			return f, nil
		}
		if f.row == jFeeling {
			switch {
			case key.Matches(k, f.keys.Left, f.keys.Minus):
				f.feel(-1)
			case key.Matches(k, f.keys.Right, f.keys.Plus):
				f.feel(+1)
			}
			return f, nil
		}
	}
	if f.row == jFeeling {
		return f, nil
	}
	changed, cmd := f.box.update(msg)
	if changed {
		*text(&f.stages[f.cur], f.row) = f.box.value()
		f.changed()
	}
	return f, cmd
}

func (f *journeyField) feel(d int) {
	s := &f.stages[f.cur]
	if n := min(2, max(-2, s.Feeling+d)); n != s.Feeling {
		s.Feeling = n
		f.changed()
	}
}

// goTo moves focus to stage i, row r, loading the row's text into the editor.
func (f *journeyField) goTo(i, r int) {
	f.cur, f.row = i, r
	if t := text(&f.stages[i], r); t != nil {
		f.box.load(*t, journeyHints[r])
		f.box.room(f.Answer(session.Answer{}))
		f.box.focus(f.focused)
	} else {
		f.box.focus(false)
	}
}

// add inserts an empty stage after the current one and goes to its name.
// An empty stage is not part of the value until something is typed in it.
func (f *journeyField) add() {
	f.stages = slices.Insert(f.stages, f.cur+1, session.JourneyStage{})
	f.goTo(f.cur+1, jName)
}

func (f *journeyField) remove() {
	if f.stages[f.cur] != (session.JourneyStage{}) {
		f.changed()
	}
	f.stages = slices.Delete(f.stages, f.cur, f.cur+1)
	if len(f.stages) == 0 {
		f.stages = []session.JourneyStage{{}}
	}
	f.goTo(max(0, f.cur-1), jName)
}

// View lists the stages, the current one opened as its form. Only the rows
// in view are drawn.
func (f *journeyField) View() string {
	cur, focus := f.form()
	height := func(i int) int {
		if i == f.cur {
			return len(cur)
		}
		return 1
	}
	render := func(i int) []string {
		if i == f.cur {
			return cur
		}
		s := f.stages[i]
		return []string{"  " + f.pt.Muted.Render(strconv.Itoa(i+1)+". ") + f.stageName(s.Name, f.width) + "  " + f.feeling(s.Feeling)}
	}
	return fitBlocks(len(f.stages), height, render, f.cur+focus, f.width, f.height)
}

func (f *journeyField) stageName(name string, w int) string {
	if name == "" {
		return f.pt.Muted.Render("(unnamed stage)")
	}
	return f.pt.Text.Render(show(name, w))
}

// form draws the current stage's form and says which of its rows has focus.
func (f *journeyField) form() (lines []string, focus int) {
	s := f.stages[f.cur]
	lines = make([]string, 0, jRows+2)
	lines = append(lines, "  "+f.pt.Selected.Render("Stage "+strconv.Itoa(f.cur+1)+" of "+strconv.Itoa(len(f.stages))))
	if f.confirm {
		lines = append(lines, "    "+f.pt.Error.Render(f.keys.Delete.Help().Key+" again deletes this stage"))
	}
	for r := range jRows {
		l := "  " + f.marker(r == f.row) + f.label(journeyLabels[r], journeyLabel, r == f.row)
		if r == f.row {
			focus = len(lines)
		}
		switch {
		case r == jFeeling:
			lines = append(lines, l+f.scale(s.Feeling))
		case r == f.row:
			lines = append(lines, hang(l, f.box.rows(f.width-4-journeyLabel, subRows), 4+journeyLabel)...)
		default:
			lines = append(lines, l+f.pt.Text.Render(show(*text(&s, r), f.width)))
		}
	}
	return lines, focus
}

// feeling is a stage's feeling as a signed number.
func (f *journeyField) feeling(v int) string {
	switch {
	case v > 0:
		return f.pt.Good.Render("+" + strconv.Itoa(v))
	case v < 0:
		return f.pt.Bad.Render(strconv.Itoa(v))
	}
	return f.pt.Muted.Render("0")
}

// scale is the feeling row: -2..+2 with the current value in brackets.
func (f *journeyField) scale(v int) string {
	out := ""
	for n := -2; n <= 2; n++ {
		if n > -2 {
			out += " "
		}
		s := strconv.Itoa(n)
		if n > 0 {
			s = "+" + s
		}
		if n == v {
			st := f.pt.Selected
			if n > 0 {
				st = f.pt.Good
			} else if n < 0 {
				st = f.pt.Bad
			}
			out += st.Render("[" + s + "]")
		} else {
			out += f.pt.Muted.Render(s)
		}
	}
	return out
}

// SetSize records the space; the editor takes what the label leaves.
func (f *journeyField) SetSize(w, h int) {
	f.setSize(w, h)
	f.box.resize(f.width-4-journeyLabel, subRows)
}

// Focus gives the row with focus the cursor.
func (f *journeyField) Focus() { f.focused = true; f.box.focus(f.row != jFeeling) }

// Blur takes it away.
func (f *journeyField) Blur() { f.focused = false; f.box.focus(false) }

// Answer writes the stages that have anything in them, in order.
func (f *journeyField) Answer(a session.Answer) session.Answer {
	a.Stages = filled(f.stages, session.JourneyStage{})
	return a
}

// Version moves with every change of a stage's content.
func (f *journeyField) Version() uint64 { return f.version }

// Keys are walking the form, the feeling (on its row), adding and deleting.
func (f *journeyField) Keys() []key.Binding {
	ks := []key.Binding{describe(f.keys.Move, "field"), f.keys.NextField}
	if f.row == jFeeling {
		ks = append(ks, withHelp(f.keys.Feeling, "-/+ ←/→", "feeling"))
	}
	return append(ks,
		describe(f.keys.PrevNextPage, "stage"),
		describe(f.keys.New, "add stage"),
		describe(f.keys.Delete, "delete stage"))
}
