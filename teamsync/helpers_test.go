package teamsync

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/session"
	"rapport/store"
)

// TestMain lets this test binary stand in for rapport as git's merge
// driver: git runs it as `<binary> merge-driver %O %A %B %P`.
func TestMain(m *testing.M) {
	if os.Getenv("RAPPORT_TEST_SYNC_CHILD") == "1" {
		childSync()
	}
	if len(os.Args) >= 5 && os.Args[1] == "merge-driver" {
		if os.Args[2] == "--markdown" {
			os.Exit(0)
		}
		if _, err := MergeDriver(os.Args[2], os.Args[3], os.Args[4]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func needGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

// gitT runs git for a test, failing it on error.
func gitT(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// bareRepo makes an empty bare team repository.
func bareRepo(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "team.git")
	gitT(t, filepath.Dir(dir), "init", "--quiet", "--bare", dir)
	return dir
}

// side is one person's rapport: a store and its clone of the team
// repository.
type side struct {
	t     testing.TB
	name  string
	st    *store.Store
	repo  string
	drv   string
	clock *clock
}

// clock is a shared fake clock: each tick a second later.
type clock struct{ now time.Time }

func (c *clock) tick() time.Time {
	c.now = c.now.Add(time.Second)
	return c.now
}

func newSide(t testing.TB, name, bare string, c *clock) *side {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SetPref(store.PrefName, name); err != nil {
		t.Fatal(err)
	}
	repo, err := Attach(context.Background(), bare, filepath.Join(dir, "team"))
	if err != nil {
		t.Fatal(err)
	}
	gitT(t, repo, "config", "user.name", name)
	gitT(t, repo, "config", "user.email", strings.ToLower(name)+"@example.com")
	if err := st.EnableSync(); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return &side{t: t, name: name, st: st, repo: repo, drv: exe, clock: c}
}

func (s *side) options() Options {
	return Options{
		Open:   func() (*store.Store, func() error, error) { return s.st, func() error { return nil }, nil },
		Repo:   s.repo,
		Author: s.name,
		Driver: s.drv,
	}
}

func (s *side) sync() Result {
	s.t.Helper()
	r, err := Sync(context.Background(), s.options())
	if err != nil {
		s.t.Fatalf("%s: sync: %v", s.name, err)
	}
	return r
}

// load reads a session, as this person would open it.
func (s *side) load(id string) *session.Session {
	s.t.Helper()
	sess, err := s.st.Load(id)
	if err != nil {
		s.t.Fatalf("%s: load %s: %v", s.name, id, err)
	}
	sess.SetAuthor(s.name)
	return sess
}

// change opens a session, changes it and saves what changed through the
// store's save path.
func (s *side) change(id string, f func(sess *session.Session, now time.Time) []session.Edit) {
	s.t.Helper()
	sess := s.load(id)
	if edits := f(sess, s.clock.tick()); len(edits) > 0 {
		if err := s.st.Apply(edits...); err != nil {
			s.t.Fatalf("%s: save: %v", s.name, err)
		}
	}
}

// exports is every session of the store as its export, by id.
func (s *side) exports() map[string]string {
	s.t.Helper()
	ix, err := s.st.List()
	if err != nil {
		s.t.Fatal(err)
	}
	out := map[string]string{}
	for _, x := range ix {
		sess, err := s.st.Load(x.ID)
		if err != nil {
			s.t.Fatal(err)
		}
		data, err := session.MarshalExport(sess)
		if err != nil {
			s.t.Fatal(err)
		}
		out[x.ID] = string(data)
	}
	return out
}

// ulid makes a valid session id from a number.
func ulid(n int) string { return fmt.Sprintf("01JE%022d", n) }
