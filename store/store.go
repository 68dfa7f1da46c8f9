// Package store keeps rapport's sessions in one bbolt file, so every answer
// typed is on disk moments later and survives a crash, a kill or a closed
// window. It knows bbolt and the session types, nothing of screens: the UI
// hands it session.Edits through an ordered Writer that never blocks a
// keystroke.
//
// # Layout
//
// The file holds five top-level buckets, all created in one Update at open
// (and a sixth, sync, once the store joins a team):
//
//	meta      schema       -> the schema version (an int); migrations run in order at open
//	sessions  <id>         -> one bucket per session, holding:
//	            playbook/      -> a bucket holding "snapshot": the playbooks.Playbook the
//	                              session runs (written once; a bucket of its own so that
//	                              saves never rewrite its pages)
//	            a/<prompt id>  -> session.Answer
//	            c/<capture id> -> session.Capture plus its position ("seq")
//	            r/<roadmap id> -> session.RoadmapItem plus its position ("seq")
//	            t/<of>/<id>    -> session.Tombstone: a capture or roadmap item deleted
//	                              (of: capture or roadmap), cleared when it is put back
//	            carried        -> []session.Ref: the actions and follow-up questions
//	                              carried over from earlier sessions (written with the
//	                              session, which never changes them; absent when none)
//	          <id> 0x00    -> session.Index, the small record listing reads
//	          <id> 0x01    -> session.Header (rewritten on every save)
//	recent    <order key>  -> a copy of the session's index record, keyed by its last
//	                          change (orderKey: time, then id); the bucket's sequence
//	                          is the number of sessions
//	refs      <kind><folded text> 0x00 <id> -> a session found by its id ('i'), its
//	                          client's name ('c') or a word of it ('w'); a 'c' key holds
//	                          a copy of the session's index record, the others nothing
//	prefs     <key>        -> a small setting remembered between runs (a string)
//	sync      (only in a store that joined a team repository; see sync.go) what a
//	          team sync needs: per session the file last agreed with the repository,
//	          a mark of change since, and sessions deleted here
//
// The index record and the header live beside the session's bucket rather
// than in a bucket of their own or inside it: their keys sort right after
// <id>, so they share the page that holds that bucket's root, which every
// save rewrites anyway (bbolt copies each changed page and its parents). A
// keystroke thus rewrites about 6 pages (7 with 1,000 answers) instead of 9
// to 23, and moving the cursor or ticking the clock about 4, plus the page
// of recent that the session's record moves on (the last one, for the
// session being worked on) and its parent. Session ids hold no control
// characters, so no id can be mistaken for another session's index or
// header key.
//
// recent and refs are indexes: nothing is in them that is not beside the
// sessions' buckets, and every write that changes an index record keeps
// them right in the same transaction (indexBuckets.putIndex and dropIndex,
// used by Create, Put, Apply and Delete). Listing reads recent from its
// end, so the newest screenful is one page whatever the size of the store
// (ListNewest) and the whole list comes in order from contiguous pages
// (List). A REF is looked up in refs (Resolve) instead of reading every
// record. Folded text (fold) matches whatever the case; what it finds is
// checked against the record itself.
//
// A save touches the header, the index record and the one key it names, so
// its cost does not grow with the session. Every value is one version byte followed by JSON (see encode and
// decode), so a record written by a later rapport is refused clearly rather
// than misread. Captures and roadmap items keep their order with a position
// taken from the session bucket's sequence, because their ids need not sort
// by creation (imports, hand-made ids).
//
// # Schema versions and migrations
//
// Schema 1 is the layout without recent and refs; schema 2 added them
// (migrateOrder); schema 5 put the index record in each client's name key
// of refs (migrateOrder again). Open runs the migrations a store lacks, in order, in one
// transaction, after copying the store as it was into its backups folder
// (backups/rapport-schema-N.db, which the daily backups never remove), so
// the rapport that wrote it can still read that copy: an older rapport
// refuses a store of a newer schema. A store at the current schema is only
// read at open.
//
// # Adding a field to the index record
//
// session.Index is what the library and `rapport list` show. To add a
// field: add it to session.Index (with omitempty, so records written before
// still decode, to the zero value) and to Session.Index; teach fastIndexIn
// the new key (FuzzDecode holds it to encoding/json). Records are rewritten
// whole on the next save of their session. If sessions stored before must
// show the field at once, append a migration to defaultMigrations that
// runs reindexAll, which rebuilds every record (and recent and refs) from
// its session; it reads every session whole, once.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/adrg/xdg"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Bucket names. Package-level so that every transaction spells them the same.
var (
	bucketMeta     = []byte("meta")
	bucketSessions = []byte("sessions")

	// allBuckets is every top-level bucket of the current layout.
	allBuckets = [][]byte{bucketMeta, bucketSessions, bucketPrefs, bucketRecent, bucketRefs}

	keySchema = []byte("schema")
	// The playbook snapshot sits in a bucket of its own inside the session
	// bucket, so its pages (tens of KB for a big playbook) are never
	// rewritten along with the header a save changes beside it.
	bucketPlaybook = []byte("playbook")
	keySnapshot    = []byte("snapshot")
	// keyCarried holds a session's references to items of earlier
	// sessions, in its bucket beside the answers and captures.
	keyCarried = []byte("carried")
)

