package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// versions is the overlay that shows the versions of an answer a team
// sync kept when two people changed it at once (docs/team.md): each with
// its author and time, the one standing first. A number or enter keeps
// one, j joins them where the kind allows, esc closes and keeps them all
// for later. Choosing is a change of the facilitator's own, which the
// next sync takes to the team.
type versions struct {
	prompt string // the prompt whose answer it is
	sel    int
}

// openVersions opens the versions of the current answer.
func (r *runner) openVersions() {
	st, ok := r.step()
	if !ok {
		return
	}
	r.commitField()
	r.pushOverlay(&versions{prompt: st.Prompt.ID})
}

// conflictCount is how many versions the current answer has beyond the
// one standing.
func (r *runner) conflictCount() int {
	st, ok := r.step()
	if !ok {
		return 0
	}
	if a := r.sess.Answers[st.Prompt.ID]; a != nil {
		return len(a.Conflicts)
	}
	return 0
}

// versionsLine is the line under a question whose answer has several
// versions: "⚠ 2 versions: yours and Ben Okafor's (v chooses, in
// navigation)".
func versionsLine(a session.Answer, me string) string {
	vs := a.Versions()
	return fmt.Sprintf("⚠ %d versions: %s (v chooses, in navigation)", len(vs), whose(vs, me))
}

// whose names the authors of versions: "yours and Ben Okafor's",
// "Ana Ruiz's, yours and another".
func whose(vs []session.Answer, me string) string {
	names := make([]string, len(vs))
	for i, v := range vs {
		switch n := cleanLine(v.Author); {
		case n == "":
			names[i] = "an unnamed one"
		case me != "" && n == cleanLine(me):
			names[i] = "yours"
		default:
			names[i] = n + "'s"
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func (v *versions) answer(r *runner) session.Answer { return r.sess.AnswerFor(v.prompt) }

// keysNow is the overlay's keys as they apply now.
func (v *versions) keysNow(r *runner) (versionsKeys, refusals) {
	k, rs := r.keys.Versions, refusals{}
	n := len(v.answer(r).Versions())
	rs.off(&k.Up, v.sel > 0, "")
	rs.off(&k.Down, v.sel < n-1, "")
	// A finished session is read-only: its versions show, and stay.
	fin := r.finished()
	rs.off(&k.Keep, !fin, readOnlyNote)
	rs.off(&k.Pick, !fin, readOnlyNote)
	why := "these versions cannot be joined (a rating, a number, one choice): keep one"
	if fin {
		why = readOnlyNote
	}
	rs.off(&k.Join, !fin && r.sess.CanJoin(v.prompt), why)
	return k, rs
}

func (v *versions) update(r *runner, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k, refused := v.keysNow(r)
	if why, ok := refused.of(km); ok {
		r.setNote(why)
		return nil
	}
	vs := v.answer(r).Versions()
	switch {
	case key.Matches(km, k.Close):
		r.popOverlay()
	case key.Matches(km, k.Up):
		v.sel = max(v.sel-1, 0)
	case key.Matches(km, k.Down):
		v.sel = min(v.sel+1, len(vs)-1)
	case key.Matches(km, k.Keep):
		v.keep(r, v.sel, vs)
	case key.Matches(km, k.Pick):
		if i := int(km.Code - '1'); i >= 0 && i < len(vs) {
			v.keep(r, i, vs)
		} else {
			r.setNote(fmt.Sprintf("there are %d versions", len(vs)))
		}
	case key.Matches(km, k.Join):
		e, err := r.sess.JoinVersions(v.prompt, r.now())
		if err != nil {
			r.setNote(err.Error())
			return nil
		}
		v.settled(r, e, fmt.Sprintf("joined the %d versions", len(vs)))
	}
	return nil
}

// keep keeps version i.
func (v *versions) keep(r *runner, i int, vs []session.Answer) {
	e, err := r.sess.ChooseVersion(v.prompt, i, r.now())
	if err != nil {
		r.setNote(err.Error())
		return
	}
	v.settled(r, e, "kept "+whose(vs[i:i+1], r.deps.Author)+" version")
}

// settled saves the choice, closes the overlay and shows the answer now.
func (v *versions) settled(r *runner, e session.Edit, note string) {
	r.save(e)
	r.popOverlay()
	r.rebuildField()
	r.answered()
	r.setNote(strings.Replace(note, "kept yours version", "kept your version", 1))
}

func (v *versions) body(r *runner, _ []string, width, h int) []string {
	s := r.styles
	a := v.answer(r)
	vs := a.Versions()
	st, _ := r.step()
	lines := []string{
		s.PhaseRow.Render(truncate(fmt.Sprintf("%d versions: %s", len(vs), whose(vs, r.deps.Author)), width)),
		s.Question.Render(truncate(cleanLine(st.Prompt.Question), width)),
		s.Dim.Render(truncate("Changed on both sides in a team sync; the first stands until you choose.", width)),
	}
	v.sel = max(min(v.sel, len(vs)-1), 0)
	for i, ver := range vs {
		who := cleanLine(ver.Author)
		if who == "" {
			who = "no name"
		}
		if r.deps.Author != "" && who == cleanLine(r.deps.Author) {
			who += " (you)"
		}
		head := fmt.Sprintf("%d  %s · %s", i+1, who, ver.Updated.In(r.now().Location()).Format("2006-01-02 15:04"))
		if i == 0 {
			head += " · standing"
		}
		if i == v.sel {
			head = s.Selected.Render("› " + truncate(head, max(width-2, 1)))
		} else {
			head = "  " + truncate(head, max(width-2, 1))
		}
		lines = append(lines, "", head)
		for _, l := range versionText(ver, max(width-4, 1), 4) {
			lines = append(lines, "    "+l)
		}
	}
	return fitLines(lines, width, h, false)
}

// versionText is a version as a few lines: its text, items, picks,
// rating or number, cut to n lines of width.
func versionText(a session.Answer, width, n int) []string {
	var parts []string
	if a.Rating > 0 {
		parts = append(parts, fmt.Sprintf("%d/5", a.Rating))
	}
	if a.Number != nil {
		parts = append(parts, strconv.FormatFloat(*a.Number, 'g', -1, 64))
	}
	parts = append(parts, a.Choices...)
	if a.Text != "" {
		parts = append(parts, a.Text)
	}
	if a.Evidence != "" {
		parts = append(parts, "Evidence: "+a.Evidence)
	}
	for _, it := range a.Items {
		parts = append(parts, "- "+it)
	}
	for _, st := range a.Stages {
		parts = append(parts, "- "+st.Name)
	}
	for _, e := range a.Ledger {
		parts = append(parts, fmt.Sprintf("- %s %d: %s", e.Kind, e.Amount, e.Text))
	}
	if len(parts) == 0 {
		parts = append(parts, "(empty, "+string(a.State)+")")
	}
	return wrapLines(clean(strings.Join(parts, "\n")), width, n)
}

func (v *versions) helpKeys(r *runner) help.KeyMap {
	k, _ := v.keysNow(r)
	return bindingSet{short: []key.Binding{k.Pick, k.Join, k.Close, k.Keep, k.Up, k.Down}}
}

func (v *versions) badge() string { return "VERSIONS" }

var _ overlay[*runner] = (*versions)(nil)
