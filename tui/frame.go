package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// The frame every session screen is drawn in, the runner's included: two
// header lines and a rule, the body, the status line (the mode's badge and
// the notice in sight) and the help bar, exactly the window's height and no
// line wider than it.

// Layout limits. Below the minimum a screen says "window too small"
// instead of drawing one that cannot hold a question and an answer.
const (
	minWidth  = 32
	minHeight = 10
)

// frameFits reports whether a frame fits a w×h window; when it does not, s
// is what to draw instead.
func frameFits(st *Styles, w, h int) (s string, ok bool) {
	if w <= 0 || h <= 0 {
		return "", false
	}
	if w < minWidth || h < minHeight {
		return fitBlock([]string{st.Warning.Render("window too small")}, w, h), false
	}
	return "", true
}

// frameBodyHeight is the lines a frame of height h leaves for its body.
func frameBodyHeight(h int) int { return max(h-5, 0) }

// drawFrame lays a frame out: top is the two header lines and the rule,
// bar the help bar. Call it once frameFits said yes.
func drawFrame(st *Styles, bar *statusBar, w, h int, top, body []string, badge, helpBar string) string {
	lines := make([]string, 0, h)
	lines = append(lines, top...)
	lines = append(lines, fitLines(body, w, frameBodyHeight(h), false)...)
	lines = append(lines, st.Mode.Render(" "+badge+" ")+bar.noticeText(st), helpBar)
	return fitBlock(lines, w, h)
}

// screenBase is what the session screens beside the runner share: the
// session, the keys and styles, the status bar, and the frame.
type screenBase struct {
	deps   Deps
	sess   *session.Session
	styles *Styles
	keys   *keyMap
	bar    *statusBar
	help   help.Model

	width, height int
	showHelp      bool // the full help replaces the body
	present       bool // present mode: internal captures stay off screen
}

func newScreenBase(deps Deps, sess *session.Session, st *Styles, keys *keyMap, bar *statusBar) screenBase {
	b := screenBase{deps: deps, sess: sess, styles: st, keys: keys, bar: bar, help: help.New()}
	b.help.Styles = st.Help
	return b
}

func (b *screenBase) now() time.Time { return b.deps.Now() }

// finished reports whether the session is finished: read-only, in the
// screens opened from the runner as in the runner (readOnlyNote).
func (b *screenBase) finished() bool { return b.sess.Status == session.StatusFinished }

// save hands an edit to the writer; a session without an id (nothing
// open) is not stored.
func (b *screenBase) save(e session.Edit) {
	if b.sess.ID != "" {
		b.deps.Saver.Save(e)
	}
}

func (b *screenBase) setNote(s string) { b.bar.note(s) }

func (b *screenBase) setSize(w, h int) tea.Cmd {
	b.width, b.height = max(w, 0), max(h, 0)
	b.help.SetWidth(b.width)
	return nil
}

func (b *screenBase) setStyles(st *Styles) tea.Cmd {
	b.styles = st
	b.help.Styles = st.Help
	return nil
}

func (b *screenBase) setPresent(on bool) tea.Cmd {
	b.present = on
	return nil
}

// bodyHeight is the lines between the header (two lines and a rule) and
// the status line and help bar.
func (b *screenBase) bodyHeight() int { return frameBodyHeight(b.height) }

// frame draws a screen: the client and title with the save status, a
// subtitle, a rule, the body (or the full help), the mode badge with the
// notice, and the help bar.
func (b *screenBase) frame(title, sub, badge string, body []string, km help.KeyMap) string {
	w, h := b.width, b.height
	st := b.styles
	if s, ok := frameFits(st, w, h); !ok {
		return s
	}
	left := st.Client.Render(cleanLine(b.sess.Client))
	if left != "" {
		left += st.Dim.Render(" · ")
	}
	left += st.Phase.Render(title)
	right := b.bar.saveText(st)
	if b.present {
		right = st.Present.Render(" PRESENTING ") + " " + right
	}
	top := []string{joinEnds(left, right, w), cut(sub, w), st.Rule.Render(strings.Repeat("─", w))}
	if b.showHelp {
		badge = "HELP"
		body = helpColumns(b.help, st, km.FullHelp(), w)
	}
	return drawFrame(st, b.bar, w, h, top, body, badge, helpBar(b.help, km.ShortHelp(), w))
}

// shown reports whether a capture may be on screen: in present mode
// internal captures and notes are not.
func (b *screenBase) shown(c session.Capture) bool {
	return !b.present || !hiddenWhilePresenting(c)
}

// audience is whose eyes the synthesis screens draw for: the client's in
// present mode (nothing internal), the facilitator's otherwise.
func (b *screenBase) audience() session.Audience {
	if b.present {
		return session.AudienceClient
	}
	return session.AudienceInternal
}
