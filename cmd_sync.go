package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/session"
	"rapport/store"
	"rapport/teamsync"
)

// Settings a team sync keeps in the store (store prefs).
const (
	prefSyncRepo = "sync.repo" // the clone of the team repository
	prefSyncAuto = "sync.auto" // "on": sync on opening the library and on quit
	prefSyncLast = "sync.last" // when the last sync ended and what it did
)

// syncCmd is `rapport sync` and its subcommands (docs/team.md).
func (c *cli) syncCmd() *cobra.Command {
	var quiet, wait bool
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Share sessions with your team through a git repository: pull, merge, write, commit and push",
		Long: "rapport sync sends the sessions changed here to the team repository and brings in the\n" +
			"team's: each session is merged per answer and per capture, and an answer changed on both\n" +
			"sides keeps both versions for you to choose. Set up with rapport sync init; see docs/team.md.",
		Example: "rapport sync\n" +
			"rapport sync init git@github.com:acme-pmo/sessions.git\n" +
			"rapport sync status",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return c.runSync(cmd.Context(), syncRun{quiet: quiet, wait: wait})
		},
	}
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "Print nothing but errors")
	// The app's sync on quit (cmd_sync_app.go) waits for a sync still
	// under way (the previous quit's, say) instead of giving up on it.
	cmd.Flags().BoolVar(&wait, "wait", false, "Wait for a sync already running, then sync")
	_ = cmd.Flags().MarkHidden("wait")
	cmd.AddCommand(c.syncInitCmd(), c.syncStatusCmd(), c.syncLeaveCmd())
	return cmd
}

func (c *cli) syncInitCmd() *cobra.Command {
	var markdown, noMarkdown bool
	cmd := &cobra.Command{
		Use:   "init URL|PATH",
		Short: "Join a team repository: clone it (or use a clone already made) and sync",
		Long: "URL is the team repository as git clone takes it (SSH, HTTPS, or the path of a bare\n" +
			"repository); PATH may also be a clone you made, used where it is. Use a private repository:\n" +
			"sessions hold your clients' words and the internal notes about them.",
		Example: "rapport sync init git@github.com:acme-pmo/sessions.git\n" +
			"rapport sync init ~/team/sessions --markdown",
		Args: exactArg("URL or PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if markdown && noMarkdown {
				return usageErrorf("sync init takes --markdown or --no-markdown, not both")
			}
			var md *bool
			if markdown || noMarkdown {
				md = &markdown
			}
			return c.syncInit(cmd.Context(), args[0], md)
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "Keep a Markdown internal copy beside each session file, for reading on the git host (for the whole team)")
	cmd.Flags().BoolVar(&noMarkdown, "no-markdown", false, "Stop keeping Markdown copies (for the whole team)")
	return cmd
}

func (c *cli) syncStatusCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "status",
		Short:   "Say where the team repository is, when it was last synced and what waits to be sent",
		Example: "rapport sync status",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return c.syncStatus(cmd.Context())
		},
	}
}

func (c *cli) syncLeaveCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "leave",
		Short:   "Leave the team repository: sessions stay here, nothing more is synced",
		Example: "rapport sync leave",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := c.openExisting()
			if err != nil {
				return err
			}
			defer st.Close()
			repo, err := st.Pref(prefSyncRepo)
			if err != nil {
				return err
			}
			if repo == "" {
				return errors.New("this store is in no team repository")
			}
			if err := st.DisableSync(); err != nil {
				return err
			}
			if err := st.SetPref(prefSyncRepo, ""); err != nil {
				return err
			}
			_ = st.SetPref(prefSyncLast, "")
			fmt.Fprintf(c.out, "Left the team repository. Your sessions stay in this store; the clone stays at %s (delete it if you no longer need it).\n", repo)
			return nil
		},
	}
}

