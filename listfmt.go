package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rapport/playbooks"
	"rapport/session"
)

// The list's writers print 10,000 rows in a few milliseconds: they build
// the output in one reused 64 KB buffer, clean each distinct client and playbook
// label once (sessions share a few hundred of them), and format numbers and
// times in place. Their output is byte for byte what text/tabwriter and
// encoding/json (indented, HTML characters as they are) give (TestListWritersMatchStdlib and FuzzListWriters
// hold them to it); the rare input they do not handle themselves (a byte
// tabwriter treats as an escape, a year JSON cannot write) goes to those.

// listCells memoises the printable client and version label (one plain
// line each, session.PlainLine) of each distinct value, with the catalogue's current version of each playbook.
type listCells struct {
	cat     *playbooks.Catalogue
	clients map[string]string
	labels  map[labelKey]string
	current map[string]int
}

type labelKey struct {
	id       string
	ran, now int
}

func newListCells(cat *playbooks.Catalogue) *listCells {
	return &listCells{cat: cat, clients: map[string]string{}, labels: map[labelKey]string{}, current: map[string]int{}}
}

func (c *listCells) currentVersion(id string) int {
	v, ok := c.current[id]
	if !ok {
		v, _ = c.cat.CurrentVersion(id)
		c.current[id] = v
	}
	return v
}

func (c *listCells) client(s string) string {
	e, ok := c.clients[s]
	if !ok {
		e = session.PlainLine(s)
		c.clients[s] = e
	}
	return e
}

func (c *listCells) label(x session.Index) string {
	k := labelKey{x.Playbook, x.PlaybookVersion, c.currentVersion(x.Playbook)}
	e, ok := c.labels[k]
	if !ok {
		e = session.PlainLine(playbooks.VersionLabel(k.id, k.ran, k.now))
		c.labels[k] = e
	}
	return e
}

// tabSpecial reports whether s holds a byte text/tabwriter gives a meaning
// (a cell or line end, or the start of escaped text): such cells are left
// to tabwriter. Plain lines never do; a stored id cannot.
func tabSpecial(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\v', '\f', 0xff:
			return true
		}
	}
	return false
}

