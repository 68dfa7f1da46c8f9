// Package playbooks defines the playbook format rapport runs sessions from:
// phases of prompts with facilitator tips, loaded from YAML that it is handed
// as bytes or an fs.FS. It knows nothing of terminals, disks or sessions, so
// the same loader serves the built-ins, the user's folder and the validator.
package playbooks

import "time"

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
)

// Kinds lists every prompt kind in the order the format documents them.
var Kinds = []Kind{
	KindText, KindLongText, KindRating, KindChoice, KindMultiChoice,
	KindPercent, KindNumber, KindList, KindJourney, KindLedger,
}

// Playbook is one interview guide: its identity and its phases. A session
// keeps a copy of the playbook it ran, so the struct is also serialised as
// JSON inside stored sessions and exports.
type Playbook struct {
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Version int     `json:"version"`
	Summary string  `json:"summary,omitempty"`
	Source  string  `json:"source,omitempty"`
	Phases  []Phase `json:"phases"`
}

// Phase is a step of a playbook with its own goal, soft timebox and prompts.
type Phase struct {
	ID      string        `json:"id"`
	Title   string        `json:"title"`
	Goal    string        `json:"goal,omitempty"`
	Timebox time.Duration `json:"timebox,omitempty"`
	// Tips are facilitator-only guidance, never in the client's export.
	Tips    []string   `json:"tips,omitempty"`
	Prompts []Prompt   `json:"prompts"`
	ShowIf  *Condition `json:"show_if,omitempty"`
}

// Prompt is one question of a phase.
type Prompt struct {
	ID       string `json:"id"`
	Kind     Kind   `json:"kind"`
	Question string `json:"question"`
	Help     string `json:"help,omitempty"`
	// Required prompts are flagged when left open, never enforced.
	Required bool `json:"required,omitempty"`
	// Internal prompts are facilitator-only and kept out of the client's export.
	Internal bool `json:"internal,omitempty"`
	// Scorecard groups rating prompts that roll up together.
	Scorecard string `json:"scorecard,omitempty"`
	// Evidence asks for a line of evidence beside a rating.
	Evidence bool       `json:"evidence,omitempty"`
	Options  []string   `json:"options,omitempty"`
	Flag     *Flag      `json:"flag,omitempty"`
	ShowIf   *Condition `json:"show_if,omitempty"`
}

// Flag marks a numeric answer that deserves attention, with the reason to say.
type Flag struct {
	When Comparison `json:"when"`
	Say  string     `json:"say"`
}

// Condition shows a prompt or phase only when an earlier answer matches.
type Condition struct {
	Prompt string     `json:"prompt"`
	Is     Comparison `json:"is"`
}

// Comparison is a parsed test such as ">= 80", "< 3", "== Yes" or a bare
// value (equality). Numeric operators compare Num; equality on a value
// that is not a number compares Text.
type Comparison struct {
	Op   string  `json:"op"` // one of >=, <=, >, <, ==, !=
	Num  float64 `json:"num,omitempty"`
	Text string  `json:"text,omitempty"`
	// Numeric is true when the value parsed as a number.
	Numeric bool `json:"numeric,omitempty"`
}
