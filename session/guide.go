package session

import (
	"strconv"
	"strings"
	"time"

	"rapport/playbooks"
)

// Guide renders a playbook as a facilitator's guide in Markdown: its title,
// summary and source, then each phase with its goal, timebox and tips, and
// every prompt numbered with its kind in words, its help, whether it is
// required or for the facilitator only, its options, its flag and the
// condition that shows it. `rapport playbooks show` prints it and the files
// in docs/playbooks are made from it, so a facilitator can read and prepare
// a playbook without running a session.
//
// A playbook file is untrusted text: every piece of it goes through
// EscapeInline or EscapeBlock, so it can neither reach the terminal as a
// control sequence nor change the structure of the guide. The output is
// deterministic: the same playbook gives the same bytes.
func Guide(p *playbooks.Playbook) string {
	if p == nil {
		return ""
	}
	g := guide{p: p, numbers: promptNumbers(p)}
	return g.render()
}

type guide struct {
	p       *playbooks.Playbook
	numbers map[string]string // prompt id -> "phase.prompt", for conditions
	b       strings.Builder
}

func (g *guide) line(parts ...string) {
	for _, s := range parts {
		g.b.WriteString(s)
	}
	g.b.WriteByte('\n')
}

func (g *guide) render() string {
	p := g.p
	title := EscapeInline(p.Title)
	if title == "" {
		title = EscapeInline(p.ID)
	}
	g.line("# ", title)
	g.line()
	if s := EscapeBlock(p.Summary); s != "" {
		g.line(s)
		g.line()
	}
	g.line("- **Playbook:** ", EscapeInline(p.ID), ", version ", strconv.Itoa(p.Version))
	if s := EscapeInline(p.Source); s != "" {
		g.line("- **Source:** ", s)
	}
	if p.Team() {
		g.line("- **Audience:** the team, without the client: a retrospective about them, with no client copy")
	} else {
		g.line("- **Audience:** the client, who takes part and gets a copy of the summary")
	}
	g.line("- **Phases:** ", phasesLine(p))
	g.line("- **Prompts:** ", promptsLine(p))
	g.line()
	if p.Team() {
		g.line("Everything here is for the team. Only prompts marked *shown in present mode* appear on a shared screen; tips, help, probes, what to listen for and flags never do.")
	} else {
		g.line("Tips, help, probes, what to listen for, flags and prompts marked *facilitator only* stay out of the client's summary and are hidden in present mode.")
	}
	for i, ph := range p.Phases {
		g.phase(i+1, ph)
	}
	return g.b.String()
}

func phasesLine(p *playbooks.Playbook) string {
	total := p.Length
	if total <= 0 {
		for _, ph := range p.Phases {
			total += ph.Timebox
		}
	}
	s := Plural(len(p.Phases), "phase", "phases")
	if total > 0 {
		s += ", about " + durationWords(total) + " in all"
	}
	return s
}

