package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/tui/editor"
)

// takeawaysForm is where the facilitator writes the session's key
// takeaways at wrap-up, one a line, when the playbook has no takeaways
// prompt of its own (with one, the wrap-up goes to that prompt). Every
// keystroke is saved, like an answer's, so closing it or quitting loses
// nothing; esc closes it.
type takeawaysForm struct {
	ed editor.Model
}

// openTakeaways opens the form over the wrap-up with what was written so far.
func (r *runner) openTakeaways() {
	ed := editor.New()
	ed.SetMultiline(true)
	ed.SetStyles(r.styles.field.Editor)
	ed.SetPlaceholder("three to five lines the client takes away, in their words")
	ed.SetValue(strings.Join(r.sess.Header.Takeaways, "\n"))
	ed.CursorEnd()
	ed.Focus()
	r.pushOverlay(&takeawaysForm{ed: ed})
}

func (f *takeawaysForm) update(r *runner, msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, r.keys.Wrap.TakeawaysDone) {
		r.popOverlay()
		r.setNote("key takeaways saved")
		return nil
	}
	before := f.ed.Value()
	var cmd tea.Cmd
	f.ed, cmd = f.ed.Update(msg)
	if v := f.ed.Value(); v != before {
		r.save(r.sess.SetTakeaways(strings.Split(v, "\n"), r.now()))
	}
	return cmd
}

func (f *takeawaysForm) body(r *runner, under []string, w, h int) []string {
	s := r.styles
	inner := max(w-4, 1)
	rows := []string{
		s.PhaseRow.Render("Key takeaways") + s.Dim.Render(" · one a line · first in the client's copy"),
	}
	rows = append(rows, editorRows(&f.ed, inner, min(8, max(h-4, 1)))...)
	return overlayBottom(r, under, windowRows(rows, len(rows)-1, h-2), w, h)
}

func (f *takeawaysForm) helpKeys(r *runner) help.KeyMap {
	k := r.keys.Wrap
	return bindingSet{short: []key.Binding{k.TakeawaysDone, k.TakeawaysLine}}
}

func (f *takeawaysForm) badge() string { return "TAKEAWAYS" }

var _ overlay[*runner] = (*takeawaysForm)(nil)
