package tui

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
	"rapport/tui/editor"
)

// Closing the loop on screen: an action marked done (or not), a follow-up
// question answered (or reopened), from the captures panel, the wrap-up
// and the client timeline. An item carried from an earlier session lives
// there (session/loop.go): closing it here saves an edit to that session,
// which the runner holds in memory beside its own (runner.origins).

// originsLoadedMsg carries the sessions a runner's carried items live in.
type originsLoadedMsg struct {
	id       string // the runner's session: a load for another is dropped
	sessions []*session.Session
}

func (originsLoadedMsg) owner() screen { return screenRunner }

// loadOrigins loads the sessions s carried items from, in a command, once
// pending saves are on disk (an item may just have been closed elsewhere).
// A session that cannot be loaded (deleted since) is left out: its items
// read from the references.
func loadOrigins(deps Deps, s *session.Session) tea.Cmd {
	lib := deps.Sessions
	if lib == nil || len(s.Carried) == 0 {
		return nil
	}
	var ids []string
	for _, r := range s.Carried {
		if r.Session != s.ID && !slices.Contains(ids, r.Session) {
			ids = append(ids, r.Session)
		}
	}
	id, saver := s.ID, deps.Saver
	return func() tea.Msg {
		if saver != nil {
			_ = saver.Flush() // a failed flush is retried and reported by the writer
		}
		msg := originsLoadedMsg{id: id}
		for _, o := range ids {
			if sess, err := lib.Load(o); err == nil {
				msg.sessions = append(msg.sessions, sess)
			}
		}
		return msg
	}
}

// find looks a session up by id: the runner's own, or one its carried
// items live in.
func (r *runner) find(id string) *session.Session {
	if id == r.sess.ID {
		return r.sess
	}
	for _, o := range r.origins {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// carried is the runner's carried items, resolved.
func (r *runner) carried() []session.LoopItem {
	out := make([]session.LoopItem, 0, len(r.sess.Carried))
	for _, ref := range r.sess.Carried {
		out = append(out, ref.Resolve(r.find))
	}
	return out
}

// today is the date a closed item gets: the clock's day.
func today(now func() time.Time) string { return now().Format(session.DateLayout) }

// toggleItem marks an action done, or not done again, or reopens an
// answered follow-up question, and saves the edit to the session the item
// lives in. It says what it did, for the status line. An open follow-up
// question is answered with answerItem instead; false then.
func toggleItem(save func(session.Edit), it session.LoopItem, on string, now time.Time) (note string, ok bool) {
	switch {
	case it.Origin == nil:
		return "its session is not in the store: it cannot be closed from here", true
	case it.Item.Closed():
		e, err := it.Origin.ReopenItem(it.Item.ID, now)
		if err != nil {
			return cleanLine(err.Error()), true
		}
		save(e)
		if it.Item.Kind == session.CaptureFollowUp {
			return "question open again (its answer is kept)", true
		}
		return "action open again", true
	case it.Item.Kind == session.CaptureFollowUp:
		return "", false
	}
	e, err := it.Origin.CloseItem(it.Item.ID, on, "", now)
	if err != nil {
		return cleanLine(err.Error()), true
	}
	save(e)
	return "action done " + on, true
}

// itemState is how an item stands, for the end of its row: "done 12-03",
// "answered: …", or "" while open.
func itemState(c session.Capture) string {
	switch {
	case !c.Closed():
		return ""
	case c.Kind == session.CaptureFollowUp:
		return "answered: " + cleanLine(c.Answer)
	}
	return "done " + shortDay(c.Done)
}

// shortDay writes a YYYY-MM-DD date as MM-DD, as the timeline writes
// dates; text that is no date is kept as it is.
func shortDay(d string) string {
	if len(d) == len(session.DateLayout) && strings.Count(d, "-") == 2 {
		return d[5:]
	}
	return cleanLine(d)
}

// answerInput is the one line a follow-up question's answer is typed in,
// shared by the runner's answer overlay and the timeline.
type answerInput struct {
	item session.LoopItem
	ed   editor.Model
}

func newAnswerInput(it session.LoopItem, st editor.Styles) answerInput {
	m := editor.New()
	m.SetMultiline(false)
	m.SetStyles(st)
	m.SetPlaceholder("their answer; enter saves it, esc goes back")
	m.SetValue(it.Item.Answer) // a question reopened keeps its answer
	m.CursorEnd()
	m.SetHeight(1)
	m.Focus()
	return answerInput{item: it, ed: m}
}

// save answers the question with what was typed; the status line's note.
func (a *answerInput) save(save func(session.Edit), on string, now time.Time) (string, error) {
	e, err := a.item.Origin.CloseItem(a.item.Item.ID, on, a.ed.Value(), now)
	if err != nil {
		return "", err
	}
	save(e)
	return "question answered " + on, nil
}

// answerForm is the runner's overlay for answering a follow-up question
// (from the captures panel or the wrap-up): the question, the line for
// its answer; enter saves and goes back to the list it came from.
type answerForm struct {
	in    answerInput
	below overlay[*runner] // the list it was opened from, drawn under it
}

func newAnswerForm(r *runner, it session.LoopItem) *answerForm {
	return &answerForm{in: newAnswerInput(it, r.styles.field.Editor), below: r.topOverlay()}
}

func (f *answerForm) update(r *runner, msg tea.Msg) tea.Cmd {
	k := r.keys.Answer
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, k.Cancel):
			r.popOverlay()
			return nil
		case key.Matches(km, k.Save):
			note, err := f.in.save(r.save, today(r.deps.Now), r.now())
			if err != nil {
				r.setNote(cleanLine(err.Error()))
				return nil
			}
			r.popOverlay()
			r.setNote(note)
			return nil
		}
	}
	var cmd tea.Cmd
	f.in.ed, cmd = f.in.ed.Update(msg)
	return cmd
}

func (f *answerForm) body(r *runner, under []string, w, h int) []string {
	if f.below != nil {
		under = f.below.body(r, under, w, h)
	}
	return overlayBottom(r, under, answerRows(r.styles, &f.in, w-4), w, h)
}

// answerRows are the question and the line its answer is typed on, w
// cells wide.
func answerRows(st *Styles, in *answerInput, w int) []string {
	title := st.PhaseRow.Render("Answer the follow-up question")
	if in.item.Origin != nil {
		title += st.Dim.Render(" · asked " + in.item.Origin.Created.Format("2 Jan"))
	}
	rows := []string{title, truncate(cleanLine(in.item.Item.Text), max(w, 1))}
	return append(rows, hangRows("Answer  ", editorRows(&in.ed, max(w-8, 1), 1))...)
}

func (f *answerForm) helpKeys(r *runner) help.KeyMap {
	k := r.keys.Answer
	return bindingSet{short: []key.Binding{k.Save, k.Cancel}}
}

func (f *answerForm) badge() string { return "ANSWER" }

var _ overlay[*runner] = (*answerForm)(nil)
