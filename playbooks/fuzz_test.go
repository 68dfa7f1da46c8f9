package playbooks

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse feeds the loader arbitrary files: it must never panic, every
// problem must have a place in the file and fit on one line, and a file it
// accepts must pass Validate and survive a round trip through Marshal.
func FuzzParse(f *testing.F) {
	builtins, _ := filepath.Glob("builtin/*.yaml")
	for _, name := range append([]string{"testdata/full.yaml", "testdata/many-mistakes.yaml"}, builtins...) {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(head + one))
	f.Add([]byte("id: t\ntitle: T\nphases: &x\n  - id: p\n    title: P\n    prompts: *x\n"))
	f.Add([]byte("{id: t, title: T, phases: [{id: p, title: P, timebox: 1h, prompts: [{id: q, kind: rating, question: Q, flag: {when: <3, say: s}}]}]}"))
	f.Add([]byte("id: t\ntitle: \"\\u202e\\0\"\nphases:\n" + one))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("f.yaml", data)
		if err != nil {
			if p != nil {
				t.Fatal("a playbook returned with errors")
			}
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %T %v is not a non-empty Errors", err, err)
			}
			for _, e := range es {
				if e.File != "f.yaml" || e.Line < 1 || e.Col < 1 || e.Msg == "" || strings.ContainsAny(e.Msg, "\n\r") {
					t.Fatalf("badly placed or shaped error %#v", e)
				}
				if strings.HasPrefix(e.Msg, internalError) {
					t.Fatalf("parser panicked: %s", e.Msg)
				}
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("a parsed playbook fails Validate: %v", err)
		}
		out, err := Marshal(p)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		q, err := Parse("again.yaml", out)
		if err != nil {
			t.Fatalf("Marshal wrote a file Parse refuses: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip changed the playbook:\n%+v\n%+v", p, q)
		}
	})
}