// fastListTable writes the table writeListTable prints: columns as wide as
// their widest cell (counted in runes, as tabwriter counts) plus two
// spaces, the last column unpadded. ok is false, and nothing is written,
// when a cell holds a byte tabwriter gives a meaning (see tabSpecial).
func fastListTable(w io.Writer, idx []session.Index, cat *playbooks.Catalogue) (ok bool, err error) {
	header := [...]string{"ID", "CLIENT", "PLAYBOOK", "STATUS", "PROGRESS"}
	var width [len(header)]int
	for i, h := range header {
		width[i] = len(h)
	}
	cells := newListCells(cat)
	var num []byte
	for _, x := range idx {
		num = strconv.AppendInt(num[:0], int64(x.Answered), 10)
		num = append(num, '/')
		num = strconv.AppendInt(num, int64(x.Total), 10)
		row := [...]string{x.ID, cells.client(x.Client), cells.label(x), statusWord(x.Status)}
		for i, s := range row {
			if tabSpecial(s) {
				return false, nil
			}
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
		width[4] = max(width[4], len(num))
	}
	pad := func(b []byte, s string, w int) []byte {
		b = append(b, s...)
		for n := utf8.RuneCountInString(s); n < w+2; n++ {
			b = append(b, ' ')
		}
		return b
	}
	out := chunkWriter{w: w}
	buf := make([]byte, 0, chunkSize+1024)
	for i, h := range header {
		buf = pad(buf, h, width[i])
	}
	buf = append(buf, "UPDATED\n"...)
	for _, x := range idx {
		buf = out.spill(buf)
		buf = pad(buf, x.ID, width[0])
		buf = pad(buf, cells.client(x.Client), width[1])
		buf = pad(buf, cells.label(x), width[2])
		buf = pad(buf, statusWord(x.Status), width[3])
		start := len(buf)
		buf = strconv.AppendInt(buf, int64(x.Answered), 10)
		buf = append(buf, '/')
		buf = strconv.AppendInt(buf, int64(x.Total), 10)
		for n := len(buf) - start; n < width[4]+2; n++ {
			buf = append(buf, ' ')
		}
		buf = x.Updated.Local().AppendFormat(buf, "2006-01-02 15:04")
		buf = append(buf, '\n')
	}
	return true, out.flush(buf)
}

// fastListJSON writes what json.MarshalIndent(entries, "", "  ") and a
// newline give for the listEntry of each record. ok is false, and nothing
// is written, for a time outside the years JSON can hold (MarshalIndent's
// own error then says so).
func fastListJSON(w io.Writer, idx []session.Index, cat *playbooks.Catalogue) (ok bool, err error) {
	jsonYear := func(t time.Time) bool { y := t.UTC().Year(); return y >= 0 && y <= 9999 }
	for _, x := range idx {
		if !jsonYear(x.Created) || !jsonYear(x.Updated) {
			return false, nil
		}
	}
	out := chunkWriter{w: w}
	buf := make([]byte, 0, chunkSize+1024)
	if len(idx) == 0 {
		return true, out.flush(append(buf, "[]\n"...))
	}
	cells := newListCells(cat)
	quoted := map[string]string{}
	str := func(b []byte, s string) []byte {
		if plainJSON(s) {
			b = append(b, '"')
			b = append(b, s...)
			return append(b, '"')
		}
		q, ok := quoted[s]
		if !ok {
			q = jsonString(s)
			quoted[s] = q
		}
		return append(b, q...)
	}
	field := func(b []byte, name string) []byte {
		b = append(b, ",\n    \""...)
		b = append(b, name...)
		return append(b, "\": "...)
	}
	num := func(b []byte, name string, n int) []byte {
		return strconv.AppendInt(field(b, name), int64(n), 10)
	}
	stamp := func(b []byte, name string, t time.Time) []byte {
		b = append(field(b, name), '"')
		b = t.UTC().AppendFormat(b, time.RFC3339Nano)
		return append(b, '"')
	}
	buf = append(buf, '[')
	for i, x := range idx {
		buf = out.spill(buf)
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n  {\n    \"id\": "...)
		buf = str(buf, x.ID)
		buf = str(field(buf, "client"), x.Client)
		buf = str(field(buf, "playbook"), x.Playbook)
		if x.PlaybookVersion != 0 {
			buf = num(buf, "playbook_version", x.PlaybookVersion)
		}
		if cur := cells.currentVersion(x.Playbook); cur != 0 {
			buf = num(buf, "playbook_current_version", cur)
		}
		buf = str(field(buf, "status"), string(x.Status))
		buf = stamp(buf, "created", x.Created)
		buf = stamp(buf, "updated", x.Updated)
		buf = num(buf, "answered", x.Answered)
		buf = num(buf, "total", x.Total)
		buf = append(buf, "\n  }"...)
	}
	return true, out.flush(append(buf, "\n]\n"...))
}

// plainJSON reports whether encoding/json writes s as is between quotes:
// printable ASCII without the quote or the backslash. (Like the JSON
// export, the list leaves <, > and & as they are: no \u0026.)
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '"', c == '\\':
			return false
		}
	}
	return true
}

// jsonString is s as a JSON string, HTML characters left as they are,
// controls a terminal acts on escaped as in every JSON rapport writes.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(string(session.EscapeJSONControls(b.Bytes())), "\n")
}

// chunkSize is about how much of the list is built before it is written:
// 10,000 rows never sit in memory whole (1.3 MB of table, 3.3 MB of JSON).
const chunkSize = 64 << 10

// chunkWriter writes built output to w in pieces of about chunkSize, and
// keeps the first error.
type chunkWriter struct {
	w   io.Writer
	err error
}

// spill writes buf once it holds chunkSize bytes and returns it emptied
// for reuse; otherwise it returns buf as is.
func (c *chunkWriter) spill(buf []byte) []byte {
	if len(buf) < chunkSize {
		return buf
	}
	return c.write(buf)
}

func (c *chunkWriter) write(buf []byte) []byte {
	if c.err == nil && len(buf) > 0 {
		_, c.err = c.w.Write(buf)
	}
	return buf[:0]
}

// flush writes what is left of buf and returns the first error.
func (c *chunkWriter) flush(buf []byte) error {
	c.write(buf)
	return c.err
}
