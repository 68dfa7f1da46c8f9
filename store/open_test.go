package store_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/store"
	"rapport/store/storetest"
)

// holdEnv makes the test binary a helper process that holds a store.
const holdEnv = "RAPPORT_STORE_TEST_HOLD"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		os.Exit(holdStore(path))
	}
	if path := os.Getenv(typeEnv); path != "" {
		os.Exit(typeForever(path))
	}
	os.Exit(m.Run())
}

// holdStore opens the store, says so, and keeps it until stdin closes.
func holdStore(path string) int {
	s, err := store.Open(path)
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("holding")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	_ = s.Close()
	return 0
}

func wantInUse(t *testing.T, path string, err error, elapsed time.Duration) {
	t.Helper()
	if !errors.Is(err, store.ErrInUse) {
		t.Fatalf("second Open = %v, want ErrInUse", err)
	}
	want := fmt.Sprintf("store %s is in use by another rapport (close it first)", path)
	if err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	// The user is never left hanging: the bound is the product's promise.
	if elapsed >= 2*time.Second {
		t.Errorf("took %v to fail, want under 2s", elapsed)
	}
}

func TestSecondOpenInSameProcessFailsFast(t *testing.T) {
	s, path := openTemp(t)
	start := time.Now()
	s2, err := store.Open(path)
	if err == nil {
		_ = s2.Close()
	}
	wantInUse(t, path, err, time.Since(start))
	// The first one still works.
	if _, err := s.List(); err != nil {
		t.Fatal(err)
	}
}

func TestSecondProcessFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rapport.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = stdin.Close(); _ = cmd.Wait() }()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "holding" {
		t.Fatalf("helper said %q", line)
	}
	start := time.Now()
	s, err := store.Open(path)
	if err == nil {
		_ = s.Close()
	}
	wantInUse(t, path, err, time.Since(start))

	// Once the other process lets go, the store opens.
	_ = stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(path)
	if err != nil {
		t.Fatalf("Open after the holder quit: %v", err)
	}
	_ = s.Close()
}

// validStore makes a real store file with sessions in it and returns its bytes.
func validStore(t *testing.T, dir string) []byte {
	t.Helper()
	path := filepath.Join(dir, "valid.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := storetest.Fill(s, 30, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func flip(data []byte, off int) []byte {
	out := bytes.Clone(data)
	out[off] ^= 0x40
	return out
}

func TestCorruptFilesAreRefusedAndLeftAlone(t *testing.T) {
	dir := t.TempDir()
	valid := validStore(t, dir)
	pageSize := os.Getpagesize()
	random := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("users"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	}); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	foreignBytes, _ := os.ReadFile(foreign)
	// Another program's file that happens to hold a "sessions" bucket (and
	// a "prefs" one) is still not a store: it has no meta bucket.
	lookalike := filepath.Join(dir, "lookalike.db")
	db, err = bolt.Open(lookalike, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"sessions", "prefs"} {
			b, err := tx.CreateBucket([]byte(name))
			if err != nil {
				return err
			}
			if err := b.Put([]byte("k"), []byte("v")); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	lookalikeBytes, _ := os.ReadFile(lookalike)

	tests := []struct {
		name string
		data []byte
		why  string
	}{
		{"empty", []byte{}, "empty"},
		{"truncated to half", valid[:len(valid)/2], "truncated"},
		{"truncated to one page", valid[:pageSize], "truncated"},
		{"truncated to 40 bytes", valid[:40], "only 40 bytes"},
		{"random bytes", random, "not a bbolt database"},
		{"text file", []byte("# My notes\n\nNot a database at all.\n"), "not a bbolt database"},
		{"flipped byte in meta 0 (page count)", flip(valid, 16+40), "meta page 0"},
		{"flipped byte in meta 0 (magic)", flip(valid, 16), "meta page 0"},
		{"flipped byte in meta 1 (root)", flip(valid, pageSize+16+16), "meta page 1"},
		{"flipped byte in meta 1 page header", flip(valid, pageSize+8), "meta page 1"},
		{"both meta pages flipped", flip(flip(valid, 16+48), pageSize+16+48), "both meta pages"},
		{"another program's bbolt file", foreignBytes, "another program"},
		{"another program's bbolt file with a sessions bucket", lookalikeBytes, "another program"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "rapport.db")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := store.Open(path)
			if err == nil {
				_ = s.Close()
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, store.ErrCorrupt) {
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
			msg := err.Error()
			for _, want := range []string{path, tt.why, "backups"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("message is not one line: %q", msg)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after, tt.data) {
				t.Errorf("the file was changed (%d bytes before, %d after)", len(tt.data), len(after))
			}
		})
	}
}

