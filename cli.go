package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sync"
	"syscall"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"rapport/playbooks"
	"rapport/session"
	"rapport/store"
)

// version is set at build time with -ldflags "-X main.version=..."; when it
// is empty, --version falls back to the module's build information.
var version string

// cli carries what every command needs: the standard streams and the
// global flags. It opens the store only for commands that use it.
type cli struct {
	in       io.Reader
	out, err io.Writer
	db       dbFlag // --db
	// accessible is --accessible: plain lines for screen readers (see cmd_accessible.go).
	accessible bool
	// catSoon, once preloadCatalogue has run, waits for the catalogue it
	// is loading.
	catSoon func() *playbooks.Catalogue
	// listed, when set, is the store with its first screenful being read,
	// for the library screen (see prefetchNewest).
	listed *listedStore
}

// silentError is an error whose message the command already printed (for
// example the validator's one line per mistake): it only sets the exit code.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// exitCode is the process's exit status for err: 2 for a usage error, 1
// for any other failure (PRODUCT.md, "Command line").
func exitCode(err error) int {
	var s silentError
	if errors.As(err, &s) {
		return s.code
	}
	if errors.As(err, new(usageError)) {
		return exitUsage
	}
	return 1
}

// Commands are listed in the order they are added (the order of a
// session's life: new, open, list, show, export, ...), not alphabetically.
func init() { cobra.EnableCommandSorting = false }

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	c := &cli{in: stdin, out: stdout, err: stderr}
	root := &cobra.Command{
		Use:   "rapport",
		Short: "Run customer-discovery sessions live, and keep every word",
		Long: "rapport steps a facilitator through a discovery playbook in front of a client,\n" +
			"saves every word the moment it is typed, and turns the session into a Markdown summary.",
		Example: "rapport\n" +
			"rapport new --client \"Acme Corp\" --playbook customer-discovery\n" +
			"rapport open Acme\n" +
			"rapport export Acme -o acme.md",
		Args: noArgs,
		RunE: c.runLibrary,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().Var(&c.db, "db", "The store `FILE`; default $RAPPORT_DB, else $XDG_DATA_HOME/rapport/rapport.db")
	root.PersistentFlags().BoolVar(&c.accessible, "accessible", false, "Plain line-by-line prompts for screen readers, no full screen and no colour (also RAPPORT_ACCESSIBLE=1)")
	root.AddCommand(
		c.newCmd(), c.openCmd(), c.listCmd(), c.showCmd(), c.exportCmd(),
		c.importCmd(), c.deleteCmd(), c.backupCmd(), c.playbooksCmd(),
		c.syncCmd(), c.configCmd(), c.mergeDriverCmd(),
	)
	return root
}

// execute runs the command tree and prints a failure as one line on
// stderr, through the sanitiser (its words may come from a crafted file).
// Nothing here asks the terminal anything: help and errors print at once.
// SIGINT and SIGTERM cancel the context (the runner flushes and quits on
// them itself).
func execute(ctx context.Context, root *cobra.Command) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	root.SilenceErrors, root.SilenceUsage = true, true
	prepareCommands(root, root.OutOrStdout())
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil || errors.As(err, new(silentError)) {
		return err
	}
	line := "rapport: " + oneLine(session.Sanitize(err.Error()))
	if errors.As(err, new(usageError)) && cmd != nil {
		if cmd.Name() == "help" {
			cmd = root
		}
		line += fmt.Sprintf(" (see %s --help)", cmd.CommandPath())
	}
	fmt.Fprintln(root.ErrOrStderr(), line)
	return err
}

// buildVersion is what --version prints: the version set at build time,
// else the module's, with the commit when known.
func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Sum == "" {
		return "unknown (built from source)"
	}
	v := info.Main.Version
	for _, kv := range info.Settings {
		if kv.Key == "vcs.revision" && len(kv.Value) >= 7 {
			v += " (" + kv.Value[:7] + ")"
		}
	}
	return v
}

// warnf prints one warning line on stderr, through the sanitiser like
// every error line: its words may come from a crafted file.
func (c *cli) warnf(format string, args ...any) {
	fmt.Fprintln(c.err, "rapport: warning: "+oneLine(session.Sanitize(fmt.Sprintf(format, args...))))
}

