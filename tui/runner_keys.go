package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"rapport/playbooks"
	"rapport/session"
)

// The runner's keys: which bindings apply in the current mode, for the help
// bar and the full help.

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
		k := r.keys.Typing
		k.Next.SetEnabled(r.walk.HasNext())
		k.Prev.SetEnabled(r.walk.HasPrev())
		k.Editor.SetEnabled(r.textPrompt())
		short := []key.Binding{k.Next, k.Prev, k.Leave, k.Capture, k.Editor}
		if r.fld != nil {
			short = append(short, r.fld.Keys()...)
		}
		return bindingSet{short: append(short, r.keys.Global.Quit)}
	case modeIndex:
		k := r.keys.Index
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
	k := r.keys.Nav
	state := session.StateOpen
	st, ok := r.step()
	if ok {
		if a := r.sess.Answers[st.Prompt.ID]; a != nil {
			state = a.State
		}
	}
	k.Type.SetEnabled(ok)
	if r.present {
		k.Present.SetHelp(k.Present.Help().Key, "stop presenting")
	}
	k.Up.SetEnabled(r.walk.HasPrev())
	k.Down.SetEnabled(r.walk.HasNext())
	k.Skip.SetEnabled(ok && state != session.StateSkipped)
	k.Park.SetEnabled(ok && state != session.StateParked)
	k.NA.SetEnabled(ok && state != session.StateNotApplicable)
	k.Reopen.SetEnabled(ok && state != session.StateOpen && state != session.StateAnswered)
	k.AdHoc.SetEnabled(ok)
	k.Index.SetEnabled(ok)
	k.Editor.SetEnabled(r.textPrompt())
	k.NextPhase.SetEnabled(r.walk.HasNextPhase())
	k.PrevPhase.SetEnabled(r.walk.HasPrevPhase())
	k.Journey.SetEnabled(len(journeyPrompts(r.sess)) > 0)
	k.Timeline.SetEnabled(r.sess.ID != "")
	k.FollowUp.SetEnabled(r.sess.ID != "" && r.deps.Library != nil)
	return bindingSet{short: []key.Binding{
		k.Type, k.Up, k.Down, k.Index, k.Skip, k.Park, k.NA, k.Reopen, k.AdHoc,
		k.Pains, k.Roadmap, k.Journey, k.Synthesis, k.Timeline, k.FollowUp,
		k.NextPhase, k.PrevPhase, k.Summary, k.Present, k.Capture, k.Captures, k.WrapUp, k.Editor, k.Help, k.Library, k.Quit,
	}}
}

func (r *runner) textPrompt() bool {
	st, ok := r.step()
	return ok && playbooks.KindOf(st.Prompt.Kind).FreeText
}
