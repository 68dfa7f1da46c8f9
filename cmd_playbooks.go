package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"rapport/playbooks"
	"rapport/session"
)

func (c *cli) playbooksCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "playbooks",
		Short: "List, read, check and write playbooks",
		Example: "rapport playbooks\n" +
			"rapport playbooks show customer-discovery\n" +
			"rapport playbooks new my-guide --from customer-discovery",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.listPlaybooks()
		},
	}
	cmd.AddCommand(
		&cobra.Command{
			Use:     "list",
			Short:   "List playbooks: id, title, summary; names user files that are broken",
			Example: "rapport playbooks list",
			Args:    noArgs,
			RunE:    func(*cobra.Command, []string) error { return c.listPlaybooks() },
		},
		&cobra.Command{
			Use:               "show ID",
			Short:             "Show a playbook as a facilitator's guide",
			Example:           "rapport playbooks show customer-discovery",
			Args:              exactArg("ID"),
			ValidArgsFunction: c.completePlaybookIDs,
			RunE: func(_ *cobra.Command, args []string) error {
				cat := c.catalogue()
				p, ok := cat.Get(args[0])
				if !ok {
					return fmt.Errorf("no playbook %q; see rapport playbooks list", args[0])
				}
				md := []byte(session.Guide(p))
				if !isTerminal(c.out) {
					_, err := c.out.Write(md)
					return err
				}
				out, err := renderMarkdown(md)
				if err != nil {
					return err
				}
				_, err = fmt.Fprint(c.out, out)
				return err
			},
		},
		&cobra.Command{
			Use:               "validate FILE...",
			Short:             "Check playbook files; prints FILE:LINE:COL: for each mistake",
			Example:           "rapport playbooks validate my-guide.yaml\nrapport playbooks validate ~/.config/rapport/playbooks/*.yaml",
			Args:              someArgs("FILE"),
			ValidArgsFunction: completeFiles("yaml", "yml"),
			RunE: func(_ *cobra.Command, args []string) error {
				bad := 0
				for _, f := range args {
					data, err := os.ReadFile(f)
					if err != nil {
						fmt.Fprintf(c.err, "%s: %v\n", f, errors.Unwrap(err))
						bad++
						continue
					}
					if _, err := playbooks.Parse(f, data); err != nil {
						fmt.Fprintln(c.err, session.Sanitize(err.Error()))
						bad++
						continue
					}
					fmt.Fprintf(c.out, "%s: ok\n", f)
				}
				if bad > 0 {
					return silentError{code: 1}
				}
				return nil
			},
		},
		c.newPlaybookCmd(),
		&cobra.Command{
			Use:               "edit ID",
			Short:             "Open your playbook in $VISUAL or $EDITOR and check it when you close it",
			Example:           "rapport playbooks edit my-guide",
			Args:              exactArg("ID"),
			ValidArgsFunction: c.completeOwnPlaybookIDs,
			RunE:              func(_ *cobra.Command, args []string) error { return c.editPlaybook(args[0]) },
		},
	)
	return cmd
}

