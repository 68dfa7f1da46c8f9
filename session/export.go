package session

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"rapport/playbooks"
)

// The JSON export is rapport's backup and exchange format
// (docs/backup-format.md). It names itself and carries a version, so an
// import knows what it holds and a newer file is refused rather than
// misread. The session is written with the field names and nesting of the
// session's own types (their json tags, as the store keeps them), with two
// rules applied to every field wherever it sits: a duration is a number of
// seconds, and a time is RFC 3339 in UTC. A field added to those types is
// therefore in the export, and read back, with no change here.
//
// Versions: 1 wrote durations as nanoseconds and times in the zone they
// were taken in; 2 writes seconds and UTC. Import reads both, and version
// 0 (the draft, shaped as 1), for ever.
const (
	// ExportFormat is the value of the export's "format" field.
	ExportFormat = "rapport.session"
	// ExportVersion is the version this rapport writes and the newest it
	// reads.
	ExportVersion = 2

	// MaxExportBytes is the largest file import reads: far more than any
	// session (a session of 50,000 captures is about 15 MB), and a bound
	// on what a mistaken file (/dev/zero, a disk image) costs.
	MaxExportBytes = 64 << 20
	// MaxTextBytes is the most text one answer, or one capture, may hold
	// (all its fields together). An answer of 100 MB made every keystroke
	// take 30 s; a real one is a few KB, a long paste 1 MB.
	MaxTextBytes = 4 << 20
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

// formatOptions are the JSON options of export version v: encoding/json's
// (version 1) rules for every field, and, from version 2, durations as
// seconds and times in UTC.
func formatOptions(v int) json.Options {
	opts := []json.Options{
		jsonv1.DefaultOptionsV1(),
		jsonv1.ReportErrorsWithLegacySemantics(false), // errors name the field by its JSON path
		json.Deterministic(true),                      // map keys sorted: same session, same bytes
		jsontext.EscapeForHTML(false),                 // & stays &
		jsontext.WithIndent("  "),
	}
	if v >= 2 {
		opts = append(opts,
			json.WithMarshalers(json.JoinMarshalers(
				json.MarshalToFunc(func(enc *jsontext.Encoder, d time.Duration) error {
					return enc.WriteValue(jsontext.Value(secondsText(d)))
				}),
				json.MarshalToFunc(func(enc *jsontext.Encoder, t time.Time) error {
					return enc.WriteToken(jsontext.String(t.UTC().Format(time.RFC3339Nano)))
				}),
			)),
			json.WithUnmarshalers(json.UnmarshalFromFunc(func(dec *jsontext.Decoder, d *time.Duration) error {
				v, err := dec.ReadValue()
				if err != nil {
					return err
				}
				if v.Kind() == 'n' {
					return nil
				}
				if v.Kind() != '0' {
					return errWantSeconds
				}
				*d, err = parseSeconds(string(v))
				return err
			})),
		)
	}
	return json.JoinOptions(opts...)
}

var errWantSeconds = errors.New("want a number of seconds")

// secondsText writes d as a decimal number of seconds, exactly: "8652",
// "8652.25", "0.000000001".
func secondsText(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign = "-"
		if d == -1<<63 {
			return "-9223372036.854775808"
		}
		d = -d
	}
	s := sign + strconv.FormatInt(int64(d/time.Second), 10)
	if ns := int64(d % time.Second); ns != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%09d", ns), "0")
	}
	return s
}

// parseSeconds reads a JSON number of seconds, exactly, to the nanosecond
// (digits beyond are dropped); one a duration cannot hold is refused.
func parseSeconds(s string) (time.Duration, error) {
	// A number of a thousand digits, or 1e999999999, is no duration, and
	// big.Rat would spend time and memory finding that out.
	if len(s) > 40 {
		return 0, fmt.Errorf("%.20s... seconds is out of range", s)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, errWantSeconds
	}
	ns := new(big.Int).Quo(new(big.Int).Mul(r.Num(), big.NewInt(int64(time.Second))), r.Denom())
	if !ns.IsInt64() {
		return 0, fmt.Errorf("%s seconds is out of range", s)
	}
	return time.Duration(ns.Int64()), nil
}

// MarshalExport writes s as an indented, deterministic JSON export of the
// current version (map keys sorted, HTML characters not escaped, a final
// newline). Text is written as stored, not sanitised: the export is a
// backup and keeps what was typed.
func MarshalExport(s *Session) ([]byte, error) {
	if s == nil {
		return nil, errors.New("export: no session")
	}
	out, err := json.Marshal(exportFile{Format: ExportFormat, Version: ExportVersion, Session: s}, formatOptions(ExportVersion))
	if err != nil {
		return nil, fmt.Errorf("export session %s: %w", s.ID, err)
	}
	// No byte of a backup is a control a terminal could act on (`cat
	// export.json`): C1 and bidi controls are written as \u escapes.
	return EscapeJSONControls(append(out, '\n')), nil
}

