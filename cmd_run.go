package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"rapport/accessible"
	"rapport/playbooks"
	"rapport/session"
	"rapport/store"
	"rapport/tui"
)

func (c *cli) newCmd() *cobra.Command {
	var client, playbook string
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Start a session (with --client and --playbook it opens straight on the first prompt)",
		Example: "rapport new\n" +
			"rapport new --client \"Acme Corp\"\n" +
			"rapport new --client \"Acme Corp\" --playbook partnership-health",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat := c.catalogue()
			for _, e := range cat.Problems() {
				fmt.Fprintln(c.err, "warning: "+oneLine(session.Sanitize(e.Error())))
			}
			if c.accessibleMode() && (strings.TrimSpace(client) == "" || playbook == "") {
				var err error
				if client, playbook, err = accessible.AskNew(c.in, c.out, cat.All(), client, playbook); err != nil {
					return err
				}
			}
			if strings.TrimSpace(client) == "" || playbook == "" {
				if !isTerminal(c.in) || !isTerminal(c.out) {
					return errors.New("new needs --client NAME when not on a terminal")
				}
				// The form runs inside the app, which then runs the session.
				st, err := c.openStore()
				if err != nil {
					return err
				}
				defer st.Close()
				fac, _ := st.Pref("facilitator") // a convenience: the form works without it
				return c.runApp(st, tui.Start{Screen: tui.StartNewSession, NewSession: tui.NewSessionInput{
					Client: client, Playbook: playbook, Facilitator: fac,
				}})
			}
			client = strings.TrimSpace(client)
			if client == "" {
				return errors.New("new: the client's name is empty")
			}
			p, ok := cat.Get(playbook)
			if !ok {
				return fmt.Errorf("no playbook %q; see rapport playbooks list", playbook)
			}
			// Checked before the session is created, so a script that
			// cannot run it leaves no empty session behind.
			if err := c.needTerminal(); err != nil {
				return err
			}
			st, err := c.openStore()
			if err != nil {
				return err
			}
			defer st.Close()
			s := session.New(newID(), time.Now(), client, *p)
			if err := st.Create(s); err != nil {
				return err
			}
			return c.runSession(st, s)
		},
	}
	cmd.Flags().StringVar(&client, "client", "", "The client's `NAME`")
	cmd.Flags().StringVar(&playbook, "playbook", "", "The playbook's `ID`; default "+playbooks.DefaultID+" (see rapport playbooks list)")
	_ = cmd.RegisterFlagCompletionFunc("playbook", c.completePlaybookIDs)
	return cmd
}

func (c *cli) openCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "open REF",
		Short: "Resume a session on the prompt last worked on (REF: id, id prefix or client name)",
		Example: "rapport open Acme\n" +
			"rapport open 01JD3Q",
		Args:              exactArg("REF"),
		ValidArgsFunction: c.completeRefs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c.preloadCatalogue(tui.WarmUp)
			st, err := c.openExisting()
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := resolveLoad(st, args[0])
			if err != nil {
				return err
			}
			return c.runSession(st, s)
		},
	}
}

// runLibrary is what bare `rapport` does: the library screen on a terminal.
// Piped or scripted, it prints the list as `rapport list` does and a hint,
// and exits 0, so a script never hangs on a screen nobody sees.
func (c *cli) runLibrary(cmd *cobra.Command, _ []string) error {
	if c.accessibleMode() {
		return c.accessibleLibrary()
	}
	if isTerminal(c.in) && isTerminal(c.out) {
		c.preloadCatalogue(tui.WarmUp)
		st, err := c.openStore()
		if err != nil {
			return err
		}
		defer st.Close()
		c.listed = prefetchNewest(st, tui.FirstListRows)
		return c.runApp(st, tui.Start{Screen: tui.StartLibrary})
	}
	idx, err := c.listSessions()
	if err != nil {
		return err
	}
	if len(idx) == 0 {
		fmt.Fprintln(c.out, "No sessions yet.")
	} else if err := writeListTable(c.out, idx, c.catalogue()); err != nil {
		return err
	}
	fmt.Fprintln(c.out, "Run rapport on a terminal for the library; rapport new --client NAME starts a session.")
	return nil
}

