package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"rapport/playbooks"
	"rapport/session"
	"rapport/store"
	"rapport/tui"
)

func (c *cli) listCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List sessions, newest first",
		Example: "rapport list\n" +
			"rapport list --json",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c.preloadCatalogue(nil)
			idx, err := c.listSessions()
			if err != nil {
				return err
			}
			if asJSON {
				return writeListJSON(c.out, idx, c.catalogue())
			}
			if len(idx) == 0 {
				fmt.Fprintln(c.out, "No sessions yet. Start one with: rapport new --client NAME")
				return nil
			}
			return writeListTable(c.out, idx, c.catalogue())
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "Print a JSON array of objects (id, client, playbook, status, created, updated, ...)")
	return cmd
}

// writeListTable prints one line per session; the playbook column names
// the version the session ran and the current one when they differ
// ("customer-discovery v1 (now v2)"), from cat.
func writeListTable(w io.Writer, idx []session.Index, cat *playbooks.Catalogue) error {
	if ok, err := fastListTable(w, idx, cat); ok {
		return err
	}
	return tabwriterListTable(w, idx, cat)
}

// tabwriterListTable is writeListTable through text/tabwriter, for the
// cells fastListTable leaves to it.
func tabwriterListTable(w io.Writer, idx []session.Index, cat *playbooks.Catalogue) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCLIENT\tPLAYBOOK\tSTATUS\tPROGRESS\tUPDATED")
	for _, x := range idx {
		current, _ := cat.CurrentVersion(x.Playbook)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d/%d\t%s\n",
			x.ID, session.PlainLine(x.Client), session.PlainLine(playbooks.VersionLabel(x.Playbook, x.PlaybookVersion, current)),
			statusWord(x.Status), x.Answered, x.Total, x.Updated.Local().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

// listEntry is the shape of `rapport list --json`, a contract for scripts.
type listEntry struct {
	ID       string `json:"id"`
	Client   string `json:"client"`
	Playbook string `json:"playbook"`
	// PlaybookVersion is the version the session ran (0: not recorded).
	PlaybookVersion int `json:"playbook_version,omitempty"`
	// PlaybookCurrentVersion is the catalogue's version of the playbook
	// now, present only when the catalogue knows it.
	PlaybookCurrentVersion int       `json:"playbook_current_version,omitempty"`
	Status                 string    `json:"status"`
	Created                time.Time `json:"created"`
	Updated                time.Time `json:"updated"`
	Answered               int       `json:"answered"`
	Total                  int       `json:"total"`
}

func writeListJSON(w io.Writer, idx []session.Index, cat *playbooks.Catalogue) error {
	if ok, err := fastListJSON(w, idx, cat); ok {
		return err
	}
	return marshalListJSON(w, idx, cat)
}

// marshalListJSON is writeListJSON through encoding/json, for the records
// fastListJSON leaves to it.
func marshalListJSON(w io.Writer, idx []session.Index, cat *playbooks.Catalogue) error {
	out := make([]listEntry, 0, len(idx))
	for _, x := range idx {
		current, _ := cat.CurrentVersion(x.Playbook)
		out = append(out, listEntry{
			ID: x.ID, Client: x.Client, Playbook: x.Playbook, Status: string(x.Status),
			PlaybookVersion: x.PlaybookVersion, PlaybookCurrentVersion: current,
			Created: x.Created.UTC(), Updated: x.Updated.UTC(), Answered: x.Answered, Total: x.Total,
		})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as the JSON export: & stays &
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(session.EscapeJSONControls(b.Bytes()))
	return err
}

func statusWord(s session.Status) string { return s.Words() }

func (c *cli) deleteCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete REF",
		Short: "Delete a session (asks first on a terminal; --yes for scripts)",
		Example: "rapport delete Acme\n" +
			"rapport delete 01JD3Q --yes",
		Args:              exactArg("REF"),
		ValidArgsFunction: c.completeRefs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.deleteSession(cmd.Context(), args[0], yes)
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "Delete without asking")
	return cmd
}

// errStopped ends a command a signal stopped while it waited for a person;
// what was kept has been said.
var errStopped = silentError{code: 130}

