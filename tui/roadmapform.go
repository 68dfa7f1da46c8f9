package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// The board's overlays (overlay.go), as the capture form is the runner's:
// the item form, which makes or edits a roadmap item, and the evidence
// picker, which links quotes or pains to one. Each takes the keys until it
// closes, and closing returns to the board as it was.

// Fields of the item form.
const (
	fieldTitle = iota
	fieldOwner
	fieldTarget
	fieldCount
)

// itemForm makes a roadmap item in the selected horizon, or edits one.
type itemForm struct {
	inputs  [fieldCount]textinput.Model
	focus   int
	editID  string // the item edited; "" makes a new one in the board's column
	initial [fieldCount]string
	discard bool // "discard your changes?" is asked
}

// openForm opens the item form on the item id, or on a new item when id
// is "".
func (b *roadmapScreen) openForm(id string) tea.Cmd {
	f := &itemForm{editID: id}
	var vals [fieldCount]string
	if it, ok := b.sess.RoadmapItem(id); ok && id != "" {
		// Shown sanitised on one line: the form never draws a control
		// sequence, and a title that had one is saved without it.
		vals = [fieldCount]string{cleanLine(it.Title), cleanLine(it.Owner), cleanLine(it.Target)}
	}
	for i, p := range []string{"Title  ", "Owner  ", "Target "} {
		f.inputs[i] = textinput.New()
		f.inputs[i].Prompt = p
		f.inputs[i].SetValue(vals[i])
		f.inputs[i].CursorEnd()
	}
	f.inputs[fieldOwner].Placeholder = "who on the client's side carries it"
	f.inputs[fieldTarget].Placeholder = "when, e.g. Q1, January, 2026-03-31"
	f.setStyles(b.styles)
	f.setWidth(b.width)
	f.initial = vals
	b.over.push(f)
	return f.inputs[f.focus].Focus()
}

func (f *itemForm) setWidth(w int) {
	for i := range f.inputs {
		f.inputs[i].SetWidth(max(w-lipgloss.Width(f.inputs[i].Prompt)-1, 1))
	}
}

func (f *itemForm) setStyles(st *Styles) {
	for i := range f.inputs {
		f.inputs[i].SetStyles(st.Input)
	}
}

func (f *itemForm) changed() bool {
	for i := range f.inputs {
		if f.inputs[i].Value() != f.initial[i] {
			return true
		}
	}
	return false
}

