// Package session is rapport's domain: a discovery session, its answers,
// captures and roadmap, and the Markdown summary made from them. It is pure:
// no terminal, no disk. Mutations return the Edit that persists them, so the
// caller hands that Edit to the store without knowing how it is kept.
package session

import (
	"time"

	"rapport/playbooks"
)

// Status is where a session stands.
type Status string

// Session statuses.
const (
	StatusInProgress Status = "in_progress"
	StatusFinished   Status = "finished"
)

// State is where one prompt stands. Moving on is never blocked by it.
type State string

// Prompt states.
const (
	StateOpen          State = "open"
	StateAnswered      State = "answered"
	StateSkipped       State = "skipped"
	StateParked        State = "parked" // parked for follow-up
	StateNotApplicable State = "not_applicable"
)

// Words is the state as the facilitator reads or hears it: "open",
// "answered", "skipped", "parked for follow-up", "not applicable". The
// summary and accessible mode both say it this way.
func (s State) Words() string {
	switch s {
	case StateAnswered:
		return "answered"
	case StateSkipped:
		return "skipped"
	case StateParked:
		return "parked for follow-up"
	case StateNotApplicable:
		return "not applicable"
	}
	return "open"
}

// Contact is a person on the client's side of the table.
type Contact struct {
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
}

// Header is the small, often-changed part of a session: who, when, where the
// facilitator is. It is stored apart from answers and captures so that a save
// writes only what changed.
type Header struct {
	ID          string    `json:"id"` // a ULID: sortable by creation time
	Client      string    `json:"client"`
	Contacts    []Contact `json:"contacts,omitempty"`
	Facilitator string    `json:"facilitator,omitempty"`
	Tags        []string  `json:"tags,omitempty"`
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
	Status      Status    `json:"status"`
	// Cursor is the prompt last worked on; a resumed session opens there.
	Cursor string `json:"cursor,omitempty"`
	// Elapsed is the session clock: time spent running, breaks excluded.
	Elapsed time.Duration `json:"elapsed,omitempty"`
	// PhaseTime is the time spent in each phase, by phase id.
	PhaseTime map[string]time.Duration `json:"phase_time,omitempty"`
	// AdHoc holds questions added on the spot when the talk went off-script.
	AdHoc []AdHocPrompt `json:"adhoc,omitempty"`
	// Follows is the id of the session this one follows up (FollowUp),
	// so the library and the timeline can say "follow-up of 3 Dec".
	Follows string `json:"follows,omitempty"`
	// Takeaways are the key takeaways the facilitator wrote at wrap-up,
	// one a line, when the playbook has no takeaways prompt of its own
	// (with one, its answer is the takeaways and this stays empty).
	Takeaways []string `json:"takeaways,omitempty"`
}

// AdHocPrompt is a question added during a session. It sits in a phase after
// a given prompt and is answered like a long text prompt.
type AdHocPrompt struct {
	ID       string `json:"id"`
	Phase    string `json:"phase"`
	After    string `json:"after,omitempty"` // prompt id it follows; empty: end of phase
	Question string `json:"question"`
}

// Session is a whole discovery session: header, the playbook snapshot it runs,
// answers by prompt id, captures and roadmap in creation order.
type Session struct {
	Header
	Playbook playbooks.Playbook `json:"playbook"`
	// Answers are replaced whole (PutAnswer, SetState), never changed in
	// place: an Edit may share one with the writer goroutine.
	Answers  map[string]*Answer `json:"answers,omitempty"`
	Captures []Capture          `json:"captures,omitempty"`
	Roadmap  []RoadmapItem      `json:"roadmap,omitempty"`
	// Carried are the actions and follow-up questions of earlier sessions
	// that this one carried over: references, since each lives in the
	// session that made it (loop.go). Set when the session is made.
	Carried []Ref `json:"carried,omitempty"`
	// Tombstones remember the captures and roadmap items deleted from the
	// session, so that a team sync with a copy that still holds one does
	// not bring it back (team.go). Sorted by kind, then id.
	Tombstones []Tombstone `json:"tombstones,omitempty"`

	// author is who is making changes now (SetAuthor); the mutations stamp
	// it on what they change. Not stored: each front end sets it.
	author string

	// progress keeps the index record's counts between edits (touch).
	progress progress
}

