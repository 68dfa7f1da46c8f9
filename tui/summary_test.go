package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// summarySession is the test playbook's session part-answered, with a
// client-facing quote and pain, an internal risk, a facilitator's note and
// an answer to the internal prompt: everything the two audiences and
// present mode tell apart.
func summarySession(c *clock) *session.Session {
	s := newTestSession(c)
	now := c.Now()
	s.PutAnswer(session.Answer{PromptID: "who-they-serve", Text: "Mid-size logistics firms.\nMostly ops managers who hate surprises."}, now)
	s.PutAnswer(session.Answer{PromptID: "role", Text: "Head of operations"}, now)
	s.PutAnswer(session.Answer{PromptID: "trust", Rating: 3, Evidence: "They still check every invoice."}, now)
	s.PutAnswer(session.Answer{PromptID: "channel", Choices: []string{"Chat"}}, now)
	s.PutAnswer(session.Answer{PromptID: "private", Text: "SECRET-READ: the sponsor is leaving in spring."}, now)
	s.PutAnswer(session.Answer{PromptID: "pains", Items: []string{"Late hand-offs", "Manual re-keying"}}, now)
	s.SetState("drivers", session.StateParked, now)
	for i, c := range []session.Capture{
		{Kind: session.CaptureQuote, Text: "We find out about problems from our customers."},
		{Kind: session.CapturePain, Text: "Orders re-keyed by hand", Impact: 4, Effort: 2},
		{Kind: session.CaptureRisk, Text: "SECRET-RISK: budget freeze", Internal: true},
		{Kind: session.CaptureNote, Text: "SECRET-NOTE: ask about the merger", Internal: true}, // notes start internal
	} {
		c.ID = fmt.Sprintf("c%02d", i)
		c.Phase = "identify"
		s.PutCapture(c, now)
	}
	return s
}

// sumHarness drives a summary screen directly, running its commands the
// way the program would and counting glamour renders.
type sumHarness struct {
	t        *testing.T
	s        summary
	clock    *clock
	mu       sync.Mutex
	renders  int
	exported map[string]string
	last     tea.Msg // the last message a command produced for someone else
}

func newSumHarness(t *testing.T, sess *session.Session, w, h int, fn renderFunc) *sumHarness {
	t.Helper()
	hs := &sumHarness{t: t, clock: newClock(), exported: map[string]string{}}
	if sess == nil {
		sess = summarySession(hs.clock)
	}
	if fn == nil {
		fn = glamourRender
	}
	deps := Deps{Now: hs.clock.Now, NoColor: true,
		Export: func(name string, data []byte, replace bool) (string, error) {
			path := "/exports/" + name
			if _, ok := hs.exported[name]; ok && !replace {
				return path, fmt.Errorf("%s exists: %w", path, fs.ErrExist)
			}
			hs.exported[name] = string(data)
			return path, nil
		}}.withDefaults()
	keys := defaultKeyMap()
	st := plainStyles()
	s := newSummary(deps, &st, &keys, newRenderCache())
	s.render = func(md string, width int, style string) (string, error) {
		hs.mu.Lock()
		hs.renders++
		hs.mu.Unlock()
		return fn(md, width, style)
	}
	hs.s = *s
	hs.s.setSize(w, h)
	hs.run(hs.s.open(sess, false))
	return hs
}

// run runs cmd and hands the summary's own results back to it until none
// is left. A resize's settling timer is not run (it would wait): tests
// send summaryResizedMsg themselves.
func (h *sumHarness) run(cmd tea.Cmd) {
	h.t.Helper()
	for cmd != nil {
		msg := cmd()
		switch msg.(type) {
		case summaryRenderedMsg, summaryExportedMsg:
			h.s, cmd = h.s.update(msg)
		default:
			h.last = msg
			return
		}
	}
}

func (h *sumHarness) key(msgs ...tea.Msg) {
	h.t.Helper()
	for _, m := range msgs {
		var cmd tea.Cmd
		h.s, cmd = h.s.update(m)
		h.run(cmd)
	}
}

func (h *sumHarness) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := h.renders
	h.renders = 0
	return n
}

func (h *sumHarness) view() string { return ansi.Strip(h.s.view()) }