// A damaged data page gets past the meta checks; whatever bbolt makes of it,
// the store answers with errors, never a panic.
func TestDamagedDataPagesNeverPanic(t *testing.T) {
	dir := t.TempDir()
	validStore(t, dir)
	// Compact it, so that (nearly) every page is live and damage to it shows.
	src, err := bolt.Open(filepath.Join(dir, "valid.db"), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	dst, err := bolt.Open(filepath.Join(dir, "compact.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := bolt.Compact(dst, src, 0); err != nil {
		t.Fatal(err)
	}
	_ = src.Close()
	_ = dst.Close()
	valid, err := os.ReadFile(filepath.Join(dir, "compact.db"))
	if err != nil {
		t.Fatal(err)
	}
	outcomes := map[string]int{}
	pageSize := os.Getpagesize()
	for page := 2; page*pageSize < len(valid); page++ {
		for _, fill := range []byte{byte(0xff * (page % 2))} { // zeros and ones in turn
			data := bytes.Clone(valid)
			off := page * pageSize
			for i := off + 8; i < off+pageSize && i < len(data); i++ { // keep the page id, smash the rest
				data[i] = fill
			}
			path := filepath.Join(t.TempDir(), "rapport.db")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			func() {
				s, err := store.Open(path)
				if err != nil {
					outcomes["refused at open"]++
					return
				}
				defer s.Close()
				list, err := s.List()
				if err != nil {
					outcomes["list failed"]++
				}
				for _, ix := range list {
					if _, err := s.Load(ix.ID); err != nil {
						outcomes["load failed"]++
					}
				}
				_, _ = s.Resolve("acme")
				if s.Check() != nil {
					outcomes["check failed"]++
				}
			}()
		}
	}
	t.Logf("damaged pages: %v", outcomes)
}

func TestNewerSchemaIsRefused(t *testing.T) {
	s, path := openTemp(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	runs := 0
	s2, err := store.OpenWithTestMigration(path, &runs)
	if err != nil {
		t.Fatal(err)
	}
	_ = s2.Close()
	before, _ := os.ReadFile(path)
	_, err = store.Open(path)
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
	want := fmt.Sprintf("store %s was written by a newer rapport (schema %d; this one knows up to %d)", path, store.LatestSchema+1, store.LatestSchema)
	if err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("refusing a newer store changed it")
	}
}

func TestMigrationsRunOnceInOrder(t *testing.T) {
	s, path := openTemp(t)
	full := storetest.FullSession(testID, t0)
	if err := s.Create(full); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	runs := 0
	for range 2 {
		s2, err := store.OpenWithTestMigration(path, &runs)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s2.Load(testID)
		if err != nil {
			t.Fatal(err)
		}
		sameSession(t, got, full)
		_ = s2.Close()
	}
	if runs != 1 {
		t.Fatalf("migration ran %d times, want once", runs)
	}
	// A store created by the newer build starts at its schema: nothing to migrate.
	runs = 0
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	s3, err := store.OpenWithTestMigration(fresh, &runs)
	if err != nil {
		t.Fatal(err)
	}
	_ = s3.Close()
	if runs != 0 {
		t.Fatalf("migration ran %d times on a new store", runs)
	}
}

func TestOpenDoesNotWriteAReadyStore(t *testing.T) {
	s, path := openTemp(t)
	_ = s.Close()
	before, _ := os.ReadFile(path)
	s2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_ = s2.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("opening a ready store wrote to it")
	}
}

func TestCloseTwice(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	p := store.DefaultPath()
	if filepath.Base(p) != "rapport.db" || filepath.Base(filepath.Dir(p)) != "rapport" {
		t.Fatalf("DefaultPath = %q", p)
	}
}

// TestMustExistCreatesNothing: a read-only open of a missing store fails
// with ErrNoStore naming the path, and leaves no file and no folder.
func TestMustExistCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "typo.db")
	_, err := store.OpenWith(path, store.Options{MustExist: true})
	if !errors.Is(err, store.ErrNoStore) {
		t.Fatalf("err = %v, want ErrNoStore", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("%q does not name %s", err, path)
	}
	if _, err := os.Stat(filepath.Join(dir, "sub")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder was created: %v", err)
	}
	// An existing store opens as usual.
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = store.OpenWith(path, store.Options{MustExist: true})
	if err != nil {
		t.Fatalf("existing store: %v", err)
	}
	s.Close()
}

// TestLockTimeoutIsShort: with a short LockTimeout, a store held by
// another open fails with ErrInUse after about that long.
func TestLockTimeoutIsShort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	held, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	start := time.Now()
	_, err = store.OpenWith(path, store.Options{MustExist: true, LockTimeout: 100 * time.Millisecond})
	if !errors.Is(err, store.ErrInUse) {
		t.Fatalf("err = %v, want ErrInUse", err)
	}
	if took := time.Since(start); took > 900*time.Millisecond {
		t.Errorf("took %v with a 100 ms lock timeout, want well under the default second", took)
	}
}
