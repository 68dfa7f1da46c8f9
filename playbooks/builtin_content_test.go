package playbooks_test

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/playbooks"
)

// The built-ins are rapport's craft as much as its code: a practised PMO
// coach should be able to run them as written. These tests hold them to
// the rules of that craft (DECISIONS.md, "Audience and the client copy";
// issue 17): who is in the room, how a client conversation opens and
// closes, questions said aloud one at a time about what happened, what the
// facilitator listens for, and timeboxes that fit the session.

// builtinAudiences are the built-ins and who is in the room for each
// (DECISIONS.md); each lives in builtin/<id>.yaml.
var builtinAudiences = map[string]playbooks.Audience{
	"customer-discovery":         playbooks.AudienceClient,
	"customer-discovery-cobuild": playbooks.AudienceClient,
	"client-pulse":               playbooks.AudienceClient,
	"partnership-health":         playbooks.AudienceTeam,
	"four-pillars":               playbooks.AudienceTeam,
	"relationship-stage":         playbooks.AudienceTeam,
	"engagement-brief":           playbooks.AudienceTeam,
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

// TestBuiltinsPresent checks that every built-in exists and parses, and
// that the Listen session stays the default.
func TestBuiltinsPresent(t *testing.T) {
	got := loadBuiltins(t)
	for id := range builtinAudiences {
		if got[id] == nil {
			t.Errorf("built-in playbook %q is missing", id)
		}
	}
	if len(got) != len(builtinAudiences) {
		t.Errorf("%d built-ins, want %d", len(got), len(builtinAudiences))
	}
	if playbooks.DefaultID != "customer-discovery" {
		t.Errorf("the default playbook is %q; the Listen session (customer-discovery) stays the default", playbooks.DefaultID)
	}
}

// TestBuiltinsDeclareTheirAudience: every built-in says in its file who is
// in the room (the parser would default a silent one to client), and it is
// the audience DECISIONS.md gives it.
func TestBuiltinsDeclareTheirAudience(t *testing.T) {
	for id, want := range builtinAudiences {
		data, err := fs.ReadFile(playbooks.Builtins(), id+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`(?m)^audience: (client|team)$`).Match(data) {
			t.Errorf("%s does not declare its audience", id)
		}
		if p := loadBuiltins(t)[id]; p != nil && p.Audience != want {
			t.Errorf("%s: audience %q, want %q", id, p.Audience, want)
		}
	}
}

// TestBuiltinsShape checks the rules every built-in phase and prompt follows,
// so a facilitator always has a goal, a timebox, tips and enough questions.
func TestBuiltinsShape(t *testing.T) {
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
				if len(ph.Prompts) < 2 {
					t.Errorf("phase %s has %d prompts, want at least 2", ph.ID, len(ph.Prompts))
				}
				if ph.CorePrompts() == 0 {
					t.Errorf("phase %s has no core prompt; mark the ones to ask whatever happens", ph.ID)
				}
				for _, pr := range ph.Prompts {
					if pr.Required {
						required++
					}
					if pr.Kind == playbooks.KindRating && pr.Help == "" {
						t.Errorf("rating prompt %s has no help to anchor the scale", pr.ID)
					}
					if strings.HasPrefix(pr.Question, "Your read") && !pr.Internal {
						t.Errorf("prompt %s is the facilitator's own read, so it is internal", pr.ID)
					}
				}
			}
			if required == 0 {
				t.Error("no prompt is required; mark the few that really matter")
			}
		})
	}
}

// judgements are words that read as a verdict on the client. A team
// playbook is about the client, so its verdicts stay internal: nothing a
// team session would show on a shared screen (a prompt marked internal:
// false, its phase's title and goal) may hold one.
var judgements = []string{
	"defensive", "arrogant", "lazy", "difficult", "bad habit", "order taker", "control", "blame",
	"fault", "excited", "burned", "incompetent", "dysfunction", "unhappy", "demanding", "naive",
	"immature", "resist", "stubborn", "political",
}

func TestTeamPlaybooksShowNoJudgementOfTheClient(t *testing.T) {
	for id, p := range loadBuiltins(t) {
		if !p.Team() {
			continue
		}
		visible := 0
		for _, ph := range p.Phases {
			for _, pr := range ph.Prompts {
				if pr.Internal {
					continue
				}
				visible++
				text := strings.ToLower(strings.Join(append([]string{ph.Title, ph.Goal, pr.Question, pr.Help}, pr.Options...), " "))
				for _, w := range judgements {
					if strings.Contains(text, w) {
						t.Errorf("%s: prompt %s is visible to the client and reads as a judgement of them (%q): %s", id, pr.ID, w, pr.Question)
					}
				}
			}
		}
		if visible > 2 {
			t.Errorf("%s: %d prompts visible to the client; a team playbook keeps all but its agreed steps internal", id, visible)
		}
	}
}

