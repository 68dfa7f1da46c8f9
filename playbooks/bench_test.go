package playbooks

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkParse measures loading a typical playbook, which happens for
// every built-in and user file each time the app or a command starts.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/full.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("full.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseAliasBomb shows that a hostile file costs a bounded amount.
func BenchmarkParseAliasBomb(b *testing.B) {
	var s strings.Builder
	s.WriteString("id: t\ntitle: T\nphases:\n  - &p\n    id: p\n    title: P\n    prompts:\n      - &q {id: q, kind: text, question: Q}\n")
	for range 1000 {
		s.WriteString("      - *q\n")
	}
	for range 1000 {
		s.WriteString("  - *p\n")
	}
	data := []byte(s.String())
	for b.Loop() {
		if _, err := Parse("bomb.yaml", data); err == nil {
			b.Fatal("accepted")
		}
	}
}
