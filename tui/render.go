package tui

import (
	"fmt"
	"hash/maphash"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

// Glamour styles the summary is rendered in. Glamour v2 has no automatic
// style, so the app picks one from the background colour it asked for.
const (
	glamourDark  = "dark"
	glamourLight = "light"
	glamourPlain = "notty" // NO_COLOR: structure without colour
)

// renderFunc renders one piece of Markdown wrapped to width in a glamour
// style. It is a field, not a call, so tests count renders and benchmarks
// compare with the real thing.
type renderFunc func(md string, width int, style string) (string, error)

// glamourRender renders with glamour. Renderers are reused per width and
// style from a pool: building one costs more than a short section.
func glamourRender(md string, width int, style string) (string, error) {
	p := rendererPool(width, style)
	tr, _ := p.Get().(*glamour.TermRenderer)
	if tr == nil {
		var err error
		if tr, err = newRenderer(width, style); err != nil {
			return "", err
		}
	}
	out, err := tr.Render(terminalMarkdown(md))
	if err != nil {
		// A renderer that failed half-way may hold state: drop it.
		return "", fmt.Errorf("render summary: %w", err)
	}
	p.Put(tr)
	return out, nil
}

// newRenderer builds a glamour renderer for the summary: its own style
// (summaryStyle), wrapped to width, keeping typed line breaks.
func newRenderer(width int, style string) (*glamour.TermRenderer, error) {
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(summaryStyle(style)), glamour.WithWordWrap(width),
		// A line the facilitator typed on its own line is written as a
		// hard break; glamour would run it into the line before.
		glamour.WithPreservedNewLines())
	if err != nil {
		return nil, fmt.Errorf("render summary: %w", err)
	}
	return tr, nil
}

// RenderSummary renders a whole summary (front matter stripped) for a
// terminal, as the summary screen does: glamour in the summary's style
// (glamourDark, glamourLight or glamourPlain, the names StyleName gives),
// wrapped to width. rapport show uses it, so the command line and the
// screen draw a summary alike.
func RenderSummary(md []byte, width int, style string) (string, error) {
	return glamourRender(string(md), width, style)
}

// StyleName is the summary's glamour style for a terminal: plain under
// NO_COLOR, else dark or light for the background.
func StyleName(noColor, dark bool) string {
	switch {
	case noColor:
		return glamourPlain
	case dark:
		return glamourDark
	}
	return glamourLight
}

// WrapWidth is the width a summary is wrapped to on a terminal cols wide:
// less glamour's two-column margin on each side, at most maxWrap, since
// longer lines are hard to read on a wide screen.
func WrapWidth(cols int) int { return min(max(cols-4, 10), maxWrap) }

// summaryStyle is glamour's standard style name with headings that look
// like headings rather than Markdown: no "## " before them, the sections
// (level 2) in capitals, each level bold. Under NO_COLOR (glamour's notty
// style, which otherwise spells bold as "**") bold and italic are the
// terminal's own attributes, which are not colour.
func summaryStyle(name string) gansi.StyleConfig {
	base, ok := styles.DefaultStyles[name]
	if !ok {
		base = styles.DefaultStyles[glamourDark]
	}
	c := *base
	yes := true
	c.H1.Prefix, c.H1.Suffix = " ", " " // room inside the title's band of colour
	for _, h := range []*gansi.StyleBlock{&c.H2, &c.H3, &c.H4, &c.H5, &c.H6} {
		h.Prefix = ""
		h.Bold = &yes
	}
	c.H2.Upper = &yes
	if name == glamourPlain {
		c.H1.Prefix, c.H1.Suffix = "", ""
		c.H1.Bold = &yes
		c.H1.Upper = &yes
		c.Strong = gansi.StylePrimitive{Bold: &yes}
		c.Emph = gansi.StylePrimitive{Italic: &yes}
	}
	// A question (level 4) is read in the text's colour, not the
	// heading's, so the sections above it stand out.
	c.H4.Color = c.Document.Color
	return c
}

