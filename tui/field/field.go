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
	"time"

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
// field package does not know is edited as playbooks.FallbackKind (long
// text), as every front end does, so a playbook from a newer rapport still
// lets the facilitator type.
func New(p playbooks.Prompt, a session.Answer, st Styles, opts ...Option) Field {
	b := base{p: p, st: st, pt: newPainters(st), keys: defaultKeyMap(), width: defaultWidth, height: defaultHeight, now: time.Now}
	for _, o := range opts {
		o(&b)
	}
	newField, ok := editors[p.Kind]
	if !ok {
		newField = editors[playbooks.FallbackKind]
	}
	return newField(b, a)
}

// Option sets what a field is given beside its prompt, answer and styles.
type Option func(*base)

// WithClock gives the field the app's clock, for a kind that reads the
// day ("fri", "+3d"); time.Now when not given.
func WithClock(now func() time.Time) Option {
	return func(b *base) {
		if now != nil {
			b.now = now
		}
	}
}

// WithReserved gives the field the keys its host lives on, which it must
// leave alone; the default is the runner's (tab, shift+tab, esc, ctrl+c,
// ctrl+k, ctrl+e).
func WithReserved(bindings ...key.Binding) Option {
	return func(b *base) {
		var keys []string
		for _, kb := range bindings {
			keys = append(keys, kb.Keys()...)
		}
		b.keys.Reserved = key.NewBinding(key.WithKeys(keys...))
	}
}

// editors make the answer editor of each kind of playbooks.Kinds; a test
// fails when a kind has none.
var editors = map[playbooks.Kind]func(b base, a session.Answer) Field{
	playbooks.KindText:        func(b base, a session.Answer) Field { return newText(b, a, false) },
	playbooks.KindLongText:    func(b base, a session.Answer) Field { return newText(b, a, true) },
	playbooks.KindRating:      func(b base, a session.Answer) Field { return newRating(b, a) },
	playbooks.KindChoice:      func(b base, a session.Answer) Field { return newChoice(b, a, false) },
	playbooks.KindMultiChoice: func(b base, a session.Answer) Field { return newChoice(b, a, true) },
	playbooks.KindPercent:     func(b base, a session.Answer) Field { return newNumber(b, a, true) },
	playbooks.KindNumber:      func(b base, a session.Answer) Field { return newNumber(b, a, false) },
	playbooks.KindList:        func(b base, a session.Answer) Field { return newList(b, a) },
	playbooks.KindJourney:     func(b base, a session.Answer) Field { return newJourney(b, a) },
	playbooks.KindLedger:      func(b base, a session.Answer) Field { return newLedger(b, a) },
	playbooks.KindDate:        func(b base, a session.Answer) Field { return newDate(b, a) },
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
	now     func() time.Time // the clock (WithClock)
	// flagHidden keeps the prompt's flag off the field (HideFlag).
	flagHidden bool
}

// HideFlag keeps f's flag line off or shows it again: a flag is the
// facilitator's reading, so the runner hides it while presenting, and
// while a compound flag's second condition does not hold. It changes
// nothing else about the field, so the answer keeps its cursor.
func HideFlag(f Field, hidden bool) {
	if h, ok := f.(interface{ hideFlag(bool) }); ok {
		h.hideFlag(hidden)
	}
}

func (b *base) hideFlag(hidden bool) { b.flagHidden = hidden }

func (b *base) setSize(w, h int) {
	b.width, b.height = max(w, 1), max(h, 1)
}

// changed records a change of the value.
func (b *base) changed() { b.version++ }

// reserved reports whether msg is a key the runner needs and the field must
// leave alone.
func (b *base) reserved(msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	return ok && key.Matches(k, b.keys.Reserved)
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
