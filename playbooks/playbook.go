// Package playbooks defines the playbook format rapport runs sessions from:
// phases of prompts with facilitator tips, loaded from YAML that it is handed
// as bytes or an fs.FS. It knows nothing of terminals, disks or sessions, so
// the same loader serves the built-ins, the user's folder and the validator.
package playbooks

import "time"

// Audience says who is in the room when a playbook runs.
type Audience string

// Audiences of a playbook (DECISIONS.md, "Audience and the client copy").
const (
	// AudienceClient: run with the client. What they say is theirs to read;
	// the session has a client copy. The default when a file names none,
	// so files written before the key existed keep their meaning.
	AudienceClient Audience = "client"
	// AudienceTeam: a retrospective the team runs about the client, without
	// them. Everything in it is internal unless marked otherwise, and the
	// session has no client copy.
	AudienceTeam Audience = "team"
)

// Audiences lists the audiences in the order the format documents them.
var Audiences = []Audience{AudienceClient, AudienceTeam}

// Playbook is one interview guide: its identity and its phases. A session
// keeps a copy of the playbook it ran, so the struct is also serialised as
// JSON inside stored sessions and exports.
type Playbook struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Version int    `json:"version"`
	Summary string `json:"summary,omitempty"`
	Source  string `json:"source,omitempty"`
	// Audience is who is in the room; empty reads as the client (a
	// snapshot stored before the key existed). Use Team to ask.
	Audience Audience `json:"audience,omitempty"`
	// Length is how long the session is planned to last; the phases'
	// timeboxes are meant to add up to it. 0 when the playbook says nothing.
	Length time.Duration `json:"length,omitempty"`
	Phases []Phase       `json:"phases"`
}

// Team reports whether the playbook is a team retrospective, run without
// the client: it has no client copy and its prompts are internal unless
// marked otherwise.
func (p *Playbook) Team() bool { return p.Audience == AudienceTeam }

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

// Prompt is one question of a phase. Question is said aloud as written;
// Help, Probes and ListenFor are the facilitator's, hidden while
// presenting and never in the client's copy.
type Prompt struct {
	ID       string `json:"id"`
	Kind     Kind   `json:"kind"`
	Question string `json:"question"`
	Help     string `json:"help,omitempty"`
	// Probes are follow-up questions to reach for when an answer stays
	// general ("What happened next?").
	Probes []string `json:"probes,omitempty"`
	// ListenFor says what good evidence sounds like, and the red flag.
	ListenFor string `json:"listen_for,omitempty"`
	// Core prompts are the ones to ask whatever happens; the phase's
	// timebox is planned around them, the others are asked as time allows.
	Core bool `json:"core,omitempty"`
	// Required prompts are flagged when left open, never enforced.
	Required bool `json:"required,omitempty"`
	// Internal prompts are facilitator-only and kept out of the client's
	// export. It is the prompt's effective visibility: the parser fills in
	// the default of the playbook's audience (internal in a team playbook
	// unless the file says internal: false).
	Internal bool `json:"internal,omitempty"`
	// Takeaways marks the one list prompt whose answer is the session's key
	// takeaways, read back to the client in their words.
	Takeaways bool `json:"takeaways,omitempty"`
	// Measures pairs a rating with ratings of other playbooks that measure
	// the same thing (the client's pulse beside the team's health check).
	Measures string `json:"measures,omitempty"`
	// Scorecard groups rating prompts that roll up together.
	Scorecard string `json:"scorecard,omitempty"`
	// Evidence asks for a line of evidence beside a rating.
	Evidence bool       `json:"evidence,omitempty"`
	Options  []string   `json:"options,omitempty"`
	Flag     *Flag      `json:"flag,omitempty"`
	ShowIf   *Condition `json:"show_if,omitempty"`
}

// Flag marks a numeric answer that deserves attention, with the reason to
// say. With And it is compound: it fires only when another prompt's answer
// passes And as well (the disagreement test needs both a high share and
// extra work absorbed with nothing in return).
type Flag struct {
	When Comparison `json:"when"`
	And  *Condition `json:"and,omitempty"`
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

// CorePrompts counts the phase's core prompts.
func (ph *Phase) CorePrompts() int {
	n := 0
	for i := range ph.Prompts {
		if ph.Prompts[i].Core {
			n++
		}
	}
	return n
}

// CoreTime is how much of the phase's timebox its core prompts need: the
// timebox shared evenly among its prompts, the core prompts' shares added
// up (three core prompts of five in ten minutes need six). An even share
// is a rough guide, and says so: it leaves the rest of the timebox for
// probes and the optional prompts. 0 without a timebox or core prompts.
func (ph *Phase) CoreTime() time.Duration {
	if ph.Timebox <= 0 || len(ph.Prompts) == 0 {
		return 0
	}
	return (ph.Timebox * time.Duration(ph.CorePrompts()) / time.Duration(len(ph.Prompts))).Round(time.Second)
}
