package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// Summary screen: the session's Markdown summary rendered with glamour in
// a scrollable view. Nothing waits on glamour: the plain Markdown shows at
// once, the rendered one replaces it when the command returns, and the
// render cache (render.go) keeps every section it rendered, so reopening,
// toggling the audience back or editing one answer renders little or
// nothing.

// resizeSettle is how long the size must hold still before the summary is
// re-rendered for it, so a storm of resizes renders once, not per event.
const resizeSettle = 80 * time.Millisecond

// summaryRenderedMsg carries a finished render back to the summary; gen
// tells the latest request from one that was overtaken.
type summaryRenderedMsg struct {
	gen  int
	err  error
	took time.Duration
}

// summaryResizedMsg fires once a resize has settled; gen tells it from a
// resize or a render that came after.
type summaryResizedMsg struct{ gen int }

func (summaryRenderedMsg) owner() screen { return screenSummary }
func (summaryResizedMsg) owner() screen  { return screenSummary }
func (summaryExportedMsg) owner() screen { return screenSummary }

// summaryExportedMsg says where an export from the summary went. When
// the file exists, err is fs.ErrExist and data is what was to be written,
// kept for the facilitator's answer.
type summaryExportedMsg struct {
	name string
	path string
	data []byte
	err  error
}

// summary is the summary screen.
type summary struct {
	deps   Deps
	styles *Styles
	keys   *keyMap
	help   help.Model
	vp     viewport.Model
	cache  *renderCache
	render renderFunc

	sess     *session.Session
	audience session.Audience // what the facilitator chose; present mode overrides it
	// others is the client's other sessions, once loaded (loadOthers): the
	// internal copy sets paired measures against them.
	others  []*session.Session
	present bool
	isDark  bool       // the background glamour's style is for
	bar     *statusBar // the root's, once it holds the summary

	width, height int

	job      renderJob // the document shown: sections, width, style
	md       string    // its Markdown, front matter stripped
	rendered bool      // every section on screen is glamour's output
	failed   bool      // glamour failed: plain Markdown it is
	starts   []int     // the line each section starts on in the viewport
	gen      int       // the latest render request or resize
	lastTook time.Duration

	showHelp bool // every key, in place of the text

	// replace is the export waiting for "the file exists: replace it?";
	// nil when nothing is asked.
	replace *summaryExportedMsg
}

// newSummary builds the summary screen; open gives it a session.
func newSummary(deps Deps, st *Styles, keys *keyMap, cache *renderCache) *summary {
	s := &summary{
		deps:     deps,
		styles:   st,
		keys:     keys,
		help:     help.New(),
		cache:    cache,
		render:   glamourRender,
		audience: session.AudienceClient,
		isDark:   st.dark,
		bar:      newStatusBar(deps.Now),
	}
	s.help.Styles = st.Help
	s.vp = viewport.New()
	s.vp.KeyMap = viewport.KeyMap{
		PageDown:     keys.Summary.PageDown,
		PageUp:       keys.Summary.PageUp,
		HalfPageDown: keys.Summary.HalfDown,
		HalfPageUp:   keys.Summary.HalfUp,
		Up:           keys.Summary.Up,
		Down:         keys.Summary.Down,
	}
	s.vp.MouseWheelEnabled = true
	return s
}

// open shows sess, from the top, in the client's audience unless the
// facilitator chose internal before; present forces the client's.
func (s *summary) open(sess *session.Session, present bool) tea.Cmd {
	if s.sess == nil || sess.ID != s.sess.ID {
		s.others = nil
	}
	s.sess = sess
	s.present = present
	s.vp.GotoTop()
	return tea.Batch(s.refresh(), loadOthers(s.deps.Sessions, sess, screenSummary))
}

// effective is the audience shown: present mode never shows internal
// notes, and a team session has no other copy than the internal one.
func (s *summary) effective() session.Audience {
	switch {
	case s.present:
		return session.AudienceClient
	case s.team():
		return session.AudienceInternal
	}
	return s.audience
}

