package playbooks

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// schemaNode is the part of a JSON Schema the sync test reads.
type schemaNode struct {
	Ref        string                 `json:"$ref"`
	Properties map[string]*schemaNode `json:"properties"`
	Required   []string               `json:"required"`
	Enum       []string               `json:"enum"`
	Items      *schemaNode            `json:"items"`
	AddProps   *bool                  `json:"additionalProperties"`
}

type schemaDoc struct {
	Schema string                 `json:"$schema"`
	Defs   map[string]*schemaNode `json:"$defs"`
	schemaNode
}

func loadSchema(t *testing.T) *schemaDoc {
	t.Helper()
	data, err := os.ReadFile("../docs/playbook.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc schemaDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("docs/playbook.schema.json: %v", err)
	}
	if err := json.Unmarshal(data, &doc.schemaNode); err != nil {
		t.Fatal(err)
	}
	return &doc
}

// TestSchemaMatchesTheLoader keeps docs/playbook.schema.json in step with
// the loader: at every level the schema names exactly the keys the loader
// accepts, refuses others, and its kind enum is Kinds. An editor using the
// schema then never suggests a key the loader refuses, nor misses one.
func TestSchemaMatchesTheLoader(t *testing.T) {
	doc := loadSchema(t)
	if doc.Schema != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %q, want draft 2020-12", doc.Schema)
	}
	def := func(name string) *schemaNode {
		n := doc.Defs[name]
		if n == nil {
			t.Fatalf("schema has no $defs/%s", name)
		}
		return n
	}
	levels := []struct {
		name   string
		node   *schemaNode
		loader []string
	}{
		{"playbook", &doc.schemaNode, playbookFields},
		{"phase", def("phase"), phaseFields},
		{"prompt", def("prompt"), promptFields},
		{"flag", def("flag"), flagFields},
		{"condition", def("condition"), conditionFields},
	}
	for _, l := range levels {
		var keys []string
		for k := range l.node.Properties {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := slices.Sorted(slices.Values(l.loader))
		if !slices.Equal(keys, want) {
			t.Errorf("%s: schema keys %v, loader keys %v", l.name, keys, want)
		}
		if l.node.AddProps == nil || *l.node.AddProps {
			t.Errorf("%s: schema allows unknown keys; the loader refuses them", l.name)
		}
		for _, r := range l.node.Required {
			if !slices.Contains(l.loader, r) {
				t.Errorf("%s: schema requires %q, which the loader does not know", l.name, r)
			}
		}
	}
	// The levels link up as the loader nests them.
	refs := map[string]string{
		"phases.items":     doc.Properties["phases"].Items.Ref,
		"phase.prompts":    def("phase").Properties["prompts"].Items.Ref,
		"phase.show_if":    def("phase").Properties["show_if"].Ref,
		"prompt.show_if":   def("prompt").Properties["show_if"].Ref,
		"prompt.flag":      def("prompt").Properties["flag"].Ref,
		"flag.and":         def("flag").Properties["and"].Ref,
		"prompt.measures":  def("prompt").Properties["measures"].Ref,
		"playbook.length":  doc.Properties["length"].Ref,
		"phase.timebox":    def("phase").Properties["timebox"].Ref,
		"condition.is":     def("condition").Properties["is"].Ref,
		"flag.when":        def("flag").Properties["when"].Ref,
		"playbook.id":      doc.Properties["id"].Ref,
		"condition.prompt": def("condition").Properties["prompt"].Ref,
	}
	want := map[string]string{
		"phases.items": "#/$defs/phase", "phase.prompts": "#/$defs/prompt", "phase.show_if": "#/$defs/condition",
		"prompt.show_if": "#/$defs/condition", "prompt.flag": "#/$defs/flag", "condition.is": "#/$defs/comparison",
		"flag.when": "#/$defs/comparison", "playbook.id": "#/$defs/id", "condition.prompt": "#/$defs/id",
		"flag.and": "#/$defs/condition", "prompt.measures": "#/$defs/optionalId", "playbook.length": "#/$defs/duration",
		"phase.timebox": "#/$defs/duration",
	}
	for k, got := range refs {
		if got != want[k] {
			t.Errorf("%s refers to %q, want %q", k, got, want[k])
		}
	}
	if got := def("id"); got == nil {
		t.Fatal("no $defs/id")
	}
	var kinds []string
	for _, k := range Kinds {
		kinds = append(kinds, string(k))
	}
	if enum := def("prompt").Properties["kind"].Enum; !slices.Equal(enum, kinds) {
		t.Errorf("schema kinds %v, playbooks.Kinds %v", enum, kinds)
	}
	// The id pattern is the loader's.
	raw, _ := os.ReadFile("../docs/playbook.schema.json")
	if !strings.Contains(string(raw), strings.ReplaceAll(idPattern.String(), `\`, `\\`)) {
		t.Errorf("schema id pattern differs from the loader's %s", idPattern)
	}
}

// TestFormatDocExampleParses keeps the complete example in
// docs/playbook-format.md valid, and the doc complete: it names every kind
// and every key of every level.
func TestFormatDocExampleParses(t *testing.T) {
	data, err := os.ReadFile("../docs/playbook-format.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	_, rest, ok := strings.Cut(doc, "## A complete example")
	if !ok {
		t.Fatal(`docs/playbook-format.md has no "## A complete example" section`)
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(rest)
	if m == nil {
		t.Fatal("the complete example has no yaml block")
	}
	p, err := Parse("docs/playbook-format.md example", []byte(m[1]))
	if err != nil {
		t.Fatalf("the example does not validate:\n%v", err)
	}
	used := map[Kind]bool{}
	for _, ph := range p.Phases {
		for _, pr := range ph.Prompts {
			used[pr.Kind] = true
		}
	}
	for _, k := range Kinds {
		if !strings.Contains(doc, "| `"+string(k)+"` |") {
			t.Errorf("the kinds table has no row for %s", k)
		}
		if !used[k] {
			t.Errorf("the complete example never uses kind %s", k)
		}
	}
	for _, fields := range [][]string{playbookFields, phaseFields, promptFields, flagFields, conditionFields} {
		for _, f := range fields {
			if !strings.Contains(doc, "`"+f+"`") && !strings.Contains(m[1], f+":") {
				t.Errorf("the doc never names key %s", f)
			}
			if !strings.Contains(m[1], f+":") {
				t.Errorf("the complete example never uses key %s", f)
			}
		}
	}
}
