package teamsync

import (
	"context"
	"strconv"
	"strings"
)

// RepoStatus is what `rapport sync status` says of the clone.
type RepoStatus struct {
	Dir      string
	Remote   string // origin's URL; "" when the clone has none
	Branch   string
	Unsent   int  // commits on the branch the team's copy does not have (as last fetched)
	Markdown bool // the team keeps Markdown internal copies
	Sessions int  // session files on the branch
}

// Status reads the clone's state without touching the network.
func Status(ctx context.Context, dir string) (RepoStatus, error) {
	if err := lookGit(); err != nil {
		return RepoStatus{}, err
	}
	g := &gitRunner{dir: dir}
	st := RepoStatus{Dir: dir}
	if _, err := g.gitDir(ctx); err != nil {
		return st, err
	}
	st.Remote, _ = g.text(ctx, "remote", "get-url", "origin")
	st.Branch, _ = g.text(ctx, "symbolic-ref", "--short", "-q", "HEAD")
	head, err := g.revParse(ctx, "HEAD")
	if err != nil || head == "" {
		return st, err
	}
	if remote, _ := g.revParse(ctx, "refs/remotes/origin/"+st.Branch); remote != "" {
		n, _ := g.text(ctx, "rev-list", "--count", remote+".."+head)
		st.Unsent, _ = strconv.Atoi(n)
	} else if st.Remote != "" {
		n, _ := g.text(ctx, "rev-list", "--count", head)
		st.Unsent, _ = strconv.Atoi(n)
	}
	files, err := g.lsTree(ctx, head)
	if err != nil {
		return st, err
	}
	for _, f := range files {
		if sessionID(f.path) != "" {
			st.Sessions++
		}
	}
	(&syncer{g: g}).settingsInto(ctx, files, &st.Markdown)
	return st, nil
}

func (s *syncer) settingsInto(ctx context.Context, files []treeEntry, markdown *bool) {
	*markdown = s.readSettings(ctx, files).Markdown
}

// GitUserName is git's user.name as the clone at dir (or, with dir "",
// the user's global settings) sees it; "" when unset or without git.
func GitUserName(ctx context.Context, dir string) string {
	if lookGit() != nil {
		return ""
	}
	args := []string{"config", "user.name"}
	if dir == "" {
		args = []string{"config", "--global", "user.name"}
	}
	name, _ := (&gitRunner{dir: dir}).text(ctx, args...)
	return strings.TrimSpace(name)
}