// TestSummaryGolden draws the summary as a facilitator meets it, at a
// laptop size and a large window (go test ./tui -run TestSummaryGolden
// -update rewrites the files).
func TestSummaryGolden(t *testing.T) {
	cases := []struct {
		name  string
		setup func(h *sumHarness)
	}{
		{"client", func(h *sumHarness) {}},
		{"internal", func(h *sumHarness) { h.key(kr('a')) }},
		{"bottom", func(h *sumHarness) { h.key(kr('G')) }},
		{"presenting", func(h *sumHarness) {
			h.key(kr('a'))
			h.run(h.s.setPresent(true))
		}},
		{"exported", func(h *sumHarness) { h.key(kr('e')) }},
		{"replace", func(h *sumHarness) { h.key(kr('e'), kr('e')) }},
		{"help", func(h *sumHarness) { h.key(kr('?')) }},
	}
	for _, c := range cases {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			h := newSumHarness(t, nil, sz[0], sz[1], nil)
			c.setup(h)
			got := h.view()
			checkFits(t, got, sz[0], sz[1])
			golden(t, fmt.Sprintf("%s_%dx%d", c.name, sz[0], sz[1]), got)
		}
	}
	h := newSumHarness(t, nil, 20, 6, nil)
	got := h.view()
	checkFits(t, got, 20, 6)
	if !strings.Contains(got, "too small") {
		t.Errorf("a 20x6 summary should say the window is too small:\n%s", got)
	}
}

// TestSummaryRendersOnlyChangedSections: glamour runs once per section on
// first open, not at all when nothing changed, once after one answer was
// edited, and for every section after a resize (the wrap width changed).
func TestSummaryRendersOnlyChangedSections(t *testing.T) {
	h := newSumHarness(t, nil, 80, 24, nil)
	sections := len(h.s.job.sections)
	if n := h.count(); n != sections {
		t.Fatalf("first open rendered %d sections, want all %d", n, sections)
	}
	h.run(h.s.refresh())
	if n := h.count(); n != 0 {
		t.Errorf("reopening unchanged rendered %d sections, want 0", n)
	}

	h.s.sess.PutAnswer(session.Answer{PromptID: "role", Text: "Chief operating officer"}, h.clock.Now())
	h.run(h.s.refresh())
	if n := h.count(); n != 1 {
		t.Errorf("after editing one answer %d sections were rendered, want 1", n)
	}
	if !strings.Contains(h.view()+strings.Join(h.s.job.sections, ""), "Chief operating officer") {
		t.Errorf("the edited answer is not in the summary")
	}

	h.key(kr('a'))
	internal, internalSections := h.count(), len(h.s.job.sections)
	h.key(kr('a'))
	if n := h.count(); n != 0 {
		t.Errorf("back to the client's copy rendered %d sections, want 0 (cached)", n)
	}
	// The answers the two copies share are rendered once.
	if internal == 0 || internal >= internalSections {
		t.Errorf("the internal copy rendered %d sections, want only those that differ (0 < n < %d)", internal, internalSections)
	}

	cmd := h.s.setSize(100, 30)
	if cmd == nil {
		t.Fatal("a resize should ask to re-render once it settles")
	}
	if n := h.count(); n != 0 {
		t.Errorf("a resize rendered %d sections at once; it should wait for the size to settle", n)
	}
	h.key(summaryResizedMsg{gen: h.s.gen - 1}) // a resize that was overtaken
	if n := h.count(); n != 0 {
		t.Errorf("a stale resize rendered %d sections", n)
	}
	h.key(summaryResizedMsg{gen: h.s.gen})
	if n := h.count(); n != len(h.s.job.sections) {
		t.Errorf("after a resize %d sections were rendered, want all %d", n, len(h.s.job.sections))
	}
	if !h.s.rendered {
		t.Errorf("after the renders finished the summary should be fully rendered")
	}
}

// TestSummaryPlainFirst: the Markdown shows the moment the summary opens,
// before glamour has run, and the render replaces it when it comes back.
func TestSummaryPlainFirst(t *testing.T) {
	c := newClock()
	keys := defaultKeyMap()
	st := plainStyles()
	s := newSummary(Deps{Now: c.Now, NoColor: true}.withDefaults(), &st, &keys, newRenderCache())
	s.render = func(md string, width int, style string) (string, error) {
		return "RENDERED " + strings.ToUpper(strings.SplitN(md, "\n", 2)[0]), nil
	}
	s.setSize(80, 24)
	cmd := s.open(summarySession(c), false)
	if cmd == nil {
		t.Fatal("opening the summary should render in a command")
	}
	before := ansi.Strip(s.view())
	if !strings.Contains(before, "# Acme Corp: Customer discovery") || !strings.Contains(before, "rendering…") {
		t.Errorf("before the render the plain Markdown should show, marked as rendering:\n%s", before)
	}
	if strings.Contains(before, "RENDERED") {
		t.Errorf("nothing was rendered yet:\n%s", before)
	}
	for cmd != nil {
		*s, cmd = s.update(cmd())
	}
	after := ansi.Strip(s.view())
	if !strings.Contains(after, "RENDERED # ACME CORP") || strings.Contains(after, "rendering…") {
		t.Errorf("after the render its output should show:\n%s", after)
	}
}