// mergeDriverCmd is what git runs for a session file both sides changed
// (the repository's .gitattributes and the clone's config, which sync
// init writes, send it here). It is for git, not for people: hidden.
func (c *cli) mergeDriverCmd() *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:     "merge-driver BASE OURS THEIRS [PATH]",
		Short:   "Merge three versions of a session file for git (git runs it; see docs/team.md)",
		Example: "rapport merge-driver %O %A %B %P",
		Hidden:  true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 3 || len(args) > 4 {
				return usageErrorf("merge-driver takes BASE OURS THEIRS [PATH], as git's %%O %%A %%B %%P")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if markdown {
				return nil // an internal copy: ours stays; rapport sync writes it afresh
			}
			if _, err := teamsync.MergeDriver(args[0], args[1], args[2]); err != nil {
				name := args[1]
				if len(args) == 4 {
					name = args[3]
				}
				return fmt.Errorf("merge-driver %s: %w", name, err)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "The file is a Markdown internal copy: keep ours")
	return cmd
}

// configCmd reads and sets the settings a person keeps with their store.
func (c *cli) configCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "config [KEY [VALUE]]",
		Short: "Show or set a setting: name (recorded with your answers and captures), sync.auto (on or off)",
		Long: "name is who you are on a team: each answer and capture you change records it (default:\n" +
			"git's user.name). sync.auto on syncs with the team repository when the library opens\n" +
			"and when you quit, in the background. An empty VALUE (\"\") removes a setting.",
		Example: "rapport config\n" +
			"rapport config name \"Ana Ruiz\"\n" +
			"rapport config sync.auto on",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 2 {
				return usageErrorf("config takes KEY and VALUE, not also %q", args[2])
			}
			if len(args) > 0 && !slices.Contains(configKeys, args[0]) {
				return usageErrorf("config has no setting %q (it has %s)", args[0], strings.Join(configKeys, ", "))
			}
			if len(args) == 2 && args[0] == prefSyncAuto && !slices.Contains([]string{"on", "off", ""}, args[1]) {
				return usageErrorf("sync.auto is on or off, not %q", args[1])
			}
			return nil
		},
		ValidArgs: configKeys,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 2 {
				st, err := c.openStore()
				if err != nil {
					return err
				}
				defer st.Close()
				return st.SetPref(prefKey(args[0]), strings.TrimSpace(args[1]))
			}
			st, err := c.openExisting()
			if errors.Is(err, store.ErrNoStore) && !c.dbNamed() {
				st = nil
			} else if err != nil {
				return err
			}
			keys := configKeys
			if len(args) == 1 {
				keys = args[:1]
			}
			for _, k := range keys {
				v := ""
				if st != nil {
					if v, err = st.Pref(prefKey(k)); err != nil {
						st.Close()
						return err
					}
				}
				fmt.Fprintf(c.out, "%s = %s\n", k, configShown(cmd.Context(), k, v))
			}
			if st != nil {
				st.Close()
			}
			return nil
		},
	}
}

// configKeys are the settings `rapport config` knows.
var configKeys = []string{"name", prefSyncAuto}

func prefKey(k string) string {
	if k == "name" {
		return store.PrefName
	}
	return k
}

// configShown is a setting as config prints it, saying where an unset
// one's value comes from.
func configShown(ctx context.Context, key, v string) string {
	switch {
	case v != "":
		return session.PlainLine(v)
	case key == "name":
		if g := teamsync.GitUserName(ctx, ""); g != "" {
			return session.PlainLine(g) + " (git's user.name; not set here)"
		}
		return "(not set; neither is git's user.name)"
	case key == prefSyncAuto:
		return "off"
	}
	return "(not set)"
}

// authorName is who the person at this store is: `rapport config name`,
// else git's user.name (as the clone at repo sees it, when there is one).
func authorName(ctx context.Context, st *store.Store, repo string) string {
	if n, _ := st.Pref(store.PrefName); strings.TrimSpace(n) != "" {
		return strings.TrimSpace(n)
	}
	return teamsync.GitUserName(ctx, repo)
}

