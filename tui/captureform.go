package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
	"rapport/tui/editor"
)

// The capture form: records a new capture of a kind, or edits one, over the
// runner (an overlay, see capture.go). Quitting keeps a form's draft.

// keepDrafts saves what open capture forms hold, for quitting: ctrl+c,
// a closed window or a dropped ssh never lose a capture half typed. A due
// date that does not read as one is kept as typed rather than dropped.
//
// A kept form is closed: its draft is now a capture, and quitting runs
// this more than once (the quit key, then Run on its way out), so a form
// left open would be saved again as a second capture with a new id.
func (r *runner) keepDrafts() {
	open := r.over
	r.over = nil
	for _, o := range open {
		f, ok := o.(*captureForm)
		if !ok {
			r.over = append(r.over, o)
			continue
		}
		if !f.dirty() {
			continue
		}
		now := r.now()
		id := ""
		if f.orig == nil {
			id = r.deps.NewID()
		}
		c, err := f.build(now, id, r.now)
		if err != nil {
			if strings.TrimSpace(f.text.Value()) == "" {
				continue // no text: nothing worth a capture
			}
			c, _ = f.build(now, id, nil) // the due date as typed
		}
		r.save(r.sess.PutCapture(c, now))
	}
	if len(r.over) == 0 && r.mode == modeTyping && r.fld != nil {
		r.fld.Focus()
	}
}

// formField is one row of the capture form.
type formField int

const (
	ffText formField = iota
	ffImpact
	ffEffort
	ffOwner
	ffDue
	ffSpeaker
	ffAgo
	ffTags
	ffInternal
)

// kindFields are the form's rows for the fields a capture kind holds.
var kindFields = map[session.CaptureField]formField{
	session.FieldImpact:  ffImpact,
	session.FieldEffort:  ffEffort,
	session.FieldOwner:   ffOwner,
	session.FieldDue:     ffDue,
	session.FieldSpeaker: ffSpeaker,
}

// Form limits.
const (
	maxTextRows = 6    // the text grows to this many rows, then scrolls
	maxAgo      = 3600 // seconds a capture can be backdated
	capLabelW   = 11   // the label column
)

// captureForm records a new capture or edits one. Its first field is the
// text, focused, so the facilitator types at once.
type captureForm struct {
	kind  session.CaptureKind
	orig  *session.Capture // the capture being edited; nil: a new one
	at    time.Duration    // session clock for a new capture, before backdating
	phase string

	fields []formField
	focus  int

	text, owner, due, tags editor.Model
	speaker                editor.Model // who said a quote: free text, or alt+s
	speakers               []string     // the session's contacts, "Name, role"
	impact, effort         int
	ago                    int // seconds
	internal               bool
	team                   bool // a team session: there is no client copy

	confirm bool   // "discard this capture? y/n" is showing
	err     string // why enter did not save
}

// newCaptureForm opens the form for a new capture of kind, or for editing
// orig (kind is then orig's).
func newCaptureForm(r *runner, kind session.CaptureKind, orig *session.Capture, at time.Duration, phase string) *captureForm {
	f := &captureForm{kind: kind, at: at, phase: phase, impact: 3, effort: 3,
		internal: r.sess.CaptureInternal(kind), team: r.sess.Team()}
	est := r.styles.field.Editor
	mk := func(v, placeholder string) editor.Model {
		m := editor.New()
		m.SetMultiline(false)
		m.SetStyles(est)
		m.SetPlaceholder(placeholder)
		m.SetValue(v)
		m.CursorEnd()
		m.SetHeight(1)
		return m
	}
	var text, owner, due, tags, speaker string
	f.speakers = r.sess.Speakers()
	if len(f.speakers) > 0 {
		speaker = f.speakers[0] // a new quote: the first contact said it
	}
	if orig != nil {
		c := *orig
		f.orig = &c
		f.kind = c.Kind
		f.at, f.phase = c.At, c.Phase
		f.internal = c.Internal
		if c.Impact > 0 {
			f.impact = c.Impact
		}
		if c.Effort > 0 {
			f.effort = c.Effort
		}
		text, owner, due, speaker = c.Text, c.Owner, c.Due, c.Speaker
		// Tags the text already carries stay in the text; the rest show in
		// the tags field.
		inText := session.ParseTags(c.Text)
		var extra []string
		for _, t := range c.Tags {
			if !slices.Contains(inText, t) {
				extra = append(extra, "#"+t)
			}
		}
		tags = strings.Join(extra, " ")
	}
	f.text = mk(text, "type what was said; #tags work here")
	f.owner = mk(owner, "who does it")
	f.due = mk(due, "YYYY-MM-DD, fri, +3d, tomorrow")
	f.tags = mk(tags, "optional, e.g. budget q3")
	f.speaker = mk(speaker, "who said it: Name, role (or nobody)")
	f.fields = []formField{ffText}
	for _, cf := range kindInfo(f.kind).Fields {
		f.fields = append(f.fields, kindFields[cf])
	}
	if orig == nil {
		f.fields = append(f.fields, ffAgo)
	}
	f.fields = append(f.fields, ffTags)
	if !r.presenting() {
		// While presenting the client must not see the facilitator's
		// choice: the capture keeps its kind's default (or, edited, what it
		// was), and an internal one stays off screen once saved.
		f.fields = append(f.fields, ffInternal)
	}
	f.setFocus(0)
	return f
}