// TestSummaryExport: e writes the copy on screen through Deps.Export
// under <client>-<date>.md and says where it went.
func TestSummaryExport(t *testing.T) {
	h := newSumHarness(t, nil, 80, 24, nil)
	h.key(kr('e'))
	data, ok := h.exported["acme-corp-2026-03-14.md"]
	if !ok {
		t.Fatalf("exported %v, want acme-corp-2026-03-14.md", h.exported)
	}
	if !strings.HasPrefix(data, "---\n") || strings.Contains(data, "SECRET") {
		t.Errorf("the client's export should have front matter and nothing internal:\n%s", data)
	}
	if v := h.view(); !strings.Contains(v, "exported to /exports/acme-corp-2026-03-14.md") {
		t.Errorf("the status line should say where the file went:\n%s", v)
	}
	h.key(kr('E'))
	page := h.exported["acme-corp-2026-03-14.html"]
	if !strings.HasPrefix(page, "<!DOCTYPE html>") || strings.Contains(page, "SECRET") || !strings.Contains(page, "<h1") {
		t.Errorf("E should export the client's copy as an HTML page:\n%s", page)
	}
	if v := h.view(); !strings.Contains(v, "exported to /exports/acme-corp-2026-03-14.html") {
		t.Errorf("the status line should say where the page went:\n%s", v)
	}
	h.key(kr('a'), kr('e'), kr('E'))
	if data := h.exported["acme-corp-2026-03-14-internal.md"]; !strings.Contains(data, "SECRET-RISK") {
		t.Errorf("the internal export should hold the internal risk:\n%s", data)
	}
	if page := h.exported["acme-corp-2026-03-14-internal.html"]; !strings.Contains(page, "SECRET-RISK") || !strings.Contains(page, "Internal: not for the client") {
		t.Errorf("the internal page should hold the internal risk and say what it is:\n%s", page)
	}
}

// TestSummaryExportAsksBeforeReplacing: e when the file exists asks
// (issue 23: nothing is replaced without consent); n, esc or any other key
// keeps the file and writes nothing, y replaces it.
func TestSummaryExportAsksBeforeReplacing(t *testing.T) {
	h := newSumHarness(t, nil, 80, 24, nil)
	const name = "acme-corp-2026-03-14.md"
	h.key(kr('e'))
	h.exported[name] = "an older export"
	for _, no := range []tea.KeyPressMsg{kr('n'), kEsc, kr('e')} {
		h.key(kr('e'))
		if v := h.view(); !strings.Contains(v, name+" exists: replace it? y/N") || !strings.Contains(v, "y replace it") {
			t.Fatalf("e on an existing file should ask:\n%s", v)
		}
		h.key(no)
		if h.exported[name] != "an older export" {
			t.Fatalf("%s replaced the file", no)
		}
		if v := h.view(); !strings.Contains(v, "not exported: kept the existing "+name) {
			t.Fatalf("after %s the status should say the file was kept:\n%s", no, v)
		}
	}
	h.key(kr('e'), kr('y'))
	if !strings.HasPrefix(h.exported[name], "---\n") {
		t.Fatalf("y did not replace the file: %q", h.exported[name])
	}
	if v := h.view(); !strings.Contains(v, "exported to /exports/"+name) {
		t.Errorf("after y the status should say where the file went:\n%s", v)
	}
}

// TestSummaryKeys: esc goes back, ctrl+p asks the root to switch present
// mode, and in present mode the audience key does nothing.
func TestSummaryKeys(t *testing.T) {
	h := newSumHarness(t, nil, 80, 24, nil)
	h.key(kEsc)
	if _, ok := h.last.(backMsg); !ok {
		t.Errorf("esc produced %T, want backMsg", h.last)
	}
	h.key(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl})
	if _, ok := h.last.(presentToggledMsg); !ok {
		t.Errorf("ctrl+p produced %T, want presentToggledMsg", h.last)
	}
	h.run(h.s.setPresent(true))
	h.key(kr('a'))
	if h.s.effective() != session.AudienceClient {
		t.Errorf("present mode must keep the client's copy")
	}
	h.key(kr('G'))
	if !h.s.vp.AtBottom() {
		t.Errorf("G should go to the bottom")
	}
	h.key(kr('g'))
	if !h.s.vp.AtTop() {
		t.Errorf("g should go to the top")
	}
}

