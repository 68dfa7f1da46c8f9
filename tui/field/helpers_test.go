package field

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// k builds the key press a terminal sends for a key name such as "enter",
// "ctrl+d", "space" or a single character.
func k(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "backspace": tea.KeyBackspace,
		"delete": tea.KeyDelete, "tab": tea.KeyTab, "esc": tea.KeyEscape,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	var mod tea.KeyMod
	base := name
	for {
		switch {
		case strings.HasPrefix(base, "ctrl+"):
			mod |= tea.ModCtrl
			base = base[5:]
			continue
		case strings.HasPrefix(base, "shift+"):
			mod |= tea.ModShift
			base = base[6:]
			continue
		case strings.HasPrefix(base, "alt+"):
			mod |= tea.ModAlt
			base = base[4:]
			continue
		}
		break
	}
	if base == "space" {
		if mod != 0 {
			return tea.KeyPressMsg{Code: tea.KeySpace, Mod: mod}
		}
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if r, ok := special[base]; ok {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	r := []rune(base)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: base}
}

// typ is the key presses of typing s, one per character.
func typ(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// seq flattens key names, typed text (typ) and messages into one input.
// A plain string is a key name.
func seq(parts ...any) []tea.Msg {
	var out []tea.Msg
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			out = append(out, k(p))
		case []tea.Msg:
			out = append(out, p...)
		case tea.Msg:
			out = append(out, p)
		}
	}
	return out
}

func paste(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

// run builds a focused field for p over a, feeds it msgs and returns it.
func run(t *testing.T, p playbooks.Prompt, a session.Answer, msgs []tea.Msg) Field {
	t.Helper()
	f := New(p, a, PlainStyles())
	f.SetSize(76, 12)
	f.Focus()
	for _, m := range msgs {
		f, _ = f.Update(m)
	}
	return f
}

func num(v float64) *float64 { return &v }

// prompts of every kind, as the tests use them.
var (
	pText   = playbooks.Prompt{ID: "t", Kind: playbooks.KindText, Question: "One line"}
	pLong   = playbooks.Prompt{ID: "lt", Kind: playbooks.KindLongText, Question: "Many lines"}
	pRating = playbooks.Prompt{ID: "r", Kind: playbooks.KindRating, Question: "Rate"}
	pRatEv  = playbooks.Prompt{ID: "re", Kind: playbooks.KindRating, Question: "Rate", Evidence: true,
		Flag: &playbooks.Flag{When: playbooks.Comparison{Op: "<=", Num: 2, Numeric: true}, Say: "Low trust: ask why."}}
	pChoice = playbooks.Prompt{ID: "c", Kind: playbooks.KindChoice, Question: "Which stage?",
		Options: []string{"Forming", "Storming", "Norming", "Performing"}}
	pMulti = playbooks.Prompt{ID: "m", Kind: playbooks.KindMultiChoice, Question: "Which channels?",
		Options: []string{"Email", "Chat", "Calls", "Meetings"}}
	pPercent = playbooks.Prompt{ID: "p", Kind: playbooks.KindPercent, Question: "Disagreements won",
		Flag: &playbooks.Flag{When: playbooks.Comparison{Op: ">=", Num: 80, Numeric: true}, Say: "Little partnership: they always win."}}
	pShare = playbooks.Prompt{ID: "s", Kind: playbooks.KindChoice, Question: "How many ended their way?",
		Options: []string{"About half", "About eight in ten or more"},
		Flag:    &playbooks.Flag{When: playbooks.Comparison{Op: "==", Text: "About eight in ten or more"}, Say: "Little partnership: they nearly always win."}}
	pNumber  = playbooks.Prompt{ID: "n", Kind: playbooks.KindNumber, Question: "Hours a week"}
	pList    = playbooks.Prompt{ID: "l", Kind: playbooks.KindList, Question: "Goals"}
	pJourney = playbooks.Prompt{ID: "j", Kind: playbooks.KindJourney, Question: "Journey"}
	pLedger  = playbooks.Prompt{ID: "lg", Kind: playbooks.KindLedger, Question: "Trust"}
)