// editorFor is the text editor of a field, or nil for fields without one.
func (f *captureForm) editorFor(ff formField) *editor.Model {
	switch ff {
	case ffText:
		return &f.text
	case ffOwner:
		return &f.owner
	case ffDue:
		return &f.due
	case ffTags:
		return &f.tags
	case ffSpeaker:
		return &f.speaker
	}
	return nil
}

func (f *captureForm) setFocus(i int) {
	n := len(f.fields)
	i = ((i % n) + n) % n
	if e := f.editorFor(f.fields[f.focus]); e != nil {
		e.Blur()
	}
	f.focus = i
	if e := f.editorFor(f.fields[i]); e != nil {
		e.Focus()
	}
}

func (f *captureForm) focused() formField { return f.fields[f.focus] }

// dirty reports whether closing would lose something typed.
func (f *captureForm) dirty() bool {
	if f.orig == nil {
		// The speaker is filled in for the facilitator: not typed.
		return strings.TrimSpace(f.text.Value()) != "" || f.owner.Value() != "" ||
			f.due.Value() != "" || f.tags.Value() != ""
	}
	c, err := f.build(f.orig.Created, "", nil)
	return err != nil || !sameCapture(c, *f.orig)
}

func sameCapture(a, b session.Capture) bool {
	return a.Text == b.Text && a.Internal == b.Internal && a.Impact == b.Impact &&
		a.Effort == b.Effort && a.Owner == b.Owner && a.Due == b.Due && a.Speaker == b.Speaker &&
		strings.Join(a.Tags, " ") == strings.Join(b.Tags, " ")
}

// build makes the capture the form holds. It refuses an empty text and a
// due date it cannot read, so neither is stored by mistake.
func (f *captureForm) build(now time.Time, id string, today func() time.Time) (session.Capture, error) {
	text := strings.TrimSpace(f.text.Value())
	if text == "" {
		return session.Capture{}, fmt.Errorf("type the %s first (esc cancels)", kindInfo(f.kind).Word)
	}
	var c session.Capture
	if f.orig != nil {
		c = *f.orig
	} else {
		c = session.Capture{ID: id, Created: now, Phase: f.phase,
			At: max(f.at-time.Duration(f.ago)*time.Second, 0)}
	}
	c.Kind, c.Text, c.Internal = f.kind, text, f.internal
	c.Tags = session.ParseTags(text)
	for _, t := range strings.FieldsFunc(f.tags.Value(), func(r rune) bool { return r == ',' || r == ' ' }) {
		if t = session.CleanTag(t); t != "" && !slices.Contains(c.Tags, t) {
			c.Tags = append(c.Tags, t)
		}
	}
	c.Impact, c.Effort, c.Owner, c.Due, c.Speaker = 0, 0, "", "", ""
	info := kindInfo(f.kind)
	if info.Has(session.FieldSpeaker) {
		c.Speaker = strings.TrimSpace(f.speaker.Value())
	}
	if info.Has(session.FieldImpact) {
		c.Impact = f.impact
	}
	if info.Has(session.FieldEffort) {
		c.Effort = f.effort
	}
	if info.Has(session.FieldOwner) {
		c.Owner = strings.TrimSpace(f.owner.Value())
	}
	if info.Has(session.FieldDue) {
		due := strings.TrimSpace(f.due.Value())
		if f.orig != nil && due == f.orig.Due {
			c.Due = due // stored already; never re-read relative to a new day
		} else if today != nil {
			d, err := session.ParseDue(due, today())
			if err != nil {
				return c, err
			}
			c.Due = d
		} else {
			c.Due = due
		}
	}
	// The fields' editors leave no room past the cap, but a #tag in the
	// text is stored twice (in the text and as a tag): a capture import
	// would refuse is not saved from the form. Quitting keeps it anyway
	// (keepDrafts), since losing what was typed is worse.
	if n := c.TextBytes(); n > session.MaxTextBytes {
		return c, fmt.Errorf("this %s holds %s with its tags; a capture holds at most %s", kindInfo(f.kind).Word,
			session.Megabytes(n), session.Megabytes(session.MaxTextBytes))
	}
	return c, nil
}

