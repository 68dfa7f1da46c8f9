package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// keyMap holds every key of the app, nested per mode, so the help bar and
// the full help are generated from the same bindings that Update matches.
type keyMap struct {
	Global globalKeys
	Typing typingKeys
	Nav    navKeys
	Index  indexKeys
	Input  inputKeys
	Help   helpKeys
	// Pains is the ranked pains screen, Board the roadmap board (pains.go,
	// roadmap.go).
	Pains painsKeys
	Board boardKeys
	// The journey map, the synthesis (scorecards, flags, trust ledger) and
	// the client timeline (journey.go, scorecards.go, timeline.go).
	Journey   journeyKeys
	Synthesis synthesisKeys
	Timeline  timelineKeys
	// Summary scrolls the rendered summary and acts on it.
	Summary summaryKeys
	// Captures: the ctrl+k palette, the capture form, the captures panel
	// and the wrap-up checklist (capture.go, captures.go, wrapup.go).
	Palette     paletteKeys
	CaptureForm captureFormKeys
	Panel       panelKeys
	Wrap        wrapKeys
}

// globalKeys work everywhere, before any screen sees the key.
type globalKeys struct {
	Quit key.Binding // ctrl+c: saves and quits from anywhere
}

// typingKeys are taken by the runner before the answer field sees a key.
type typingKeys struct {
	Next    key.Binding
	Prev    key.Binding
	Capture key.Binding
	Editor  key.Binding
	Leave   key.Binding
	Present key.Binding // present mode, without leaving the answer
}

// navKeys act in navigation mode, where single letters are commands.
type navKeys struct {
	Up        key.Binding
	Down      key.Binding
	NextPhase key.Binding
	PrevPhase key.Binding
	Index     key.Binding
	Skip      key.Binding
	Park      key.Binding
	NA        key.Binding
	Reopen    key.Binding
	AdHoc     key.Binding
	Capture   key.Binding
	Editor    key.Binding
	Type      key.Binding
	Help      key.Binding
	Summary   key.Binding // the rendered summary
	Present   key.Binding // present mode for screen sharing
	Library   key.Binding // back to the list of sessions (when there is one)
	Pains     key.Binding // the pains, ranked (pains.go)
	Journey   key.Binding // the journey map (journey.go)
	Synthesis key.Binding // scorecards, flags and trust ledger (scorecards.go)
	Timeline  key.Binding // every session of this client (timeline.go)
	FollowUp  key.Binding // the next session with this client, open items carried
	Roadmap   key.Binding // the Now / Next / Later board (roadmap.go)
	Captures  key.Binding // the captures panel
	WrapUp    key.Binding // the wrap-up checklist, then finish
	Quit      key.Binding
}

// indexKeys act while the index of prompts is open; letters filter it.
type indexKeys struct {
	Up    key.Binding
	Down  key.Binding
	Jump  key.Binding
	Close key.Binding
}

// summaryKeys act on the summary screen.
type summaryKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	HalfUp   key.Binding
	HalfDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Audience key.Binding // client or internal copy
	Export   key.Binding // write the shown copy to a file
	Present  key.Binding
	Back     key.Binding
	Help     key.Binding // every key of the summary
	// Replace and Keep answer "the export's file exists: replace it?".
	Replace key.Binding
	Keep    key.Binding
}

// inputKeys act in the one-line input for an ad-hoc question.
type inputKeys struct {
	Submit key.Binding
	Cancel key.Binding
}

// helpKeys scroll and close the full help.
type helpKeys struct {
	Up    key.Binding
	Down  key.Binding
	Close key.Binding
}

