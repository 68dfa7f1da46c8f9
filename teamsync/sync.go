package teamsync

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"rapport/session"
	"rapport/store"
)

// A sync, step by step (ARCHITECTURE.md, "Team sync", says why):
//
//  1. With the store held for a moment: read out the sessions changed
//     since the last sync (store.SyncState.Changed) as their files, into
//     a staging folder inside .git.
//  2. Without the store: commit them on top of the branch (a session whose
//     stored copy lags the branch, because an earlier sync stopped before
//     writing it, is merged with the branch's version first); fetch;
//     merge with the team's branch (git merge-tree, which runs the merge
//     driver, as a `git pull` would); push, fetching and merging again
//     when someone pushed first; move the branch; refresh the work tree.
//  3. With the store held again, in batches: write each session the merge
//     changed, merged once more with what was typed meanwhile, and record
//     the file the store now agrees with.
//
// The store agrees with the repository session by session, so a sync
// stopped anywhere leaves every session either as the repository had it
// or as it was, each recorded as such, and the next sync finishes.

// Options say how to sync.
type Options struct {
	// Open hands over the store for a moment, and release gives it back.
	// The command line opens and closes the file (so no git ever runs
	// while it is locked); the app hands its open store and does nothing
	// on release.
	Open func() (st *store.Store, release func() error, err error)
	// Repo is the team repository's clone: its work tree.
	Repo string
	// Author names this side in deletions recorded without a name, and in
	// commit messages.
	Author string
	// Busy reports sessions open on a screen: they are left as they are,
	// and the next sync takes them up. May be nil.
	Busy func(id string) bool
	// Progress, if set, is told how far the sync has gone.
	Progress func(Progress)
	// Driver is the command git runs as the merge driver (rapport's own
	// path); empty: this program.
	Driver string
	// Markdown, when set, changes the team's choice of keeping a Markdown
	// internal copy beside each session file (sync init --markdown).
	Markdown *bool
}

// Progress is how far a sync has gone: a step and, for steps that go
// through sessions, how many of how many.
type Progress struct {
	Step        string
	Done, Total int
}

// String is the progress as the status bar says it.
func (p Progress) String() string {
	if p.Total > 1 {
		return fmt.Sprintf("Syncing: %s %d/%d", p.Step, p.Done, p.Total)
	}
	return "Syncing: " + p.Step
}

// Result is what a sync did.
type Result struct {
	Sent      int // sessions whose changes this side committed
	Received  int // sessions the sync changed in the store
	Conflicts int // answers, captures and roadmap items given a second version
	Skipped   int // sessions open on a screen, left for the next sync
	Pushed    bool
	// Offline says why the team's copy could not be reached (fetch or
	// push), "" when it was: this side's changes are committed locally
	// and go out with the next sync.
	Offline string
	// Warnings are things the sync did not do, one line each.
	Warnings []string
}

// Summary is the result in one line.
func (r Result) Summary() string {
	var parts []string
	switch {
	case r.Offline != "":
		parts = append(parts, "team repository not reached ("+r.Offline+"); changes kept for the next sync")
	case r.Sent == 0 && r.Received == 0:
		parts = append(parts, "Up to date with the team")
	default:
		parts = append(parts, fmt.Sprintf("Synced with the team: %s sent, %s received", session.Plural(r.Sent, "session", "sessions"), session.Plural(r.Received, "session", "sessions")))
	}
	if r.Conflicts > 0 {
		parts = append(parts, fmt.Sprintf("%s changed on both sides: both kept", session.Plural(r.Conflicts, "answer or capture", "answers or captures")))
	}
	if r.Skipped > 0 {
		// Busy sessions: the app's, read in this run (cmd_sync_app.go).
		parts = append(parts, fmt.Sprintf("%s you opened here left for the next sync", session.Plural(r.Skipped, "session", "sessions")))
	}
	return strings.Join(parts, "; ")
}

// ErrBusy is returned when another sync of the same repository is running.
var ErrBusy = errors.New("another sync of this team repository is running")