func (f *captureForm) update(r *runner, msg tea.Msg) tea.Cmd {
	km, isKey := msg.(tea.KeyPressMsg)
	k := f.keysNow(r)
	if f.confirm {
		if !isKey {
			return nil
		}
		switch {
		case key.Matches(km, k.Discard):
			r.popOverlay()
			r.setNote(kindInfo(f.kind).Word + " discarded")
		case key.Matches(km, k.KeepEdit):
			f.confirm = false
		}
		return nil
	}
	if !isKey {
		return f.updateEditor(msg)
	}
	switch {
	case key.Matches(km, k.Save):
		f.save(r)
		return nil
	case key.Matches(km, k.Cancel):
		if f.dirty() {
			f.confirm = true
			return nil
		}
		r.popOverlay()
		return nil
	case key.Matches(km, k.Next):
		f.setFocus(f.focus + 1)
		return nil
	case key.Matches(km, k.Prev):
		f.setFocus(f.focus - 1)
		return nil
	case key.Matches(km, k.Capture):
		return nil // ctrl+k in the form: the palette is already open
	case key.Matches(km, k.Ago):
		f.ago = 10 * int(km.Code-'0')
		return nil
	case key.Matches(km, k.Speaker):
		f.nextSpeaker()
		return nil
	}
	switch f.focused() {
	case ffImpact, ffEffort:
		f.scoreKey(k, km)
		return nil
	case ffAgo:
		f.agoKey(k, km)
		return nil
	case ffInternal:
		if key.Matches(km, k.Toggle) {
			f.internal = !f.internal
		}
		return nil
	}
	return f.updateEditor(msg)
}

// hasSpeaker reports whether the form asks who said it (a quote).
func (f *captureForm) hasSpeaker() bool { return slices.Contains(f.fields, ffSpeaker) }

// nextSpeaker puts the next of the session's contacts in the speaker
// field, then nobody, then the first again; from a name typed by hand it
// starts at the first.
func (f *captureForm) nextSpeaker() {
	cur := strings.TrimSpace(f.speaker.Value())
	next := ""
	switch i := slices.Index(f.speakers, cur); {
	case i >= 0 && i+1 < len(f.speakers):
		next = f.speakers[i+1]
	case i < 0 && len(f.speakers) > 0:
		next = f.speakers[0]
	}
	f.speaker.SetValue(next)
	f.speaker.CursorEnd()
	f.err = ""
}

func (f *captureForm) updateEditor(msg tea.Msg) tea.Cmd {
	e := f.editorFor(f.focused())
	if e == nil {
		return nil
	}
	// The field may take what the capture has room for: import refuses a
	// capture past session.MaxTextBytes, all its fields together.
	rest := len(f.phase)
	for _, ff := range f.fields {
		if o := f.editorFor(ff); o != nil && o != e {
			rest += o.Len()
		}
	}
	e.SetLimit(session.MaxTextBytes - rest)
	var cmd tea.Cmd
	*e, cmd = e.Update(msg)
	f.err = ""
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		if r, ok := msg.(editor.RefusedMsg); ok {
			return captureRefusedMsg{r}
		}
		return msg
	}
}

// captureRefusedMsg is an editor's refusal of text the capture form's
// field had no room for: the runner says so, naming a capture, not an
// answer.
type captureRefusedMsg struct{ editor.RefusedMsg }

// scoreKey sets impact or effort: a digit 1-5, or less and more.
func (f *captureForm) scoreKey(k captureFormKeys, km tea.KeyPressMsg) {
	v := &f.impact
	if f.focused() == ffEffort {
		v = &f.effort
	}
	switch {
	case key.Matches(km, k.Score):
		*v = digit(km)
	case key.Matches(km, k.Less):
		*v = max(*v-1, 1)
	case key.Matches(km, k.More):
		*v = min(*v+1, 5)
	}
}