// deleteSession deletes the session ref names. The store is held only to
// read and, once decided, to delete: never while a person decides. So it
// reads what ref names and closes the store, asks (which session, when ref
// only starts a client's name; then whether to delete it), then opens the
// store again and deletes only if the session is as it was shown.
// Without a terminal it needs --yes, and --yes never deletes on the start
// of a client's name: a typo must not delete the wrong client's notes.
func (c *cli) deleteSession(ctx context.Context, ref string, yes bool) error {
	if !yes && !isTerminal(c.in) {
		return errors.New("delete: there is no terminal to ask on; add --yes to delete without asking")
	}
	m, s, err := c.loadMatch(ref)
	if err != nil {
		return err
	}
	lines := newLineReader(c.in)
	if m.Kind == store.MatchClientPrefix {
		if yes {
			return fmt.Errorf("delete %q: that only starts the name of %s, so --yes will not delete on it; give the whole name or the id of one of: %s",
				ref, session.PlainLine(s.Client), store.Candidates(m.Sessions))
		}
		if len(m.Sessions) > 1 {
			id, err := c.askWhich(ctx, lines, ref, m.Sessions)
			if err != nil || id == "" {
				return err
			}
			if s, err = c.loadByID(id); err != nil {
				return err
			}
		}
	}
	what := deleteWhat(s)
	if !yes {
		fmt.Fprintf(c.out, "Delete the session with %s? This cannot be undone. [y/N] ", what)
		answer, err := lines.read(ctx)
		if err != nil {
			return c.kept(err)
		}
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			fmt.Fprintln(c.out, "Kept.")
			return nil
		}
	}
	st, err := c.openExisting()
	if err != nil {
		return err
	}
	defer st.Close()
	now, err := st.Load(s.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("delete: the session with %s is already gone", what)
	case err != nil:
		return err
	case !now.Updated.Equal(s.Updated):
		return fmt.Errorf("delete: the session with %s changed while you decided (another rapport saved to it); nothing was deleted; run delete again", what)
	}
	if err := st.Delete(s.ID); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "Deleted the session with %s.\n", what)
	return nil
}

// deleteWhat names a session in delete's question and message, as plain
// sanitised text: client, playbook id (both may come from an import),
// start date and what goes with it.
func deleteWhat(s *session.Session) string {
	return fmt.Sprintf("%s (%s, %s, %s, %s)",
		session.PlainLine(s.Client), session.PlainLine(s.Playbook.ID), s.Created.Local().Format("2006-01-02"),
		session.Plural(len(s.Answers), "answer", "answers"), session.Plural(len(s.Captures), "capture", "captures"))
}

// askWhich asks which of a client's sessions to delete, ref having only
// started the client's name. It returns "" when the person keeps them all.
func (c *cli) askWhich(ctx context.Context, lines *lineReader, ref string, ss []session.Index) (string, error) {
	fmt.Fprintf(c.out, "%q starts the name of %s, who has %d sessions:\n", ref, session.PlainLine(ss[0].Client), len(ss))
	for i, ix := range ss {
		fmt.Fprintf(c.out, "  %d. %s  %s, started %s, changed %s, %d/%d answered\n", i+1, ix.ID,
			session.PlainLine(ix.PlaybookTitle), ix.Created.Local().Format("2006-01-02"), ix.Updated.Local().Format("2006-01-02 15:04"),
			ix.Answered, ix.Total)
	}
	for {
		fmt.Fprintf(c.out, "Which one? [1-%d, or enter to keep them all] ", len(ss))
		answer, err := lines.read(ctx)
		if err != nil {
			return "", c.kept(err)
		}
		answer = strings.TrimSpace(answer)
		if answer == "" {
			fmt.Fprintln(c.out, "Kept.")
			return "", nil
		}
		if n, err := strconv.Atoi(answer); err == nil && n >= 1 && n <= len(ss) {
			return ss[n-1].ID, nil
		}
		fmt.Fprintf(c.out, "%q is not one of 1 to %d.\n", session.PlainLine(answer), len(ss))
	}
}

// kept ends a question that got no answer: a signal (ctrl+c) or the end of
// the input. Nothing was deleted, and it says so.
func (c *cli) kept(err error) error {
	fmt.Fprintln(c.out)
	fmt.Fprintln(c.out, "Kept.")
	if errors.Is(err, context.Canceled) {
		return errStopped
	}
	return nil
}

// loadMatch opens the store, resolves ref, loads the session and closes the
// store again.
func (c *cli) loadMatch(ref string) (store.Match, *session.Session, error) {
	st, err := c.openExisting()
	if err != nil {
		return store.Match{}, nil, err
	}
	defer st.Close()
	m, err := st.ResolveMatch(ref)
	if err != nil {
		return m, nil, err
	}
	s, err := st.Load(m.ID)
	return m, s, err
}

