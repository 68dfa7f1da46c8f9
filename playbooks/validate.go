package playbooks

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Validate checks a playbook that was built or changed in code (a copy made
// with a new id, a test fixture) by the same rules Parse applies to files.
// The problems carry no file or position. It returns nil or an Errors.
func (p *Playbook) Validate() error {
	c := &checker{sp: spots{at: map[string]pos{}, bad: map[string]bool{}}}
	c.playbook(p)
	if len(c.errs) > 0 {
		return c.errs
	}
	return nil
}

// checker applies the rules that need the whole decoded playbook (ids,
// references, which fields go with which kind), placing each problem with
// the positions the decoder recorded.
type checker struct {
	file string
	sp   spots
	errs Errors
}

// where finds the position of path, or of the nearest enclosing value that
// has one (a missing key is reported at the mapping that lacks it).
func (c *checker) where(path string) pos {
	for {
		if p, ok := c.sp.at[path]; ok {
			return p
		}
		if path == "" {
			return pos{}
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			path = ""
		} else {
			path = path[:i]
		}
	}
}

func (c *checker) errorf(path, format string, args ...any) {
	p := c.where(path)
	c.errs = append(c.errs, &Error{File: c.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)})
}

// ok reports whether the value at path decoded; one that did not was
// already reported and is not judged again.
func (c *checker) ok(path string) bool { return !c.sp.bad[path] }

// first gives "; the first is at line N" when the position of path is known.
func (c *checker) first(path string) string {
	if p := c.where(path); p.line > 0 {
		return fmt.Sprintf("; the first is at line %d", p.line)
	}
	return ""
}

// named gives `phase "identify"` or just `phase` when the id is missing.
func named(what, id string) string {
	if id == "" {
		return what
	}
	return what + " " + strconv.Quote(id)
}

// promptRef places a prompt in the playbook's order, for conditions that
// may only look back.
type promptRef struct {
	order, phase int
	path         string
	prompt       *Prompt
}

func (c *checker) playbook(p *Playbook) {
	c.id("id", p.ID, "playbook")
	if blank(p.Title) && c.ok("title") {
		c.errorf("title", "playbook is missing title")
	}
	if p.Version < 1 && c.ok("version") {
		c.errorf("version", "version must be a whole number of 1 or more, not %d", p.Version)
	}
	if len(p.Phases) == 0 && c.ok("phases") {
		c.errorf("phases", "playbook has no phases; add at least one with its prompts")
	}
	if p.Audience != "" && !slices.Contains(Audiences, p.Audience) && c.ok("audience") {
		names := make([]string, len(Audiences))
		for i, a := range Audiences {
			names[i] = string(a)
		}
		c.errorf("audience", "audience %q is neither client nor team%s", p.Audience, didYouMean(string(p.Audience), names))
	}
	if p.Length < 0 && c.ok("length") {
		c.errorf("length", "length must be longer than zero")
	}

	// Index every prompt first so a condition can tell "unknown" from
	// "comes later".
	prompts := map[string]promptRef{}
	var ids []string
	order := 0
	for i := range p.Phases {
		for j := range p.Phases[i].Prompts {
			pr := &p.Phases[i].Prompts[j]
			path := fmt.Sprintf("phases[%d].prompts[%d]", i, j)
			if pr.ID != "" {
				if _, dup := prompts[pr.ID]; !dup {
					prompts[pr.ID] = promptRef{order: order, phase: i, path: path, prompt: pr}
					ids = append(ids, pr.ID)
				}
			}
			order++
		}
	}

	phaseIDs := map[string]string{}
	conds := newCondOrder(p)
	takeaways, measures := "", map[string]string{} // path of the first of each
	order = 0
	for i := range p.Phases {
		ph := &p.Phases[i]
		path := fmt.Sprintf("phases[%d]", i)
		if c.ok(path) {
			c.phase(ph, path, i, phaseIDs)
		}
		if ph.ShowIf != nil {
			c.condition(ph.ShowIf, path+".show_if", "show_if", prompts, ids, func(ref promptRef) string {
				return conds.phaseWhy(i, ref.order)
			})
		}
		for j := range ph.Prompts {
			pr := &ph.Prompts[j]
			pp := fmt.Sprintf("%s.prompts[%d]", path, j)
			if c.ok(pp) {
				c.prompt(pr, pp, prompts)
			}
			here := order
			if pr.Takeaways && pr.Kind == KindList && c.ok(pp+".takeaways") {
				if takeaways != "" {
					c.errorf(pp+".takeaways", "takeaways is already marked on an earlier prompt%s; one prompt holds the key takeaways", c.first(takeaways))
				} else {
					takeaways = pp + ".takeaways"
				}
			}
			if pr.Measures != "" && c.ok(pp+".measures") {
				if first, dup := measures[pr.Measures]; dup {
					c.errorf(pp+".measures", "measures %q is already used in this playbook%s; pair each measure once", pr.Measures, c.first(first))
				} else {
					measures[pr.Measures] = pp + ".measures"
				}
			}
			if f := pr.Flag; f != nil && f.And != nil && c.ok(pp+".flag") {
				c.condition(f.And, pp+".flag.and", "flag and", prompts, ids, func(ref promptRef) string {
					if ref.order == here {
						return "a flag's second condition is on another prompt; the first is its own when"
					}
					return ""
				})
			}
			if pr.ShowIf != nil {
				c.condition(pr.ShowIf, pp+".show_if", "show_if", prompts, ids, func(ref promptRef) string {
					return conds.promptWhy(here, ref.order)
				})
			}
			order++
		}
	}
}