// terminalMarkdown prepares a summary for glamour, which shows some of
// Markdown's backslash escapes as typed ("\~", "\="): each escaped
// character is written as its numeric character reference instead, which
// glamour decodes and which, like the escape, starts no structure. The
// summary escapes every backslash it holds, so a backslash before
// punctuation is always an escape.
func terminalMarkdown(md string) string {
	if !strings.Contains(md, `\`) {
		return md
	}
	var b strings.Builder
	b.Grow(len(md) + len(md)/8)
	for i := 0; i < len(md); i++ {
		c := md[i]
		if c == '\\' && i+1 < len(md) && isASCIIPunct(md[i+1]) {
			i++
			b.WriteString("&#")
			b.WriteString(strconv.Itoa(int(md[i])))
			b.WriteByte(';')
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')
}

type poolKey struct {
	width int
	style string
}

// renderers holds a pool of glamour renderers per width and style. A
// TermRenderer is not safe for concurrent use; a pool gives each worker
// its own.
var renderers sync.Map // poolKey -> *sync.Pool

func rendererPool(width int, style string) *sync.Pool {
	k := poolKey{width, style}
	if p, ok := renderers.Load(k); ok {
		return p.(*sync.Pool)
	}
	p, _ := renderers.LoadOrStore(k, &sync.Pool{})
	return p.(*sync.Pool)
}

// splitSections cuts a summary at its "## ", "### " and "#### " headings,
// so each phase heading and each prompt with its answer is a section of
// its own and editing one answer re-renders one small piece. The Markdown
// writer escapes a leading "#" in user text, so a heading line is always
// one the writer made. A long bulleted list (a hundred notes) is cut
// further, every listChunk items, so the screen never waits on glamour
// for one huge section; such a piece starts with "- " and joins the one
// before it without a blank line (joinRendered). Sections keep their text
// exactly; joined, they are md.
func splitSections(md string) []string {
	var out []string
	start, items := 0, 0
	for i := 0; i < len(md); {
		nl := strings.IndexByte(md[i:], '\n')
		next := len(md)
		if nl >= 0 {
			next = i + nl + 1
		}
		line := md[i:next]
		switch {
		case i > start && (strings.HasPrefix(line, "## ") || strings.HasPrefix(line, "### ") || strings.HasPrefix(line, "#### ")):
			out = append(out, md[start:i])
			start, items = i, 0
		case strings.HasPrefix(line, "- "):
			// A top-level item; the line before it is an item of the
			// same list (or its continuation), never a blank line, so
			// the piece cut off is a list of its own.
			if items >= listChunk && i > 0 && md[i-2] != '\n' {
				out = append(out, md[start:i])
				start, items = i, 0
			}
			items++
		case line == "\n":
			items = 0
		}
		i = next
	}
	if start < len(md) {
		out = append(out, md[start:])
	}
	return out
}

// listChunk is how many items of a long list render as one piece.
const listChunk = 40

// continues reports whether section i carries on the list of the section
// before it (splitSections cut a long list), so the two join without a
// blank line between them.
func continues(sections []string, i int) bool {
	return i > 0 && strings.HasPrefix(sections[i], "- ")
}

// renderKey names one rendered section: its text, width and style.
type renderKey struct {
	sum   uint64
	width int
	style string
}

var hashSeed = maphash.MakeSeed()

// renderJob is one document to render: its sections, width and style.
type renderJob struct {
	sections []string
	width    int
	style    string
}

func (j renderJob) key(i int) renderKey {
	return renderKey{sum: maphash.String(hashSeed, j.sections[i]), width: j.width, style: j.style}
}

// renderCache keeps rendered sections across renders, so reopening the
// summary, toggling the audience back or editing one answer renders only
// what changed. Commands fill it while Update reads it, hence the lock.
// Entries no document used in the last few compositions are dropped, so it
// holds a few versions of one summary, not every version ever seen.
type renderCache struct {
	mu      sync.Mutex
	entries map[renderKey]cacheEntry
	gen     uint64
}

type cacheEntry struct {
	out  string
	used uint64 // the composition that last used it
}

// keepGens is how many compositions an unused entry survives: enough for
// both audiences, a resize and an edit.
const keepGens = 8

func newRenderCache() *renderCache {
	return &renderCache{entries: map[renderKey]cacheEntry{}}
}

// compose returns the document with every section the cache holds
// rendered and the others drawn by plain, and the indexes of the sections
// still to render. It renders nothing, so Update may call it: the screen
// shows the best it has at once and never waits.
func (c *renderCache) compose(job renderJob, plain func(string) string) (doc string, starts, missing []int) {
	parts := make([]string, len(job.sections))
	c.mu.Lock()
	c.gen++
	for i := range job.sections {
		k := job.key(i)
		if e, ok := c.entries[k]; ok {
			e.used = c.gen
			c.entries[k] = e
			parts[i] = e.out
		} else {
			missing = append(missing, i)
		}
	}
	for k, e := range c.entries {
		if c.gen-e.used >= keepGens {
			delete(c.entries, k)
		}
	}
	c.mu.Unlock()
	for _, i := range missing {
		parts[i] = trimBlankLines(plain(job.sections[i]))
	}
	doc, starts = joinRendered(parts, func(i int) bool { return continues(job.sections, i) })
	return doc, starts, missing
}

// fill renders the sections idx of job with fn (in parallel, one glamour
// renderer per worker) and keeps them. It runs in a command, never in
// Update.
func (c *renderCache) fill(job renderJob, idx []int, fn renderFunc) error {
	outs := make([]string, len(idx))
	errs := make([]error, len(idx))
	workers := min(runtime.GOMAXPROCS(0), len(idx))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for n := range next {
				outs[n], errs[n] = fn(job.sections[idx[n]], job.width, job.style)
				outs[n] = trimBlankLines(outs[n]) // once here, not on every compose
			}
		})
	}
	for n := range idx {
		next <- n
	}
	close(next)
	wg.Wait()

	c.mu.Lock()
	defer c.mu.Unlock()
	for n, i := range idx {
		if errs[n] != nil {
			return errs[n]
		}
		c.entries[job.key(i)] = cacheEntry{out: outs[n], used: c.gen}
	}
	return nil
}

// joinRendered joins sections, whose blank lines at both ends were
// trimmed, with one blank line between them, as glamour spaces blocks in a
// whole document (none before a section that continues the list of the
// one before), and returns the line each section starts on.
func joinRendered(parts []string, cont func(i int) bool) (string, []int) {
	var b strings.Builder
	n := 0
	for _, p := range parts {
		n += len(p) + 2
	}
	b.Grow(n)
	starts := make([]int, len(parts))
	line := 0
	for i, p := range parts {
		if p != "" && b.Len() > 0 {
			if cont(i) {
				b.WriteString("\n")
				line++
			} else {
				b.WriteString("\n\n")
				line += 2
			}
		}
		starts[i] = line
		if p == "" {
			continue
		}
		b.WriteString(p)
		line += strings.Count(p, "\n")
	}
	return b.String(), starts
}

// trimBlankLines drops leading and trailing lines that hold only spaces
// (glamour pads lines to the wrap width and adds a blank line around a
// document).
func trimBlankLines(s string) string {
	for {
		nl := strings.IndexByte(s, '\n')
		if nl < 0 || !blank(s[:nl]) {
			break
		}
		s = s[nl+1:]
	}
	for {
		nl := strings.LastIndexByte(s, '\n')
		if nl < 0 || !blank(s[nl+1:]) {
			break
		}
		s = s[:nl]
	}
	if blank(s) {
		return ""
	}
	return s
}

// blank reports whether a rendered line shows nothing but spaces.
func blank(line string) bool { return strings.TrimSpace(ansi.Strip(line)) == "" }
