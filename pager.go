package main

import (
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/charmbracelet/x/term"
)

// defaultPager pages when $PAGER is unset: -R lets the summary's colours
// through.
const defaultPager = "less -R"

// termSize is the size of the terminal w writes to; ok is false when w is
// not a terminal. It reads the size the kernel keeps (an ioctl), which
// asks the terminal nothing.
func termSize(w io.Writer) (cols, rows int, ok bool) {
	f, isFile := w.(*os.File)
	if !isFile || !isTerminal(f) {
		return 0, 0, false
	}
	cols, rows, err := term.GetSize(f.Fd())
	if err != nil || cols <= 0 || rows <= 0 {
		return 0, 0, false
	}
	return cols, rows, true
}

// pagerCommand is the pager $PAGER names (default "less -R") split into a
// program and its arguments; nil when $PAGER is set to nothing or to cat,
// which mean "do not page".
func pagerCommand() []string {
	p, set := os.LookupEnv("PAGER")
	if !set {
		p = defaultPager
	}
	args := strings.Fields(p)
	if len(args) == 0 || args[0] == "cat" {
		return nil
	}
	return args
}

// page writes text to c.out, through the pager when c.out is a terminal
// and text is taller than it (and noPager is false). A pager that cannot
// start is no reason to fail: the text is written as it is.
func (c *cli) page(text string, noPager bool) error {
	_, rows, ok := termSize(c.out)
	args := pagerCommand()
	if noPager || !ok || args == nil || strings.Count(text, "\n") < rows {
		_, err := io.WriteString(c.out, text)
		return err
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin = strings.NewReader(text)
	cmd.Stdout, cmd.Stderr = c.out, c.err
	if _, set := os.LookupEnv("LESS"); !set {
		// As git does: quit at once when the text fits after all (a
		// resize), keep colours, leave the text on screen.
		cmd.Env = append(os.Environ(), "LESS=FRX")
	}
	if err := cmd.Start(); err != nil {
		_, werr := io.WriteString(c.out, text)
		return werr
	}
	// However the pager ends (the reader quit it early, or it could not
	// read the whole text), the text was offered: not a failure of show.
	_ = cmd.Wait()
	return nil
}
