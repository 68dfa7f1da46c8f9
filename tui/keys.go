package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// Every default binding of the app is here, so a key is spelt once: the
// screens match the bindings of the key map the root hands them, and draw
// their help bar and full help from the same bindings. The keys every
// screen shares (quit, present mode, capture, $EDITOR, help, back) are one
// group, commonKeys, that the screens' own groups take theirs from.

// keyMap holds every key of the app, nested per screen and mode, so the
// help bar and the full help are generated from the same bindings that
// Update matches.
type keyMap struct {
	Common commonKeys
	Typing typingKeys
	Nav    navKeys
	Jump   jumpKeys
	Input  inputKeys
	Help   helpKeys
	// The library and the new-session form (library.go, newsession.go).
	Library    libraryKeys
	NewSession newSessionKeys
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
	// and the wrap-up checklist (capture.go, captureform.go, captures.go,
	// wrapup.go).
	Palette     paletteKeys
	CaptureForm captureFormKeys
	Panel       panelKeys
	Wrap        wrapKeys
	// Answer is the line a follow-up question's answer is typed in
	// (loop.go), over the panel, the wrap-up or the timeline.
	Answer   answerKeys
	Versions versionsKeys
	People   peopleKeys
}

// commonKeys are the keys every screen offers with the same meaning.
type commonKeys struct {
	Quit    key.Binding // ctrl+c: saves and quits from anywhere, before any screen sees it
	Present key.Binding // present mode, for screen sharing
	Capture key.Binding // the capture palette
	Editor  key.Binding // the answer in $EDITOR
	Help    key.Binding // every key of the screen
	Back    key.Binding // back to the screen before
}

// typingKeys are taken by the runner before the answer field sees a key.
type typingKeys struct {
	Next     key.Binding
	Prev     key.Binding
	JumpBack key.Binding // back to the prompt before the last jump
	Capture  key.Binding
	Editor   key.Binding
	Leave    key.Binding
	Present  key.Binding // present mode, without leaving the answer
	// ClearLine is the answer editor's own key, bound here for the help
	// only (the editor does it): it deletes what is before the cursor.
	ClearLine key.Binding
}

// peopleKeys act on the contacts and facilitator form (people.go): in the
// runner, saved as typed; before a follow-up, enter on the facilitator
// starts it.
type peopleKeys struct {
	Next    key.Binding // the other field
	NewLine key.Binding // in Contacts (help only: the editor adds the line)
	Done    key.Binding // the runner's form: close it
	Start   key.Binding // a follow-up's form, on the facilitator: start it
	Back    key.Binding // a follow-up's form: back to the playbooks
}

// navKeys act in navigation mode, where single letters are commands.
type navKeys struct {
	Up        key.Binding
	Down      key.Binding
	NextPhase key.Binding
	PrevPhase key.Binding
	Jump      key.Binding
	JumpBack  key.Binding // back to the prompt before the last jump (vim's ctrl+o)
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
	People    key.Binding // the session's contacts and facilitator (people.go)
	WrapUp    key.Binding // the wrap-up checklist, then finish
	Versions  key.Binding // the versions a team sync kept of this answer (versions.go)
	Quit      key.Binding
}

// jumpKeys act while the index of prompts is open; letters filter it.
type jumpKeys struct {
	Up    key.Binding
	Down  key.Binding
	Jump  key.Binding
	Close key.Binding
}

// inputKeys act in the one-line input for an ad-hoc question (and the
// pains screen's title for a new roadmap item).
type inputKeys struct {
	Submit key.Binding
	Cancel key.Binding
}

// helpKeys scroll and close the runner's full help.
type helpKeys struct {
	Up    key.Binding
	Down  key.Binding
	Close key.Binding
}

