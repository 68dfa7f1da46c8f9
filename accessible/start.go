package accessible

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"rapport/playbooks"
	"rapport/session"
)

// The command line's side of accessible mode, before and around a session:
// the plain questions of `new` and the plain list that bare `rapport`
// prints. main decides when accessible mode is on and calls these.

// AskNew asks for what `new` was not given, as numbered plain questions on
// in and out: the client's name, then the playbook from all (its default
// playbooks.DefaultID). Lines are read one byte at a time so that nothing
// after them is taken from the session's input. It returns the client and
// the playbook id.
func AskNew(in io.Reader, out io.Writer, all []*playbooks.Playbook, client, playbook string) (string, string, error) {
	for strings.TrimSpace(client) == "" {
		fmt.Fprint(out, "Question 1 of 2. The client's name: ")
		line, ok := readRawLine(in)
		if !ok {
			fmt.Fprintln(out)
			return "", "", errors.New("new: no client name was given")
		}
		client = line
		if strings.TrimSpace(client) == "" {
			fmt.Fprintln(out, "The name cannot be empty.")
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
	fmt.Fprintln(out, "Question 2 of 2. Which playbook?")
	for i, p := range all {
		line := fmt.Sprintf("%d) %s (%s)", i+1, plainLine(p.Title), plainLine(p.ID))
		if s := plainLine(p.Summary); s != "" {
			line += ": " + s
		}
		fmt.Fprintln(out, line)
	}
	for {
		fmt.Fprintf(out, "Type a number or an id (Enter alone for %d, %s): ", def+1, plainLine(all[def].ID))
		line, ok := readRawLine(in)
		line = strings.TrimSpace(line)
		if !ok || line == "" {
			if !ok {
				fmt.Fprintln(out)
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
		fmt.Fprintf(out, "No playbook %q: type a number from 1 to %d.\n", plainLine(line), len(all))
	}
}

// plainLine is text sanitised and kept to its first line, with a count of
// the rest.
func plainLine(s string) string { return session.OneLine(session.Sanitize(s)) }

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

// Library writes the sessions of idx as plain sentences (a table reads
// badly aloud), the most recent first as given, and how to start or open
// one: what bare `rapport --accessible` prints.
func Library(out io.Writer, idx []session.Index) {
	switch len(idx) {
	case 0:
		fmt.Fprintln(out, "No sessions yet.")
	case 1:
		fmt.Fprintln(out, "1 session, the most recent first:")
	default:
		fmt.Fprintf(out, "%d sessions, the most recent first:\n", len(idx))
	}
	for i, x := range idx {
		fmt.Fprintf(out, "%d. %s, playbook %s, %s, %d of %d prompts done, updated %s. Id %s.\n",
			i+1, plainLine(x.Client), plainLine(x.Playbook),
			x.Status.Words(), x.Answered, x.Total, x.Updated.Local().Format("2006-01-02 15:04"), x.ID)
	}
	fmt.Fprintln(out, "To start a session: rapport --accessible new. It asks for the client and the playbook.")
	fmt.Fprintln(out, "To open one: rapport --accessible open followed by the client's name or the id.")
	fmt.Fprintln(out, "To read a summary: rapport --accessible show followed by the client's name or the id.")
}