func (f *itemForm) update(b *roadmapScreen, msg tea.Msg) tea.Cmd {
	fk := b.keys.Board.Form
	k, isKey := msg.(tea.KeyPressMsg)
	if f.discard {
		if !isKey {
			return nil
		}
		switch {
		case key.Matches(k, fk.Discard):
			b.over.pop()
			b.setNote("changes dropped")
		case key.Matches(k, fk.Keep):
			f.discard = false
			return f.inputs[f.focus].Focus()
		}
		return nil
	}
	if isKey {
		switch {
		case key.Matches(k, fk.Cancel):
			if f.changed() {
				f.inputs[f.focus].Blur()
				f.discard = true
				return nil
			}
			b.over.pop()
			return nil
		case key.Matches(k, fk.Next), key.Matches(k, fk.Prev):
			d := 1
			if key.Matches(k, fk.Prev) {
				d = fieldCount - 1
			}
			f.inputs[f.focus].Blur()
			f.focus = (f.focus + d) % fieldCount
			return f.inputs[f.focus].Focus()
		case key.Matches(k, fk.Save):
			f.save(b)
			return nil
		}
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return cmd
}

// save makes or changes the item and closes the form; a form without a
// title stays open and says so.
func (f *itemForm) save(b *roadmapScreen) {
	title := strings.TrimSpace(f.inputs[fieldTitle].Value())
	if title == "" {
		b.setNote("a roadmap item needs a title")
		return
	}
	owner := strings.TrimSpace(f.inputs[fieldOwner].Value())
	target := strings.TrimSpace(f.inputs[fieldTarget].Value())
	now := b.now()
	b.over.pop()
	if f.editID == "" {
		it := session.RoadmapItem{ID: b.deps.NewID(), Title: title, Owner: owner, Target: target,
			Horizon: session.Horizons[b.col]}
		b.save(b.sess.AddRoadmap(it, now))
		b.focusItem(it.ID)
		b.setNote("added to " + it.Horizon.Title() + ": q links quotes, p links pains")
		return
	}
	it, ok := b.sess.RoadmapItem(f.editID)
	if !ok {
		b.setNote("that item is gone")
		return
	}
	if !f.changed() {
		return
	}
	// A field left as it was shown keeps what is stored, so sanitising
	// for display never rewrites text the user did not touch.
	if f.inputs[fieldTitle].Value() != f.initial[fieldTitle] {
		it.Title = title
	}
	if f.inputs[fieldOwner].Value() != f.initial[fieldOwner] {
		it.Owner = owner
	}
	if f.inputs[fieldTarget].Value() != f.initial[fieldTarget] {
		it.Target = target
	}
	b.save(b.sess.PutRoadmap(it, now))
	b.setNote("saved")
}

func (f *itemForm) body(b *roadmapScreen, _ []string, _, _ int) []string {
	st := b.styles
	var title string
	if f.editID == "" {
		title = "New roadmap item in " + session.Horizons[b.col].Title()
	} else if it, ok := b.sess.RoadmapItem(f.editID); ok {
		title = fmt.Sprintf("Edit “%s” (%s)", cleanLine(it.Title), it.Horizon.Title())
	}
	out := []string{st.PhaseRow.Render(truncate(title, b.width)), ""}
	for i := range f.inputs {
		out = append(out, f.inputs[i].View())
	}
	out = append(out, "")
	if f.discard {
		out = append(out, st.Warning.Render("Discard your changes? y drops them, n keeps editing."))
	} else {
		out = append(out, st.Dim.Render(truncate("Owner and target are optional; tab moves between fields.", b.width)))
	}
	return out
}

func (f *itemForm) helpKeys(b *roadmapScreen) help.KeyMap {
	k := b.keys.Board.Form
	if f.discard {
		return bindingSet{short: []key.Binding{k.Discard, k.Keep}}
	}
	return bindingSet{short: []key.Binding{k.Save, k.Next, k.Prev, k.Cancel}}
}

func (f *itemForm) badge() string {
	if f.editID == "" {
		return "NEW ITEM"
	}
	return "EDIT ITEM"
}

// evidencePicker links the quotes or the pains of the session to the
// selected item, or unlinks them.
type evidencePicker struct {
	kind session.CaptureKind
	list []session.Capture
	cur  int
}

// openPicker opens the picker of kind's captures that may be on screen, or
// says there are none.
func (b *roadmapScreen) openPicker(kind session.CaptureKind) {
	p := &evidencePicker{kind: kind}
	if kind == session.CapturePain {
		p.list = slices.DeleteFunc(session.RankPains(b.sess.Captures), func(c session.Capture) bool { return !b.shown(c) })
	} else {
		for _, c := range b.sess.Captures {
			if c.Kind == kind && b.shown(c) {
				p.list = append(p.list, c)
			}
		}
	}
	if len(p.list) == 0 {
		if kind == session.CapturePain {
			b.setNote("no pains in this session yet: ctrl+k p in the runner captures one")
		} else {
			b.setNote("no quotes in this session yet: ctrl+k q in the runner captures one")
		}
		return
	}
	b.over.push(p)
}

func (p *evidencePicker) update(b *roadmapScreen, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	pk := b.keys.Board.Pick
	switch {
	case key.Matches(k, pk.Done):
		b.over.pop()
	case key.Matches(k, pk.Up):
		p.cur = max(p.cur-1, 0)
	case key.Matches(k, pk.Down):
		p.cur = min(p.cur+1, len(p.list)-1)
	case key.Matches(k, pk.Toggle):
		it, ok := b.selected()
		if !ok || len(p.list) == 0 {
			return nil
		}
		c := p.list[p.cur]
		link := !it.Linked(c.ID)
		if e, ok := b.sess.LinkRoadmap(it.ID, c, link, b.now()); ok {
			b.save(e)
		}
		if link {
			b.setNote("linked as evidence")
		} else {
			b.setNote("unlinked")
		}
	}
	return nil
}

func (p *evidencePicker) body(b *roadmapScreen, _ []string, _, _ int) []string {
	st := b.styles
	it, _ := b.selected()
	what := "Quotes"
	if p.kind == session.CapturePain {
		what = "Pains, ranked,"
	}
	head := fmt.Sprintf("%s as evidence for “%s”", what, cleanLine(it.Title))
	lines := []string{st.PhaseRow.Render(truncate(head, b.width)), ""}
	var rows []string
	for i, c := range p.list {
		mark := "[ ] "
		if it.Linked(c.ID) {
			mark = "[x] "
		}
		lead := "  "
		if i == p.cur {
			lead = "▸ "
		}
		var tail string
		if c.Kind == session.CapturePain {
			tail = "  impact " + score1(c.Impact) + ", effort " + score1(c.Effort)
			if c.QuickWin() {
				tail += " quick"
			}
		} else {
			tail = "  " + mmss(c.At)
		}
		if c.Internal {
			tail += " internal"
		}
		text := cleanLine(c.Text)
		if c.Kind == session.CaptureQuote {
			text = "“" + text + "”"
		}
		line := joinEnds(lead+mark+text, st.Dim.Render(tail), b.width)
		if i == p.cur {
			line = st.Selected.Render(padRight(ansi.Strip(line), b.width))
		}
		rows = append(rows, line)
	}
	return append(lines, scrollTo(rows, p.cur, 1, b.bodyHeight()-len(lines), st)...)
}

func (p *evidencePicker) helpKeys(b *roadmapScreen) help.KeyMap {
	k := b.keys.Board.Pick
	return bindingSet{short: []key.Binding{k.Up, k.Down, k.Toggle, k.Done}}
}

func (p *evidencePicker) badge() string {
	if p.kind == session.CapturePain {
		return "LINK PAINS"
	}
	return "LINK QUOTES"
}

var (
	_ overlay[*roadmapScreen] = (*itemForm)(nil)
	_ overlay[*roadmapScreen] = (*evidencePicker)(nil)
)
