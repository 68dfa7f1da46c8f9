package tui

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"rapport/session"
)

func TestParseContacts(t *testing.T) {
	cases := []struct {
		in   string
		want []session.Contact
	}{
		{"", nil},
		{"\n  \n", nil},
		{"Maria Lopez, Head of Operations", []session.Contact{{Name: "Maria Lopez", Role: "Head of Operations"}}},
		{"  Dana  ,  CTO  \nLee", []session.Contact{{Name: "Dana", Role: "CTO"}, {Name: "Lee"}}},
		// Only the first comma splits: roles may hold commas.
		{"Kim, VP Sales, EMEA", []session.Contact{{Name: "Kim", Role: "VP Sales, EMEA"}}},
		// A role without a name is no contact; Windows line ends are fine.
		{", CFO\r\nAna, CFO\r\n", []session.Contact{{Name: "Ana", Role: "CFO"}}},
		{"Jo,", []session.Contact{{Name: "Jo"}}},
	}
	for _, tc := range cases {
		if got := parseContacts(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseContacts(%q) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
}

// FuzzParseContacts: any text gives contacts with a trimmed, non-empty
// name and a trimmed role, one at most per line.
func FuzzParseContacts(f *testing.F) {
	for _, s := range []string{"", "a, b", "a,b,c\n\nd", ",x", "\x00,\x1b[31m", "名前, 役割\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := parseContacts(s)
		if len(got) > strings.Count(s, "\n")+1 {
			t.Fatalf("%d contacts from %d lines", len(got), strings.Count(s, "\n")+1)
		}
		for _, c := range got {
			if c.Name == "" || c.Name != strings.TrimSpace(c.Name) || c.Role != strings.TrimSpace(c.Role) ||
				strings.Contains(c.Name, "\n") || strings.Contains(c.Role, "\n") {
				t.Fatalf("bad contact %#v", c)
			}
		}
	})
}

// probe wraps the App in a real program and keeps the latest plain view,
// so a test waits on what the screen shows rather than on the terminal's
// diff stream, where a word already on screen is never written again.
type probe struct {
	App
	shot *viewShot
}

type viewShot struct {
	mu   sync.Mutex
	view string
	ch   chan struct{} // closed and replaced on every update
}

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := p.App.Update(msg)
	p.App = m.(App)
	v := ansi.Strip(p.App.View().Content)
	p.shot.mu.Lock()
	p.shot.view = v
	close(p.shot.ch)
	p.shot.ch = make(chan struct{})
	p.shot.mu.Unlock()
	return p, cmd
}

// formTest runs the app from start in a real program at 80x24.
func formTest(t *testing.T, start Start, lib *memLibrary, prefs *memPrefs) (*teatest.TestModel, *viewShot) {
	t.Helper()
	c := newClock()
	saver := newMemSaver()
	lib.saver = saver
	ids := 0
	deps := Deps{
		Saver: saver, Sessions: lib, Prefs: prefs, Playbooks: catalogue(), Now: c.Now, NoColor: true,
		NewID: func() string {
			ids++
			return "01HNEW0000000000000000000" + string(rune('A'+ids-1))
		},
	}
	shot := &viewShot{ch: make(chan struct{})}
	tm := teatest.NewTestModel(t, probe{App: New(deps, start), shot: shot}, teatest.WithInitialTermSize(80, 24))
	return tm, shot
}

// waitFor waits until the screen shows what, failing after a generous bound.
func waitFor(t *testing.T, shot *viewShot, what string) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		shot.mu.Lock()
		v, ch := shot.view, shot.ch
		shot.mu.Unlock()
		if strings.Contains(v, what) {
			if testing.Verbose() {
				t.Logf("saw %q in:\n%s", what, v)
			}
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("the screen never showed %q; last view:\n%s", what, v)
		}
	}
}

func finalApp(t *testing.T, tm *teatest.TestModel) App {
	t.Helper()
	p, ok := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(probe)
	if !ok {
		t.Fatal("final model is not the probed App")
	}
	return p.App
}

// TestNewSessionFormGolden draws the form at 80x24: as it opens (the last
// facilitator offered, the default playbook's summary shown), and with the
// playbook chosen by moving the selection.
func TestNewSessionFormGolden(t *testing.T) {
	tm, shot := formTest(t, Start{Screen: StartNewSession, NewSession: NewSessionInput{Facilitator: "Sam Rivera"}},
		newMemLibrary(), &memPrefs{})
	waitFor(t, shot, "what they value")
	tm.Type("Acme Corp")
	waitFor(t, shot, "Corp")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	app := finalApp(t, tm)
	golden(t, "open", ansi.Strip(app.form.view()))
}

