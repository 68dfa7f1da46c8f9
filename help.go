package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The help is rapport's own rather than fang's: fang asks the terminal for
// its background colour before printing it (a wait of up to 5 s on a
// terminal that never answers), pads every line to 120 columns, ignores
// COLUMNS and prints each flag's default in a form of its own. This one
// asks the terminal nothing (its width comes from COLUMNS or an ioctl),
// ends no line with spaces, and prints flag help as written, defaults
// included ("Md or json; default md"). On a terminal without NO_COLOR
// the headings are bold; piped, it is plain text.

// exitUsage is the exit status of a mistake in the command line itself (an
// unknown command or flag, a missing or extra argument); a command that
// fails exits 1.
const exitUsage = 2

// exitStatusHelp documents the exit status in the root command's help.
const exitStatusHelp = "0 when the command did what was asked, 1 when it failed (one line on " +
	"stderr says why), 2 for a mistake in the command line: an unknown command or flag, a missing " +
	"or extra argument, a value a flag does not take."

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usageErrorf makes a usageError from a message.
func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// Argument rules for commands: each says what is missing or extra in
// words that name the argument, as a usage error.

// noArgs refuses any argument; for a command with subcommands, an unknown
// one is named as such.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasAvailableSubCommands() {
		return usageErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return usageErrorf("%s takes no arguments, not %q", words(cmd), args[0])
}

// words is the command as a user types it after "rapport" ("playbooks show").
func words(cmd *cobra.Command) string {
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

// exactArg wants one argument named name (REF, ID, FILE).
func exactArg(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return usageErrorf("%s needs %s", words(cmd), name)
		case len(args) > 1:
			return usageErrorf("%s takes one %s, not also %q", words(cmd), name, args[1])
		}
		return nil
	}
}

// maxOneArg allows one argument named name, or none.
func maxOneArg(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 1 {
			return usageErrorf("%s takes at most one %s, not also %q", words(cmd), name, args[1])
		}
		return nil
	}
}

// someArgs wants one argument named name or more.
func someArgs(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageErrorf("%s needs at least one %s", words(cmd), name)
		}
		return nil
	}
}

// prepareCommands readies the tree before it runs: --version, cobra's help and
// completion commands exist (so they are dressed like the others), every
// argument check and flag error is a usage error, and help is printed by
// printHelp.
func prepareCommands(root *cobra.Command, out io.Writer) {
	root.Version = buildVersion()
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	root.SetHelpCommand(helpCmd())
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.Flags().Lookup("version").Usage = "Print rapport's version"
	dressCompletion(root)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) { printHelp(out, cmd) })
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.Flags().Lookup("help").Usage = "Show this help"
		if args := c.Args; args != nil {
			c.Args = func(cmd *cobra.Command, a []string) error {
				err := args(cmd, a)
				if err != nil && !errors.As(err, new(usageError)) {
					err = usageError{err}
				}
				return err
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// helpCmd is `rapport help [command]`: the help of a command, and a usage
// error for one that does not exist (cobra's prints the root's and exits 0).
func helpCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "help [command]",
		Short:   "Show the help of rapport or of one of its commands",
		Example: "rapport help\nrapport help export\nrapport help playbooks new",
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			parent, _, err := cmd.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range parent.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := cmd.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return usageErrorf("no command %q to show the help of", strings.Join(args, " "))
			}
			return target.Help()
		},
	}
}

// dressCompletion gives cobra's completion command and its shells an
// example each, and its flag help our form.
func dressCompletion(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Short = "Print the shell completion script for bash, zsh, fish or powershell"
		c.Example = "rapport completion bash > ~/.local/share/bash-completion/completions/rapport\n" +
			"rapport completion zsh > \"${fpath[1]}/_rapport\"\n" +
			"rapport completion fish > ~/.config/fish/completions/rapport.fish"
		for _, sh := range c.Commands() {
			sh.Example = "rapport completion " + sh.Name()
			if f := sh.Flags().Lookup("no-descriptions"); f != nil {
				f.Usage = "Leave out the description beside each completion"
			}
		}
	}
}

// helpWidth is the width help is wrapped to: $COLUMNS when set, else the
// terminal's width (an ioctl, not a question to the terminal), else 80.
func helpWidth(out io.Writer) int {
	if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n > 0 {
		return max(n, 20)
	}
	if f, ok := out.(*os.File); ok && isTerminal(f) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			return max(w, 20)
		}
	}
	return 80
}

