package session

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/<name>.md, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".md")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run with -update if the change is intended):\n%s", name, path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first differing lines, enough to see what changed.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(wl), len(gl)) && shown < 10; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g + "\n")
			shown++
		}
	}
	return b.String()
}

func TestMarkdownGolden(t *testing.T) {
	for _, a := range []Audience{AudienceClient, AudienceInternal} {
		t.Run(string(a), func(t *testing.T) {
			s := fullSession(t)
			got := Markdown(s, a)
			golden(t, "full-"+string(a), got)
			if again := Markdown(s, a); !bytes.Equal(got, again) {
				t.Errorf("two runs on the same session differ")
			}
			if again := Markdown(fullSession(t), a); !bytes.Equal(got, again) {
				t.Errorf("two equal sessions give different bytes")
			}
		})
	}
	t.Run("hostile", func(t *testing.T) {
		s := textSession(t, func(i int) string { return hostileTexts[i%len(hostileTexts)] })
		golden(t, "hostile-internal", Markdown(s, AudienceInternal))
	})
	t.Run("empty", func(t *testing.T) {
		s := New(testID, testT0, "", testPlaybook(t))
		golden(t, "empty-client", Markdown(s, AudienceClient))
	})
}

func TestMarkdownAudience(t *testing.T) {
	s := fullSession(t)
	client, internal := string(Markdown(s, AudienceClient)), string(Markdown(s, AudienceInternal))
	// What only the facilitator sees, and where each comes from.
	internalOnly := []string{
		"Ask, then stay silent.",            // tip
		"Facilitator's read of the room",    // internal prompt
		"Bob is wary",                       // its answer
		"Bob distrusts our estimates",       // internal pain
		"Budget freeze in Q1",               // risk, internal by default
		"Ann took notes on paper",           // internal note
		"They use the word",                 // a note, even one not marked internal
		"the CFO wants to cut the contract", // internal quote
		"_(internal)_",                      // the marker
		"Time spent",                        // phase timing
		"Open (required)",                   // the required flag
	}
	for _, x := range internalOnly {
		if strings.Contains(client, x) {
			t.Errorf("client summary holds %q", x)
		}
		if !strings.Contains(internal, x) {
			t.Errorf("internal summary lacks %q", x)
		}
	}
	for _, x := range []string{"Who do they serve", "We find out about problems", "Onboarding takes three weeks", "Self-service API keys"} {
		if !strings.Contains(client, x) || !strings.Contains(internal, x) {
			t.Errorf("both summaries should hold %q", x)
		}
	}
}

func TestParseAudience(t *testing.T) {
	tests := []struct {
		in      string
		want    Audience
		wantErr bool
	}{
		{"client", AudienceClient, false},
		{"", AudienceClient, false},
		{" Internal ", AudienceInternal, false},
		{"public", "", true},
	}
	for _, tt := range tests {
		got, err := ParseAudience(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseAudience(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestClock(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "00:00"},
		{65 * time.Second, "01:05"},
		{59*time.Minute + 59*time.Second + 900*time.Millisecond, "59:59"},
		{75 * time.Minute, "75:00"},
		{-time.Second, "00:00"},
	}
	for _, tt := range tests {
		if got := clock(tt.d); got != tt.want {
			t.Errorf("clock(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestYAMLQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Acme", `"Acme"`},
		{`say "hi" \o/`, `"say \"hi\" \\o/"`},
		{"two\nlines\ttab", `"two\nlines\ttab"`},
		{"---\n: x # y", `"---\n: x # y"`},
		{"\x1b[31mred", `"red"`},
		{"a\u2028b\ufeffc\uffff", `"a\u2028b\uFEFFc\uFFFF"`},
		{"東京 👩‍💻", `"東京 👩‍💻"`},
	}
	for _, tt := range tests {
		if got := yamlQuote(tt.in); got != tt.want {
			t.Errorf("yamlQuote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// BenchmarkMarkdown1000Captures measures the summary of a long session:
// 1,000 captures of mixed kinds and about 50 answers (goal: under 20 ms).
func BenchmarkMarkdown1000Captures(b *testing.B) {
	s := manyCaptures(b, 1000)
	if n := len(s.Answers); n < 45 {
		b.Fatalf("only %d answers", n)
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		size = len(Markdown(s, AudienceInternal))
	}
	b.ReportMetric(float64(size)/1024, "KB/op")
}

func TestMarkdownDetails(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Session)
		has    []string
		hasNot []string
	}{
		{"finished", func(s *Session) { s.Finish(at(50)) }, []string{"Status: finished", `status: "finished"`}, []string{"Status: in progress"}},
		{"flag not met", func(s *Session) { s.PutAnswer(Answer{PromptID: "ratio", Number: num(40)}, at(50)) },
			[]string{"40%"}, []string{"Little partnership"}},
		{"answer of another kind after a playbook change", func(s *Session) {
			s.PutAnswer(Answer{PromptID: "trust", Text: "typed when this was a text prompt"}, at(50))
		}, []string{"typed when this was a text prompt"}, nil},
		{"skipped keeps what was typed", func(s *Session) {
			s.PutAnswer(Answer{PromptID: "budget", State: StateSkipped, Text: "maybe the CFO"}, at(50))
		}, []string{"_Skipped_\n\nmaybe the CFO"}, nil},
		{"deleted evidence is left out", func(s *Session) { s.DeleteCapture("c04", at(50)); s.DeleteCapture("c15", at(50)) },
			[]string{"- **Automated monthly report** (owner: Jane)\n  - _No evidence linked_"}, []string{"Reports are built by hand"}},
		{"roadmap warning", func(s *Session) {
			for i := range 5 {
				s.PutRoadmap(RoadmapItem{ID: "extra" + strconv.Itoa(i), Title: "More", Horizon: Now, Order: 10 + i}, at(50))
			}
		}, []string{"**Warning:** Now holds 7 items, more than 5"}, nil},
		{"tags once", func(s *Session) {
			s.PutCapture(Capture{ID: "t", Kind: CaptureIdea, Text: "Try #Kanban", Tags: []string{"kanban", "Flow"}, At: time.Hour}, at(50))
		}, []string{"- 60:00 · Try #Kanban #flow"}, []string{"#kanban"}},
		{"contacts without a role", func(s *Session) {
			s.UpdateHeader(func(h *Header) { h.Contacts = []Contact{{Name: "Kim"}, {Role: "CFO"}} }, at(50))
		}, []string{"Contacts: Kim, (CFO)"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fullSession(t)
			tt.change(s)
			md := string(Markdown(s, AudienceInternal))
			for _, x := range tt.has {
				if !strings.Contains(md, x) {
					t.Errorf("summary lacks %q", x)
				}
			}
			for _, x := range tt.hasNot {
				if strings.Contains(md, x) {
					t.Errorf("summary holds %q", x)
				}
			}
		})
	}
	if Markdown(nil, AudienceClient) != nil {
		t.Errorf("Markdown(nil) wrote something")
	}
}
