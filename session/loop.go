package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"rapport/playbooks"
)

// Closing the loop across sessions (DECISIONS.md, "Sessions across time").
// An action is done, or not yet; a follow-up question is answered, with the
// answer's text, or not yet. Either lives in the session where it was
// made, its origin. A later session of the same client holds a reference to
// it (Ref), never a copy, so closing it from any session is an edit to the
// origin, and every session and the client timeline see the same state.

// Ref is an action or follow-up question that a follow-up session carried
// over from an earlier one. The item itself stays in its origin session;
// the reference says where, and keeps the text as it read when carried,
// so the item still reads when its origin is no longer in the store.
// A session's references are set when it is made and never change.
type Ref struct {
	Session string      `json:"session"` // the origin session's id
	Item    string      `json:"item"`    // the item's id there (ItemID)
	Kind    CaptureKind `json:"kind"`    // action or follow-up question
	Text    string      `json:"text"`    // as it read when carried
}

// parkedPrefix starts the item id of a parked prompt followed up as a
// question: "parked-" and the prompt's id.
const parkedPrefix = "parked-"

// ErrNoItem is wrapped by CloseItem and ReopenItem when the session has no
// action or follow-up question with that id.
var ErrNoItem = errors.New("no such action or follow-up question")

// ErrNoAnswer is returned by CloseItem for a follow-up question without an
// answer: answering is what closes it.
var ErrNoAnswer = errors.New("a follow-up question is closed by its answer: type the answer")

// Closes reports whether captures of kind k are followed until closed:
// actions are done, follow-up questions answered.
func (k CaptureKind) Closes() bool { return k.Info().Closes }

// Closed reports whether the action is done or the follow-up question
// answered.
func (c Capture) Closed() bool { return c.Done != "" }

// Items lists the actions and follow-up questions the session made, in the
// order they were said (the session clock, then capture order), then its
// parked prompts as follow-up questions (item id "parked-" and the prompt's
// id) in asking order, unless one was already followed up as a capture of
// that id (answered from a later session). Open and closed alike; internal
// ones included (the client's copy leaves them out).
func (s *Session) Items() []Capture {
	var out []Capture
	for _, c := range s.Captures {
		if c.Kind.Closes() {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Capture) int {
		switch {
		case a.At < b.At:
			return -1
		case a.At > b.At:
			return 1
		}
		return 0
	})
	for _, st := range s.Steps() {
		if a := s.Answers[st.Prompt.ID]; a == nil || a.State != StateParked {
			continue
		}
		if s.hasCapture(parkedPrefix + st.Prompt.ID) {
			continue
		}
		out = append(out, parkedItem(st))
	}
	return out
}

// parkedItem is a parked prompt as a follow-up question.
func parkedItem(st Step) Capture {
	return Capture{
		ID:       parkedPrefix + st.Prompt.ID,
		Kind:     CaptureFollowUp,
		Text:     st.Prompt.Question + " (parked in " + st.Phase.Title + ")",
		Phase:    st.Phase.ID,
		Internal: st.Prompt.Internal,
	}
}

func (s *Session) hasCapture(id string) bool {
	return slices.ContainsFunc(s.Captures, func(c Capture) bool { return c.ID == id })
}

// OpenItems is what a session leaves for the next one: its Items not yet
// closed.
func OpenItems(s *Session) []Capture {
	return slices.DeleteFunc(s.Items(), Capture.Closed)
}

// Item returns the session's own action or follow-up question id (see
// Items), false when it has none.
func (s *Session) Item(id string) (Capture, bool) {
	if i := slices.IndexFunc(s.Captures, func(c Capture) bool { return c.ID == id }); i >= 0 {
		c := s.Captures[i]
		return c, c.Kind.Closes()
	}
	if pid, ok := strings.CutPrefix(id, parkedPrefix); ok {
		for _, st := range s.Steps() {
			if st.Prompt.ID == pid && s.AnswerFor(pid).State == StateParked {
				return parkedItem(st), true
			}
		}
	}
	return Capture{}, false
}

