package accessible

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rapport/playbooks"
	"rapport/session"
)

// These helpers came with the tests from tui (helpers_test.go there), so
// the transcripts are the ones the tests pinned before the move.

var update = flag.Bool("update", false, "rewrite golden files")

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
}

func newMemSaver() *memSaver { return &memSaver{answers: map[string]session.Answer{}} }

func (m *memSaver) Save(e session.Edit) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.edits = append(m.edits, e)
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

// statusFeed is a settable save status, as tui.StatusFeed gives it.
type statusFeed struct {
	mu sync.Mutex
	st session.SaveStatus
}

func (f *statusFeed) Publish(s session.SaveStatus) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.st = s
}

func (f *statusFeed) Latest() session.SaveStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.st
}

// testPlaybook is the runner tests' playbook: goals, tips, timeboxes,
// required and internal prompts, and several kinds.
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
						Question:  "Who do they serve, and what value do they give the organisation?",
						Help:      "Their customers, internal or external.",
						ListenFor: "Names of real customers, not segments.",
						Probes:    []string{"Who else?", "What do they pay for?"}},
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
	if *update {
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