// TestClientPlaybooksOpenAndClose: a conversation with the client opens
// with its purpose, consent to take notes and the no-blame line (seed 002:
// naming dysfunction is not a condemnation), in two long free-text prompts
// so the facilitator can start typing at once; and closes by reading back
// the key takeaways in the client's words (the list the summary's
// takeaways come from), one agreed next step and the next meeting.
func TestClientPlaybooksOpenAndClose(t *testing.T) {
	for id, p := range loadBuiltins(t) {
		if p.Team() {
			continue
		}
		t.Run(id, func(t *testing.T) {
			open := p.Phases[0]
			if len(open.Prompts) < 2 {
				t.Fatalf("the opening phase %s has %d prompts", open.ID, len(open.Prompts))
			}
			consent := open.Prompts[0]
			for i, pr := range open.Prompts[:2] {
				if pr.Kind != playbooks.KindLongText || !pr.Core || pr.Internal {
					t.Errorf("opening prompt %d (%s) is %s, core %v, internal %v; the first two are long free text, core and the client's", i+1, pr.ID, pr.Kind, pr.Core, pr.Internal)
				}
			}
			q := strings.ToLower(consent.Question)
			if !strings.Contains(q, "may i take notes") {
				t.Errorf("the first prompt does not ask consent to take notes: %s", consent.Question)
			}
			if !strings.Contains(strings.ToLower(consent.Help), "not a criticism of anyone") {
				t.Errorf("the opening script (help of %s) lacks the no-blame line", consent.ID)
			}
			if !strings.Contains(strings.ToLower(consent.Help+" "+consent.Question), "today") && !strings.Contains(q, "this is") {
				t.Errorf("the opening does not say what the session is for: %s", consent.Question)
			}

			last := p.Phases[len(p.Phases)-1]
			var readBack, step, meeting *playbooks.Prompt
			for i := range last.Prompts {
				pr := &last.Prompts[i]
				switch {
				case pr.Takeaways:
					readBack = pr
				case strings.Contains(strings.ToLower(pr.Question), "next step") || strings.Contains(pr.Question, "change first"):
					step = pr
				case strings.HasPrefix(pr.Question, "When do we"):
					meeting = pr
				}
			}
			switch {
			case readBack == nil:
				t.Error("the closing phase has no takeaways prompt")
			case readBack.Kind != playbooks.KindList || !readBack.Core || readBack.Internal:
				t.Errorf("the read-back %s is %s, core %v, internal %v; want a core list the client reads", readBack.ID, readBack.Kind, readBack.Core, readBack.Internal)
			case !strings.Contains(strings.ToLower(readBack.Help), "read back") || !strings.Contains(readBack.Help, "in their words"):
				t.Errorf("the read-back's help does not say to read back in their words: %s", readBack.Help)
			}
			if step == nil || !step.Core {
				t.Error("the closing phase agrees no next step (a core prompt)")
			}
			if meeting == nil || !meeting.Core {
				t.Error("the closing phase does not agree the next meeting (a core prompt)")
			}
		})
	}
}

// TestCorePromptsHaveProbesAndListenFor: the prompts to ask whatever
// happens come with follow-ups and with what good evidence sounds like.
func TestCorePromptsHaveProbesAndListenFor(t *testing.T) {
	for id, p := range loadBuiltins(t) {
		for _, ph := range p.Phases {
			for _, pr := range ph.Prompts {
				if !pr.Core {
					continue
				}
				if len(pr.Probes) == 0 || len(pr.Probes) > 3 {
					t.Errorf("%s: core prompt %s has %d probes, want one to three", id, pr.ID, len(pr.Probes))
				}
				if strings.TrimSpace(pr.ListenFor) == "" {
					t.Errorf("%s: core prompt %s says nothing to listen for", id, pr.ID)
				}
			}
		}
	}
}