// Moving through the playbooks shows each one's summary, and esc on a form
// the app opened on quits (there is no library to go back to).
func TestNewSessionPlaybookSummaryAndEscQuits(t *testing.T) {
	tm, shot := formTest(t, Start{Screen: StartNewSession, NewSession: NewSessionInput{Client: "Acme"}},
		newMemLibrary(), &memPrefs{})
	waitFor(t, shot, "Client")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	// On Contacts, enter adds a line and the help says so (issue 18 item
	// 8: it said "enter next"); tab moves on.
	waitFor(t, shot, "enter new line")
	shot.mu.Lock()
	onContacts := shot.view
	shot.mu.Unlock()
	if help := onContacts[strings.LastIndex(onContacts, "\n")+1:]; strings.Contains(help, "enter next") || !strings.Contains(help, "tab next") {
		t.Errorf("the Contacts field's help: %q, want enter new line and tab next", help)
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	waitFor(t, shot, "enter next")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	waitFor(t, shot, "enter submit")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	waitFor(t, shot, "Communication, leadership")
	app := tm
	app.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	final := finalApp(t, tm)
	if final.screen != screenNewSession {
		t.Fatalf("esc on a form opened first should quit from the form, screen %v", final.screen)
	}
	golden(t, "second_playbook", ansi.Strip(final.form.view()))
}

// An empty client is refused on the spot, and nothing is created.
func TestNewSessionNeedsAClient(t *testing.T) {
	lib := newMemLibrary()
	tm, shot := formTest(t, Start{Screen: StartNewSession}, lib, &memPrefs{})
	waitFor(t, shot, "Client")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, shot, "the client's name is needed")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	finalApp(t, tm)
	if lib.count() != 0 {
		t.Fatal("a session was created without a client")
	}
}

// TestFlowLibraryNewFormRunnerBack is the whole way a newcomer takes:
// the library, n, the form filled in, the runner on the first prompt in
// typing mode, an answer typed, and back in the library the session shows
// with its progress; the facilitator is remembered.
func TestFlowLibraryNewFormRunnerBack(t *testing.T) {
	c := newClock()
	old := session.New("01HOLD0000000000000000000A", c.Now().Add(-48*time.Hour), "Globex", *catalogue()[1])
	old.Updated = c.Now().Add(-48 * time.Hour)
	lib := newMemLibrary(old)
	prefs := &memPrefs{m: map[string]string{prefFacilitator: "Sam Rivera"}}
	tm, shot := formTest(t, Start{Screen: StartLibrary}, lib, prefs)

	waitFor(t, shot, "Globex")
	tm.Type("n")
	waitFor(t, shot, "new session")
	tm.Type("Acme Corp")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	waitFor(t, shot, "new line")
	tm.Type("Dana Wu, CTO")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Type("Lee Park, Head of Ops")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	waitFor(t, shot, "enter next")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) // the remembered facilitator stays
	waitFor(t, shot, "enter submit")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) // the default playbook
	waitFor(t, shot, "Who do they serve")
	tm.Type("Hospitals")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	waitFor(t, shot, "NAVIGATE")
	tm.Send(kShift('l', 'L'))
	waitFor(t, shot, "2 sessions") // the listing after the flush, not the one before
	tm.Type("q")
	app := finalApp(t, tm)

	if app.screen != screenLibrary {
		t.Fatalf("ended on screen %v, want the library", app.screen)
	}
	v := ansi.Strip(app.View().Content)
	rows := strings.Split(v, "\n")
	if !strings.Contains(rows[3], "Acme Corp") || !strings.Contains(rows[3], "1/7") || !strings.Contains(rows[3], "in progress") {
		t.Fatalf("the new session is not first with its progress:\n%s", v)
	}
	s, err := lib.Load("01HNEW0000000000000000000A")
	if err != nil {
		t.Fatal(err)
	}
	want := []session.Contact{{Name: "Dana Wu", Role: "CTO"}, {Name: "Lee Park", Role: "Head of Ops"}}
	if s.Client != "Acme Corp" || s.Facilitator != "Sam Rivera" || !reflect.DeepEqual(s.Contacts, want) ||
		s.Playbook.ID != "customer-discovery" {
		t.Fatalf("created %+v", s.Header)
	}
	if got := s.AnswerFor("who-they-serve").Text; got != "Hospitals" {
		t.Fatalf("answer %q, want Hospitals", got)
	}
	if f, _ := prefs.Pref(prefFacilitator); f != "Sam Rivera" {
		t.Fatalf("facilitator remembered as %q", f)
	}
}

// Keys typed straight after tab, before huh's own move comes back, land in
// the next field: a fast typist or a paste never loses a word on the form.
func TestNewSessionTypeAheadAcrossFields(t *testing.T) {
	tm, shot := formTest(t, Start{Screen: StartNewSession}, newMemLibrary(), &memPrefs{})
	waitFor(t, shot, "Client")
	tm.Type("Acme Corp")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Type("Dana Wu, CTO")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Type("Sam")
	tm.Send(kShiftTab)
	tm.Send(kShiftTab)
	tm.Type("!")
	waitFor(t, shot, "> Acme Corp!")
	v := ""
	shot.mu.Lock()
	v = shot.view
	shot.mu.Unlock()
	for _, w := range []string{"Dana Wu, CTO", "> Sam"} {
		if !strings.Contains(v, w) {
			t.Errorf("%q was lost:\n%s", w, v)
		}
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	finalApp(t, tm)
}