// loadByID opens the store just long enough to load one session.
func (c *cli) loadByID(id string) (*session.Session, error) {
	st, err := c.openExisting()
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Load(id)
}

// lineReader reads answers from a person one line at a time, and gives up
// as soon as ctx ends: a read from a terminal does not return on a signal,
// and ctrl+c must not leave the question waiting.
type lineReader struct {
	lines chan lineResult
	more  chan struct{}
}

type lineResult struct {
	text string
	err  error
}

func newLineReader(in io.Reader) *lineReader {
	l := &lineReader{lines: make(chan lineResult), more: make(chan struct{})}
	go func() {
		r := bufio.NewReader(in)
		for range l.more {
			text, err := r.ReadString('\n')
			if err != nil && text != "" {
				err = nil // a last line without its newline still counts
			}
			l.lines <- lineResult{text, err}
		}
	}()
	return l
}

// read returns the next line, or the end of input, or ctx's error.
func (l *lineReader) read(ctx context.Context) (string, error) {
	select {
	case l.more <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	select {
	case r := <-l.lines:
		return r.text, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (c *cli) showCmd() *cobra.Command {
	var plain, noPager bool
	var audience string
	cmd := &cobra.Command{
		Use:   "show REF",
		Short: "Show a session's summary (rendered on a terminal, paged when longer than it; Markdown when piped)",
		Example: "rapport show Acme\n" +
			"rapport show 01JD3Q --audience client\n" +
			"rapport show Acme --no-pager\n" +
			"rapport show Acme --plain > acme.md",
		Args:              exactArg("REF"),
		ValidArgsFunction: c.completeRefs,
		RunE: func(cmd *cobra.Command, args []string) error {
			aud, err := session.ParseAudience(audience)
			if err != nil {
				return usageError{err}
			}
			s, client, err := c.loadRefWithClient(args[0], func(*session.Session) bool { return aud == session.AudienceInternal })
			if err != nil {
				return err
			}
			if err := s.CheckAudience(aud); err != nil {
				return err
			}
			md := session.MarkdownWith(s, aud, client)
			cols, _, ok := termSize(c.out)
			if plain || c.accessibleMode() || !ok {
				_, err = c.out.Write(md)
				return err
			}
			// glamour would read the front matter as a heading.
			out, err := tui.RenderSummary(session.StripFrontMatter(md), tui.WrapWidth(cols), termStyle())
			if err != nil {
				return err
			}
			return c.page(out, noPager)
		},
	}
	cmd.Flags().BoolVar(&plain, "plain", false, "Print plain Markdown even on a terminal")
	cmd.Flags().BoolVar(&noPager, "no-pager", false, "Never page through $PAGER, however long the summary")
	cmd.Flags().StringVar(&audience, "audience", "internal", "The `AUDIENCE`: client (nothing internal) or internal (everything); default internal")
	_ = cmd.RegisterFlagCompletionFunc("audience", audiences.complete)
	return cmd
}

// loadRef opens the store, resolves ref and loads the session, closing the
// store again: show and export do not hold it.
func (c *cli) loadRef(ref string) (*session.Session, error) {
	st, err := c.openExisting()
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return resolveLoad(st, ref)
}

// loadRefWithClient is loadRef, and also loads the other sessions of the
// same client when the summary reads them: the internal copy sets paired
// measures against them (our score and theirs), and either copy of a
// follow-up lists the items it carried as the session that made them
// holds them now. Only then are the others read.
func (c *cli) loadRefWithClient(ref string, internal func(*session.Session) bool) (*session.Session, []*session.Session, error) {
	st, err := c.openExisting()
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	s, err := resolveLoad(st, ref)
	if err != nil {
		return nil, nil, err
	}
	// internal is always asked: export works out its default audience there.
	if pairs := internal(s) && len(session.MeasurePairsOf(s, nil)) > 0; !pairs && len(s.Carried) == 0 {
		return s, nil, nil
	}
	idx, err := st.List()
	if err != nil {
		return nil, nil, err
	}
	var others []*session.Session
	for _, ix := range session.ClientIndexes(idx, s.Client) {
		if ix.ID == s.ID {
			continue
		}
		o, err := st.Load(ix.ID)
		if err != nil {
			return nil, nil, err
		}
		others = append(others, o)
	}
	return s, others, nil
}

// resolveLoad finds the session ref names (id, id prefix or client name)
// in the open store and loads it whole, for the commands that act on one.
func resolveLoad(st *store.Store, ref string) (*session.Session, error) {
	id, err := st.Resolve(ref)
	if err != nil {
		return nil, err
	}
	return st.Load(id)
}

func (c *cli) exportCmd() *cobra.Command {
	var format, audience, output string
	var all, force bool
	cmd := &cobra.Command{
		Use:   "export [REF]",
		Short: "Export a session as Markdown, an HTML page or JSON (--all --format json -o DIR for a full backup)",
		Example: "rapport export Acme -o acme.md\n" +
			"rapport export Acme --format html -o acme.html\n" +
			"rapport export Acme --audience internal\n" +
			"rapport export 01JD3Q --format json -o backup.json\n" +
			"rapport export --all --format json -o backups/",
		Args:              maxOneArg("REF"),
		ValidArgsFunction: c.completeRefs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !exportFormats.has(format) {
				return usageErrorf("--format %q: want md, html or json", format)
			}
			aud, err := session.ParseAudience(audience)
			if err != nil {
				return usageError{err}
			}
			// No --audience: each session's own default (the client's copy,
			// or the internal one of a team session, which has no other).
			chosen := cmd.Flags().Changed("audience")
			if all {
				if len(args) > 0 {
					return usageErrorf("export --all takes no REF")
				}
				if format != "json" || output == "" {
					return usageErrorf("export --all needs --format json and -o DIR")
				}
				return c.exportAll(cmd.Context(), output, force)
			}
			if len(args) != 1 {
				return usageErrorf("export needs a REF (an id, an id prefix or a client name), or --all")
			}
			var s *session.Session
			var client []*session.Session
			if format == "json" {
				s, err = c.loadRef(args[0])
			} else {
				s, client, err = c.loadRefWithClient(args[0], func(s *session.Session) bool {
					if !chosen {
						aud = s.DefaultAudience()
					}
					return aud == session.AudienceInternal
				})
			}
			if err != nil {
				return err
			}
			var data []byte
			if format == "json" {
				if data, err = session.MarshalExport(s); err != nil {
					return err
				}
			} else {
				if err := s.CheckAudience(aud); err != nil {
					return err
				}
				if format == "html" {
					if data, err = session.HTML(s, aud, client); err != nil {
						return err
					}
				} else {
					data = session.MarkdownWith(s, aud, client)
				}
			}
			if output == "" || output == "-" {
				// A page of HTML poured onto a terminal is a screenful of
				// markup nobody asked to read: say where it should go.
				// Piped or redirected, it is written as asked.
				if format == "html" && output == "" && isTerminal(c.out) {
					return usageErrorf("export --format html writes a page for a browser: add -o FILE (e.g. -o %s), or pipe it",
						session.ExportFileName(s.Client, s.Created, aud, "html"))
				}
				_, err = c.out.Write(data)
				return err
			}
			rule := outputRule{force: force, protect: store.Files(c.dbPath())}
			if _, err := writeOutput(cmd.Context(), output, rule, writeBytes(data)); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			fmt.Fprintf(c.err, "Wrote %s\n", output)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "md", "The `FORMAT`: md, html or json; default md")
	cmd.Flags().StringVar(&audience, "audience", "client", "The `AUDIENCE`: client (no tips, nothing internal) or internal (everything); default client, but internal for a team session, which has no client copy")
	cmd.Flags().StringVarP(&output, "output", "o", "", "Write to `FILE` (a folder with --all) instead of standard output")
	cmd.Flags().BoolVar(&all, "all", false, "Export every session, one JSON file each (with --format json -o DIR)")
	cmd.Flags().BoolVar(&force, "force", false, "Replace a file that already exists")
	_ = cmd.RegisterFlagCompletionFunc("format", exportFormats.complete)
	_ = cmd.RegisterFlagCompletionFunc("audience", audiences.complete)
	return cmd
}

// exportAll writes every session to DIR/ID.json. Every file is checked
// before any is written, so a refused one (it exists without --force, or it
// is the store) leaves the folder as it was.
func (c *cli) exportAll(ctx context.Context, dir string, force bool) error {
	st, err := c.openExisting()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	idx, err := st.List()
	if err != nil {
		return err
	}
	rule := outputRule{force: force, protect: store.Files(st.Path()), tidied: true}
	for _, x := range idx {
		if _, _, err := rule.checkOutput(filepath.Join(dir, x.ID+".json")); err != nil {
			return fmt.Errorf("export --all: %w", err)
		}
	}
	removeStaleTemps(dir)
	for _, x := range idx {
		s, err := st.Load(x.ID)
		if err != nil {
			return err
		}
		data, err := session.MarshalExport(s)
		if err != nil {
			return err
		}
		if _, err := writeOutput(ctx, filepath.Join(dir, x.ID+".json"), rule, writeBytes(data)); err != nil {
			return fmt.Errorf("export --all: %w", err)
		}
	}
	fmt.Fprintf(c.err, "Wrote %d sessions to %s\n", len(idx), dir)
	return nil
}

func (c *cli) importCmd() *cobra.Command {
	var asNew bool
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import sessions from JSON exports",
		Example: "rapport import acme.json\n" +
			"rapport import backups/*.json\n" +
			"rapport import acme.json --as-new",
		Args:              someArgs("FILE"),
		ValidArgsFunction: completeFiles("json"),
		RunE: func(cmd *cobra.Command, args []string) error {
			sessions, err := c.readImports(args, asNew)
			if err != nil {
				return err
			}
			st, err := c.openStore()
			if err != nil {
				return err
			}
			defer st.Close()
			// One transaction: every session goes in, or none does.
			if err := st.CreateAll(sessions...); err != nil {
				if errors.Is(err, store.ErrExists) {
					for i, s := range sessions {
						if _, lerr := st.Load(s.ID); lerr == nil {
							return fmt.Errorf("import %s: session %s is already in the store; nothing was imported (--as-new imports every file as a copy with a new id)", args[i], s.ID)
						}
					}
				}
				return fmt.Errorf("import: %w; nothing was imported", err)
			}
			for _, s := range sessions {
				fmt.Fprintf(c.out, "Imported %s (%s)\n", s.ID, session.PlainLine(s.Client))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asNew, "as-new", false, "Give the imported sessions new ids, so they sit beside the ones they came from")
	return cmd
}

// readImports reads and checks every file of an import before anything is
// written, so a bad file in the batch imports nothing: each is read up to
// session.MaxExportBytes (import /dev/zero stops there), decoded and
// validated; two files of one session are refused unless asNew gives each
// a new id. A snapshot a playbook file would be refused for is imported as
// it is, with a warning line per problem.
func (c *cli) readImports(files []string, asNew bool) ([]*session.Session, error) {
	var sessions []*session.Session
	from := map[string]string{} // session id -> the file it came from
	for _, f := range files {
		data, err := readCapped(f, session.MaxExportBytes)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", f, err)
		}
		s, err := session.UnmarshalExport(data)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", f, err)
		}
		for _, w := range session.SnapshotWarnings(&s.Playbook) {
			c.warnf("import %s: playbook %s: %s", f, s.Playbook.ID, w)
		}
		if asNew {
			s.ID = newID()
		} else if other, ok := from[s.ID]; ok {
			return nil, fmt.Errorf("import %s: session %s is also in %s; import one of them, or both with --as-new", f, s.ID, other)
		}
		from[s.ID] = f
		sessions = append(sessions, s)
	}
	return sessions, nil
}

// readCapped reads the file at path, refusing one larger than limit bytes
// without reading past it.
func readCapped(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("the file is larger than %d MB, more than any session export; is it one?", limit>>20)
	}
	return data, nil
}

func (c *cli) backupCmd() *cobra.Command {
	var output string
	var force bool
	cmd := &cobra.Command{
		Use:   "backup",
		Short: "Write a consistent copy of the store",
		Example: "rapport backup\n" +
			"rapport backup -o ~/rapport-copy.db",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := c.openExisting()
			if err != nil {
				return err
			}
			defer st.Close()
			if output == "" {
				dir := st.BackupDir()
				if err := os.MkdirAll(dir, 0o700); err != nil {
					return fmt.Errorf("backup: %w", err)
				}
				output = filepath.Join(dir, "rapport-"+time.Now().Format("2006-01-02-150405")+".db")
			}
			rule := outputRule{force: force, protect: store.Files(st.Path())}
			copyStore := func(w io.Writer) error { _, err := st.WriteTo(w); return err }
			if _, err := writeOutput(cmd.Context(), output, rule, copyStore); err != nil {
				return fmt.Errorf("backup: %w", err)
			}
			fmt.Fprintf(c.out, "Backed up %s to %s\n", st.Path(), output)
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "The backup `FILE`; default a dated file in the backups folder beside the store")
	cmd.Flags().BoolVar(&force, "force", false, "Replace a file that already exists")
	return cmd
}
