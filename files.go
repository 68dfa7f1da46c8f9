package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"github.com/oklog/ulid/v2"

	"rapport/store"
)

// newID returns a fresh ULID: unique, and sortable by creation time.
func newID() string { return ulid.Make().String() }

// Output files. Every file rapport writes where the user asked (export -o,
// export --all -o DIR, backup -o, the summary screen's e and the accessible
// mode's export) goes through writeOutput, which holds the rule of
// CONVENTIONS.md, "Write only where asked", in one place:
//
//   - the store and the files it owns (store.Files: the store, which bbolt
//     also locks, and its backups) are never written over, whatever path
//     names them: a relative path, "x/../", a symbolic or a hard link;
//   - an existing regular file is replaced only with consent (--force, or a
//     yes on the screen), and then atomically: a temp file beside it,
//     fsync, rename, fsync the folder, mode 0600;
//   - anything that is not a regular file (a FIFO, a terminal, /dev/null,
//     /dev/stdout, a shell's >(gzip)) is written into, never renamed over:
//     as root, a rename replaced /dev/stdout itself;
//   - temp files are named .tmp-rapport-*, so a write killed half-way
//     leaves a file recognisably ours, and the next write into that folder
//     removes those older than a minute.

// outputRule is what a write may do besides creating a new file.
type outputRule struct {
	force   bool     // replace an existing regular file: the user consented
	protect []string // files no write may replace: store.Files of the store in use, the store first
	// tidied says the caller has removed stale temp files from the folder
	// already (export --all writes thousands of files into one).
	tidied bool
}

// outputExistsError is the refusal to replace an existing file without
// consent. It is fs.ErrExist (errors.Is), so the screens can ask instead
// of failing, but its line says only what to do: "out.md exists; add
// --force to replace it", without fs.ErrExist's own words after it.
type outputExistsError struct{ path string }

func (e outputExistsError) Error() string {
	return e.path + " exists; add --force to replace it"
}

func (outputExistsError) Unwrap() error { return fs.ErrExist }

// outputKind is how a checked path is written.
type outputKind int

const (
	outputNew     outputKind = iota // nothing there yet: a new regular file
	outputReplace                   // an existing regular file, replaced with consent
	outputStream                    // not a regular file, or an open descriptor: written into
)

// tmpPrefix starts the name of every temp file writeOutput makes.
const tmpPrefix = ".tmp-rapport-"

// staleTemp is how old a temp file must be before a later write removes
// it: older than any write still under way.
const staleTemp = time.Minute

// checkOutput decides how path may be written, or says in one line why not.
// It returns the file to write: the target of a symbolic link to a regular
// file, so the link stays a link.
func (o outputRule) checkOutput(path string) (string, outputKind, error) {
	if strings.TrimSpace(path) == "" {
		return "", 0, errors.New("no file named")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", path, err)
	}
	fi, err := os.Stat(abs) // through links: what a write would reach
	if errors.Is(err, fs.ErrNotExist) {
		if li, lerr := os.Lstat(abs); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			return "", 0, fmt.Errorf("%s is a link to a file that does not exist", path)
		}
		if err := o.notProtected(path, abs, nil); err != nil {
			return "", 0, err
		}
		return abs, outputNew, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", path, err)
	}
	if err := o.notProtected(path, abs, fi); err != nil {
		return "", 0, err
	}
	switch {
	case fi.IsDir():
		return "", 0, fmt.Errorf("%s is a folder; name a file", path)
	case !fi.Mode().IsRegular(), isDescriptorPath(abs):
		return abs, outputStream, nil
	case !o.force:
		return "", 0, outputExistsError{path}
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %w", path, err)
	}
	return real, outputReplace, nil
}

// notProtected refuses a path that is one of the store's own files: by its
// resolved path, and by device and inode when it exists (fi non-nil), so no
// spelling of the path and no hard link slips through.
func (o outputRule) notProtected(path, abs string, fi fs.FileInfo) error {
	resolved := resolvePath(abs)
	for i, p := range o.protect {
		same := resolvePath(p) == resolved
		if !same && fi != nil {
			if pi, err := os.Stat(p); err == nil {
				same = os.SameFile(fi, pi)
			}
		}
		if !same {
			continue
		}
		what := "a backup of the store"
		if i == 0 {
			what = "the store rapport keeps its sessions in"
		}
		return fmt.Errorf("%s is %s (%s); rapport never writes over it: choose another file", path, what, p)
	}
	return nil
}

// resolvePath is abs with every link in it followed, as far as it exists.
func resolvePath(abs string) string {
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(d, filepath.Base(abs))
	}
	return filepath.Clean(abs)
}

// isDescriptorPath reports whether abs names a descriptor the process was
// handed (/dev/stdout, /dev/fd/N, /proc/self/fd/N): written into even when
// it leads to a regular file, as a shell's > or >> redirection means.
func isDescriptorPath(abs string) bool {
	switch {
	case abs == "/dev/stdout", abs == "/dev/stderr", strings.HasPrefix(abs, "/dev/fd/"):
		return true
	case strings.HasPrefix(abs, "/proc/"):
		parts := strings.Split(abs, "/") // "", "proc", PID, "fd", N
		return len(parts) == 5 && parts[3] == "fd"
	}
	return false
}

