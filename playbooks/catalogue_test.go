package playbooks

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// small is a valid playbook file with the given id and title.
func small(id, title string) []byte {
	return []byte("id: " + id + "\ntitle: " + title + "\nphases:\n" + one)
}

func builtinFS() fstest.MapFS {
	return fstest.MapFS{
		"zeta.yaml":               {Data: small("zeta", "Zeta")},
		"customer-discovery.yaml": {Data: small("customer-discovery", "Customer discovery")},
		"alpha.yaml":              {Data: small("alpha", "Alpha")},
		"README.md":               {Data: []byte("not a playbook")},
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func ids(ps []*Playbook) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

func problemLines(c *Catalogue) []string {
	var out []string
	for _, p := range c.Problems() {
		out = append(out, strings.Split(p.Error(), "\n")...)
	}
	return out
}

func TestCatalogueMergesBuiltinsAndUserFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"mine.yaml":    string(small("mine", "Mine")),
		"beta.yml":     string(small("beta", "Beta")),
		"notes.txt":    "ignored",
		".draft.yaml":  "id: [broken",
		"UPPER.YAML":   string(small("upper", "Upper")),
		"another.yaml": string(small("another", "Another")),
	})
	if err := os.Mkdir(filepath.Join(dir, "sub.yaml"), 0o700); err != nil {
		t.Fatal(err)
	}
	c := LoadCatalogue(builtinFS(), userFS(dir), dir)
	if p := problemLines(c); len(p) > 0 {
		t.Fatalf("problems: %q", p)
	}
	want := []string{"customer-discovery", "alpha", "zeta", "another", "beta", "mine", "upper"}
	if got := ids(c.All()); !reflect.DeepEqual(got, want) {
		t.Errorf("All() = %q, want %q", got, want)
	}
	if p, ok := c.Get("mine"); !ok || p.Title != "Mine" {
		t.Errorf("Get(mine) = %v, %v", p, ok)
	}
	if _, ok := c.Get("nope"); ok {
		t.Errorf("Get(nope) found something")
	}
	if !c.Builtin("alpha") || c.Builtin("mine") || c.Builtin("nope") {
		t.Errorf("Builtin: alpha %v, mine %v, nope %v", c.Builtin("alpha"), c.Builtin("mine"), c.Builtin("nope"))
	}
	if got, want := c.Path("beta"), filepath.Join(dir, "beta.yml"); got != want {
		t.Errorf("Path(beta) = %q, want %q", got, want)
	}
	if got := c.Path("alpha"); got != "" {
		t.Errorf("Path of a built-in = %q, want empty", got)
	}
}

func TestCatalogueReportsBrokenUserFilesAndLoadsTheRest(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"broken.yaml": "id: broken\ntitle: Broken\nphases:\n  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: longtext, question: Q}\n",
		"syntax.yaml": "id: [unclosed\n",
		"good.yaml":   string(small("good", "Good")),
		"huge.yaml":   string(small("huge", "Huge")) + strings.Repeat("# padding\n", MaxFileSize/10),
	})
	c := LoadCatalogue(builtinFS(), userFS(dir), dir)
	want := []string{
		filepath.Join(dir, "broken.yaml") + `:7:23: unknown kind "longtext"; did you mean long_text?`,
		filepath.Join(dir, "huge.yaml") + `:1:1: file is larger than 1024 KiB, the most a playbook may be`,
		filepath.Join(dir, "syntax.yaml") + `:1:1: YAML syntax: did not find expected ',' or ']'`,
	}
	if got := problemLines(c); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var es Errors
	if !errors.As(c.Problems()[0], &es) || es[0].File != filepath.Join(dir, "broken.yaml") {
		t.Errorf("a broken file's problem is %T, want Errors naming the full path", c.Problems()[0])
	}
	if _, ok := c.Get("good"); !ok {
		t.Errorf("a broken file stopped a good one from loading")
	}
	if _, ok := c.Get("broken"); ok {
		t.Errorf("a broken file was loaded")
	}
}

func TestCatalogueNeverShadowsAPlaybook(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"my-alpha.yaml": string(small("alpha", "My alpha")),
		"a.yaml":        string(small("same", "First")),
		"b.yaml":        string(small("same", "Second")),
	})
	c := LoadCatalogue(builtinFS(), userFS(dir), dir)
	want := []string{
		filepath.Join(dir, "b.yaml") + `:1:5: id "same" is already used by ` + filepath.Join(dir, "a.yaml") + `; this file is not loaded until its id is changed`,
		filepath.Join(dir, "my-alpha.yaml") + `:1:5: id "alpha" is already used by the built-in playbook; this file is not loaded until its id is changed`,
	}
	if got := problemLines(c); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p, _ := c.Get("alpha"); p.Title != "Alpha" || !c.Builtin("alpha") {
		t.Errorf("a user file shadowed the built-in alpha: %+v", p)
	}
	if p, _ := c.Get("same"); p.Title != "First" || c.Path("same") != filepath.Join(dir, "a.yaml") {
		t.Errorf("Get(same) = %+v from %s, want the first file by name", p, c.Path("same"))
	}
	if got := ids(c.All()); !reflect.DeepEqual(got, []string{"customer-discovery", "alpha", "zeta", "same"}) {
		t.Errorf("All() = %q", got)
	}
}

