package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"rapport/playbooks"
	"rapport/session"
)

// Accessible mode (--accessible or RAPPORT_ACCESSIBLE=1) is for facilitators
// who use a screen reader: every command prints plain lines, never an
// alternate screen, a redraw, a colour or an escape sequence, and reads its
// answers line by line from standard input, so it works from a pipe too.
// The session itself runs in tui.RunAccessible, started by runSession on
// the same writer as the full-screen app; this file holds the command line's
// side: the choice of mode, the plain questions of `new`, and the plain list
// that bare `rapport` prints.

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

// askNewAccessible asks for what `new` was not given, as numbered plain
// questions: the client's name, then the playbook. Lines are read one byte
// at a time so that nothing after them is taken from the session's input.
func (c *cli) askNewAccessible(all []*playbooks.Playbook, client, playbook string) (string, string, error) {
	for strings.TrimSpace(client) == "" {
		fmt.Fprint(c.out, "Question 1 of 2. The client's name: ")
		line, ok := readRawLine(c.in)
		if !ok {
			fmt.Fprintln(c.out)
			return "", "", errors.New("new: no client name was given")
		}
		client = line
		if strings.TrimSpace(client) == "" {
			fmt.Fprintln(c.out, "The name cannot be empty.")
		}
	}
	if playbook != "" {
		return client, playbook, nil
	}
	if len(all) == 0 {
		return "", "", errors.New("new: there is no playbook to run")
	}
	def := 0
	for i, p := range all {
		if p.ID == playbooks.DefaultID {
			def = i
		}
	}
	fmt.Fprintln(c.out, "Question 2 of 2. Which playbook?")
	for i, p := range all {
		line := fmt.Sprintf("%d) %s (%s)", i+1, oneLine(session.Sanitize(p.Title)), oneLine(session.Sanitize(p.ID)))
		if s := oneLine(session.Sanitize(p.Summary)); s != "" {
			line += ": " + s
		}
		fmt.Fprintln(c.out, line)
	}
	for {
		fmt.Fprintf(c.out, "Type a number or an id (Enter alone for %d, %s): ", def+1, oneLine(session.Sanitize(all[def].ID)))
		line, ok := readRawLine(c.in)
		line = strings.TrimSpace(line)
		if !ok || line == "" {
			if !ok {
				fmt.Fprintln(c.out)
			}
			return client, all[def].ID, nil
		}
		if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(all) {
			return client, all[n-1].ID, nil
		}
		for _, p := range all {
			if strings.EqualFold(p.ID, line) {
				return client, p.ID, nil
			}
		}
		fmt.Fprintf(c.out, "No playbook %q: type a number from 1 to %d.\n", oneLine(session.Sanitize(line)), len(all))
	}
}

// readRawLine reads one line from r without reading past it, so the rest of
// the input stays for whoever reads next. false at the end of the input
// with nothing read.
func readRawLine(r io.Reader) (string, bool) {
	var b strings.Builder
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				return strings.TrimSuffix(b.String(), "\r"), true
			}
			b.WriteByte(buf[0])
			continue
		}
		if err != nil {
			return strings.TrimSuffix(b.String(), "\r"), b.Len() > 0
		}
	}
}

// accessibleLibrary is bare `rapport --accessible`: the sessions as plain
// sentences (a table reads badly aloud) and how to start or open one.
func (c *cli) accessibleLibrary() error {
	idx, err := c.listSessions()
	if err != nil {
		return err
	}
	switch len(idx) {
	case 0:
		fmt.Fprintln(c.out, "No sessions yet.")
	case 1:
		fmt.Fprintln(c.out, "1 session, the most recent first:")
	default:
		fmt.Fprintf(c.out, "%d sessions, the most recent first:\n", len(idx))
	}
	for i, x := range idx {
		fmt.Fprintf(c.out, "%d. %s, playbook %s, %s, %d of %d prompts done, updated %s. Id %s.\n",
			i+1, oneLine(session.Sanitize(x.Client)), oneLine(session.Sanitize(x.Playbook)),
			statusWord(x.Status), x.Answered, x.Total, x.Updated.Local().Format("2006-01-02 15:04"), x.ID)
	}
	fmt.Fprintln(c.out, "To start a session: rapport --accessible new. It asks for the client and the playbook.")
	fmt.Fprintln(c.out, "To open one: rapport --accessible open followed by the client's name or the id.")
	fmt.Fprintln(c.out, "To read a summary: rapport --accessible show followed by the client's name or the id.")
	return nil
}