// Answer is the answer to one prompt. Only the fields of the prompt's kind are
// used: Text for text and long_text, Rating and Evidence for rating, Choices
// for choice and multi_choice, Number for percent and number, Items for list,
// Stages for journey, Ledger for ledger.
type Answer struct {
	PromptID string         `json:"prompt"`
	State    State          `json:"state"`
	Text     string         `json:"text,omitempty"`
	Rating   int            `json:"rating,omitempty"` // 1..5, 0 when unset
	Evidence string         `json:"evidence,omitempty"`
	Choices  []string       `json:"choices,omitempty"`
	Number   *float64       `json:"number,omitempty"`
	Items    []string       `json:"items,omitempty"`
	Stages   []JourneyStage `json:"stages,omitempty"`
	Ledger   []LedgerEntry  `json:"ledger,omitempty"`
	Updated  time.Time      `json:"updated"`
	// Author is who wrote this version of the answer (the last to change
	// it): `rapport config name`, else git's user.name. Empty for answers
	// made before rapport knew names, or with no name configured.
	Author string `json:"author,omitempty"`
	// Conflicts are the other versions of the answer that a team sync
	// found, when two people changed it at once (teamsync). The answer
	// itself is the newer of them; nothing is dropped: the runner shows
	// every version until one is chosen or they are joined (Resolve).
	Conflicts []Answer `json:"conflicts,omitempty"`
}

// JourneyStage is one stage of the customer's journey.
type JourneyStage struct {
	Name          string `json:"name"`
	Doing         string `json:"doing,omitempty"` // what the customer does
	Touchpoints   string `json:"touchpoints,omitempty"`
	Feeling       int    `json:"feeling"` // -2..+2
	Pains         string `json:"pains,omitempty"`
	Opportunities string `json:"opportunities,omitempty"`
}

// LedgerKind says whether a trust ledger entry adds to or takes from trust.
type LedgerKind string

// Ledger entry kinds.
const (
	Deposit    LedgerKind = "deposit"
	Withdrawal LedgerKind = "withdrawal"
)

// LedgerEntry is one deposit into or withdrawal from the trust account.
type LedgerEntry struct {
	Kind   LedgerKind `json:"kind"`
	Text   string     `json:"text"`
	Amount int        `json:"amount"` // positive size of the entry, 1..5
}

// CaptureKind is the kind of thing a facilitator records besides answers.
type CaptureKind string

// Capture kinds, with the palette letter that makes each (PRODUCT.md).
const (
	CaptureNote     CaptureKind = "note"     // n
	CaptureQuote    CaptureKind = "quote"    // q
	CapturePain     CaptureKind = "pain"     // p
	CaptureAction   CaptureKind = "action"   // a
	CaptureDecision CaptureKind = "decision" // d
	CaptureRisk     CaptureKind = "risk"     // r
	CaptureIdea     CaptureKind = "idea"     // i
	CaptureFollowUp CaptureKind = "followup" // f
)

