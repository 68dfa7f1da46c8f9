package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The JSON export is rapport's backup and exchange format. It names itself
// and carries a version, so an import knows what it holds and a newer file
// is refused rather than misread.
const (
	// ExportFormat is the value of the export's "format" field.
	ExportFormat = "rapport.session"
	// ExportVersion is the version this rapport writes and the newest it
	// reads.
	ExportVersion = 1
)

// ErrNewerExport is wrapped by UnmarshalExport when the file was written by
// a newer rapport, so the command line can suggest upgrading.
var ErrNewerExport = errors.New("made by a newer rapport")

// exportFile is the export's envelope.
type exportFile struct {
	Format  string   `json:"format"`
	Version int      `json:"version"`
	Session *Session `json:"session"`
}

// MarshalExport writes s as an indented, deterministic JSON export (map
// keys sorted, HTML characters not escaped, a final newline). Text is
// written as stored, not sanitised: the export is a backup and keeps what
// was typed; the controls a terminal would act on are written as \u
// escapes (EscapeJSONControls), so the file is safe to cat.
func MarshalExport(s *Session) ([]byte, error) {
	if s == nil {
		return nil, errors.New("export: no session")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(exportFile{Format: ExportFormat, Version: ExportVersion, Session: s}); err != nil {
		return nil, fmt.Errorf("export session %s: %w", s.ID, err)
	}
	return EscapeJSONControls(buf.Bytes()), nil
}

// migrations[v] turns the session object of a version v export into
// version v+1, field by field, so an old backup still imports.
var migrations = []func(map[string]json.RawMessage) error{
	migrate0to1,
}

// migrate0to1 upgrades the draft format (version 0) to version 1. The two
// have the same shape; the step is here so the next change of shape has a
// tested place to go, and so a version 0 file is read on purpose rather
// than by accident.
func migrate0to1(_ map[string]json.RawMessage) error {
	return nil
}

// UnmarshalExport reads a JSON export: it checks the format name, migrates
// older versions, refuses newer ones, and validates the session, each
// failure as one clear line. Text is kept as typed (it is sanitised when
// it is shown or written out).
func UnmarshalExport(data []byte) (*Session, error) {
	var env struct {
		Format  *string         `json:"format"`
		Version *int            `json:"version"`
		Session json.RawMessage `json:"session"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, fmt.Errorf("not a rapport export: %w", jsonError(err))
	}
	switch {
	case env.Format == nil:
		return nil, errors.New(`not a rapport export: no "format" field`)
	case *env.Format != ExportFormat:
		return nil, fmt.Errorf("not a rapport session export: format is %q, want %q", *env.Format, ExportFormat)
	case env.Version == nil:
		return nil, errors.New(`rapport export without a "version" field`)
	case *env.Version > ExportVersion:
		return nil, fmt.Errorf("%w: format version %d, this one reads up to %d", ErrNewerExport, *env.Version, ExportVersion)
	case *env.Version < 0:
		return nil, fmt.Errorf("rapport export with an impossible format version %d", *env.Version)
	case len(env.Session) == 0 || string(env.Session) == "null":
		return nil, errors.New(`rapport export without a "session"`)
	}
	raw := env.Session
	if *env.Version < ExportVersion {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("rapport export: session is not an object: %w", jsonError(err))
		}
		for v := *env.Version; v < ExportVersion; v++ {
			if err := migrations[v](m); err != nil {
				return nil, fmt.Errorf("rapport export: migrate from version %d: %w", v, err)
			}
		}
		var err error
		if raw, err = json.Marshal(m); err != nil {
			return nil, fmt.Errorf("rapport export: migrate: %w", err)
		}
	}
	var s Session
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("rapport export: session: %w", jsonError(err))
	}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("rapport export: %w", err)
	}
	return &s, nil
}

// jsonError makes encoding/json's errors read as one line about the file.
func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("invalid JSON at byte %d: %w", syn.Offset, err)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "value"
		}
		return fmt.Errorf("%s should be %s, not %s (byte %d): %w", field, typ.Type, typ.Value, typ.Offset, err)
	}
	return err
}

// ValidID reports whether id looks like a ULID: 26 characters of
// Crockford's base 32, the first no more than 7. Sessions sort by it, and
// the store keys on it.
func ValidID(id string) bool {
	if len(id) != 26 || id[0] > '7' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		switch {
		case c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U':
		default:
			return false
		}
	}
	return true
}

// Validate checks what an import must not let in: a session the store
// cannot key, the summary cannot place, or the app would misread. It
// returns the first problem as one line.
func (s *Session) Validate() error {
	switch {
	case s.ID == "":
		return errors.New("session has no id")
	case !ValidID(s.ID):
		return fmt.Errorf("session id %q is not a ULID (26 letters and digits)", s.ID)
	case strings.TrimSpace(s.Client) == "":
		return fmt.Errorf("session %s has no client", s.ID)
	case s.Playbook.ID == "":
		return fmt.Errorf("session %s has no playbook id", s.ID)
	case s.Status != StatusInProgress && s.Status != StatusFinished:
		return fmt.Errorf("session %s has unknown status %q (want in_progress or finished)", s.ID, s.Status)
	}
	for key, a := range s.Answers {
		if err := validateAnswer(key, a); err != nil {
			return fmt.Errorf("session %s: %w", s.ID, err)
		}
	}
	seen := make(map[string]bool, len(s.Captures))
	for i, c := range s.Captures {
		if err := validateCapture(c); err != nil {
			return fmt.Errorf("session %s: capture %d: %w", s.ID, i+1, err)
		}
		if seen[c.ID] {
			return fmt.Errorf("session %s: capture id %q is used twice", s.ID, c.ID)
		}
		seen[c.ID] = true
	}
	items := make(map[string]bool, len(s.Roadmap))
	for i, it := range s.Roadmap {
		switch {
		case it.ID == "":
			return fmt.Errorf("session %s: roadmap item %d has no id", s.ID, i+1)
		case items[it.ID]:
			return fmt.Errorf("session %s: roadmap item id %q is used twice", s.ID, it.ID)
		case !it.Horizon.Valid():
			return fmt.Errorf("session %s: roadmap item %q has unknown horizon %q (want now, next or later)", s.ID, it.ID, it.Horizon)
		}
		items[it.ID] = true
	}
	for i, r := range s.Carried {
		switch {
		case !ValidID(r.Session):
			return fmt.Errorf("session %s: carried item %d names session %q, not a ULID", s.ID, i+1, r.Session)
		case r.Item == "":
			return fmt.Errorf("session %s: carried item %d has no item id", s.ID, i+1)
		case !r.Kind.Closes():
			return fmt.Errorf("session %s: carried item %d has kind %q (want action or followup)", s.ID, i+1, r.Kind)
		}
	}
	return nil
}

func validateAnswer(key string, a *Answer) error {
	if a == nil {
		return fmt.Errorf("answer %q is null", key)
	}
	if a.PromptID != key {
		return fmt.Errorf("answer stored under %q is for prompt %q", key, a.PromptID)
	}
	switch a.State {
	case StateOpen, StateAnswered, StateSkipped, StateParked, StateNotApplicable:
	default:
		return fmt.Errorf("answer %q has unknown state %q", key, a.State)
	}
	if a.Rating < 0 || a.Rating > 5 {
		return fmt.Errorf("answer %q: rating %d is outside 1..5", key, a.Rating)
	}
	for i, st := range a.Stages {
		if st.Feeling < -2 || st.Feeling > 2 {
			return fmt.Errorf("answer %q: journey stage %d: feeling %d is outside -2..+2", key, i+1, st.Feeling)
		}
	}
	for i, e := range a.Ledger {
		if e.Kind != Deposit && e.Kind != Withdrawal {
			return fmt.Errorf("answer %q: ledger entry %d has unknown kind %q (want deposit or withdrawal)", key, i+1, e.Kind)
		}
		if e.Amount < 0 || e.Amount > 5 {
			return fmt.Errorf("answer %q: ledger entry %d: amount %d is outside 1..5", key, i+1, e.Amount)
		}
	}
	return nil
}

func validateCapture(c Capture) error {
	if c.ID == "" {
		return errors.New("no id")
	}
	if _, ok := LookupCaptureKind(c.Kind); !ok {
		return fmt.Errorf("%s has unknown kind %q", c.ID, c.Kind)
	}
	if c.Impact < 0 || c.Impact > 5 {
		return fmt.Errorf("%s: impact %d is outside 1..5", c.ID, c.Impact)
	}
	if c.Effort < 0 || c.Effort > 5 {
		return fmt.Errorf("%s: effort %d is outside 1..5", c.ID, c.Effort)
	}
	if c.At < 0 {
		return fmt.Errorf("%s: negative session clock %v", c.ID, c.At)
	}
	if c.Done != "" {
		if _, err := time.Parse(DateLayout, c.Done); err != nil {
			return fmt.Errorf("%s: done date %q is not YYYY-MM-DD", c.ID, c.Done)
		}
	}
	return nil
}