func (c *cli) listPlaybooks() error {
	cat := c.catalogue()
	tw := tabwriter.NewWriter(c.out, 0, 0, 2, ' ', 0)
	for _, p := range cat.All() {
		origin := "built-in"
		if !cat.Builtin(p.ID) {
			origin = "yours"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.ID, session.PlainLine(p.Title), origin, session.PlainLine(p.Summary))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, e := range cat.Problems() {
		fmt.Fprintln(c.err, "broken: "+session.Sanitize(e.Error()))
	}
	return nil
}

func (c *cli) newPlaybookCmd() *cobra.Command {
	var from string
	cmd := &cobra.Command{
		Use:   "new ID",
		Short: "Start a playbook of your own: a commented example, or a copy of another with --from",
		Example: "rapport playbooks new my-guide\n" +
			"rapport playbooks new my-discovery --from customer-discovery",
		Args: exactArg("ID"),
		RunE: func(_ *cobra.Command, args []string) error {
			path, err := c.newPlaybook(args[0], from)
			if err != nil {
				return err
			}
			fmt.Fprintln(c.out, path)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "Start from a copy of the playbook `ID` (a built-in or one of yours)")
	_ = cmd.RegisterFlagCompletionFunc("from", func(cmd *cobra.Command, _ []string, s string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return c.completePlaybookIDs(cmd, nil, s)
	})
	return cmd
}

// newPlaybook writes the starting file for id into the user's folder and
// returns its path. It refuses an id that is taken or a file that exists,
// so it never overwrites anyone's work.
func (c *cli) newPlaybook(id, from string) (string, error) {
	if err := playbooks.CheckID(id); err != nil {
		return "", errors.New(session.Sanitize(err.Error()))
	}
	cat := c.catalogue()
	if _, taken := cat.Get(id); taken {
		where := "a built-in playbook"
		if p := cat.Path(id); p != "" {
			where = p
		}
		return "", fmt.Errorf("playbook %q already exists (%s); choose another id", id, where)
	}
	data := playbooks.Scaffold(id)
	if from != "" {
		src, ok := cat.Get(from)
		if !ok {
			return "", fmt.Errorf("no playbook %q to copy; see rapport playbooks list", session.Sanitize(from))
		}
		var err error
		if data, err = playbooks.CopyAs(src, id); err != nil {
			return "", fmt.Errorf("copy %s: %w", from, err)
		}
	}
	dir := userPlaybookDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the playbook folder: %w", err)
	}
	path := filepath.Join(dir, id+".yaml")
	for _, other := range []string{path, filepath.Join(dir, id+".yml")} {
		if _, err := os.Lstat(other); err == nil {
			return "", fmt.Errorf("%s already exists; change it with: rapport playbooks edit %s", other, id)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("write the playbook: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}

// editPlaybook opens the user's file for id in the editor and checks it on
// return. While it has mistakes it prints them (FILE:LINE:COL) and, on a
// terminal, offers to reopen it; without a terminal it exits 1.
func (c *cli) editPlaybook(id string) error {
	path, err := c.userPlaybookFile(id)
	if err != nil {
		return err
	}
	reader := bufio.NewReader(c.in)
	for {
		if err := c.runEditor(path); err != nil {
			return err
		}
		problems := checkUserPlaybook(path)
		if problems == nil {
			fmt.Fprintf(c.out, "%s: ok\n", path)
			return nil
		}
		fmt.Fprintln(c.err, session.Sanitize(problems.Error()))
		if !isTerminal(c.in) || !isTerminal(c.out) {
			return silentError{code: 1}
		}
		fmt.Fprint(c.out, "Reopen in the editor? [Y/n] ")
		answer, err := reader.ReadString('\n')
		answer = strings.ToLower(strings.TrimSpace(answer))
		if err != nil || answer == "n" || answer == "no" {
			fmt.Fprintf(c.err, "%s still has mistakes; rapport leaves it out until they are fixed\n", path)
			return silentError{code: 1}
		}
	}
}

// userPlaybookFile finds the file of the user's playbook id: the one the
// catalogue loaded, else ID.yaml or ID.yml in the folder (a broken file
// is not in the catalogue, and fixing it is what edit is for).
func (c *cli) userPlaybookFile(id string) (string, error) {
	cat := c.catalogue()
	if p := cat.Path(id); p != "" {
		return p, nil
	}
	if cat.Builtin(id) {
		return "", fmt.Errorf("%s is a built-in playbook; copy it first: rapport playbooks new my-%s --from %s", id, id, id)
	}
	dir := userPlaybookDir()
	for _, name := range []string{id + ".yaml", id + ".yml"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no playbook %q of yours; start one with: rapport playbooks new %s", session.Sanitize(id), session.Sanitize(id))
}

// runEditor opens path in $VISUAL, else $EDITOR, else vi. The variable may
// carry arguments ("code --wait").
func (c *cli) runEditor(path string) error {
	editor := os.Getenv("VISUAL")
	if strings.TrimSpace(editor) == "" {
		editor = os.Getenv("EDITOR")
	}
	args := strings.Fields(editor)
	if len(args) == 0 {
		args = []string{"vi"}
	}
	cmd := exec.Command(args[0], append(args[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("editor %s: %w", args[0], err)
	}
	return nil
}

// checkUserPlaybook judges the file at path as the catalogue will when it
// loads it: its own mistakes, and an id another playbook already uses.
// It returns nil when the file loads.
func checkUserPlaybook(path string) error {
	cat := loadCatalogue(filepath.Dir(path))
	var mine playbooks.Errors
	for _, p := range cat.Problems() {
		var es playbooks.Errors
		if !errors.As(p, &es) {
			continue
		}
		for _, e := range es {
			if e.File == path {
				mine = append(mine, e)
			}
		}
	}
	if len(mine) > 0 {
		return mine
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	return nil
}
