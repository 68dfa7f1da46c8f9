package playbooks

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// TestSchemaAndLoaderAgree runs every file of the corpus in
// testdata/agree through both the loader (Parse, what rapport and
// `playbooks validate` use) and docs/playbook.schema.json (what an editor
// uses), and holds them to the same verdict. A file's name says what both
// must decide:
//
//	ok-*.yaml           both accept it
//	bad-*.yaml          both refuse it
//	loader-only-*.yaml  the loader refuses what no JSON Schema can see
//	                    (an id used twice, a condition that looks ahead)
//
// A "# want: LINE:COL text" line in a refused file is what the loader must
// say, and where. The built-ins, the format doc's example and the scaffold
// must pass both too. Adding a key or a kind to the format? Add an ok- file
// that uses it and a bad- file for each way to get it wrong.
func TestSchemaAndLoaderAgree(t *testing.T) {
	sch := compileSchema(t)
	files, err := filepath.Glob("testdata/agree/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("the corpus holds %d files; the issue asks for at least 20", len(files))
	}
	builtins, _ := filepath.Glob("builtin/*.yaml")
	files = append(files, builtins...)
	files = append(files, "testdata/full.yaml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			base := filepath.Base(f)
			wantLoader, wantSchema := true, true
			switch {
			case strings.HasPrefix(base, "bad-"):
				wantLoader, wantSchema = false, false
			case strings.HasPrefix(base, "loader-only-"):
				wantLoader = false
			case strings.HasPrefix(base, "ok-"), !strings.HasPrefix(f, "testdata/agree/"):
			default:
				t.Fatalf("%s: name it ok-, bad- or loader-only-", base)
			}
			checkAgree(t, sch, f, data, wantLoader, wantSchema)
		})
	}
	t.Run("scaffold", func(t *testing.T) {
		checkAgree(t, sch, "scaffold", Scaffold("my-guide"), true, true)
	})
	t.Run("format doc example", func(t *testing.T) {
		doc, err := os.ReadFile("../docs/playbook-format.md")
		if err != nil {
			t.Fatal(err)
		}
		_, rest, _ := strings.Cut(string(doc), "## A complete example")
		m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(rest)
		if m == nil {
			t.Fatal("no example")
		}
		checkAgree(t, sch, "example", []byte(m[1]), true, true)
	})
}

var wantLine = regexp.MustCompile(`(?m)^# want: (\d+):(\d+) (.*)$`)

func checkAgree(t *testing.T, sch *jsonschema.Schema, name string, data []byte, wantLoader, wantSchema bool) {
	t.Helper()
	_, perr := Parse(name, data)
	serr := validateSchema(sch, data)
	if (perr == nil) != wantLoader {
		t.Errorf("loader accepts = %v, want %v; loader said: %v", perr == nil, wantLoader, perr)
	}
	if (serr == nil) != wantSchema {
		t.Errorf("schema accepts = %v, want %v; schema said: %v", serr == nil, wantSchema, serr)
	}
	if m := wantLine.FindSubmatch(data); m != nil {
		at := fmt.Sprintf("%s:%s:%s: ", name, m[1], m[2])
		found := false
		if perr != nil {
			for _, line := range strings.Split(perr.Error(), "\n") {
				found = found || (strings.HasPrefix(line, at) && strings.Contains(line, string(m[3])))
			}
		}
		if !found {
			t.Errorf("loader said:\n%v\nwant a line at %s saying %q", perr, at, m[3])
		}
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../docs/playbook.schema.json")
	if err != nil {
		t.Fatalf("docs/playbook.schema.json: %v", err)
	}
	return sch
}

// validateSchema checks a YAML file against the schema as an editor's YAML
// language server does: the YAML 1.2 data the file holds, as JSON.
func validateSchema(sch *jsonschema.Schema, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("YAML: %w", err)
	}
	var v any
	if len(doc.Content) > 0 {
		var err error
		if v, err = yamlValue(doc.Content[0], 0); err != nil {
			return err
		}
	}
	return sch.Validate(v)
}

// yamlValue turns a YAML node into the value JSON Schema validates: maps,
// slices, strings, json.Number, bool and nil.
func yamlValue(n *yaml.Node, depth int) (any, error) {
	if depth > 100 {
		return nil, fmt.Errorf("too deep")
	}
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias, depth+1)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if _, dup := m[k]; dup {
				return nil, fmt.Errorf("line %d: key %q twice", n.Content[i].Line, k)
			}
			v, err := yamlValue(n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			m[k] = v
		}
		return m, nil
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := yamlValue(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int":
		var i int64
		if err := n.Decode(&i); err == nil {
			return json.Number(strconv.FormatInt(i, 10)), nil
		}
	case "!!float":
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
		}
	}
	return n.Value, nil
}

// TestSchemaPatterns holds every pattern of the schema to the string the
// loader checks with (patterns.go), so the two cannot drift apart.
func TestSchemaPatterns(t *testing.T) {
	raw, err := os.ReadFile("../docs/playbook.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	at := func(path ...any) any {
		var v any = doc
		for _, p := range path {
			switch k := p.(type) {
			case string:
				v = v.(map[string]any)[k]
			case int:
				v = v.([]any)[k]
			}
		}
		return v
	}
	for _, c := range []struct {
		name string
		got  any
		want string
	}{
		{"id", at("$defs", "id", "anyOf", 0, "pattern"), idPattern.String()},
		{"requiredText", at("$defs", "requiredText", "anyOf", 0, "pattern"), nonBlankPattern},
		{"version", at("properties", "version", "anyOf", 1, "pattern"), versionPattern},
		{"duration", at("$defs", "duration", "anyOf", 2, "pattern"), durationPattern},
		{"zero duration", at("$defs", "duration", "anyOf", 2, "not", "pattern"), zeroDurationPattern},
		{"comparison", at("$defs", "comparison", "anyOf", 1, "pattern"), comparisonPattern},
		{"numericComparison", at("$defs", "numericComparison", "anyOf", 1, "pattern"), numericComparisonPattern},
	} {
		if c.got != c.want {
			t.Errorf("schema's %s pattern is\n%q\nthe loader's is\n%q", c.name, c.got, c.want)
		}
	}
	if got := at("properties", "version", "anyOf", 0, "maximum"); got != float64(maxVersion) {
		t.Errorf("schema's version maximum %v, loader's %d", got, maxVersion)
	}
}

// TestBlankIsTheSchemasWhiteSpace holds blank (the loader's "empty") to
// the schema's nonBlankPattern for every character: what the loader calls
// a missing title, the schema does too.
func TestBlankIsTheSchemasWhiteSpace(t *testing.T) {
	nonBlank := regexp.MustCompile(nonBlankPattern)
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := string(r)
		if blank(s) == nonBlank.MatchString(s) {
			t.Errorf("U+%04X: blank %v, schema pattern matches %v", r, blank(s), nonBlank.MatchString(s))
		}
	}
}