// CloseItem closes the session's own action or follow-up question id on
// the date on (YYYY-MM-DD): an action is marked done, a follow-up question
// answered with answer (required; an action ignores it). Closing an item
// already closed moves its date and answer. A parked prompt followed up as
// a question is answered as a follow-up capture of its item id, and the
// prompt itself stays as it was in that session.
func (s *Session) CloseItem(id, on, answer string, now time.Time) (Edit, error) {
	c, ok := s.Item(id)
	if !ok {
		return Edit{}, fmt.Errorf("%w: %q", ErrNoItem, id)
	}
	if _, err := time.Parse(DateLayout, on); err != nil {
		return Edit{}, fmt.Errorf("close %q: the date %q is not YYYY-MM-DD", id, on)
	}
	if c.Kind == CaptureFollowUp {
		if strings.TrimSpace(answer) == "" {
			return Edit{}, ErrNoAnswer
		}
		c.Answer = answer
	}
	if c.Created.IsZero() {
		c.Created = now
	}
	c.Done = on
	return s.PutCapture(c, now), nil
}

// ReopenItem undoes CloseItem: the action is open again, the follow-up
// question unanswered. A follow-up keeps the answer's text, so an undo
// loses nothing typed; it shows again once the question is closed again.
func (s *Session) ReopenItem(id string, now time.Time) (Edit, error) {
	c, ok := s.Item(id)
	if !ok || !s.hasCapture(id) {
		return Edit{}, fmt.Errorf("%w: %q", ErrNoItem, id)
	}
	c.Done = ""
	return s.PutCapture(c, now), nil
}

// LoopItem is an action or follow-up question as a client's sessions see
// it: the item as its origin session holds it, and where that is.
type LoopItem struct {
	// Origin is the session that holds the item; nil when that session is
	// not among those given (deleted, or not loaded): the item is then
	// read from the reference a later session holds, and cannot be closed.
	Origin *Session
	// Ref names the item: its origin session and id, its kind and text.
	Ref Ref
	// Item is the item as the origin holds it, or, with no origin, made
	// from the reference (its id, kind and text).
	Item Capture
}

// Closed reports whether the item is done or answered.
func (it LoopItem) Closed() bool { return it.Item.Closed() }

// Gone reports whether the item's origin is absent.
func (it LoopItem) Gone() bool { return it.Origin == nil }

// Key identifies the item across sessions: its origin's id and its own.
func (it LoopItem) Key() string { return it.Ref.Session + "/" + it.Ref.Item }

// RefTo is the reference a later session holds to c of s.
func RefTo(s *Session, c Capture) Ref {
	return Ref{Session: s.ID, Item: c.ID, Kind: c.Kind, Text: c.Text}
}

// ownItems are s's items as loop items.
func ownItems(s *Session) []LoopItem {
	items := s.Items()
	out := make([]LoopItem, len(items))
	for i, c := range items {
		out[i] = LoopItem{Origin: s, Ref: RefTo(s, c), Item: c}
	}
	return out
}

// Resolve finds what r points to: the origin's item when find knows the
// origin session and it still holds the item, else the item as the
// reference remembers it (Origin nil). find may be nil.
func (r Ref) Resolve(find func(id string) *Session) LoopItem {
	if find != nil {
		if o := find(r.Session); o != nil {
			if c, ok := o.Item(r.Item); ok {
				return LoopItem{Origin: o, Ref: RefTo(o, c), Item: c}
			}
		}
	}
	return LoopItem{Ref: r, Item: Capture{ID: r.Item, Kind: r.Kind, Text: r.Text}}
}

// Loop is the session's actions and follow-up questions as the session
// shows them: those carried over from earlier sessions first (resolved
// through find, which looks a session up by id and may be nil), in the
// order they were carried, then its own (Items).
func (s *Session) Loop(find func(id string) *Session) []LoopItem {
	out := make([]LoopItem, 0, len(s.Carried)+len(s.Captures))
	for _, r := range s.Carried {
		out = append(out, r.Resolve(find))
	}
	return append(out, ownItems(s)...)
}