// writeOutput writes what fill produces to path by the rule above and
// returns the file written. ctx ends a write that waits (a FIFO nobody
// reads, a pipe that stopped draining): ctrl+c and SIGTERM stop it.
func writeOutput(ctx context.Context, path string, o outputRule, fill func(io.Writer) error) (string, error) {
	target, kind, err := o.checkOutput(path)
	if err != nil {
		return "", err
	}
	if kind == outputStream {
		return target, writeInto(ctx, path, target, fill)
	}
	if !o.tidied {
		removeStaleTemps(filepath.Dir(target))
	}
	if err := writeFileAtomic(target, fill); err != nil {
		return "", err
	}
	return target, nil
}

// writeBytes is a fill for writeOutput that writes data.
func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// writeInto writes into a file that is not replaced: a FIFO, a device, a
// descriptor. A regular file behind a descriptor is appended to, as the
// redirection that opened it (> or >>) left it. Opening a FIFO waits for a
// reader, so the write runs aside and ctx can end the wait.
func writeInto(ctx context.Context, path, target string, fill func(io.Writer) error) error {
	done := make(chan error, 1)
	go func() {
		flag := os.O_WRONLY
		if fi, err := os.Stat(target); err == nil && fi.Mode().IsRegular() {
			flag |= os.O_APPEND
		}
		f, err := os.OpenFile(target, flag, 0)
		if err != nil {
			done <- err
			return
		}
		werr := fill(f)
		done <- firstError(werr, f.Close())
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("write %s: stopped before it finished", path)
	}
}

// writeFileAtomic writes a regular file so that a reader, or a crash
// half-way, sees either the old file or the new one whole: temp file,
// fsync, rename, fsync the folder. The file is 0600: exports hold
// confidential notes. Callers go through writeOutput, which checks path.
func writeFileAtomic(path string, fill func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tmpPrefix+tmpStem(filepath.Base(path))+"-*")
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: there is no folder %s", path, dir)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = fill(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = beforeRename(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// tmpStem is name cut short enough that the temp file's name stays under
// the file system's limit of 255 bytes.
func tmpStem(name string) string {
	const most = 120
	if len(name) <= most {
		return name
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut]
}

// removeStaleTemps removes the temp files of writes that never finished (a
// kill -9 half-way) from dir: only regular files named .tmp-rapport-*,
// owned by this user, not written to for staleTemp, so a write under way in
// another process and anyone else's file are left alone. Failures change
// nothing for the write at hand and are ignored.
func removeStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	now := time.Now()
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tmpPrefix) || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil || now.Sub(fi.ModTime()) < staleTemp || !ownedByMe(fi) {
			continue
		}
		_ = os.Remove(filepath.Join(dir, e.Name()))
	}
}

// beforeRename runs between the temp file's fsync and its rename; tests
// make it fail to stand for a write interrupted half-way.
var beforeRename = func(tmp string) error { return nil }

// firstError is the first error that happened, so a failed write is
// reported rather than the close that followed it.
func firstError(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// exportSummary returns the export the screens use (tui.Deps.Export): name
// in $RAPPORT_EXPORT_DIR, or in the current folder when it is unset, by
// the output rule against the store at dbPath. An existing file is
// replaced only when replace is true (the facilitator said yes); without
// it the error is fs.ErrExist, so the screen can ask. It returns the
// absolute path, so the status line says exactly where the file went.
func exportSummary(dbPath string) func(name string, data []byte, replace bool) (string, error) {
	return func(name string, data []byte, replace bool) (string, error) {
		dir := os.Getenv("RAPPORT_EXPORT_DIR")
		if dir == "" {
			dir = "."
		}
		path, err := filepath.Abs(filepath.Join(dir, filepath.Base(name)))
		if err != nil {
			return "", fmt.Errorf("export %s: %w", name, err)
		}
		rule := outputRule{force: replace, protect: store.Files(dbPath)}
		if _, err := writeOutput(context.Background(), path, rule, writeBytes(data)); err != nil {
			return path, err
		}
		return path, nil
	}
}

// termStyle is the glamour style for text printed on a terminal by a
// command that does not run full screen, so never asks the terminal its
// background (see glamourStyle).
func termStyle() string {
	return glamourStyle(os.Getenv("NO_COLOR"), os.Getenv("COLORFGBG"))
}

// renderMarkdown renders Markdown for the terminal with an explicit glamour
// style (glamour v2 has no auto style). The Markdown was sanitised when it
// was written, so no escape from user text reaches the terminal.
func renderMarkdown(md []byte) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(termStyle()), glamour.WithWordWrap(80))
	if err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	out, err := r.RenderBytes(md)
	if err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	return string(out), nil
}