// libraryKeys act on the library screen. Filtering starts with "/" rather
// than on any letter, because single letters are the screen's commands.
type libraryKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding
	New      key.Binding
	Timeline key.Binding // every session of the selected session's client
	Sync     key.Binding // a team sync now (a store in a team only)
	Summary  key.Binding // the selected session's summary
	Present  key.Binding // present mode: the list hides while the screen is shared
	Delete   key.Binding
	Undo     key.Binding
	Filter   key.Binding
	Clear    key.Binding // drops the filter
	Help     key.Binding
	Quit     key.Binding

	// While typing a filter.
	FilterDone key.Binding
	FilterQuit key.Binding

	// While a delete waits for confirmation.
	Confirm key.Binding
	Keep    key.Binding

	// While the full help is open.
	CloseHelp key.Binding
}

// newSessionKeys are the form's own keys, besides the fields' (which huh
// reports for the field in focus). The huh fields' own bindings are set in
// newSession.build, from these where they differ from huh's.
type newSessionKeys struct {
	Cancel key.Binding
	// In the contacts field, one per line: tab moves on, enter (or ctrl+j)
	// starts a line.
	TextNext    key.Binding
	TextNewLine key.Binding
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
	HTML     key.Binding // write the shown copy as an HTML page
	Present  key.Binding
	Back     key.Binding
	Help     key.Binding // every key of the summary
	// Replace and Keep answer "the export's file exists: replace it?".
	Replace key.Binding
	Keep    key.Binding
}

// painsKeys act on the pains screen.
type painsKeys struct {
	Up         key.Binding
	Down       key.Binding
	Top        key.Binding
	Bottom     key.Binding
	ImpactUp   key.Binding
	ImpactDown key.Binding
	EffortUp   key.Binding
	EffortDown key.Binding
	Select     key.Binding
	NewItem    key.Binding
	Board      key.Binding
	Present    key.Binding
	Help       key.Binding
	Back       key.Binding
}

// boardKeys act on the roadmap board.
type boardKeys struct {
	Up        key.Binding
	Down      key.Binding
	Left      key.Binding
	Right     key.Binding
	MoveLeft  key.Binding
	MoveRight key.Binding
	MoveUp    key.Binding
	MoveDown  key.Binding
	Edit      key.Binding
	New       key.Binding
	Quotes    key.Binding
	Pains     key.Binding
	Delete    key.Binding
	Undo      key.Binding
	Ranked    key.Binding
	Present   key.Binding
	Help      key.Binding
	Back      key.Binding

	Form itemFormKeys
	Pick evidenceKeys
}

// itemFormKeys act in the item form (title, owner, target).
type itemFormKeys struct {
	Next    key.Binding
	Prev    key.Binding
	Save    key.Binding
	Cancel  key.Binding
	Discard key.Binding
	Keep    key.Binding
}

// evidenceKeys act in the picker of quotes or pains to link as evidence.
type evidenceKeys struct {
	Up     key.Binding
	Down   key.Binding
	Toggle key.Binding
	Done   key.Binding
}

// journeyKeys act on the journey map.
type journeyKeys struct {
	Left    key.Binding
	Right   key.Binding
	First   key.Binding
	Last    key.Binding
	Next    key.Binding // the next journey prompt, when the session has several
	Present key.Binding
	Help    key.Binding
	Back    key.Binding
}

// synthesisKeys act on the synthesis screen (and scroll the timeline).
type synthesisKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Present  key.Binding
	Help     key.Binding
	Back     key.Binding
}

// timelineKeys act on the timeline.
type timelineKeys struct {
	Up       key.Binding
	Down     key.Binding
	Open     key.Binding
	FollowUp key.Binding
	Present  key.Binding
	Help     key.Binding
	Back     key.Binding
	// The selected session's actions and questions: tab goes into them
	// (and out), space closes or reopens the one selected.
	Items  key.Binding
	Toggle key.Binding
	// While a playbook is chosen for the follow-up.
	Choose key.Binding
	Cancel key.Binding
}

// paletteKeys act while the capture palette is open.
type paletteKeys struct {
	Kind  key.Binding
	Close key.Binding
}