// applyBatch is how many sessions one transaction of step 3 writes: each
// batch is whole or not at all, and the store is never held for long.
const applyBatch = 64

// exported is a session read out of the store in step 1.
type exported struct {
	file   string // the staging file holding its bytes
	client string // "" for a deletion
	gone   bool
}

// Sync syncs the store with its team repository.
func Sync(ctx context.Context, o Options) (Result, error) {
	var res Result
	if err := lookGit(); err != nil {
		return res, err
	}
	g := &gitRunner{dir: o.Repo}
	gitDir, err := g.gitDir(ctx)
	if err != nil {
		return res, fmt.Errorf("no team repository at %s (%v); rapport sync init URL sets one up", o.Repo, err)
	}
	release, ok, err := lockFile(filepath.Join(gitDir, "rapport-sync.lock"))
	if err != nil {
		return res, fmt.Errorf("sync: %w", err)
	}
	if !ok {
		return res, ErrBusy
	}
	defer release()
	stage := filepath.Join(gitDir, "rapport-sync")
	if err := os.RemoveAll(stage); err != nil {
		return res, fmt.Errorf("sync: %w", err)
	}
	if err := os.MkdirAll(stage, 0o700); err != nil {
		return res, fmt.Errorf("sync: %w", err)
	}
	defer os.RemoveAll(stage)
	config, err := readConfig(ctx, g)
	if err != nil {
		return res, err
	}
	if err := registerDrivers(ctx, g, gitDir, o.Driver, config); err != nil {
		return res, err
	}
	s := &syncer{o: o, g: g, gitDir: gitDir, stage: stage, res: &res, config: config}
	if err := s.run(ctx); err != nil {
		return res, err
	}
	return res, nil
}

// syncer is one sync under way.
type syncer struct {
	o      Options
	g      *gitRunner
	gitDir string
	stage  string
	res    *Result

	state     store.SyncState
	exports   map[string]exported
	branch    string
	head      string
	settings  teamSettings
	committer *gitRunner        // git as the commits' author (commit)
	config    map[string]string // git's settings for the clone, read once
}

func (s *syncer) progress(step string, done, total int) {
	if s.o.Progress != nil {
		s.o.Progress(Progress{Step: step, Done: done, Total: total})
	}
}

func (s *syncer) warn(format string, args ...any) {
	s.res.Warnings = append(s.res.Warnings, session.PlainLine(fmt.Sprintf(format, args...)))
}

func (s *syncer) run(ctx context.Context) error {
	s.progress("reading sessions", 0, 0)
	if err := s.readOut(); err != nil {
		return err
	}
	stopAt("read")
	if err := ctx.Err(); err != nil {
		return err
	}
	var err error
	if s.branch, err = s.currentBranch(ctx); err != nil {
		return err
	}
	if s.head, err = s.g.revParse(ctx, "HEAD"); err != nil {
		return err
	}
	headFiles, err := s.g.lsTree(ctx, s.head)
	if err != nil {
		return err
	}
	s.settings = s.readSettings(ctx, headFiles)

	s.progress("committing", 0, 0)
	local, err := s.commitLocal(ctx, headFiles)
	if err != nil {
		return err
	}
	stopAt("commit")

	merged, err := s.exchange(ctx, local)
	if err != nil {
		return err
	}
	if merged != s.head {
		if _, err := s.g.run(ctx, nil, "update-ref", "-m", "rapport sync", "refs/heads/"+s.branch, merged, s.head); err != nil {
			return fmt.Errorf("the team repository's branch moved during the sync (a git command at the same time?); sync again: %w", err)
		}
	}
	stopAt("ref")
	if merged == "" {
		return nil // an empty store and an empty repository
	}
	if merged != s.head || s.staleWorkTree(ctx) {
		if _, err := s.g.run(ctx, nil, "reset", "-q", "--hard", "HEAD"); err != nil {
			s.warn("the files in %s are not up to date (%v); the next sync refreshes them", s.o.Repo, err)
		}
	}
	return s.apply(ctx, merged)
}

