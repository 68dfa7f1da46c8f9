package playbooks_test

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"rapport/playbooks"
)

// builtinIDs are the five playbooks the product promises (PRODUCT.md, "The
// five built-ins"); each lives in builtin/<id>.yaml.
var builtinIDs = []string{
	"customer-discovery",
	"partnership-health",
	"four-pillars",
	"relationship-stage",
	"engagement-brief",
}

// loadBuiltins parses every built-in file the binary embeds and fails the
// test on any parse error.
func loadBuiltins(t *testing.T) map[string]*playbooks.Playbook {
	t.Helper()
	fsys := playbooks.Builtins()
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*playbooks.Playbook{}
	for _, name := range names {
		if name == "placeholder.yaml" {
			continue
		}
		p, err := playbooks.ParseFS(fsys, name)
		if err != nil {
			t.Errorf("built-in %s does not parse:\n%v", name, err)
			continue
		}
		if want := strings.TrimSuffix(path.Base(name), ".yaml"); p.ID != want {
			t.Errorf("built-in %s has id %q; the file name and id must match", name, p.ID)
		}
		out[p.ID] = p
	}
	return out
}

// TestBuiltinsPresent checks that all five built-ins exist and parse.
func TestBuiltinsPresent(t *testing.T) {
	got := loadBuiltins(t)
	for _, id := range builtinIDs {
		if got[id] == nil {
			t.Errorf("built-in playbook %q is missing", id)
		}
	}
}

// TestBuiltinsShape checks the rules every built-in phase and prompt follows,
// so a facilitator always has a goal, a timebox, tips and enough questions.
func TestBuiltinsShape(t *testing.T) {
	// Questions must ask about real past behaviour, never invite a guess.
	hypothetical := []string{"would you", "wouldn't you", "don't you", "what if", "imagine"}
	for id, p := range loadBuiltins(t) {
		t.Run(id, func(t *testing.T) {
			if p.Source == "" {
				t.Error("source is empty; every built-in names the article it comes from")
			}
			if p.Summary == "" {
				t.Error("summary is empty")
			}
			if p.Version < 1 {
				t.Errorf("version %d, want at least 1", p.Version)
			}
			if len(p.Phases) < 3 {
				t.Errorf("%d phases, want at least 3", len(p.Phases))
			}
			required := 0
			for _, ph := range p.Phases {
				if ph.Goal == "" {
					t.Errorf("phase %s has no goal", ph.ID)
				}
				if ph.Timebox <= 0 {
					t.Errorf("phase %s has no timebox", ph.ID)
				}
				if len(ph.Tips) < 2 {
					t.Errorf("phase %s has %d tips, want at least 2", ph.ID, len(ph.Tips))
				}
				if len(ph.Prompts) < 3 {
					t.Errorf("phase %s has %d prompts, want at least 3", ph.ID, len(ph.Prompts))
				}
				for _, pr := range ph.Prompts {
					if pr.Required {
						required++
					}
					q := strings.ToLower(strings.TrimSpace(pr.Question))
					for _, h := range hypothetical {
						if strings.HasPrefix(q, h) || strings.Contains(q, " "+h+" ") {
							t.Errorf("prompt %s asks a hypothetical (%q): %s", pr.ID, h, pr.Question)
						}
					}
					if pr.Kind == playbooks.KindRating && pr.Help == "" {
						t.Errorf("rating prompt %s has no help to anchor the scale", pr.ID)
					}
				}
			}
			if required == 0 {
				t.Error("no prompt is required; mark the few that really matter")
			}
		})
	}
}