// UnmarshalExport reads a JSON export of any version: it checks the format
// name, refuses newer versions, and validates the session, each failure as
// one line that says where in the file (line and column, and the field's
// path, such as session.captures[3].at) and what was expected, in words. A
// leading UTF-8 byte order mark is skipped; the session id is read in
// upper case, as rapport writes it. Text is kept as typed (it is sanitised
// when it is shown or written out). The playbook snapshot is checked only
// for what would make the session unusable; see SnapshotWarnings for the
// rest.
func UnmarshalExport(data []byte) (*Session, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if what := notAnObject(data); what != "" {
		return nil, errors.New(what)
	}
	var env struct {
		Format  *string        `json:"format"`
		Version *int           `json:"version"`
		Session jsontext.Value `json:"session"`
		Deleted jsontext.Value `json:"deleted"` // a team repository's mark of a deleted session
	}
	if err := json.Unmarshal(data, &env, formatOptions(1)); err != nil {
		return nil, fmt.Errorf("not a rapport export: %w", readError(data, err, 1))
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
	case (len(env.Session) == 0 || env.Session.Kind() == 'n') && len(env.Deleted) > 0 && env.Deleted.Kind() == '{':
		return nil, errors.New("this file marks a deleted session (a team repository keeps it so the session does not come back): there is nothing in it to import")
	case len(env.Session) == 0 || env.Session.Kind() == 'n':
		return nil, errors.New(`rapport export without a "session"`)
	}
	// The whole file again, so that errors are placed in it, not in the
	// session's part of it.
	var f struct {
		Session Session `json:"session"`
	}
	if err := json.Unmarshal(data, &f, formatOptions(*env.Version)); err != nil {
		return nil, readError(data, err, *env.Version)
	}
	s := &f.Session
	if err := s.Validate(); err != nil {
		return nil, err
	}
	s.ID = strings.ToUpper(s.ID)
	if *env.Version < 2 {
		// Notes were in the client's copy unless marked internal until
		// they became the facilitator's by default, which version 2 came
		// with: an older note is taken as internal, as the store's schema
		// 3 takes the notes it held, so no old note starts showing in a
		// client copy.
		for i := range s.Captures {
			if s.Captures[i].Kind == CaptureNote {
				s.Captures[i].Internal = true
			}
		}
	}
	if err := checkSizes(s); err != nil {
		return nil, fmt.Errorf("session %s: %w", s.ID, err)
	}
	if err := usableSnapshot(&s.Playbook); err != nil {
		return nil, fmt.Errorf("session %s: playbook %q cannot be run: %w", s.ID, PlainLine(s.Playbook.ID), err)
	}
	return s, nil
}

// notAnObject says, as a sentence, what the file holds when it is not one
// JSON object, or "" when it starts like one.
func notAnObject(data []byte) string {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return "not a rapport export: the file is empty"
	}
	switch trimmed[0] {
	case '{':
		return ""
	case '[':
		return "not a rapport export: the file holds a JSON list, and an export is one session, an object that starts " +
			`{"format": "rapport.session"; export --all writes one such file per session (import them with rapport import DIR/*.json)`
	case '"':
		return "not a rapport export: the file holds a JSON string, not an object"
	case 't', 'f', 'n', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "not a rapport export: the file holds a single JSON value, not an object"
	}
	return "not a rapport export: it is not JSON (" + placeOf(data, int64(len(data)-len(trimmed))) + " holds " +
		strconv.QuoteRune(firstRune(trimmed)) + ")"
}

func firstRune(b []byte) rune {
	r, _ := utf8.DecodeRune(b)
	return r
}

// readError makes a JSON error one line about the file: where (line and
// column), which field (its path in the file), and what was wanted, in
// words rather than Go's.
func readError(data []byte, err error, version int) error {
	var syn *jsontext.SyntacticError
	var sem *json.SemanticError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("invalid JSON at %s: %v", placeOf(data, syn.ByteOffset), syn.Err)
	case errors.As(err, &sem):
		where := placeOf(data, sem.ByteOffset)
		path := pathOf(sem.JSONPointer)
		switch {
		case errors.Is(sem.Err, errWantSeconds):
			return fmt.Errorf("%s (%s) should be a number of seconds, not %s", path, where, describeJSON(sem, data))
		case sem.Err != nil && typeIs(sem.GoType, reflect.TypeFor[time.Time]()):
			return fmt.Errorf("%s (%s) should be a time such as 2026-11-25T14:00:00Z, not %s", path, where, describeJSON(sem, data))
		case version >= 2 && sem.Err != nil && typeIs(sem.GoType, reflect.TypeFor[time.Duration]()):
			return fmt.Errorf("%s (%s): %v", path, where, sem.Err)
		}
		return fmt.Errorf("%s (%s) should be %s, not %s", path, where, wantWords(sem.GoType, version), describeJSON(sem, data))
	}
	return err
}