func promptsLine(p *playbooks.Playbook) string {
	n, core, required, marked := 0, 0, 0, 0
	for _, ph := range p.Phases {
		for _, pr := range ph.Prompts {
			n++
			if pr.Core {
				core++
			}
			if pr.Required {
				required++
			}
			// What differs from the audience's default is worth counting.
			if pr.Internal != p.Team() {
				marked++
			}
		}
	}
	s := strconv.Itoa(n)
	var extra []string
	if core > 0 {
		extra = append(extra, strconv.Itoa(core)+" core")
	}
	if required > 0 {
		extra = append(extra, strconv.Itoa(required)+" required")
	}
	switch {
	case marked > 0 && p.Team():
		extra = append(extra, strconv.Itoa(marked)+" shown in present mode")
	case marked > 0:
		extra = append(extra, strconv.Itoa(marked)+" for the facilitator only")
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

func (g *guide) phase(n int, ph playbooks.Phase) {
	title := EscapeInline(ph.Title)
	if title == "" {
		title = EscapeInline(ph.ID)
	}
	g.line()
	g.line("## ", strconv.Itoa(n), ". ", title)
	g.line()
	var facts []string
	if s := EscapeInline(ph.Goal); s != "" {
		facts = append(facts, "**Goal:** "+s)
	}
	if ph.Timebox > 0 {
		t := "**Timebox:** " + durationWords(ph.Timebox)
		if core := ph.CoreTime(); core > 0 {
			t += "; the core prompts need about " + durationWords(core.Round(time.Minute/2))
		}
		facts = append(facts, t)
	}
	if ph.ShowIf != nil {
		facts = append(facts, "**Shown only when** "+g.condition(*ph.ShowIf)+".")
	}
	for _, f := range facts {
		g.line("- ", f)
	}
	if len(facts) > 0 {
		g.line()
	}
	var tips []string
	for _, t := range ph.Tips {
		if s := EscapeInline(t); s != "" {
			tips = append(tips, s)
		}
	}
	if len(tips) > 0 {
		g.line("### Facilitator tips")
		g.line()
		for _, t := range tips {
			g.line("- ", t)
		}
		g.line()
	}
	g.line("### Prompts")
	g.line()
	if len(ph.Prompts) == 0 {
		g.line("No prompts.")
		return
	}
	for i, pr := range ph.Prompts {
		if i > 0 {
			g.line()
		}
		g.prompt(i+1, pr, g.p.Team())
	}
}

func (g *guide) prompt(n int, pr playbooks.Prompt, team bool) {
	marker := strconv.Itoa(n) + ". "
	indent := strings.Repeat(" ", len(marker))
	q := EscapeInline(pr.Question)
	if q == "" {
		q = "(no question)"
	} else {
		q = "**" + q + "**"
	}
	g.line(marker, q)
	details := []string{"Answer: " + kindWords(pr) + marks(pr, team)}
	if s := EscapeInline(pr.Help); s != "" {
		details = append(details, "Help: "+s)
	}
	var probes []string
	for _, pb := range pr.Probes {
		if s := EscapeInline(pb); s != "" {
			probes = append(probes, s)
		}
	}
	if len(probes) > 0 {
		details = append(details, "Probes: "+strings.Join(probes, " · "))
	}
	if s := EscapeInline(pr.ListenFor); s != "" {
		details = append(details, "Listen for: "+s)
	}
	if pr.Takeaways {
		details = append(details, "Its answer is the summary's key takeaways.")
	}
	if m := EscapeInline(pr.Measures); m != "" {
		details = append(details, "Measures "+m+": shown beside the other side's rating of the same measure (the client pulse and the team's checks).")
	}
	if len(pr.Options) > 0 {
		opts := make([]string, len(pr.Options))
		for i, o := range pr.Options {
			if opts[i] = EscapeInline(o); opts[i] == "" {
				opts[i] = "(empty)"
			}
		}
		details = append(details, "Options: "+strings.Join(opts, "; "))
	}
	if pr.Flag != nil {
		d := "Flagged when the answer is " + comparisonWords(pr.Flag.When)
		if pr.Flag.And != nil {
			d += " and " + g.condition(*pr.Flag.And)
		}
		if s := EscapeInline(pr.Flag.Say); s != "" {
			d += ": " + s
		} else {
			d += "."
		}
		details = append(details, d)
	}
	if pr.ShowIf != nil {
		details = append(details, "Asked only when "+g.condition(*pr.ShowIf)+".")
	}
	for _, d := range details {
		g.line(indent, "- ", d)
	}
}

// kindWords names the kind of answer a prompt takes, in the words a
// facilitator would use.
func kindWords(pr playbooks.Prompt) string {
	info, ok := playbooks.LookupKind(pr.Kind)
	if !ok {
		if s := EscapeInline(string(pr.Kind)); s != "" {
			return s
		}
		return "unknown"
	}
	s := info.Words
	if info.Value == playbooks.ValueRating {
		if pr.Evidence {
			s += " with a line of evidence"
		}
		if sc := EscapeInline(pr.Scorecard); sc != "" {
			s += ", on the " + sc + " scorecard"
		}
	}
	return s
}

func marks(pr playbooks.Prompt, team bool) string {
	var m []string
	if pr.Core {
		m = append(m, "core")
	}
	if pr.Required {
		m = append(m, "required")
	}
	switch {
	case team && !pr.Internal:
		m = append(m, "*shown in present mode*")
	case !team && pr.Internal:
		m = append(m, "*facilitator only*")
	}
	if len(m) == 0 {
		return ""
	}
	return "; " + strings.Join(m, ", ")
}

// condition says in words when a prompt or phase shows, naming the earlier
// prompt by its number in the guide.
func (g *guide) condition(c playbooks.Condition) string {
	ref := g.numbers[c.Prompt]
	switch {
	case ref == "" && EscapeInline(c.Prompt) == "":
		ref = "an earlier prompt"
	case ref == "":
		ref = "prompt " + EscapeInline(c.Prompt)
	default:
		ref = "prompt " + ref
	}
	return "the answer to " + ref + " is " + comparisonWords(c.Is)
}

// comparisonWords turns ">= 80" into "at least 80" and "== Yes" into
// "Yes" in quotes.
func comparisonWords(c playbooks.Comparison) string {
	v := "\"" + EscapeInline(c.Text) + "\""
	if c.Numeric {
		v = strconv.FormatFloat(c.Num, 'f', -1, 64)
	}
	switch c.Op {
	case ">=":
		return "at least " + v
	case "<=":
		return "at most " + v
	case ">":
		return "more than " + v
	case "<":
		return "less than " + v
	case "==", "":
		return v
	case "!=":
		return "anything but " + v
	}
	return EscapeInline(c.Op) + " " + v
}

// promptNumbers numbers every prompt "phase.prompt" the way the guide does,
// so a condition can point at the prompt it depends on.
func promptNumbers(p *playbooks.Playbook) map[string]string {
	out := map[string]string{}
	for i, ph := range p.Phases {
		for j, pr := range ph.Prompts {
			if _, dup := out[pr.ID]; !dup && pr.ID != "" {
				out[pr.ID] = strconv.Itoa(i+1) + "." + strconv.Itoa(j+1)
			}
		}
	}
	return out
}

// durationWords writes a timebox as people say it: "10 minutes",
// "1 hour 30 minutes", "45 seconds".
func durationWords(d time.Duration) string {
	d = d.Round(time.Second)
	if d <= 0 {
		return "0 minutes"
	}
	h := int(d / time.Hour)
	m := int(d % time.Hour / time.Minute)
	s := int(d % time.Minute / time.Second)
	var parts []string
	if h > 0 {
		parts = append(parts, Plural(h, "hour", "hours"))
	}
	if m > 0 {
		parts = append(parts, Plural(m, "minute", "minutes"))
	}
	if s > 0 {
		parts = append(parts, Plural(s, "second", "seconds"))
	}
	return strings.Join(parts, " ")
}