func (c *checker) phase(ph *Phase, path string, i int, seen map[string]string) {
	c.id(path+".id", ph.ID, "phase")
	if first, dup := seen[ph.ID]; dup && ph.ID != "" {
		c.errorf(path+".id", "duplicate phase id %q%s", ph.ID, c.first(first))
	} else if ph.ID != "" {
		seen[ph.ID] = path + ".id"
	}
	if blank(ph.Title) && c.ok(path+".title") {
		c.errorf(path+".title", "%s is missing title", named("phase", ph.ID))
	}
	if ph.Timebox < 0 && c.ok(path+".timebox") {
		c.errorf(path+".timebox", "timebox must be longer than zero")
	}
	if len(ph.Prompts) == 0 && c.ok(path+".prompts") {
		c.errorf(path+".prompts", "%s has no prompts; add at least one", named("phase", ph.ID))
	}
}

func (c *checker) prompt(pr *Prompt, path string, prompts map[string]promptRef) {
	c.id(path+".id", pr.ID, "prompt")
	if ref, ok := prompts[pr.ID]; ok && ref.path != path {
		c.errorf(path+".id", "duplicate prompt id %q%s", pr.ID, c.first(ref.path+".id"))
	}
	info, known := LookupKind(pr.Kind)
	known = known && c.ok(path+".kind") // a kind already reported is not checked against
	switch {
	case !c.ok(path + ".kind"):
	case pr.Kind == "":
		c.errorf(path+".kind", "%s is missing kind", named("prompt", pr.ID))
	case !known:
		if s := suggest(string(pr.Kind), kindNames()); s != "" {
			c.errorf(path+".kind", "unknown kind %q; did you mean %s?", pr.Kind, s)
		} else {
			c.errorf(path+".kind", "unknown kind %q; want one of %s", pr.Kind, strings.Join(kindNames(), ", "))
		}
	}
	if blank(pr.Question) && c.ok(path+".question") {
		c.errorf(path+".question", "%s is missing question", named("prompt", pr.ID))
	}

	choice := info.Options
	switch {
	case !c.ok(path + ".options"):
	case choice && len(pr.Options) == 0:
		c.errorf(path+".options", "%s prompt %s needs options to choose from", pr.Kind, strconv.Quote(pr.ID))
	case known && !choice && len(pr.Options) > 0:
		c.errorf(path+".options", "options only apply to choice and multi_choice prompts, not %s", pr.Kind)
	default:
		seen := map[string]bool{}
		for i, o := range pr.Options {
			op := fmt.Sprintf("%s.options[%d]", path, i)
			key := strings.ToLower(strings.TrimSpace(o))
			switch {
			case !c.ok(op):
			case blank(o):
				c.errorf(op, "option %d is empty", i+1)
			case seen[key]:
				c.errorf(op, "option %q is listed twice", o)
			}
			seen[key] = true
		}
	}

	if f := pr.Flag; f != nil && c.ok(path+".flag") {
		fp := path + ".flag"
		if known && !info.Flaggable() {
			c.errorf(fp, "flag only applies to percent, number, rating, choice and multi_choice prompts, not %s", pr.Kind)
		}
		switch {
		case !c.ok(fp + ".when"):
		case f.When.Op == "":
			c.errorf(fp+".when", "flag is missing when, the test such as \">= 80\" or an option")
		case !validOp(f.When.Op):
			c.errorf(fp+".when", "flag when has an unknown operator %q", f.When.Op)
		case choice && f.When.Op != "==" && f.When.Op != "!=":
			c.errorf(fp+".when", "flag when %q must name one of the options of %q", f.When.String(), pr.ID)
		case choice && !hasOption(pr.Options, f.When.Value()):
			c.errorf(fp+".when", "flag when %q matches none of the options of %q%s", f.When.Value(), pr.ID, didYouMean(f.When.Value(), pr.Options))
		case !choice && !f.When.Numeric:
			c.errorf(fp+".when", "flag when %q must compare with a number", f.When.String())
		}
		if blank(f.Say) && c.ok(fp+".say") {
			c.errorf(fp+".say", "flag is missing say, the reason to show when it fires")
		}
	}
	if pr.Evidence && known && pr.Kind != KindRating && c.ok(path+".evidence") {
		c.errorf(path+".evidence", "evidence only applies to rating prompts, not %s", pr.Kind)
	}
	if pr.Scorecard != "" && known && pr.Kind != KindRating && c.ok(path+".scorecard") {
		c.errorf(path+".scorecard", "scorecard only applies to rating prompts, not %s", pr.Kind)
	}
	if pr.Measures != "" && c.ok(path+".measures") {
		if known && pr.Kind != KindRating {
			c.errorf(path+".measures", "measures only applies to rating prompts, not %s", pr.Kind)
		} else {
			c.id(path+".measures", pr.Measures, "measures")
		}
	}
	if pr.Takeaways && known && pr.Kind != KindList && c.ok(path+".takeaways") {
		c.errorf(path+".takeaways", "takeaways only applies to a list prompt, not %s", pr.Kind)
	}
	for i, probe := range pr.Probes {
		if pp := fmt.Sprintf("%s.probes[%d]", path, i); c.ok(pp) && strings.TrimSpace(probe) == "" {
			c.errorf(pp, "probe %d is empty", i+1)
		}
	}
}

