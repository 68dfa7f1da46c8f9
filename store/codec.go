package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"

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
		playbooks.Playbook | int
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