// team reports whether the summary is of a team session, which has no
// client copy.
func (s *summary) team() bool { return s.sess != nil && s.sess.Team() }

// noClientCopy is what the summary shows of a team session while
// presenting: the reason there is nothing to show, never the internal
// copy.
func (s *summary) noClientCopy() string {
	title := cleanLine(s.sess.Playbook.Title)
	if title == "" {
		title = cleanLine(s.sess.Playbook.ID)
	}
	return "# Nothing to show while presenting\n\n" + session.EscapeInline(title) +
		" is a team session, run about the client without them: it has no client copy. " +
		"Stop presenting to read the internal one.\n"
}

// style is the glamour style for the terminal: notty under NO_COLOR, else
// dark or light from the background colour the app asked for.
func (s *summary) style() string { return StyleName(s.deps.NoColor, s.isDark) }

// maxWrap is the widest the summary's text runs: past about a hundred
// columns lines get too long to read comfortably on a wide screen.
const maxWrap = 100

// wrapWidth is the width glamour wraps to (WrapWidth).
func (s *summary) wrapWidth() int { return WrapWidth(s.width) }

// refresh rebuilds the Markdown from the session and shows it. Call it
// after anything the summary shows changed.
func (s *summary) refresh() tea.Cmd {
	if !s.rebuild() {
		return nil
	}
	return s.show()
}

// rebuild works out the document to show from the session, the audience,
// the width and the style; false when there is nothing to show yet.
func (s *summary) rebuild() bool {
	if s.sess == nil || s.width <= 0 {
		return false
	}
	s.failed = false
	if s.present && s.team() {
		s.md = s.noClientCopy()
	} else {
		s.md = string(session.StripFrontMatter(session.MarkdownWith(s.sess, s.effective(), s.others)))
	}
	s.job = renderJob{sections: splitSections(s.md), width: s.wrapWidth(), style: s.style()}
	return true
}

// show puts the best the cache has on screen at once (rendered sections,
// plain Markdown for the others) and asks for what is missing.
func (s *summary) show() tea.Cmd {
	missing := s.compose()
	if len(missing) == 0 {
		return nil
	}
	s.gen++
	return s.fill(missing)
}

// compose draws the document from the cache into the viewport and returns
// the sections still to render.
func (s *summary) compose() []int {
	out, starts, missing := s.cache.compose(s.job, s.plain)
	s.starts = starts
	s.setContent(out, len(missing) == 0)
	return missing
}

// fill renders missing sections in a command: those on screen first, so
// what the facilitator looks at is rendered within a few milliseconds,
// then the rest when that result comes back.
func (s *summary) fill(missing []int) tea.Cmd {
	first := missing
	if len(missing) > 1 {
		top, bottom := s.vp.YOffset(), s.vp.YOffset()+s.vp.Height()
		var seen []int
		for _, i := range missing {
			end := s.vp.TotalLineCount()
			if i+1 < len(s.starts) {
				end = s.starts[i+1]
			}
			if s.starts[i] < bottom && end > top {
				seen = append(seen, i)
			}
		}
		if len(seen) > 0 {
			first = seen
		}
	}
	gen, job, cache, fn := s.gen, s.job, s.cache, s.render
	return func() tea.Msg {
		start := time.Now()
		err := cache.fill(job, first, fn)
		return summaryRenderedMsg{gen: gen, err: err, took: time.Since(start)}
	}
}

