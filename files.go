package main

import (
	"fmt"
	"os"
	"path/filepath"

	"charm.land/glamour/v2"
	"github.com/oklog/ulid/v2"
)

// newID returns a fresh ULID: unique, and sortable by creation time.
func newID() string { return ulid.Make().String() }

// writeFileAtomic writes data to path so that a reader, or a crash half-way,
// sees either the old file or the new one whole: temp file, fsync, rename,
// fsync the folder. The file is 0600: exports hold confidential notes.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
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
	if _, err = f.Write(data); err != nil {
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

// beforeRename runs between the temp file's fsync and its rename; tests
// make it fail to stand for a write interrupted half-way.
var beforeRename = func(tmp string) error { return nil }

// exportSummary writes an export made inside the app: name in
// $RAPPORT_EXPORT_DIR, or in the current folder when it is unset,
// atomically and 0600 like every export. It returns the absolute path, so
// the status line says exactly where the file went.
func exportSummary(name string, data []byte) (string, error) {
	dir := os.Getenv("RAPPORT_EXPORT_DIR")
	if dir == "" {
		dir = "."
	}
	path, err := filepath.Abs(filepath.Join(dir, filepath.Base(name)))
	if err != nil {
		return "", fmt.Errorf("export %s: %w", name, err)
	}
	if err := writeFileAtomic(path, data); err != nil {
		return "", err
	}
	return path, nil
}

// renderMarkdown renders a summary for the terminal with an explicit glamour
// style (glamour v2 has no auto style): plain "notty" under NO_COLOR. The
// Markdown was sanitised when it was written, so no escape from user text
// reaches the terminal.
func renderMarkdown(md []byte) (string, error) {
	style := "dark"
	if os.Getenv("NO_COLOR") != "" {
		style = "notty"
	} else if os.Getenv("RAPPORT_THEME") == "light" {
		style = "light"
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(80))
	if err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	out, err := r.RenderBytes(md)
	if err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	return string(out), nil
}
