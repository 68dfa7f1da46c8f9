package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// Drawing the runner in the frame every session screen shares (frame.go):
// its own two header lines, the body, the mode's badge and the help bar.

// view draws the runner at its size: exactly height lines, none wider than
// width, whatever the content.
// It takes the runner by pointer (the root holds it so), so the overlay on
// top draws from the runner itself rather than from a copy.
func (r *runner) view() string {
	if s, ok := frameFits(r.styles, r.width, r.height); !ok {
		return s
	}
	l := r.plan()
	bodyH := frameBodyHeight(r.height)
	var body []string
	switch r.mode {
	case modeHelp:
		body = r.fullHelpLines(bodyH)
	case modeJump:
		body = r.jump.view(r.styles, r.width, bodyH)
	default:
		if r.finished() && bodyH > 3 {
			// Read-only: a banner says so, and how to change it.
			body = append([]string{r.styles.Warning.Render(truncate(finishedBanner, r.width))}, r.bodyLines(l, bodyH-1)...)
			break
		}
		body = r.bodyLines(l, bodyH)
	}
	if o := r.topOverlay(); o != nil {
		body = o.body(r, fitLines(body, r.width, bodyH, false), r.width, bodyH)
	}
	return drawFrame(r.styles, r.bar, r.width, r.height, r.cachedHead(), body, r.badge(), r.cachedBar())
}

// cachedHead is the header and the rule, redrawn only when what they show
// changed (the timer moves once a second, not per keystroke).
func (r *runner) cachedHead() []string {
	done, _ := r.progress()
	k := headKey{w: r.width, cur: r.walk.Pos(), n: r.walk.Len(), done: done, st: r.styles,
		save: r.bar.save.State, client: r.sess.Client, finished: r.sess.Status == session.StatusFinished}
	if r.bar.save.Err != nil {
		k.errText = r.bar.save.Err.Error()
	}
	k.present = r.presenting()
	if st, ok := r.step(); ok {
		k.spent = r.sess.PhaseTime[st.Phase.ID]
	}
	if r.vc.head != nil && r.vc.headKey == k {
		return r.vc.head
	}
	head := append(r.headerLines(), r.styles.Rule.Render(strings.Repeat("─", r.width)))
	r.vc.headKey, r.vc.head = k, head
	return head
}

// cachedBar is the help bar, redrawn only when its bindings changed.
func (r *runner) cachedBar() string {
	km := r.helpKeys()
	var sig strings.Builder
	for _, b := range km.ShortHelp() {
		if b.Enabled() {
			sig.WriteString(b.Help().Key)
			sig.WriteByte(0)
			sig.WriteString(b.Help().Desc)
			sig.WriteByte(0)
		}
	}
	k := barKey{w: r.width, st: r.styles, sig: sig.String()}
	if r.vc.barKey == k && k.sig != "" {
		return r.vc.bar
	}
	bar := helpBar(r.help, km.ShortHelp(), r.width) // ends on a whole item or "…"
	r.vc.barKey, r.vc.bar = k, bar
	return bar
}

func (r *runner) headerLines() []string {
	w := r.width
	s := r.styles
	left1 := s.Client.Render(cleanLine(r.sess.Client))
	if t := cleanLine(r.sess.Playbook.Title); t != "" {
		left1 += s.Dim.Render(" · ") + s.Title.Render(t)
	}
	if r.sess.Status == session.StatusFinished {
		left1 += s.Dim.Render(" · ") + s.State.Render("finished")
	}
	right1 := r.saveIndicator()
	if r.presenting() {
		right1 = s.Present.Render(" PRESENTING ") + " " + right1
	}
	line1 := joinEnds(left1, right1, w)

	st, ok := r.step()
	var left2, right2 string
	if ok {
		n, of := session.PhasePosition(r.walk.Steps(), st.PhaseIndex)
		left2 = s.Phase.Render(fmt.Sprintf("Phase %d of %d: %s", n, of, cleanLine(st.Phase.Title)))
		right2 = r.timerText(st)
	} else {
		left2 = s.Dim.Render("This playbook has no prompts.")
	}
	done, total := r.progress()
	countText := fmt.Sprintf("%d/%d", done, total)
	if w >= 60 {
		countText += " answered"
	}
	count := s.Count.Render(countText)
	core := ""
	if ok {
		core = r.coreText(st)
	}
	// The meter gives way to what the core prompts still need.
	if w >= 70+ansi.StringWidth(core) && total > 0 {
		count = r.meter.ViewAs(float64(done)/float64(total)) + " " + count
	}
	if core != "" {
		count += "  " + core
	}
	if right2 != "" {
		right2 = count + "  " + right2
	} else {
		right2 = count
	}
	line2 := joinEnds(left2, right2, w)
	return []string{line1, line2}
}

