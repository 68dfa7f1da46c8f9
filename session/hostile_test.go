package session

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"rapport/playbooks"
)

// hostileTexts are what a user, an imported file or a playbook may hold
// that must neither reach the terminal nor change the summary's structure.
var hostileTexts = []string{
	"# heading",
	"| a | b |",
	"```",
	"~~~ tilde",
	"<script>alert(1)</script>",
	"&#27;]52;c;ZXZpbA==&#7;",
	"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
	"\x1b]52;c;ZXZpbA==\x07",
	"\u009b31mred",
	"abc\u202Edcba",
	"a\x00b\x7f",
	"text #\n===\n---\n:---\n| x |",
	"para\n# heading\n| a | b |\n| --- | --- |\n```go\ncode\n```\n<div>\n> quote\n- item\n* star\n+ plus\n1. one\n2) two\n    indented\n[ref]: http://e.com\n![img](http://e.com/x.png)\n[link](javascript:alert(1))\n<http://auto.link>\n***\n___",
	"trailing backslash \\",
	"\\| escaped pipe \\",
	"東京 👩‍💻 café",
}

// textSession builds a session on a playbook whose every piece of text,
// user's and playbook's alike, comes from txt(i), with every prompt kind
// answered, every capture kind and a roadmap. The journey's last column
// holds "END" so a broken table row shows.
// Due dates are fixed: the due date is the last cell of the client copy's
// actions table, whose text tells a broken row from a whole one.
func textSession(t testing.TB, txt func(i int) string) *Session {
	n := 0
	next := func() string { n++; return txt(n) }
	pb := playbooks.Playbook{ID: "hostile", Title: next(), Version: 1, Phases: []playbooks.Phase{
		{ID: "p1", Title: next(), Goal: next(), Tips: []string{next(), next()}, Prompts: []playbooks.Prompt{
			{ID: "text", Kind: playbooks.KindText, Question: next()},
			{ID: "long", Kind: playbooks.KindLongText, Question: next(), Help: next()},
			{ID: "rating", Kind: playbooks.KindRating, Question: next(), Scorecard: next(),
				Flag: &playbooks.Flag{When: mustCompare(t, ">= 1"), Say: next()}},
			{ID: "choice", Kind: playbooks.KindChoice, Question: next(), Options: []string{next()}},
			{ID: "multi", Kind: playbooks.KindMultiChoice, Question: next(), Options: []string{next(), next()}},
			{ID: "percent", Kind: playbooks.KindPercent, Question: next(),
				Flag: &playbooks.Flag{When: mustCompare(t, ">= 80"), Say: next()}},
			{ID: "number", Kind: playbooks.KindNumber, Question: next()},
			{ID: "list", Kind: playbooks.KindList, Question: next()},
			{ID: "journey", Kind: playbooks.KindJourney, Question: next()},
			{ID: "ledger", Kind: playbooks.KindLedger, Question: next()},
			{ID: "internal", Kind: playbooks.KindLongText, Question: next(), Internal: true},
			{ID: "parked", Kind: playbooks.KindText, Question: next()},
		}},
	}}
	s := New(testID, testT0, next(), pb)
	s.UpdateHeader(func(h *Header) {
		h.Facilitator = next()
		h.Contacts = []Contact{{Name: next(), Role: next()}}
		h.Tags = []string{next(), "ok"}
		h.Elapsed = 30 * time.Minute
	}, at(1))
	put := func(a Answer) { s.PutAnswer(a, at(2)) }
	put(Answer{PromptID: "text", Text: next()})
	put(Answer{PromptID: "long", Text: next()})
	put(Answer{PromptID: "rating", Rating: 3, Evidence: next()})
	put(Answer{PromptID: "choice", Choices: []string{next()}})
	put(Answer{PromptID: "multi", Choices: []string{next(), next()}})
	put(Answer{PromptID: "percent", Number: num(90)})
	put(Answer{PromptID: "number", Number: num(-1.5)})
	put(Answer{PromptID: "list", Items: []string{"before", next(), "after"}})
	put(Answer{PromptID: "journey", Stages: []JourneyStage{
		{Name: next(), Doing: next(), Touchpoints: next(), Feeling: -2, Pains: next(), Opportunities: "END"},
		{Name: next(), Doing: next(), Touchpoints: next(), Feeling: 2, Pains: next(), Opportunities: "END"},
	}})
	put(Answer{PromptID: "ledger", Ledger: []LedgerEntry{{Kind: Deposit, Text: next(), Amount: 2}, {Kind: Withdrawal, Text: next(), Amount: 1}}})
	put(Answer{PromptID: "internal", Text: next()})
	s.PutAnswer(Answer{PromptID: "parked", State: StateParked, Text: next()}, at(3))
	s.AddAdHoc(AdHocPrompt{ID: "adhoc", Phase: "p1", After: "text", Question: next()}, at(3))
	put(Answer{PromptID: "adhoc", Text: next()})
	kinds := []CaptureKind{CaptureNote, CaptureQuote, CapturePain, CaptureAction, CaptureDecision, CaptureRisk, CaptureIdea, CaptureFollowUp}
	for i, k := range slices.Concat(kinds, kinds) {
		c := Capture{
			ID: fmt.Sprintf("c%02d", i), Kind: k, Text: next(), At: time.Duration(i) * time.Minute, Phase: "p1",
			Tags: []string{next()}, Internal: i >= len(kinds), Created: at(i),
			Impact: 4, Effort: 1, Owner: next(), Due: "2026-12-01",
		}
		s.PutCapture(c, at(i))
	}
	for i, h := range Horizons {
		s.PutRoadmap(RoadmapItem{
			ID: fmt.Sprintf("r%d", i), Title: next(), Horizon: h, Owner: next(), Target: next(),
			Pains: []string{"c02", "c10"}, Quotes: []string{"c01", "c09"},
		}, at(10))
	}
	return s
}

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

