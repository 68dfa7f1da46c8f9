package tui

import (
	"errors"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
	"rapport/tui/editor"
)

// The runner's mode machine: which message or key does what in each mode.

// update handles a message for the runner. Keys reach the field only in
// typing mode and only after the runner's own keys were taken out.
func (r runner) update(msg tea.Msg) (runner, tea.Cmd) {
	if o := r.topOverlay(); o != nil {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.PasteMsg:
			return updateOver(r, o, msg)
		}
	}
	switch msg := msg.(type) {
	case tickMsg:
		if msg.gen != r.tickGen {
			return r, nil
		}
		now := r.now()
		r.accrue(now)
		if r.timeDirty && now.Sub(r.lastTimeSave) >= timeSaveEvery {
			if st, ok := r.step(); ok {
				r.save(r.sess.Spend(st.Phase.ID, 0, now))
			}
		}
		return r, r.tick()
	case originsLoadedMsg:
		if msg.id == r.sess.ID {
			r.origins = msg.sessions
			for _, o := range r.origins {
				o.SetAuthor(r.deps.Author) // closing an item there records who did
			}
		}
		return r, nil
	case editorReadyMsg:
		return r.launchEditor(msg)
	case editorExitedMsg:
		if errors.Is(msg.err, errEditorStillOpen) {
			return r, nil // quitting: Run keeps the file and says where
		}
		if msg.err != nil {
			// The file may still hold what was typed: read it anyway.
			r.setNote("editor: " + cleanLine(msg.err.Error()))
		}
		return r, readEditorFile(msg.promptID, msg.path)
	case editorReadMsg:
		return r, r.applyEditorText(msg)
	case editor.RefusedMsg:
		// Text too big to take is refused whole; say so, never cut quietly.
		r.bar.refuse(refused("answer", msg))
		return r, nil
	case captureRefusedMsg:
		r.bar.refuse(refused("capture", msg.RefusedMsg))
		return r, nil
	case tea.KeyPressMsg:
		return r.handleKey(msg)
	}
	// Anything else (paste, cursor blink, field commands) goes to whoever
	// has focus.
	switch r.mode {
	case modeTyping:
		return r.updateField(msg)
	case modeNav, modeHelp:
		// A paste is text, never a string of commands: it goes into the
		// answer, so nothing pasted is lost.
		if _, ok := msg.(tea.PasteMsg); ok && r.fld != nil {
			if r.finished() {
				r.setNote(readOnlyNote)
				return r, nil
			}
			r.mode = modeTyping
			r.fld.Focus()
			return r.updateField(msg)
		}
	case modeJump:
		var cmd tea.Cmd
		r.jump, cmd = r.jump.update(msg)
		return r, cmd
	case modeAdHoc:
		var cmd tea.Cmd
		r.adhoc, cmd = r.adhoc.Update(msg)
		return r, cmd
	}
	return r, nil
}

func (r runner) updateField(msg tea.Msg) (runner, tea.Cmd) {
	if r.fld == nil {
		return r, nil
	}
	var cmd tea.Cmd
	r.fld, cmd = r.fld.Update(msg)
	r.commitField()
	return r, cmd
}

func (r runner) handleKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	// ctrl+k opens the capture palette from any mode, before the answer
	// field (whose ctrl+k would delete to the end of the line) sees it.
	if key.Matches(msg, r.keys.Typing.Capture) {
		if r.finished() {
			r.setNote(readOnlyNote)
			return r, nil
		}
		return r, r.openPalette()
	}
	switch r.mode {
	case modeTyping:
		return r.typingKey(msg)
	case modeNav:
		return r.navKey(msg)
	case modeJump:
		return r.indexKey(msg)
	case modeAdHoc:
		return r.adhocKey(msg)
	case modeHelp:
		switch {
		case key.Matches(msg, r.keys.Help.Close):
			r.mode = modeNav
		case key.Matches(msg, r.keys.Help.Up):
			r.helpTop = max(r.helpTop-1, 0)
		case key.Matches(msg, r.keys.Help.Down):
			r.helpTop = min(r.helpTop+1, r.helpOverflow())
		}
		return r, nil
	}
	return r, nil
}

func (r runner) typingKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	if plain, ok := escThen(msg); ok {
		// esc and a letter typed fast arrive as one alt+letter: read them
		// as the facilitator meant them, leave typing and act on the letter.
		r.leaveTyping()
		return r.navKey(plain)
	}
	k, refused := r.typingNow()
	if why, ok := refused.of(msg); ok {
		r.setNote(why)
		return r, nil
	}
	switch {
	case key.Matches(msg, k.Next):
		r.next()
		return r, nil
	case key.Matches(msg, k.Prev):
		r.prev()
		return r, nil
	case key.Matches(msg, k.JumpBack):
		r.jumpBack()
		return r, nil
	case key.Matches(msg, k.Leave):
		r.leaveTyping()
		return r, nil
	case key.Matches(msg, k.Editor):
		return r, r.openEditor()
	case key.Matches(msg, k.Present):
		return r, togglePresent
	}
	return r.updateField(msg)
}

// leaveTyping goes to navigation mode; nothing typed is lost.
func (r *runner) leaveTyping() {
	r.mode = modeNav
	if r.fld != nil {
		r.fld.Blur()
	}
}