// TestTimeboxesFitTheLength: every built-in says its length, in its
// summary too, and the timeboxes of the phases a session shows add up to
// it whichever branch it takes (relationship-stage shows the phases of the
// stage chosen); the core prompts' share fits well inside it.
func TestTimeboxesFitTheLength(t *testing.T) {
	for id, p := range loadBuiltins(t) {
		t.Run(id, func(t *testing.T) {
			if p.Length <= 0 {
				t.Fatal("no length")
			}
			minutes := int(p.Length / time.Minute)
			if !strings.Contains(p.Summary, fmt.Sprintf("%d-minute", minutes)) && !strings.Contains(p.Summary, fmt.Sprintf("%d minutes", minutes)) {
				t.Errorf("the summary does not say the session's length (%d minutes): %s", minutes, p.Summary)
			}
			for _, branch := range branches(t, p) {
				var total, core time.Duration
				for _, ph := range branch.phases {
					total += ph.Timebox
					core += ph.CoreTime()
				}
				if total != p.Length {
					t.Errorf("%s: the timeboxes add up to %v, the length is %v", branch.name, total, p.Length)
				}
				if core > p.Length*9/10 {
					t.Errorf("%s: the core prompts need %v of %v, leaving no room for probes", branch.name, core, p.Length)
				}
			}
		})
	}
}

type branch struct {
	name   string
	phases []playbooks.Phase
}

// branches lists the sets of phases a session of p can show: one when no
// phase has a condition; otherwise one per option of the choice prompt the
// conditional phases test (built-ins branch only on one choice, by
// equality, so the branches are exactly its options).
func branches(t *testing.T, p *playbooks.Playbook) []branch {
	var on *playbooks.Prompt
	for _, ph := range p.Phases {
		if ph.ShowIf == nil {
			continue
		}
		pr, _, ok := p.Prompt(ph.ShowIf.Prompt)
		if !ok || pr.Kind != playbooks.KindChoice || ph.ShowIf.Is.Op != "==" {
			t.Fatalf("phase %s branches on %s by %s; built-ins branch on one choice, by equality", ph.ID, ph.ShowIf.Prompt, ph.ShowIf.Is.Op)
		}
		if on != nil && on.ID != pr.ID {
			t.Fatalf("phases branch on %s and %s; built-ins branch on one choice", on.ID, pr.ID)
		}
		on = pr
	}
	if on == nil {
		return []branch{{name: "all phases", phases: p.Phases}}
	}
	var out []branch
	for _, opt := range on.Options {
		b := branch{name: on.ID + " = " + opt}
		for _, ph := range p.Phases {
			if ph.ShowIf == nil || ph.ShowIf.Is.Match(opt) {
				b.phases = append(b.phases, ph)
			}
		}
		out = append(out, b)
	}
	return out
}

// Said aloud: a question is read to the client (or the team) as written,
// so it asks one thing, about what happened, in plain words.
var (
	// hypothetical asks for a guess about a world that did not happen.
	hypothetical = regexp.MustCompile(`(?i)\b(would|could|wouldn't|couldn't|imagine|suppose|what if|if you (had|were|could)|ideally|in an ideal)\b`)
	// leading puts the answer in the question.
	leading = regexp.MustCompile(`(?i)\b(don't you|isn't it|aren't we|do you agree|surely|wasn't it)\b`)
	// doubled is a second question joined to the first ("..., and who
	// owns each?"), looked for in the sentence that asks.
	doubled = regexp.MustCompile(`(?i)\b(and|or) (what|when|who|whom|why|how|which|where|did|do|does|is|are|has|have|was|were)\b`)
	// rejected are phrasings the reviewers of issue 17 struck out.
	rejected = []string{"partner or", "order taker", "paid off", "only we could", "how often did",
		"did we say what we needed", "what percentage"}
	// rejectedTips licensed skipping controls, pushed scores down, or turned
	// discovery into a pitch.
	rejectedTips = []string{"only as far as", "take the lower", "lead with those"}
)

func TestQuestionsAreSaidAloud(t *testing.T) {
	for id, p := range loadBuiltins(t) {
		for _, ph := range p.Phases {
			for _, tip := range ph.Tips {
				for _, r := range rejectedTips {
					if strings.Contains(strings.ToLower(tip), r) {
						t.Errorf("%s: a tip of %s says %q: %s", id, ph.ID, r, tip)
					}
				}
			}
			for _, pr := range ph.Prompts {
				said := append([]string{pr.Question}, pr.Probes...)
				for _, s := range said {
					where := fmt.Sprintf("%s: %s", id, pr.ID)
					if n := strings.Count(s, "?"); n > 1 {
						t.Errorf("%s asks %d questions at once: %s", where, n, s)
					}
					if m := hypothetical.FindString(s); m != "" {
						t.Errorf("%s asks a hypothetical (%q): %s", where, m, s)
					}
					if m := leading.FindString(s); m != "" {
						t.Errorf("%s leads the answer (%q): %s", where, m, s)
					}
					if m := doubled.FindString(asking(s)); m != "" {
						t.Errorf("%s asks two things at once (%q): %s", where, m, s)
					}
					for _, r := range rejected {
						if strings.Contains(strings.ToLower(s), r) {
							t.Errorf("%s uses a phrasing the review struck out (%q): %s", where, r, s)
						}
					}
				}
			}
		}
	}
}