func TestCatalogueWithoutAUserFolder(t *testing.T) {
	for _, dir := range []string{"", filepath.Join(t.TempDir(), "does", "not", "exist")} {
		c := LoadCatalogue(builtinFS(), userFS(dir), dir)
		if p := problemLines(c); len(p) > 0 {
			t.Errorf("LoadCatalogue(%q) problems: %q", dir, p)
		}
		if got := len(c.All()); got != 3 {
			t.Errorf("LoadCatalogue(%q) has %d playbooks, want the 3 built-ins", dir, got)
		}
	}
}

func TestCatalogueReportsAFolderItCannotRead(t *testing.T) {
	file := filepath.Join(t.TempDir(), "playbooks")
	writeFiles(t, filepath.Dir(file), map[string]string{"playbooks": "a file, not a folder"})
	c := LoadCatalogue(builtinFS(), userFS(file), file)
	if got, want := problemLines(c), []string{"user playbooks: " + file + " is not a folder"}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if len(c.All()) != 3 {
		t.Errorf("the built-ins did not load")
	}

	// A path through a file cannot be read for another reason than being
	// missing, whoever runs the test.
	through := filepath.Join(file, "sub")
	c = LoadCatalogue(builtinFS(), userFS(through), through)
	if p := problemLines(c); len(p) != 1 || !strings.HasPrefix(p[0], "user playbooks: cannot read "+through+": ") {
		t.Errorf("problems = %q", p)
	}

	if os.Geteuid() == 0 {
		t.Skip("root reads any folder; the permission case cannot be shown")
	}
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked")
	if err := os.Mkdir(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(locked, 0o700) })
	c = LoadCatalogue(builtinFS(), userFS(locked), locked)
	if p := problemLines(c); len(p) != 1 || !strings.Contains(p[0], "cannot read "+locked) {
		t.Errorf("problems = %q", p)
	}
}

func TestCatalogueReportsABrokenBuiltin(t *testing.T) {
	b := builtinFS()
	b["broken.yaml"] = &fstest.MapFile{Data: []byte("id: broken\n")}
	c := LoadCatalogue(b, nil, "")
	want := []string{
		"builtin/broken.yaml:1:1: playbook is missing title",
		"builtin/broken.yaml:1:1: playbook has no phases; add at least one with its prompts",
	}
	if got := problemLines(c); !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
}

func TestCatalogueOfTheEmbeddedBuiltins(t *testing.T) {
	c := LoadCatalogue(Builtins(), nil, "")
	if p := problemLines(c); len(p) > 0 {
		t.Fatalf("built-ins have problems: %q", p)
	}
	all := c.All()
	if len(all) == 0 {
		t.Fatal("no built-ins")
	}
	if _, ok := c.Get(DefaultID); ok && all[0].ID != DefaultID {
		t.Errorf("All() starts with %s, want the default %s", all[0].ID, DefaultID)
	}
	for _, p := range all {
		if !c.Builtin(p.ID) || c.Path(p.ID) != "" {
			t.Errorf("%s: Builtin %v, Path %q", p.ID, c.Builtin(p.ID), c.Path(p.ID))
		}
	}
}

func TestCatalogueReportsAFileItCannotOpen(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "gone.yaml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	writeFiles(t, dir, map[string]string{"good.yaml": string(small("good", "Good"))})
	c := LoadCatalogue(builtinFS(), userFS(dir), dir)
	p := problemLines(c)
	if len(p) != 1 || !strings.HasPrefix(p[0], filepath.Join(dir, "link.yaml")+": cannot read: ") || !errors.Is(c.Problems()[0], os.ErrNotExist) {
		t.Errorf("problems = %q", p)
	}
	if _, ok := c.Get("good"); !ok {
		t.Errorf("an unreadable file stopped a good one from loading")
	}
}

// userFS opens dir as the command line does: through its parent, so a file
// in the folder's place is seen as one.
func userFS(dir string) fs.FS {
	if dir == "" {
		return nil
	}
	sub, err := fs.Sub(os.DirFS(filepath.Dir(dir)), filepath.Base(dir))
	if err != nil {
		return os.DirFS(dir)
	}
	return sub
}