// nodeText is the text of a node's inline content.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := c.(type) {
		case *ast.Text:
			b.Write(x.Segment.Value(src))
		case *ast.String:
			b.Write(x.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// skeleton lists the structure of a summary after its front matter
// (checked apart, as YAML): headings by level,
// tables by rows and the text of each row's last cell, lists by item
// count, blockquotes, and anything our summary never writes itself (code,
// HTML, links, images, thematic breaks). Paragraphs are left out: a
// multi-line answer legitimately makes several.
func skeleton(src []byte) []string {
	src = StripFrontMatter(src)
	doc := gfm.Parser().Parse(text.NewReader(src))
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := n.(type) {
		case *ast.Heading:
			out = append(out, fmt.Sprintf("h%d", x.Level))
		case *extast.Table:
			out = append(out, fmt.Sprintf("table of %d rows", x.ChildCount()))
		case *extast.TableRow, *extast.TableHeader:
			out = append(out, fmt.Sprintf("row of %d cells ending %q", n.ChildCount(), nodeText(n.LastChild(), src)))
		case *ast.List:
			out = append(out, fmt.Sprintf("list of %d", x.ChildCount()))
		case *ast.Blockquote:
			out = append(out, "blockquote")
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.Link, *ast.Image, *ast.ThematicBreak:
			out = append(out, "FORBIDDEN "+n.Kind().String())
		}
		return ast.WalkContinue, nil
	})
	return out
}

// twin is the benign text whose summary has the structure in's must
// have: empty where in escapes to nothing, since empty items are left out.
func twin(in string) string {
	if EscapeInline(in) == "" {
		return ""
	}
	return "plain words"
}

func TestMarkdownHostileText(t *testing.T) {
	for _, a := range []Audience{AudienceClient, AudienceInternal} {
		want := skeleton(Markdown(textSession(t, func(int) string { return "plain words" }), a))
		if slices.ContainsFunc(want, func(s string) bool { return strings.HasPrefix(s, "FORBIDDEN") }) {
			t.Fatalf("the summary itself writes forbidden structure: %v", want)
		}
		for _, h := range hostileTexts {
			t.Run(fmt.Sprintf("%s/%q", a, h), func(t *testing.T) {
				md := Markdown(textSession(t, func(int) string { return h }), a)
				checkSafe(t, string(md))
				want := skeleton(Markdown(textSession(t, func(int) string { return twin(h) }), a))
				if got := skeleton(md); !slices.Equal(got, want) {
					t.Errorf("structure changed:\n got %q\nwant %q\n%s", got, want, md)
				}
			})
		}
	}
}