// escThen reads an alt+key press as the esc and the key a terminal sends
// together when both are typed fast ("esc g" arrives as alt+g): it returns
// the key without alt. Only printable keys, with no modifier but alt and
// shift, read so; alt with an arrow or backspace keeps its own meaning.
func escThen(msg tea.KeyPressMsg) (tea.KeyPressMsg, bool) {
	if msg.Mod&tea.ModAlt == 0 || msg.Mod&^(tea.ModAlt|tea.ModShift) != 0 ||
		msg.Code > unicode.MaxRune || !unicode.IsPrint(msg.Code) || msg.Code == ' ' {
		return msg, false
	}
	k := msg
	k.Mod &^= tea.ModAlt
	k.Text = string(msg.Code)
	if k.Mod&tea.ModShift != 0 && msg.ShiftedCode != 0 {
		k.Text = string(msg.ShiftedCode)
	}
	return k, true
}

func (r runner) navKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	if plain, ok := escThen(msg); ok {
		// esc and a letter typed fast: esc does nothing in navigation, so
		// the letter is what was meant.
		msg = plain
	}
	k, refused := r.navNow()
	if why, ok := refused.of(msg); ok {
		r.setNote(why)
		return r, nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return r, askQuit // the root saves where the facilitator is, then quits
	case key.Matches(msg, k.Library):
		// The root saves where the facilitator is before it leaves.
		return r, func() tea.Msg { return showLibraryMsg{} }
	case key.Matches(msg, k.Pains):
		r.commitField()
		return r, msgCmd(showPainsMsg{})
	case key.Matches(msg, k.Journey):
		r.commitField()
		return r, msgCmd(showJourneyMsg{})
	case key.Matches(msg, k.Synthesis):
		r.commitField()
		return r, msgCmd(showSynthesisMsg{})
	case key.Matches(msg, k.Timeline):
		r.commitField()
		return r, msgCmd(showTimelineMsg{client: r.sess.Client, current: r.sess, known: r.origins})
	case key.Matches(msg, k.FollowUp):
		r.commitField()
		return r, msgCmd(showTimelineMsg{client: r.sess.Client, current: r.sess, known: r.origins, followUp: true})
	case key.Matches(msg, k.Roadmap):
		r.commitField()
		return r, msgCmd(showRoadmapMsg{})
	case key.Matches(msg, k.Up):
		r.prev()
	case key.Matches(msg, k.Down):
		r.next()
	case key.Matches(msg, k.NextPhase):
		r.jumpPhase(+1)
	case key.Matches(msg, k.PrevPhase):
		r.jumpPhase(-1)
	case key.Matches(msg, k.JumpBack):
		r.jumpBack()
	case key.Matches(msg, k.Jump):
		r.mode = modeJump
		return r, r.jump.open(r.sess, r.walk.Steps(), r.walk.Pos(), r.presenting())
	case key.Matches(msg, k.Skip):
		r.setState(session.StateSkipped, "skipped")
	case key.Matches(msg, k.Park):
		r.setState(session.StateParked, "parked for follow-up")
	case key.Matches(msg, k.NA):
		r.setState(session.StateNotApplicable, "marked not applicable")
	case key.Matches(msg, k.Reopen):
		r.setState(session.StateOpen, "reopened")
	case key.Matches(msg, k.AdHoc):
		r.mode = modeAdHoc
		r.adhoc.SetValue("")
		r.sizeField()
		return r, r.adhoc.Focus()
	case key.Matches(msg, k.Captures):
		r.openCaptures()
	case key.Matches(msg, k.People):
		r.openPeople()
	case key.Matches(msg, k.WrapUp):
		r.openWrapUp()
	case key.Matches(msg, k.Versions):
		r.openVersions()
	case key.Matches(msg, k.Editor):
		return r, r.openEditor()
	case key.Matches(msg, k.Summary):
		r.commitField()
		return r, func() tea.Msg { return showSummaryMsg{} }
	case key.Matches(msg, k.Present):
		return r, togglePresent
	case key.Matches(msg, k.Type):
		if r.fld != nil {
			r.mode = modeTyping
			r.fld.Focus()
		}
	case key.Matches(msg, k.Help):
		r.mode = modeHelp
		r.helpTop = 0
	}
	return r, nil
}

func (r runner) indexKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	k := r.keys.Jump
	switch {
	case key.Matches(msg, k.Close):
		r.mode = modeNav
		return r, nil
	case key.Matches(msg, k.Jump):
		if i, ok := r.jump.selected(); ok {
			// Straight into typing on the chosen prompt: the talk went
			// there, so the answer comes next (a finished session is only
			// read).
			r.mode = modeTyping
			if r.finished() {
				r.mode = modeNav
			}
			r.jumpTo(i)
		}
		return r, nil
	case key.Matches(msg, k.Up):
		r.jump.move(-1)
		return r, nil
	case key.Matches(msg, k.Down):
		r.jump.move(+1)
		return r, nil
	}
	var cmd tea.Cmd
	r.jump, cmd = r.jump.update(msg)
	return r, cmd
}

func (r runner) adhocKey(msg tea.KeyPressMsg) (runner, tea.Cmd) {
	k := r.keys.Input
	switch {
	case key.Matches(msg, k.Cancel):
		r.mode = modeNav
		r.adhoc.Blur()
		r.sizeField()
		return r, nil
	case key.Matches(msg, k.Submit):
		q := strings.TrimSpace(r.adhoc.Value())
		r.adhoc.Blur()
		r.mode = modeNav
		if q == "" {
			r.setNote("no question added")
			r.sizeField()
			return r, nil
		}
		r.addAdHoc(q)
		return r, nil
	}
	var cmd tea.Cmd
	r.adhoc, cmd = r.adhoc.Update(msg)
	return r, cmd
}