// staleWorkTree reports whether the work tree's files may lag the branch:
// a sync stopped between moving the branch and refreshing them leaves
// the index older than the branch's last move.
func (s *syncer) staleWorkTree(ctx context.Context) bool {
	idx, err := os.Stat(filepath.Join(s.gitDir, "index"))
	if err != nil {
		return true
	}
	ref, err := os.Stat(filepath.Join(s.gitDir, "logs", "HEAD"))
	return err == nil && ref.ModTime().After(idx.ModTime())
}

// readOut is step 1: the changed sessions, out of the store as files.
func (s *syncer) readOut() error {
	st, release, err := s.o.Open()
	if err != nil {
		return err
	}
	defer func() {
		if release != nil {
			_ = release()
		}
	}()
	if s.state, err = st.ReadSyncState(); err != nil {
		return err
	}
	ids := s.state.Changed()
	slices.Sort(ids)
	s.exports = make(map[string]exported, len(ids))
	for i, id := range ids {
		s.progress("reading sessions", i+1, len(ids))
		var v Version
		var client string
		if _, live := s.state.Updated[id]; live {
			sess, err := st.Load(id)
			if err != nil {
				s.warn("session %s was not sent: %v", id, err)
				continue
			}
			v, client = Version{Session: sess}, sess.Client
		} else {
			v = s.gone(s.state.Gone[id])
		}
		data, err := WriteFile(v)
		if err != nil {
			s.warn("session %s was not sent: %v", id, err)
			continue
		}
		file := filepath.Join(s.stage, id+".out")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			return fmt.Errorf("sync: %w", err)
		}
		s.exports[id] = exported{file: file, client: client, gone: v.Gone != nil}
	}
	r := release
	release = nil
	return r()
}

// gone is the deletion of a session as its file says it: by this side's
// author when the store recorded none.
func (s *syncer) gone(t session.Tombstone) Version {
	if t.Author == "" {
		t.Author = s.o.Author
	}
	return Version{Gone: &t}
}

// currentBranch is the branch the clone has checked out ("main" for a
// clone of an empty repository that has none yet).
func (s *syncer) currentBranch(ctx context.Context) (string, error) {
	b, err := s.g.text(ctx, "symbolic-ref", "--short", "-q", "HEAD")
	if err != nil || b == "" {
		return "", fmt.Errorf("the team repository at %s has no branch checked out (detached HEAD); check out its branch: git -C %s switch main", s.o.Repo, s.o.Repo)
	}
	return b, nil
}

// readSettings reads the team's settings from a tree's files.
func (s *syncer) readSettings(ctx context.Context, files []treeEntry) teamSettings {
	for _, f := range files {
		if f.path == teamFile {
			blobs, err := s.g.readBlobs(ctx, []string{f.blob})
			if err == nil {
				return readTeamSettings(blobs[f.blob])
			}
		}
	}
	return teamSettings{}
}

// byID indexes a tree's session files by session id.
func byID(files []treeEntry) map[string]treeEntry {
	m := make(map[string]treeEntry, len(files))
	for _, f := range files {
		if id := sessionID(f.path); id != "" {
			m[id] = f
		}
	}
	return m
}