// TestMarkdownHostileMixed gives each field a different hostile text, so
// one field's text cannot close what another opened.
func TestMarkdownHostileMixed(t *testing.T) {
	benign := textSession(t, func(int) string { return "plain words" })
	md := Markdown(textSession(t, func(i int) string { return hostileTexts[i%len(hostileTexts)] }), AudienceInternal)
	checkSafe(t, string(md))
	if got, want := skeleton(md), skeleton(Markdown(benign, AudienceInternal)); !slices.Equal(got, want) {
		t.Errorf("structure changed:\n got %q\nwant %q\n%s", got, want, md)
	}
}

func FuzzMarkdown(f *testing.F) {
	for _, h := range hostileTexts {
		f.Add(h)
	}
	f.Add("")
	f.Add("   \n\t")
	f.Fuzz(func(t *testing.T, in string) {
		plain := twin(in)
		for _, a := range []Audience{AudienceClient, AudienceInternal} {
			md := Markdown(textSession(t, func(int) string { return in }), a)
			checkSafe(t, string(md))
			want := skeleton(Markdown(textSession(t, func(int) string { return plain }), a))
			if got := skeleton(md); !slices.Equal(got, want) {
				t.Fatalf("text %q changed the structure:\n got %q\nwant %q\n%s", in, got, want, md)
			}
		}
	})
}

// frontMatter returns the YAML between the summary's opening "---" lines.
func frontMatter(t *testing.T, md []byte) []byte {
	t.Helper()
	body := StripFrontMatter(md)
	if len(body) == len(md) {
		t.Fatalf("no front matter in:\n%s", md)
	}
	fm := md[:len(md)-len(body)]
	return bytes.TrimSuffix(bytes.TrimSpace(bytes.TrimPrefix(fm, []byte("---\n"))), []byte("---"))
}

func TestFrontMatterIsSafeYAML(t *testing.T) {
	for _, h := range hostileTexts {
		s := textSession(t, func(int) string { return h })
		for _, a := range []Audience{AudienceClient, AudienceInternal} {
			fm := frontMatter(t, Markdown(s, a))
			var got map[string]any
			if err := yaml.Unmarshal(fm, &got); err != nil {
				t.Fatalf("front matter for %q is not YAML: %v\n%s", h, err, fm)
			}
			keys := slices.Sorted(maps.Keys(got))
			if want := []string{"audience", "client", "date", "facilitator", "id", "playbook", "playbook_version", "status", "tags", "title"}; !slices.Equal(keys, want) {
				t.Errorf("front matter for %q has keys %v, want %v", h, keys, want)
			}
			if got["client"] != Sanitize(h) || got["facilitator"] != Sanitize(h) || got["title"] != docTitle(s) || strings.Contains(docTitle(s), "\n") {
				t.Errorf("front matter for %q: client %q facilitator %q title %q", h, got["client"], got["facilitator"], got["title"])
			}
			date, _ := got["date"].(time.Time)
			if !date.Equal(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)) || got["playbook_version"] != 1 ||
				got["status"] != "in_progress" || got["audience"] != string(a) || got["id"] != testID {
				t.Errorf("front matter for %q: %v", h, got)
			}
			if _, ok := got["tags"].([]any); !ok {
				t.Errorf("front matter for %q: tags %#v are not a list", h, got["tags"])
			}
		}
	}
}

func TestStripFrontMatter(t *testing.T) {
	tests := []struct{ in, want string }{
		{"---\na: 1\n---\n\n# T\n", "# T\n"},
		{"# T\n", "# T\n"},
		{"---\nunterminated\n", "---\nunterminated\n"},
	}
	for _, tt := range tests {
		if got := string(StripFrontMatter([]byte(tt.in))); got != tt.want {
			t.Errorf("StripFrontMatter(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
