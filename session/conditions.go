package session

import "rapport/playbooks"

// Visibility says which phases and prompts of a session show, with every
// show_if worked out once. Session.Visibility finds it in one pass over the
// playbook, in order: a phase's condition first, then each of its prompts',
// each looking up the visibility already found for the prompt it names. So
// a playbook costs one pass however its conditions chain (evaluating each
// condition afresh by following the chain doubled per level), and a
// condition that names a later prompt or itself, which the validator
// refuses but an imported snapshot may hold, simply does not hold: a cycle
// stays hidden and nothing loops. playbooks.(*Playbook).ConditionProblems
// says which conditions those are.
//
// A Visibility is a snapshot of the answers it was computed on: compute it
// again after a change (every caller in this package does so per call).
type Visibility struct {
	answers map[string]*Answer
	// phases holds each phase's visibility by index; nil when the playbook
	// has no condition at all, and everything shows.
	phases []bool
	// prompts holds, for every playbook prompt, whether it shows (its phase
	// included); an id absent from it (an ad-hoc question) shows.
	prompts map[string]bool
}

// Visibility works out which phases and prompts show on the current
// answers, in one pass over the playbook.
func (s *Session) Visibility() Visibility {
	v := Visibility{answers: s.Answers}
	pb := &s.Playbook
	if !hasConditions(pb) {
		return v
	}
	v.phases = make([]bool, len(pb.Phases))
	n := 0
	for i := range pb.Phases {
		n += len(pb.Phases[i].Prompts)
	}
	// Every prompt starts hidden, so a condition that looks forward (or at
	// itself) finds it not yet shown, and fails.
	v.prompts = make(map[string]bool, n)
	for i := range pb.Phases {
		for j := range pb.Phases[i].Prompts {
			v.prompts[pb.Phases[i].Prompts[j].ID] = false
		}
	}
	for i := range pb.Phases {
		ph := &pb.Phases[i]
		v.phases[i] = v.Holds(ph.ShowIf)
		for j := range ph.Prompts {
			p := &ph.Prompts[j]
			v.prompts[p.ID] = v.phases[i] && v.Holds(p.ShowIf)
		}
	}
	return v
}

func hasConditions(pb *playbooks.Playbook) bool {
	for i := range pb.Phases {
		if pb.Phases[i].ShowIf != nil {
			return true
		}
		for j := range pb.Phases[i].Prompts {
			if pb.Phases[i].Prompts[j].ShowIf != nil {
				return true
			}
		}
	}
	return false
}

// Phase reports whether the phase at index i shows.
func (v Visibility) Phase(i int) bool {
	return v.phases == nil || i < 0 || i >= len(v.phases) || v.phases[i]
}

// Prompt reports whether the playbook prompt id shows, its phase's
// condition included. An id that is not a playbook prompt (an ad-hoc
// question) shows.
func (v Visibility) Prompt(id string) bool {
	shown, known := v.prompts[id]
	return !known || shown
}

// Holds reports whether condition c holds: nil always does; otherwise the
// prompt it names must be answered with a value that matches, and must
// itself show (its answer may be left from before it was hidden, and a
// chain of conditions hides as a whole). It costs one map look-up, never a
// walk along the chain.
func (v Visibility) Holds(c *playbooks.Condition) bool {
	if c == nil {
		return true
	}
	a := v.answers[c.Prompt]
	if a == nil || a.State != StateAnswered || !c.Is.Match(answerValues(a)...) {
		return false
	}
	return v.Prompt(c.Prompt)
}

// PhasePosition says where phase pi stands among the phases the steps
// show, for a header such as "Phase 2 of 3": n counts from 1 and of is how
// many phases have at least one visible step. A phase hidden by its show_if
// (or whose prompts are all hidden) is not counted, so the numbers never
// jump over a phase the facilitator cannot see. n is 0 when pi shows no step.
// steps is what Steps returned.
func PhasePosition(steps []Step, pi int) (n, of int) {
	last := -1
	for _, st := range steps {
		if st.PhaseIndex == last {
			continue
		}
		last = st.PhaseIndex
		of++
		if st.PhaseIndex == pi {
			n = of
		}
	}
	return n, of
}
