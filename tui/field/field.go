// Package field holds the answer editors of the session runner, one per
// prompt kind. The runner hosts exactly one Field for the prompt in view and
// asks it for the answer after every change, so each kind owns its keys, its
// layout and the mapping between what is on screen and session.Answer.
//
// Fields never consume the keys the runner lives on (tab, shift+tab, esc,
// ctrl+c, ctrl+k, ctrl+e), never bind single letters where text has focus,
// and never drop typed text: a number that does not parse stays on screen
// with a message, and is kept in Answer.Text until it does.
package field

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// Field is the editor of one prompt's answer. The runner forwards key presses
// and pastes to it while in typing mode, draws View in the space it gave with
// SetSize, and writes Answer into the session whenever Version moves.
type Field interface {
	// Update handles key presses and pastes while the field has focus
	// (typing mode). Keys reserved for the runner are returned untouched.
	Update(msg tea.Msg) (Field, tea.Cmd)
	// View draws the field in at most the size given, plain text plus styles.
	View() string
	// SetSize gives the field its width and height in cells.
	SetSize(width, height int)
	// Focus shows the cursor and lets the field take keys.
	Focus()
	// Blur hides the cursor; the value is kept.
	Blur()
	// Answer returns a with this field's value written in (PromptID, State
	// and Updated untouched).
	Answer(a session.Answer) session.Answer
	// Version increases on every change of the value, so the runner saves
	// exactly when it moves.
	Version() uint64
	// Keys lists the bindings the field uses, for the help bar (all WithHelp).
	Keys() []key.Binding
}

// New builds the field for p's kind, showing the value of a. A kind the
// field package does not know is edited as long text, so a playbook from a
// newer rapport still lets the facilitator type.
func New(p playbooks.Prompt, a session.Answer, st Styles) Field {
	b := base{p: p, st: st, pt: newPainters(st), keys: defaultKeyMap(), width: defaultWidth, height: defaultHeight}
	switch p.Kind {
	case playbooks.KindText:
		return newText(b, a, false)
	case playbooks.KindRating:
		return newRating(b, a)
	case playbooks.KindChoice:
		return newChoice(b, a, false)
	case playbooks.KindMultiChoice:
		return newChoice(b, a, true)
	case playbooks.KindPercent:
		return newNumber(b, a, true)
	case playbooks.KindNumber:
		return newNumber(b, a, false)
	case playbooks.KindList:
		return newList(b, a)
	case playbooks.KindJourney:
		return newJourney(b, a)
	case playbooks.KindLedger:
		return newLedger(b, a)
	default:
		return newText(b, a, true)
	}
}

// Sizes used until the runner calls SetSize, so a field is drawable at once.
const (
	defaultWidth  = 76
	defaultHeight = 12
)

// base is what every kind shares: its prompt, styles, keys, size, focus and
// value version.
type base struct {
	p       playbooks.Prompt
	st      Styles
	pt      painters // st compiled for cheap drawing
	keys    keyMap
	width   int
	height  int
	focused bool
	version uint64
}

func (b *base) setSize(w, h int) {
	b.width, b.height = max(w, 1), max(h, 1)
}

// changed records a change of the value.
func (b *base) changed() { b.version++ }

// reserved reports whether msg is a key the runner needs and the field must
// leave alone.
func reserved(msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false
	}
	switch k.Keystroke() {
	case "tab", "shift+tab", "esc", "ctrl+c", "ctrl+k", "ctrl+e":
		return true
	}
	return false
}

// compile-time checks that every kind is a Field.
var (
	_ Field = (*textField)(nil)
	_ Field = (*ratingField)(nil)
	_ Field = (*choiceField)(nil)
	_ Field = (*numberField)(nil)
	_ Field = (*listField)(nil)
	_ Field = (*journeyField)(nil)
	_ Field = (*ledgerField)(nil)
)

// filled is the rows of a multi-row editor that differ from blank (the row a
// new item starts as), in order, or nil when none do: a row added and left
// as it was is not part of the answer, and an answer with no rows stays
// empty so the prompt reads as open.
func filled[T comparable](rows []T, blank T) []T {
	var out []T
	for _, r := range rows {
		if r != blank {
			out = append(out, r)
		}
	}
	return out
}
