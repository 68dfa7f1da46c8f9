package session

// CaptureInfo is everything rapport knows of a capture kind, in one row:
// the palette, the captures panel, the capture form, the accessible mode's
// commands, the summary's sections and present mode all read it, so a kind
// is described once. Each consumer that needs more than these words keeps
// a registry keyed by kind (the summary's section writers) with a test that
// fails when a kind of this table is missing from it.
type CaptureInfo struct {
	Kind CaptureKind
	// Letter makes the kind in the capture palette (PRODUCT.md).
	Letter string
	// Word is the kind in a row or a status line: "follow-up".
	Word string
	// Name is the kind as a sentence says it: "follow-up question".
	Name string
	// Icon is one cell, before a capture in a list.
	Icon string
	// Command is the word that makes the kind in accessible mode.
	Command string
	// Section is the summary's heading for captures of the kind.
	Section string
	// Internal is the kind's default: a new capture is facilitator-only.
	Internal bool
	// FacilitatorOnly kinds are the facilitator's own, whatever their
	// internal mark: never in the client's copy, off screen while
	// presenting.
	FacilitatorOnly bool
	// Fields are what the kind holds beside its text, phase, time and tags.
	Fields []CaptureField
	// Closes: a capture of the kind is followed until it is closed, across
	// sessions (an action done, a follow-up question answered; loop.go).
	Closes bool
}

// CaptureField is a field some capture kinds hold beside their text.
type CaptureField int

// Capture fields, named after the fields of Capture.
const (
	FieldImpact  CaptureField = iota + 1 // 1..5
	FieldEffort                          // 1..5
	FieldOwner                           // who does it
	FieldDue                             // a date, YYYY-MM-DD (ParseDue reads what is typed)
	FieldSpeaker                         // who said it, "Name, role" (Credit)
)

// Has reports whether the kind holds field f.
func (c CaptureInfo) Has(f CaptureField) bool {
	for _, x := range c.Fields {
		if x == f {
			return true
		}
	}
	return false
}

// captureKinds is the table, in palette order.
var captureKinds = []CaptureInfo{
	{Kind: CaptureNote, Letter: "n", Word: "note", Name: "note", Icon: "•", Command: "note",
		Section: "Notes", Internal: true},
	{Kind: CaptureQuote, Letter: "q", Word: "quote", Name: "quote", Icon: "“", Command: "quote",
		Section: "Quotes", Fields: []CaptureField{FieldSpeaker}},
	{Kind: CapturePain, Letter: "p", Word: "pain", Name: "pain", Icon: "▲", Command: "pain",
		Section: "Pains", Fields: []CaptureField{FieldImpact, FieldEffort}},
	{Kind: CaptureAction, Letter: "a", Word: "action", Name: "action", Icon: "→", Command: "action",
		Section: "Agreed actions", Fields: []CaptureField{FieldOwner, FieldDue}, Closes: true},
	{Kind: CaptureDecision, Letter: "d", Word: "decision", Name: "decision", Icon: "◆", Command: "decision",
		Section: "Decisions"},
	{Kind: CaptureRisk, Letter: "r", Word: "risk", Name: "risk", Icon: "△", Command: "risk",
		Section: "Risks", Internal: true},
	{Kind: CaptureIdea, Letter: "i", Word: "idea", Name: "idea", Icon: "◎", Command: "idea",
		Section: "Ideas to explore"},
	{Kind: CaptureFollowUp, Letter: "f", Word: "follow-up", Name: "follow-up question", Icon: "?", Command: "followup",
		Section: "Open questions", Closes: true},
}

// CaptureKinds lists every capture kind in palette order.
var CaptureKinds = func() []CaptureKind {
	out := make([]CaptureKind, len(captureKinds))
	for i, c := range captureKinds {
		out[i] = c.Kind
	}
	return out
}()

// LookupCaptureKind returns the table's entry for k; false when k is
// unknown (a capture from a newer rapport).
func LookupCaptureKind(k CaptureKind) (CaptureInfo, bool) {
	for _, c := range captureKinds {
		if c.Kind == k {
			return c, true
		}
	}
	return CaptureInfo{}, false
}

// Info returns the table's entry for k. An unknown kind is described by
// its own name, with a neutral icon and no fields; callers that print its
// words sanitise them, as they do any stored text.
func (k CaptureKind) Info() CaptureInfo {
	if c, ok := LookupCaptureKind(k); ok {
		return c
	}
	return CaptureInfo{Kind: k, Word: string(k), Name: string(k), Icon: "·", Command: string(k), Section: string(k)}
}

// HiddenFromClient reports whether c stays out of what the client sees
// (their copy of the summary, the screens while presenting): internal
// captures and the facilitator's own kinds.
func (c Capture) HiddenFromClient() bool {
	return c.Internal || c.Kind.Info().FacilitatorOnly
}