// printHelp writes cmd's help: what it does, how to call it, examples,
// its commands, its flags and the global ones.
func printHelp(w io.Writer, cmd *cobra.Command) {
	width := helpWidth(w)
	bold := func(s string) string { return s }
	if isTerminal(w) && os.Getenv("NO_COLOR") == "" {
		bold = func(s string) string { return "\x1b[1m" + s + "\x1b[m" }
	}
	var b strings.Builder
	desc := cmd.Long
	if desc == "" {
		desc = cmd.Short
	}
	for _, para := range strings.Split(strings.TrimSpace(desc), "\n\n") {
		b.WriteString(wrap(para, width, 0, 0))
		b.WriteString("\n\n")
	}

	b.WriteString(bold("Usage:") + "\n")
	use := cmd.UseLine()
	if cmd.HasAvailableSubCommands() {
		use = cmd.CommandPath() + " [command]"
		if cmd.Runnable() {
			use = cmd.UseLine() + "\n  " + use
		}
	}
	b.WriteString("  " + use + "\n")

	if ex := strings.TrimSpace(cmd.Example); ex != "" {
		b.WriteString("\n" + bold("Examples:") + "\n")
		for _, line := range strings.Split(ex, "\n") {
			b.WriteString("  " + strings.TrimSpace(line) + "\n")
		}
	}

	var subs [][2]string
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() || sub.Name() == "help" {
			subs = append(subs, [2]string{sub.Name(), sub.Short})
		}
	}
	if len(subs) > 0 {
		b.WriteString("\n" + bold("Commands:") + "\n")
		writeTable(&b, subs, width)
	}
	if rows := flagRows(cmd.LocalFlags()); len(rows) > 0 {
		b.WriteString("\n" + bold("Flags:") + "\n")
		writeTable(&b, rows, width)
	}
	if rows := flagRows(cmd.InheritedFlags()); len(rows) > 0 {
		b.WriteString("\n" + bold("Global flags:") + "\n")
		writeTable(&b, rows, width)
	}
	if !cmd.HasParent() {
		b.WriteString("\n" + bold("Exit status:") + "\n")
		b.WriteString("  " + wrap(exitStatusHelp, width, 2, 2) + "\n")
	}
	if cmd.HasAvailableSubCommands() {
		b.WriteString("\n" + wrap(fmt.Sprintf("Run %s COMMAND --help for a command's help.", cmd.CommandPath()), width, 0, 0) + "\n")
	}
	_, _ = io.WriteString(w, b.String())
}

// flagRows is one row per visible flag: its names and value, its help.
func flagRows(fs *pflag.FlagSet) [][2]string {
	var rows [][2]string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		left := "    --" + f.Name // long names line up under the short ones'
		if f.Shorthand != "" {
			left = "-" + f.Shorthand + ", --" + f.Name
		}
		if name != "" && f.Value.Type() != "bool" {
			left += " " + name
		}
		rows = append(rows, [2]string{left, usage})
	})
	return rows
}

// writeTable writes rows as two columns, the second wrapped under itself;
// a first cell too wide for that puts its help on the next line.
func writeTable(b *strings.Builder, rows [][2]string, width int) {
	const indent, gap, widest = 2, 3, 28
	col := 0
	for _, r := range rows {
		if n := ansi.StringWidth(r[0]); n <= widest {
			col = max(col, n)
		}
	}
	at := indent + col + gap
	for _, r := range rows {
		n := ansi.StringWidth(r[0])
		b.WriteString(strings.Repeat(" ", indent) + r[0])
		if r[1] == "" {
			b.WriteString("\n")
			continue
		}
		if n > col || width-at < 20 {
			b.WriteString("\n" + strings.Repeat(" ", indent+4) + wrap(r[1], width, indent+4, indent+4) + "\n")
			continue
		}
		b.WriteString(strings.Repeat(" ", at-indent-n))
		b.WriteString(wrap(r[1], width, at, at) + "\n")
	}
}

// wrap word-wraps s to width for a cursor at column start: the first line
// as it is, the others indented to column indent. No line ends with a
// space; a word longer than the room is left whole.
func wrap(s string, width, start, indent int) string {
	room := max(width-start, 10)
	var b strings.Builder
	line := 0 // width of the current line's text
	for _, word := range strings.Fields(s) {
		w := ansi.StringWidth(word)
		switch {
		case line == 0:
		case line+1+w <= room:
			b.WriteByte(' ')
			line++
		default:
			b.WriteString("\n" + strings.Repeat(" ", indent))
			line, room = 0, max(width-indent, 10)
		}
		b.WriteString(word)
		line += w
	}
	return b.String()
}
