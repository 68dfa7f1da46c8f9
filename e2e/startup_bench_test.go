package e2e

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rapport/session"
	"rapport/store"
	"rapport/store/storetest"
)

// bigStore is a store with 10,000 sessions (storetest.Fill; E2E_SESSIONS
// sets another number, such as 100000), made once per run; latestID and
// latestClient name its newest session, oldestID and oldestClient its
// least recently changed one, whose client has no other session.
var (
	bigOnce                        sync.Once
	bigHome                        home
	bigErr                         error
	latestID, latestClient, floorB string
	openID, openClient             string // the session open measures
)

const oldestID, oldestClient = "01HOLDEST00000000000000000", "Oldest Unique Ltd"

func prepareBig(b *testing.B) {
	b.Helper()
	needBinary(b)
	bigOnce.Do(func() {
		// E2E_BIG_DIR keeps the filled store there, to profile by hand
		// or to measure again without filling it anew.
		dir := os.Getenv("E2E_BIG_DIR")
		if dir == "" {
			var err error
			if dir, err = os.MkdirTemp(binDir, "big-"); err != nil {
				bigErr = err
				return
			}
		}
		bigHome = home{dir: dir, db: filepath.Join(dir, "data", "r.db")}
		if err := os.MkdirAll(filepath.Dir(bigHome.db), 0o700); err != nil {
			bigErr = err
			return
		}
		n := 10_000
		if v := os.Getenv("E2E_SESSIONS"); v != "" {
			if n, bigErr = strconv.Atoi(v); bigErr != nil {
				return
			}
		}
		// A store kept in E2E_BIG_DIR by an earlier run is used again when
		// it holds n sessions (filling 100,000 takes many minutes).
		s, err := store.Open(bigHome.db)
		if err != nil {
			bigErr = err
			return
		}
		defer func() {
			if s != nil {
				_ = s.Close()
			}
		}()
		_, total, err := s.ListNewest(0)
		if _, lerr := s.Load(oldestID); err != nil || lerr != nil || total != n {
			if bigErr = s.Close(); bigErr != nil {
				return
			}
			_ = os.Remove(bigHome.db)
			if s, bigErr = store.Open(bigHome.db); bigErr != nil {
				return
			}
			if bigErr = storetest.Fill(s, n-1, 1); bigErr != nil {
				return
			}
			// The least recently changed session has a client no other
			// session has, so a screen that shows it shows the whole list.
			old := session.New(oldestID, storetest.Epoch.Add(-24*time.Hour), oldestClient, storetest.Playbook())
			if bigErr = s.Create(old); bigErr != nil {
				return
			}
		}
		idx, err := s.List()
		if err != nil || len(idx) == 0 {
			bigErr = err
			return
		}
		slices.SortFunc(idx, func(a, b session.Index) int { return b.Updated.Compare(a.Updated) })
		latestID, latestClient = idx[0].ID, idx[0].Client
		// open starts on a session in progress (a finished one opens read
		// only): the newest, among clients with no newer session, so open
		// by the client's name opens it too.
		seen := map[string]bool{}
		for _, x := range idx {
			if x.Status == session.StatusInProgress && !seen[x.Client] {
				openID, openClient = x.ID, x.Client
				break
			}
			seen[x.Client] = true
		}
		if openID == "" {
			bigErr = errors.New("no session in progress to open")
			return
		}
		// Today's copy is made here, so runs measure an ordinary start,
		// not the first of the day (which copies the whole store beside
		// the session, once).
		if _, bigErr = s.AutoBackup(time.Now()); bigErr != nil {
			return
		}
		floorB, bigErr = build(binDir, "floor", "./testdata/floor")
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
}

// frame is what firstFrame measures of one start.
type frame struct {
	took time.Duration // exec to the first frame on screen
	cpu  time.Duration // CPU the process used by then, all its threads
	rss  int           // resident memory then, in KB
}

// firstFrame starts name args in a 30x100 pty, waits until the screen shows
// want, and returns how long that took, the CPU the process had used by
// then and its resident memory. The process is ended before it returns.
func firstFrame(b *testing.B, env []string, want string, name string, args ...string) frame {
	b.Helper()
	start := time.Now()
	tm := startCmd(b, 30, 100, env, name, args...)
	tm.mustSee(0, want, 30*time.Second)
	f := frame{took: time.Since(start)}
	f.cpu = cpuTime(tm.cmd.Process.Pid)
	f.rss = residentKB(tm.cmd.Process.Pid)
	_ = tm.cmd.Process.Kill()
	_ = tm.wait(10 * time.Second)
	return f
}

// cpuTime is the CPU time every thread of pid has used, from
// /proc/PID/task/*/schedstat (nanoseconds, unlike /proc/PID/stat's ticks).
func cpuTime(pid int) time.Duration {
	tasks, _ := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/*/schedstat")
	var sum time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) > 0 {
			n, _ := strconv.ParseInt(f[0], 10, 64)
			sum += time.Duration(n)
		}
	}
	return sum
}

// residentKB reads VmRSS of pid from /proc, in KB (0 when unknown).
func residentKB(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return n
		}
	}
	return 0
}

// BenchmarkStartup measures exec to the first real frame of rapport on a
// store of 10,000 sessions, against the floor program (testdata/floor: the
// same libraries, one line) in the same run, alternating the two. It
// reports medians, since a shared machine's load comes in bursts: app-ms
// and floor-ms, and x-floor, the median of each pair's ratio (goal: within
// 1.2x), with the lowest and highest pair ratios (x-lo, x-hi) for the
// spread; and rapport's resident memory at its first frame (goal: under
// 40 MB idle). app-cpu-ms and floor-cpu-ms are the CPU each process had
// used by its first frame: what a busy machine stretches, and far steadier
// than the time, so they show where rapport's extra time is work.
//
// The first frame is the library listing the newest session's client for
// bare `rapport` (the "library" case, the goal's own measure), and the
// runner of `rapport open` on the newest session in progress of its client
// (the header's TYPING mark; a finished session opens read only), named by
// its id in the "open" case and by its client's name in "open-client".
//
//	go test ./e2e -run '^$' -bench Startup -benchtime 10x
func BenchmarkStartup(b *testing.B) {
	prepareBig(b)
	cases := []struct {
		name, want string
		args       []string
	}{
		{"library", latestClient, nil},
		{"open", "TYPING", []string{"open", openID}},
		{"open-client", "TYPING", []string{"open", openClient}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var app, floor, ratio, appCPU, floorCPU []float64
			var rss int
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ResetTimer()
			for range b.N {
				f := firstFrame(b, bigHome.env(), "floor: one line", floorB, bigHome.db)
				a := firstFrame(b, bigHome.env(), c.want, bin, c.args...)
				floor = append(floor, ms(f.took))
				app = append(app, ms(a.took))
				ratio = append(ratio, float64(a.took)/float64(f.took))
				floorCPU = append(floorCPU, ms(f.cpu))
				appCPU = append(appCPU, ms(a.cpu))
				rss = max(rss, a.rss)
			}
			b.StopTimer()
			b.ReportMetric(median(app), "app-ms")
			b.ReportMetric(median(floor), "floor-ms")
			b.ReportMetric(median(appCPU), "app-cpu-ms")
			b.ReportMetric(median(floorCPU), "floor-cpu-ms")
			b.ReportMetric(median(ratio), "x-floor")
			b.ReportMetric(slices.Min(ratio), "x-lo")
			b.ReportMetric(slices.Max(ratio), "x-hi")
			b.ReportMetric(float64(rss)/1024, "RSS-MB")
		})
	}
}

// median is the middle value of v (the mean of the two middle ones when
// there are an even number).
func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// BenchmarkIdle watches rapport sit idle with 10,000 sessions in the
// store, on two screens: the runner of the session open measures ("runner",
// whose header clocks tick once a second) and the library ("library",
// once the whole list has loaded). It reports, per screen, the CPU used
// while nobody types, as a percentage of one core (idle-cpu-%, the median
// of b.N runs; goal: near zero), and the resident memory (goal: under 40
// MB). The CPU is read from schedstat (nanoseconds), the idle spell is 3 s.
//
// Bubble Tea's renderer wakes frameRate times a second whatever happens
// (tui/run.go): most of the idle CPU is those wake-ups.
//
//	go test ./e2e -run '^$' -bench Idle -benchtime 5x
func BenchmarkIdle(b *testing.B) {
	prepareBig(b)
	const idle = 3 * time.Second
	for _, c := range []struct {
		name, want string
		args       []string
	}{
		{"runner", "TYPING", []string{"open", openID}},
		{"library", latestClient, nil},
	} {
		b.Run(c.name, func(b *testing.B) {
			var pct []float64
			var rss int
			for range b.N {
				tm := startCmd(b, 30, 100, bigHome.env(), bin, c.args...)
				tm.mustSee(0, c.want, 30*time.Second)
				if c.name == "library" {
					// The rest of the list loads once the first frame is
					// drawn: G waits for it and moves to the last session.
					m := tm.mark()
					tm.write([]byte("G"))
					tm.mustSee(m, oldestClient, 30*time.Second)
				}
				pid := tm.cmd.Process.Pid
				t0 := cpuTime(pid)
				<-time.After(idle)
				pct = append(pct, float64(cpuTime(pid)-t0)/float64(idle)*100)
				rss = max(rss, residentKB(pid))
				tm.write([]byte{3})
				_ = tm.wait(10 * time.Second)
			}
			b.ReportMetric(median(pct), "idle-cpu-%")
			b.ReportMetric(float64(rss)/1024, "RSS-MB")
		})
	}
}

// BenchmarkListCommand runs `rapport list` (the table) and `rapport list
// --json` over 10,000 sessions, the whole process from exec to exit.
// Goal: under 100 ms.
//
//	go test ./e2e -run '^$' -bench ListCommand -benchtime 10x
func BenchmarkListCommand(b *testing.B) {
	prepareBig(b)
	for _, args := range [][]string{{"list"}, {"list", "--json"}} {
		b.Run(strings.Join(args, "_"), func(b *testing.B) {
			for range b.N {
				if _, errOut, err := bigHome.run(b, args...); err != nil {
					b.Fatalf("%v: %v %s", args, err, errOut)
				}
			}
		})
	}
}