// plain is the Markdown as it is, wrapped and indented like glamour's
// output, shown until the render is ready. The writer sanitised it; clean
// again costs little and keeps the rule that nothing unsanitised is drawn.
func (s *summary) plain(md string) string {
	w := s.wrapWidth()
	lines := strings.Split(ansi.Wordwrap(clean(md), w, ""), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

// setContent swaps the viewport's text and keeps the reader at the same
// place in the document, by proportion, since lines change with rendering.
func (s *summary) setContent(out string, rendered bool) {
	pct := s.vp.ScrollPercent()
	atTop := s.vp.AtTop()
	s.vp.SetContent(out)
	s.rendered = rendered
	if !atTop {
		s.vp.SetYOffset(int(pct * float64(max(s.vp.TotalLineCount()-s.vp.Height(), 0))))
	}
}

// setSize lays the screen out. The text reflows at once from the cache
// and plain Markdown; glamour runs once the size has held still, so a
// storm of resizes renders once.
func (s *summary) setSize(w, h int) tea.Cmd {
	oldW := s.width
	s.layout(w, h)
	if s.sess == nil || s.width == oldW || !s.rebuild() {
		return nil
	}
	if oldW == 0 {
		return s.show()
	}
	if len(s.compose()) == 0 {
		return nil
	}
	s.gen++
	gen := s.gen
	return tea.Tick(resizeSettle, func(time.Time) tea.Msg { return summaryResizedMsg{gen: gen} })
}

// layout takes a new size without redrawing the text.
func (s *summary) layout(w, h int) {
	s.width, s.height = max(w, 0), max(h, 0)
	s.help.SetWidth(s.width)
	s.vp.SetWidth(s.width)
	s.vp.SetHeight(max(s.height-4, 1)) // header, rule, status line, help bar
}

// setStyles switches palettes, and the glamour style with them.
func (s *summary) setStyles(st *Styles) tea.Cmd {
	if st == s.styles {
		return nil
	}
	s.styles = st
	s.help.Styles = st.Help
	if s.isDark == st.dark {
		return nil
	}
	s.isDark = st.dark
	return s.refresh()
}

// prepare takes the size, styles and present mode without drawing, for
// open to draw once with all of them.
func (s *summary) prepare(w, h int, st *Styles, present bool) {
	s.layout(w, h)
	s.styles, s.help.Styles, s.isDark = st, st.Help, st.dark
	s.present = present
}

// setPresent switches present mode: the client's audience only.
func (s *summary) setPresent(on bool) tea.Cmd {
	if s.present == on {
		return nil
	}
	s.present = on
	return s.refresh()
}

// setNote shows a notice for longer than most: an export's path takes a
// moment to read.
func (s *summary) setNote(text string) { s.bar.notify(sevInfo, text, 3*noteTTL) }

// setWarning is setNote for what failed.
func (s *summary) setWarning(text string) { s.bar.notify(sevWarn, text, 3*noteTTL) }

// update handles a message for the summary screen.
func (s summary) update(msg tea.Msg) (summary, tea.Cmd) {
	switch msg := msg.(type) {
	case summaryRenderedMsg:
		if msg.gen != s.gen {
			return s, nil // overtaken by a newer request; the cache kept it
		}
		if msg.err != nil {
			// The plain Markdown stays; nothing more will be rendered.
			s.setWarning("showing plain Markdown: " + cleanLine(msg.err.Error()))
			s.failed = true
			return s, nil
		}
		s.lastTook = msg.took
		return s, s.show()
	case summaryResizedMsg:
		if msg.gen != s.gen {
			return s, nil
		}
		return s, s.show()
	case othersLoadedMsg:
		if s.sess == nil || msg.id != s.sess.ID || msg.err != nil {
			return s, nil
		}
		s.others = msg.others
		if s.effective() != session.AudienceInternal {
			return s, nil // the client's copy has no paired measures
		}
		return s, s.refresh()
	case summaryExportedMsg:
		switch {
		case errors.Is(msg.err, fs.ErrExist):
			s.replace = &msg // the question shows until y or n
		case msg.err != nil:
			s.setWarning("not exported: " + cleanLine(msg.err.Error()))
		default:
			s.setNote("exported to " + cleanLine(msg.path))
		}
		return s, nil
	case tea.KeyPressMsg:
		return s.handleKey(msg)
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		s.vp, cmd = s.vp.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s summary) handleKey(msg tea.KeyPressMsg) (summary, tea.Cmd) {
	k := s.keys.Summary
	if ask := s.replace; ask != nil {
		// "The file exists: replace it?" takes the next key: y replaces,
		// anything else keeps the file and writes nothing.
		s.replace = nil
		if key.Matches(msg, k.Replace) {
			s.setNote("exporting…")
			return s, exportCmd(s.deps.Export, ask.name, ask.data, true)
		}
		s.setNote("not exported: kept the existing " + cleanLine(ask.name))
		return s, nil
	}
	if s.showHelp {
		// The help is a page of its own: its keys close it, others wait.
		if key.Matches(msg, k.Help, k.Back) {
			s.showHelp = false
		}
		return s, nil
	}
	k, refused := s.keysNow()
	if r, ok := refused.find(msg); ok {
		s.bar.notify(r.sev, r.why, 3*noteTTL)
		return s, nil
	}
	switch {
	case key.Matches(msg, k.Help):
		s.showHelp = true
	case key.Matches(msg, k.Back):
		return s, msgCmd(backMsg{})
	case key.Matches(msg, k.Present):
		return s, togglePresent
	case key.Matches(msg, k.Audience):
		if s.audience == session.AudienceInternal {
			s.audience = session.AudienceClient
		} else {
			s.audience = session.AudienceInternal
		}
		s.vp.GotoTop()
		return s, s.refresh()
	case key.Matches(msg, k.Export):
		return s, s.export(false)
	case key.Matches(msg, k.HTML):
		return s, s.export(true)
	case key.Matches(msg, k.Top):
		s.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		s.vp.GotoBottom()
	default:
		var cmd tea.Cmd
		s.vp, cmd = s.vp.Update(msg)
		return s, cmd
	}
	return s, nil
}

// export writes the summary for the audience shown, front matter and all,
// through Deps.Export in a command: the screen never waits on the disk.
// asHTML writes it as the page `rapport export --format html` writes.
func (s *summary) export(asHTML bool) tea.Cmd {
	if s.deps.Export == nil || s.sess == nil {
		s.setWarning("export is not available here")
		return nil
	}
	if err := s.sess.CheckAudience(s.effective()); err != nil {
		s.setWarning("not exported: " + cleanLine(err.Error()))
		return nil
	}
	ext := "md"
	if asHTML {
		ext = "html"
	}
	name := session.ExportFileName(s.sess.Client, s.sess.Created, s.effective(), ext)
	data := session.MarkdownWith(s.sess, s.effective(), s.others)
	if asHTML {
		var err error
		if data, err = session.HTML(s.sess, s.effective(), s.others); err != nil {
			s.setWarning("not exported: " + cleanLine(err.Error()))
			return nil
		}
	}
	s.setNote("exporting…")
	return exportCmd(s.deps.Export, name, data, false)
}

// exportCmd writes data under name through export, replacing an existing
// file only when replace is true, and reports back.
func exportCmd(export func(string, []byte, bool) (string, error), name string, data []byte, replace bool) tea.Cmd {
	return func() tea.Msg {
		path, err := export(name, data, replace)
		return summaryExportedMsg{name: name, path: path, data: data, err: err}
	}
}

// view draws the summary: exactly height lines, none wider than width.
func (s summary) view() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	if s.width < minWidth || s.height < 6 {
		return fitBlock([]string{s.styles.Warning.Render("window too small")}, s.width, s.height)
	}
	lines := make([]string, 0, s.height)
	lines = append(lines, s.header(), s.styles.Rule.Render(strings.Repeat("─", s.width)))
	body := strings.Split(s.vp.View(), "\n")
	if s.showHelp {
		body = helpColumns(s.help, s.styles, s.keyMap().FullHelp(), s.width)
	}
	lines = append(lines, fitLines(body, s.width, s.vp.Height(), false)...)
	lines = append(lines, s.statusLine(), helpBar(s.help, s.helpKeys().ShortHelp(), s.width))
	return fitBlock(lines, s.width, s.height)
}

func (s *summary) header() string {
	st := s.styles
	left := st.Client.Render(cleanLine(s.sess.Client))
	if left == "" {
		left = st.Client.Render("Unnamed client")
	}
	left += st.Dim.Render(" · ") + st.Phase.Render("Summary")
	var right string
	if s.present {
		right = st.Present.Render(" PRESENTING ") + " "
	}
	switch {
	case s.present && s.team():
		right += st.Dim.Render("no client copy")
	case s.team():
		right += st.Internal.Render("internal copy (team session)")
	case s.effective() == session.AudienceInternal:
		right += st.Internal.Render("internal copy")
	default:
		right += st.Dim.Render("client copy")
	}
	return joinEnds(left, right, s.width)
}

func (s *summary) statusLine() string {
	st := s.styles
	line := st.Mode.Render(" SUMMARY ")
	var pos string
	if s.vp.TotalLineCount() > s.vp.Height() {
		pos = st.Dim.Render(fmt.Sprintf("%d%%", int(s.vp.ScrollPercent()*100+0.5)))
	}
	if !s.rendered && !s.failed {
		pos = st.Dim.Render("rendering…") + " " + pos
	}
	if s.replace != nil {
		line += " " + st.Status.Render(cleanLine(s.replace.name+" exists: replace it? y/N"))
	} else {
		line += s.bar.noticeText(st)
	}
	return joinEnds(line, pos, s.width)
}

// helpKeys is the help bar for the summary, true for what applies now;
// its full form is the ? page.
func (s *summary) helpKeys() help.KeyMap {
	if s.replace != nil {
		return bindingSet{short: []key.Binding{s.keys.Summary.Replace, s.keys.Summary.Keep}}
	}
	if s.showHelp {
		return bindingSet{short: []key.Binding{closeHelpKey(s.keys.Summary.Help, s.keys.Summary.Back)}}
	}
	return s.keyMap()
}

// keysNow is the summary's keys as they apply now, for both its help bar
// and handleKey: the audience switch needs the choice (not while presenting,
// not in a team session), export needs somewhere to write and a copy that
// may be written.
func (s *summary) keysNow() (summaryKeys, refusals) {
	k, rs := s.keys.Summary, refusals{}
	switch {
	case s.present:
		rs.off(&k.Audience, false, "presenting: the client's copy only")
	case s.team():
		rs.off(&k.Audience, false, "a team session has no client copy")
	}
	noExport := ""
	switch {
	case s.deps.Export == nil || s.sess == nil:
		noExport = "export is not available here"
	case s.present && s.team():
		if err := s.sess.CheckAudience(s.effective()); err != nil {
			noExport = "not exported: " + cleanLine(err.Error())
		}
	}
	rs.offAs(&k.Export, noExport == "", sevWarn, noExport)
	rs.offAs(&k.HTML, noExport == "", sevWarn, noExport)
	return k, rs
}

// keyMap is the summary's keys, with those that do not apply disabled.
func (s *summary) keyMap() bindingSet {
	k, _ := s.keysNow()
	if s.effective() == session.AudienceInternal {
		relabel(&k.Audience, "client copy")
	} else {
		relabel(&k.Audience, "internal copy")
	}
	if s.present {
		relabel(&k.Present, "stop presenting")
	}
	return bindingSet{
		short: []key.Binding{k.Back, k.Audience, k.Export, k.HTML, k.Present, k.Help,
			k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, s.keys.Common.Quit},
		full: [][]key.Binding{
			{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom},
			{k.Audience, k.Export, k.HTML, k.Present, k.Back, s.keys.Common.Quit},
		},
	}
}
