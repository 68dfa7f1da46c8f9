package tui

import (
	"time"

	"rapport/session"
	"rapport/tui/editor"
)

// The status bar is the root's: the save status every header shows and the
// one timed notice every status line shows. Screens share it by pointer, as
// they share the styles, and keep no copy of either: the writer's status
// reaches one place, and a notice set by any screen (or by the root, such as
// the warning that quitting would lose unsaved changes) shows on the screen
// in sight. A screen change drops the notice, so a line about one screen is
// never read on another.

// severity is how a notice is drawn: information in the status style, a
// warning (something refused or failed) in the warning style.
type severity int

const (
	sevInfo severity = iota
	sevWarn
)

// Notice timing.
const (
	noteTTL      = 4 * time.Second // how long a notice stays
	maxReasonLen = 60              // characters of a save error shown in the header
)

// statusBar holds the save status and the notice in sight.
type statusBar struct {
	now   func() time.Time
	save  SaveStatus
	text  string
	sev   severity
	until time.Time
	gen   int // counts notices, so one may be cleared only if still shown

	// The team sync's line (teamsync.go): what a sync is doing, or for a
	// while what it did. It shows where a notice would when there is none,
	// so a key press that ends a notice never hides a sync under way.
	team      string
	teamSev   severity
	teamUntil time.Time // zero while a sync runs
}

// teamReport sets the team sync's line, for ttl (0: until replaced).
func (b *statusBar) teamReport(sev severity, text string, ttl time.Duration) {
	b.team, b.teamSev, b.teamUntil = text, sev, time.Time{}
	if ttl > 0 {
		b.teamUntil = b.now().Add(ttl)
	}
}

// teamLine is the team sync's line while it lasts, or "".
func (b *statusBar) teamLine() (string, severity) {
	if b.team == "" || !b.teamUntil.IsZero() && !b.now().Before(b.teamUntil) {
		return "", sevInfo
	}
	return b.team, b.teamSev
}

func newStatusBar(now func() time.Time) *statusBar { return &statusBar{now: now} }

// note shows an information notice for noteTTL.
func (b *statusBar) note(text string) { b.notify(sevInfo, text, noteTTL) }

// warn shows a warning notice for noteTTL.
func (b *statusBar) warn(text string) { b.notify(sevWarn, text, noteTTL) }

// notify shows text for ttl (0: until cleared or replaced), in place of
// any notice before it, and returns its number for clearIf.
func (b *statusBar) notify(sev severity, text string, ttl time.Duration) int {
	b.text, b.sev, b.until = text, sev, time.Time{}
	if ttl > 0 {
		b.until = b.now().Add(ttl)
	}
	b.gen++
	return b.gen
}

// refuse says why text was not taken (session.TooMuchText): a warning,
// one line, shown three times as long as a notice (or until the next key,
// as every notice), so it is read before it goes.
func (b *statusBar) refuse(t session.TooMuchText) { b.notify(sevWarn, t.String(), 3*noteTTL) }

// refused is the refusal of text an editor did not take, held by holder
// ("answer" or "capture"). The editor's limit was the room the rest of the
// answer or capture left (MaxTextBytes less the text outside the editor),
// so what the holder would hold is the editor's total plus that rest.
func refused(holder string, r editor.RefusedMsg) session.TooMuchText {
	came := ""
	if r.Paste {
		came = "paste"
	}
	rest := session.MaxTextBytes - r.Limit
	return session.TooMuchText{Holder: holder, Came: came, Bytes: r.Bytes, Total: r.Total + rest}
}

// clearNotice drops the notice in sight.
func (b *statusBar) clearNotice() {
	b.text = ""
	b.gen++
}

// clearIf drops notice gen if it is still the one shown.
func (b *statusBar) clearIf(gen int) {
	if b.gen == gen {
		b.clearNotice()
	}
}

// notice is the notice while it lasts, or "". Nothing needs to clear it:
// the runner's clock redraws every second, and the library, which has no
// clock, asks for a redraw when its notices run out.
func (b *statusBar) notice() (string, severity) {
	if b.text == "" || !b.until.IsZero() && !b.now().Before(b.until) {
		return "", sevInfo
	}
	return b.text, b.sev
}

// noticeLine is the notice styled for its severity, else the team sync's
// line, or "".
func (b *statusBar) noticeLine(st *Styles) string {
	text, sev := b.notice()
	if text == "" {
		text, sev = b.teamLine()
	}
	switch {
	case text == "":
		return ""
	case sev == sevWarn:
		return st.Warning.Render(cleanLine(text))
	}
	return st.Status.Render(cleanLine(text))
}

// noticeText is the notice drawn after a mode's badge: a space and the
// notice, or "" when there is none.
func (b *statusBar) noticeText(st *Styles) string {
	if n := b.noticeLine(st); n != "" {
		return " " + n
	}
	return ""
}

// saveText says whether what was typed is on disk.
func (b *statusBar) saveText(st *Styles) string {
	switch b.save.State {
	case SaveSaving:
		return st.Saving.Render("saving…")
	case SaveFailed:
		reason := "unknown error"
		if b.save.Err != nil {
			reason = truncate(cleanLine(b.save.Err.Error()), maxReasonLen)
		}
		return st.NotSaved.Render("not saved: " + reason + " (retrying)")
	default:
		return st.Saved.Render("saved")
	}
}
