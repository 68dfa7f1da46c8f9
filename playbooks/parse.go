package playbooks

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest playbook file the loader reads. A real
// playbook is a few kilobytes; the cap keeps a hostile or mistaken file
// (a log, a binary) from costing memory and time.
const MaxFileSize = 1 << 20

// maxAliasNodes caps how many nodes may be reached through YAML aliases,
// which is what makes a "billion laughs" file blow up. Honest reuse of an
// anchor (a shared list of options) stays far below it.
const maxAliasNodes = 10000

// maxErrors caps how many problems one file reports, so a huge broken file
// gives a readable list rather than a wall of text.
const maxErrors = 100

// idPattern is the shape of every id: lowercase words joined by single
// dashes, safe in file names, URLs and command lines.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// maxIDLen keeps ids usable as file names and in one terminal line.
const maxIDLen = 64

// Fields of each level of the format, in the order they are documented.
var (
	playbookFields  = []string{"id", "title", "version", "summary", "source", "audience", "length", "phases"}
	phaseFields     = []string{"id", "title", "goal", "timebox", "tips", "prompts", "show_if"}
	promptFields    = []string{"id", "kind", "question", "help", "probes", "listen_for", "core", "required", "internal", "takeaways", "scorecard", "measures", "evidence", "options", "flag", "show_if"}
	flagFields      = []string{"when", "and", "say"}
	conditionFields = []string{"prompt", "is"}
)

