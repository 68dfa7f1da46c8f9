package playbooks

import (
	"fmt"
	"strconv"
	"strings"
)

// CheckID reports whether id can name a playbook, by the rule the loader
// applies to the id key, so `playbooks new` refuses a bad id before it
// writes a file that would not load. The error is one line with a
// suggestion ("such as \"my-guide\"").
func CheckID(id string) error {
	c := &checker{sp: spots{at: map[string]pos{}, bad: map[string]bool{}}}
	c.id("id", id, "playbook")
	if len(c.errs) > 0 {
		return c.errs[0]
	}
	return nil
}

// Scaffold returns a commented starting file for a new playbook called id:
// a small, complete example that uses every field of the format once
// (three phases, tips, probes, several kinds, a compound flag, a scorecard
// and a paired measure, an internal prompt, the key takeaways and a
// condition on a prompt and on a phase) and validates clean,
// so an author learns the format by changing it rather than by reading.
// id must pass CheckID.
func Scaffold(id string) []byte {
	r := strings.NewReplacer("{{id}}", id, "{{title}}", strconv.Quote(titleFromID(id)),
		"{{kinds}}", strings.Join(kindNames(), " | "))
	return []byte(r.Replace(scaffoldText))
}

// titleFromID makes a first title from an id: "my-guide" gives "My guide".
func titleFromID(id string) string {
	t := strings.ReplaceAll(id, "-", " ")
	if t == "" {
		return "My playbook"
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

const scaffoldText = `# A rapport playbook: one YAML file is one interview guide. rapport reads
# every *.yaml file in this folder; share a playbook by sending the file.
# Check it after each change:   rapport playbooks validate THIS-FILE
# Read it as a guide:           rapport playbooks show {{id}}
# Run it:                       rapport new --client NAME --playbook {{id}}
# Every field and kind is described in docs/playbook-format.md.

id: {{id}}              # lowercase letters, digits and dashes; unique
title: {{title}}
version: 1              # a whole number; raise it when you change the playbook
summary: One or two lines shown when choosing a playbook.
source: Where the practice comes from (a book, a colleague, your own notes).
audience: client        # client: run with them, they get a copy; team: about them, all internal
length: 30m             # the session's planned length; the timeboxes add up to it

phases:
  - id: context
    title: Understand the context
    goal: Who they are, whom they serve, where the work stands.
    timebox: 10m        # a soft countdown (90s, 10m, 1h30m); nobody is cut off
    tips:               # for the facilitator only; never in the client's export
      - Ask, then stay silent.
      - Write their words, not your summary of them.
    prompts:
      - id: who-they-serve
        kind: long_text   # {{kinds}}
        question: Who do you serve, and what value do you give them?
        help: For you, under the question while you type; hidden while presenting.
        probes: ["Who came to you most recently?", "What did they need?"]
        listen_for: Names and a recent example; a job title alone is not an answer yet.
        core: true        # ask it whatever happens; the others as time allows
        required: true    # flagged in the wrap-up when left open, never enforced
      - id: stage
        kind: choice
        question: Where does the work stand?
        options: [Idea, Pilot, Live]

  - id: partnership
    title: Check the partnership
    goal: How much they trust the team, with evidence.
    timebox: 15m
    prompts:
      - id: trust
        kind: rating           # a score from 1 to 5
        question: How much do you trust the team today?
        scorecard: Partnership # ratings with the same scorecard are averaged in the summary
        measures: trust        # paired with ratings of other playbooks that measure the same
        evidence: true         # ask for a line of evidence beside the score
      - id: why-low
        kind: long_text
        question: What would it take to raise it?
        show_if: {prompt: trust, is: "<= 2"}   # asked only when an earlier answer matches
      - id: overruled
        kind: percent
        question: Of your disagreements, what share ended as you first wanted?
        flag:                  # the facilitator's reading, never on the shared screen
          when: ">= 80"
          and: {prompt: given-back, is: Nothing}   # fires only when both hold
          say: "Little partnership: the team gives way and absorbs the cost."
      - id: given-back
        kind: choice
        question: When the team took on extra work for you, what did it get back?
        options: [Time, Scope, Budget, Nothing]
      - id: private-read
        kind: text
        question: Your own read of the room.
        internal: true         # facilitator-only; kept out of the client's export
      - id: takeaways
        kind: list
        question: What do you take away from today?
        takeaways: true        # its answer is the summary's key takeaways

  - id: live
    title: Since launch
    timebox: 5m
    show_if: {prompt: stage, is: Live}   # a whole phase can be conditional too
    prompts:
      - id: incidents
        kind: list
        question: What has gone wrong since launch?
`

// CopyAs returns p as the text of a new user file with the id id and
// version 1, under a comment header that says where it came from, for
// `playbooks new --from`. The title is kept; the header suggests changing it.
func CopyAs(p *Playbook, id string) ([]byte, error) {
	if err := CheckID(id); err != nil {
		return nil, err
	}
	cp := *p
	cp.ID = id
	cp.Version = 1
	body, err := Marshal(&cp)
	if err != nil {
		return nil, err
	}
	header := fmt.Sprintf(`# A copy of the playbook %q (%s, version %d), made your own.
# Change anything; give it a title you can tell from the original's, and
# raise version when you change it again after running sessions with it.
# Check it after each change:   rapport playbooks validate THIS-FILE
# Every field and kind is described in docs/playbook-format.md.

`, p.ID, oneLine(p.Title), p.Version)
	return append([]byte(header), body...), nil
}

// oneLine keeps a title on its comment line: a newline in it would end the
// comment and turn the rest into YAML.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
