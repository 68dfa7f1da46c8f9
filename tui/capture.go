package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// This file holds the capture palette (ctrl+k), the capture kinds, and the
// runner's side of its overlays (overlay.go): they sit on the runner rather
// than being screens of their own, so the prompt stays in view while a
// quote is typed and closing one returns to exactly where the facilitator
// was: same prompt, same mode, same cursor in the answer.

// pushOverlay opens o on top. The answer field lets go of the cursor so
// only one cursor shows; it keeps its text and position.
func (r *runner) pushOverlay(o overlay[*runner]) {
	if len(r.over) == 0 && r.fld != nil {
		r.fld.Blur()
	}
	r.over.push(o)
}

// popOverlay closes the top overlay; when none is left the answer field
// takes keys again if the runner was in typing mode.
func (r *runner) popOverlay() {
	r.over.pop()
	if len(r.over) == 0 && r.mode == modeTyping && r.fld != nil {
		r.fld.Focus()
	}
}

// topOverlay is the overlay that takes keys, or nil.
func (r *runner) topOverlay() overlay[*runner] { return r.over.top() }

// openPalette opens the capture palette. The session clock and phase are
// taken now, at ctrl+k, which is closer to when the words were said than
// the moment the text is finished.
func (r *runner) openPalette() tea.Cmd {
	r.accrue(r.now())
	p := &palette{at: r.sess.Elapsed}
	if st, ok := r.step(); ok {
		p.phase = st.Phase.ID
	}
	r.pushOverlay(p)
	return nil
}

// kindInfo describes k from session's table of capture kinds; an unknown
// kind (from a newer file) shows as its own name, sanitised.
func kindInfo(k session.CaptureKind) session.CaptureInfo {
	info, ok := session.LookupCaptureKind(k)
	if !ok {
		info = k.Info()
		info.Word = cleanLine(info.Word)
	}
	return info
}

// kindForLetter is the kind a palette letter makes.
func kindForLetter(s string) (session.CaptureKind, bool) {
	for _, k := range session.CaptureKinds {
		if k.Info().Letter == s {
			return k, true
		}
	}
	return "", false
}

// kindLetterKeys lists the kind letters, for bindings.
func kindLetterKeys() []string {
	out := make([]string, len(session.CaptureKinds))
	for i, k := range session.CaptureKinds {
		out[i] = k.Info().Letter
	}
	return out
}

// kindLetters is the kind letters as the help shows them: "n/q/p/a...".
func kindLetters() string { return strings.Join(kindLetterKeys(), "/") }

// ---- palette ----

// palette is the small chooser ctrl+k opens: one letter opens the form.
type palette struct {
	at    time.Duration // session clock at ctrl+k
	phase string
}

func (p *palette) update(r *runner, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		// A paste is text, never a letter: it becomes a note, so nothing
		// pasted is lost.
		if _, paste := msg.(tea.PasteMsg); paste {
			r.popOverlay()
			f := newCaptureForm(r, session.CaptureNote, nil, p.at, p.phase)
			r.pushOverlay(f)
			return f.updateEditor(msg)
		}
		return nil
	}
	k := r.keys.Palette
	switch {
	case key.Matches(km, k.Close):
		r.popOverlay()
	case key.Matches(km, k.Kind):
		kind, _ := kindForLetter(km.String())
		r.popOverlay()
		r.pushOverlay(newCaptureForm(r, kind, nil, p.at, p.phase))
	}
	return nil
}

func (p *palette) body(r *runner, under []string, w, h int) []string {
	s := r.styles
	item := func(c session.CaptureInfo) string { return s.Selected.Render(c.Letter) + " " + c.Word }
	var rows []string
	rows = append(rows, s.PhaseRow.Render("Capture")+s.Dim.Render(" · press a letter, esc closes"))
	line := ""
	for i, k := range session.CaptureKinds {
		if i == 4 {
			rows = append(rows, line)
			line = ""
		}
		line += padRight(item(k.Info()), 14)
	}
	rows = append(rows, line)
	return overlayBottom(r, under, rows, w, h)
}

func (p *palette) helpKeys(r *runner) help.KeyMap {
	k := r.keys.Palette
	return bindingSet{short: []key.Binding{k.Kind, k.Close, r.keys.Common.Quit}}
}

func (p *palette) badge() string { return "CAPTURE" }

// windowRows keeps at most n rows, the title row first and the row at
// focus in view, so a form taller than a small window still shows the
// field being typed in.
func windowRows(rows []string, focus, n int) []string {
	if n <= 0 || len(rows) <= n {
		return rows
	}
	if n == 1 {
		return rows[focus : focus+1]
	}
	rest := rows[1:]
	focus = max(focus-1, 0)
	start := max(min(focus-(n-2), len(rest)-(n-1)), 0)
	if focus < start {
		start = focus
	}
	return append([]string{rows[0]}, rest[start:start+n-1]...)
}

// overlayBottom draws rows in a box over the bottom of under, so the top of
// the runner (the prompt) stays in view.
func overlayBottom(r *runner, under, rows []string, w, h int) []string {
	inner := max(w-4, 1) // border and padding on both sides
	for i := range rows {
		rows[i] = padRight(cut(rows[i], inner), inner)
	}
	box := strings.Split(r.styles.Box.Render(strings.Join(rows, "\n")), "\n")
	out := fitLines(under, w, h, false)
	if len(box) > h {
		box = box[:h]
	}
	copy(out[h-len(box):], box)
	return out
}

var _ overlay[*runner] = (*palette)(nil)
