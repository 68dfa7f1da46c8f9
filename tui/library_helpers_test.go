package tui

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/playbooks"
	"rapport/session"
)

// memLibrary is a fake Library over whole sessions in memory. Sessions go
// in and out as JSON copies, as they would through the store, so a test
// never shares memory with the screen.
type memLibrary struct {
	mu       sync.Mutex
	sessions map[string][]byte
	saver    *memSaver // when set, List and Load see its edits
	failLoad error
}

func newMemLibrary(ss ...*session.Session) *memLibrary {
	l := &memLibrary{sessions: map[string][]byte{}}
	for _, s := range ss {
		if err := l.Create(s); err != nil {
			panic(err)
		}
	}
	return l
}

func (l *memLibrary) get(id string) (*session.Session, bool) {
	raw, ok := l.sessions[id]
	if !ok {
		return nil, false
	}
	var s session.Session
	if err := json.Unmarshal(raw, &s); err != nil {
		panic(err)
	}
	if l.saver != nil {
		l.saver.mu.Lock()
		if l.saver.header.ID == id {
			s.Header = l.saver.header
			for pid, a := range l.saver.answers {
				a := a.Clone()
				if s.Answers == nil {
					s.Answers = map[string]*session.Answer{}
				}
				s.Answers[pid] = &a
			}
		}
		l.saver.mu.Unlock()
	}
	return &s, true
}

func (l *memLibrary) List() ([]session.Index, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []session.Index
	for id := range l.sessions {
		s, _ := l.get(id)
		out = append(out, s.Index())
	}
	slices.SortFunc(out, func(a, b session.Index) int {
		if c := b.Updated.Compare(a.Updated); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	return out, nil
}

func (l *memLibrary) Load(id string) (*session.Session, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failLoad != nil {
		return nil, l.failLoad
	}
	s, ok := l.get(id)
	if !ok {
		return nil, errors.New("session " + id + " not found")
	}
	return s, nil
}

func (l *memLibrary) Create(s *session.Session) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.sessions[s.ID]; ok {
		return errors.New("exists")
	}
	raw, err := json.Marshal(s)
	l.sessions[s.ID] = raw
	return err
}

func (l *memLibrary) Put(s *session.Session) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	raw, err := json.Marshal(s)
	l.sessions[s.ID] = raw
	return err
}

func (l *memLibrary) Delete(id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.sessions[id]; !ok {
		return errors.New("not found")
	}
	delete(l.sessions, id)
	return nil
}

func (l *memLibrary) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.sessions)
}

// memPrefs is a fake Prefs.
type memPrefs struct {
	mu sync.Mutex
	m  map[string]string
}

func (p *memPrefs) Pref(k string) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.m[k], nil
}

func (p *memPrefs) SetPref(k, v string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = map[string]string{}
	}
	p.m[k] = v
	return nil
}

// catalogue is the playbooks a test app offers: the test playbook at
// version 3, and a short one.
func catalogue() []*playbooks.Playbook {
	pb := testPlaybook()
	short := playbooks.Playbook{
		ID: "four-pillars", Title: "Four pillars", Version: 2,
		Summary: "Communication, leadership, consistency, transparency.",
		Phases: []playbooks.Phase{{ID: "comm", Title: "Communication", Prompts: []playbooks.Prompt{
			{ID: "how", Kind: playbooks.KindLongText, Question: "How do we talk today?"},
		}}},
	}
	pb.Summary = "Who they are, what they value, the journey and a roadmap together."
	return []*playbooks.Playbook{&pb, &short}
}

// librarySessions is a store's worth of sessions at varied ages.
func librarySessions(c *clock) []*session.Session {
	pbs := catalogue()
	mk := func(id, client string, pb playbooks.Playbook, age time.Duration, answered int, finished bool) *session.Session {
		s := session.New(id, c.Now().Add(-age-time.Hour), client, pb)
		steps := s.Steps()
		for i := 0; i < answered && i < len(steps); i++ {
			s.PutAnswer(session.Answer{PromptID: steps[i].Prompt.ID, Text: "said"}, s.Created)
		}
		if finished {
			s.Finish(s.Created)
		}
		s.Updated = c.Now().Add(-age)
		return s
	}
	return []*session.Session{
		mk("01HLIB0000000000000000000A", "Acme Corp", *pbs[0], 5*time.Minute, 3, false),
		mk("01HLIB0000000000000000000B", "Globex", *pbs[1], 3*time.Hour, 1, true),
		mk("01HLIB0000000000000000000C", "Initech", *pbs[0], 26*time.Hour, 0, false),
		mk("01HLIB0000000000000000000D", "Umbrella Health", *pbs[0], 4*24*time.Hour, 7, true),
		mk("01HLIB0000000000000000000E", "Stark Industries", *pbs[1], 40*24*time.Hour, 1, false),
	}
}

// libHarness drives the app opened on the library, running the library's
// commands in place (they are synchronous with the fake store).
type libHarness struct {
	*harness
	lib   *memLibrary
	prefs *memPrefs
	last  tea.Msg // the last message a command returned
}

func newLibHarness(t *testing.T, ss []*session.Session, w, h int) *libHarness {
	t.Helper()
	c := newClock()
	if ss == nil {
		ss = librarySessions(c)
	}
	lh := &libHarness{
		harness: &harness{t: t, clock: c, saver: newMemSaver()},
		lib:     newMemLibrary(ss...),
		prefs:   &memPrefs{},
	}
	lh.lib.saver = lh.saver
	deps := Deps{
		Saver: lh.saver, Sessions: lh.lib, Prefs: lh.prefs, Playbooks: catalogue(),
		Now: c.Now, NoColor: true,
		NewID: func() string {
			lh.ids++
			return "01HNEW00000000000000000" + string(rune('A'+lh.ids-1)) + "00"
		},
	}
	lh.app = New(deps, Start{Screen: StartLibrary})
	lh.app.lib.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	lh.send(tea.WindowSizeMsg{Width: w, Height: h})
	lh.do(lh.app.lib.init())
	return lh
}

// do runs a command that returns at once and sends what it returns,
// following screen moves the way the program would. The library's timers
// never run (newLibHarness turns them off); their messages are sent by hand.
func (h *libHarness) do(cmd tea.Cmd) {
	h.t.Helper()
	for n := 0; cmd != nil; n++ {
		if n > 50 {
			h.t.Fatal("a command chain that never ends: a timer ran in a test")
		}
		msg := cmd()
		switch m := msg.(type) {
		case nil, tea.QuitMsg:
			h.last = msg
			return
		case tea.BatchMsg:
			for _, c := range m {
				h.do(c)
			}
			return
		}
		h.last = msg
		cmd = h.send(msg)
		switch msg.(type) {
		case sessionLoadedMsg, showNewSessionMsg:
			return // the runner's clock and the form's cursor are timers
		}
	}
}

// press sends a key and runs what it asks for.
func (h *libHarness) press(keys ...tea.KeyPressMsg) {
	h.t.Helper()
	for _, k := range keys {
		h.do(h.send(k))
	}
}

func (h *libHarness) l() *library { return h.app.lib }
