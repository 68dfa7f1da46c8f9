package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"rapport/playbooks"
	"rapport/session"
)

// The runner's keys: which bindings apply in the current mode, worked out
// once (navNow, typingNow) for both the help bar and the handling of keys
// (runner_update.go), so the bar never offers a key that does nothing and a
// key it leaves out says why when pressed.

// fullHelpLines is the window of the full help that fits in h lines,
// from helpTop.
func (r *runner) fullHelpLines(h int) []string {
	all := r.fullHelpAll()
	top := max(0, min(r.helpTop, len(all)-h))
	all = all[top:]
	if len(all) > h && h > 0 {
		all = append(all[:h-1:h-1], r.styles.Dim.Render("↓ more (j)"))
	}
	return all
}

// helpOverflow is how many lines of the full help do not fit.
func (r *runner) helpOverflow() int {
	return max(len(r.fullHelpAll())-(r.height-5), 0)
}

// fullHelpAll is every line of the full help: the columns side by side when
// they fit the width, stacked when they do not.
func (r *runner) fullHelpAll() []string {
	return helpColumns(r.help, r.styles, r.keys.FullHelp(), r.width)
}

// helpKeys is the help bar for the current mode, with bindings that do not
// apply right now disabled, so the bar is always true.
func (r *runner) helpKeys() help.KeyMap {
	if o := r.topOverlay(); o != nil {
		return o.helpKeys(r)
	}
	switch r.mode {
	case modeTyping:
		k, _ := r.typingNow()
		short := []key.Binding{k.Next, k.Prev, k.Leave, k.Capture, k.Editor, k.JumpBack}
		if r.fld != nil {
			short = append(short, r.fld.Keys()...)
		}
		return bindingSet{short: append(short, r.keys.Common.Quit)}
	case modeJump:
		k := r.keys.Jump
		return bindingSet{short: []key.Binding{k.Up, k.Down, k.Jump, k.Close}}
	case modeAdHoc:
		k := r.keys.Input
		return bindingSet{short: []key.Binding{k.Submit, k.Cancel}}
	case modeHelp:
		k := r.keys.Help
		k.Up.SetEnabled(r.helpTop > 0)
		k.Down.SetEnabled(r.helpTop < r.helpOverflow())
		return bindingSet{short: []key.Binding{k.Close, k.Up, k.Down}}
	}
	k, _ := r.navNow()
	return bindingSet{short: []key.Binding{
		k.Type, k.Up, k.Down, k.Jump, k.JumpBack, k.Skip, k.Park, k.NA, k.Reopen, k.AdHoc,
		k.Pains, k.Roadmap, k.Journey, k.Synthesis, k.Timeline, k.FollowUp,
		k.NextPhase, k.PrevPhase, k.Summary, k.Present, k.Capture, k.Captures, k.WrapUp, k.Editor, k.Help, k.Library, k.Quit,
		k.Versions,
	}}
}

// typingNow is the typing keys as they apply now, and why those that do
// not, do not.
func (r *runner) typingNow() (typingKeys, refusals) {
	k, rs := r.keys.Typing, refusals{}
	rs.off(&k.Next, r.walk.HasNext(), "this is the last prompt")
	rs.off(&k.Prev, r.walk.HasPrev(), "this is the first prompt")
	rs.off(&k.Editor, r.textPrompt(), editorTextOnly)
	rs.off(&k.JumpBack, r.walk.CanJumpBack(), noJumpYet)
	return k, rs
}

// noJumpYet is what ctrl+o says before any jump (the index, a phase key).
const noJumpYet = "no jump to go back from yet (g or n/p jump)"

// navNow is the navigation keys as they apply now, and why those that do
// not, do not.
func (r *runner) navNow() (navKeys, refusals) {
	k, rs := r.keys.Nav, refusals{}
	state := session.StateOpen
	st, ok := r.step()
	if ok {
		if a := r.sess.Answers[st.Prompt.ID]; a != nil {
			state = a.State
		}
	}
	if r.presenting() {
		relabel(&k.Present, "stop presenting")
	}
	// A finished session is read-only: what would change it says so.
	fin := r.finished()
	edit := func(why string) string {
		if fin {
			return readOnlyNote
		}
		return why
	}
	rs.off(&k.Type, ok && !fin, edit(""))
	rs.off(&k.Jump, ok, "")
	rs.off(&k.JumpBack, r.walk.CanJumpBack(), noJumpYet)
	rs.off(&k.Up, r.walk.HasPrev(), "this is the first prompt")
	rs.off(&k.Down, r.walk.HasNext(), "this is the last prompt")
	rs.off(&k.Skip, ok && !fin && state != session.StateSkipped, edit("already skipped"))
	rs.off(&k.Park, ok && !fin && state != session.StateParked, edit("already parked for follow-up"))
	rs.off(&k.NA, ok && !fin && state != session.StateNotApplicable, edit("already marked not applicable"))
	rs.off(&k.Reopen, ok && !fin && state != session.StateOpen && state != session.StateAnswered, edit("already open"))
	rs.off(&k.AdHoc, ok && !fin, edit("no phase to add a question to"))
	rs.off(&k.Editor, r.textPrompt() && !fin, edit(editorTextOnly))
	rs.off(&k.Capture, !fin, readOnlyNote)
	rs.off(&k.People, !fin, readOnlyNote)
	rs.off(&k.NextPhase, r.walk.HasNextPhase(), "this is the last phase")
	rs.off(&k.PrevPhase, r.walk.HasPrevPhase(), "this is the first phase")
	rs.off(&k.Journey, len(journeyPrompts(r.sess)) > 0, "this playbook has no journey prompt")
	rs.off(&k.Timeline, r.sess.ID != "", "")
	rs.off(&k.FollowUp, r.sess.ID != "" && r.deps.Sessions != nil, "no store to create a follow-up session in")
	rs.off(&k.Versions, r.conflictCount() > 0, "this answer has one version")
	return k, rs
}

func (r *runner) textPrompt() bool {
	st, ok := r.step()
	return ok && playbooks.KindOf(st.Prompt.Kind).FreeText
}
