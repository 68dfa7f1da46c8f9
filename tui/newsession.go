package tui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"rapport/playbooks"
	"rapport/session"
)

// prefFacilitator is the setting that remembers who ran the last session,
// so the form offers the same name next time.
const prefFacilitator = "facilitator"

// newSession is the form that starts a session: client, contacts with
// their roles, facilitator and playbook. A huh.Form does the fields; the
// screen adds the frame, esc to cancel, and creating the session in a
// command once the form is complete.
type newSession struct {
	deps   Deps
	styles *Styles
	keys   newSessionKeys
	in     *formValues // the form writes through these pointers
	form   *huh.Form
	km     *huh.KeyMap
	first  huh.Field // the client: nothing before it
	last   huh.Field // the playbook: leaving it submits
	// Moves between fields made at once (see update) whose own message
	// from huh is still on its way and must not move again.
	skipNext, skipPrev int
	creating           bool
	err                string
	width              int
	height             int
}

// formValues is what the fields are bound to. It is held by pointer so the
// copies Update makes of the screen share one set of values with the form.
type formValues struct {
	client, contacts, facilitator, playbook string
}

// sessionCreatedMsg says the form's session was written to the library
// (or why it was not).
type sessionCreatedMsg struct {
	sess *session.Session
	err  error
}

func (sessionCreatedMsg) owner() screen { return screenNewSession }

// newNewSession builds the form, starting from in.
func newNewSession(deps Deps, in NewSessionInput, st *Styles, keys *keyMap) *newSession {
	v := &formValues{client: in.Client, facilitator: in.Facilitator, playbook: in.Playbook}
	pbs := deps.catalogue()
	if v.playbook == "" || findPlaybook(pbs, v.playbook) == nil {
		v.playbook = ""
		if p := findPlaybook(pbs, playbooks.DefaultID); p != nil {
			v.playbook = p.ID
		} else if len(pbs) > 0 && pbs[0] != nil {
			v.playbook = pbs[0].ID
		}
	}
	f := &newSession{deps: deps, styles: st, keys: keys.NewSession, in: v}
	f.build()
	return f
}

// findPlaybook returns the playbook with id, or nil.
func findPlaybook(pbs []*playbooks.Playbook, id string) *playbooks.Playbook {
	for _, p := range pbs {
		if p != nil && p.ID == id {
			return p
		}
	}
	return nil
}

// build makes the huh form over the current values; it is built again
// when the styles change or a failed create sends the facilitator back.
func (f *newSession) build() {
	pbs := f.deps.catalogue()
	opts := make([]huh.Option[string], 0, len(pbs))
	for _, p := range pbs {
		if p != nil {
			opts = append(opts, huh.NewOption(cleanLine(p.Title)+"  ("+cleanLine(p.ID)+")", p.ID))
		}
	}
	v := f.in
	km := huh.NewDefaultKeyMap()
	// Contacts are one per line, so enter starts a line there and tab
	// moves on; a facilitator types a list the way they would anywhere.
	km.Text.Next = f.keys.TextNext
	km.Text.Submit = f.keys.TextNext
	km.Text.NewLine = f.keys.TextNewLine
	// Five playbooks need no filter, and esc must always cancel the form.
	km.Select.Filter.SetEnabled(false)
	f.km = km
	client := huh.NewInput()
	playbook := huh.NewSelect[string]()
	f.first, f.last = client, playbook
	f.skipNext, f.skipPrev = 0, 0
	f.form = huh.NewForm(huh.NewGroup(
		client.
			Title("Client").
			Placeholder("the organisation you are meeting").
			Value(&v.client).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("the client's name is needed")
				}
				return nil
			}),
		huh.NewText().
			Title("Contacts").
			Description("One per line: Name, role").
			Placeholder("Maria Lopez, Head of Operations").
			Lines(3).
			ExternalEditor(false).
			Value(&v.contacts),
		huh.NewInput().
			Title("Facilitator").
			Placeholder("your name").
			Value(&v.facilitator),
		playbook.
			Title("Playbook").
			DescriptionFunc(func() string {
				if p := findPlaybook(pbs, v.playbook); p != nil {
					return cleanLine(p.Summary)
				}
				return ""
			}, &v.playbook).
			Options(opts...).
			Value(&v.playbook),
	)).
		WithKeyMap(km).
		WithShowHelp(false).
		WithTheme(formTheme(f.styles))
	f.sizeForm()
}