// Parse reads one playbook from YAML. file names the source in error
// messages. When the file has problems the error is an Errors listing every
// one of them in file order, and the playbook is nil.
func Parse(file string, data []byte) (*Playbook, error) {
	p, _, errs := parse(file, data)
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// ParseFS reads the playbook at name in fsys; errors name the file as name.
func ParseFS(fsys fs.FS, name string) (*Playbook, error) {
	data, err := readCapped(fsys, name)
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// readCapped reads a file but refuses one over MaxFileSize without reading
// all of it. A refusal is an Errors so it prints like any other problem.
func readCapped(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read playbook: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read playbook %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, Errors{tooBig(name)}
	}
	return data, nil
}

func tooBig(file string) *Error {
	return &Error{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("file is larger than %d KiB, the most a playbook may be", MaxFileSize>>10)}
}

// pos is a place in the file, 1-based.
type pos struct{ line, col int }

// spots remembers where each value of the decoded playbook came from, by
// path ("phases[0].prompts[2].kind"), so the checks that run on the decoded
// struct can still point at the line and column. bad marks paths whose value
// could not be decoded and was already reported, so it is not reported twice.
type spots struct {
	at  map[string]pos
	bad map[string]bool
}

// internalError starts the message of a panic turned into an error, which
// the fuzz target looks for.
const internalError = "cannot read this file as a playbook: internal error "

// parse decodes and checks a playbook, returning it with the positions of its
// parts and every problem found.
func parse(file string, data []byte) (p *Playbook, sp spots, errs Errors) {
	d := &decoder{file: file, sp: spots{at: map[string]pos{}, bad: map[string]bool{}}, expanding: map[*yaml.Node]bool{}}
	defer func() {
		// The YAML library and this decoder should never panic, but a
		// playbook is untrusted input: turn any panic into one clear error.
		if r := recover(); r != nil {
			p, errs = nil, Errors{{File: file, Line: 1, Col: 1, Msg: internalError + strconv.Quote(fmt.Sprint(r))}}
		}
	}()
	if len(data) > MaxFileSize {
		return nil, d.sp, Errors{tooBig(file)}
	}
	root, ok := d.document(data)
	if ok {
		p = d.playbook(root)
		d.defaultVisibility(p)
	}
	// The checker judges a whole playbook; after the root failed to decode
	// or an alias bomb cut the walk short, it would only add noise.
	if ok && !d.sp.bad[""] && !d.bombed {
		c := &checker{file: file, sp: d.sp}
		c.playbook(p)
		d.errs = append(d.errs, c.errs...)
	}
	if len(d.errs) > 0 {
		return nil, d.sp, finish(d.errs)
	}
	return p, d.sp, nil
}

// finish sorts problems into file order, drops repeats (a value reached
// through several aliases) and caps their number.
func finish(es Errors) Errors {
	sortErrors(es)
	out := es[:0:0]
	seen := map[Error]bool{}
	for _, e := range es {
		if seen[*e] {
			continue
		}
		seen[*e] = true
		out = append(out, e)
	}
	if len(out) > maxErrors {
		more := out[maxErrors]
		out = append(out[:maxErrors:maxErrors], &Error{File: more.File, Line: more.Line, Col: more.Col,
			Msg: fmt.Sprintf("and %d more problems; fix the ones above first", len(out)-maxErrors)})
	}
	return out
}

type decoder struct {
	file string
	sp   spots
	errs Errors
	// saidInternal holds the paths of prompts whose file gives internal a
	// value, so the audience's default fills in only the others.
	saidInternal map[string]bool
	aliased      int                 // nodes reached through aliases so far
	depth        int                 // how many aliases deep the walk is
	expanding    map[*yaml.Node]bool // anchors being walked, to catch an alias inside itself
	bombed       bool
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	line, col := 1, 1
	if n != nil && n.Line > 0 {
		line, col = n.Line, max(n.Column, 1)
	}
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// document parses the YAML text and returns its root node.
func (d *decoder) document(data []byte) (*yaml.Node, bool) {
	if len(bytes.TrimSpace(data)) == 0 {
		d.errs = append(d.errs, &Error{File: d.file, Line: 1, Col: 1, Msg: "file is empty; a playbook needs id, title and phases"})
		return nil, false
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.errs = append(d.errs, &Error{File: d.file, Line: 1, Col: 1, Msg: "file has no content, only comments; a playbook needs id, title and phases"})
		} else {
			d.errs = append(d.errs, syntaxError(d.file, data, err))
		}
		return nil, false
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.errs = append(d.errs, syntaxError(d.file, data, err))
	default:
		// A stray "---" at the end is harmless; a second playbook is not.
		if len(next.Content) > 0 && !(isNull(next.Content[0]) && next.Content[0].Value == "") {
			d.errorf(next.Content[0], "a second YAML document starts here; a file holds one playbook")
		}
	}
	if len(doc.Content) == 0 {
		d.errorf(&doc, "file has no content; a playbook needs id, title and phases")
		return nil, false
	}
	return doc.Content[0], true
}

var yamlLine = regexp.MustCompile(`^line (\d+): `)

// syntaxError turns the YAML library's message into an Error. The library
// reports a line for most problems and never a column; for the problems it
// reports without a line (bad bytes), the place is found here.
func syntaxError(file string, data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.Contains(msg, "did not find expected ',' or") {
		// The library stops at a ? in unquoted text inside { } or [ ]
		// ("question: Why?") and names the wrong line: find it and say
		// what to do.
		if line, col, text, ok := flowQuestionMark(data); ok {
			return &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(
				"put %s in quotes: inside { } or [ ], YAML cannot read a ? in unquoted text", strconv.Quote(text))}
		}
	}
	line, col := 0, 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else if l, c, ok := badByte(data); ok {
		line, col = l, c
	}
	if line < 1 {
		line = 1
	}
	return &Error{File: file, Line: line, Col: col, Msg: "YAML syntax: " + msg}
}

// flowQuestionMark finds the first unquoted text inside a flow mapping or
// list ({ } or [ ]) that holds a ? after its first character, which the
// YAML library cannot read. It returns the text's line and column (1-based)
// and the text itself.
func flowQuestionMark(data []byte) (line, col int, text string, ok bool) {
	depth := 0
	for i, l := range strings.Split(string(data), "\n") {
		r := []rune(l)
		start := -1     // where the plain text being read started, or -1
		tokenOK := true // the next character may start a value
		for j := 0; j < len(r); j++ {
			c := r[j]
			switch {
			case c == '#' && (j == 0 || r[j-1] == ' ' || r[j-1] == '\t'):
				j = len(r) // a comment
				continue
			case tokenOK && (c == '"' || c == '\''):
				j = skipQuoted(r, j)
				tokenOK, start = false, -1
				continue
			case c == '{' || c == '[':
				if tokenOK || depth > 0 {
					depth++
					tokenOK, start = true, -1
					continue
				}
			case depth > 0 && (c == '}' || c == ']'):
				depth--
				tokenOK, start = false, -1
				continue
			case depth > 0 && c == ',':
				tokenOK, start = true, -1
				continue
			case c == ':' && (j+1 == len(r) || r[j+1] == ' '):
				tokenOK, start = true, -1
				continue
			case c == '-' && tokenOK && (j+1 == len(r) || r[j+1] == ' '):
				continue
			case c == ' ' || c == '\t':
				continue
			}
			if depth > 0 && c == '?' && start >= 0 {
				end := j
				for end < len(r) && !strings.ContainsRune(",}]", r[end]) {
					end++
				}
				return i + 1, start + 1, strings.TrimSpace(string(r[start:end])), true
			}
			if start < 0 {
				start = j
			}
			tokenOK = false
		}
	}
	return 0, 0, "", false
}

