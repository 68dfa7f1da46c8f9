package playbooks

// Kind is the kind of answer a prompt asks for. It decides which editor the
// runner shows and how the summary writes the answer.
type Kind string

// The prompt kinds of the file format (PRODUCT.md, "The file format").
const (
	KindText        Kind = "text"         // one line of text
	KindLongText    Kind = "long_text"    // free text over many lines
	KindRating      Kind = "rating"       // a score from 1 to 5, with optional evidence
	KindChoice      Kind = "choice"       // one of Options
	KindMultiChoice Kind = "multi_choice" // any of Options
	KindPercent     Kind = "percent"      // a number from 0 to 100
	KindNumber      Kind = "number"       // any number
	KindList        Kind = "list"         // a list of items
	KindJourney     Kind = "journey"      // journey stages
	KindLedger      Kind = "ledger"       // trust deposits and withdrawals
	KindDate        Kind = "date"         // a day, stored as YYYY-MM-DD
)

// Value is the part of a session's answer a kind fills. The summary, the
// flags and the accessible read-out go by it, so a new kind whose value is
// text, a number... is written everywhere without a case of its own.
type Value int

// Answer values, named after the fields of session.Answer they use.
const (
	ValueText    Value = iota // Text
	ValueRating               // Rating, and Evidence when asked
	ValueChoices              // Choices
	ValueNumber               // Number (Text holds a draft that does not parse)
	ValueItems                // Items
	ValueStages               // Stages
	ValueLedger               // Ledger
)

// Values lists every answer value, for tests that check each has a writer.
var Values = []Value{ValueText, ValueRating, ValueChoices, ValueNumber, ValueItems, ValueStages, ValueLedger}

// KindInfo is everything rapport knows of an answer kind that does not
// depend on a screen: the words for it, what it stores, which prompt keys
// it takes. The front ends keep their own registries keyed by Kind (the
// answer editors in tui/field, the entries of accessible mode) and each has
// a test that fails when a kind of this table has no entry there.
type KindInfo struct {
	Kind Kind
	// Words name the answer as a facilitator would ("a rating from 1 to
	// 5"); the playbook guide says them.
	Words string
	// How says how an answer is given, whatever the front end: what may be
	// typed or picked.
	How string
	// Value is what the answer stores.
	Value Value
	// Numeric answers compare as numbers: a flag tests them with a number.
	Numeric bool
	// Options: the answer is picked from the prompt's options, which the
	// kind then needs (and no other kind takes).
	Options bool
	// FreeText answers are text as typed, which $EDITOR may write.
	FreeText bool
	// MultiLine answers run over many lines.
	MultiLine bool
	// Unit follows a number where it is read out: "%" for a percentage.
	Unit string
	// Joins: two versions of an answer, written at once by two people of a
	// team, can be put together into one (texts as paragraphs, lists and
	// picks without repeats); otherwise one of them must be kept.
	Joins bool
}

// kinds is the table, in the order the format documents the kinds.
var kinds = []KindInfo{
	{Kind: KindText, Words: "short text", How: "one line of text",
		Value: ValueText, FreeText: true},
	{Kind: KindLongText, Words: "long text", How: "as many lines of text as needed",
		Value: ValueText, FreeText: true, MultiLine: true, Joins: true},
	{Kind: KindRating, Words: "a rating from 1 to 5", How: "a whole number from 1 to 5",
		Value: ValueRating, Numeric: true},
	{Kind: KindChoice, Words: "one of the options", How: "one of the options, by its number or its text",
		Value: ValueChoices, Options: true},
	{Kind: KindMultiChoice, Words: "any of the options", How: "any of the options, by their numbers or texts",
		Value: ValueChoices, Options: true, Joins: true},
	{Kind: KindPercent, Words: "a percentage from 0 to 100", How: "a number from 0 to 100",
		Value: ValueNumber, Numeric: true, Unit: "%"},
	{Kind: KindNumber, Words: "a number", How: "a number, such as 12 or 3.5",
		Value: ValueNumber, Numeric: true},
	{Kind: KindList, Words: "a list of items", How: "one item per line",
		Value: ValueItems, MultiLine: true, Joins: true},
	{Kind: KindJourney,
		Words: "a customer journey, stage by stage: what the customer does, touchpoints, feeling from -2 to +2, pains and opportunities",
		How:   "stages, each a name, what the customer does, touchpoints, a feeling from -2 to 2, pains and opportunities",
		Value: ValueStages, Joins: true},
	{Kind: KindLedger, Words: "a trust ledger of deposits and withdrawals with a running balance",
		How:   "entries, each a deposit or a withdrawal, what happened and an amount from 1 to 5",
		Value: ValueLedger, Joins: true},
	{Kind: KindDate, Words: "a date", How: "YYYY-MM-DD, today, yesterday, -3d, +2w, fri or last fri",
		Value: ValueText},
}

// Kinds lists every prompt kind in the order the format documents them.
var Kinds = func() []Kind {
	out := make([]Kind, len(kinds))
	for i, k := range kinds {
		out[i] = k.Kind
	}
	return out
}()

// FallbackKind is how a kind this rapport does not know (a playbook from a
// newer one, a hand-edited snapshot) is answered and written, by every
// front end alike: long text takes anything typed and loses nothing.
const FallbackKind = KindLongText

// Flaggable reports whether a prompt of this kind may carry a flag: a
// numeric answer tested against a number, or a pick tested against one of
// the options.
func (k KindInfo) Flaggable() bool { return k.Numeric || k.Options }

// LookupKind returns the table's entry for k; false when k is unknown.
func LookupKind(k Kind) (KindInfo, bool) {
	for _, info := range kinds {
		if info.Kind == k {
			return info, true
		}
	}
	return KindInfo{}, false
}

// KindOf returns the entry for k, or FallbackKind's when k is unknown, so a
// caller never needs a case of its own for an unknown kind.
func KindOf(k Kind) KindInfo {
	if info, ok := LookupKind(k); ok {
		return info
	}
	info, _ := LookupKind(FallbackKind)
	return info
}
