package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// TestRenderSummaryReadsAsText: what the summary writer escapes shows as
// typed on a terminal, with no backslash left; a typed line break stays a
// line break; headings show as headings, never as "##"; in every style.
func TestRenderSummaryReadsAsText(t *testing.T) {
	typed := "Costs ~3 days * 2_ a_b [x] = <b> | #7 \\ `q` +1\nA second line"
	md := "# " + session.EscapeInline("Acme: Discovery") + "\n\n## Key takeaways\n\n### Identify the customer\n\n" +
		"#### " + session.EscapeInline("Who ~ they serve?") + "\n\n" + session.EscapeBlock(typed) + "\n\n" +
		"| Pain | Impact |\n| ---- | -----: |\n| " + session.EscapeInline("a | b ~ c") + " | 3 |\n"
	for _, style := range []string{glamourDark, glamourLight, glamourPlain} {
		t.Run(style, func(t *testing.T) {
			out, err := RenderSummary([]byte(md), 80, style)
			if err != nil {
				t.Fatal(err)
			}
			plain := ansi.Strip(out)
			if strings.Contains(plain, `\`+"~") || strings.Contains(plain, `\*`) || strings.Contains(plain, `\_`) || strings.Contains(plain, `\=`) || strings.Contains(plain, `\[`) {
				t.Errorf("an escape backslash shows:\n%s", plain)
			}
			if strings.Contains(plain, "#### ") || strings.Contains(plain, "## ") || strings.Contains(plain, "# Acme") {
				t.Errorf("a heading shows its Markdown marks:\n%s", plain)
			}
			for _, want := range []string{
				"Costs ~3 days * 2_ a_b [x] = <b> | #7 \\ `q` +1\n", // the first typed line ends there
				"A second line",
				"KEY TAKEAWAYS",
				"Identify the customer",
				"Who ~ they serve?",
				"a | b ~ c",
			} {
				if !strings.Contains(trimLines(plain), want) {
					t.Errorf("rendered summary lacks %q:\n%s", want, plain)
				}
			}
		})
	}
}

// trimLines drops the padding glamour puts around each line.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

// TestSplitSectionsCutsLongLists: a list of a hundred items renders in
// pieces of listChunk items, so the first screen never waits on one huge
// section; the pieces join without a gap, and nothing is lost or doubled.
func TestSplitSectionsCutsLongLists(t *testing.T) {
	var b strings.Builder
	b.WriteString("## Notes\n\n")
	for i := range 100 {
		fmt.Fprintf(&b, "- note %d\n", i)
	}
	b.WriteString("\n## Ideas\n\n- one\n")
	md := b.String()
	sections := splitSections(md)
	if got := strings.Join(sections, ""); got != md {
		t.Fatalf("the sections do not join back into the summary")
	}
	// "## Notes" with 40 items, two more pieces of 40 and 20, "## Ideas".
	if len(sections) != 4 {
		t.Fatalf("%d sections, want 4: %q", len(sections), sections)
	}
	for i, want := range []bool{false, true, true, false} {
		if got := continues(sections, i); got != want {
			t.Errorf("section %d continues the one before: %v, want %v", i, got, want)
		}
	}
	doc, _ := joinRendered([]string{"• a", "• b", "IDEAS"}, func(i int) bool { return i == 1 })
	if doc != "• a\n• b\n\nIDEAS" {
		t.Errorf("joined %q", doc)
	}
}