// progress counts prompts that are no longer open, like the index record.
func (r *runner) progress() (done, total int) {
	for _, st := range r.walk.Steps() {
		if a := r.sess.Answers[st.Prompt.ID]; a != nil && a.State != session.StateOpen {
			done++
		}
	}
	return done, r.walk.Len()
}

// coreText says how much of the phase's timebox its open core prompts
// still need ("core 6m"; each prompt's even share of the timebox, as
// playbooks.Phase.CoreTime), or "core done" once none is open, so the
// facilitator can see the room left for probes and optional prompts.
// Nothing while presenting, or for a phase without core prompts or a
// timebox.
func (r *runner) coreText(st session.Step) string {
	ph := st.Phase
	if r.presenting() || ph.Timebox <= 0 || len(ph.Prompts) == 0 || ph.CorePrompts() == 0 {
		return ""
	}
	open := 0
	for _, p := range ph.Prompts {
		if a := r.sess.Answers[p.ID]; p.Core && (a == nil || a.State == session.StateOpen) {
			open++
		}
	}
	if open == 0 {
		return r.styles.Dim.Render("core done")
	}
	need := ph.Timebox * time.Duration(open) / time.Duration(len(ph.Prompts))
	mins := int((need + time.Minute - 1) / time.Minute)
	text := fmt.Sprintf("core %dm", mins)
	if left := ph.Timebox - r.sess.PhaseTime[ph.ID]; need > left {
		return r.styles.TimerOver.Render(text)
	}
	return r.styles.Dim.Render(text)
}

// timerText is the phase's soft timebox: a countdown, then a quiet nudge
// once over. It never stops anyone. Without a timebox it shows time spent.
func (r *runner) timerText(st session.Step) string {
	spent := r.sess.PhaseTime[st.Phase.ID]
	if st.Phase.Timebox <= 0 {
		return r.styles.Timer.Render(mmss(spent) + " in phase")
	}
	left := st.Phase.Timebox - spent
	if left >= 0 {
		return r.styles.Timer.Render(mmss(left) + " left")
	}
	return r.styles.TimerOver.Render("+" + mmss(-left) + " over")
}

func mmss(d time.Duration) string {
	secs := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d", secs/60, secs%60)
}

func (r *runner) saveIndicator() string {
	return r.bar.saveText(r.styles)
}

func (r *runner) bodyLines(l layout, bodyH int) []string {
	if _, ok := r.step(); !ok {
		if r.presenting() && len(r.sess.Steps()) > 0 {
			// Every prompt is the facilitator's (a team playbook that marks
			// none as shown): say so rather than that there are none.
			return []string{r.styles.Dim.Render(truncate("Nothing to show while presenting: every prompt here is internal.", r.width))}
		}
		return []string{r.styles.Dim.Render("Nothing to ask: this playbook has no prompts. q quits.")}
	}
	main := make([]string, 0, bodyH)
	main = append(main, l.goal...)
	main = append(main, l.meta)
	main = append(main, l.versions...)
	main = append(main, l.question...)
	main = append(main, l.helpText...)
	if r.mode == modeAdHoc {
		main = append(main, r.adhoc.View())
	}
	if r.fld != nil {
		main = append(main, fitLines(strings.Split(r.fld.View(), "\n"), l.mainW, l.fieldH, l.tipsW > 0)...)
	}
	if l.tipsW == 0 {
		main = append(main, l.tips...)
		return main
	}
	// Side panel: main column, a separator, the tips.
	main = fitLines(main, l.mainW, bodyH, true)
	side := fitLines(l.tips, l.tipsW, bodyH, false)
	sep := r.styles.Rule.Render(" │ ")
	out := make([]string, bodyH)
	for i := range out {
		out[i] = main[i] + sep + side[i]
	}
	return out
}

// badge names the mode in the status line.
// finishedBanner heads a finished session's runner.
const finishedBanner = "■ Finished: read-only. W then R reopens it."

func (r *runner) badge() string {
	var badge string
	switch r.mode {
	case modeTyping:
		badge = "TYPING"
	case modeJump:
		badge = "INDEX"
	case modeAdHoc:
		badge = "ADD QUESTION"
	case modeHelp:
		badge = "HELP"
	default:
		badge = "NAVIGATE"
		if r.finished() {
			badge = "READ-ONLY"
		}
	}
	if o := r.topOverlay(); o != nil {
		badge = o.badge()
	}
	return badge
}