// runSession runs the live screens on s, in typing mode on the prompt last
// worked on.
func (c *cli) runSession(st *store.Store, s *session.Session) error {
	return c.runApp(st, tui.Start{Session: s, Typing: true})
}

// The store is the app's library and remembers its settings.
var (
	_ tui.Sessions     = (*store.Store)(nil)
	_ tui.NewestLister = (*store.Store)(nil)
	_ tui.Prefs        = (*store.Store)(nil)
)

// needTerminal refuses to start the live screens without a terminal on both
// ends (accessible mode reads and writes plain lines, so it needs none).
func (c *cli) needTerminal() error {
	if !c.accessibleMode() && (!isTerminal(c.in) || !isTerminal(c.out)) {
		return errors.New("the live session needs a terminal (for scripts see rapport list, show and export)")
	}
	return nil
}

// runApp runs the app from start with the store's ordered writer behind it
// (one writer for the whole run, whatever screens it visits), and flushes
// every pending save before returning.
func (c *cli) runApp(st *store.Store, start tui.Start) error {
	if err := c.needTerminal(); err != nil {
		return err
	}
	// From here the app takes signals itself and flushes before it quits.
	liveScreens.Store(true)
	feed := tui.NewStatusFeed()
	w := st.NewWriter(feed.Publish)
	// The daily copy runs beside the session and never delays the first
	// frame; the library says if it failed, and so does one line on stderr
	// once the screen is gone.
	backupDone := make(chan error, 1)
	go func() {
		_, err := st.AutoBackup(time.Now())
		backupDone <- err
	}()
	dailyBackup := sync.OnceValue(func() error { return <-backupDone })
	// A team (docs/team.md): who is typing, syncs in the background, and
	// the sessions the app opens kept out of their reach.
	team := readTeam(st)
	held := &heldSet{author: team.author}
	teamSync := newAppSync(st, team, held)
	var syncFn func(context.Context, func(string)) (string, bool)
	if team.repo != "" {
		syncFn = teamSync.run
	}
	if start.Session != nil {
		held.hold(start.Session.ID)
	}
	// Accessible mode runs the same session on the same writer as plain lines.
	runUI := func(d tui.Deps, start tui.Start) error { return tui.Run(d, start) }
	if c.accessibleMode() {
		runUI = func(d tui.Deps, start tui.Start) error {
			if start.Session != nil {
				start.Session.SetAuthor(d.Author)
			}
			return accessible.Run(accessible.Deps{Saver: d.Saver, Status: d.Status, Now: d.Now, NewID: d.NewID, Export: d.Export},
				start.Session, c.in, c.out)
		}
	}
	var lib tui.Sessions = st
	if c.listed != nil && c.listed.Store == st {
		lib = c.listed
	}
	lib = held.wrap(lib)
	runErr := runUI(tui.Deps{
		Saver:    w,
		Status:   feed,
		Sessions: lib,
		Prefs:    st,
		// The catalogue is still loading: the app starts without waiting.
		LoadPlaybooks: sync.OnceValue(func() []*playbooks.Playbook { return c.catalogue().All() }),
		Now:           time.Now,
		NewID:         newID,
		NoColor:       os.Getenv("NO_COLOR") != "",
		Export:        exportSummary(st.Path()),
		DailyBackup:   dailyBackup,
		Author:        team.author,
		TeamSync:      syncFn,
		AutoSync:      team.auto,
	}, start)
	closeErr := w.Close()
	teamSync.stop()
	if err := dailyBackup(); err != nil {
		c.warnf("%v", err)
	}
	if team.auto && closeErr == nil {
		// Nothing uses the store any more: it is closed here (the caller's
		// Close does nothing then) so the sync on quit can take it at once.
		if err := st.Close(); err == nil {
			c.syncOnQuit(st.Path(), team)
		}
	}
	if runErr != nil {
		return runErr
	}
	if closeErr != nil {
		return fmt.Errorf("could not save the last changes to %s: %w", st.Path(), closeErr)
	}
	return nil
}