// teamClone is where sync init clones the team repository: beside the
// store, named after it (rapport.db: rapport-team).
func teamClone(dbPath string) string {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		abs = dbPath
	}
	return strings.TrimSuffix(abs, filepath.Ext(abs)) + "-team"
}

// mergeDriver is the command git runs to merge session files: this
// program, unless RAPPORT_MERGE_DRIVER names another (tests, packagers).
func mergeDriver() string { return os.Getenv("RAPPORT_MERGE_DRIVER") }

func (c *cli) syncInit(ctx context.Context, source string, markdown *bool) error {
	st, err := c.openStore()
	if err != nil {
		return err
	}
	repo, err := st.Pref(prefSyncRepo)
	path := st.Path()
	st.Close() // no git runs while the store is held
	if err != nil {
		return err
	}
	dir := teamClone(path)
	if repo != "" && repo != dir && !sameFolder(repo, source) {
		return fmt.Errorf("this store already syncs with the team repository at %s; rapport sync leave first", repo)
	}
	repo, err = teamsync.Attach(ctx, source, dir)
	if err != nil {
		return err
	}
	st, err = c.openStore()
	if err != nil {
		return err
	}
	if err := st.EnableSync(); err != nil {
		st.Close()
		return err
	}
	err = st.SetPref(prefSyncRepo, repo)
	st.Close()
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "Joined the team repository %s (its clone: %s).\n", session.PlainLine(source), repo)
	return c.runSync(ctx, syncRun{markdown: markdown})
}

func sameFolder(a, b string) bool {
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}

// syncOptions are the options of a sync from the command line: the store
// opened for each step and closed after it, so no git runs while it is
// held and a rapport started meanwhile waits at most a moment.
func (c *cli) syncOptions(ctx context.Context) (teamsync.Options, error) {
	st, err := c.openExisting()
	if err != nil {
		return teamsync.Options{}, err
	}
	repo, err := st.Pref(prefSyncRepo)
	if err != nil {
		st.Close()
		return teamsync.Options{}, err
	}
	if repo == "" {
		st.Close()
		return teamsync.Options{}, errors.New("this store is in no team repository; rapport sync init URL joins one (see docs/team.md)")
	}
	author := authorName(ctx, st, repo)
	st.Close()
	return teamsync.Options{
		Open: func() (*store.Store, func() error, error) {
			st, err := c.openExisting()
			if err != nil {
				return nil, nil, err
			}
			return st, st.Close, nil
		},
		Repo:   repo,
		Author: author,
		Driver: mergeDriver(),
	}, nil
}

// runSync syncs once and says what happened: one line, warnings on
// stderr, progress on stderr while it runs when that is a terminal. A
// team repository that could not be reached is a failure (exit 1), though
// what was done here is kept for the next sync.
func (c *cli) runSync(ctx context.Context, how syncRun) error {
	o, err := c.syncOptions(ctx)
	if err != nil {
		return err
	}
	o.Markdown = how.markdown
	if !how.quiet && isTerminal(c.err) {
		o.Progress = progressLine(c.err)
	}
	res, err := teamsync.Sync(ctx, o)
	if how.wait {
		res, err = waitBusy(ctx, res, err, func() (teamsync.Result, error) { return teamsync.Sync(ctx, o) })
	}
	if o.Progress != nil {
		fmt.Fprint(c.err, "\r\x1b[K")
	}
	c.recordSync(res, err)
	for _, w := range res.Warnings {
		c.warnf("%s", w)
	}
	if err != nil {
		return err
	}
	if res.Offline != "" {
		return fmt.Errorf("could not reach the team repository (%s); what changed here is committed in %s and goes out with the next sync", res.Offline, o.Repo)
	}
	if !how.quiet {
		fmt.Fprintln(c.out, res.Summary()+".")
	}
	return nil
}

