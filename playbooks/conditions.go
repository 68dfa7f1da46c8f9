package playbooks

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A show_if may only look back: a prompt's condition names an earlier
// prompt, a phase's a prompt of an earlier phase. That keeps visibility a
// single pass in playbook order (session.Visibility) and rules out cycles.
// condOrder finds the conditions that break the rule, and which of them
// close a cycle, in time linear in the playbook's size, for the validator
// (which refuses them, at their line and column) and for ConditionProblems
// (which lets a stored or imported snapshot load, with warnings).
type condOrder struct {
	p     *Playbook
	ids   []string // every prompt id in playbook order
	phase []int    // the phase of each prompt
	at    map[string]int
	// comp is each prompt's strongly connected component in the graph
	// "prompt -> the prompt its own or its phase's condition names";
	// cyclic says which components hold a cycle.
	comp   []int
	cyclic map[int][]int // component -> its prompts, in order
}

func newCondOrder(p *Playbook) *condOrder {
	o := &condOrder{p: p, at: map[string]int{}, cyclic: map[int][]int{}}
	for i := range p.Phases {
		for _, pr := range p.Phases[i].Prompts {
			if _, dup := o.at[pr.ID]; !dup {
				o.at[pr.ID] = len(o.ids)
			}
			o.ids = append(o.ids, pr.ID)
			o.phase = append(o.phase, i)
		}
	}
	o.components()
	return o
}

// components runs Tarjan's algorithm without recursion, so a crafted
// snapshot with a very long chain cannot exhaust the stack.
func (o *condOrder) components() {
	n := len(o.ids)
	o.comp = make([]int, n)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	// adj[k]: the prompts whose visibility prompt k's depends on.
	adj := make([][]int, n)
	starts := 0
	for i := range o.p.Phases {
		for j := range o.p.Phases[i].Prompts {
			k := starts + j
			ph := &o.p.Phases[i]
			for _, c := range []*Condition{ph.ShowIf, ph.Prompts[j].ShowIf} {
				if c == nil {
					continue
				}
				if t, ok := o.at[c.Prompt]; ok {
					adj[k] = append(adj[k], t)
				}
			}
		}
		starts += len(o.p.Phases[i].Prompts)
	}
	var stack []int
	type frame struct{ v, next int }
	next, comps := 0, 0
	for root := range n {
		if index[root] >= 0 {
			continue
		}
		calls := []frame{{v: root}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.next < len(adj[v]) {
				w := adj[v][f.next]
				f.next++
				switch {
				case index[w] < 0:
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{v: w})
				case onStack[w]:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			var members []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				o.comp[w] = comps
				members = append(members, w)
				if w == v {
					break
				}
			}
			selfLoop := false
			for _, w := range adj[v] {
				selfLoop = selfLoop || w == v
			}
			if len(members) > 1 || selfLoop {
				slices.Sort(members)
				o.cyclic[comps] = members
			}
			comps++
		}
	}
}

// cycleNote says which prompts a cycle through k holds, or "".
func (o *condOrder) cycleNote(k int) string {
	members, ok := o.cyclic[o.comp[k]]
	if !ok {
		return ""
	}
	const most = 5
	var names []string
	for i, m := range members {
		if i == most {
			names = append(names, fmt.Sprintf("%d more", len(members)-most))
			break
		}
		names = append(names, strconv.Quote(o.ids[m]))
	}
	if len(members) == 1 {
		return fmt.Sprintf("; so prompt %s depends on itself, a cycle", names[0])
	}
	last := len(names) - 1
	return fmt.Sprintf("; the conditions on prompts %s and %s form a cycle", strings.Join(names[:last], ", "), names[last])
}

// phaseWhy says why phase i's condition on prompt t is refused, or "".
func (o *condOrder) phaseWhy(i, t int) string {
	if o.phase[t] < i {
		return ""
	}
	return "a phase can only depend on prompts of earlier phases" + o.cycleNote(t)
}

// promptWhy says why prompt k's condition on prompt t is refused, or "".
func (o *condOrder) promptWhy(k, t int) string {
	switch {
	case t == k:
		return "a prompt cannot depend on itself"
	case t > k:
		return "it comes later, and a condition can only look back" + o.cycleNote(k)
	}
	return ""
}

// ConditionProblems lists the show_if conditions that can never hold
// because they do not look back (they name a later prompt, the prompt
// itself, or for a phase a prompt of that phase or a later one), saying
// which form a cycle. The validator refuses such a playbook with the same
// words at the line and column; a snapshot stored in a session or read from
// an import is never refused (old sessions always open), so whoever loads
// one reports these as warnings: the prompts concerned stay hidden. The
// check is linear in the size of the playbook.
func (p *Playbook) ConditionProblems() []string {
	o := newCondOrder(p)
	var out []string
	k := 0
	for i := range p.Phases {
		ph := &p.Phases[i]
		if c := ph.ShowIf; c != nil {
			if t, ok := o.at[c.Prompt]; ok {
				if why := o.phaseWhy(i, t); why != "" {
					out = append(out, fmt.Sprintf("%s: show_if refers to prompt %q: %s", named("phase", ph.ID), c.Prompt, why))
				}
			}
		}
		for j := range ph.Prompts {
			pr := &ph.Prompts[j]
			if c := pr.ShowIf; c != nil {
				if t, ok := o.at[c.Prompt]; ok {
					if why := o.promptWhy(k, t); why != "" {
						out = append(out, fmt.Sprintf("%s: show_if refers to prompt %q: %s", named("prompt", pr.ID), c.Prompt, why))
					}
				}
			}
			k++
		}
	}
	return out
}