// agoKey edits the seconds of backdating: digits and backspace.
func (f *captureForm) agoKey(k captureFormKeys, km tea.KeyPressMsg) {
	switch {
	case key.Matches(km, k.Digit):
		f.ago = min(f.ago*10+digit(km), maxAgo)
	case key.Matches(km, k.Erase):
		f.ago /= 10
	}
}

// digit is the value of a digit key (Score, Digit).
func digit(km tea.KeyPressMsg) int { return int(km.String()[0] - '0') }

// save stores the capture and returns to where the facilitator was.
func (f *captureForm) save(r *runner) {
	now := r.now()
	id := ""
	if f.orig == nil {
		id = r.deps.NewID()
	}
	c, err := f.build(now, id, r.now)
	if err != nil {
		f.err = err.Error()
		if strings.HasPrefix(f.err, "due date") {
			f.setFocus(max(slices.Index(f.fields, ffDue), 0))
		} else {
			f.setFocus(0)
		}
		return
	}
	r.save(r.sess.PutCapture(c, now))
	r.popOverlay()
	if f.orig != nil {
		r.setNote(kindInfo(c.Kind).Word + " updated")
	} else {
		note := kindInfo(c.Kind).Word + " captured at " + mmss(c.At)
		if r.presenting() && hiddenWhilePresenting(c) {
			note += " (hidden while presenting)"
		}
		r.setNote(note)
	}
}

func (f *captureForm) body(r *runner, under []string, w, h int) []string {
	s := r.styles
	inner := max(w-4, 1)
	edW := max(inner-capLabelW, 1)
	info := kindInfo(f.kind)
	verb := "New "
	if f.orig != nil {
		verb = "Edit "
	}
	title := s.PhaseRow.Render(verb+info.Word) + s.Dim.Render(" · at "+mmss(f.stamp()))
	if ph := r.phaseTitle(f.phase); ph != "" {
		title += s.Dim.Render(" · " + ph)
	}
	rows := []string{title}
	label := func(ff formField, name string) string {
		mark, st := "  ", s.Dim
		if f.focused() == ff && !f.confirm {
			mark, st = "› ", s.Selected
		}
		return st.Render(padRight(mark+name, capLabelW))
	}
	focusRow := 0
	for _, ff := range f.fields {
		if ff == f.focused() {
			focusRow = len(rows)
		}
		switch ff {
		case ffText:
			rows = append(rows, hangRows(label(ff, "Text"), editorRows(&f.text, edW, maxTextRows))...)
		case ffImpact:
			rows = append(rows, label(ff, "Impact")+capScoreView(s, f.impact)+s.Dim.Render("  1-5, ←/→"))
		case ffEffort:
			rows = append(rows, label(ff, "Effort")+capScoreView(s, f.effort)+s.Dim.Render("  1-5, ←/→"))
		case ffOwner:
			rows = append(rows, hangRows(label(ff, "Owner"), editorRows(&f.owner, edW, 2))...)
		case ffDue:
			// What the text reads as sits beside it when there is room.
			dueW, hint := edW, ""
			if edW >= 34 {
				dueW, hint = edW-16, f.dueHint(r)
			}
			rows = append(rows, hangRows(label(ff, "Due"), editorRows(&f.due, dueW, 1))...)
			rows[len(rows)-1] = padRight(rows[len(rows)-1], capLabelW+dueW) + hint
		case ffSpeaker:
			spW, hint := edW, ""
			if edW >= 40 && len(f.speakers) > 0 {
				spW, hint = edW-18, s.Dim.Render("  alt+s: next one")
			}
			rows = append(rows, hangRows(label(ff, "Speaker"), editorRows(&f.speaker, spW, 1))...)
			rows[len(rows)-1] = padRight(rows[len(rows)-1], capLabelW+spW) + hint
		case ffAgo:
			txt := "now"
			if f.ago > 0 {
				txt = strconv.Itoa(f.ago) + " s ago"
			}
			rows = append(rows, label(ff, "Said")+txt+s.Dim.Render("  digits, or alt+1/2/3 for 10/20/30 s"))
		case ffTags:
			tagRows := editorRows(&f.tags, edW/2, 2)
			if t := session.ParseTags(f.text.Value()); len(t) > 0 {
				tagRows[0] = padRight(tagRows[0], edW/2) + s.Dim.Render("  from text: #"+strings.Join(t, " #"))
			}
			rows = append(rows, hangRows(label(ff, "Tags"), tagRows)...)
		case ffInternal:
			v := "no: in the client's copy"
			switch {
			case f.team && f.internal:
				v = s.Internal.Render("yes") + ": a team session has no client copy"
			case f.team:
				v = "no, but a team session has no client copy"
			case f.internal:
				v = s.Internal.Render("yes: facilitator only")
				if info.Internal {
					v += ", as every " + info.Word + " starts"
				}
			}
			rows = append(rows, label(ff, "Internal")+v+s.Dim.Render("  space toggles"))
		}
	}
	switch {
	case f.confirm:
		rows = append(rows, s.Warning.Render("Discard this "+info.Word+"? y/n"))
		focusRow = len(rows) - 1
	case f.err != "":
		rows = append(rows, s.Warning.Render(cleanLine(f.err)))
	}
	return overlayBottom(r, under, windowRows(rows, focusRow, h-2), w, h)
}

