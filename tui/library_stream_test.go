package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"rapport/playbooks"
	"rapport/session"
)

// streamLibrary is a memLibrary that reads its newest sessions alone, as
// the store does, and whose full List, once read, waits until release is
// closed: the rest of a large library still on its way. read, when set, is
// closed once List has read.
type streamLibrary struct {
	*memLibrary
	release chan struct{}
	read    chan struct{}
}

func (l *streamLibrary) ListNewest(n int) ([]session.Index, int, error) {
	all, err := l.memLibrary.List()
	return all[:min(n, len(all))], len(all), err
}

func (l *streamLibrary) List() ([]session.Index, error) {
	idx, err := l.memLibrary.List()
	if l.read != nil {
		close(l.read)
	}
	<-l.release
	return idx, err
}

// manySessions makes n sessions, "Client 000" the oldest and the last
// the most recently changed.
func manySessions(c *clock, n int) []*session.Session {
	pb := *catalogue()[0]
	var out []*session.Session
	for i := range n {
		at := c.Now().Add(-time.Duration(n-i) * time.Minute)
		out = append(out, session.New(fmt.Sprintf("01HSTREAM%017d", i), at, fmt.Sprintf("Client %03d", i), pb))
	}
	return out
}

func newStreamHarness(t *testing.T, n, w, h int) (*libHarness, *streamLibrary) {
	t.Helper()
	c := newClock()
	lib := &streamLibrary{memLibrary: newMemLibrary(manySessions(c, n)...), release: make(chan struct{})}
	lh := &libHarness{harness: &harness{t: t, clock: c, saver: newMemSaver()}, prefs: &memPrefs{}}
	deps := Deps{Saver: lh.saver, Sessions: lib, Prefs: lh.prefs, Playbooks: catalogue(), Now: c.Now, NoColor: true,
		NewID: func() string { return "01HNEW" }}
	lh.app = New(deps, Start{Screen: StartLibrary})
	// The notes' expiry is not tested here. The rest of the list is asked
	// for at once: there is no terminal to wait for (Deps.afterDrawn).
	lh.app.lib.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	lh.send(tea.WindowSizeMsg{Width: w, Height: h})
	return lh, lib
}

// TestLibraryFirstFrameBeforeTheRest: with 300 sessions, the first frame
// comes from the newest screenful alone; while the rest loads, keys act on
// the rows there are, and a filter or a move past them says it waits
// ("loading 180 more…"); when the rest comes, the move completes and the
// filter finds what was not loaded before.
func TestLibraryFirstFrameBeforeTheRest(t *testing.T) {
	h, lib := newStreamHarness(t, 300, 80, 24)
	first := h.app.lib.init()()
	listed, ok := first.(sessionsListedMsg)
	if !ok || !listed.partial || len(listed.items) != FirstListRows || listed.total != 300 {
		t.Fatalf("the first listing is %T partial=%v with %d of %d, want the newest %d of 300",
			first, listed.partial, len(listed.items), listed.total, FirstListRows)
	}
	rest := h.send(first)
	if rest == nil {
		t.Fatal("the first screenful asked for nothing more")
	}
	v := h.view()
	for _, want := range []string{"300 sessions", "Client 299", "Client 285"} {
		if !strings.Contains(v, want) {
			t.Fatalf("first frame lacks %q:\n%s", want, v)
		}
	}

	// Keys act while the rest is on its way.
	h.press(kDown, kDown)
	if ix, _ := h.l().selected(); ix.Client != "Client 297" {
		t.Fatalf("two downs selected %s, want Client 297", ix.Client)
	}
	h.press(kr('/'))
	h.typeText("007")
	v = h.view()
	if !strings.Contains(v, "No session matches “007” among the newest 120.") || !strings.Contains(v, "loading 180 more…") {
		t.Fatalf("a filter while loading does not say it waits:\n%s", v)
	}
	h.press(kEsc)
	h.press(kr('G'))
	if ix, _ := h.l().selected(); ix.Client != "Client 180" {
		t.Fatalf("G while loading selected %s, want the last loaded, Client 180", ix.Client)
	}
	if v := h.view(); !strings.Contains(v, "▸ Client 180") || !strings.Contains(v, "loading 180 more…") {
		t.Fatalf("the end of the loaded rows does not say what is coming:\n%s", v)
	}

	close(lib.release)
	h.do(rest)
	v = h.view()
	if strings.Contains(v, "loading") || !strings.Contains(v, "300 sessions") {
		t.Fatalf("after the rest came:\n%s", v)
	}
	if ix, _ := h.l().selected(); ix.Client != "Client 000" {
		t.Fatalf("G made while loading ends on %s, want the last session, Client 000", ix.Client)
	}
	h.press(kr('/'))
	h.typeText("007")
	if ix, ok := h.l().selected(); !ok || len(h.l().shown) != 1 || ix.Client != "Client 007" {
		t.Fatalf("the filter finds %d sessions once all are in, want Client 007 alone", len(h.l().shown))
	}
}