// commitLocal is the first half of step 2: this side's changes as a
// commit on the branch (the branch itself when nothing changed).
func (s *syncer) commitLocal(ctx context.Context, headFiles []treeEntry) (string, error) {
	ids := make([]string, 0, len(s.exports))
	for id := range s.exports {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	files := make([]string, len(ids))
	for i, id := range ids {
		files[i] = s.exports[id].file
	}
	blobs, err := s.g.hashFiles(ctx, files)
	if err != nil {
		return "", err
	}
	inHead := byID(headFiles)
	// Sessions whose stored copy lags the branch need the branch's
	// version and the one they agreed with, to merge.
	var want []string
	for _, id := range ids {
		he, ok := inHead[id]
		a := s.state.Agreed[id].Blob
		if ok && a != he.blob {
			want = append(want, he.blob)
			if a != "" {
				want = append(want, a)
			}
		}
	}
	contents, err := s.g.readBlobs(ctx, want)
	if err != nil {
		return "", err
	}
	set := map[string]string{}
	for i, id := range ids {
		e := s.exports[id]
		he, ok := inHead[id]
		blob := blobs[i]
		if e.gone && !ok {
			continue // deleted before it was ever shared
		}
		p := he.path
		if !e.gone {
			p = sessionPath(e.client, id)
		}
		if a := s.state.Agreed[id].Blob; ok && blob != he.blob && a != he.blob {
			mine, err := os.ReadFile(e.file)
			if err != nil {
				return "", err
			}
			merged, _, err := MergeFiles(contents[a], mine, contents[he.blob])
			if err != nil {
				s.warn("session %s: %v; this side's copy was sent as it is", id, err)
			} else {
				if blob, err = s.g.hashBytes(ctx, merged); err != nil {
					return "", err
				}
			}
		}
		if ok && blob == he.blob && p == he.path {
			continue
		}
		s.res.Sent++
		set[p] = blob
		if ok && he.path != p {
			set[he.path] = ""
			set[markdownPath(he.path)] = ""
		}
		if err := s.markdown(ctx, set, p, blob); err != nil {
			return "", err
		}
	}
	s.teamFiles(ctx, headFiles, set)
	if err := s.switchMarkdown(ctx, headFiles, set); err != nil {
		return "", err
	}
	if len(set) == 0 {
		return s.head, nil
	}
	tree, err := s.g.writeTree(ctx, s.gitDir, s.head, set)
	if err != nil {
		return "", err
	}
	if old, _ := s.g.treeOf(ctx, s.head); tree == old {
		return s.head, nil
	}
	msg := fmt.Sprintf("rapport sync: %s from %s", session.Plural(s.res.Sent, "session", "sessions"), cmpOr(s.o.Author, "this computer"))
	if s.res.Sent == 0 {
		msg = "rapport sync: the team's settings"
	}
	return s.commit(ctx, tree, msg, s.head)
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// teamFiles adds the committed .gitattributes and settings when the
// branch lacks them (a new team repository).
func (s *syncer) teamFiles(ctx context.Context, headFiles []treeEntry, set map[string]string) {
	has := map[string]bool{}
	for _, f := range headFiles {
		has[f.path] = true
	}
	if !has[attributesFile] {
		if b, err := s.g.hashBytes(ctx, []byte(attributes)); err == nil {
			set[attributesFile] = b
		}
	}
	if !has[teamFile] {
		if b, err := s.g.hashBytes(ctx, s.settings.bytes()); err == nil {
			set[teamFile] = b
		}
	}
}

// switchMarkdown applies a change of the team's choice of Markdown copies
// (Options.Markdown): every session's copy written, or removed.
func (s *syncer) switchMarkdown(ctx context.Context, headFiles []treeEntry, set map[string]string) error {
	if s.o.Markdown == nil || *s.o.Markdown == s.settings.Markdown {
		return nil
	}
	s.settings.Markdown = *s.o.Markdown
	b, err := s.g.hashBytes(ctx, s.settings.bytes())
	if err != nil {
		return err
	}
	set[teamFile] = b
	for _, f := range headFiles {
		if sessionID(f.path) == "" {
			continue
		}
		if _, done := set[f.path]; done {
			continue // written with this side's changes
		}
		if !s.settings.Markdown {
			set[markdownPath(f.path)] = ""
			continue
		}
		if err := s.markdown(ctx, set, f.path, f.blob); err != nil {
			return err
		}
	}
	return nil
}

// markdown sets the internal copy beside a session file when the team
// keeps them: written from the file's blob, or removed for a deletion.
func (s *syncer) markdown(ctx context.Context, set map[string]string, jsonPath, blob string) error {
	if !s.settings.Markdown {
		return nil
	}
	data, err := s.g.readBlobs(ctx, []string{blob})
	if err != nil {
		return err
	}
	v, err := ReadFile(data[blob])
	if err != nil || v.Session == nil {
		set[markdownPath(jsonPath)] = ""
		return nil
	}
	md, err := s.g.hashBytes(ctx, session.Markdown(v.Session, session.AudienceInternal))
	if err != nil {
		return err
	}
	set[markdownPath(jsonPath)] = md
	return nil
}

// commit makes a commit of tree with parents, as the clone's git user
// (or, when git has no user set, the rapport name).
func (s *syncer) commit(ctx context.Context, tree, msg string, parents ...string) (string, error) {
	args := []string{"commit-tree", tree, "-m", msg}
	for _, p := range parents {
		if p != "" {
			args = append(args, "-p", p)
		}
	}
	if s.committer == nil {
		s.committer = s.g
		if s.config["user.name"] == "" {
			n := cmpOr(s.o.Author, "rapport")
			s.committer = &gitRunner{dir: s.g.dir, env: append(slices.Clone(s.g.env), "GIT_AUTHOR_NAME="+n, "GIT_COMMITTER_NAME="+n)}
		}
		if s.config["user.email"] == "" {
			g := s.committer
			s.committer = &gitRunner{dir: g.dir, env: append(slices.Clone(g.env), "GIT_AUTHOR_EMAIL=rapport@localhost", "GIT_COMMITTER_EMAIL=rapport@localhost")}
		}
	}
	return s.committer.text(ctx, args...)
}

// hasOrigin reports whether the clone has a remote to sync with.
func (s *syncer) hasOrigin(ctx context.Context) bool {
	out, err := s.g.text(ctx, "remote")
	return err == nil && slices.Contains(strings.Fields(out), "origin")
}

// exchange is the second half of step 2: fetch, merge, push, and merge
// again when someone pushed first. It returns the commit the branch
// moves to.
func (s *syncer) exchange(ctx context.Context, local string) (string, error) {
	if !s.hasOrigin(ctx) {
		return local, nil
	}
	remoteRef := "refs/remotes/origin/" + s.branch
	merged := local
	var lastRemote string
	var pushErr error
	for attempt := 0; ; attempt++ {
		s.progress("fetching", 0, 0)
		if _, err := s.g.run(ctx, nil, "fetch", "--quiet", "--no-tags", "origin"); err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			s.res.Offline = err.Error()
			return merged, nil
		}
		remote, err := s.g.revParse(ctx, remoteRef)
		if err != nil {
			return "", err
		}
		if attempt > 0 && remote == lastRemote {
			// The push was refused, and not because someone pushed
			// first: a hook, rights, a full disk.
			s.res.Offline = "push: " + pushErr.Error()
			return merged, nil
		}
		lastRemote = remote
		if remote != "" {
			s.progress("merging", 0, 0)
			if merged, err = s.mergeWith(ctx, merged, remote); err != nil {
				return "", err
			}
			stopAt("merge")
		}
		if merged == "" || merged == remote {
			return merged, nil
		}
		s.progress("sending", 0, 0)
		out, err := s.g.run(ctx, nil, "push", "--porcelain", "--quiet", "origin", merged+":refs/heads/"+s.branch)
		if err == nil {
			s.res.Pushed = true
			stopAt("push")
			return merged, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		pushErr = err
		if line := pushLine(out); line != "" {
			pushErr = errors.New(line)
		}
		if attempt < 3 {
			continue // fetch again: if someone pushed first, merge and try again
		}
		s.res.Offline = "push: " + pushErr.Error()
		return merged, nil
	}
}

// pushLine is what git push --porcelain says of a refused ref, if anything:
// "[remote rejected] main -> main (pre-receive hook declined)".
func pushLine(out []byte) string {
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "!") {
			f := strings.SplitN(l, "\t", 3)
			if len(f) == 3 {
				return strings.TrimSpace(f[2])
			}
		}
	}
	return ""
}

