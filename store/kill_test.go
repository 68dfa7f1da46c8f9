package store_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"rapport/session"
	"rapport/store"
	"rapport/store/storetest"
)

// typeEnv makes the test binary a helper that types into a session forever.
const typeEnv = "RAPPORT_STORE_TEST_TYPE"

// typeForever opens the store, resumes (or creates) the session and types
// numbers into one answer through the writer, keystroke after keystroke,
// without waiting for the disk. Every 50 keystrokes it flushes and prints
// the number it knows is on disk. It runs until killed.
func typeForever(path string) int {
	s, err := store.Open(path)
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	sess, err := s.Load(testID)
	if err != nil {
		sess = session.New(testID, t0, "Acme", storetest.Playbook())
		if err := s.Create(sess); err != nil {
			fmt.Println("error:", err)
			return 1
		}
	}
	n := 0
	if a := sess.Answers["who-they-serve"]; a != nil {
		n, _ = strconv.Atoi(a.Text)
	}
	w := s.NewWriter(nil)
	now := sess.Updated
	for i := n + 1; ; i++ {
		now = now.Add(1)
		w.Save(sess.PutAnswer(session.Answer{PromptID: "who-they-serve", Text: strconv.Itoa(i)}, now))
		if i%50 == 0 {
			if err := w.Flush(); err != nil {
				fmt.Println("error:", err)
				return 1
			}
			fmt.Println(i)
		}
	}
}

// TestKill9WhileTyping kills a typing process at several moments: the store
// always opens, passes bbolt's full check, and holds at least everything
// the writer had confirmed before the kill.
func TestKill9WhileTyping(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rapport.db")
	for round, lines := range []int{1, 3, 2, 5} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), typeEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(out)
		confirmed := 0
		for range lines {
			line, err := r.ReadString('\n')
			if err != nil || strings.HasPrefix(line, "error") {
				_ = cmd.Process.Kill()
				t.Fatalf("round %d: helper said %q (%v)", round, line, err)
			}
			confirmed, _ = strconv.Atoi(strings.TrimSpace(line))
		}
		_ = cmd.Process.Kill() // SIGKILL: no deferred code, no flush
		_ = cmd.Wait()

		s, err := store.Open(path)
		if err != nil {
			t.Fatalf("round %d: store does not open after kill -9: %v", round, err)
		}
		if err := s.Check(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		sess, err := s.Load(testID)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := strconv.Atoi(sess.Answers["who-they-serve"].Text)
		if got < confirmed {
			t.Fatalf("round %d: stored %d, but %d was confirmed on disk", round, got, confirmed)
		}
		_ = s.Close()
	}
}
