package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// richID is the session in testdata/backup/v1-rich.json.
const richID = "01JD3Q0W8ZK6X4T2N9M5R7B1CE"

// TestShowOnATerminal: `rapport show` on a terminal wraps the summary to
// the terminal's width, pages it through $PAGER when it is taller than the
// terminal, prints it straight when it fits or with --no-pager, and shows
// headings without their Markdown marks.
func TestShowOnATerminal(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	if _, errOut, err := h.run(t, "import", filepath.Join("..", "testdata", "backup", "v1-rich.json")); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	paged := filepath.Join(h.dir, "paged.txt")
	// tee stands for the pager: it shows the text and keeps a copy.
	pager := "PAGER=tee " + paged

	tm := h.start(t, 20, 60, []string{pager}, "show", richID)
	if err := tm.wait(30 * time.Second); err != nil {
		t.Fatalf("show: %v\n%s", err, tail(tm.output(), 600))
	}
	got, err := os.ReadFile(paged)
	if err != nil {
		t.Fatalf("a summary taller than the terminal did not go through $PAGER: %v", err)
	}
	text := ansi.Strip(string(got))
	for i, line := range strings.Split(text, "\n") {
		if w := ansi.StringWidth(line); w > 60 {
			t.Errorf("line %d is %d cells wide on a 60-column terminal: %q", i+1, w, line)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		// "## Heading", not a "#tag" that a line happens to start with.
		if l := strings.TrimSpace(line); strings.HasPrefix(strings.TrimLeft(l, "#"), " ") && strings.HasPrefix(l, "#") {
			t.Errorf("a heading shows its Markdown marks: %q", l)
		}
	}
	if !strings.Contains(text, "Fabrikam") {
		t.Errorf("the paged summary lacks the client:\n%s", text)
	}

	for _, run := range []struct {
		name string
		rows uint16
		args []string
	}{
		{"fits", 2000, []string{"show", richID}},
		{"no-pager", 20, []string{"show", "--no-pager", richID}},
	} {
		os.Remove(paged)
		tm := h.start(t, run.rows, 100, []string{pager}, run.args...)
		if err := tm.wait(30 * time.Second); err != nil {
			t.Fatalf("%s: %v", run.name, err)
		}
		if _, err := os.Stat(paged); err == nil {
			t.Errorf("%s: the summary went through the pager", run.name)
		}
		if !strings.Contains(string(tm.output()), "Fabrikam") {
			t.Errorf("%s: the summary was not printed:\n%s", run.name, tail(tm.output(), 600))
		}
	}
}

// TestHTMLExportToATerminal: `export --format html` without -o on a
// terminal does not pour a page of markup onto the screen; it says, in one
// line, to give a file (exit 2). Piped, the page is written as asked
// (deliverable.txtar and the session package test the page itself).
func TestHTMLExportToATerminal(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	if _, errOut, err := h.run(t, "import", filepath.Join("..", "testdata", "backup", "v1-rich.json")); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	tm := h.start(t, 30, 100, nil, "export", richID, "--format", "html")
	err := tm.wait(30 * time.Second)
	out := ansi.Strip(string(tm.output()))
	if err == nil {
		t.Fatalf("export --format html on a terminal succeeded; it printed:\n%s", tail(tm.output(), 600))
	}
	if strings.Contains(out, "<html") || strings.Contains(out, "<!DOCTYPE") {
		t.Errorf("the page's markup reached the terminal:\n%s", tail(tm.output(), 600))
	}
	if !strings.Contains(out, "add -o FILE (e.g. -o fabrikam-") {
		t.Errorf("the refusal does not say to give a file:\n%s", out)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n"); n > 1 {
		t.Errorf("the refusal takes %d lines, want one:\n%s", n+1, out)
	}

	// Piped, the page is written as asked.
	page, errOut, err := h.run(t, "export", richID, "--format", "html")
	if err != nil || !strings.Contains(page, "<title>") {
		t.Errorf("export --format html to a pipe: %v %s\n%.200s", err, errOut, page)
	}
}
