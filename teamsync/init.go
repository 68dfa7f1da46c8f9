package teamsync

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Attach finds or makes the clone a store syncs through. source is the
// team repository as `git clone` takes it (an SSH or HTTPS URL, or a path
// to a bare repository), or the work tree of a clone already made, which
// is then used where it is. Otherwise the clone is made at dir, which must
// not hold anything yet. It returns the clone's work tree.
func Attach(ctx context.Context, source, dir string) (string, error) {
	if err := lookGit(); err != nil {
		return "", err
	}
	if st, err := os.Stat(source); err == nil && st.IsDir() {
		g := &gitRunner{dir: source}
		top, err := g.text(ctx, "rev-parse", "--show-toplevel")
		if err == nil && top != "" {
			if abs, err := filepath.Abs(source); err == nil && sameDir(abs, top) {
				return top, prepareClone(ctx, &gitRunner{dir: top})
			}
		}
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		g := &gitRunner{dir: dir}
		if url, err := g.text(ctx, "remote", "get-url", "origin"); err == nil {
			if url == source || sameDir(url, source) {
				return dir, prepareClone(ctx, g) // already cloned here
			}
			return "", fmt.Errorf("%s already holds a clone of %s; rapport sync leave, then remove that folder, to join another team repository", dir, url)
		}
		return "", fmt.Errorf("%s is not empty; rapport clones the team repository there", dir)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return "", fmt.Errorf("sync init: %w", err)
	}
	g := &gitRunner{dir: filepath.Dir(dir)}
	if _, err := g.run(ctx, nil, "clone", "--quiet", "--", source, dir); err != nil {
		_ = os.RemoveAll(dir)
		return "", fmt.Errorf("could not clone the team repository %s: %w", source, err)
	}
	return dir, prepareClone(ctx, &gitRunner{dir: dir})
}

// prepareClone names the branch of a clone of an empty repository main,
// whatever git's default, so every teammate's first sync pushes the same
// branch.
func prepareClone(ctx context.Context, g *gitRunner) error {
	head, err := g.revParse(ctx, "HEAD")
	if err != nil || head != "" {
		return err
	}
	out, _ := g.text(ctx, "for-each-ref", "--format=%(refname:lstrip=3)", "refs/remotes/origin/")
	branches := strings.Fields(out)
	branches = slices.DeleteFunc(branches, func(b string) bool { return b == "HEAD" })
	if len(branches) == 0 {
		_, err = g.run(ctx, nil, "symbolic-ref", "HEAD", "refs/heads/main")
		return err
	}
	// The remote has branches but its HEAD names none of them (a bare
	// repository made with another default branch than the one pushed
	// first): take main, else master, else the first.
	pick := branches[0]
	for _, want := range []string{"master", "main"} {
		if slices.Contains(branches, want) {
			pick = want
		}
	}
	_, err = g.run(ctx, nil, "checkout", "-q", "-B", pick, "--track", "origin/"+pick)
	return err
}

func sameDir(a, b string) bool {
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}
