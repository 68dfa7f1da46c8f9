package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"rapport/session"
)

// The runner's layout engine: where each part of the screen goes at the
// current size, and the caches that keep a keystroke from redrawing more
// than the answer.

// Layout limits (minWidth and minHeight, below which a screen says "window
// too small", are every frame's: frame.go).
const (
	sideTipsWidth  = 100 // from this width the tips sit in a side panel
	bottomTipsRows = 20  // from this height (without a side panel) tips sit below
	maxTipLines    = 3
)

// viewCache keeps the parts of the screen that do not change while typing,
// keyed by everything they are drawn from, so a keystroke redraws little
// more than the answer.
type viewCache struct {
	planKey planKey
	plan    layout
	headKey headKey
	head    []string // the two header lines and the rule
	barKey  barKey
	bar     string
}

type planKey struct {
	w, h, cur, n int
	adhoc        bool
	present      bool
	id           string
	state        session.State
	versions     int // other versions of the answer, which the meta line counts
	st           *Styles
}

type headKey struct {
	w, cur, n, done int
	st              *Styles
	save            SaveState
	errText         string
	spent           time.Duration
	present         bool
	finished        bool
	client          string
}

type barKey struct {
	w   int
	st  *Styles
	sig string
}

// layout is where things go at the current size, shared by sizing the
// field and drawing, so the two never disagree.
type layout struct {
	tooSmall bool
	mainW    int
	tipsW    int // side panel width; 0: no side panel
	goal     []string
	meta     string
	versions []string // "⚠ 2 versions: yours and Ben's (v chooses, in navigation)" when a sync kept two
	question []string
	helpText []string
	tips     []string // bottom or side tip lines, already cut to width
	fieldH   int
}

func (r *runner) plan() layout {
	k := planKey{w: r.width, h: r.height, cur: r.walk.Pos(), n: r.walk.Len(), adhoc: r.mode == modeAdHoc, st: r.styles,
		present: r.presenting()}
	if st, ok := r.step(); ok {
		k.id = st.Prompt.ID
		if a := r.sess.Answers[k.id]; a != nil {
			k.state = a.State
			k.versions = len(a.Conflicts)
		}
	}
	if r.vc != nil && r.vc.planKey == k && k.w > 0 {
		return r.vc.plan
	}
	l := r.planFresh()
	if r.vc != nil {
		r.vc.planKey, r.vc.plan = k, l
	}
	return l
}

// planFresh works the layout out from scratch; plan caches it.
func (r *runner) planFresh() layout {
	w, h := r.width, r.height
	var l layout
	if w < minWidth || h < minHeight {
		l.tooSmall = true
		return l
	}
	st, ok := r.step()
	l.mainW = w
	// The facilitator's side of the prompt: what to listen for, the
	// probes and the phase's tips. None of it is on a shared screen.
	var notes facilitatorNotes
	if ok && !r.presenting() {
		notes = facilitatorNotes{listen: st.Prompt.ListenFor, probes: st.Prompt.Probes, tips: st.Phase.Tips}
	}
	if !notes.empty() && w >= sideTipsWidth {
		l.tipsW = min(36, w/3)
		l.mainW = w - l.tipsW - 3 // " │ "
	}
	body := h - 5 // header (2), rule, status line, help bar
	if r.mode == modeAdHoc {
		body--
	}
	if !ok {
		l.fieldH = max(body, 1)
		return l
	}
	// A goal is written for the facilitator ("learn why they need a PMO
	// at all"); like the client's copy, a shared screen leaves it out.
	if st.Phase.Goal != "" && !r.presenting() {
		l.goal = styleLines(r.styles.Goal, wrapLines("Goal: "+clean(st.Phase.Goal), l.mainW, 2))
	}
	l.meta = r.metaLine(st)
	// Two people changed the answer at once (a team sync kept both): the
	// facilitator's to settle, so not on a shared screen. It is never
	// given up for room, unlike the help and the goal.
	if a := r.sess.Answers[st.Prompt.ID]; a != nil && len(a.Conflicts) > 0 && !r.presenting() {
		l.versions = styleLines(r.styles.Warning, wrapLines(versionsLine(*a, r.deps.Author), l.mainW, 2))
	}
	l.question = styleLines(r.styles.Question, wrapLines(clean(st.Prompt.Question), l.mainW, 3))
	if st.Prompt.Help != "" && !r.presenting() {
		l.helpText = styleLines(r.styles.HelpText, wrapLines(clean(st.Prompt.Help), l.mainW, 3))
	}
	if l.tipsW > 0 {
		l.tips = r.sideLines(notes, l.tipsW, h-5)
	} else if !notes.empty() && h >= bottomTipsRows {
		l.tips = r.bottomLines(notes, w, maxTipLines+1)
	}
	below := 0
	if l.tipsW == 0 {
		below = len(l.tips)
	}
	used := len(l.goal) + 1 + len(l.versions) + len(l.question) + len(l.helpText) + below
	// Give up extras, least useful first, until the field gets 3 lines.
	for body-used < 3 {
		switch {
		case below > 0:
			used -= below
			below, l.tips = 0, nil
		case len(l.helpText) > 0:
			used -= len(l.helpText)
			l.helpText = nil
		case len(l.goal) > 0:
			used -= len(l.goal)
			l.goal = nil
		case len(l.question) > 1:
			used -= len(l.question) - 1
			l.question = l.question[:1]
		default:
			l.fieldH = max(body-used, 1)
			return l
		}
	}
	l.fieldH = body - used
	return l
}

