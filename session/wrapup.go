package session

// WrapUp is the checklist PRODUCT.md asks for before a session is finished:
// what was parked, what is required and still open, actions nobody owns or
// dated, and the follow-up questions to send. It flags and never blocks, so
// it is a plain value: the runner's overlay and the accessible mode's
// `finish` read it out each in their own way and always work out the same
// list.
type WrapUp struct {
	// Parked are the visible prompts parked for follow-up, in asking order.
	Parked []Step
	// Required are the visible required prompts still open: no answer and
	// no state (skipped, parked, not applicable) given.
	Required []Step
	// Actions are the action captures missing an owner, a due date or both,
	// in capture order; Capture.Missing says which. A done one needs
	// neither.
	Actions []Capture
	// FollowUps are the follow-up question captures, in capture order,
	// answered ones too (Capture.Closed).
	FollowUps []Capture
	// Carried are the actions and follow-up questions this session carried
	// from earlier ones and still open: the moment to ask about them.
	Carried []LoopItem
}

// WrapUpTitles are the wrap-up's headings, in the order of WrapUp's
// fields, shared by the runner's overlay and accessible mode.
var WrapUpTitles = [5]string{
	"Parked for follow-up",
	"Required, still open",
	"Actions without an owner or a due date",
	"Follow-up questions",
	"Still open from earlier sessions",
}

// WrapUp works the checklist out from the session as it is now. Prompts a
// show_if hides are left out, since the facilitator never saw them. Items
// carried from earlier sessions read as their references remember them;
// WrapUpWith reads them where they live.
func (s *Session) WrapUp() WrapUp { return s.WrapUpWith(nil) }

// WrapUpWith is WrapUp with the items carried from earlier sessions read
// from the sessions that made them, which find looks up by id.
func (s *Session) WrapUpWith(find func(id string) *Session) WrapUp {
	var w WrapUp
	for _, st := range s.Steps() {
		switch state := s.AnswerFor(st.Prompt.ID).State; {
		case state == StateParked:
			w.Parked = append(w.Parked, st)
		case st.Prompt.Required && state == StateOpen:
			w.Required = append(w.Required, st)
		}
	}
	for _, c := range s.Captures {
		switch {
		case c.Kind == CaptureAction && c.Missing() != "" && !c.Closed():
			w.Actions = append(w.Actions, c)
		case c.Kind == CaptureFollowUp:
			w.FollowUps = append(w.FollowUps, c)
		}
	}
	for _, r := range s.Carried {
		if it := r.Resolve(find); !it.Closed() {
			w.Carried = append(w.Carried, it)
		}
	}
	return w
}

// Missing says what an action capture still lacks, in the words both front
// ends show: "no owner, no due date", "no owner", "no due date", or "" when
// it has both (and for any other kind of capture, which needs neither).
func (c Capture) Missing() string {
	if c.Kind != CaptureAction {
		return ""
	}
	switch {
	case c.Owner == "" && c.Due == "":
		return "no owner, no due date"
	case c.Owner == "":
		return "no owner"
	case c.Due == "":
		return "no due date"
	}
	return ""
}
