package main

import (
	"errors"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"rapport/playbooks"
	"rapport/session"
)

func (c *cli) playbooksCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "playbooks",
		Short: "List, read and check playbooks",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.listPlaybooks()
		},
	}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "list",
			Short: "List playbooks: id, title, summary; names user files that are broken",
			Args:  cobra.NoArgs,
			RunE:  func(*cobra.Command, []string) error { return c.listPlaybooks() },
		},
		&cobra.Command{
			Use:               "show ID",
			Short:             "Show a playbook as a facilitator's guide",
			Args:              cobra.ExactArgs(1),
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
			Use:   "validate FILE...",
			Short: "Check playbook files; prints FILE:LINE:COL: for each mistake",
			Args:  cobra.MinimumNArgs(1),
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.ID, session.EscapeInline(p.Title), origin, session.EscapeInline(p.Summary))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, e := range cat.Problems() {
		fmt.Fprintln(c.err, "broken: "+session.Sanitize(e.Error()))
	}
	return nil
}

func (c *cli) completePlaybookIDs(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var ids []string
	for _, p := range c.catalogue().All() {
		ids = append(ids, p.ID+"\t"+p.Title)
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}