// captureFormKeys act in the capture form. Text keys go to the focused field.
type captureFormKeys struct {
	Save     key.Binding
	Next     key.Binding
	Prev     key.Binding
	Ago      key.Binding // alt+1/2/3: said 10/20/30 s ago
	Speaker  key.Binding // alt+s: the next of the session's contacts
	Toggle   key.Binding // space on the internal row
	Cancel   key.Binding
	Discard  key.Binding // y when asked
	KeepEdit key.Binding // n or esc when asked
	Capture  key.Binding // ctrl+k in the form: the palette is already open
	// On the impact and effort rows, and the backdating row (the rows say
	// so themselves; the help bar does not).
	Score key.Binding // 1-5
	Less  key.Binding
	More  key.Binding
	Digit key.Binding // 0-9, seconds ago
	Erase key.Binding
}

// panelKeys act in the captures panel. The kind letters filter; since d is
// the letter of decisions, delete is x (or the delete key).
type panelKeys struct {
	Up     key.Binding
	Down   key.Binding
	Edit   key.Binding
	Delete key.Binding
	Undo   key.Binding
	Toggle key.Binding // an action done or not, a follow-up question answered or reopened
	Filter key.Binding
	Close  key.Binding
}

// answerKeys act on the line a follow-up question's answer is typed in.
type answerKeys struct {
	Save   key.Binding
	Cancel key.Binding
}

// versionsKeys act in the versions of an answer that a team sync kept
// (versions.go).
type versionsKeys struct {
	Up    key.Binding
	Down  key.Binding
	Keep  key.Binding // keep the version selected
	Pick  key.Binding // 1-9: keep that version
	Join  key.Binding
	Close key.Binding
}

// wrapKeys act on the wrap-up checklist.
type wrapKeys struct {
	Up     key.Binding
	Down   key.Binding
	Open   key.Binding
	Toggle key.Binding // an action done or not, a follow-up question answered or reopened
	Finish key.Binding
	Reopen key.Binding
	Close  key.Binding
	// In the key takeaways form: enter starts a line, esc closes it
	// (what was typed is saved as it is typed).
	TakeawaysLine key.Binding
	TakeawaysDone key.Binding
}

// bind is key.NewBinding for keys and their help.
func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// also is b with more keys, told in help as b is.
func also(b key.Binding, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(append(b.Keys(), keys...)...), key.WithHelp(b.Help().Key, b.Help().Desc))
}

// told is b told in help as help and desc.
func told(b key.Binding, help, desc string) key.Binding {
	b.SetHelp(help, desc)
	return b
}

