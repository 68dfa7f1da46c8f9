package tui

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/playbooks"
	"rapport/session"
)

// updating reports whether -update was given. The flag is defined by the
// golden package that teatest imports, or here when it is absent.
var updating = func() func() bool {
	if f := flag.Lookup("update"); f != nil {
		return func() bool { return f.Value.String() == "true" }
	}
	b := flag.Bool("update", false, "rewrite golden files")
	return func() bool { return *b }
}()

// t0 is the fixed start of every test clock.
var t0 = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: t0} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// memSaver is a fake Saver that applies edits to an in-memory copy, the way
// the store would, so a test can load the session back.
type memSaver struct {
	mu      sync.Mutex
	edits   []session.Edit
	header  session.Header
	answers map[string]session.Answer
	flushes int
	panicOn int // panic on this save (1-based); 0: never
}

func newMemSaver() *memSaver { return &memSaver{answers: map[string]session.Answer{}} }

func (m *memSaver) Save(e session.Edit) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.edits = append(m.edits, e)
	if m.panicOn > 0 && len(m.edits) >= m.panicOn {
		panic("disk on fire")
	}
	m.header = e.Header
	if e.Answer != nil {
		m.answers[e.Answer.PromptID] = e.Answer.Clone()
	}
}

func (m *memSaver) Flush() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.flushes++
	return nil
}

func (m *memSaver) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.edits)
}

func (m *memSaver) last() session.Edit {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.edits) == 0 {
		return session.Edit{}
	}
	return m.edits[len(m.edits)-1]
}

// load rebuilds the stored session, as opening it from the store would.
func (m *memSaver) load(pb playbooks.Playbook) *session.Session {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := &session.Session{Header: m.header, Playbook: pb, Answers: map[string]*session.Answer{}}
	for id, a := range m.answers {
		a := a.Clone()
		s.Answers[id] = &a
	}
	return s
}

// testPlaybook has every layout feature: goals, tips, timeboxes, required
// and internal prompts, and several kinds.
func testPlaybook() playbooks.Playbook {
	return playbooks.Playbook{
		ID: "customer-discovery", Title: "Customer discovery", Version: 3,
		Phases: []playbooks.Phase{
			{
				ID: "identify", Title: "Identify the customer",
				Goal:    "Who they are, whom they serve, what drives them.",
				Timebox: 10 * time.Minute,
				Tips:    []string{"Ask, then stay silent.", "Write their words, not yours."},
				Prompts: []playbooks.Prompt{
					{ID: "who-they-serve", Kind: playbooks.KindLongText, Required: true,
						Question: "Who do they serve, and what value do they give the organisation?",
						Help:     "Their customers, internal or external."},
					{ID: "drivers", Kind: playbooks.KindLongText,
						Question: "What drives them this year?"},
					{ID: "role", Kind: playbooks.KindText, Question: "What is your role?"},
				},
			},
			{
				ID: "value", Title: "Learn what they value",
				Goal:    "What a good partner does for them.",
				Timebox: 5 * time.Minute,
				Tips:    []string{"Listen for the words they repeat."},
				Prompts: []playbooks.Prompt{
					{ID: "trust", Kind: playbooks.KindRating, Question: "How much do they trust us today?", Evidence: true},
					{ID: "channel", Kind: playbooks.KindChoice, Question: "Preferred channel?",
						Options: []string{"Email", "Chat", "Calls"}},
					{ID: "private", Kind: playbooks.KindLongText, Internal: true,
						Question: "Facilitator's read of the room"},
				},
			},
			{
				ID: "journey", Title: "Map the journey",
				Prompts: []playbooks.Prompt{
					{ID: "pains", Kind: playbooks.KindList, Question: "Where does it hurt?"},
				},
			},
		},
	}
}

func newTestSession(c *clock) *session.Session {
	return session.New("01HSESSION0000000000000000", c.Now(), "Acme Corp", testPlaybook())
}

// harness drives an App directly: Update and View, without a program.
type harness struct {
	t     testing.TB
	app   App
	clock *clock
	saver *memSaver
	ids   int
}

func newHarness(t testing.TB, sess *session.Session, typing bool, w, h int) *harness {
	t.Helper()
	c := newClock()
	if sess == nil {
		sess = newTestSession(c)
	}
	hs := &harness{t: t, clock: c, saver: newMemSaver()}
	deps := Deps{
		Saver: hs.saver,
		Now:   c.Now,
		NewID: func() string {
			hs.ids++
			return "adhoc-" + string(rune('a'+hs.ids-1))
		},
		NoColor: true,
	}
	hs.app = New(deps, Start{Session: sess, Typing: typing})
	hs.app.Init() // starts the clock; the tick command is not run
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// send runs msgs through Update and returns the last command.
func (h *harness) send(msgs ...tea.Msg) tea.Cmd {
	h.t.Helper()
	var cmd tea.Cmd
	for _, m := range msgs {
		var next tea.Model
		next, cmd = h.app.Update(m)
		h.app = next.(App)
	}
	return cmd
}

// typeText sends one key press per rune, as a keyboard would.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		switch r {
		case '\n':
			h.send(tea.KeyPressMsg{Code: tea.KeyEnter})
		case ' ':
			h.send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
		default:
			h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

func (h *harness) view() string { return ansi.Strip(h.app.View().Content) }

func (h *harness) r() *runner { return h.app.runner }

// Keys as a terminal reports them.
var (
	kTab      = tea.KeyPressMsg{Code: tea.KeyTab}
	kShiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	kEsc      = tea.KeyPressMsg{Code: tea.KeyEscape}
	kEnter    = tea.KeyPressMsg{Code: tea.KeyEnter}
	kUp       = tea.KeyPressMsg{Code: tea.KeyUp}
	kDown     = tea.KeyPressMsg{Code: tea.KeyDown}
	kCtrlC    = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	kCtrlK    = tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	kCtrlE    = tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl}
)

func kr(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// kShift is a shifted letter, as terminals with key disambiguation send it.
func kShift(r rune, upper rune) tea.KeyPressMsg {
	return tea.KeyPressMsg{Code: r, ShiftedCode: upper, Text: string(upper), Mod: tea.ModShift}
}

// golden compares got with testdata/<TestName>/<name>.golden; -update
// rewrites it.
func golden(t *testing.T, name, got string) {
	t.Helper()
	// Trailing spaces are padding; strip them so the files stay readable.
	lines := strings.Split(got, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	got = strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", t.Name(), name+".golden")
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run with -update to create it): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from %s\n--- got ---\n%s\n--- want ---\n%s", name, path, got, want)
	}
}

func newTestSessionWith(c *clock, client string, pb playbooks.Playbook) *session.Session {
	return session.New("01HSESSION0000000000000001", c.Now(), client, pb)
}

func reflectValue(v any) reflect.Value { return reflect.ValueOf(v) }