// mergeWith merges the team's commit into ours with git merge-tree, which
// runs the merge driver on every session file both sides changed, as a
// `git pull` would. What git cannot settle (a file deleted by hand on one
// side, a file the driver could not read) is settled here, keeping what
// exists; a session left in two folders (its client renamed on one side
// while git saw no rename) is merged into one.
func (s *syncer) mergeWith(ctx context.Context, ours, theirs string) (string, error) {
	if ours == "" {
		return theirs, nil
	}
	if ok, err := s.g.isAncestor(ctx, theirs, ours); err != nil || ok {
		return ours, err
	}
	if ok, err := s.g.isAncestor(ctx, ours, theirs); err != nil || ok {
		return theirs, err
	}
	out, err := s.g.run(ctx, nil, "merge-tree", "--write-tree", "--allow-unrelated-histories", "-z", ours, theirs)
	if err != nil && exitCode(err) != 1 {
		return "", err
	}
	parts := bytes.Split(out, []byte{0})
	if len(parts) == 0 || len(parts[0]) == 0 {
		return "", fmt.Errorf("git merge-tree gave no tree")
	}
	tree := string(parts[0])
	set := map[string]string{}
	if exitCode(err) == 1 {
		if err := s.settleConflicts(ctx, parts[1:], set); err != nil {
			return "", err
		}
	}
	if err := s.settleMerged(ctx, tree, ours, set); err != nil {
		return "", err
	}
	if len(set) > 0 {
		if tree, err = s.g.writeTree(ctx, s.gitDir, tree, set); err != nil {
			return "", err
		}
	}
	return s.commit(ctx, tree, "rapport sync: merge the team's changes", ours, theirs)
}