// defaultKeyMap returns the keys PRODUCT.md promises ("Keys are modal").
func defaultKeyMap() keyMap {
	c := commonKeys{
		Quit:    bind("ctrl+c", "save & quit", "ctrl+c"),
		Present: bind("ctrl+p", "present mode", "ctrl+p"),
		Capture: bind("ctrl+k", "capture", "ctrl+k"),
		Editor:  bind("ctrl+e", "$EDITOR", "ctrl+e"),
		Help:    bind("?", "help", "?"),
		Back:    bind("esc", "back", "esc"),
	}
	up := bind("↑/k", "up", "up", "k")
	down := bind("↓/j", "down", "down", "j")
	top := bind("g", "first", "home", "g")
	bottom := bind("G", "last", "end", "G")
	enter := func(desc string) key.Binding { return bind("enter", desc, "enter") }
	esc := func(desc string) key.Binding { return told(c.Back, "esc", desc) }
	backOrQ := also(c.Back, "q")        // screens where q is free
	closeHelp := also(c.Back, "?", "q") // a full help of its own
	closeHelp.SetHelp("esc/?", "close help")
	keep := func(desc string) key.Binding { return also(bind("n", desc, "n"), c.Back.Keys()...) }
	// A conversation leaps to another topic and back: ctrl+o (vim's key
	// for it) returns to the prompt before the last jump, in either mode.
	jumpBack := bind("ctrl+o", "jump back", "ctrl+o")
	// space closes the action or follow-up question selected, or opens it
	// again; its help names what it will do (relabelled where it acts).
	toggleItemKey := bind("space", "done / answer", "space")
	pageUp := bind("pgup", "page up", "pgup", "b")
	pageDown := bind("pgdn", "page down", "pgdown", "space", "f")
	return keyMap{
		Common: c,
		Typing: typingKeys{
			Next:      bind("tab", "next prompt", "tab"),
			Prev:      bind("shift+tab", "previous", "shift+tab"),
			JumpBack:  jumpBack,
			Capture:   c.Capture,
			Editor:    c.Editor,
			Leave:     esc("navigate"),
			Present:   c.Present,
			ClearLine: bind("ctrl+u", "delete to start", "ctrl+u"),
		},
		Nav: navKeys{
			Up:        told(up, "↑/k", "previous"),
			Down:      told(down, "↓/j", "next"),
			NextPhase: bind("n/]", "next phase", "n", "]"),
			PrevPhase: bind("p/[", "previous phase", "p", "["),
			Jump:      bind("g/i", "index", "g", "i"),
			JumpBack:  jumpBack,
			Skip:      bind("s", "skip", "s"),
			Park:      bind("z/P", "park", "z", "P"),
			NA:        bind("x", "not applicable", "x"),
			Reopen:    bind("o", "reopen", "o"),
			AdHoc:     bind("+/A", "add question", "+", "A"),
			Capture:   c.Capture,
			Editor:    c.Editor,
			Type:      enter("type"),
			Help:      c.Help,
			Summary:   bind("m/S", "summary", "m", "S"),
			Present:   c.Present,
			Library:   bind("L", "library", "L"),
			Pains:     bind("R", "rank pains", "R"),
			Journey:   bind("J", "journey map", "J"),
			Synthesis: bind("H", "scorecards & trust", "H"),
			Timeline:  bind("T", "client timeline", "T"),
			FollowUp:  bind("F", "follow-up session", "F"),
			Roadmap:   bind("B", "roadmap board", "B"),
			Captures:  bind("c", "captures", "c"),
			People:    bind("C", "people in the room", "C"),
			WrapUp:    bind("W", "wrap-up & finish", "W"),
			Versions:  bind("v", "versions", "v"),
			Quit:      bind("q", "quit", "q"),
		},
		Jump: jumpKeys{
			Up:    bind("↑", "up", "up", "ctrl+p"),
			Down:  bind("↓", "down", "down", "ctrl+n"),
			Jump:  enter("jump"),
			Close: esc("close"),
		},
		Input: inputKeys{
			Submit: enter("add question"),
			Cancel: esc("cancel"),
		},
		Help: helpKeys{
			Up:    told(up, "↑/k", "scroll up"),
			Down:  told(down, "↓/j", "scroll down"),
			Close: closeHelp,
		},
		Library: libraryKeys{
			Up:         up,
			Down:       down,
			PageUp:     bind("pgup", "page up", "pgup"),
			PageDown:   bind("pgdn", "page down", "pgdown"),
			Top:        told(top, "g/home", "first"),
			Bottom:     told(bottom, "G/end", "last"),
			Open:       enter("open"),
			New:        bind("n", "new", "n"),
			Timeline:   bind("t", "timeline", "t"),
			Sync:       bind("S", "sync with the team", "S"),
			Summary:    bind("s", "summary", "s", "m"),
			Present:    c.Present,
			Delete:     bind("d", "delete", "d", "delete"),
			Undo:       bind("u", "undo", "u"),
			Filter:     bind("/", "filter", "/"),
			Clear:      esc("clear filter"),
			Help:       c.Help,
			Quit:       bind("q", "quit", "q"),
			FilterDone: enter("keep filter"),
			FilterQuit: esc("clear filter"),
			Confirm:    bind("y", "delete it", "y"),
			Keep:       told(keep("keep it"), "n/esc", "keep it"),
			CloseHelp:  closeHelp,
		},
		NewSession: newSessionKeys{
			Cancel:      esc("cancel"),
			TextNext:    bind("tab", "next", "tab"),
			TextNewLine: bind("enter", "new line", "enter", "ctrl+j"),
		},
		Summary: summaryKeys{
			Up:       up,
			Down:     down,
			PageUp:   pageUp,
			PageDown: pageDown,
			HalfUp:   bind("u", "half page up", "u", "ctrl+u"),
			HalfDown: bind("d", "half page down", "d", "ctrl+d"),
			Top:      told(top, "g", "top"),
			Bottom:   told(bottom, "G", "bottom"),
			Audience: bind("a", "internal copy", "a"),
			Export:   bind("e", "export .md", "e"),
			HTML:     bind("E", "export .html", "E"),
			Present:  c.Present,
			Back:     told(backOrQ, "esc/q", "back"),
			Help:     told(c.Help, "?", "all keys"),
			Replace:  bind("y", "replace it", "y"),
			Keep:     keep("keep it, export nothing"),
		},
		Pains: painsKeys{
			Up:         up,
			Down:       down,
			Top:        top,
			Bottom:     bottom,
			ImpactUp:   bind("i", "impact +1", "i"),
			ImpactDown: bind("I", "impact -1", "I"),
			EffortUp:   bind("e", "effort +1", "e"),
			EffortDown: bind("E", "effort -1", "E"),
			Select:     bind("space", "select", "space"),
			NewItem:    bind("n", "roadmap item", "n"),
			Board:      bind("tab", "board", "tab", "b"),
			Present:    c.Present,
			Help:       c.Help,
			Back:       c.Back,
		},
		Board: boardKeys{
			Up:        up,
			Down:      down,
			Left:      bind("←/h", "left", "left", "h"),
			Right:     bind("→/l", "right", "right", "l"),
			MoveLeft:  bind("H/<", "move sooner", "H", "<"),
			MoveRight: bind("L/>", "move later", "L", ">"),
			MoveUp:    bind("K", "move up", "K"),
			MoveDown:  bind("J", "move down", "J"),
			Edit:      enter("edit"),
			New:       bind("n", "new item", "n"),
			Quotes:    bind("q", "link quotes", "q"),
			Pains:     bind("p", "link pains", "p"),
			Delete:    bind("d", "delete", "d", "delete"),
			Undo:      bind("u", "undo delete", "u"),
			Ranked:    bind("tab", "ranked pains", "tab", "r"),
			Present:   c.Present,
			Help:      c.Help,
			Back:      c.Back,
			Form: itemFormKeys{
				Next:    bind("tab", "next field", "tab", "down"),
				Prev:    bind("shift+tab", "previous", "shift+tab", "up"),
				Save:    enter("save"),
				Cancel:  esc("cancel"),
				Discard: bind("y", "discard", "y"),
				Keep:    keep("keep editing"),
			},
			Pick: evidenceKeys{
				Up:     up,
				Down:   down,
				Toggle: bind("space", "link/unlink", "space"),
				Done:   also(bind("enter/esc", "done", "enter"), c.Back.Keys()...),
			},
		},
		Journey: journeyKeys{
			Left:    bind("←/h", "earlier stages", "left", "h"),
			Right:   bind("→/l", "later stages", "right", "l"),
			First:   told(top, "g", "first stage"),
			Last:    told(bottom, "G", "last stage"),
			Next:    bind("tab", "next journey", "tab"),
			Present: c.Present,
			Help:    c.Help,
			Back:    backOrQ,
		},
		Synthesis: synthesisKeys{
			Up:       up,
			Down:     down,
			PageUp:   pageUp,
			PageDown: pageDown,
			Top:      told(top, "g", "top"),
			Bottom:   told(bottom, "G", "bottom"),
			Present:  c.Present,
			Help:     c.Help,
			Back:     backOrQ,
		},
		Timeline: timelineKeys{
			Up:       told(up, "↑/k", "earlier"),
			Down:     told(down, "↓/j", "later"),
			Open:     enter("open session"),
			FollowUp: bind("f", "follow-up session", "f"),
			Present:  c.Present,
			Help:     c.Help,
			Back:     backOrQ,
			Items:    bind("tab", "actions & questions", "tab"),
			Toggle:   toggleItemKey,
			Choose:   enter("start it"),
			Cancel:   esc("cancel"),
		},
		Palette: paletteKeys{
			Kind:  bind(kindLetters(), "kind", kindLetterKeys()...),
			Close: told(also(c.Back, c.Capture.Keys()...), "esc", "close"),
		},
		CaptureForm: captureFormKeys{
			Save:     enter("save"),
			Next:     bind("tab/shift+tab", "field", "tab"),
			Prev:     bind("shift+tab", "previous field", "shift+tab"),
			Ago:      bind("alt+1/2/3", "said 10/20/30 s ago", "alt+1", "alt+2", "alt+3", "alt+0"),
			Speaker:  bind("alt+s", "next speaker", "alt+s"),
			Toggle:   bind("space", "toggle", "space"),
			Cancel:   esc("cancel"),
			Discard:  bind("y", "discard", "y"),
			KeepEdit: keep("keep editing"),
			Capture:  c.Capture,
			Score:    bind("1-5", "score", "1", "2", "3", "4", "5"),
			Less:     bind("←", "less", "left", "-", "h"),
			More:     bind("→", "more", "right", "+", "l"),
			Digit:    bind("0-9", "seconds", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
			Erase:    bind("⌫", "erase", "backspace"),
		},
		Panel: panelKeys{
			Up:     up,
			Down:   down,
			Edit:   bind("enter/e", "edit", "enter", "e"),
			Delete: bind("x", "delete", "x", "delete"),
			Undo:   bind("u", "undo", "u"),
			Toggle: toggleItemKey,
			Filter: bind(kindLetters(), "filter", kindLetterKeys()...),
			Close:  also(c.Back, "c"),
		},
		Answer: answerKeys{
			Save:   enter("save answer"),
			Cancel: esc("cancel"),
		},
		Versions: versionsKeys{
			Up:    bind("↑", "previous", "up"),
			Down:  bind("↓", "next", "down"),
			Keep:  enter("keep this one"),
			Pick:  bind("1-9", "keep version N", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
			Join:  bind("j", "join them", "j"),
			Close: told(also(c.Back, "v"), "esc", "close, keep all"),
		},
		People: peopleKeys{
			Next:    bind("tab", "next field", "tab", "shift+tab"),
			NewLine: bind("enter", "new line", "enter"),
			Done:    esc("done (saved as you type)"),
			Start:   enter("start the session"),
			Back:    esc("back to the playbooks"),
		},
		Wrap: wrapKeys{
			Up:     up,
			Down:   down,
			Open:   enter("go to it"),
			Toggle: toggleItemKey,
			Finish: bind("F", "finish session", "F"),
			Reopen: bind("R", "reopen session", "R"),
			Close:  also(c.Back, "W"),

			TakeawaysLine: bind("enter", "new line", "enter"),
			TakeawaysDone: esc("done (saved as you type)"),
		},
	}
}

// ShortHelp lists the keys that matter most anywhere.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Nav.Help, k.Common.Quit}
}

// FullHelp lists every key of the runner, one column per mode, for its "?"
// screen.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Typing.Next, k.Typing.Prev, k.Typing.JumpBack, k.Typing.Capture, k.Typing.Editor, k.Typing.ClearLine, k.Typing.Leave, k.Common.Quit},
		{k.Nav.Up, k.Nav.Down, k.Nav.NextPhase, k.Nav.PrevPhase, k.Nav.Jump, k.Nav.JumpBack, k.Nav.Summary, k.Nav.Present, k.Nav.Type, k.Nav.Library, k.Nav.Quit},
		{k.Nav.Skip, k.Nav.Park, k.Nav.NA, k.Nav.Reopen, k.Nav.AdHoc, k.Nav.Capture, k.Nav.Captures, k.Nav.People, k.Nav.WrapUp, k.Nav.Editor, k.Nav.Help,
			k.Nav.Pains, k.Nav.Roadmap, k.Nav.Journey, k.Nav.Synthesis, k.Nav.Timeline, k.Nav.FollowUp, k.Nav.Versions},
	}
}

var _ help.KeyMap = keyMap{}