// Key prefixes inside a session bucket.
const (
	prefixAnswer  = "a/"
	prefixCapture = "c/"
	prefixRoadmap = "r/"
	// prefixTombstone + kind + "/" + id: the mark of a deleted capture
	// or roadmap item (session.Tombstone), so that a team sync does not
	// bring it back.
	prefixTombstone = "t/"
)

// lockTimeout bounds the wait for another process's lock, so a second
// rapport on the same store fails within 2 seconds instead of hanging.
const lockTimeout = time.Second

// Sentinel errors, for callers that branch on what went wrong. The errors
// returned wrap them and carry a one-line message naming the store or session.
var (
	// ErrNotFound: no session with that id, prefix or client.
	ErrNotFound = errors.New("not found")
	// ErrAmbiguous: a reference matches several sessions.
	ErrAmbiguous = errors.New("ambiguous")
	// ErrExists: a session with that id is already stored.
	ErrExists = errors.New("already exists")
	// ErrInUse: another process holds the store.
	ErrInUse = errors.New("in use")
	// ErrCorrupt: the file is not a readable rapport store; it is left untouched.
	ErrCorrupt = errors.New("corrupt")
	// ErrNewerSchema: the store was written by a newer rapport.
	ErrNewerSchema = errors.New("newer schema")
	// ErrNoStore: there is no store at the path, and Options.MustExist
	// said not to create one.
	ErrNoStore = errors.New("no store")
)

// storeError is an error with a complete one-line message that still
// matches its sentinel with errors.Is.
type storeError struct {
	kind error
	msg  string
}

func (e *storeError) Error() string { return e.msg }
func (e *storeError) Unwrap() error { return e.kind }

func errorf(kind error, format string, args ...any) error {
	return &storeError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// corruptError says the file at path cannot be used and how to recover.
func corruptError(path, why string) error {
	return errorf(ErrCorrupt,
		"store %s cannot be read: %s; it was left untouched: restore a copy from %s (or move the file aside to start afresh)",
		path, why, filepath.Join(filepath.Dir(path), "backups"))
}

// Store is rapport's session store: one bbolt file held open, and exclusively
// locked, for as long as the app runs. Its methods are safe for concurrent use.
type Store struct {
	db   *bolt.DB
	path string
	// notices says what Open changed or found worth saying about the
	// file's permissions, for the command line to print.
	notices []string
}

// DefaultPath is where the store lives unless --db or RAPPORT_DB say
// otherwise: $XDG_DATA_HOME/rapport/rapport.db.
func DefaultPath() string {
	return filepath.Join(xdg.DataHome, "rapport", "rapport.db")
}

// Open opens the store at path, creating the folder (0700) and the file
// (0600) if missing. It fails with ErrInUse within about a second when
// another process holds the store, with ErrCorrupt when the file is empty,
// truncated, not a bbolt file or damaged (never writing to it), and with
// ErrNewerSchema when a newer rapport wrote it. Migrations run in order.
func Open(path string) (*Store, error) {
	return openWith(path, defaultMigrations())
}

// Options change how OpenWith opens a store.
type Options struct {
	// MustExist refuses to create a missing store (or its folder): the
	// error is ErrNoStore, naming the path. Commands that only read use
	// it, so a mistyped --db never leaves an empty store behind.
	MustExist bool
	// LockTimeout is how long to wait for another process's lock before
	// failing with ErrInUse; zero means about a second. Shell completion
	// waits less: it gives up rather than keep a tab press waiting.
	LockTimeout time.Duration
}

// OpenWith is Open with options.
func OpenWith(path string, o Options) (*Store, error) {
	return open(path, defaultMigrations(), o)
}

// openWith is Open with a migration registry, so tests can add migrations.
func openWith(path string, migs []migration) (*Store, error) {
	return open(path, migs, Options{})
}

func open(path string, migs []migration, o Options) (*Store, error) {
	if err := checkMigrations(migs); err != nil {
		return nil, err
	}
	if err := checkPath(path); err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = lockTimeout
	}
	// A pipe, a device or a folder is refused before anything opens it:
	// opening a FIFO blocks until someone writes to it, for ever.
	info, statErr := os.Stat(path)
	if statErr == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("open store %s: %s, not a regular file; give the path of a store file", path, fileKind(info.Mode()))
	}
	if o.MustExist {
		if errors.Is(statErr, fs.ErrNotExist) {
			return nil, noStoreError(path)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := precheck(path, o.LockTimeout); err != nil {
		return nil, err
	}
	db, err := openBolt(path, o)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path}
	if err := s.prepare(migs); err != nil {
		_ = db.Close()
		return nil, err
	}
	// Only a file known to be a store is made private: anything refused
	// above is left exactly as it was, mode included.
	s.notices = append(s.notices, privatise(path)...)
	return s, nil
}