// settleConflicts resolves what merge-tree left conflicted: records
// "<mode> <blob> <stage>\t<path>" until an empty one.
func (s *syncer) settleConflicts(ctx context.Context, recs [][]byte, set map[string]string) error {
	stages := map[string][4]string{}
	var order []string
	for _, rec := range recs {
		if len(rec) == 0 {
			break
		}
		meta, p, ok := bytes.Cut(rec, []byte{'\t'})
		f := strings.Fields(string(meta))
		if !ok || len(f) != 3 || len(f[2]) != 1 || f[2][0] < '1' || f[2][0] > '3' {
			continue
		}
		st := stages[string(p)]
		if st == ([4]string{}) {
			order = append(order, string(p))
		}
		st[f[2][0]-'0'] = f[1]
		stages[string(p)] = st
	}
	for _, p := range order {
		st := stages[p]
		base, ours, theirs := st[1], st[2], st[3]
		switch {
		case ours != "" && theirs != "" && sessionID(p) != "":
			blobs, err := s.g.readBlobs(ctx, []string{base, ours, theirs})
			if err != nil {
				return err
			}
			merged, _, err := MergeFiles(blobs[base], blobs[ours], blobs[theirs])
			if err != nil {
				s.warn("%s could not be merged (%v); this side's version is kept, the other is in the history", p, err)
				set[p] = ours
				continue
			}
			b, err := s.g.hashBytes(ctx, merged)
			if err != nil {
				return err
			}
			set[p] = b
		case ours != "":
			set[p] = ours // deleted on their side by hand: kept
		case theirs != "":
			set[p] = theirs
		}
	}
	return nil
}

// settleMerged fixes up a merged tree: one file per session, and each
// changed session's internal copy written afresh.
func (s *syncer) settleMerged(ctx context.Context, tree, ours string, set map[string]string) error {
	merged, err := s.g.lsTree(ctx, tree)
	if err != nil {
		return err
	}
	for p, b := range set { // settled conflicts count as merged
		for i := range merged {
			if merged[i].path == p {
				merged[i].blob = b
			}
		}
	}
	oursFiles, err := s.g.lsTree(ctx, ours)
	if err != nil {
		return err
	}
	before := map[string]string{}
	for _, f := range oursFiles {
		before[f.path] = f.blob
	}
	s.settings = readTeamSettingsFrom(ctx, s.g, merged, s.settings)
	seen := map[string]treeEntry{}
	for _, f := range merged {
		id := sessionID(f.path)
		if id == "" {
			continue
		}
		if other, dup := seen[id]; dup {
			if err := s.joinCopies(ctx, set, other, f); err != nil {
				return err
			}
			continue
		}
		seen[id] = f
		if before[f.path] != f.blob {
			if err := s.markdown(ctx, set, f.path, f.blob); err != nil {
				return err
			}
		}
	}
	return nil
}