// stamp is the session clock the capture is (or will be) stamped with.
func (f *captureForm) stamp() time.Duration {
	if f.orig != nil {
		return f.orig.At
	}
	return max(f.at-time.Duration(f.ago)*time.Second, 0)
}

// dueHint shows what the due text reads as, so a typo shows before saving.
func (f *captureForm) dueHint(r *runner) string {
	v := strings.TrimSpace(f.due.Value())
	if v == "" {
		return ""
	}
	d, err := session.ParseDue(v, r.now())
	if err != nil {
		return r.styles.Warning.Render(" ? not a date")
	}
	t, _ := time.Parse(session.DateLayout, d)
	return r.styles.Dim.Render(" → " + t.Format("Mon 2 Jan"))
}

func capScoreView(s *Styles, v int) string {
	return s.Selected.Render(strconv.Itoa(v)) + " " + strings.Repeat("●", v) + s.Dim.Render(strings.Repeat("○", 5-v))
}

// editorRows draws e w cells wide in as many rows as its text wraps to, at
// most n, so a long text grows the field instead of hiding.
func editorRows(e *editor.Model, w, n int) []string {
	w = max(w, 1)
	if e.Width() != w {
		e.SetWidth(w)
	}
	if e.Height() != n {
		e.SetHeight(n)
	}
	rows := strings.Split(e.View(), "\n")
	for len(rows) > 1 && strings.TrimSpace(rows[len(rows)-1]) == "" {
		rows = rows[:len(rows)-1]
	}
	return rows
}

// hangRows puts rows after first, continuation rows indented under it.
func hangRows(first string, rows []string) []string {
	out := make([]string, len(rows))
	for i, row := range rows {
		if i == 0 {
			out[i] = first + row
		} else {
			out[i] = strings.Repeat(" ", capLabelW) + row
		}
	}
	return out
}

// phaseTitle is the title of phase id, cleaned, or "".
func (r *runner) phaseTitle(id string) string {
	for i := range r.sess.Playbook.Phases {
		if ph := &r.sess.Playbook.Phases[i]; ph.ID == id {
			return cleanLine(ph.Title)
		}
	}
	return ""
}

// keysNow is the form's keys as they apply now, for both its help bar and
// update: backdating only for a new capture, the internal switch on its
// row. A key that does not apply goes to the field in focus, as text.
func (f *captureForm) keysNow(r *runner) captureFormKeys {
	k := r.keys.CaptureForm
	k.Ago.SetEnabled(f.orig == nil)
	k.Toggle.SetEnabled(f.focused() == ffInternal)
	k.Speaker.SetEnabled(f.hasSpeaker() && len(f.speakers) > 0)
	return k
}

func (f *captureForm) helpKeys(r *runner) help.KeyMap {
	k := f.keysNow(r)
	if f.confirm {
		return bindingSet{short: []key.Binding{k.Discard, k.KeepEdit}}
	}
	return bindingSet{short: []key.Binding{k.Save, k.Cancel, k.Toggle, k.Next, k.Speaker, k.Ago}}
}

func (f *captureForm) badge() string {
	if f.orig != nil {
		return "EDIT " + strings.ToUpper(kindInfo(f.kind).Word)
	}
	return "CAPTURE " + strings.ToUpper(kindInfo(f.kind).Word)
}

var _ overlay[*runner] = (*captureForm)(nil)