// TestLibraryDeleteWhileTheRestLoads: a session deleted before the rest
// of the list arrives stays gone when it does, though that listing was
// read before the delete.
func TestLibraryDeleteWhileTheRestLoads(t *testing.T) {
	h, lib := newStreamHarness(t, 300, 80, 24)
	wait := h.send(h.app.lib.init()()) // the first screenful asks for the rest once it is drawn
	rest := h.send(wait())             // now: the command that reads it
	lib.read = make(chan struct{})
	restMsg := make(chan tea.Msg, 1)
	go func() { restMsg <- rest() }()
	<-lib.read // the rest is read, the delete not yet made
	h.press(kr('d'), kr('y'))
	if lib.count() != 299 {
		t.Fatalf("%d sessions after the delete, want 299", lib.count())
	}
	if v := h.view(); !strings.Contains(v, "299 sessions") || strings.Contains(v, "Client 299 Customer") {
		t.Fatalf("after deleting Client 299:\n%s", v)
	}
	close(lib.release)
	h.do(h.send(<-restMsg))
	if v := h.view(); !strings.Contains(v, "299 sessions") || strings.Contains(v, "Client 299 Customer") {
		t.Fatalf("the rest brought the deleted session back:\n%s", v)
	}
	if len(h.l().rows) != 299 {
		t.Fatalf("%d rows, want 299", len(h.l().rows))
	}
}

// TestLibraryKeysWhileTheRestLoadsInAProgram runs the real program on a
// library whose full listing does not come until the test says: the first
// frame shows, and keys move the selection and wait past the loaded rows,
// all while that listing is outstanding; then it comes and the move ends
// on the last session.
func TestLibraryKeysWhileTheRestLoadsInAProgram(t *testing.T) {
	c := newClock()
	lib := &streamLibrary{memLibrary: newMemLibrary(manySessions(c, 300)...), release: make(chan struct{})}
	deps := Deps{Saver: newMemSaver(), Sessions: lib, Prefs: &memPrefs{}, Playbooks: catalogue(), Now: c.Now, NoColor: true,
		NewID: func() string { return "01HNEW" }}
	tm, shot := probeProgram(t, New(deps, Start{Screen: StartLibrary}), 80, 24)
	waitFor(t, shot, "▸ Client 299")
	tm.Send(kDown)
	tm.Send(kDown)
	waitFor(t, shot, "▸ Client 297")
	tm.Type("G")
	waitFor(t, shot, "loading 180 more…")
	waitFor(t, shot, "▸ Client 180")
	close(lib.release)
	waitFor(t, shot, "▸ Client 000")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}

// miscountedLibrary reports fewer sessions than it holds, as a store whose
// count went wrong would.
type miscountedLibrary struct{ *streamLibrary }

func (l miscountedLibrary) ListNewest(n int) ([]session.Index, int, error) {
	idx, _, err := l.streamLibrary.ListNewest(n)
	return idx, len(idx), err
}

// TestLibraryCountNeverHidesSessions: a first screenful that is full asks
// for the rest even when the count says there is nothing more.
func TestLibraryCountNeverHidesSessions(t *testing.T) {
	h, lib := newStreamHarness(t, 300, 80, 24)
	h.app.lib.deps.Sessions = miscountedLibrary{lib}
	close(lib.release)
	h.do(h.app.lib.init())
	if n := len(h.l().rows); n != 300 || !strings.Contains(h.view(), "300 sessions") {
		t.Fatalf("%d rows after a miscounted first screenful, want all 300:\n%s", n, h.view())
	}
}

// TestLibraryDoesNotWaitForThePlaybooks: the app is built and starts
// listing before the catalogue is loaded (Deps.LoadPlaybooks); the first
// listing is what first needs it, for a row's "now v3" note.
func TestLibraryDoesNotWaitForThePlaybooks(t *testing.T) {
	c := newClock()
	pb := *catalogue()[0]
	pb.Version = 1
	old := session.New("01HLIB0000000000000000000V", c.Now().Add(-time.Minute), "Acme Corp", pb)
	lib := newMemLibrary(old)
	calls := 0
	deps := Deps{Saver: newMemSaver(), Sessions: lib, Now: c.Now, NoColor: true,
		LoadPlaybooks: func() []*playbooks.Playbook { calls++; return catalogue() }}
	app := New(deps, Start{Screen: StartLibrary})
	cmd := app.lib.init()
	if calls != 0 {
		t.Fatalf("building the app and its first command loaded the playbooks %d times, want none", calls)
	}
	h := &libHarness{harness: &harness{t: t, clock: c, saver: newMemSaver(), app: app}, lib: lib, prefs: &memPrefs{}}
	h.app.lib.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.do(cmd)
	if calls == 0 || !strings.Contains(h.view(), "(v1, now v3)") {
		t.Fatalf("after the first listing (%d loads) the row lacks its version note:\n%s", calls, h.view())
	}
}
