package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/session"
	"rapport/store"
)

// Shell completion that knows the data: session REFs (the clients' names
// and the ids) for the commands that take one, playbook ids, and the values
// of --format, --audience and --playbook. cobra's completion scripts for
// bash, zsh and fish call `rapport __complete ...`, which lands here.
//
// Completion runs on every tab press, so it reads the store only if it
// exists (never creating it) and waits at most completionLockTimeout for a
// store a running app holds: then it offers nothing rather than hang.

// completionLockTimeout is how long a tab press waits for a store that
// another rapport holds before giving up.
const completionLockTimeout = 150 * time.Millisecond

// choices are the values a flag takes, each with a word on what it means:
// the flag's check and its completion read the same list.
type choices [][2]string

// has reports whether v is one of the values.
func (cs choices) has(v string) bool {
	for _, c := range cs {
		if c[0] == v {
			return true
		}
	}
	return false
}

// complete completes the flag with the values.
func (cs choices) complete(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	out := make([]cobra.Completion, len(cs))
	for i, c := range cs {
		out[i] = cobra.CompletionWithDesc(c[0], c[1])
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// exportFormats are the values of export's --format.
var exportFormats = choices{
	{"md", "Markdown, the summary (default)"},
	{"html", "the summary as one page to send or print"},
	{"json", "the backup format, for import"},
}

// audiences are the values of --audience.
var audiences = choices{
	{string(session.AudienceClient), "the client's copy: no tips, nothing internal"},
	{string(session.AudienceInternal), "everything, for the facilitator"},
}

// completeRefs completes the REF of a command that acts on one session:
// each client's name (which means their latest session), then each
// session's id described by its client and date; newest first.
func (c *cli) completeRefs(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	st, err := store.OpenWith(c.dbPath(), store.Options{MustExist: true, LockTimeout: completionLockTimeout})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp // no store, or in use: nothing to offer
	}
	idx, err := st.List()
	st.Close()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return refCompletions(idx, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// refCompletions is the REFs of idx (newest first) that start with
// prefix: clients' names (ignoring case, as REFs are resolved), then ids.
func refCompletions(idx []session.Index, prefix string) []cobra.Completion {
	lower, upper := strings.ToLower(prefix), strings.ToUpper(prefix)
	sessions := map[string]int{}
	for _, x := range idx {
		sessions[session.PlainLine(x.Client)]++
	}
	var names, ids []cobra.Completion
	seen := map[string]bool{}
	for _, x := range idx {
		name := session.PlainLine(x.Client)
		day := x.Updated.Local().Format("2006-01-02")
		if name != "" && !seen[name] && strings.HasPrefix(strings.ToLower(name), lower) {
			seen[name] = true
			desc := "client: their session of " + day
			if n := sessions[name]; n > 1 {
				desc = fmt.Sprintf("client: the latest of %d sessions, %s", n, day)
			}
			names = append(names, cobra.CompletionWithDesc(name, desc))
		}
		if strings.HasPrefix(x.ID, upper) {
			ids = append(ids, cobra.CompletionWithDesc(x.ID, name+", "+day))
		}
	}
	return append(names, ids...)
}

// completePlaybookIDs completes a playbook id: every playbook, with its
// title.
func (c *cli) completePlaybookIDs(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var ids []cobra.Completion
	for _, p := range c.catalogue().All() {
		ids = append(ids, cobra.CompletionWithDesc(p.ID, session.PlainLine(p.Title)))
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// completeOwnPlaybookIDs completes the id of one of the user's own
// playbooks (the built-ins cannot be edited), broken files included, which
// are what edit is for.
func (c *cli) completeOwnPlaybookIDs(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	cat := c.catalogue()
	var ids []cobra.Completion
	seen := map[string]bool{}
	for _, p := range cat.All() {
		if !cat.Builtin(p.ID) {
			seen[p.ID] = true
			ids = append(ids, cobra.CompletionWithDesc(p.ID, session.PlainLine(p.Title)))
		}
	}
	entries, _ := os.ReadDir(userPlaybookDir())
	for _, e := range entries {
		name := e.Name()
		id := strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".yml")
		if id != name && !seen[id] && !cat.Builtin(id) {
			seen[id] = true
			ids = append(ids, cobra.CompletionWithDesc(id, "has mistakes: see rapport playbooks list"))
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// completeFiles completes file names ending in one of exts.
func completeFiles(exts ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}