// facilitatorNotes is what the runner shows the facilitator beside the
// prompt: what to listen for, the probes to reach for, and the phase's
// tips.
type facilitatorNotes struct {
	listen string
	probes []string
	tips   []string
}

func (n facilitatorNotes) empty() bool {
	return n.listen == "" && len(n.probes) == 0 && len(n.tips) == 0
}

// sideLines fills the side panel, n lines at most: what to listen for and
// the probes first (they belong to this prompt), then the phase's tips in
// what room is left.
func (r *runner) sideLines(notes facilitatorNotes, width, n int) []string {
	var out []string
	if notes.listen != "" {
		out = append(out, r.styles.TipsTitle.Render("Listen for"))
		out = append(out, styleLines(r.styles.Tip, wrapLines(clean(notes.listen), width, 4))...)
	}
	if len(notes.probes) > 0 {
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, r.tipLines("Probes", "? ", notes.probes, width, 1+2*len(notes.probes), 2)...)
	}
	if len(notes.tips) > 0 {
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, r.tipLines("Tips", "• ", notes.tips, width, max(n-len(out), 0), 8)...)
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// bottomLines is the facilitator's notes under the answer when there is
// no side panel, n lines at most: "Listen for" and the probes on a line or
// two each, then the tips if room is left.
func (r *runner) bottomLines(notes facilitatorNotes, width, n int) []string {
	var out []string
	if notes.listen != "" {
		out = append(out, styleLines(r.styles.Tip, wrapLines("Listen for: "+clean(notes.listen), width, 2))...)
	}
	if len(notes.probes) > 0 {
		probes := make([]string, len(notes.probes))
		for i, p := range notes.probes {
			probes[i] = clean(p)
		}
		out = append(out, styleLines(r.styles.Tip, wrapLines("Probes: "+strings.Join(probes, " · "), width, 2))...)
	}
	if room := n - len(out); len(notes.tips) > 0 && room >= 2 {
		out = append(out, r.tipLines("Tips", "• ", notes.tips, width, room, 2)...)
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// tipLines renders items as bullet lines under a title, wrapped to width,
// each item at most per lines, all of them at most n lines with the title.
func (r *runner) tipLines(title, bullet string, tips []string, width, n, per int) []string {
	if n < 2 {
		return nil
	}
	out := []string{r.styles.TipsTitle.Render(title)}
	var last string
	for _, t := range tips {
		for i, line := range wrapLines(clean(t), width-2, per) {
			if len(out) == n {
				// More tips than room: end on "…" rather than mid-sentence.
				if !strings.HasSuffix(last, "…") {
					out[n-1] = r.styles.Tip.Render(ansi.Truncate(last, max(width-1, 0), "") + "…")
				}
				return out
			}
			lead := "  " // continuation lines hang under the text
			if i == 0 {
				lead = bullet
			}
			last = lead + line
			out = append(out, r.styles.Tip.Render(last))
		}
	}
	return out
}

// stateLabel is the symbol and word a prompt's state is shown with.
func stateLabel(s session.State) string {
	switch s {
	case session.StateAnswered:
		return "● answered"
	case session.StateSkipped:
		return "» skipped"
	case session.StateParked:
		return "◇ parked"
	case session.StateNotApplicable:
		return "× not applicable"
	default:
		return "○ open"
	}
}

// stateSymbol is the one-cell mark of a state, for the index.
func stateSymbol(s session.State) string {
	l := stateLabel(s)
	sym, _, _ := strings.Cut(l, " ")
	return sym
}

func (r *runner) metaLine(st session.Step) string {
	a := r.sess.Answers[st.Prompt.ID]
	state := session.StateOpen
	if a != nil {
		state = a.State
	}
	parts := []string{
		r.styles.Dim.Render(fmt.Sprintf("Prompt %d of %d", r.walk.Pos()+1, r.walk.Len())),
		r.styles.State.Render(stateLabel(state)),
	}
	if st.Prompt.Required && !r.presenting() {
		mark := "required"
		if state == session.StateOpen || state == session.StateParked {
			mark = "required, still open"
		}
		parts = append(parts, r.styles.Required.Render(mark))
	}
	if st.Prompt.Core && !r.presenting() {
		parts = append(parts, r.styles.Dim.Render("core"))
	}
	// In a team session everything is internal; what stands out is a
	// prompt it marks for a shared screen.
	switch {
	case r.sess.Team() && !st.Prompt.Internal && !r.presenting():
		parts = append(parts, r.styles.Dim.Render("shown when presenting"))
	case !r.sess.Team() && st.Prompt.Internal:
		parts = append(parts, r.styles.Internal.Render("internal"))
	}
	if st.AdHoc {
		parts = append(parts, r.styles.Dim.Render("ad-hoc"))
	}
	return strings.Join(parts, r.styles.Dim.Render(" · "))
}