// defaultKeyMap returns the keys PRODUCT.md promises ("Keys are modal").
func defaultKeyMap() keyMap {
	return keyMap{
		Global: globalKeys{
			Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save & quit")),
		},
		Typing: typingKeys{
			Next:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next prompt")),
			Prev:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
			Capture: key.NewBinding(key.WithKeys("ctrl+k"), key.WithHelp("ctrl+k", "capture")),
			Editor:  key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "$EDITOR")),
			Leave:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "navigate")),
			Present: key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "present mode")),
		},
		Nav: navKeys{
			Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous")),
			Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next")),
			NextPhase: key.NewBinding(key.WithKeys("n", "]"), key.WithHelp("n/]", "next phase")),
			PrevPhase: key.NewBinding(key.WithKeys("p", "["), key.WithHelp("p/[", "previous phase")),
			Index:     key.NewBinding(key.WithKeys("g", "i"), key.WithHelp("g/i", "index")),
			Skip:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip")),
			Park:      key.NewBinding(key.WithKeys("z", "P"), key.WithHelp("z/P", "park")),
			NA:        key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "not applicable")),
			Reopen:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "reopen")),
			AdHoc:     key.NewBinding(key.WithKeys("+", "A"), key.WithHelp("+/A", "add question")),
			Capture:   key.NewBinding(key.WithKeys("ctrl+k"), key.WithHelp("ctrl+k", "capture")),
			Editor:    key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "$EDITOR")),
			Type:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "type")),
			Help:      helpKey(),
			Summary:   key.NewBinding(key.WithKeys("m", "S"), key.WithHelp("m/S", "summary")),
			Present:   key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "present mode")),
			Library:   key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "library")),
			Pains:     key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "rank pains")),
			Journey:   key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "journey map")),
			Synthesis: key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "scorecards & trust")),
			Timeline:  key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "client timeline")),
			FollowUp:  key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "follow-up session")),
			Roadmap:   key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "roadmap board")),
			Captures:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "captures")),
			WrapUp:    key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "wrap-up & finish")),
			Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		},
		Index: indexKeys{
			Up:    key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
			Down:  key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
			Jump:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "jump")),
			Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		},
		Summary: summaryKeys{
			Up:       upKey(),
			Down:     downKey(),
			PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
			PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn", "page down")),
			HalfUp:   key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "half page up")),
			HalfDown: key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", "half page down")),
			Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
			Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
			Audience: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "internal copy")),
			Export:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export .md")),
			Present:  key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "present mode")),
			Back:     key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "back")),
			Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
			Replace:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "replace it")),
			Keep:     key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "keep it, export nothing")),
		},
		Palette:     defaultPaletteKeys(),
		CaptureForm: defaultCaptureFormKeys(),
		Panel:       defaultPanelKeys(),
		Wrap:        defaultWrapKeys(),
		Input: inputKeys{
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "add question")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
		Pains: defaultPainsKeys(),
		Board: defaultBoardKeys(),

		Journey:   defaultJourneyKeys(),
		Synthesis: defaultSynthesisKeys(),
		Timeline:  defaultTimelineKeys(),

		Help: helpKeys{
			Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
			Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
			Close: key.NewBinding(key.WithKeys("esc", "?", "q"), key.WithHelp("esc/?", "close help")),
		},
	}
}

// ShortHelp lists the keys that matter most anywhere.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Nav.Help, k.Global.Quit}
}

// FullHelp lists every key, one column per mode, for the "?" screen.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Typing.Next, k.Typing.Prev, k.Typing.Capture, k.Typing.Editor, k.Typing.Present, k.Typing.Leave, k.Global.Quit},
		{k.Nav.Up, k.Nav.Down, k.Nav.NextPhase, k.Nav.PrevPhase, k.Nav.Index, k.Nav.Summary, k.Nav.Present, k.Nav.Type, k.Nav.Library, k.Nav.Quit},
		{k.Nav.Skip, k.Nav.Park, k.Nav.NA, k.Nav.Reopen, k.Nav.AdHoc, k.Nav.Capture, k.Nav.Captures, k.Nav.WrapUp, k.Nav.Editor, k.Nav.Help,
			k.Nav.Pains, k.Nav.Roadmap, k.Nav.Journey, k.Nav.Synthesis, k.Nav.Timeline, k.Nav.FollowUp},
	}
}

// bindingSet is a help.KeyMap made of the bindings that apply right now; the
// runner builds one per mode so the help bar is always true.
type bindingSet struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (b bindingSet) ShortHelp() []key.Binding { return b.short }

// FullHelp implements help.KeyMap.
func (b bindingSet) FullHelp() [][]key.Binding {
	if b.full == nil {
		return [][]key.Binding{b.short}
	}
	return b.full
}

var (
	_ help.KeyMap = keyMap{}
	_ help.KeyMap = bindingSet{}
)

// The bindings most screens share, spelt once so every screen offers them
// with the same keys and the same help.
func upKey() key.Binding { return key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")) }
func downKey() key.Binding {
	return key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))
}
func helpKey() key.Binding { return key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")) }
func backKey() key.Binding { return key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")) }
