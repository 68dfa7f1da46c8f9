package field

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// ratingField is a score from 1 to 5 and, when the prompt asks for
// evidence, a line of evidence under it. Typing text while the score has
// focus goes to the evidence, so nothing typed is lost.
type ratingField struct {
	base
	score      int
	evidence   bool
	box        textBox
	onEvidence bool
}

const ratingLabel = 10 // width of the "Score" and "Evidence" labels

func newRating(b base, a session.Answer) *ratingField {
	f := &ratingField{base: b, score: a.Rating, evidence: b.p.Evidence}
	if f.evidence {
		f.box = newBox(a.Evidence, false, b.st.Editor, "what was seen or heard")
	}
	return f
}

// Update sets the score with digits or left/right, and moves between score
// and evidence with up/down (enter also goes down to the evidence).
func (f *ratingField) Update(msg tea.Msg) (Field, tea.Cmd) {
	if f.reserved(msg) {
		return f, nil
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if f.onEvidence {
		if isKey && key.Matches(k, f.keys.Up) {
			f.setFocus(false)
			return f, nil
		}
		return f, f.toBox(msg)
	}
	if p, ok := msg.(tea.PasteMsg); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(p.Content)); err == nil && n >= 1 && n <= 5 {
			f.set(n)
			return f, nil
		}
		if f.evidence {
			f.setFocus(true)
			return f, f.toBox(msg)
		}
		return f, nil
	}
	if !isKey {
		return f, nil
	}
	switch {
	case key.Matches(k, f.keys.Score):
		n, _ := strconv.Atoi(k.String())
		f.set(n)
	case key.Matches(k, f.keys.Left):
		if f.score > 1 {
			f.set(f.score - 1)
		}
	case key.Matches(k, f.keys.Right):
		f.set(min(5, f.score+1))
	case key.Matches(k, f.keys.ClearScore):
		f.set(0)
	case f.evidence && (key.Matches(k, f.keys.Down) || key.Matches(k, f.keys.ToEvidence)):
		f.setFocus(true)
	case f.evidence && k.Text != "" && !isDigit(k.Text) && k.Mod&^tea.ModShift == 0:
		// A letter typed on the score starts the evidence.
		f.setFocus(true)
		return f, f.toBox(msg)
	}
	return f, nil
}

func isDigit(s string) bool { return len(s) == 1 && s[0] >= '0' && s[0] <= '9' }

func (f *ratingField) toBox(msg tea.Msg) tea.Cmd {
	changed, cmd := f.box.update(msg)
	if changed {
		f.changed()
	}
	return cmd
}

func (f *ratingField) set(n int) {
	if n != f.score {
		f.score = n
		f.changed()
	}
}

func (f *ratingField) setFocus(evidence bool) {
	f.onEvidence = evidence
	f.box.focus(f.focused && evidence)
}

// View shows the score as dots over their labels 1..5, the evidence line,
// and the playbook's flag when the score meets it.
func (f *ratingField) View() string {
	state := f.pt.Muted.Render("not rated")
	if f.score > 0 {
		state = f.pt.Selected.Render(strconv.Itoa(f.score) + " of 5")
	}
	lines := []string{
		f.marker(!f.onEvidence) + f.label("Score", ratingLabel, !f.onEvidence) + f.dots(f.score) + "  " + state,
		"  " + strings.Repeat(" ", ratingLabel) + f.pt.Muted.Render("1 2 3 4 5"),
	}
	focus := 0
	if f.evidence {
		w := f.width - 2 - ratingLabel
		lines = append(lines, hang(f.marker(f.onEvidence)+f.label("Evidence", ratingLabel, f.onEvidence),
			f.box.rows(w, subRows), 2+ratingLabel)...)
		if f.onEvidence {
			focus = 2
		}
	}
	if f.score > 0 {
		if fl := flagLine(&f.base, float64(f.score)); fl != "" {
			lines = append(lines, fl)
		}
	}
	return fit(lines, focus, f.width, f.height)
}

// flagLine is the playbook's flag for the values (a number, or the options
// picked), or "" when it does not apply or is hidden (HideFlag).
func flagLine(b *base, values ...any) string {
	if b.p.Flag == nil || b.flagHidden || len(values) == 0 || !b.p.Flag.When.Match(values...) {
		return ""
	}
	say := b.p.Flag.Say
	if say == "" {
		say = "Flagged: " + b.p.Flag.When.String()
	}
	return "  " + b.pt.Flag.Render("⚑ "+show(say, b.width))
}

// SetSize records the space; the evidence editor takes what the label leaves.
func (f *ratingField) SetSize(w, h int) {
	f.setSize(w, h)
	if f.evidence {
		f.box.resize(f.width-2-ratingLabel, subRows)
	}
}

// Focus gives keys to the score, or to the evidence if it had them.
func (f *ratingField) Focus() { f.focused = true; f.setFocus(f.onEvidence) }

// Blur hides the cursor.
func (f *ratingField) Blur() { f.focused = false; f.setFocus(f.onEvidence) }

// Answer writes the score and, when the prompt asks for it, the evidence.
func (f *ratingField) Answer(a session.Answer) session.Answer {
	a.Rating = f.score
	if f.evidence {
		a.Evidence = f.box.value()
	}
	return a
}

// Version moves with the score and the evidence.
func (f *ratingField) Version() uint64 { return f.version }

// Keys are the score keys, and the move to the evidence when there is one.
func (f *ratingField) Keys() []key.Binding {
	if f.onEvidence {
		return []key.Binding{describe(f.keys.Up, "to score")}
	}
	ks := []key.Binding{f.keys.Score, describe(f.keys.Adjust, "score"), f.keys.ClearScore}
	if f.evidence {
		ks = append(ks, withHelp(f.keys.Down, "↓/enter", "to evidence"))
	}
	return ks
}
