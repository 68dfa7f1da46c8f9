package playbooks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"reflect"
	"testing"
)

// TestBuiltinParsedCache: the cached parse of every built-in is what
// parsing its YAML gives now, field for field; -update rewrites the cache
// after a built-in changes.
func TestBuiltinParsedCache(t *testing.T) {
	names, err := fs.Glob(Builtins(), "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("built-ins: %v, %v", names, err)
	}
	want := map[string]*Playbook{}
	for _, name := range names {
		data, err := fs.ReadFile(Builtins(), name)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		want[hex.EncodeToString(sum[:])] = p
		if *update {
			continue
		}
		got, ok := parsedBuiltin(data)
		if !ok {
			t.Errorf("%s is not in builtin_parsed.json: run go test ./playbooks -run TestBuiltinParsedCache -update", name)
			continue
		}
		if !reflect.DeepEqual(got, p) {
			t.Errorf("%s: the cached parse differs from parsing the file:\n got %+v\nwant %+v", name, got, p)
		}
	}
	if *update {
		b, err := json.MarshalIndent(want, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("builtin_parsed.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
