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
	goldenFile(t, name+".md", got)
}

// goldenFile compares got with testdata/golden/<file>, or rewrites it with
// -update.
func goldenFile(t *testing.T, file string, got []byte) {
	t.Helper()
	name := file
	path := filepath.Join("testdata", "golden", file)
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
		"the CFO wants to cut the contract", // internal quote
		"_(internal)_",                      // the marker
		"Time spent",                        // phase timing
		"open, required",                    // the required flag
		"Not covered",                       // what was not asked
		" min)",                             // when something was said
	}
	for _, x := range internalOnly {
		if strings.Contains(client, x) {
			t.Errorf("client summary holds %q", x)
		}
		if !strings.Contains(internal, x) {
			t.Errorf("internal summary lacks %q", x)
		}
	}
	// A note marked not internal is for the client too (notes start
	// internal; this one was switched).
	for _, x := range []string{"Who do they serve", "We find out about problems", "Onboarding takes three weeks", "Self-service API keys", "They use the word"} {
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

func TestMinutes(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0 min"},
		{65 * time.Second, "1 min"},
		{59*time.Minute + 59*time.Second, "59 min"},
		{144*time.Minute + 12*time.Second, "144 min"},
		{-time.Second, "0 min"},
	}
	for _, tt := range tests {
		if got := minutes(tt.d); got != tt.want {
			t.Errorf("minutes(%v) = %q, want %q", tt.d, got, tt.want)
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
		aud    Audience // internal unless set
		change func(s *Session)
		has    []string
		hasNot []string
	}{
		{"finished", "", func(s *Session) { s.Finish(at(50)) }, []string{"**Status:** finished", "status: finished\n"}, []string{"in progress"}},
		{"the client is not told the status", AudienceClient, func(s *Session) {}, []string{"status: in_progress\n"}, []string{"**Status:**", "Session time"}},
		{"flag not met", "", func(s *Session) { s.PutAnswer(Answer{PromptID: "ratio", Number: num(40)}, at(50)) },
			[]string{"40%"}, []string{"Little partnership"}},
		{"answer of another kind after a playbook change", "", func(s *Session) {
			s.PutAnswer(Answer{PromptID: "trust", Text: "typed when this was a text prompt"}, at(50))
		}, []string{"typed when this was a text prompt"}, nil},
		{"skipped keeps what was typed", "", func(s *Session) {
			s.PutAnswer(Answer{PromptID: "budget", State: StateSkipped, Text: "maybe the CFO"}, at(50))
		}, []string{"maybe the CFO\n\n_Skipped_"}, nil},
		{"skipped is not in the client's copy", AudienceClient, func(s *Session) {
			s.PutAnswer(Answer{PromptID: "budget", State: StateSkipped, Text: "maybe the CFO"}, at(50))
		}, nil, []string{"maybe the CFO", "Skipped"}},
		{"deleted evidence is left out", "", func(s *Session) { s.DeleteCapture("c04", at(50)); s.DeleteCapture("c15", at(50)) },
			[]string{"- **Automated monthly report** (owner: Jane)\n  - _No evidence linked_"}, []string{"Reports are built by hand"}},
		{"roadmap warning", "", func(s *Session) {
			for i := range 5 {
				s.PutRoadmap(RoadmapItem{ID: "extra" + strconv.Itoa(i), Title: "More", Horizon: Now, Order: 10 + i}, at(50))
			}
		}, []string{"**Warning:** Now holds 7 items, more than 5"}, nil},
		{"tags once", "", func(s *Session) {
			s.PutCapture(Capture{ID: "t", Kind: CaptureIdea, Text: "Try #Kanban", Tags: []string{"kanban", "Flow"}, At: time.Hour}, at(50))
		}, []string{"- Try #Kanban (at 60 min) #flow"}, []string{"#kanban"}},
		{"no tags for the client", AudienceClient, func(s *Session) {
			s.PutCapture(Capture{ID: "t", Kind: CaptureIdea, Text: "A #weekly digest for depots. #ideas #q4", Tags: []string{"flow"}, At: time.Hour}, at(50))
		}, []string{"- A weekly digest for depots.\n"}, []string{"#weekly", "#ideas", "#q4", "#flow", "ideas"}},
		{"contacts without a role", "", func(s *Session) {
			s.UpdateHeader(func(h *Header) { h.Contacts = []Contact{{Name: "Kim"}, {Role: "CFO"}} }, at(50))
		}, []string{"**Taking part:** Kim; CFO  \n"}, nil},
		{"a quote credited to its speaker", AudienceClient, func(s *Session) {
			s.PutCapture(Capture{ID: "q", Kind: CaptureQuote, Text: "We wait for Fridays.", Speaker: " Ann Lee ,  Head of Ops, EMEA ", Phase: "identify"}, at(50))
		}, []string{"> We wait for Fridays.\n>\n> — Ann Lee, Head of Ops, EMEA\n"}, nil},
		{"a quote without a speaker has no credit", AudienceClient, func(s *Session) {
			s.PutCapture(Capture{ID: "q", Kind: CaptureQuote, Text: "We wait for Fridays.", Phase: "identify"}, at(50))
		}, []string{"> We wait for Fridays.\n\n"}, []string{"> We wait for Fridays.\n>"}},
		{"takeaways written at wrap-up", AudienceClient, func(s *Session) {
			s.UpdateHeader(func(h *Header) { h.Takeaways = []string{"Fix onboarding first", " "} }, at(50))
		}, []string{"## Key takeaways\n\n- Fix onboarding first\n\n## Roadmap"}, nil},
		{"a due date that is not a date", AudienceClient, func(s *Session) {
			s.PutCapture(Capture{ID: "a", Kind: CaptureAction, Text: "Call back", Owner: "Bob", Due: "after | the *audit*"}, at(50))
		}, []string{"| Call back | Bob | after \\| the \\*audit\\* |"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fullSession(t)
			tt.change(s)
			aud := tt.aud
			if aud == "" {
				aud = AudienceInternal
			}
			md := string(Markdown(s, aud))
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
