package session

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// summaryCSS is the page's style sheet, inline in every page: a document
// to send, on screen and printed to A4.
//
//go:embed summary.css
var summaryCSS string

// htmlMarkdown converts the summary's Markdown: GitHub's dialect (tables,
// autolinks), with typographic quotes and dashes. Raw HTML is never
// passed through (goldmark's default), and the writer escapes it in any
// case, so HTML typed in a session shows as text.
var htmlMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Typographer),
	// Headings get ids, so a section can be linked to ("#roadmap").
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// htmlPage is the page around the converted summary. The content security
// policy forbids scripts and anything fetched from elsewhere, so the page
// shows the same offline, in a mail client or from a file share.
var htmlPage = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="rapport">
<title>{{.Title}}</title>
<style>
{{.CSS}}
@page { @bottom-left { content: {{.Footer}}; } }
</style>
</head>
<body class="{{.Audience}}">
<main>
{{.Body}}
</main>
</body>
</html>
`))

// HTML writes the summary for audience a as one self-contained HTML page:
// the Markdown of MarkdownWith, front matter left out, through goldmark
// with GitHub's extensions, inside a page with its own style sheet (print
// styles for clean A4 pages, a footer with the title and page numbers), no
// script, no fonts or images from elsewhere. It holds exactly what the
// Markdown holds, sanitised and escaped as it is. Same session, same bytes.
func HTML(s *Session, a Audience, client []*Session) ([]byte, error) {
	if s == nil {
		return nil, errors.New("html: no session")
	}
	md := StripFrontMatter(MarkdownWith(s, a, client))
	var body bytes.Buffer
	body.Grow(len(md) * 2)
	if err := htmlMarkdown.Convert(md, &body); err != nil {
		// goldmark fails only when its writer does, and a buffer does
		// not: keep the page whole with the text as it is.
		body.Reset()
		template.HTMLEscape(&body, md)
	}
	audience := AudienceClient
	footer := docTitle(s)
	if a == AudienceInternal {
		audience = AudienceInternal
		footer = "Internal: not for the client · " + footer
	}
	var out bytes.Buffer
	out.Grow(body.Len() + len(summaryCSS) + 1024)
	err := htmlPage.Execute(&out, struct {
		Title, Audience string
		CSS, Footer     template.CSS
		Body            template.HTML
	}{
		Title:    docTitle(s),
		Footer:   template.CSS(cssString(footer)),
		Audience: string(audience),
		CSS:      template.CSS(summaryCSS),
		// goldmark's output from the escaped Markdown, raw HTML omitted.
		Body: template.HTML(body.String()), //nolint:gosec // see above
	})
	if err != nil {
		return nil, fmt.Errorf("html page of session %s: %w", s.ID, err)
	}
	return out.Bytes(), nil
}

// cssString writes s as a CSS string literal that cannot end the string,
// the rule or the style element: sanitised, and every character but
// letters, digits and spaces written as a six-digit escape.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range Sanitize(s) {
		switch {
		case r == ' ', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "\\%X ", r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
