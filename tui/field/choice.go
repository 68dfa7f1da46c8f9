package field

import (
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// choiceField picks one option (choice) or any number of them
// (multi_choice). Picks that are not among the playbook's options, say from
// an older version of it, are listed after them so they are never lost.
type choiceField struct {
	base
	multi   bool
	options []string // the playbook's, then stray picks
	own     int      // how many of options come from the playbook
	picked  []string // in the order they were picked, as stored
	cur     int
}

func newChoice(b base, a session.Answer, multi bool) *choiceField {
	f := &choiceField{base: b, multi: multi, picked: slices.Clone(a.Choices)}
	f.options = slices.Clone(b.p.Options)
	f.own = len(f.options)
	for _, c := range a.Choices {
		if !slices.Contains(f.options, c) {
			f.options = append(f.options, c)
		}
	}
	if len(f.picked) > 0 {
		if i := slices.Index(f.options, f.picked[0]); i >= 0 {
			f.cur = i
		}
	}
	return f
}

// Update moves with up/down, picks with space/enter or a digit, clears with
// backspace.
func (f *choiceField) Update(msg tea.Msg) (Field, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || f.reserved(msg) || len(f.options) == 0 {
		return f, nil
	}
	pick, digit := f.keys.Pick, f.keys.PickDigit
	if f.multi {
		pick, digit = f.keys.Toggle, f.keys.ToggleDigit
	}
	switch {
	case key.Matches(k, f.keys.Up):
		f.cur = max(0, f.cur-1)
	case key.Matches(k, f.keys.Down):
		f.cur = min(len(f.options)-1, f.cur+1)
	case key.Matches(k, pick):
		f.choose(f.cur)
	case key.Matches(k, digit):
		if i, err := strconv.Atoi(k.String()); err == nil && i-1 < len(f.options) {
			f.cur = i - 1
			f.choose(f.cur)
		}
	case key.Matches(k, f.keys.ClearChoice):
		if len(f.picked) > 0 {
			f.picked = nil
			f.changed()
		}
	}
	return f, nil
}

// choose picks option i: the only pick for choice, a toggle for multi.
func (f *choiceField) choose(i int) {
	opt := f.options[i]
	if !f.multi {
		if len(f.picked) == 1 && f.picked[0] == opt {
			return
		}
		f.picked = []string{opt}
		f.changed()
		return
	}
	if slices.Contains(f.picked, opt) {
		f.picked = slices.DeleteFunc(f.picked, func(s string) bool { return s == opt })
		if len(f.picked) == 0 {
			f.picked = nil
		}
	} else {
		f.picked = append(f.picked, opt)
	}
	f.changed()
}

// View lists the options, numbered 1..9 for direct picks.
func (f *choiceField) View() string {
	if len(f.options) == 0 {
		return fit([]string{f.pt.Muted.Render("This prompt has no options to pick from.")}, 0, f.width, f.height)
	}
	lines := make([]string, 0, len(f.options))
	for i, opt := range f.options {
		num := "  "
		if i < 9 {
			num = strconv.Itoa(i+1) + " "
		}
		on := slices.Contains(f.picked, opt)
		box := "( ) "
		if f.multi {
			box = "[ ] "
		}
		text := f.pt.Text.Render(show(opt, f.width))
		if on {
			box = "(•) "
			if f.multi {
				box = "[x] "
			}
			box = f.pt.Selected.Render(box)
			text = f.pt.Selected.Render(show(opt, f.width))
		}
		l := f.marker(i == f.cur) + f.pt.Muted.Render(num) + box + text
		if i >= f.own {
			l += f.pt.Muted.Render("  (not in the playbook)")
		}
		lines = append(lines, l)
	}
	picked := make([]any, len(f.picked))
	for i, p := range f.picked {
		picked[i] = p
	}
	if fl := flagLine(&f.base, picked...); fl != "" {
		lines = append(lines, fl)
	}
	return fit(lines, f.cur, f.width, f.height)
}

// SetSize records the space the options may take.
func (f *choiceField) SetSize(w, h int) { f.setSize(w, h) }

// Focus shows the cursor row.
func (f *choiceField) Focus() { f.focused = true }

// Blur hides it.
func (f *choiceField) Blur() { f.focused = false }

// Answer writes the picks, in the order they were made.
func (f *choiceField) Answer(a session.Answer) session.Answer {
	a.Choices = slices.Clone(f.picked)
	return a
}

// Version moves with every pick.
func (f *choiceField) Version() uint64 { return f.version }

// Keys are moving, picking (or toggling) and clearing.
func (f *choiceField) Keys() []key.Binding {
	if len(f.options) == 0 {
		return []key.Binding{}
	}
	up := f.keys.Move
	if f.multi {
		return []key.Binding{up, f.keys.Toggle, f.keys.ToggleDigit, f.keys.ClearChoice}
	}
	return []key.Binding{up, f.keys.Pick, f.keys.PickDigit, f.keys.ClearChoice}
}