// skipQuoted returns the index of the quote that closes the quoted text
// opening at r[j] (or the line's end).
func skipQuoted(r []rune, j int) int {
	q := r[j]
	for k := j + 1; k < len(r); k++ {
		switch {
		case q == '"' && r[k] == '\\':
			k++
		case r[k] == q && q == '\'' && k+1 < len(r) && r[k+1] == '\'':
			k++
		case r[k] == q:
			return k
		}
	}
	return len(r)
}

// badByte finds the first byte that YAML refuses: invalid UTF-8, a control
// character other than tab and newlines, or a tab where indentation goes.
func badByte(data []byte) (line, col int, ok bool) {
	line, col = 1, 1
	lineStart := true
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, col, true
		case r == '\n':
			line, col, lineStart = line+1, 1, true
			i += size
			continue
		case r == '\t' && lineStart:
			return line, col, true
		case r == '\t' || r == '\r' || r == 0x85 || r == 0xFEFF:
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff:
			return line, col, true
		}
		if r != ' ' {
			lineStart = false
		}
		i += size
		col++
	}
	return 0, 0, false
}

// follow resolves an alias to the node it names, refusing aliases that
// contain themselves or that expand the file past maxAliasNodes.
// The returned leave function must be called when the walk of the node ends.
func (d *decoder) follow(n *yaml.Node) (*yaml.Node, func(), bool) {
	if d.depth > 0 {
		d.aliased++
	}
	if d.aliased > maxAliasNodes {
		if !d.bombed {
			d.bombed = true
			d.errorf(n, "aliases expand this file past %d values; YAML anchors may share a little text, not multiply it", maxAliasNodes)
		}
		return nil, func() {}, false
	}
	if n.Kind != yaml.AliasNode {
		return n, func() {}, true
	}
	t := n.Alias
	if t == nil {
		d.errorf(n, "alias *%s names no anchor", n.Value)
		return nil, func() {}, false
	}
	if d.expanding[t] {
		d.errorf(n, "alias *%s is used inside its own anchor", n.Value)
		return nil, func() {}, false
	}
	d.expanding[t] = true
	d.depth++
	return t, func() { d.depth--; delete(d.expanding, t) }, true
}

// describe names a node's type for an error message.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing"
	case "!!bool":
		return "true/false"
	case "!!int", "!!float":
		return "a number"
	case "!!str":
		return "text"
	}
	return "a value tagged " + strconv.Quote(n.Tag)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// field is one key of a mapping with the node of its value.
type field struct {
	key   string
	knode *yaml.Node
	value *yaml.Node
}

// mapping checks that n is a mapping of known, unique keys and returns its
// fields by name. It records where each value is, under path.
func (d *decoder) mapping(n *yaml.Node, path, what string, known []string) (map[string]field, bool) {
	d.sp.at[path] = pos{n.Line, n.Column}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys such as %s, not %s", what, strings.Join(known[:min(3, len(known))], ", "), describe(n))
		d.sp.bad[path] = true
		return nil, false
	}
	out := map[string]field{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s has a key that is %s; keys are plain names such as %s", what, describe(k), known[0])
			continue
		}
		if k.ShortTag() == "!!merge" {
			d.errorf(k, "merge keys (<<) are not supported; write the fields out")
			continue
		}
		name := k.Value
		if prev, dup := out[name]; dup {
			d.errorf(k, "%s has %s twice; the first is at line %d", what, strconv.Quote(name), prev.knode.Line)
			continue
		}
		if !contains(known, name) {
			d.errorf(k, "unknown key %s in %s%s", strconv.Quote(name), what, didYouMean(name, known))
			continue
		}
		out[name] = field{key: name, knode: k, value: v}
		d.sp.at[join(path, name)] = pos{v.Line, v.Column}
	}
	return out, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// text decodes a scalar as text. Numbers and booleans are taken as written