// asking is the sentence of s that asks: the last one, since an opening
// may set the scene in a statement first.
func asking(s string) string {
	s = strings.TrimRight(s, "?")
	if i := strings.LastIndexAny(s, ".!?"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// TestBuiltinsSpecial checks what each built-in is known for, and the
// practices issue 17 found missing, each with the seed passage it serves.
func TestBuiltinsSpecial(t *testing.T) {
	all := loadBuiltins(t)
	has := func(t *testing.T, p *playbooks.Playbook, id, word string) {
		t.Helper()
		pr, _, ok := p.Prompt(id)
		if !ok {
			t.Errorf("no prompt %s", id)
			return
		}
		text := strings.ToLower(pr.Question + " " + strings.Join(pr.Probes, " ") + " " + pr.Help)
		if !strings.Contains(text, word) {
			t.Errorf("prompt %s says nothing of %q", id, word)
		}
	}
	tests := []struct {
		id    string
		check func(t *testing.T, p *playbooks.Playbook)
	}{
		{"customer-discovery", func(t *testing.T, p *playbooks.Playbook) {
			want := []string{"Open the conversation", "Identify the customer", "Learn what they value", "Map the journey",
				"Speak their language", "Close"}
			var got []string
			for _, ph := range p.Phases {
				got = append(got, ph.Title)
			}
			if !slices.Equal(got, want) {
				t.Errorf("phases %q, want %q", got, want)
			}
			if n := count(p, func(pr playbooks.Prompt) bool { return pr.Kind == playbooks.KindJourney }); n == 0 {
				t.Error("no journey prompt")
			}
			// 001:83: meet them where they are, then guide them where they need to go.
			has(t, p, "where-to-get-to", "next year")
			// 001:81: how successful have they been? Counted, not rated.
			if pr, _, _ := p.Prompt("recent-projects-delivered"); pr == nil || pr.Kind != playbooks.KindNumber {
				t.Error("the delivery record is not counted (a number)")
			}
		}},
		{"customer-discovery-cobuild", func(t *testing.T, p *playbooks.Playbook) {
			if !strings.Contains(p.Summary, "follow-up of the Listen session") {
				t.Errorf("the summary does not say to start it as a follow-up of the Listen session: %s", p.Summary)
			}
			has(t, p, "objectives", "objectives")
			has(t, p, "agreed-principles", "principles")
			// 003:39: sitting in on their staff meetings, meeting managers one to one.
			has(t, p, "staff-meetings", "one to one")
			// 003:45: more contact at critical moments.
			has(t, p, "critical-moments", "more contact")
			// 001:90: the principles come from their experience, not a list of the article's words.
			if n := count(p, func(pr playbooks.Prompt) bool {
				return pr.Kind == playbooks.KindMultiChoice && slices.Contains(pr.Options, "Transparency")
			}); n > 0 {
				t.Error("a multiple choice puts the article's principles in the client's mouth")
			}
		}},
		{"client-pulse", func(t *testing.T, p *playbooks.Playbook) {
			team := map[string]string{}
			for _, other := range []string{"partnership-health", "four-pillars"} {
				for _, pr := range allPrompts(all[other]) {
					if pr.Measures != "" {
						team[pr.Measures] = other
					}
				}
			}
			var ratings []string
			for _, pr := range allPrompts(p) {
				if pr.Kind != playbooks.KindRating {
					continue
				}
				ratings = append(ratings, pr.ID)
				if team[pr.Measures] == "" {
					t.Errorf("rating %s measures %q, which no rating of partnership-health or four-pillars shares", pr.ID, pr.Measures)
				}
				if !pr.Evidence || pr.Internal {
					t.Errorf("rating %s: evidence %v, internal %v; the client's example is the evidence, and it is theirs", pr.ID, pr.Evidence, pr.Internal)
				}
				delete(team, pr.Measures)
			}
			if n := len(ratings); n < 6 || n > 8 {
				t.Errorf("%d pulse questions, want six to eight", n)
			}
			for m, from := range team {
				t.Errorf("%s rates %q, which the client pulse never asks", from, m)
			}
		}},
		{"partnership-health", func(t *testing.T, p *playbooks.Playbook) {
			// 002:21: the disagreement test, a direction not a measurement,
			// flagged only with its second condition: extra work absorbed
			// with nothing in return.
			pr, _, ok := p.Prompt("customer-first-wish")
			if !ok || pr.Kind != playbooks.KindChoice || pr.Flag == nil || pr.Flag.And == nil {
				t.Fatalf("the disagreement share is not a choice with a compound flag: %+v", pr)
			}
			if !strings.Contains(pr.Flag.When.Text, "eight in ten") {
				t.Errorf("the flag fires on %q, want the eight-in-ten option", pr.Flag.When.Text)
			}
			second, _, ok := p.Prompt(pr.Flag.And.Prompt)
			if !ok || !pr.Flag.And.Is.Match("Nothing") || !strings.Contains(second.Question, "in return") {
				t.Errorf("the flag's second condition is not 'nothing in return': %+v", pr.Flag.And)
			}
			if n := biggestScorecard(p, true); n < 5 {
				t.Errorf("largest scorecard of rating prompts with evidence has %d, want at least 5 litmus tests", n)
			}
			for _, word := range []string{"hours", "learning", "debt"} {
				if count(p, func(pr playbooks.Prompt) bool {
					return strings.Contains(strings.ToLower(pr.Question+" "+strings.Join(pr.Probes, " ")), word)
				}) == 0 {
					t.Errorf("no sustainability prompt about %s", word)
				}
			}
			// 002:47: who is rewarded for saying yes; 002:53: the referring sponsor's advice.
			has(t, p, "incentives", "saying yes")
			has(t, p, "referring-sponsor", "advice")
			// Naming strained colleagues in a group: a count, never names.
			if pr, _, _ := p.Prompt("signs-of-strain"); pr == nil || pr.Kind != playbooks.KindNumber {
				t.Error("signs of strain are not a count")
			}
		}},
		{"four-pillars", func(t *testing.T, p *playbooks.Playbook) {
			if n := biggestScorecard(p, false); n != 4 {
				t.Errorf("largest scorecard has %d ratings, want 4 (one per pillar)", n)
			}
			var measures []string
			for _, pr := range allPrompts(p) {
				if pr.Measures != "" {
					measures = append(measures, pr.Measures)
				}
			}
			if !slices.Equal(measures, []string{"communication", "leadership", "consistency", "transparency"}) {
				t.Errorf("measures %v, want one per pillar", measures)
			}
			// 003:39: their staff meetings and their managers one to one.
			has(t, p, "staff-meetings", "one to one")
			// 003:45: more contact at critical moments.
			has(t, p, "critical-moment", "critical moment")
		}},
		{"relationship-stage", func(t *testing.T, p *playbooks.Playbook) {
			stage := p.Phases[0].Prompts[0]
			if stage.Kind != playbooks.KindChoice || strings.Join(stage.Options, "|") != "Attraction|First meeting|Engagement|Long-term commitment" {
				t.Fatalf("the first prompt does not choose among the four stages: %+v", stage)
			}
			for _, opt := range stage.Options {
				n := 0
				for _, ph := range p.Phases {
					if ph.ShowIf != nil && ph.ShowIf.Prompt == stage.ID && ph.ShowIf.Is.Match(opt) {
						n++
					}
				}
				if n == 0 {
					t.Errorf("no phase shows only for the stage %q", opt)
				}
			}
			// 004:85: learn from your learning.
			has(t, p, "last-lesson", "retrospective")
		}},
		{"engagement-brief", func(t *testing.T, p *playbooks.Playbook) {
			if n := count(p, func(pr playbooks.Prompt) bool { return pr.Kind == playbooks.KindLedger }); n != 1 {
				t.Errorf("%d ledger prompts, want 1 trust ledger", n)
			}
			// 000:9: what in the organisation helps or blocks the change.
			has(t, p, "helps-and-blocks", "working for it")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p := all[tt.id]
			if p == nil {
				t.Fatalf("%s did not load", tt.id)
			}
			tt.check(t, p)
		})
	}
}

func allPrompts(p *playbooks.Playbook) []playbooks.Prompt {
	var out []playbooks.Prompt
	if p == nil {
		return nil
	}
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