// joinCopies merges two files of one session in two folders into one, in
// the folder of the merged client's name.
func (s *syncer) joinCopies(ctx context.Context, set map[string]string, a, b treeEntry) error {
	blobs, err := s.g.readBlobs(ctx, []string{a.blob, b.blob})
	if err != nil {
		return err
	}
	merged, _, err := MergeFiles(nil, blobs[a.blob], blobs[b.blob])
	if err != nil {
		s.warn("session %s is in two folders and could not be merged (%v); both are kept", sessionID(a.path), err)
		return nil
	}
	v, err := ReadFile(merged)
	if err != nil {
		return err
	}
	p := a.path
	if v.Session != nil {
		p = sessionPath(v.Session.Client, sessionID(a.path))
	}
	blob, err := s.g.hashBytes(ctx, merged)
	if err != nil {
		return err
	}
	for _, old := range []string{a.path, b.path} {
		if old != p {
			set[old] = ""
			set[markdownPath(old)] = ""
		}
	}
	set[p] = blob
	return s.markdown(ctx, set, p, blob)
}

// readTeamSettingsFrom reads the settings file of a tree, or keeps cur.
func readTeamSettingsFrom(ctx context.Context, g *gitRunner, files []treeEntry, cur teamSettings) teamSettings {
	for _, f := range files {
		if f.path == teamFile {
			if blobs, err := g.readBlobs(ctx, []string{f.blob}); err == nil {
				return readTeamSettings(blobs[f.blob])
			}
		}
	}
	return cur
}

// apply is step 3: every session the branch now holds differently from
// the store is written into it, merged with what was typed meanwhile.
func (s *syncer) apply(ctx context.Context, commit string) error {
	files, err := s.g.lsTree(ctx, commit)
	if err != nil {
		return err
	}
	inM := byID(files)
	var ids []string
	var want []string
	for id, f := range inM {
		rec, agreed := s.state.Agreed[id]
		_, out := s.exports[id]
		if out || !agreed || rec.Blob != f.blob {
			ids = append(ids, id)
			want = append(want, f.blob)
			if !out && rec.Blob != "" {
				want = append(want, rec.Blob)
			}
		}
	}
	for id := range s.exports {
		if _, ok := inM[id]; !ok {
			ids = append(ids, id) // a deletion never shared
		}
	}
	slices.Sort(ids)
	contents, err := s.g.readBlobs(ctx, want)
	if err != nil {
		return err
	}
	for start := 0; start < len(ids); start += applyBatch {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch := ids[start:min(start+applyBatch, len(ids))]
		s.progress("writing sessions", start, len(ids))
		st, release, err := s.o.Open()
		if err != nil {
			return err
		}
		err = st.ApplySync(batch, func(id string, cur store.SyncCurrent) (store.SyncOutcome, error) {
			return s.settle(id, cur, inM, contents)
		})
		if rerr := release(); err == nil {
			err = rerr
		}
		if err != nil {
			return err
		}
		if start == 0 {
			stopAt("apply")
		}
	}
	s.progress("done", len(ids), len(ids))
	return nil
}