// (a title of 2024 is the text "2024"); null is empty.
func (d *decoder) text(f field, path, what string) string {
	n, leave, ok := d.follow(f.value)
	defer leave()
	if !ok {
		d.sp.bad[path] = true
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be text, not %s", what, describe(n))
		d.sp.bad[path] = true
		return ""
	}
	switch n.ShortTag() {
	case "!!null":
		return ""
	case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
		return n.Value
	}
	d.errorf(n, "%s must be text, not %s", what, describe(n))
	d.sp.bad[path] = true
	return ""
}

// id decodes an id. A whole number that is not negative is an id too
// (`id: 7`), read as YAML means it (`007` is "7", as an editor checking
// the schema sees it); true or false is refused, as the schema refuses it.
func (d *decoder) id(f field, path, what string) string {
	s := d.text(f, path, what)
	if d.sp.bad[path] {
		return ""
	}
	n := resolved(f.value)
	switch n.ShortTag() {
	case "!!int", "!!float":
		if v, ok := wholeNumber(n); ok && v >= 0 {
			return strconv.FormatInt(v, 10)
		}
	case "!!bool":
		d.errorf(n, "%s %s is true/false to YAML; an id is lowercase letters, digits and dashes", what, n.Value)
		d.sp.bad[path] = true
		return ""
	}
	return s
}

