package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
)

// conditionalPlaybook has a prompt and a whole phase shown only when an
// earlier answer matches.
func conditionalPlaybook(t *testing.T) playbooks.Playbook {
	is := func(s string) playbooks.Comparison {
		c, err := playbooks.ParseComparison(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	return playbooks.Playbook{ID: "cond", Title: "Conditional", Version: 1, Phases: []playbooks.Phase{
		{ID: "start", Title: "Start", Prompts: []playbooks.Prompt{
			{ID: "stage", Kind: playbooks.KindChoice, Question: "Where does the work stand?", Options: []string{"Pilot", "Live"}},
			{ID: "why-pilot", Kind: playbooks.KindText, Question: "Why still a pilot?",
				ShowIf: &playbooks.Condition{Prompt: "stage", Is: is("Pilot")}},
		}},
		{ID: "live", Title: "Since launch", ShowIf: &playbooks.Condition{Prompt: "stage", Is: is("Live")},
			Prompts: []playbooks.Prompt{{ID: "incidents", Kind: playbooks.KindList, Question: "What went wrong since launch?", Required: true}}},
		{ID: "close", Title: "Close", Prompts: []playbooks.Prompt{{ID: "next", Kind: playbooks.KindText, Question: "What next?"}}},
	}}
}

// TestRunnerHonoursConditions: the header's phase numbers and progress, and
// the prompt count, follow what the conditions show as answers change.
func TestRunnerHonoursConditions(t *testing.T) {
	c := newClock()
	h := newHarness(t, newTestSessionWith(c, "Acme", conditionalPlaybook(t)), true, 100, 30)
	expect := func(when string, wants ...string) {
		t.Helper()
		v := h.view()
		for _, w := range wants {
			if !strings.Contains(v, w) {
				t.Errorf("%s: view lacks %q:\n%s", when, w, v)
			}
		}
	}
	expect("at the start", "Phase 1 of 2: Start", "0/2 answered", "Prompt 1 of 2")

	h.send(kr('2')) // Live
	expect("Live picked", "Phase 1 of 3: Start", "1/3 answered", "Prompt 1 of 3")
	h.send(tea.KeyPressMsg{Code: tea.KeyTab})
	expect("next prompt", "Phase 2 of 3: Since launch", "What went wrong since launch?")

	h.send(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	h.send(kr('1')) // Pilot: the phase hides, the follow-up shows
	expect("Pilot picked", "Phase 1 of 2: Start", "1/3 answered")
	h.send(tea.KeyPressMsg{Code: tea.KeyTab})
	expect("next prompt", "Why still a pilot?", "Prompt 2 of 3")
	h.send(tea.KeyPressMsg{Code: tea.KeyTab})
	expect("past the follow-up", "Phase 2 of 2: Close", "Prompt 3 of 3")

	// The index lists the shown prompts only.
	h.send(tea.KeyPressMsg{Code: tea.KeyEscape}, kr('g'))
	v := h.view()
	for _, q := range []string{"Where does the work stand?", "Why still a pilot?", "What next?"} {
		if !strings.Contains(v, q) {
			t.Errorf("index lacks shown %q:\n%s", q, v)
		}
	}
	if strings.Contains(v, "What went wrong since launch?") || strings.Contains(v, "Since launch") {
		t.Errorf("index lists the hidden phase:\n%s", v)
	}
}
