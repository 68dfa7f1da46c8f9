package playbooks

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestKindTable: every kind is described once and whole, and the fallback
// for an unknown kind is a kind of the table.
func TestKindTable(t *testing.T) {
	seen := map[Kind]bool{}
	for _, info := range kinds {
		switch {
		case seen[info.Kind]:
			t.Errorf("%s is in the table twice", info.Kind)
		case info.Kind == "" || info.Words == "" || info.How == "":
			t.Errorf("%q lacks its words or how to answer: %+v", info.Kind, info)
		case !slices.Contains(Values, info.Value):
			t.Errorf("%s stores value %d, which Values does not list", info.Kind, info.Value)
		case info.MultiLine && info.Value != ValueText && info.Value != ValueItems:
			t.Errorf("%s is multi-line but stores neither text nor items", info.Kind)
		}
		seen[info.Kind] = true
	}
	if !slices.Equal(Kinds, func() []Kind {
		var out []Kind
		for _, info := range kinds {
			out = append(out, info.Kind)
		}
		return out
	}()) {
		t.Errorf("Kinds %v is not the table's order", Kinds)
	}
	if _, ok := LookupKind(FallbackKind); !ok {
		t.Errorf("the fallback %s is not in the table", FallbackKind)
	}
	if got := KindOf("essay"); got.Kind != FallbackKind {
		t.Errorf("an unknown kind reads as %s, want %s", got.Kind, FallbackKind)
	}
	if got := KindOf(KindPercent); got.Unit != "%" || !got.Numeric {
		t.Errorf("percent = %+v", got)
	}
}

// TestSchemaKindRules keeps the JSON Schema's rules on options and flags
// the table's: options on exactly the kinds that pick from them, a flag
// only on numeric kinds.
func TestSchemaKindRules(t *testing.T) {
	data, err := os.ReadFile("../docs/playbook.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs struct {
			Prompt struct {
				AllOf []struct {
					If struct {
						Properties struct {
							Kind struct {
								Enum []string `json:"enum"`
								Not  struct {
									Enum []string `json:"enum"`
								} `json:"not"`
							} `json:"kind"`
						} `json:"properties"`
					} `json:"if"`
					Then struct {
						Required   []string                   `json:"required"`
						Properties map[string]json.RawMessage `json:"properties"`
					} `json:"then"`
				} `json:"allOf"`
			} `json:"prompt"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var options, numeric, flaggable []string
	for _, info := range kinds {
		if info.Options {
			options = append(options, string(info.Kind))
		}
		if info.Numeric {
			numeric = append(numeric, string(info.Kind))
		}
		if info.Flaggable() {
			flaggable = append(flaggable, string(info.Kind))
		}
	}
	found := 0
	for _, rule := range doc.Defs.Prompt.AllOf {
		switch {
		case slices.Equal(rule.Then.Required, []string{"options"}):
			found++
			if got := rule.If.Properties.Kind.Enum; !sameSet(got, options) {
				t.Errorf("the schema wants options on %v, the table on %v", got, options)
			}
		case rule.Then.Properties["flag"] != nil && len(rule.If.Properties.Kind.Not.Enum) > 0:
			found++
			if got := rule.If.Properties.Kind.Not.Enum; !sameSet(got, flaggable) {
				t.Errorf("the schema allows a flag on %v, the table on %v", got, flaggable)
			}
		case rule.Then.Properties["flag"] != nil:
			found++
			if got := rule.If.Properties.Kind.Enum; !sameSet(got, numeric) {
				t.Errorf("the schema wants a numeric flag test on %v, the table on %v", got, numeric)
			}
		}
	}
	if found != 3 {
		t.Errorf("found %d of the schema's three kind rules (options, flag, numeric flag)", found)
	}
}

func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// TestDateKind: the date kind in a file of one's own: it loads and
// validates, takes neither options nor a flag, and stores text.
func TestDateKind(t *testing.T) {
	info, ok := LookupKind(KindDate)
	if !ok || info.Value != ValueText || info.Numeric || info.Options || info.FreeText || info.MultiLine || info.Flaggable() {
		t.Fatalf("date = %+v", info)
	}
	for _, c := range []struct {
		name, extra string
		want        string // "" when the file is valid
	}{
		{"plain", "", ""},
		{"options", "        options: [Monday]\n", "options only apply to choice and multi_choice prompts, not date"},
		{"flag", "        flag: {when: \">= 1\", say: Soon.}\n", "not date"},
	} {
		src := "id: d\ntitle: D\nversion: 1\nphases:\n  - id: one\n    title: One\n    prompts:\n" +
			"      - id: when\n        kind: date\n        question: When did this last happen?\n" + c.extra
		p, err := Parse("d.yaml", []byte(src))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want == "" && p.Phases[0].Prompts[0].Kind != KindDate:
			t.Errorf("%s: kind %q", c.name, p.Phases[0].Prompts[0].Kind)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