// TestPresentModeHidesInternal: in present mode neither the runner nor the
// summary shows a tip, an internal prompt, an internal capture or a
// facilitator's note, and both say PRESENTING.
func TestPresentModeHidesInternal(t *testing.T) {
	c := newClock()
	sess := summarySession(c)
	h := newHarness(t, sess, false, 120, 30) // wide: tips sit beside the prompt
	if v := h.view(); !strings.Contains(v, "Ask, then stay silent.") {
		t.Fatalf("without present mode the tips show:\n%s", v)
	}
	h.send(h.send(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl})())
	if !h.app.present {
		t.Fatal("ctrl+p should switch present mode on")
	}
	secrets := []string{"Tips", "Ask, then stay silent.", "Facilitator's read of the room", "SECRET", "· internal", "internal copy"}
	var walk []string
	for range h.r().walk.Len() + 1 {
		v := h.view()
		walk = append(walk, v)
		if !strings.Contains(v, "PRESENTING") {
			t.Errorf("the runner should say PRESENTING:\n%s", v)
		}
		h.send(kDown)
	}
	h.send(kr('g')) // the index lists every step the runner walks
	walk = append(walk, h.view())
	h.send(kEsc)
	for _, v := range walk {
		for _, sec := range secrets {
			if strings.Contains(v, sec) {
				t.Errorf("present mode shows %q:\n%s", sec, v)
			}
		}
	}

	cmd := h.send(kr('m'))
	for cmd != nil { // open, then render, as the program would
		cmd = h.send(cmd())
	}
	if h.app.screen != screenSummary || !h.app.sum.rendered {
		t.Fatalf("m should open the summary and render it")
	}
	h.send(kr('a')) // asks for the internal copy: refused
	for range 20 {
		v := h.view()
		if !strings.Contains(v, "PRESENTING") || !strings.Contains(v, "client copy") {
			t.Errorf("the summary should say PRESENTING and show the client copy:\n%s", v)
		}
		for _, sec := range secrets {
			if strings.Contains(v, sec) {
				t.Errorf("present mode summary shows %q:\n%s", sec, v)
			}
		}
		h.send(tea.KeyPressMsg{Code: tea.KeyPgDown})
	}

	// Off again: the internal prompt is back in the runner's steps.
	h.send(h.send(tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl})())
	h.send(kEsc)
	found := false
	for _, st := range h.r().walk.Steps() {
		found = found || st.Prompt.Internal
	}
	if !found {
		t.Errorf("after present mode the internal prompt should be back")
	}
}

// TestSummaryResizeStorm: any sequence of sizes, tiny and zero included,
// neither panics nor draws a line wider or a screen taller than the window.
func TestSummaryResizeStorm(t *testing.T) {
	h := newSumHarness(t, nil, 80, 24, nil)
	sizes := [][2]int{{0, 0}, {1, 1}, {20, 6}, {31, 9}, {32, 6}, {200, 60}, {5, 100}, {100, 5}, {80, 24}}
	for i := range 60 {
		sz := sizes[(i*7)%len(sizes)]
		h.s.setSize(sz[0], sz[1])
		if i%3 == 0 {
			h.key(summaryResizedMsg{gen: h.s.gen})
		}
		h.key(kDown, tea.KeyPressMsg{Code: tea.KeyPgDown}, kr('G'))
		if sz[0] > 0 && sz[1] > 0 {
			checkFits(t, h.view(), sz[0], sz[1])
		} else if v := h.view(); v != "" {
			t.Errorf("a %dx%d window should draw nothing, drew %q", sz[0], sz[1], v)
		}
	}
}

// TestSummaryFromLibrary: a stored session's summary opens by id (loaded
// in a command, as the library asks for it), and esc goes back to where
// the facilitator was.
func TestSummaryFromLibrary(t *testing.T) {
	c := newClock()
	stored := summarySession(c)
	stored.ID, stored.Client = "01HSTORED000000000000000000", "Globex"
	h := &harness{t: t, clock: c, saver: newMemSaver()}
	h.app = New(Deps{Saver: h.saver, Sessions: newSynthLib(stored), Now: c.Now, NoColor: true},
		Start{Session: newTestSession(c)})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	cmd := h.send(openSummaryMsg{id: stored.ID})
	for cmd != nil {
		cmd = h.send(cmd())
	}
	if h.app.screen != screenSummary || !strings.Contains(h.view(), "Globex · Summary") {
		t.Fatalf("the stored session's summary should show:\n%s", h.view())
	}
	h.send(h.send(kEsc)())
	if h.app.screen != screenRunner {
		t.Errorf("esc should go back to the runner, screen is %d", h.app.screen)
	}
}

