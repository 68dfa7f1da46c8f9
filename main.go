// Command rapport runs customer-discovery sessions live in the terminal:
// it steps a facilitator through a playbook, saves every word as it is
// typed, and turns the session into a Markdown summary.
//
// main is thin: it parses the command line (cli.go), opens the store and
// hands it, with the playbooks, to the screens in package tui.
package main

import (
	"context"
	"io"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit code. Errors
// are printed as one line on stderr by the command's error handler.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	stdout, stderr = plainStreams(args, stdout, stderr)
	defer guardSignals(stderr, os.Exit)()
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(args)
	if err := execute(ctx, root); err != nil {
		return exitCode(err)
	}
	return 0
}
