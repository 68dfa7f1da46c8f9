package playbooks

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
)

func TestScaffoldValidatesAndUsesEveryField(t *testing.T) {
	data := Scaffold("my-guide")
	p, err := Parse("my-guide.yaml", data)
	if err != nil {
		t.Fatalf("the scaffold does not validate:\n%v", err)
	}
	if p.ID != "my-guide" || p.Title != "My guide" || p.Version != 1 {
		t.Errorf("id, title, version = %q, %q, %d", p.ID, p.Title, p.Version)
	}
	if len(p.Phases) != 3 {
		t.Errorf("want three phases, got %d", len(p.Phases))
	}
	// Every key of every level appears at least once, so the file teaches
	// the whole format.
	for _, fields := range [][]string{playbookFields, phaseFields, promptFields, flagFields, conditionFields} {
		for _, k := range fields {
			if !bytes.Contains(data, []byte(k+":")) {
				t.Errorf("the scaffold never uses %q", k)
			}
		}
	}
	kinds := map[Kind]bool{}
	for _, ph := range p.Phases {
		for _, pr := range ph.Prompts {
			kinds[pr.Kind] = true
		}
	}
	if len(kinds) < 5 {
		t.Errorf("want several kinds, got %v", kinds)
	}
	if !bytes.Contains(data, []byte("docs/playbook-format.md")) {
		t.Error("the scaffold does not point at the format's documentation")
	}
}

func TestCheckID(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want string // in the error; "" for none
	}{
		{"my-guide", ""},
		{"q3-review", ""},
		{"", "missing id"},
		{"My Guide", `such as "my-guide"`},
		{"a--b", "single dashes"},
		{strings.Repeat("a", 65), "longer than 64"},
		{"x\x1b[31m", "control characters"},
	} {
		err := CheckID(tc.id)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckID(%q) = %v, want nil", tc.id, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckID(%q) = %v, want %q in it", tc.id, err, tc.want)
		}
	}
}

func TestCopyAsEveryBuiltinReadsBack(t *testing.T) {
	names, err := fs.Glob(Builtins(), "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("built-ins: %v %v", names, err)
	}
	for _, name := range names {
		orig, err := ParseFS(Builtins(), name)
		if err != nil {
			t.Fatal(err)
		}
		data, err := CopyAs(orig, "mine")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.HasPrefix(data, []byte("# A copy of the playbook \""+orig.ID+"\"")) {
			t.Errorf("%s: no header naming the original:\n%.200s", name, data)
		}
		cp, err := Parse("mine.yaml", data)
		if err != nil {
			t.Fatalf("%s: the copy does not validate:\n%v", name, err)
		}
		if cp.ID != "mine" || cp.Version != 1 || cp.Title != orig.Title || len(cp.Phases) != len(orig.Phases) {
			t.Errorf("%s: copy is %q v%d %q with %d phases", name, cp.ID, cp.Version, cp.Title, len(cp.Phases))
		}
		if orig.ID == "mine" || orig.Version == 0 {
			t.Errorf("%s: CopyAs changed the original", name)
		}
	}
}

func TestCopyAsKeepsAHostileTitleInItsComment(t *testing.T) {
	p := &Playbook{ID: "x", Title: "Evil\nid: hijack", Version: 2, Phases: []Phase{{ID: "a", Title: "A",
		Prompts: []Prompt{{ID: "q", Kind: KindText, Question: "Q?"}}}}}
	data, err := CopyAs(p, "mine")
	if err != nil {
		t.Fatal(err)
	}
	cp, err := Parse("mine.yaml", data)
	if err != nil {
		t.Fatalf("copy does not parse:\n%v\n%s", err, data)
	}
	if cp.ID != "mine" {
		t.Errorf("id = %q", cp.ID)
	}
	if _, err := CopyAs(p, "Bad Id"); err == nil {
		t.Error("CopyAs accepted a bad id")
	}
}

func TestVersionLabel(t *testing.T) {
	for _, tc := range []struct {
		ran, current int
		want         string
	}{
		{1, 2, "customer-discovery v1 (now v2)"},
		{2, 2, "customer-discovery v2"},
		{2, 0, "customer-discovery v2"},
		{3, 2, "customer-discovery v3 (now v2)"},
		{0, 2, "customer-discovery"},
	} {
		if got := VersionLabel("customer-discovery", tc.ran, tc.current); got != tc.want {
			t.Errorf("VersionLabel(%d, %d) = %q, want %q", tc.ran, tc.current, got, tc.want)
		}
	}
	cat := LoadCatalogue(Builtins(), nil, "")
	if v, ok := cat.CurrentVersion(DefaultID); !ok || v < 1 {
		t.Errorf("CurrentVersion(%s) = %d, %v", DefaultID, v, ok)
	}
	if _, ok := cat.CurrentVersion("nope"); ok {
		t.Error("CurrentVersion knows an unknown id")
	}
}

// BenchmarkLoadCatalogue is what `rapport list` now pays to name current
// versions: the built-ins parsed once per command.
func BenchmarkLoadCatalogue(b *testing.B) {
	for b.Loop() {
		if c := LoadCatalogue(Builtins(), nil, ""); len(c.Problems()) > 0 {
			b.Fatal(c.Problems())
		}
	}
}