// TestSummaryHostileText: whatever a session holds (escape sequences, OSC
// 52 and OSC 8, C1 bytes, HTML entities glamour would decode, bidi
// overrides), the rendered summary sends the terminal nothing but colour
// and style (SGR) sequences.
func TestSummaryHostileText(t *testing.T) {
	hostile := []string{
		"\x1b]52;c;ZXZpbA==\x07",
		"&#27;]52;c;ZXZpbA==&#7; and &#x1b;[2J and &#155;31m",
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
		"\u009b31mred \x1b[2J\x1b[H",
		"abc\u202Edcba \u2066iso\u2069",
		"<script>alert(1)</script> <b>bold</b>",
		"a\x00b\x7f\r\n# heading\n```\ncode\n```",
	}
	c := newClock()
	s := summarySession(c)
	now := c.Now()
	for i, txt := range hostile {
		s.PutCapture(session.Capture{ID: fmt.Sprintf("h%02d", i), Kind: session.CaptureQuote, Text: txt, Phase: "identify"}, now)
	}
	s.PutAnswer(session.Answer{PromptID: "drivers", Text: strings.Join(hostile, "\n")}, now)
	s.Client = hostile[0] + "Acme"
	for _, style := range []string{glamourDark, glamourLight, glamourPlain} {
		h := newSumHarness(t, s, 100, 400, nil)
		h.s.deps.NoColor = style == glamourPlain
		h.s.isDark = style == glamourDark
		h.s.audience = session.AudienceInternal
		h.run(h.s.refresh())
		if !h.s.rendered || h.s.job.style != style {
			t.Fatalf("%s: the summary was not rendered in its style", style)
		}
		out := h.s.view()
		checkOnlySGR(t, style, out)
		if !strings.Contains(ansi.Strip(out), "and") {
			t.Errorf("%s: the hostile quotes' plain words should still show", style)
		}
	}
}

// checkOnlySGR fails when out holds a control character other than a line
// break or an escape sequence other than SGR.
func checkOnlySGR(t *testing.T, name, out string) {
	t.Helper()
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == 0x1b:
			j := i + 1
			if j >= len(out) || out[j] != '[' {
				t.Fatalf("%s: escape sequence other than CSI at %d: %q", name, i, out[i:min(i+12, len(out))])
			}
			j++
			for j < len(out) && (out[j] >= '0' && out[j] <= '9' || out[j] == ';' || out[j] == ':') {
				j++
			}
			if j >= len(out) || out[j] != 'm' {
				t.Fatalf("%s: CSI other than SGR at %d: %q", name, i, out[i:min(j+1, len(out))])
			}
			i = j + 1
			continue
		case r == '\n':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			t.Fatalf("%s: control character %U at %d", name, r, i)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			t.Fatalf("%s: bidi control %U at %d", name, r, i)
		}
		i += size
	}
}

// TestSummaryResizedAway: a resize while another screen shows costs the
// summary no render, and the next open draws it at the new size.
func TestSummaryResizedAway(t *testing.T) {
	h := newHarness(t, summarySession(newClock()), false, 80, 24)
	open := func() {
		cmd := h.send(kr('m'))
		for cmd != nil {
			cmd = h.send(cmd())
		}
	}
	open()
	h.send(h.send(kEsc)())
	if h.app.screen != screenRunner {
		t.Fatal("esc should go back to the runner")
	}
	gen := h.app.sum.gen
	if cmd := h.send(tea.WindowSizeMsg{Width: 120, Height: 40}); cmd != nil {
		t.Errorf("a resize behind the runner should not schedule a summary render")
	}
	if h.app.sum.gen != gen {
		t.Errorf("a resize behind the runner redrew the summary")
	}
	open()
	v := h.view()
	checkFits(t, v, 120, 40)
	if !h.app.sum.rendered || h.app.sum.job.width != h.app.sum.wrapWidth() {
		t.Errorf("the summary should be rendered at the new width")
	}
}

// TestSummaryRenderFails: when glamour fails the plain Markdown stays on
// screen with one line saying so, and the screen stops saying rendering.
func TestSummaryRenderFails(t *testing.T) {
	h := newSumHarness(t, nil, 80, 24, func(string, int, string) (string, error) {
		return "", fmt.Errorf("render summary: %w", errors.New("out of ink"))
	})
	v := h.view()
	if !strings.Contains(v, "# Acme Corp: Customer discovery") || !strings.Contains(v, "showing plain Markdown: render summary: out of ink") {
		t.Errorf("the plain Markdown and the reason should show:\n%s", v)
	}
	if strings.Contains(v, "rendering…") {
		t.Errorf("nothing is rendering any more:\n%s", v)
	}
}
