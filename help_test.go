package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// everyCommand is the command tree as users see it, help and completion
// commands included.
func everyCommand(t *testing.T) []*cobra.Command {
	t.Helper()
	root := newRootCmd(strings.NewReader(""), io.Discard, io.Discard)
	prepareCommands(root, io.Discard)
	var all []*cobra.Command
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden {
			return
		}
		all = append(all, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return all
}

// TestEveryCommandHasAnExample: each command's help shows at least one
// command line to copy, and each example runs rapport.
func TestEveryCommandHasAnExample(t *testing.T) {
	for _, c := range everyCommand(t) {
		ex := strings.TrimSpace(c.Example)
		if ex == "" {
			t.Errorf("%s has no example", c.CommandPath())
			continue
		}
		for _, line := range strings.Split(ex, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), c.Root().Name()) {
				t.Errorf("%s: example %q does not start with rapport", c.CommandPath(), line)
			}
		}
	}
}

// TestFlagHelpReadsWell: flag help is a sentence (a capital first, no
// full stop at the end), and a flag whose default is not empty says what
// it is in its own words ("md or json; default md").
func TestFlagHelpReadsWell(t *testing.T) {
	for _, c := range everyCommand(t) {
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			_, usage := pflag.UnquoteUsage(f)
			where := c.CommandPath() + " --" + f.Name
			if r := []rune(usage); len(r) == 0 || !unicode.IsUpper(r[0]) {
				t.Errorf("%s: help %q does not start with a capital", where, usage)
			}
			if strings.HasSuffix(usage, ".") {
				t.Errorf("%s: help %q ends with a full stop", where, usage)
			}
			switch f.DefValue {
			case "", "false", "0", "[]":
			default:
				if !strings.Contains(usage, "default "+f.DefValue) {
					t.Errorf("%s: default %q is not in its help %q", where, f.DefValue, usage)
				}
			}
		})
		if r := []rune(c.Short); len(r) == 0 || !unicode.IsUpper(r[0]) {
			t.Errorf("%s: short help %q does not start with a capital", c.CommandPath(), c.Short)
		}
	}
}

// TestHelpWrapsWithoutTrailingSpace holds the help printer to its promise
// at several widths: no line ends in a space, and no line but an example
// or an unbreakable word is wider than asked.
func TestHelpWrapsWithoutTrailingSpace(t *testing.T) {
	for _, width := range []string{"40", "72", "100", "200"} {
		t.Setenv("COLUMNS", width)
		for _, c := range everyCommand(t) {
			var b bytes.Buffer
			printHelp(&b, c)
			for _, line := range strings.Split(b.String(), "\n") {
				if strings.HasSuffix(line, " ") {
					t.Errorf("COLUMNS=%s %s: line ends in a space: %q", width, c.CommandPath(), line)
				}
			}
		}
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		s                    string
		width, start, indent int
		want                 string
	}{
		{"one two three", 80, 0, 0, "one two three"},
		{"one two three four", 30, 20, 4, "one two\n    three four"},
		{"  spaced   out  ", 80, 0, 0, "spaced out"},
		{"averyveryverylongwordthatcannotbreak x", 20, 0, 2, "averyveryverylongwordthatcannotbreak\n  x"},
		{"", 80, 0, 0, ""},
	} {
		if got := wrap(c.s, c.width, c.start, c.indent); got != c.want {
			t.Errorf("wrap(%q, %d, %d, %d) = %q, want %q", c.s, c.width, c.start, c.indent, got, c.want)
		}
	}
}
