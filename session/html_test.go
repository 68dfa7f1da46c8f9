package session

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// htmlAllowed are the elements a summary page may hold: the page's own and
// what goldmark makes of the summary's Markdown. Anything else (a script,
// an image, an iframe, a form) came from text that was not escaped.
var htmlAllowed = map[string][]string{ // element -> its allowed attributes
	"html": {"lang"}, "head": nil, "meta": {"charset", "name", "content", "http-equiv"}, "title": nil,
	"style": nil, "body": {"class"}, "main": nil,
	"h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "p": nil, "br": nil, "strong": nil, "em": nil,
	"ul": nil, "li": nil, "blockquote": nil,
	"table": nil, "thead": nil, "tbody": nil, "tr": nil, "th": {"style"}, "td": {"style"},
	"a": {"href"},
}

// checkPage parses page as a browser would and fails on any element or
// attribute a summary never writes, a link that is not to the web or mail,
// a style attribute other than a cell's alignment, or a script.
func checkPage(t *testing.T, page []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("the page does not parse: %v", err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs, ok := htmlAllowed[n.Data]
			if !ok {
				t.Errorf("the page holds a <%s> element", n.Data)
			}
			for _, a := range n.Attr {
				switch {
				case !slices.Contains(attrs, a.Key):
					t.Errorf("<%s> has a %s attribute", n.Data, a.Key)
				case a.Key == "style" && a.Val != "text-align:right" && a.Val != "text-align:left" && a.Val != "text-align:center":
					t.Errorf("<%s> has style %q", n.Data, a.Val)
				case a.Key == "href":
					if u, err := url.Parse(a.Val); err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
						t.Errorf("a link to %q", a.Val)
					}
				}
			}
		}
		if n.Type == html.CommentNode {
			t.Errorf("the page holds a comment %q (raw HTML omitted?)", n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if bytes.Contains(bytes.ToLower(page), []byte("<script")) {
		t.Error("the page holds a script")
	}
	checkSafe(t, string(page))
}

// pageText is the text a reader sees in the page's main element.
func pageText(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		in = in || (n.Type == html.ElementNode && n.Data == "main")
		if n.Type == html.TextNode && in {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return b.String()
}

// TestHTMLHostileText: whatever a session holds, its page holds only what
// a summary writes; HTML typed in a session shows as the text it was.
func TestHTMLHostileText(t *testing.T) {
	for _, a := range []Audience{AudienceClient, AudienceInternal} {
		for _, h := range hostileTexts {
			t.Run(fmt.Sprintf("%s/%q", a, h), func(t *testing.T) {
				page, err := HTML(textSession(t, func(int) string { return h }), a, nil)
				if err != nil {
					t.Fatal(err)
				}
				checkPage(t, page)
			})
		}
	}
	s := textSession(t, func(int) string { return "<script>alert(1)</script> & <b>bold</b>" })
	page, err := HTML(s, AudienceClient, nil)
	if err != nil {
		t.Fatal(err)
	}
	if text := pageText(t, page); !strings.Contains(text, "<script>alert(1)</script> & <b>bold</b>") {
		t.Errorf("typed HTML does not show as text:\n%s", text)
	}
}

// TestHTMLPage: the page is the Markdown's content, titled, styled inline,
// with nothing fetched and the same bytes every time.
func TestHTMLPage(t *testing.T) {
	s := fullSession(t)
	for _, a := range []Audience{AudienceClient, AudienceInternal} {
		page, err := HTML(s, a, nil)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := HTML(fullSession(t), a, nil)
		if !bytes.Equal(page, again) {
			t.Errorf("%s: two equal sessions give different pages", a)
		}
		checkPage(t, page)
		p := string(page)
		for _, want := range []string{"<title>Acme Corp: Test discovery</title>", "<style>", "@page", "size: A4",
			"default-src 'none'", `<h1 id="acme-corp-test-discovery">Acme Corp: Test discovery</h1>`, `<h2 id="roadmap">Roadmap</h2>`} {
			if !strings.Contains(p, want) {
				t.Errorf("%s: the page lacks %q", a, want)
			}
		}
		for _, bad := range []string{"http://", "https://", "url(", "@import", "<link", "<img", "<script"} {
			if strings.Contains(p, bad) {
				t.Errorf("%s: the page fetches or runs something: %q", a, bad)
			}
		}
		internal := strings.Contains(pageText(t, page), "Internal: not for the client")
		if internal != (a == AudienceInternal) {
			t.Errorf("%s: says internal %v", a, internal)
		}
	}
	if _, err := HTML(nil, AudienceClient, nil); err == nil {
		t.Error("HTML(nil) gave a page")
	}
}

func FuzzHTML(f *testing.F) {
	for _, h := range hostileTexts {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, a := range []Audience{AudienceClient, AudienceInternal} {
			page, err := HTML(textSession(t, func(int) string { return in }), a, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, page)
		}
	})
}

func TestCSSString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Acme Corp", `"Acme Corp"`},
		{`a"b\c</style>`, `"a\22 b\5C c\3C \2F style\3E "`},
		{"x\ny\x1b[31m", `"x\A y"`},
	} {
		if got := cssString(tt.in); got != tt.want {
			t.Errorf("cssString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// BenchmarkHTML1000Captures measures the HTML page of the long session
// BenchmarkMarkdown1000Captures writes: the Markdown, then goldmark.
func BenchmarkHTML1000Captures(b *testing.B) {
	s := manyCaptures(b, 1000)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		page, err := HTML(s, AudienceInternal, nil)
		if err != nil {
			b.Fatal(err)
		}
		size = len(page)
	}
	b.ReportMetric(float64(size)/1024, "KB/op")
}
