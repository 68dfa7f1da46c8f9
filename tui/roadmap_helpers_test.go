package tui

import "charm.land/bubbles/v2/textinput"

// boardMode is what the board's keys mean, by the overlay on top, for tests
// to assert on.
type boardMode int

const (
	boardNormal  boardMode = iota
	boardForm              // the item form
	boardDiscard           // the item form asks whether to drop its changes
	boardPick              // the evidence picker
)

func (b *roadmapScreen) mode() boardMode {
	switch o := b.over.top().(type) {
	case *itemForm:
		if o.discard {
			return boardDiscard
		}
		return boardForm
	case *evidencePicker:
		return boardPick
	}
	return boardNormal
}

// form is the open item form's inputs (zero ones when none is open).
func (b *roadmapScreen) form() [fieldCount]textinput.Model {
	if f, ok := b.over.top().(*itemForm); ok {
		return f.inputs
	}
	return [fieldCount]textinput.Model{}
}