// condition checks a show_if: it names an earlier prompt and has a test.
// order says why a known prompt may not be used, or "".
func (c *checker) condition(cond *Condition, path, what string, prompts map[string]promptRef, ids []string, order func(promptRef) string) {
	if !c.ok(path) {
		return
	}
	var target *Prompt
	switch ref, found := prompts[cond.Prompt]; {
	case !c.ok(path + ".prompt"):
	case cond.Prompt == "" && what == "show_if":
		c.errorf(path+".prompt", "show_if is missing prompt, the id of an earlier prompt")
	case cond.Prompt == "":
		c.errorf(path+".prompt", "%s is missing prompt, the id of the prompt it tests", what)
	case !found:
		c.errorf(path+".prompt", "%s refers to unknown prompt %q%s", what, cond.Prompt, didYouMean(cond.Prompt, ids))
	default:
		if why := order(ref); why != "" {
			c.errorf(path+".prompt", "%s refers to prompt %q: %s", what, cond.Prompt, why)
		} else {
			target = ref.prompt
		}
	}
	switch {
	case !c.ok(path + ".is"):
	case cond.Is.Op == "":
		c.errorf(path+".is", "%s is missing is, the test such as \"<= 2\" or \"Yes\"", what)
	case !validOp(cond.Is.Op):
		c.errorf(path+".is", "%s is has an unknown operator %q", what, cond.Is.Op)
	case target != nil && !cond.Is.Numeric && len(target.Options) > 0:
		if hasOption(target.Options, cond.Is.Text) {
			return
		}
		c.errorf(path+".is", "%s is %q matches none of the options of %q%s", what, cond.Is.Text, target.ID, didYouMean(cond.Is.Text, target.Options))
	}
}

// id checks an id's shape. Ids end up in file names, command lines and
// stored sessions, so they are kept to a safe, readable alphabet.
func (c *checker) id(path, id, what string) {
	if !c.ok(path) {
		return
	}
	switch {
	case id == "":
		c.errorf(path, "%s is missing id", what)
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		c.errorf(path, "%s id %q contains control characters", what, id)
	case len(id) > maxIDLen:
		c.errorf(path, "%s id is longer than %d characters", what, maxIDLen)
	case !idPattern.MatchString(id):
		msg := fmt.Sprintf("%s id %q must be lowercase letters, digits and single dashes", what, id)
		if s := Slug(id, idRune); s != "" && len(s) <= maxIDLen {
			msg += fmt.Sprintf(", such as %q", s)
		}
		c.errorf(path, "%s", msg)
	}
}

// Slug keeps the runes of s that keep says stay (lowercased), and joins
// each run of them with one dash: "Who They Serve" becomes
// "who-they-serve". It is one function so an id suggested here and a file
// name the summary exports are made the same way; keep says which runes
// stay (ASCII for an id, letters and digits of any script for a file name).
func Slug(s string, keep func(rune) bool) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if keep(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// idRune is a rune an id may hold besides its dashes.
func idRune(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') }

// blank reports whether s is empty or only white space (the schema's
// nonBlankPattern does not match it).
func blank(s string) bool { return strings.TrimSpace(s) == "" }

func kindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

func validOp(op string) bool {
	switch op {
	case ">=", "<=", ">", "<", "==", "!=":
		return true
	}
	return false
}

// hasOption reports whether text names one of options, as a comparison
// matches them: ignoring case and surrounding space.
func hasOption(options []string, text string) bool {
	for _, o := range options {
		if strings.EqualFold(strings.TrimSpace(o), text) {
			return true
		}
	}
	return false
}