// resolved is the node an alias names, or n itself.
func resolved(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func (d *decoder) boolean(f field, path, what string) bool {
	n, leave, ok := d.follow(f.value)
	defer leave()
	if !ok {
		d.sp.bad[path] = true
		return false
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return false
	}
	got := describe(n)
	if n.Kind == yaml.ScalarNode {
		got = strconv.Quote(n.Value)
	}
	d.errorf(n, "%s must be true or false, not %s", what, got)
	d.sp.bad[path] = true
	return false
}

// textList decodes a list of text; null is an empty list.
func (d *decoder) textList(f field, path, what string) []string {
	n, leave, ok := d.follow(f.value)
	defer leave()
	if !ok {
		d.sp.bad[path] = true
		return nil
	}
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list of text, not %s", what, describe(n))
		d.sp.bad[path] = true
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		d.sp.at[p] = pos{item.Line, item.Column}
		out = append(out, d.text(field{value: item}, p, what+" item"))
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// list resolves a list value, calling each for every item; null is empty.
func (d *decoder) list(f field, path, what string, each func(item *yaml.Node, path string)) {
	n, leave, ok := d.follow(f.value)
	defer leave()
	if !ok {
		d.sp.bad[path] = true
		return
	}
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, not %s", what, describe(n))
		d.sp.bad[path] = true
		return
	}
	for i, item := range n.Content {
		if d.bombed {
			return
		}
		p := fmt.Sprintf("%s[%d]", path, i)
		d.sp.at[p] = pos{item.Line, item.Column}
		it, leaveItem, ok := d.follow(item)
		if ok {
			each(it, p)
		} else {
			d.sp.bad[p] = true
		}
		leaveItem()
	}
}

func (d *decoder) playbook(root *yaml.Node) *Playbook {
	p := &Playbook{Version: 1}
	n, leave, ok := d.follow(root)
	defer leave()
	if !ok {
		return p
	}
	fs, ok := d.mapping(n, "", "a playbook", playbookFields)
	if !ok {
		return p
	}
	for _, name := range playbookFields {
		f, ok := fs[name]
		if !ok {
			continue
		}
		switch name {
		case "id":
			p.ID = d.id(f, "id", "id")
		case "title":
			p.Title = d.text(f, "title", "title")
		case "summary":
			p.Summary = d.text(f, "summary", "summary")
		case "source":
			p.Source = d.text(f, "source", "source")
		case "audience":
			p.Audience = Audience(d.text(f, "audience", "audience"))
		case "length":
			p.Length = d.duration(f, "length", "length")
		case "version":
			p.Version = d.version(f)
		case "phases":
			d.list(f, "phases", "phases", func(item *yaml.Node, path string) {
				p.Phases = append(p.Phases, d.phase(item, path))
			})
		}
	}
	if p.Audience == "" {
		p.Audience = AudienceClient
	}
	return p
}

// defaultVisibility fills in internal where the file leaves it out: a team
// playbook's prompts are internal unless they say internal: false; a client
// playbook's are visible unless they say internal: true. The decoded
// playbook then holds each prompt's effective visibility, so nothing
// downstream needs to know the rule.
func (d *decoder) defaultVisibility(p *Playbook) {
	if p == nil || !p.Team() {
		return
	}
	for i := range p.Phases {
		for j := range p.Phases[i].Prompts {
			if !d.saidInternal[fmt.Sprintf("phases[%d].prompts[%d]", i, j)] {
				p.Phases[i].Prompts[j].Internal = true
			}
		}
	}
}

// version decodes the playbook's version: a whole number, 1 when absent.
func (d *decoder) version(f field) int {
	n, leave, ok := d.follow(f.value)
	defer leave()
	if !ok {
		d.sp.bad["version"] = true
		return 1
	}
	if isNull(n) {
		return 1
	}
	// A whole number (3, or 3.0, which the schema cannot tell from 3), or
	// the digits of one in quotes ("3"), from 1 to maxVersion.
	if n.Kind == yaml.ScalarNode {
		switch n.ShortTag() {
		case "!!int", "!!float":
			if v, ok := wholeNumber(n); ok && v >= 1 && v <= maxVersion {
				return int(v)
			}
		case "!!str":
			if versionText.MatchString(n.Value) {
				v, _ := strconv.Atoi(n.Value)
				return v
			}
		}
	}
	got := describe(n)
	if n.Kind == yaml.ScalarNode {
		got = strconv.Quote(n.Value)
	}
	d.errorf(n, "version must be a whole number of 1 or more, not %s", got)
	d.sp.bad["version"] = true
	return 1
}

func (d *decoder) phase(n *yaml.Node, path string) Phase {
	var ph Phase
	fs, ok := d.mapping(n, path, "a phase", phaseFields)
	if !ok {
		return ph
	}
	for _, name := range phaseFields {
		f, ok := fs[name]
		if !ok {
			continue
		}
		fp := join(path, name)
		switch name {
		case "id":
			ph.ID = d.id(f, fp, "phase id")
		case "title":
			ph.Title = d.text(f, fp, "phase title")
		case "goal":
			ph.Goal = d.text(f, fp, "goal")
		case "timebox":
			ph.Timebox = d.duration(f, fp, "timebox")
		case "tips":
			ph.Tips = d.textList(f, fp, "tips")
		case "prompts":
			d.list(f, fp, "prompts", func(item *yaml.Node, ip string) {
				ph.Prompts = append(ph.Prompts, d.prompt(item, ip))
			})
		case "show_if":
			ph.ShowIf = d.condition(f, fp, "show_if")
		}
	}
	return ph
}

// duration decodes a Go duration such as 90s, 10m or 1h30m: a phase's
// timebox or a playbook's length. what names the key in messages.
func (d *decoder) duration(f field, path, what string) time.Duration {
	s := d.text(f, path, what)
	if d.sp.bad[path] || s == "" {
		return 0
	}
	n := f.value
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	t, err := time.ParseDuration(strings.TrimSpace(s))
	if err == nil && t > 0 && !durationRE.MatchString(s) {
		err = errors.New("not a duration") // a sign, or odd spaces: the schema refuses them
	}
	switch {
	case err != nil:
		hint := "write a duration such as 90s, 10m or 1h30m"
		if _, nerr := strconv.ParseFloat(strings.TrimSpace(s), 64); nerr == nil {
			hint = "it needs a unit: " + hint
		}
		d.errorf(n, "%s %s is not a duration; %s", what, strconv.Quote(s), hint)
	case t <= 0:
		d.errorf(n, "%s %s must be longer than zero", what, strconv.Quote(s))
	default:
		return t
	}
	d.sp.bad[path] = true
	return 0
}

func (d *decoder) prompt(n *yaml.Node, path string) Prompt {
	var pr Prompt
	fs, ok := d.mapping(n, path, "a prompt", promptFields)
	if !ok {
		return pr
	}
	for _, name := range promptFields {
		f, ok := fs[name]
		if !ok {
			continue
		}
		fp := join(path, name)
		switch name {
		case "id":
			pr.ID = d.id(f, fp, "prompt id")
		case "kind":
			pr.Kind = Kind(d.text(f, fp, "kind"))
		case "question":
			pr.Question = d.text(f, fp, "question")
		case "help":
			pr.Help = d.text(f, fp, "help")
		case "probes":
			pr.Probes = d.textList(f, fp, "probes")
		case "listen_for":
			pr.ListenFor = d.text(f, fp, "listen_for")
		case "core":
			pr.Core = d.boolean(f, fp, "core")
		case "required":
			pr.Required = d.boolean(f, fp, "required")
		case "internal":
			pr.Internal = d.boolean(f, fp, "internal")
			// "internal:" with no value leaves the audience's default.
			if !isNull(f.value) {
				if d.saidInternal == nil {
					d.saidInternal = map[string]bool{}
				}
				d.saidInternal[path] = true
			}
		case "takeaways":
			pr.Takeaways = d.boolean(f, fp, "takeaways")
		case "scorecard":
			pr.Scorecard = d.text(f, fp, "scorecard")
		case "measures":
			pr.Measures = d.id(f, fp, "measures")
		case "evidence":
			pr.Evidence = d.boolean(f, fp, "evidence")
		case "options":
			pr.Options = d.textList(f, fp, "options")
		case "flag":
			pr.Flag = d.flag(f, fp)
		case "show_if":
			pr.ShowIf = d.condition(f, fp, "show_if")
		}
	}
	return pr
}

// comparison decodes a test such as ">= 80". A bare number or word, which
// YAML may read as a number or boolean, means equality with it.
func (d *decoder) comparison(f field, path, what string) Comparison {
	s := d.text(f, path, what)
	if d.sp.bad[path] {
		return Comparison{}
	}
	n := resolved(f.value)
	if t := n.ShortTag(); t == "!!int" || t == "!!float" {
		s = numberValue(n) // 0x10 is 16, as the schema sees it
	}
	c, err := ParseComparison(s)
	if err != nil {
		d.errorf(n, "%s %s does not parse: %v", what, strconv.Quote(s), err)
		d.sp.bad[path] = true
		return Comparison{}
	}
	return c
}

func (d *decoder) flag(f field, path string) *Flag {
	n, leave, ok := d.follow(f.value)
	defer leave()
	if !ok {
		d.sp.bad[path] = true
		return nil
	}
	if isNull(n) {
		d.sp.at[path] = pos{n.Line, n.Column}
		return nil
	}
	fs, ok := d.mapping(n, path, "flag", flagFields)
	if !ok {
		return nil
	}
	fl := &Flag{}
	if w, ok := fs["when"]; ok {
		fl.When = d.comparison(w, path+".when", "flag when")
	}
	if a, ok := fs["and"]; ok {
		fl.And = d.condition(a, path+".and", "flag and")
	}
	if s, ok := fs["say"]; ok {
		fl.Say = d.text(s, path+".say", "flag say")
	}
	return fl
}

func (d *decoder) condition(f field, path, what string) *Condition {
	n, leave, ok := d.follow(f.value)
	defer leave()
	if !ok {
		d.sp.bad[path] = true
		return nil
	}
	if isNull(n) {
		return nil
	}
	fs, ok := d.mapping(n, path, what, conditionFields)
	if !ok {
		return nil
	}
	c := &Condition{}
	if p, ok := fs["prompt"]; ok {
		c.Prompt = d.id(p, path+".prompt", what+" prompt")
	}
	if is, ok := fs["is"]; ok {
		c.Is = d.comparison(is, path+".is", what+" is")
	}
	return c
}