// formTheme dresses huh's fields in the app's styles, so the form follows
// the palette and NO_COLOR like every other screen.
func formTheme(st *Styles) huh.Theme {
	return huh.ThemeFunc(func(isDark bool) *huh.Styles {
		t := huh.ThemeBase(isDark)
		for _, fs := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
			fs.Title = st.Question
			fs.Description = st.HelpText
			fs.ErrorIndicator = st.Warning.SetString(" *")
			fs.ErrorMessage = st.Warning.SetString(" *")
			fs.SelectSelector = st.Selected.SetString("> ")
			fs.Option = st.Dim
			fs.SelectedOption = st.Selected
			fs.TextInput.Placeholder = st.Dim
			fs.TextInput.Prompt = st.Phase
			fs.TextInput.Text = st.Question.UnsetBold()
		}
		t.Focused.Base = t.Focused.Base.BorderForeground(st.Phase.GetForeground())
		t.Focused.Option = st.Question.UnsetBold()
		t.Blurred.Title = st.Dim
		t.Blurred.SelectSelector = st.Dim.SetString("  ")
		t.Help = st.Help
		return t
	})
}

// init focuses the first field.
func (f *newSession) init() tea.Cmd { return f.form.Init() }

func (f *newSession) setSize(w, h int) tea.Cmd {
	f.width, f.height = max(w, 0), max(h, 0)
	f.sizeForm()
	return nil
}

// setPresent does nothing: the form names no client but the one typed.
func (f *newSession) setPresent(bool) tea.Cmd { return nil }

// sizeForm fits the form between the title and the status and help lines.
func (f *newSession) sizeForm() {
	if f.width == 0 || f.height == 0 {
		return
	}
	f.form.WithWidth(max(f.width-2, 10)).WithHeight(max(f.height-4, 3))
}

func (f *newSession) setStyles(st *Styles) tea.Cmd {
	if st == f.styles {
		return nil
	}
	f.styles = st
	f.form.WithTheme(formTheme(st))
	return nil
}

// update handles a message for the form: esc cancels, the rest goes to huh,
// and a complete form creates the session in a command.
func (f newSession) update(msg tea.Msg) (newSession, tea.Cmd) {
	switch msg := msg.(type) {
	case sessionCreatedMsg:
		f.creating = false
		if msg.err != nil {
			// Keep what was typed and let the facilitator try again.
			f.err = "could not create the session: " + cleanLine(msg.err.Error())
			f.build()
			return f, f.form.Init()
		}
		s := msg.sess
		return f, func() tea.Msg { return sessionLoadedMsg{sess: s} }
	case tea.KeyPressMsg:
		if f.creating {
			return f, nil
		}
		if key.Matches(msg, f.keys.Cancel) {
			return f, func() tea.Msg { return newSessionCancelledMsg{} }
		}
	}
	if f.creating {
		return f, nil
	}
	switch {
	case msg == huh.NextField() && f.skipNext > 0:
		f.skipNext--
		return f, nil
	case msg == huh.PrevField() && f.skipPrev > 0:
		f.skipPrev--
		return f, nil
	}
	fld := f.form.GetFocusedField()
	m, cmd := f.form.Update(msg)
	if hf, ok := m.(*huh.Form); ok {
		f.form = hf
	}
	if f.form.State == huh.StateCompleted {
		f.creating = true
		return f, f.create()
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		cmd = tea.Batch(cmd, f.moveNow(fld, k))
	}
	return f, cmd
}