// ClientLoop lists every action and follow-up question of a client's
// sessions, each once: in the session that made it, sessions in the order
// given (oldest first), however many later sessions carried it. An item
// whose origin is not among the sessions is listed once, from the first
// reference to it, where that session lists its own.
func ClientLoop(sessions []*Session) []LoopItem {
	byID := make(map[string]*Session, len(sessions))
	for _, s := range sessions {
		byID[s.ID] = s
	}
	var out []LoopItem
	seen := map[string]bool{}
	for _, s := range sessions {
		for _, r := range s.Carried {
			it := LoopItem{Ref: r}
			if byID[r.Session] != nil || seen[it.Key()] {
				continue
			}
			seen[it.Key()] = true
			out = append(out, r.Resolve(nil))
		}
		out = append(out, ownItems(s)...)
	}
	return out
}

// Find looks a session up by id among sessions, for Resolve and Loop.
func Find(sessions []*Session) func(id string) *Session {
	return func(id string) *Session {
		for _, s := range sessions {
			if s.ID == id {
				return s
			}
		}
		return nil
	}
}

// CarriedTag marks the pains and quotes a follow-up session copied from
// the one before.
const CarriedTag = "carried-over"

// Carried reports whether c was copied from an earlier session by a
// follow-up (tagged #carried-over): evidence brought along, not said here.
func (c Capture) Carried() bool {
	return slices.ContainsFunc(c.Tags, func(t string) bool { return CleanTag(t) == CarriedTag })
}

// FollowUp starts the next session with a client, on pb. history is the
// client's sessions, oldest first; the new one follows the last. It takes
// that session's contacts and facilitator (the caller may change them),
// and carries:
//
//   - a reference to every action and follow-up question of the client
//     still open (ClientLoop), never a copy: closing one from either
//     session closes it in the session that made it;
//   - a copy of the client's latest roadmap (that of the latest session
//     with one), items keeping their ids;
//   - the pains and quotes of the last session, and any the roadmap links
//     to, copied keeping their ids (so the roadmap's links hold) and their
//     scores, tagged #carried-over, stamped at the start of the new
//     session in its first phase.
//
// None of history is changed. With no history it is a new session for no
// client, which the caller should not ask for.
func FollowUp(history []*Session, id string, now time.Time, pb playbooks.Playbook) *Session {
	if len(history) == 0 {
		return New(id, now, "", pb)
	}
	prev := history[len(history)-1]
	s := New(id, now, prev.Client, pb)
	s.Facilitator = prev.Facilitator
	s.Contacts = slices.Clone(prev.Contacts)
	s.Follows = prev.ID
	for _, it := range ClientLoop(history) {
		if !it.Closed() {
			s.Carried = append(s.Carried, it.Ref)
		}
	}

	phase := ""
	if steps := s.Steps(); len(steps) > 0 {
		phase = steps[0].Phase.ID
	}
	carry := func(c Capture) {
		if s.hasCapture(c.ID) {
			return
		}
		c.At, c.Phase = 0, phase
		c.Tags = slices.Clone(c.Tags)
		if !c.Carried() {
			c.Tags = append(c.Tags, CarriedTag)
		}
		s.Captures = append(s.Captures, c)
	}
	for _, c := range prev.Captures {
		if c.Kind == CapturePain || c.Kind == CaptureQuote {
			carry(c)
		}
	}
	for i := len(history) - 1; i >= 0; i-- {
		from := history[i]
		if len(from.Roadmap) == 0 {
			continue
		}
		for _, it := range from.Roadmap {
			it.Pains = slices.Clone(it.Pains)
			it.Quotes = slices.Clone(it.Quotes)
			s.Roadmap = append(s.Roadmap, it)
			for _, cid := range slices.Concat(it.Pains, it.Quotes) {
				if i := slices.IndexFunc(from.Captures, func(c Capture) bool { return c.ID == cid }); i >= 0 {
					carry(from.Captures[i])
				}
			}
		}
		break
	}
	return s
}
