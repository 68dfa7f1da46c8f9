package session

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
