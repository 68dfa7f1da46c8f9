package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"rapport/playbooks"
	"rapport/session"
)

// recordVersion is the version byte in front of every stored value. Raise it
// (and teach decode the old one) when a record's JSON changes incompatibly.
const recordVersion byte = 1

// errUnknownVersion marks a record written by a newer rapport.
var errUnknownVersion = errors.New("unknown record version")

// storedCapture is a capture with its position in the session.
type storedCapture struct {
	Seq uint64 `json:"seq"`
	session.Capture
}

// storedRoadmap is a roadmap item with its position in the session.
type storedRoadmap struct {
	Seq uint64 `json:"seq"`
	session.RoadmapItem
}

// record lists every kind of value the store keeps, for decode's messages
// and for the fuzz target.
type record interface {
	session.Header | session.Index | session.Answer | storedCapture | storedRoadmap |
		[]session.Ref | playbooks.Playbook | int | session.Tombstone
}

// encode turns v into a stored value: the version byte, then JSON.
func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	out := make([]byte, 0, len(b)+1)
	out = append(out, recordVersion)
	return append(out, b...), nil
}

// decode reads a stored value of kind (for messages) into a fresh T. It
// never panics, and it refuses an empty value, an unknown version or JSON
// that does not fit T. The result shares no memory with data, so it is safe
// to keep after the transaction that read data has ended.
func decode[T record](kind string, data []byte) (T, error) {
	var v T
	if len(data) == 0 {
		return v, fmt.Errorf("%s record is empty", kind)
	}
	if data[0] != recordVersion {
		return v, fmt.Errorf("%s record has version %d; this rapport reads version %d: %w",
			kind, data[0], recordVersion, errUnknownVersion)
	}
	if err := json.Unmarshal(data[1:], &v); err != nil {
		return v, fmt.Errorf("%s record: %w", kind, err)
	}
	return v, nil
}

// storableAnswer makes a copy of a that JSON can hold: a NaN or infinite
// number (which JSON cannot express, and which would fail every save
// forever) is stored as no number.
func storableAnswer(a session.Answer) session.Answer {
	if a.Number != nil && (math.IsNaN(*a.Number) || math.IsInf(*a.Number, 0)) {
		a.Number = nil
	}
	return a
}

// decodeIndex is decode for index records, which listing reads by the
// thousand: it parses the flat JSON that encode writes without reflection,
// and hands anything else (escapes, unknown keys, null, odd numbers) to
// decode, so the result is always what decode would give. FuzzDecode
// checks that the two agree.
func decodeIndex(data []byte) (session.Index, error) {
	return decodeIndexIn(data, "", nil)
}

// decodeIndexIn is decodeIndex for a listing: the record's id is taken from
// id (its key, already a string) when they match, and its other strings
// from in, so 10,000 records cost one allocation each instead of six and
// share their clients', playbooks' and statuses' text.
func decodeIndexIn(data []byte, id string, in interner) (session.Index, error) {
	if len(data) > 0 && data[0] == recordVersion {
		if ix, ok := fastIndexIn(data[1:], id, in); ok {
			return ix, nil
		}
	}
	return decode[session.Index]("index", data)
}

// interner hands out one copy of each distinct string it is given (up to
// maxInterned of them), so that the index records of one listing share the
// text their sessions repeat. A nil interner copies every time.
type interner map[string]string

// maxInterned bounds an interner: past it (a store where every client is
// new) strings are copied as usual rather than kept in the map too.
const maxInterned = 4096

func (in interner) str(b []byte) string {
	if in == nil {
		return string(b)
	}
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in) < maxInterned {
		in[s] = s
	}
	return s
}

// fastIndex parses b as a session.Index if it only holds plain strings,
// whole numbers and RFC 3339 times under the exact field names.
func fastIndex(b []byte) (ix session.Index, ok bool) {
	return fastIndexIn(b, "", nil)
}

// fastIndexIn is fastIndex taking the id from id when it matches and the
// other strings from in (see decodeIndexIn).
func fastIndexIn(b []byte, id string, in interner) (ix session.Index, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return ix, false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return ix, skipSpace(b, i+1) == len(b)
	}
	for {
		var key []byte
		if key, i, ok = plainString(b, i); !ok {
			return ix, false
		}
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ':' {
			return ix, false
		}
		i = skipSpace(b, i+1)
		var str []byte
		var num int
		switch string(key) {
		case "id", "client", "playbook", "playbook_title", "status", "created", "updated", "with", "follows":
			str, i, ok = plainString(b, i)
		case "playbook_version", "answered", "total":
			num, i, ok = plainInt(b, i)
		default:
			return ix, false
		}
		if !ok {
			return ix, false
		}
		switch string(key) {
		case "id":
			if id != "" && string(str) == id {
				ix.ID = id
			} else {
				ix.ID = string(str)
			}
		case "client":
			ix.Client = in.str(str)
		case "playbook":
			ix.Playbook = in.str(str)
		case "playbook_title":
			ix.PlaybookTitle = in.str(str)
		case "status":
			ix.Status = session.Status(in.str(str))
		case "created":
			if ix.Created.UnmarshalText(str) != nil {
				return ix, false
			}
		case "updated":
			if ix.Updated.UnmarshalText(str) != nil {
				return ix, false
			}
		case "with":
			ix.With = string(str)
		case "follows":
			ix.Follows = string(str)
		case "playbook_version":
			ix.PlaybookVersion = num
		case "answered":
			ix.Answered = num
		case "total":
			ix.Total = num
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return ix, false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return ix, skipSpace(b, i+1) == len(b)
		default:
			return ix, false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// plainString reads a JSON string at b[i] that has no escapes, no control
// characters and only valid UTF-8 (what needs no decoding), returning its
// bytes (a view of b) and the index after it.
func plainString(b []byte, i int) ([]byte, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, i, false
	}
	start := i + 1
	ascii := true
	for j := start; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			s := b[start:j]
			if !ascii && !utf8.Valid(s) {
				return nil, i, false
			}
			return s, j + 1, true
		case c == '\\' || c < 0x20:
			return nil, i, false
		case c >= 0x80:
			ascii = false
		}
	}
	return nil, i, false
}

// plainInt reads a JSON whole number that fits an int.
func plainInt(b []byte, i int) (int, int, bool) {
	j := i
	if j < len(b) && b[j] == '-' {
		j++
	}
	digits := j
	for j < len(b) && b[j] >= '0' && b[j] <= '9' {
		j++
	}
	if j == digits || j-digits > 18 || (b[digits] == '0' && j-digits > 1) {
		return 0, i, false
	}
	if j < len(b) && (b[j] == '.' || b[j] == 'e' || b[j] == 'E') {
		return 0, i, false
	}
	n, err := strconv.Atoi(string(b[i:j]))
	if err != nil {
		return 0, i, false
	}
	return n, j, true
}