// openBolt opens the (already checked) file with bbolt, turning a lock
// timeout into ErrInUse and a panic into ErrCorrupt. With o.MustExist the
// file is never created, even if it went away since it was checked.
func openBolt(path string, o Options) (db *bolt.DB, err error) {
	var file *os.File
	defer func() {
		if r := recover(); r != nil {
			// bbolt gave up half-way: release the file (and its lock) ourselves.
			if file != nil {
				_ = file.Close()
			}
			db, err = nil, corruptError(path, fmt.Sprint(r))
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{
		Timeout: o.LockTimeout,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			if o.MustExist {
				flag &^= os.O_CREATE
			}
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	})
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, inUseError(path)
	case o.MustExist && errors.Is(err, fs.ErrNotExist):
		return nil, noStoreError(path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, corruptError(path, err.Error())
	default:
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
}

func noStoreError(path string) error {
	return errorf(ErrNoStore, "no store at %s", path)
}

func inUseError(path string) error {
	return errorf(ErrInUse, "store %s is in use by another rapport (close it first)", path)
}

// checkPath refuses a store path that cannot be meant: empty or blank
// (--db " "), or "-", which names standard input or output everywhere
// else and would here create a file called "-".
func checkPath(path string) error {
	switch {
	case strings.TrimSpace(path) == "":
		return fmt.Errorf("open store: the path %q is empty; give the path of a store file", path)
	case path == "-":
		return errors.New(`open store: "-" is not a store file (a store cannot be read from standard input); give the path of a store file`)
	}
	return nil
}

// fileKind names what a non-regular file is, for the one-line refusal.
func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "it is a folder"
	case m&os.ModeNamedPipe != 0:
		return "it is a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "it is a socket"
	case m&os.ModeDevice != 0:
		return "it is a device"
	}
	return "it is a special file"
}

// privatise keeps the store's client notes to their owner. The file is
// made 0600 whenever anyone else may read or write it (a copy restored
// without cp -p comes back 0644): rapport creates it so, and nobody else
// has a use for it, since a store is only ever opened by one rapport. The
// folder is made 0700 when it is rapport's own (the default data folder);
// a folder the user chose (--db) is theirs, so it is only warned about,
// and only when others may write to it, since they could then replace the
// store or its backups. It returns what it did or found, one line each.
func privatise(path string) []string {
	var notes []string
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			notes = append(notes, fmt.Sprintf("store %s can be read by others (mode %04o) and could not be made private: %v", path, info.Mode().Perm(), err))
		} else {
			notes = append(notes, fmt.Sprintf("store %s could be read by others (mode %04o); it is now private (0600)", path, info.Mode().Perm()))
		}
	}
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm()&0o077 == 0 {
		return notes
	}
	if dir == filepath.Dir(DefaultPath()) {
		if err := os.Chmod(dir, 0o700); err == nil {
			return append(notes, fmt.Sprintf("folder %s was open to others (mode %04o); it is now private (0700)", dir, info.Mode().Perm()))
		}
	}
	if info.Mode().Perm()&0o022 != 0 && info.Mode()&os.ModeSticky == 0 {
		notes = append(notes, fmt.Sprintf("folder %s can be written by others (mode %04o): they could replace the store; keep it in a private folder (chmod 700)", dir, info.Mode().Perm()))
	}
	return notes
}

// Notices says what opening the store changed or found about its
// permissions (a file made private again, a folder others can write to),
// one line each, for the caller to show. Usually none.
func (s *Store) Notices() []string { return slices.Clone(s.notices) }

// Path is the file the store was opened from, made absolute, so messages and
// backups can name it.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock. It is safe to call twice.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// Check runs bbolt's full consistency check (every page reachable once,
// keys in order). It reads the whole file, so it is for tests, diagnostics
// and after a crash, not for every start.
func (s *Store) Check() error {
	return s.view(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return corruptError(s.path, fmt.Sprintf("%d consistency errors, first: %v", len(errs), errs[0]))
		}
		return nil
	})
}

// view runs fn in a read transaction; a bbolt panic (a damaged page) comes
// back as ErrCorrupt instead of crashing the app.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer s.recoverCorrupt(&err)
	return s.db.View(fn)
}

// update runs fn in a write transaction, with the same panic guard as view.
// bbolt rolls the transaction back when fn panics, so nothing half-done is
// committed.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	defer s.recoverCorrupt(&err)
	return s.db.Update(fn)
}

func (s *Store) recoverCorrupt(err *error) {
	if r := recover(); r != nil {
		*err = corruptError(s.path, fmt.Sprintf("bbolt failed: %v", r))
	}
}
