package teamsync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"rapport/session"
)

// A session file of the team repository is the session's JSON export
// (docs/backup-format.md), whose bytes are fixed by the session: keys
// sorted, lists in the session's order, times in UTC, so the same session
// is always the same file and git sees only real changes. A deleted
// session's file stays, holding only the mark of its deletion, so that a
// copy of the session elsewhere does not bring it back:
//
//	{
//	  "format": "rapport.session",
//	  "version": 2,
//	  "deleted": {"id": "01J...", "of": "session", "at": "2026-12-01T10:00:00Z", "author": "Ana"}
//	}

// deletedFile is the envelope of a deleted session's file.
type deletedFile struct {
	Format  string             `json:"format"`
	Version int                `json:"version"`
	Deleted *session.Tombstone `json:"deleted"`
}

// ReadFile reads a session file: the session, or the mark of its deletion.
// Empty data is an absent file.
func ReadFile(data []byte) (Version, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return Version{}, nil
	}
	var probe struct {
		Deleted *session.Tombstone `json:"deleted"`
	}
	if err := json.Unmarshal(data, &probe); err == nil && probe.Deleted != nil {
		t := *probe.Deleted
		if !session.ValidID(t.ID) {
			return Version{}, fmt.Errorf("the mark of a deleted session names %q, not a session id", t.ID)
		}
		t.At = t.At.UTC()
		return Version{Gone: &t}, nil
	}
	s, err := session.UnmarshalExport(data)
	if err != nil {
		return Version{}, err
	}
	return Version{Session: s}, nil
}

// WriteFile is the file for v; nil for an absent one.
func WriteFile(v Version) ([]byte, error) {
	switch {
	case v.Session != nil:
		return session.MarshalExport(v.Session)
	case v.Gone != nil:
		t := *v.Gone
		t.Of = session.TombstoneSession
		t.At = t.At.UTC()
		b, err := json.MarshalIndent(deletedFile{Format: session.ExportFormat, Version: session.ExportVersion, Deleted: &t}, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("write the mark of deleted session %s: %w", t.ID, err)
		}
		return session.EscapeJSONControls(append(b, '\n')), nil
	}
	return nil, nil
}

// errNoFile is returned by MergeFiles when no side holds the session.
var errNoFile = errors.New("no side holds the session")

// MergeFiles merges three copies of a session file (base empty when the two
// sides made theirs apart) and returns the merged file: the merge driver's
// work, and sync's. Where the bytes already say which side changed, they
// are taken as they are, without reading them.
func MergeFiles(base, ours, theirs []byte) ([]byte, Report, error) {
	switch {
	case bytes.Equal(ours, theirs), bytes.Equal(base, theirs):
		return ours, Report{}, nil
	case bytes.Equal(base, ours):
		return theirs, Report{}, nil
	}
	var vs [3]Version
	for i, data := range [][]byte{base, ours, theirs} {
		v, err := ReadFile(data)
		if err != nil {
			return nil, Report{}, fmt.Errorf("%s: %w", [3]string{"the common version", "this side's version", "the other side's version"}[i], err)
		}
		vs[i] = v
	}
	m, rep := Merge(vs[0], vs[1], vs[2])
	if m.absent() {
		return nil, rep, errNoFile
	}
	out, err := WriteFile(m)
	return out, rep, err
}
