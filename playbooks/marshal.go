package playbooks

import (
	"bytes"
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Marshal writes a playbook back as YAML in the documented field order,
// leaving out empty fields, so `playbooks new --from` can start a user file
// from any playbook and Parse reads the result back to the same value.
func Marshal(p *Playbook) ([]byte, error) {
	root := mapNode()
	addText(root, "id", p.ID)
	addText(root, "title", p.Title)
	add(root, "version", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(p.Version)})
	addText(root, "summary", p.Summary)
	addText(root, "source", p.Source)
	addText(root, "audience", string(p.Audience))
	if p.Length > 0 {
		addText(root, "length", p.Length.String())
	}
	phases := &yaml.Node{Kind: yaml.SequenceNode}
	for _, ph := range p.Phases {
		phases.Content = append(phases.Content, phaseNode(ph, p.Team()))
	}
	add(root, "phases", phases)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("write playbook %q as YAML: %w", p.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("write playbook %q as YAML: %w", p.ID, err)
	}
	return b.Bytes(), nil
}

func phaseNode(ph Phase, team bool) *yaml.Node {
	n := mapNode()
	addText(n, "id", ph.ID)
	addText(n, "title", ph.Title)
	addText(n, "goal", ph.Goal)
	if ph.Timebox > 0 {
		addText(n, "timebox", ph.Timebox.String())
	}
	addList(n, "tips", ph.Tips)
	if ph.ShowIf != nil {
		add(n, "show_if", conditionNode(ph.ShowIf))
	}
	prompts := &yaml.Node{Kind: yaml.SequenceNode}
	for _, pr := range ph.Prompts {
		prompts.Content = append(prompts.Content, promptNode(pr, team))
	}
	add(n, "prompts", prompts)
	return n
}

// promptNode writes a prompt. internal is written only where it differs
// from the audience's default: internal: false in a team playbook,
// internal: true in a client one.
func promptNode(pr Prompt, team bool) *yaml.Node {
	n := mapNode()
	addText(n, "id", pr.ID)
	addText(n, "kind", string(pr.Kind))
	addText(n, "question", pr.Question)
	addText(n, "help", pr.Help)
	addList(n, "probes", pr.Probes)
	addText(n, "listen_for", pr.ListenFor)
	addBool(n, "core", pr.Core)
	addBool(n, "required", pr.Required)
	if pr.Internal != team {
		add(n, "internal", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(pr.Internal)})
	}
	addBool(n, "takeaways", pr.Takeaways)
	addText(n, "scorecard", pr.Scorecard)
	addText(n, "measures", pr.Measures)
	addBool(n, "evidence", pr.Evidence)
	if len(pr.Options) > 0 {
		list := textList(pr.Options)
		list.Style = yaml.FlowStyle
		add(n, "options", list)
	}
	if pr.Flag != nil {
		f := mapNode()
		f.Style = yaml.FlowStyle
		addText(f, "when", pr.Flag.When.String())
		if pr.Flag.And != nil {
			add(f, "and", conditionNode(pr.Flag.And))
		}
		addText(f, "say", pr.Flag.Say)
		add(n, "flag", f)
	}
	if pr.ShowIf != nil {
		add(n, "show_if", conditionNode(pr.ShowIf))
	}
	return n
}

func conditionNode(c *Condition) *yaml.Node {
	n := mapNode()
	n.Style = yaml.FlowStyle
	addText(n, "prompt", c.Prompt)
	addText(n, "is", c.Is.String())
	return n
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// addText adds a text field, quoted by the encoder where YAML would read it
// as something else (a number, true, a comment).
func addText(m *yaml.Node, key, s string) {
	if s != "" {
		add(m, key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	}
}

func addBool(m *yaml.Node, key string, b bool) {
	if b {
		add(m, key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
}

func addList(m *yaml.Node, key string, items []string) {
	if len(items) > 0 {
		add(m, key, textList(items))
	}
}

func textList(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range items {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	}
	return n
}
