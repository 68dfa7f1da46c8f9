package playbooks

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"sync"
)

// builtinParsed is every built-in playbook as parse gives it, as JSON keyed
// by the SHA-256 of its YAML file: decoding it costs a fraction of parsing
// and validating the YAML (~8 ms for the five, on every command that names
// versions or lists playbooks). A file whose bytes are not in it (edited
// without `go test ./playbooks -run TestBuiltinParsedCache -update`) is
// parsed as usual, and that test fails until the cache is rewritten.
//
//go:embed builtin_parsed.json
var builtinParsed []byte

// builtinRaw is builtinParsed split by file, once per process.
var builtinRaw = sync.OnceValue(func() map[string]json.RawMessage {
	var all map[string]json.RawMessage
	_ = json.Unmarshal(builtinParsed, &all) // a broken cache only means parsing
	return all
})

// parsedBuiltin returns a fresh copy of the cached parse of the built-in
// file holding data, if the cache has it.
func parsedBuiltin(data []byte) (*Playbook, bool) {
	sum := sha256.Sum256(data)
	raw, ok := builtinRaw()[hex.EncodeToString(sum[:])]
	if !ok {
		return nil, false
	}
	var p Playbook
	if json.Unmarshal(raw, &p) != nil {
		return nil, false
	}
	return &p, true
}