// Capture is a note, quote, pain, action, decision, risk, idea or follow-up
// question, stamped with the session clock and the phase it was taken in.
type Capture struct {
	ID   string      `json:"id"` // a ULID
	Kind CaptureKind `json:"kind"`
	Text string      `json:"text"`
	// At is the session clock when the words were said (backdating included).
	At       time.Duration `json:"at"`
	Phase    string        `json:"phase,omitempty"`
	Tags     []string      `json:"tags,omitempty"`
	Internal bool          `json:"internal,omitempty"`
	Created  time.Time     `json:"created"`
	// Pain fields: each 1..5.
	Impact int `json:"impact,omitempty"`
	Effort int `json:"effort,omitempty"`
	// Action fields. Due is a date as YYYY-MM-DD.
	Owner string `json:"owner,omitempty"`
	Due   string `json:"due,omitempty"`
	// Speaker is who said a quote, as "Name, role" (one of the session's
	// contacts, or typed); empty when nobody was named, and then the quote
	// carries no credit.
	Speaker string `json:"speaker,omitempty"`
	// Done is the date (YYYY-MM-DD) an action was done or a follow-up
	// question answered; empty while it is open (loop.go).
	Done string `json:"done,omitempty"`
	// Answer is a follow-up question's answer. Reopening the question keeps
	// it, so nothing typed is lost.
	Answer string `json:"answer,omitempty"`
	// Updated is when the capture last changed (zero for captures made
	// before it was recorded: Created stands in); Author is who changed it
	// last. A team sync's merge orders changes by them (team.go).
	Updated time.Time `json:"updated,omitzero"`
	Author  string    `json:"author,omitempty"`
	// Conflicts are the other versions of the capture a team sync kept
	// when two people changed the same field of it at once; the capture
	// is the newer. Editing the capture keeps them until they are resolved.
	Conflicts []Capture `json:"conflicts,omitempty"`
}

// Horizon is a roadmap column.
type Horizon string

// Roadmap horizons.
const (
	Now   Horizon = "now"
	Next  Horizon = "next"
	Later Horizon = "later"
)

// RoadmapItem is one line of the roadmap, justified by pains and quotes.
type RoadmapItem struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Horizon Horizon  `json:"horizon"`
	Order   int      `json:"order"` // position within its horizon
	Owner   string   `json:"owner,omitempty"`
	Target  string   `json:"target,omitempty"`
	Pains   []string `json:"pains,omitempty"`  // capture ids
	Quotes  []string `json:"quotes,omitempty"` // capture ids
	// Updated and Author say when and by whom the item last changed, as on
	// a capture; Conflicts, the other versions a team sync kept.
	Updated   time.Time     `json:"updated,omitzero"`
	Author    string        `json:"author,omitempty"`
	Conflicts []RoadmapItem `json:"conflicts,omitempty"`
}

// Index is the small per-session record that listing reads instead of whole
// sessions.
type Index struct {
	ID              string    `json:"id"`
	Client          string    `json:"client"`
	Playbook        string    `json:"playbook"`
	PlaybookTitle   string    `json:"playbook_title,omitempty"`
	PlaybookVersion int       `json:"playbook_version,omitempty"`
	Status          Status    `json:"status"`
	Created         time.Time `json:"created"`
	Updated         time.Time `json:"updated"`
	Answered        int       `json:"answered"` // prompts not open
	Total           int       `json:"total"`
	// With names the people on the client's side, "Ann Lee, Bob Smith",
	// so two sessions of one client read apart in the library.
	With string `json:"with,omitempty"`
	// Follows is the id of the session this one follows up.
	Follows string `json:"follows,omitempty"`
}

// Edit is one change to persist, as a session mutation produced it. Every
// edit carries the new Header and Index, which are small; besides them it
// carries at most what changed. The store applies edits in order and may
// merge several for the same key (the last wins).
//
// An edit is read-only: its Header shares its slices and map, and an answer
// holding only text shares itself, with the session, which replaces them
// rather than changing them in place. So making an edit copies nothing that
// grows with the session, and the writer goroutine may read it while the
// UI goes on.
type Edit struct {
	SessionID     string
	Header        Header
	Index         Index
	Answer        *Answer      // put this answer
	Capture       *Capture     // put this capture
	DeleteCapture string       // delete the capture with this id
	Roadmap       *RoadmapItem // put this roadmap item
	DeleteRoadmap string       // delete the roadmap item with this id
	// Tombstone goes with DeleteCapture or DeleteRoadmap: the mark the
	// store keeps of the deletion (a put of the same id clears it).
	Tombstone *Tombstone
}
