package teamsync

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// rapport talks to git through its command line, so whatever the team set
// up for git (SSH keys and agents, credential helpers, hooks on push,
// proxies) works for a sync as it does at a shell. Every git runs with
// GIT_TERMINAL_PROMPT=0, no standard input, and in a session of its own
// with no terminal, so nothing can stop to ask a question on the screen
// the facilitator is typing on: a git that would ask fails instead, and
// the sync says why.
//
// Everything a sync needs to be safe is done with git's plumbing: objects
// are written once and never changed, trees are built in an index of
// rapport's own, and a branch moves only by `git update-ref` from the
// commit it was read at. So a sync stopped at any point (kill -9, a lost
// network) leaves the repository as a sync left it before, plus objects
// nobody refers to, and the next sync starts again from there.

// ErrNoGit is returned when the git command line is not installed.
var ErrNoGit = errors.New("rapport sync needs git, the git command line; install it (for example: sudo apt install git) and try again")

// gitRunner runs git in a repository's work tree.
type gitRunner struct {
	dir string   // the work tree
	env []string // added to the environment
}

// gitError is a git command that failed: what was asked and what git said
// last on its standard error (one line; the rest is for debugging).
type gitError struct {
	args   []string
	line   string
	code   int
	stderr string
}

func (e *gitError) Error() string {
	what := "git " + strings.Join(e.args[:min(2, len(e.args))], " ")
	if e.line == "" {
		return fmt.Sprintf("%s failed (exit %d)", what, e.code)
	}
	return what + ": " + e.line
}

// lookGit finds git, or says it is missing.
func lookGit() error {
	if _, err := exec.LookPath("git"); err != nil {
		return ErrNoGit
	}
	return nil
}

// command makes the git command, not started.
func (g *gitRunner) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = g.dir
	cmd.Env = append(os.Environ(),
		"GIT_TERMINAL_PROMPT=0",
		"GCM_INTERACTIVE=never",
		"LC_ALL=C",
		"GIT_EDITOR=true",
		"GIT_MERGE_AUTOEDIT=no",
	)
	cmd.Env = append(cmd.Env, g.env...)
	detach(cmd)
	return cmd
}

// run runs git with stdin (may be nil) and returns its standard output.
func (g *gitRunner) run(ctx context.Context, stdin []byte, args ...string) ([]byte, error) {
	cmd := g.command(ctx, args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, ErrNoGit
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		ge := &gitError{args: args, stderr: errb.String(), line: lastLine(errb.String())}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			ge.code = exit.ExitCode()
		}
		return out.Bytes(), ge
	}
	return out.Bytes(), nil
}

// text runs git and returns its output trimmed.
func (g *gitRunner) text(ctx context.Context, args ...string) (string, error) {
	out, err := g.run(ctx, nil, args...)
	return strings.TrimSpace(string(out)), err
}

// lastLine is the last line of git's message worth showing.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l != "" && !strings.HasPrefix(l, "hint:") {
			return l
		}
	}
	return ""
}

// exitCode is the exit status of a failed git, -1 for other errors.
func exitCode(err error) int {
	var ge *gitError
	if errors.As(err, &ge) {
		return ge.code
	}
	return -1
}

// gitDir is the repository's .git folder (absolute).
func (g *gitRunner) gitDir(ctx context.Context) (string, error) {
	d, err := g.text(ctx, "rev-parse", "--absolute-git-dir")
	if err != nil {
		return "", err
	}
	return d, nil
}

// revParse resolves a name to a commit, "" when there is none.
func (g *gitRunner) revParse(ctx context.Context, name string) (string, error) {
	out, err := g.text(ctx, "rev-parse", "--verify", "-q", name+"^{commit}")
	if err != nil {
		if exitCode(err) == 1 {
			return "", nil
		}
		return "", err
	}
	return out, nil
}

// treeEntry is a file of a tree: its path and blob.
type treeEntry struct {
	path, blob string
}

// lsTree lists the files of a commit's tree, all folders down.
func (g *gitRunner) lsTree(ctx context.Context, commit string) ([]treeEntry, error) {
	if commit == "" {
		return nil, nil
	}
	out, err := g.run(ctx, nil, "ls-tree", "-r", "-z", "--full-tree", commit)
	if err != nil {
		return nil, err
	}
	var entries []treeEntry
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		meta, path, ok := bytes.Cut(rec, []byte{'\t'})
		f := strings.Fields(string(meta))
		if !ok || len(f) != 3 || f[1] != "blob" {
			continue
		}
		entries = append(entries, treeEntry{path: string(path), blob: f[2]})
	}
	return entries, nil
}