// TestBuiltinsSpecial checks the prompts each built-in is known for.
func TestBuiltinsSpecial(t *testing.T) {
	all := loadBuiltins(t)
	tests := []struct {
		id    string
		check func(t *testing.T, p *playbooks.Playbook)
	}{
		{"customer-discovery", func(t *testing.T, p *playbooks.Playbook) {
			want := []string{"Identify the customer", "Learn what they value", "Map the journey",
				"Build the roadmap together", "Speak their language", "Partner principles"}
			var got []string
			for _, ph := range p.Phases {
				got = append(got, ph.Title)
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("phases %q, want %q", got, want)
			}
			prompts := allPrompts(p)
			for i := 0; i < 2 && i < len(prompts); i++ {
				if prompts[i].Kind != playbooks.KindLongText {
					t.Errorf("prompt %d (%s) is %s; the first two must be long_text so typing starts at once", i+1, prompts[i].ID, prompts[i].Kind)
				}
			}
			if n := count(p, func(pr playbooks.Prompt) bool { return pr.Kind == playbooks.KindJourney }); n == 0 {
				t.Error("no journey prompt")
			}
		}},
		{"partnership-health", func(t *testing.T, p *playbooks.Playbook) {
			flagged := count(p, func(pr playbooks.Prompt) bool {
				return pr.Kind == playbooks.KindPercent && pr.Flag != nil && pr.Flag.Say != "" &&
					pr.Flag.When.Op == ">=" && pr.Flag.When.Numeric && pr.Flag.When.Num == 80
			})
			if flagged != 1 {
				t.Errorf("%d percent prompts flagged at >= 80 with a reason, want 1", flagged)
			}
			if n := biggestScorecard(p, true); n < 5 {
				t.Errorf("largest scorecard of rating prompts with evidence has %d, want at least 5 litmus tests", n)
			}
			for _, word := range []string{"hours", "learning", "debt"} {
				if count(p, func(pr playbooks.Prompt) bool { return strings.Contains(strings.ToLower(pr.Question), word) }) == 0 {
					t.Errorf("no sustainability prompt about %s", word)
				}
			}
		}},
		{"four-pillars", func(t *testing.T, p *playbooks.Playbook) {
			if n := biggestScorecard(p, false); n != 4 {
				t.Errorf("largest scorecard has %d ratings, want 4 (one per pillar)", n)
			}
		}},
		{"relationship-stage", func(t *testing.T, p *playbooks.Playbook) {
			stages := count(p, func(pr playbooks.Prompt) bool {
				return pr.Kind == playbooks.KindChoice && strings.Join(pr.Options, "|") == "Attraction|First meeting|Engagement|Long-term commitment"
			})
			if stages != 1 {
				t.Errorf("%d choice prompts offering the four stages, want 1", stages)
			}
		}},
		{"engagement-brief", func(t *testing.T, p *playbooks.Playbook) {
			if n := count(p, func(pr playbooks.Prompt) bool { return pr.Kind == playbooks.KindLedger }); n != 1 {
				t.Errorf("%d ledger prompts, want 1 trust ledger", n)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p := all[tt.id]
			if p == nil {
				t.Skipf("%s did not load", tt.id)
			}
			tt.check(t, p)
		})
	}
}

func allPrompts(p *playbooks.Playbook) []playbooks.Prompt {
	var out []playbooks.Prompt
	for _, ph := range p.Phases {
		out = append(out, ph.Prompts...)
	}
	return out
}

func count(p *playbooks.Playbook, ok func(playbooks.Prompt) bool) int {
	n := 0
	for _, pr := range allPrompts(p) {
		if ok(pr) {
			n++
		}
	}
	return n
}

// biggestScorecard returns the size of the largest scorecard of rating
// prompts, counting only those that ask for evidence when evidence is set.
func biggestScorecard(p *playbooks.Playbook, evidence bool) int {
	sizes := map[string]int{}
	best := 0
	for _, pr := range allPrompts(p) {
		if pr.Kind != playbooks.KindRating || pr.Scorecard == "" || (evidence && !pr.Evidence) {
			continue
		}
		sizes[pr.Scorecard]++
		best = max(best, sizes[pr.Scorecard])
	}
	return best
}
