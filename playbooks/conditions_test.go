package playbooks

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func condPlaybook(t *testing.T, phases ...Phase) *Playbook {
	t.Helper()
	return &Playbook{ID: "c", Title: "C", Version: 1, Phases: phases}
}

func textPrompt(id, showIf string) Prompt {
	p := Prompt{ID: id, Kind: KindText, Question: id + "?"}
	if showIf != "" {
		p.ShowIf = &Condition{Prompt: showIf, Is: Comparison{Op: "==", Text: "yes"}}
	}
	return p
}

// TestConditionProblems: what a lenient loader (a stored or imported
// snapshot) warns about is exactly what the validator refuses, cycles
// named.
func TestConditionProblems(t *testing.T) {
	phase := func(id, showIf string, ps ...Prompt) Phase {
		ph := Phase{ID: id, Title: id, Prompts: ps}
		if showIf != "" {
			ph.ShowIf = &Condition{Prompt: showIf, Is: Comparison{Op: "==", Text: "yes"}}
		}
		return ph
	}
	for _, tc := range []struct {
		name string
		pb   *Playbook
		want []string
	}{
		{"looking back is fine", condPlaybook(t,
			phase("a", "", textPrompt("x", ""), textPrompt("y", "x")), phase("b", "y", textPrompt("z", "x"))), nil},
		{"a forward reference, no cycle", condPlaybook(t,
			phase("a", "", textPrompt("x", "y"), textPrompt("y", ""))),
			[]string{`prompt "x": show_if refers to prompt "y": it comes later, and a condition can only look back`}},
		{"itself", condPlaybook(t, phase("a", "", textPrompt("x", "x"))),
			[]string{`prompt "x": show_if refers to prompt "x": a prompt cannot depend on itself`}},
		{"a cycle of three", condPlaybook(t,
			phase("a", "", textPrompt("x", "z"), textPrompt("y", "x"), textPrompt("z", "y"))),
			[]string{`prompt "x": show_if refers to prompt "z": it comes later, and a condition can only look back; the conditions on prompts "x", "y" and "z" form a cycle`}},
		{"a phase on its own prompt", condPlaybook(t, phase("a", "x", textPrompt("x", ""))),
			[]string{`phase "a": show_if refers to prompt "x": a phase can only depend on prompts of earlier phases; so prompt "x" depends on itself, a cycle`}},
		{"unknown prompts are the validator's alone", condPlaybook(t, phase("a", "", textPrompt("x", "nope"))), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.pb.ConditionProblems()
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
			err := tc.pb.Validate()
			for _, w := range tc.want {
				_, why, _ := strings.Cut(w, ": ")
				if err == nil || !strings.Contains(err.Error(), why) {
					t.Errorf("Validate does not refuse %q: %v", why, err)
				}
			}
		})
	}
}

// TestConditionProblemsLinear: a crafted snapshot with one cycle through
// 20,000 prompts is checked in one pass and named once (a check per
// condition, or a quadratic step, would take minutes).
func TestConditionProblemsLinear(t *testing.T) {
	const n = 20_000
	ps := make([]Prompt, n)
	for i := range ps {
		ps[i] = textPrompt(fmt.Sprintf("p%d", i), fmt.Sprintf("p%d", (i+n-1)%n))
	}
	pb := condPlaybook(t, Phase{ID: "a", Title: "A", Prompts: ps})
	got := pb.ConditionProblems()
	if len(got) != 1 || !strings.Contains(got[0], `"p0", "p1", "p2", "p3", "p4" and 19995 more form a cycle`) {
		t.Errorf("got %.300q", got)
	}
}
