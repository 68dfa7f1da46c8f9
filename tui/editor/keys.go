package editor

import "charm.land/bubbles/v2/key"

// KeyMap lists every key the editor takes. Keys that are not in it (tab,
// shift+tab, esc, ctrl+c, ctrl+k, ctrl+e, ...) are left to the parent: Update
// returns the model unchanged for them. It implements help.KeyMap so the help
// bar can show the editor's keys truthfully.
type KeyMap struct {
	CharacterForward        key.Binding
	CharacterBackward       key.Binding
	WordForward             key.Binding
	WordBackward            key.Binding
	LineNext                key.Binding
	LinePrevious            key.Binding
	LineStart               key.Binding
	LineEnd                 key.Binding
	PageUp                  key.Binding
	PageDown                key.Binding
	InputBegin              key.Binding
	InputEnd                key.Binding
	InsertNewline           key.Binding
	DeleteCharacterBackward key.Binding
	DeleteCharacterForward  key.Binding
	DeleteWordBackward      key.Binding
	DeleteWordForward       key.Binding
	DeleteBeforeCursor      key.Binding
}

// DefaultKeyMap returns the editor's keys. It deliberately leaves out the
// emacs keys the app claims (ctrl+e opens $EDITOR, ctrl+k the capture
// palette) and their partners (ctrl+a), so a binding never means two things.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		CharacterForward:        key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next character")),
		CharacterBackward:       key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous character")),
		WordForward:             key.NewBinding(key.WithKeys("alt+right", "ctrl+right", "alt+f"), key.WithHelp("alt+→", "next word")),
		WordBackward:            key.NewBinding(key.WithKeys("alt+left", "ctrl+left", "alt+b"), key.WithHelp("alt+←", "previous word")),
		LineNext:                key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next row")),
		LinePrevious:            key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous row")),
		LineStart:               key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "line start")),
		LineEnd:                 key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "line end")),
		PageUp:                  key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:                key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdown", "page down")),
		InputBegin:              key.NewBinding(key.WithKeys("ctrl+home"), key.WithHelp("ctrl+home", "start of text")),
		InputEnd:                key.NewBinding(key.WithKeys("ctrl+end"), key.WithHelp("ctrl+end", "end of text")),
		InsertNewline:           key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new line")),
		DeleteCharacterBackward: key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("backspace", "delete back")),
		DeleteCharacterForward:  key.NewBinding(key.WithKeys("delete"), key.WithHelp("delete", "delete forward")),
		DeleteWordBackward:      key.NewBinding(key.WithKeys("alt+backspace", "ctrl+w", "ctrl+backspace"), key.WithHelp("ctrl+w", "delete word back")),
		DeleteWordForward:       key.NewBinding(key.WithKeys("alt+delete", "ctrl+delete", "alt+d"), key.WithHelp("alt+delete", "delete word forward")),
		DeleteBeforeCursor:      key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "delete to line start")),
	}
}

// ShortHelp returns the few bindings worth a place in a one-line help bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.InsertNewline, k.WordForward, k.DeleteWordBackward}
}

// FullHelp returns every binding, grouped by movement and deletion.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.CharacterForward, k.CharacterBackward, k.WordForward, k.WordBackward, k.LineNext, k.LinePrevious},
		{k.LineStart, k.LineEnd, k.PageUp, k.PageDown, k.InputBegin, k.InputEnd},
		{k.InsertNewline, k.DeleteCharacterBackward, k.DeleteCharacterForward, k.DeleteWordBackward, k.DeleteWordForward, k.DeleteBeforeCursor},
	}
}

// action is what a key does; matching a keystroke to it once keeps Update a
// single switch.
type action int

const (
	actNone action = iota
	actRight
	actLeft
	actWordRight
	actWordLeft
	actDown
	actUp
	actHome
	actEnd
	actPageUp
	actPageDown
	actBegin
	actFinish
	actNewline
	actBackspace
	actDelete
	actDeleteWordBack
	actDeleteWordForward
	actDeleteToStart
)

// lookup finds the action bound to the keystroke ks, honouring disabled
// bindings.
func (k *KeyMap) lookup(ks string) action {
	table := [...]struct {
		b *key.Binding
		a action
	}{
		{&k.CharacterForward, actRight},
		{&k.CharacterBackward, actLeft},
		{&k.WordForward, actWordRight},
		{&k.WordBackward, actWordLeft},
		{&k.LineNext, actDown},
		{&k.LinePrevious, actUp},
		{&k.LineStart, actHome},
		{&k.LineEnd, actEnd},
		{&k.PageUp, actPageUp},
		{&k.PageDown, actPageDown},
		{&k.InputBegin, actBegin},
		{&k.InputEnd, actFinish},
		{&k.InsertNewline, actNewline},
		{&k.DeleteCharacterBackward, actBackspace},
		{&k.DeleteCharacterForward, actDelete},
		{&k.DeleteWordBackward, actDeleteWordBack},
		{&k.DeleteWordForward, actDeleteWordForward},
		{&k.DeleteBeforeCursor, actDeleteToStart},
	}
	for _, e := range table {
		if !e.b.Enabled() {
			continue
		}
		for _, s := range e.b.Keys() {
			if s == ks {
				return e.a
			}
		}
	}
	return actNone
}
