package main

import (
	"io"
	"os"
	"strconv"
	"strings"

	"rapport/accessible"
)

// Accessible mode (--accessible or RAPPORT_ACCESSIBLE=1) is for facilitators
// who use a screen reader: every command prints plain lines, never an
// alternate screen, a redraw, a colour or an escape sequence, and reads its
// answers line by line from standard input, so it works from a pipe too.
// The session itself runs in package accessible (accessible.Run), started
// by runApp on the same writer as the full-screen app, and so do the plain
// questions of `new` and the plain list that bare `rapport` prints; this
// file holds the command line's side: the choice of mode and the plain
// streams.

// accessibleMode reports whether the plain, line-by-line mode was asked for,
// by the flag or by RAPPORT_ACCESSIBLE: either turns it on.
func (c *cli) accessibleMode() bool {
	return c.accessible || accessibleEnv()
}

// accessibleEnv reads RAPPORT_ACCESSIBLE: 1, true, yes or on.
func accessibleEnv() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("RAPPORT_ACCESSIBLE")))
	if v == "yes" || v == "on" {
		return true
	}
	b, err := strconv.ParseBool(v)
	return err == nil && b
}

// plainStreams hides the terminal from every library when accessible mode is
// asked for, so nothing styles its output: help, errors and glamour look
// for a terminal behind the writer and, finding none, write
// plain text with no escape sequence. The flag is looked for in args
// because help is printed before any command runs.
func plainStreams(args []string, stdout, stderr io.Writer) (io.Writer, io.Writer) {
	asked := accessibleEnv()
	for _, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--accessible"); ok && (v == "" || v[0] == '=') {
			b, err := strconv.ParseBool(strings.TrimPrefix(v, "="))
			asked = asked || v == "" || (err == nil && b)
		}
	}
	if !asked {
		return stdout, stderr
	}
	return plainWriter{stdout}, plainWriter{stderr}
}

// plainWriter is a writer with nothing else to it: no file descriptor, so no
// library takes it for a terminal.
type plainWriter struct{ io.Writer }

// accessibleLibrary is bare `rapport --accessible`: the sessions as plain
// sentences (accessible.Library) and how to start or open one.
func (c *cli) accessibleLibrary() error {
	idx, err := c.listSessions()
	if err != nil {
		return err
	}
	accessible.Library(c.out, idx)
	return nil
}