// typeIs reports whether t is want, or a pointer to it.
func typeIs(t, want reflect.Type) bool {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t == want
}

// placeOf is "line L, column C" of a byte offset (columns count characters).
func placeOf(data []byte, off int64) string {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

// pathOf writes a JSON pointer as a path: /session/captures/3/at is
// session.captures[3].at.
func pathOf(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(PlainLine(tok))
	}
	if b.Len() == 0 {
		return "the file"
	}
	return b.String()
}

// wantWords names what a Go type holds, in the export's words.
func wantWords(t reflect.Type, version int) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == nil:
		return "something else"
	case t == reflect.TypeFor[time.Time]():
		return "a time such as 2026-11-25T14:00:00Z"
	case t == reflect.TypeFor[time.Duration]() && version >= 2:
		return "a number of seconds"
	case t == reflect.TypeFor[time.Duration]():
		return "a whole number of nanoseconds"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "something else"
}

// describeJSON says what the file holds where a value was refused: "text
// \"3m\"", "the number 2.5", "a list".
func describeJSON(sem *json.SemanticError, data []byte) string {
	v := sem.JSONValue
	if len(v) == 0 && sem.ByteOffset >= 0 && sem.ByteOffset < int64(len(data)) {
		if got, err := jsontext.NewDecoder(bytes.NewReader(data[sem.ByteOffset:])).ReadValue(); err == nil {
			v = got
		}
	}
	short := func(s string) string {
		s = PlainLine(s)
		if utf8.RuneCountInString(s) > 40 {
			s = string([]rune(s)[:40]) + "..."
		}
		return s
	}
	switch v.Kind() {
	case '"':
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			return "text " + strconv.Quote(short(s))
		}
		return "text"
	case '0':
		return "the number " + short(string(v))
	case 't', 'f':
		return string(v)
	case 'n':
		return "null"
	case '[':
		return "a list"
	case '{':
		return "an object"
	}
	return "something else"
}

// checkSizes refuses an answer or a capture holding more than MaxTextBytes
// of text.
func checkSizes(s *Session) error {
	for key, a := range s.Answers {
		if n := a.TextBytes(); n > MaxTextBytes {
			return fmt.Errorf("answer %q holds %s of text; an answer may hold %s", key, Megabytes(n), Megabytes(MaxTextBytes))
		}
	}
	for i := range s.Captures {
		if n := s.Captures[i].TextBytes(); n > MaxTextBytes {
			return fmt.Errorf("capture %d holds %s of text; a capture may hold %s", i+1, Megabytes(n), Megabytes(MaxTextBytes))
		}
	}
	return nil
}

// usableSnapshot refuses a playbook snapshot the app cannot run a session
// on: no prompts at all, a prompt without an id, or two prompts with one
// id (their answers could not be told apart). Everything else a playbook
// file would be refused for is a warning (SnapshotWarnings): a session
// always opens on the playbook it was run with (DECISIONS.md).
func usableSnapshot(p *playbooks.Playbook) error {
	seen := map[string]bool{}
	for _, ph := range p.Phases {
		for _, pr := range ph.Prompts {
			switch {
			case pr.ID == "":
				return fmt.Errorf("a prompt of phase %q has no id", ph.ID)
			case seen[pr.ID]:
				return fmt.Errorf("two prompts have the id %q", pr.ID)
			}
			seen[pr.ID] = true
		}
	}
	if len(seen) == 0 {
		return errors.New("it has no prompts")
	}
	return nil
}

// SnapshotWarnings checks an imported session's playbook snapshot by the
// rules a playbook file must follow, and returns what they find, one line
// each (sanitised, as the text comes from a file): first the conditions
// that can never hold, with what follows from them, then the rest. The
// session imports all the same: a snapshot may come from an older rapport
// or a hand-edited backup, and the session must still open.
func SnapshotWarnings(p *playbooks.Playbook) []string {
	var out []string
	conds := p.ConditionProblems()
	for _, c := range conds {
		out = append(out, PlainLine(c+"; those prompts stay hidden"))
	}
	err := p.Validate()
	if err == nil {
		return out
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.TrimSpace(line)
		said := line == ""
		for _, c := range conds {
			said = said || strings.Contains(c, line)
		}
		if !said {
			out = append(out, PlainLine(line))
		}
	}
	return out
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

// IDTime is when the session with ULID id was created, read from the
// id's first ten characters (milliseconds since 1970); false when id is
// no ULID. It lets a list name the day of a session it only has the id of.
func IDTime(id string) (time.Time, bool) {
	if !ValidID(id) {
		return time.Time{}, false
	}
	const digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	var ms int64
	for i := 0; i < 10; i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		ms = ms<<5 | int64(strings.IndexByte(digits, c))
	}
	return time.UnixMilli(ms).UTC(), true
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
	if s.Follows != "" && !ValidID(s.Follows) {
		return fmt.Errorf("session %s follows session %q, not a ULID", s.ID, s.Follows)
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