// oneLine keeps an error to a single line: the first, with a count of the rest.
func oneLine(s string) string { return session.OneLine(s) }

// dbFlag is --db. It remembers whether it was given, so that an empty
// value (--db "$UNSET" in a script) is refused by the store like --db " "
// instead of quietly meaning the default store.
type dbFlag struct {
	path string
	set  bool
}

func (f *dbFlag) String() string     { return f.path }
func (f *dbFlag) Set(s string) error { f.path, f.set = s, true; return nil }
func (f *dbFlag) Type() string       { return "string" }

// dbPath is the store to use: --db, then $RAPPORT_DB, then the XDG default.
func (c *cli) dbPath() string {
	if c.db.set {
		return c.db.path
	}
	if p := os.Getenv("RAPPORT_DB"); p != "" {
		return p
	}
	return store.DefaultPath()
}

// dbNamed reports whether the user named the store (--db or RAPPORT_DB)
// rather than leaving it to the default path.
func (c *cli) dbNamed() bool {
	return c.db.set || os.Getenv("RAPPORT_DB") != ""
}

// openStore opens the store, creating it if missing: for the commands that
// write (new, import, the app).
func (c *cli) openStore() (*store.Store, error) {
	return c.noticed(store.Open(c.dbPath()))
}

// openExisting opens the store for a command that reads, or changes what
// is there: a missing store is an error naming the path (store.ErrNoStore)
// and nothing is created, so a mistyped --db leaves nothing behind.
func (c *cli) openExisting() (*store.Store, error) {
	return c.noticed(store.OpenWith(c.dbPath(), store.Options{MustExist: true}))
}

// noticed prints, one warning line each, what opening the store changed
// or found about its permissions (a loose store made private again).
func (c *cli) noticed(st *store.Store, err error) (*store.Store, error) {
	if err != nil {
		return nil, err
	}
	for _, n := range st.Notices() {
		c.warnf("%s", n)
	}
	return st, nil
}

// listSessions opens the store just long enough to read the index, for the
// commands that print the sessions and need nothing else from the store.
// No store on the default path is a first run: no sessions, and nothing
// created (DECISIONS.md); a store the user named must exist.
func (c *cli) listSessions() ([]session.Index, error) {
	st, err := c.openExisting()
	if errors.Is(err, store.ErrNoStore) && !c.dbNamed() {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.List()
}

// userPlaybookDir is where the user's own playbooks live.
func userPlaybookDir() string {
	return filepath.Join(xdg.ConfigHome, "rapport", "playbooks")
}

func (c *cli) catalogue() *playbooks.Catalogue {
	if c.catSoon != nil {
		return c.catSoon()
	}
	return loadCatalogue(userPlaybookDir())
}

// preloadCatalogue starts loading the catalogue (2 to 4 ms of CPU, mostly
// decoding the built-ins' cached parse) beside what a command does before
// it needs it: opening the store and listing or loading sessions.
// catalogue then waits for it. then, when not nil, runs next on the same
// goroutine (the screens' warm-up, tui.WarmUp): after the catalogue, so the
// two do not take turns on the CPU while the command waits for the first.
func (c *cli) preloadCatalogue(then func()) {
	ch := make(chan *playbooks.Catalogue, 1)
	go func() {
		ch <- loadCatalogue(userPlaybookDir())
		if then != nil {
			then()
		}
	}()
	c.catSoon = sync.OnceValue(func() *playbooks.Catalogue { return <-ch })
}

// loadCatalogue loads the built-ins and the playbooks in dir. The folder is
// opened here, not in playbooks, which never touches the disk; through its
// parent, so a file where the folder should be is reported as not a folder.
func loadCatalogue(dir string) *playbooks.Catalogue {
	var user fs.FS
	if dir != "" {
		user = os.DirFS(dir)
		if sub, err := fs.Sub(os.DirFS(filepath.Dir(dir)), filepath.Base(dir)); err == nil {
			user = sub
		}
	}
	return playbooks.LoadCatalogue(playbooks.Builtins(), user, dir)
}

// isTerminal reports whether v is a terminal. A character device is not
// enough: /dev/null is one, and `rapport delete X < /dev/null` must not
// take the end of its input for a person's "no".
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
