package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
	"rapport/tui/editor"
)

// Sessions as people: who is in the room. A follow-up asks for its
// contacts before it starts, pre-filled from the session it follows (the
// timeline, timeline.go); the runner edits a session's contacts and
// facilitator at any time (C, the peopleForm overlay below).

// peopleInput is the contacts, one a line as "Name, role", and the
// facilitator; tab moves between them.
type peopleInput struct {
	contacts    editor.Model
	facilitator editor.Model
	onFac       bool // the facilitator's line has the cursor
}

func newPeopleInput(cs []session.Contact, facilitator string, st editor.Styles) peopleInput {
	c := editor.New()
	c.SetMultiline(true)
	c.SetStyles(st)
	c.SetPlaceholder("one a line: Name, role")
	c.SetValue(contactLines(cs))
	c.CursorEnd()
	c.Focus()
	f := editor.New()
	f.SetMultiline(false)
	f.SetStyles(st)
	f.SetPlaceholder("your name")
	f.SetValue(facilitator)
	f.CursorEnd()
	f.SetHeight(1)
	return peopleInput{contacts: c, facilitator: f}
}

// contactLines writes contacts one a line, as parseContacts reads them.
func contactLines(cs []session.Contact) string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = c.String()
	}
	return strings.Join(lines, "\n")
}

// values is what the form holds now.
func (p *peopleInput) values() ([]session.Contact, string) {
	return parseContacts(p.contacts.Value()), strings.TrimSpace(p.facilitator.Value())
}

// update moves between the fields on tab and hands anything else to the
// one with the cursor; changed says whether the text changed.
func (p *peopleInput) update(msg tea.Msg, k peopleKeys) (changed bool, cmd tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, k.Next) {
		p.onFac = !p.onFac
		if p.onFac {
			p.contacts.Blur()
			p.facilitator.Focus()
		} else {
			p.facilitator.Blur()
			p.contacts.Focus()
		}
		return false, nil
	}
	ed := &p.contacts
	if p.onFac {
		ed = &p.facilitator
	}
	before := ed.Version()
	*ed, cmd = ed.Update(msg)
	return ed.Version() != before, cmd
}

// peopleLabelW is the width of the form's label column.
const peopleLabelW = 15

// rows draws the two fields w cells wide, the contacts up to n lines.
func (p *peopleInput) rows(st *Styles, w, n int) []string {
	label := func(s string, on bool) string {
		if on {
			return st.Selected.Render(padRight("› "+s, peopleLabelW))
		}
		return st.Dim.Render(padRight("  "+s, peopleLabelW))
	}
	edW := max(w-peopleLabelW, 1)
	lines := max(min(p.contacts.LineCount()+1, n), 1)
	var out []string
	for i, row := range editorRows(&p.contacts, edW, lines) {
		if i == 0 {
			out = append(out, label("Contacts", !p.onFac)+row)
		} else {
			out = append(out, strings.Repeat(" ", peopleLabelW)+row)
		}
	}
	return append(out, label("Facilitator", p.onFac)+editorRows(&p.facilitator, edW, 1)[0])
}

// keys is the form's help: enter adds a contact's line, tab moves on.
func (p *peopleInput) keys(k peopleKeys) []key.Binding {
	if p.onFac {
		return []key.Binding{k.Next}
	}
	return []key.Binding{k.NewLine, k.Next}
}

// peopleForm is the runner's overlay for the session's contacts and
// facilitator, saved as they are typed.
type peopleForm struct{ in peopleInput }

// openPeople opens the form over the runner.
func (r *runner) openPeople() {
	r.pushOverlay(&peopleForm{in: newPeopleInput(r.sess.Contacts, r.sess.Facilitator, r.styles.field.Editor)})
}

func (f *peopleForm) update(r *runner, msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, r.keys.People.Done) {
		r.popOverlay()
		r.setNote("contacts and facilitator saved")
		return nil
	}
	changed, cmd := f.in.update(msg, r.keys.People)
	if changed {
		cs, fac := f.in.values()
		r.save(r.sess.SetPeople(cs, fac, r.now()))
	}
	return cmd
}

func (f *peopleForm) body(r *runner, under []string, w, h int) []string {
	s := r.styles
	rows := []string{s.PhaseRow.Render("Who is in the room") + s.Dim.Render(" · contacts one a line: Name, role")}
	rows = append(rows, f.in.rows(s, max(w-4, 1), min(6, max(h-5, 1)))...)
	return overlayBottom(r, under, rows, w, h)
}

func (f *peopleForm) helpKeys(r *runner) help.KeyMap {
	return bindingSet{short: append(f.in.keys(r.keys.People), r.keys.People.Done)}
}

func (f *peopleForm) badge() string { return "PEOPLE" }

var _ overlay[*runner] = (*peopleForm)(nil)
