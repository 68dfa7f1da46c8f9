package session

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The page's print margins (summary.css, @page), in PDF points.
const (
	mmPt        = 72 / 25.4
	pageTop     = 18 * mmPt
	pageRight   = 17 * mmPt
	pageBottom  = 20 * mmPt
	edgeSlackPt = 1.0 // rounding in the PDF's coordinates
)

// printToPDF prints an HTML page to PDF in headless Chromium, as a reader's
// browser would, and returns the PDF's file; it skips the test where
// chromium or pdftotext is missing.
func printToPDF(t *testing.T, page []byte) string {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if _, err2 := os.Stat("/usr/bin/chromium"); err2 != nil {
			t.Skip("chromium is not installed (apt-get install chromium): the printed page cannot be checked")
		}
		chromium = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils): the printed page cannot be read")
	}
	dir := t.TempDir()
	htmlFile, pdf := filepath.Join(dir, "summary.html"), filepath.Join(dir, "summary.pdf")
	if err := os.WriteFile(htmlFile, page, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+pdf, "file://"+htmlFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chromium: %v\n%s", err, out.String())
		}
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("chromium did not print within 2 minutes:\n%s", out.String())
	}
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Fatalf("chromium wrote no PDF: %v\n%s", err, out.String())
	}
	return pdf
}

// pdfText is the PDF's text as pdftotext -layout reads it.
func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pdfWords are the PDF's pages with each word's box, from pdftotext
// -bbox-layout.
type pdfWords struct {
	Pages []struct {
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
		Words  []struct {
			XMax float64 `xml:"xMax,attr"`
			YMin float64 `xml:"yMin,attr"`
			YMax float64 `xml:"yMax,attr"`
			Text string  `xml:",chardata"`
		} `xml:"flow>block>line>word"`
	} `xml:"body>doc>page"`
}

// cutAtTheRight lists the words of the PDF's text area that run past its
// right margin: a line the page cut, or pushed off the paper.
func cutAtTheRight(t *testing.T, pdf string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout: %v", err)
	}
	var doc pdfWords
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("pdftotext -bbox-layout: %v", err)
	}
	if len(doc.Pages) == 0 {
		t.Fatal("the PDF has no pages")
	}
	var cut []string
	for i, p := range doc.Pages {
		if p.Width < 590 || p.Width > 600 || p.Height < 838 || p.Height > 845 {
			t.Errorf("page %d is %.0f x %.0f pt, not A4 (595 x 842)", i+1, p.Width, p.Height)
		}
		for _, w := range p.Words {
			// The browser's own header and footer sit in the margins.
			if w.YMax <= pageTop || w.YMin >= p.Height-pageBottom {
				continue
			}
			if w.XMax > p.Width-pageRight+edgeSlackPt {
				cut = append(cut, w.Text)
			}
		}
	}
	return cut
}

// oneSpace folds every run of white space into one space.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestHTMLPrintsToA4 prints the HTML of the customer-discovery golden
// session in headless Chromium and reads the PDF back: A4 pages holding the
// roadmap and the agreed actions whole, and no line running past the right
// margin.
func TestHTMLPrintsToA4(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "golden", "builtin-customer-discovery-client.html"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := printToPDF(t, page)
	text := oneSpace(pdfText(t, pdf))
	for _, want := range []string{
		"Roadmap", "NOW", "Automate night re-planning (owner: Dana)",
		"Pain: Night re-planning is done by hand, by two planners who stay until two in the morning",
		"Quote: “We find out about problems from our drivers.” — Dana Smith, COO",
		"NEXT", "Weekly report from the dispatch system", "LATER", "Depot manager digest",
		"STILL TO PLACE", "Drivers hear about route changes by phone (quick win)",
		"Agreed actions", "ACTION OWNER DUE",
		"Send the route-planning pilot plan Sam 1 Dec 2026",
		"Book a session with the depot managers — —",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed page lacks %q:\n%s", want, text)
		}
	}
	if cut := cutAtTheRight(t, pdf); len(cut) > 0 {
		t.Errorf("words run past the right margin: %q", cut)
	}
}

// TestHTMLPrintsLongWords: a word longer than a line (a pasted URL, an id)
// in an answer, a quote, a pain and an action's owner wraps inside the page
// instead of running off it.
func TestHTMLPrintsLongWords(t *testing.T) {
	long := strings.Repeat("Unbreakable", 24)
	s := New(testID, testT0, "Acme "+long, testPlaybook(t))
	s.PutAnswer(Answer{PromptID: "who", Text: "See " + long + " for the whole story."}, at(1))
	for i, c := range []Capture{
		{Kind: CaptureQuote, Text: long, Speaker: "Ann Lee, " + long, Phase: "identify"},
		{Kind: CapturePain, Text: "Pain " + long, Impact: 4, Effort: 2},
		{Kind: CaptureAction, Text: long, Owner: long, Due: long},
	} {
		c.ID = "c" + string(rune('a'+i))
		s.PutCapture(c, at(2))
	}
	page, err := HTML(s, AudienceClient, nil)
	if err != nil {
		t.Fatal(err)
	}
	pdf := printToPDF(t, page)
	if cut := cutAtTheRight(t, pdf); len(cut) > 0 {
		t.Errorf("words run past the right margin: %q", cut)
	}
	if text := strings.Join(strings.Fields(pdfText(t, pdf)), ""); strings.Count(text, "Unbreakable") < 24*5 {
		t.Errorf("the long words are not all on the page: %d of %d", strings.Count(text, "Unbreakable"), 24*5)
	}
}
