package store_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/playbooks"
	"rapport/session"
	"rapport/store"
	"rapport/store/storetest"
)

// BenchmarkBoltFloor is the floor a save cannot beat: a bare bbolt Update
// putting one 200-byte value (its cost is the fsyncs). BenchmarkSave is
// judged against it in the same run.
func BenchmarkBoltFloor(b *testing.B) {
	db, err := bolt.Open(filepath.Join(b.TempDir(), "floor.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("b"))
		return err
	}); err != nil {
		b.Fatal(err)
	}
	value := []byte(strings.Repeat("x", 200))
	i := 0
	for b.Loop() {
		i++
		value[i%len(value)]++
		if err := db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("b")).Put([]byte("k"), value)
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSave applies one keystroke (one answer changed, plus the header
// and index every edit carries) to a session with N answers, in a store
// holding 100 other sessions. The goal: within 1.5x of BenchmarkBoltFloor
// and flat in N.
func BenchmarkSave(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("answers=%d", n), func(b *testing.B) {
			s, err := store.Open(filepath.Join(b.TempDir(), "rapport.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if err := storetest.Fill(s, 100, 1); err != nil {
				b.Fatal(err)
			}
			sess := bigSession(n)
			if err := s.Create(sess); err != nil {
				b.Fatal(err)
			}
			a := sess.AnswerFor("p0")
			a.Text = strings.Repeat("They want fewer handoffs. ", 40) // a 1 KB answer being typed
			e := sess.PutAnswer(a, sess.Updated.Add(time.Second))
			typed := *e.Answer
			i := 0
			for b.Loop() {
				i++
				ans := typed
				ans.Text = typed.Text + strings.Repeat("k", i%64)
				e.Answer = &ans
				if err := s.Apply(e); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSaveVsFloor interleaves a save (as in BenchmarkSave) with a bare
// one-key bbolt Update in the same folder, iteration by iteration, and
// reports their ratio (x-floor), so a busy shared disk slows both alike.
func BenchmarkSaveVsFloor(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("answers=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			s, err := store.Open(filepath.Join(dir, "rapport.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if err := storetest.Fill(s, 100, 1); err != nil {
				b.Fatal(err)
			}
			sess := bigSession(n)
			if err := s.Create(sess); err != nil {
				b.Fatal(err)
			}
			db, err := bolt.Open(filepath.Join(dir, "floor.db"), 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if err := db.Update(func(tx *bolt.Tx) error {
				_, err := tx.CreateBucket([]byte("b"))
				return err
			}); err != nil {
				b.Fatal(err)
			}
			a := sess.AnswerFor("p0")
			a.Text = strings.Repeat("They want fewer handoffs. ", 40)
			e := sess.PutAnswer(a, sess.Updated.Add(time.Second))
			typed := *e.Answer
			value := []byte(strings.Repeat("x", 200))
			var saveTime, floorTime time.Duration
			i := 0
			for b.Loop() {
				i++
				start := time.Now()
				value[i%len(value)]++
				if err := db.Update(func(tx *bolt.Tx) error {
					return tx.Bucket([]byte("b")).Put([]byte("k"), value)
				}); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				ans := typed
				ans.Text = typed.Text + strings.Repeat("k", i%64)
				e.Answer = &ans
				if err := s.Apply(e); err != nil {
					b.Fatal(err)
				}
				saveTime += time.Since(mid)
				floorTime += mid.Sub(start)
			}
			b.ReportMetric(float64(saveTime.Microseconds())/float64(i)/1000, "save-ms")
			b.ReportMetric(float64(floorTime.Microseconds())/float64(i)/1000, "floor-ms")
			b.ReportMetric(float64(saveTime)/float64(floorTime), "x-floor")
		})
	}
}

// bigSession is a session of n long text prompts, all answered, with a
// capture for every ten answers.
func bigSession(n int) *session.Session {
	pb := playbooks.Playbook{ID: "big", Title: "Big", Version: 1}
	var prompts []playbooks.Prompt
	for i := range n {
		prompts = append(prompts, playbooks.Prompt{ID: fmt.Sprint("p", i), Kind: playbooks.KindLongText, Question: "Why?"})
	}
	pb.Phases = []playbooks.Phase{{ID: "all", Title: "All", Prompts: prompts}}
	now := storetest.Epoch
	sess := session.New("01JQBIG0000000000000000000", now, "Big Client", pb)
	for i := range n {
		now = now.Add(time.Second)
		sess.PutAnswer(session.Answer{PromptID: fmt.Sprint("p", i), Text: strings.Repeat("An answer of a few lines. ", 10)}, now)
		if i%10 == 0 {
			sess.PutCapture(session.Capture{ID: fmt.Sprintf("c%04d", i), Kind: session.CaptureNote, Text: "A note.", Created: now}, now)
		}
	}
	return sess
}

// BenchmarkList10000 lists a store of 10,000 sessions, as `rapport list`
// and the library's first frame do. Goal: under 100 ms.
func BenchmarkList10000(b *testing.B) {
	s, err := store.Open(filepath.Join(b.TempDir(), "rapport.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := storetest.Fill(s, 10000, 1); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		list, err := s.List()
		if err != nil || len(list) != 10000 {
			b.Fatalf("List: %d, %v", len(list), err)
		}
	}
}

// BenchmarkListNewest10000 reads the library's first screenful from a store
// of 10,000 sessions: the newest 120 records and the count, from the last
// pages of the recent bucket. It should not grow with the store.
func BenchmarkListNewest10000(b *testing.B) {
	s, err := store.Open(filepath.Join(b.TempDir(), "rapport.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := storetest.Fill(s, 10000, 1); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		list, total, err := s.ListNewest(120)
		if err != nil || len(list) != 120 || total != 10000 {
			b.Fatalf("ListNewest: %d of %d, %v", len(list), total, err)
		}
	}
}

// BenchmarkResolve10000 resolves, in a store of 10,000 sessions over
// about 120 clients, a whole id and a client's whole name (that client's
// ~80 records are read, through the refs bucket).
func BenchmarkResolve10000(b *testing.B) {
	s, err := store.Open(filepath.Join(b.TempDir(), "rapport.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := storetest.Fill(s, 10000, 1); err != nil {
		b.Fatal(err)
	}
	newest, _, err := s.ListNewest(1)
	if err != nil {
		b.Fatal(err)
	}
	for name, ref := range map[string]string{"id": newest[0].ID, "client": newest[0].Client} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if id, err := s.Resolve(ref); err != nil || id != newest[0].ID {
					b.Fatalf("Resolve(%q) = %s, %v", ref, id, err)
				}
			}
		})
	}
}

// BenchmarkWriterTyping types into a 100-answer session through the Writer
// as fast as the loop goes (far faster than anyone types) and reports what
// Save costs the UI goroutine (save-ns: it only queues; ns/op also counts
// making the edit), how many keystrokes each write carried (keys/write:
// edits group while an fsync runs), and how long a keystroke waited to be
// on disk (p99-ms, max-ms): the product promises 300 ms.
func BenchmarkWriterTyping(b *testing.B) {
	s, err := store.Open(filepath.Join(b.TempDir(), "rapport.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sess := bigSession(100)
	if err := s.Create(sess); err != nil {
		b.Fatal(err)
	}
	var (
		mu      sync.Mutex
		typedAt []time.Time // when keystroke i was saved
		durable []time.Time // when keystroke i was on disk
		writes  int
	)
	apply := func(edits ...session.Edit) error {
		if err := s.Apply(edits...); err != nil {
			return err
		}
		now := time.Now()
		mu.Lock()
		defer mu.Unlock()
		writes++
		for _, e := range edits {
			if e.Answer == nil {
				continue
			}
			// The answer starts with the number of the keystroke that made it.
			n, _ := strconv.Atoi(e.Answer.Text[:strings.IndexByte(e.Answer.Text, '|')])
			for len(durable) <= n {
				durable = append(durable, now)
			}
		}
		return nil
	}
	w := store.NewWriterWith(apply, nil)
	body := strings.Repeat("They want fewer handoffs. ", 40) // a 1 KB answer
	now := sess.Updated
	var saving time.Duration
	i := 0
	for b.Loop() {
		now = now.Add(time.Millisecond)
		e := sess.PutAnswer(session.Answer{PromptID: "p1", Text: strconv.Itoa(i) + "|" + body}, now)
		start := time.Now()
		mu.Lock()
		typedAt = append(typedAt, start)
		mu.Unlock()
		w.Save(e)
		saving += time.Since(start)
		i++
	}
	b.StopTimer()
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	if len(durable) != len(typedAt) {
		b.Fatalf("%d keystrokes typed, %d on disk", len(typedAt), len(durable))
	}
	lat := make([]time.Duration, len(typedAt))
	for i := range typedAt {
		lat[i] = durable[i].Sub(typedAt[i])
	}
	slices.Sort(lat)
	b.ReportMetric(float64(saving.Nanoseconds())/float64(i), "save-ns")
	b.ReportMetric(float64(len(typedAt))/float64(writes), "keys/write")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}
