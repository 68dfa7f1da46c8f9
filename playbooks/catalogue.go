package playbooks

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// DefaultID is the playbook a new session uses when none is chosen.
const DefaultID = "customer-discovery"

//go:embed builtin/*.yaml
var builtinFiles embed.FS

// Builtins returns the playbooks shipped inside the binary, one YAML file
// each at the root of the returned file system, so they load through the
// same code as the user's files and need no disk at run time.
func Builtins() fs.FS {
	sub, err := fs.Sub(builtinFiles, "builtin")
	if err != nil {
		// fs.Sub only fails on an invalid directory name, which is fixed here.
		panic(fmt.Sprintf("playbooks: embedded built-ins: %v", err))
	}
	return sub
}

// Catalogue is every playbook available: the built-ins and the valid files
// of the user's folder. Broken or clashing user files are kept out and
// listed as problems, so one bad file never stops the others or any command.
// It does not change once loaded; the playbooks it returns are shared and
// must be treated as read-only.
type Catalogue struct {
	all      []*Playbook
	byID     map[string]*Playbook
	builtin  map[string]bool
	paths    map[string]string
	problems []error
}

// LoadCatalogue reads the built-ins from builtin and the *.yaml and *.yml
// files at the root of user, the user's folder opened by the caller (nil, or
// a folder that does not exist, means no user playbooks); userDir is that
// folder's path, for messages and Path. The caller opens the folder so this
// package never touches the disk itself; open it as fs.Sub of its parent so
// a file in its place reads as "not a folder". It never fails: each problem is
// collected for Problems. A user file whose id is already taken, by a
// built-in or by a user file earlier in name order, is reported and not
// loaded, so nothing is ever silently shadowed.
func LoadCatalogue(builtin, user fs.FS, userDir string) *Catalogue {
	c := &Catalogue{byID: map[string]*Playbook{}, builtin: map[string]bool{}, paths: map[string]string{}}
	var builtins, users []*Playbook
	if builtin != nil {
		for _, name := range playbookFiles(builtin, ".", &c.problems, "built-in playbooks") {
			p := c.load(builtin, name, path.Join("builtin", name), "")
			if p != nil {
				c.builtin[p.ID] = true
				builtins = append(builtins, p)
			}
		}
	}
	if user != nil {
		if info, err := fs.Stat(user, "."); err == nil && !info.IsDir() {
			c.problems = append(c.problems, fmt.Errorf("user playbooks: %s is not a folder", userDir))
		} else if err == nil || !errors.Is(err, fs.ErrNotExist) {
			for _, name := range playbookFiles(user, userDir, &c.problems, "user playbooks") {
				// Files come from the folder's root, so name holds no
				// separator and a plain join is the path on any system.
				full := strings.TrimSuffix(userDir, "/") + "/" + name
				if p := c.load(user, name, full, full); p != nil {
					users = append(users, p)
				}
			}
		}
	}
	byID := func(a, b *Playbook) int {
		switch {
		case a.ID == b.ID:
			return 0
		case a.ID == DefaultID:
			return -1
		case b.ID == DefaultID:
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	}
	slices.SortFunc(builtins, byID)
	slices.SortFunc(users, func(a, b *Playbook) int { return strings.Compare(a.ID, b.ID) })
	c.all = append(builtins, users...)
	return c
}

// playbookFiles lists the playbook files at the root of fsys in name order,
// skipping folders and hidden files (editors' lock and backup files).
func playbookFiles(fsys fs.FS, where string, problems *[]error, what string) []string {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		*problems = append(*problems, fmt.Errorf("%s: cannot read %s: %w", what, where, err))
		return nil
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(path.Ext(name))
		if e.IsDir() || strings.HasPrefix(name, ".") || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// load parses one file and adds it unless its id is taken. file is the name
// errors use; userPath is the file's path for Path, "" for a built-in.
func (c *Catalogue) load(fsys fs.FS, name, file, userPath string) *Playbook {
	data, err := readCapped(fsys, name)
	if err != nil {
		var es Errors
		if errors.As(err, &es) {
			for _, e := range es {
				e.File = file
			}
			c.problems = append(c.problems, es)
		} else {
			c.problems = append(c.problems, fmt.Errorf("%s: cannot read: %w", file, errors.Unwrap(err)))
		}
		return nil
	}
	var p *Playbook
	var sp spots
	var errs Errors
	if cached, ok := parsedBuiltin(data); ok && userPath == "" {
		p = cached // a built-in exactly as parsed when the cache was written
	} else {
		p, sp, errs = parse(file, data)
	}
	if len(errs) > 0 {
		c.problems = append(c.problems, errs)
		return nil
	}
	if prev, taken := c.byID[p.ID]; taken {
		at := sp.at["id"]
		owner := "the built-in playbook"
		if c.paths[prev.ID] != "" {
			owner = c.paths[prev.ID]
		}
		c.problems = append(c.problems, Errors{{File: file, Line: at.line, Col: at.col,
			Msg: fmt.Sprintf("id %q is already used by %s; this file is not loaded until its id is changed", p.ID, owner)}})
		return nil
	}
	c.byID[p.ID] = p
	if userPath != "" {
		c.paths[p.ID] = userPath
	}
	return p
}

// All returns every playbook: built-ins first (the default first, then by
// id), then the user's by id.
func (c *Catalogue) All() []*Playbook { return slices.Clone(c.all) }

// Get returns the playbook with this id.
func (c *Catalogue) Get(id string) (*Playbook, bool) {
	p, ok := c.byID[id]
	return p, ok
}

// Problems returns what kept files out of the catalogue: broken files (each
// an Errors naming the file's full path), id clashes and unreadable folders.
func (c *Catalogue) Problems() []error { return slices.Clone(c.problems) }

// Builtin reports whether id is a playbook shipped with rapport, which
// cannot be edited in place.
func (c *Catalogue) Builtin(id string) bool { return c.builtin[id] }

// Path returns the user file a playbook came from, "" for a built-in or an
// unknown id.
func (c *Catalogue) Path(id string) string { return c.paths[id] }

// Prompt finds a prompt by id with the phase that holds it.
func (p *Playbook) Prompt(id string) (*Prompt, *Phase, bool) {
	for i := range p.Phases {
		ph := &p.Phases[i]
		for j := range ph.Prompts {
			if ph.Prompts[j].ID == id {
				return &ph.Prompts[j], ph, true
			}
		}
	}
	return nil, nil, false
}
