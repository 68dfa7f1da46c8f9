package field

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
	"rapport/tui/editor"
)

// listField edits a list of one-line items. One editor serves the item with
// focus; the others are drawn as text. Empty items are a place to type, not
// a value: they are left out of the answer.
type listField struct {
	base
	items   []string // never empty: there is always an item to type in
	cur     int
	box     textBox
	confirm bool // ctrl+d was pressed once on an item with text
}

const listHint = "an item; enter adds the next"

func newList(b base, a session.Answer) *listField {
	f := &listField{base: b, items: slices.Clone(a.Items)}
	if len(f.items) == 0 {
		f.items = []string{""}
	}
	f.box = newBox(f.items[0], false, b.st.Editor, listHint)
	f.box.room(f.Answer(session.Answer{}))
	return f
}

// Update: enter adds an item after this one, up/down move, backspace on an
// empty item removes it, ctrl+d deletes an item (twice when it has text), a
// paste of several lines becomes several items.
func (f *listField) Update(msg tea.Msg) (Field, tea.Cmd) {
	if f.reserved(msg) {
		return f, nil
	}
	confirm := f.confirm
	f.confirm = false
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, f.keys.Up):
			if f.cur > 0 {
				f.move(f.cur - 1)
			}
			return f, nil
		case key.Matches(msg, f.keys.Down):
			if f.cur < len(f.items)-1 {
				f.move(f.cur + 1)
			}
			return f, nil
		case key.Matches(msg, f.keys.AddItem):
			f.insert(f.cur+1, "")
			return f, nil
		case key.Matches(msg, f.keys.RemoveEmpty) && f.items[f.cur] == "" && len(f.items) > 1:
			f.remove()
			return f, nil
		case key.Matches(msg, f.keys.Delete):
			if f.items[f.cur] == "" || confirm {
				f.remove()
			} else {
				f.confirm = true
			}
			return f, nil
		}
	case tea.PasteMsg:
		lines := splitLines(msg.Content)
		if len(lines) > 1 {
			// Several lines are several items, refused whole when the
			// list has no room for them all (as the editor refuses one).
			n := 0
			for _, l := range lines {
				n += len(l)
			}
			a := f.Answer(session.Answer{})
			if before := a.TextBytes(); before+n > session.MaxTextBytes {
				cur := len(f.items[f.cur])
				r := editor.RefusedMsg{Bytes: n, Total: cur + n, Limit: session.MaxTextBytes - (before - cur), Paste: true}
				return f, func() tea.Msg { return r }
			}
			cmd := f.edit(tea.PasteMsg{Content: lines[0]})
			for _, l := range lines[1:] {
				if l != "" {
					f.insert(f.cur+1, l)
				}
			}
			f.changed()
			return f, cmd
		}
	}
	return f, f.edit(msg)
}

// edit forwards msg to the editor of the current item.
func (f *listField) edit(msg tea.Msg) tea.Cmd {
	changed, cmd := f.box.update(msg)
	if changed {
		f.items[f.cur] = f.box.value()
		f.changed()
	}
	return cmd
}

// splitLines splits pasted text on any line ending.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}

func (f *listField) move(i int) {
	f.cur = i
	f.box.load(f.items[i], listHint)
	f.box.room(f.Answer(session.Answer{}))
}

// insert adds item text at i and moves there. Only text changes the value.
func (f *listField) insert(i int, text string) {
	f.items = slices.Insert(f.items, i, text)
	f.move(i)
	if text != "" {
		f.changed()
	}
}

// remove deletes the current item; an empty list keeps one empty item.
func (f *listField) remove() {
	if f.items[f.cur] != "" {
		f.changed()
	}
	f.items = slices.Delete(f.items, f.cur, f.cur+1)
	if len(f.items) == 0 {
		f.items = []string{""}
	}
	f.move(max(0, f.cur-1))
}

// View lists the items, the current one in its editor. Only the rows in
// view are drawn.
func (f *listField) View() string {
	cur := hang(f.marker(true)+f.pt.Muted.Render("• "), f.box.rows(f.width-4, subRows), 4)
	if f.confirm {
		cur = append(cur, "    "+f.pt.Error.Render(f.keys.Delete.Help().Key+" again deletes this item"))
	}
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
		l := f.marker(false) + f.pt.Muted.Render("• ")
		if f.items[i] == "" {
			return []string{l + f.pt.Muted.Render("(empty)")}
		}
		return []string{l + f.pt.Text.Render(show(f.items[i], f.width))}
	}
	return fitBlocks(len(f.items), height, render, f.cur, f.width, f.height)
}

// SetSize records the space; the editor takes the row after the bullet.
func (f *listField) SetSize(w, h int) {
	f.setSize(w, h)
	f.box.resize(f.width-4, subRows)
}

// Focus gives the current item the cursor.
func (f *listField) Focus() { f.focused = true; f.box.focus(true) }

// Blur takes it away.
func (f *listField) Blur() { f.focused = false; f.box.focus(false) }

// Answer writes the items that have text, in order.
func (f *listField) Answer(a session.Answer) session.Answer {
	a.Items = filled(f.items, "")
	return a
}

// Version moves when an item's text changes or an item with text comes or goes.
func (f *listField) Version() uint64 { return f.version }

// Keys are moving, adding and removing items.
func (f *listField) Keys() []key.Binding {
	return []key.Binding{
		describe(f.keys.Move, "item"),
		f.keys.AddItem,
		f.keys.RemoveEmpty,
		describe(f.keys.Delete, "delete item"),
	}
}