// moveNow moves to the next or previous field at once when k asked for
// it. huh moves through a message of its own, and keys typed before that
// message comes back (a fast typist, a paste, tmux send-keys) would land
// on no field and be lost; the message, when it comes, is then skipped.
func (f *newSession) moveNow(fld huh.Field, k tea.KeyPressMsg) tea.Cmd {
	if fld == nil || fld.Error() != nil || f.form.GetFocusedField() != fld {
		return nil
	}
	var next bool
	switch fld.(type) {
	case *huh.Input:
		next = key.Matches(k, f.km.Input.Next)
	case *huh.Text:
		next = key.Matches(k, f.km.Text.Next)
	}
	switch {
	case next && fld != f.last:
		f.skipNext++
		return f.form.NextField()
	case key.Matches(k, f.km.Input.Prev) && fld != f.first:
		f.skipPrev++
		return f.form.PrevField()
	}
	return nil
}

// create builds the session from the form and writes it in a command;
// the facilitator's name is remembered for next time.
func (f *newSession) create() tea.Cmd {
	v := *f.in
	p := findPlaybook(f.deps.catalogue(), v.playbook)
	deps := f.deps
	return func() tea.Msg {
		if p == nil {
			return sessionCreatedMsg{err: errors.New("no playbook chosen")}
		}
		if deps.Sessions == nil {
			return sessionCreatedMsg{err: errors.New("no session store")}
		}
		s := session.New(deps.NewID(), deps.Now(), strings.TrimSpace(v.client), *p)
		s.Contacts = parseContacts(v.contacts)
		s.Facilitator = strings.TrimSpace(v.facilitator)
		if err := deps.Sessions.Create(s); err != nil {
			return sessionCreatedMsg{err: err}
		}
		if deps.Prefs != nil && s.Facilitator != "" {
			_ = deps.Prefs.SetPref(prefFacilitator, s.Facilitator) // a convenience: never blocks starting
		}
		return sessionCreatedMsg{sess: s}
	}
}

// view draws the title, the form, a status line and the help bar.
func (f newSession) view() string {
	if f.width < minWidth || f.height < minHeight {
		return fitBlock([]string{f.styles.Warning.Render("window too small")}, f.width, f.height)
	}
	st := f.styles
	lines := []string{
		st.Client.Render("rapport") + st.Title.Render(" · new session"),
		st.Rule.Render(strings.Repeat("─", f.width)),
	}
	body := fitLines(strings.Split(f.form.View(), "\n"), f.width, f.height-4, false)
	lines = append(lines, body...)
	status := ""
	switch {
	case f.creating:
		status = st.Status.Render("creating the session…")
	case f.err != "":
		status = st.Warning.Render(f.err)
	default:
		// huh marks a refused field with "*"; the reason goes here.
		if errs := f.form.Errors(); len(errs) > 0 {
			status = st.Warning.Render(cleanLine(errs[0].Error()))
		}
	}
	lines = append(lines, status, f.helpView())
	return fitBlock(lines, f.width, f.height)
}

// helpView is the help bar: the keys of the field in focus, then cancel.
func (f *newSession) helpView() string {
	keys := append(f.form.KeyBinds(), f.keys.Cancel)
	h := f.form.Help()
	h.Styles = f.styles.Help
	return helpBar(h, keys, f.width)
}

// parseContacts reads the contacts field: one person per line as
// "Name, role". A line without a comma is a name alone; blank lines are
// skipped, and so is a line with a role but no name.
func parseContacts(text string) []session.Contact {
	var out []session.Contact
	for line := range strings.SplitSeq(text, "\n") {
		name, role, _ := strings.Cut(line, ",")
		name, role = strings.TrimSpace(name), strings.TrimSpace(role)
		if name == "" {
			continue
		}
		out = append(out, session.Contact{Name: name, Role: role})
	}
	return out
}