// syncRun is how runSync runs: quietly (nothing but errors), waiting for
// a sync under way, changing the team's choice of Markdown copies.
type syncRun struct {
	quiet, wait bool
	markdown    *bool
}

// waitBusy runs sync again, every quarter second for up to ten minutes,
// while another sync of the repository holds it (teamsync.ErrBusy).
func waitBusy(ctx context.Context, res teamsync.Result, err error, sync func() (teamsync.Result, error)) (teamsync.Result, error) {
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	giveUp := time.After(10 * time.Minute)
	for errors.Is(err, teamsync.ErrBusy) {
		select {
		case <-ctx.Done():
			return res, err
		case <-giveUp:
			return res, err
		case <-tick.C:
		}
		res, err = sync()
	}
	return res, err
}

// recordSync remembers when the last sync ended and what it did, for
// sync status. Best effort: a store in use keeps the previous record.
func (c *cli) recordSync(res teamsync.Result, err error) {
	st, oerr := store.OpenWith(c.dbPath(), store.Options{MustExist: true, LockTimeout: 200 * time.Millisecond})
	if oerr != nil {
		return
	}
	defer st.Close()
	_ = st.SetPref(prefSyncLast, syncRecord(time.Now(), res, err))
}

// syncRecord is the last sync as sync status prints it.
func syncRecord(at time.Time, res teamsync.Result, err error) string {
	line := res.Summary()
	if err != nil {
		line = "failed: " + err.Error()
	}
	return at.Format("2006-01-02 15:04") + " " + session.PlainLine(line)
}

// progressLine draws the sync's progress on one line of a terminal.
func progressLine(w io.Writer) func(teamsync.Progress) {
	last := time.Time{}
	return func(p teamsync.Progress) {
		if now := time.Now(); p.Done == p.Total || now.Sub(last) > 100*time.Millisecond {
			last = now
			fmt.Fprintf(w, "\r\x1b[K%s", p)
		}
	}
}

func (c *cli) syncStatus(ctx context.Context) error {
	st, err := c.openExisting()
	if err != nil {
		return err
	}
	repo, err := st.Pref(prefSyncRepo)
	if err != nil {
		st.Close()
		return err
	}
	if repo == "" {
		st.Close()
		fmt.Fprintln(c.out, "This store is in no team repository. rapport sync init URL joins one (see docs/team.md).")
		return nil
	}
	last, _ := st.Pref(prefSyncLast)
	auto, _ := st.Pref(prefSyncAuto)
	author := authorName(ctx, st, repo)
	state, err := st.ReadSyncState()
	st.Close()
	if err != nil {
		return err
	}
	rs, err := teamsync.Status(ctx, repo)
	if err != nil {
		return fmt.Errorf("the team repository's clone at %s: %w", repo, err)
	}
	conflicts := 0
	for _, r := range state.Agreed {
		if r.Conflicts > 0 {
			conflicts++
		}
	}
	remote := rs.Remote
	if remote == "" {
		remote = "(none: a local repository)"
	}
	fmt.Fprintf(c.out, "Team repository: %s\n", session.PlainLine(remote))
	fmt.Fprintf(c.out, "Clone: %s (branch %s, %d sessions)\n", repo, session.PlainLine(rs.Branch), rs.Sessions)
	fmt.Fprintf(c.out, "You are: %s\n", orText(session.PlainLine(author), "(no name: rapport config name NAME)"))
	fmt.Fprintf(c.out, "Last sync: %s\n", orText(last, "never"))
	fmt.Fprintf(c.out, "Changed here since: %d sessions\n", len(state.Changed()))
	fmt.Fprintf(c.out, "Commits not yet sent: %d\n", rs.Unsent)
	fmt.Fprintf(c.out, "Sessions with two versions of something: %d (as of the last sync)\n", conflicts)
	fmt.Fprintf(c.out, "Markdown copies: %s; sync.auto: %s\n", onOff(rs.Markdown), orText(auto, "off"))
	return nil
}

func orText(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