// settle decides what the store keeps of one session (step 3).
func (s *syncer) settle(id string, cur store.SyncCurrent, inM map[string]treeEntry, contents map[string][]byte) (store.SyncOutcome, error) {
	if s.o.Busy != nil && s.o.Busy(id) {
		s.res.Skipped++
		return store.SyncOutcome{Skip: true}, nil
	}
	f, ok := inM[id]
	if !ok {
		if cur.Session == nil {
			return store.SyncOutcome{Delete: true}, nil // a deletion never shared: done
		}
		return store.SyncOutcome{Agreed: cur.Agreed, Dirty: true}, nil
	}
	theirs := contents[f.blob]
	if theirs == nil {
		return store.SyncOutcome{}, fmt.Errorf("sync: the repository lacks the file of session %s", id)
	}
	// base is the session as the store held it when the sync read it.
	var base []byte
	if e, out := s.exports[id]; out {
		var err error
		if base, err = os.ReadFile(e.file); err != nil {
			return store.SyncOutcome{}, err
		}
	} else {
		base = contents[cur.Agreed.Blob]
	}
	now := Version{Session: cur.Session}
	if cur.Session == nil && cur.Gone != nil {
		now = s.gone(*cur.Gone)
	}
	mine, err := WriteFile(now)
	if err != nil {
		return store.SyncOutcome{}, err
	}
	result := theirs
	if !bytes.Equal(mine, base) && !(now.absent() && base == nil) {
		r, _, err := MergeFiles(base, mine, theirs)
		if err != nil {
			s.warn("session %s was not updated here (%v); the next sync tries again", id, err)
			return store.SyncOutcome{Agreed: cur.Agreed, Dirty: true}, nil
		}
		result = r
	}
	v, err := ReadFile(result)
	if err != nil {
		s.warn("session %s was not updated here (%v)", id, err)
		return store.SyncOutcome{Agreed: cur.Agreed, Dirty: true}, nil
	}
	out := store.SyncOutcome{Agreed: store.SyncRecord{Blob: f.blob}, Dirty: !bytes.Equal(result, theirs)}
	if tv, err := ReadFile(theirs); err == nil && tv.Session != nil {
		out.Agreed.Updated = tv.Session.Updated
		out.Agreed.Conflicts = tv.Session.ConflictCount()
	}
	if bytes.Equal(result, mine) {
		return out, nil
	}
	s.res.Received++
	switch {
	case v.Session != nil:
		// What this store now holds in two versions and did not.
		had := 0
		if cur.Session != nil {
			had = cur.Session.ConflictCount()
		}
		s.res.Conflicts += max(0, v.Session.ConflictCount()-had)
		out.Session = v.Session
	case v.Gone != nil:
		out.Delete = true
	}
	return out, nil
}

// registerDrivers tells this clone's git how to merge session files: the
// merge drivers in its config, and the attributes that route files to
// them in .git/info/attributes (also committed as .gitattributes, for
// clones made by hand), so git merge-tree here and a plain `git pull`
// merge alike.
func registerDrivers(ctx context.Context, g *gitRunner, gitDir, driver string, have map[string]string) error {
	if driver == "" {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("sync: cannot find this program to register it as git's merge driver: %w", err)
		}
		driver = exe
	}
	q := shellQuote(driver)
	want := map[string]string{
		"merge.rapport.name":            "rapport: sessions merged per answer and per capture",
		"merge.rapport.driver":          q + " merge-driver %O %A %B %P",
		"merge.rapport-markdown.name":   "rapport: internal copies, written afresh by rapport sync",
		"merge.rapport-markdown.driver": q + " merge-driver --markdown %O %A %B %P",
	}
	for k, v := range want {
		if have[k] != v {
			if _, err := g.run(ctx, nil, "config", "--local", k, v); err != nil {
				return err
			}
		}
	}
	info := filepath.Join(gitDir, "info", "attributes")
	old, _ := os.ReadFile(info)
	if !bytes.Contains(old, []byte("merge=rapport\n")) {
		if err := os.MkdirAll(filepath.Dir(info), 0o755); err != nil {
			return err
		}
		next := append(old, []byte(attributes)...)
		if err := os.WriteFile(info, next, 0o644); err != nil {
			return fmt.Errorf("sync: %w", err)
		}
	}
	return nil
}

// readConfig reads git's settings for the clone (all scopes), with one
// git: the last value of each key.
func readConfig(ctx context.Context, g *gitRunner) (map[string]string, error) {
	out, err := g.run(ctx, nil, "config", "--list", "-z")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		k, v, _ := bytes.Cut(rec, []byte{'\n'})
		if len(k) > 0 {
			m[string(k)] = string(v)
		}
	}
	return m, nil
}

// shellQuote quotes a path for the shell git runs a driver through.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
