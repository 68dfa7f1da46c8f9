package field

import "charm.land/bubbles/v2/key"

// keyMap is every binding a field may use. Each kind lists the ones it acts
// on in Keys, so the runner's help bar shows only what works here. No binding
// is a single letter: letters are text wherever text has focus.
type keyMap struct {
	Up, Down     key.Binding
	Move         key.Binding // up and down together, for help
	Adjust       key.Binding // left and right together, for help
	Left, Right  key.Binding
	Score        key.Binding // digits 1..5 set a rating or an amount
	ClearScore   key.Binding
	Pick         key.Binding // choice
	PickDigit    key.Binding
	Toggle       key.Binding // multi_choice
	ToggleDigit  key.Binding
	ClearChoice  key.Binding
	NewLine      key.Binding // long_text: told for help, the editor acts
	AddItem      key.Binding
	RemoveEmpty  key.Binding // told for help; matched by hand (only on an empty item)
	Delete       key.Binding
	New          key.Binding
	NextField    key.Binding
	Feeling      key.Binding
	Sign         key.Binding
	ToggleKind   key.Binding
	PrevNextPage key.Binding
	ToEvidence   key.Binding

	// Reserved is the keys the runner lives on: a field leaves them alone.
	// The runner hands its own (WithReserved); these are the default.
	Reserved key.Binding
	// Bindings acted on but told in help as pairs (Feeling, Sign,
	// PrevNextPage, Adjust): each key of a pair on its own.
	Minus, Plus        key.Binding
	PrevPage, NextPage key.Binding
	Space              key.Binding
	Backspace          key.Binding
}

// defaultKeyMap builds the field bindings. It is a function, not a global,
// so no caller can change another's keys.
func defaultKeyMap() keyMap {
	return keyMap{
		Up:          key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		Down:        key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		Move:        key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
		Adjust:      key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "less/more")),
		Left:        key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "less")),
		Right:       key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "more")),
		Score:       key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "score")),
		ClearScore:  key.NewBinding(key.WithKeys("backspace", "delete", "0"), key.WithHelp("⌫", "clear")),
		Pick:        key.NewBinding(key.WithKeys("space", "enter"), key.WithHelp("space", "pick")),
		PickDigit:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "pick")),
		Toggle:      key.NewBinding(key.WithKeys("space", "enter"), key.WithHelp("space", "toggle")),
		ToggleDigit: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "toggle")),
		ClearChoice: key.NewBinding(key.WithKeys("backspace", "delete"), key.WithHelp("⌫", "clear")),
		NewLine:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new line")),
		AddItem:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new item")),
		RemoveEmpty: key.NewBinding(key.WithKeys("backspace"), key.WithHelp("⌫ on empty", "remove")),
		Delete:      key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "delete")),
		New:         key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "add")),
		NextField:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next field")),
		Feeling:     key.NewBinding(key.WithKeys("-", "+", "="), key.WithHelp("-/+", "feeling")),
		Sign:        key.NewBinding(key.WithKeys("-", "+", "=", "space"), key.WithHelp("+/-", "deposit/withdrawal")),
		ToggleKind:  key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "deposit/withdrawal")),
		PrevNextPage: key.NewBinding(key.WithKeys("pgup", "pgdown"),
			key.WithHelp("pgup/pgdn", "previous/next")),
		ToEvidence: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "to evidence")),

		Reserved:  key.NewBinding(key.WithKeys("tab", "shift+tab", "esc", "ctrl+c", "ctrl+k", "ctrl+e")),
		Minus:     key.NewBinding(key.WithKeys("-")),
		Plus:      key.NewBinding(key.WithKeys("+", "=")),
		PrevPage:  key.NewBinding(key.WithKeys("pgup")),
		NextPage:  key.NewBinding(key.WithKeys("pgdown")),
		Space:     key.NewBinding(key.WithKeys("space")),
		Backspace: key.NewBinding(key.WithKeys("backspace")),
	}
}

// describe returns b with a different description and its own key label,
// for kinds that use a shared key for their own purpose.
func describe(b key.Binding, desc string) key.Binding {
	return withHelp(b, b.Help().Key, desc)
}

// withHelp returns b with a different help text: a label naming more keys
// than b's own, where one help entry stands for two bindings ("-/+ ←/→").
func withHelp(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}