// hashFiles writes the files at paths into the object store and returns
// their blob ids, in order: one git for any number of files.
func (g *gitRunner) hashFiles(ctx context.Context, paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	out, err := g.run(ctx, []byte(strings.Join(paths, "\n")+"\n"), "hash-object", "-w", "--no-filters", "--stdin-paths")
	if err != nil {
		return nil, err
	}
	ids := strings.Fields(string(out))
	if len(ids) != len(paths) {
		return nil, fmt.Errorf("git hash-object gave %d ids for %d files", len(ids), len(paths))
	}
	return ids, nil
}

// hashBytes writes one blob from memory.
func (g *gitRunner) hashBytes(ctx context.Context, data []byte) (string, error) {
	out, err := g.run(ctx, data, "hash-object", "-w", "--no-filters", "--stdin")
	return strings.TrimSpace(string(out)), err
}

// readBlobs reads blobs by id, with one git for all of them; a blob the
// repository lacks is left out of the map.
func (g *gitRunner) readBlobs(ctx context.Context, ids []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	cmd := g.command(ctx, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(ids, "\n") + "\n")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := bufio.NewReader(pipe)
	var readErr error
	for range ids {
		head, err := r.ReadString('\n')
		if err != nil {
			readErr = err
			break
		}
		f := strings.Fields(head)
		if len(f) == 2 && f[1] == "missing" {
			continue
		}
		if len(f) != 3 {
			readErr = fmt.Errorf("git cat-file: unexpected %q", head)
			break
		}
		var n int
		if _, err := fmt.Sscan(f[2], &n); err != nil {
			readErr = err
			break
		}
		buf := make([]byte, n+1) // the content and a newline
		if _, err := io.ReadFull(r, buf); err != nil {
			readErr = err
			break
		}
		out[f[0]] = buf[:n]
	}
	_, _ = io.Copy(io.Discard, r)
	if err := cmd.Wait(); err != nil && readErr == nil {
		readErr = &gitError{args: []string{"cat-file", "--batch"}, line: lastLine(errb.String())}
	}
	return out, readErr
}

// isAncestor reports whether commit a is an ancestor of b (or b itself).
func (g *gitRunner) isAncestor(ctx context.Context, a, b string) (bool, error) {
	_, err := g.run(ctx, nil, "merge-base", "--is-ancestor", a, b)
	switch {
	case err == nil:
		return true, nil
	case exitCode(err) == 1:
		return false, nil
	}
	return false, err
}

// writeTree builds a tree from base (a commit or tree; "" for none) with
// the changes in set (path -> blob; an empty blob removes the path), in an
// index file of rapport's own, never the work tree's.
func (g *gitRunner) writeTree(ctx context.Context, gitDir, base string, set map[string]string) (string, error) {
	idx := filepath.Join(gitDir, "rapport-sync.index")
	_ = os.Remove(idx)
	defer os.Remove(idx)
	tg := &gitRunner{dir: g.dir, env: append(append([]string(nil), g.env...), "GIT_INDEX_FILE="+idx)}
	if base != "" {
		if _, err := tg.run(ctx, nil, "read-tree", base); err != nil {
			return "", err
		}
	} else if _, err := tg.run(ctx, nil, "read-tree", "--empty"); err != nil {
		return "", err
	}
	var info, gone bytes.Buffer
	for path, blob := range set {
		if blob == "" {
			gone.WriteString(path + "\x00")
			continue
		}
		fmt.Fprintf(&info, "100644 %s\t%s\x00", blob, path)
	}
	if gone.Len() > 0 {
		if _, err := tg.run(ctx, gone.Bytes(), "update-index", "-z", "--force-remove", "--stdin"); err != nil {
			return "", err
		}
	}
	if info.Len() > 0 {
		if _, err := tg.run(ctx, info.Bytes(), "update-index", "-z", "--index-info"); err != nil {
			return "", err
		}
	}
	return tg.text(ctx, "write-tree")
}

// treeOf is a commit's tree id.
func (g *gitRunner) treeOf(ctx context.Context, commit string) (string, error) {
	if commit == "" {
		return "", nil
	}
	return g.text(ctx, "rev-parse", commit+"^{tree}")
}
