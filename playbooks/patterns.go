package playbooks

import (
	"math"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// The shapes of values the loader checks, written once. The JSON Schema
// (docs/playbook.schema.json) carries each of these strings verbatim as a
// "pattern", so an editor underlines exactly what the loader refuses; the
// patterns use only regular-expression syntax that Go and ECMAScript (the
// schema's dialect) read alike, and literal characters rather than escapes
// for anything outside ASCII. TestSchemaPatterns holds the schema to them.
const (
	// spaceChars is the set unicode.IsSpace reports, for character classes.
	spaceChars = "\\t\\n\\v\\f\\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

	// nonBlankPattern matches text that is more than white space: a title,
	// a question, a flag's reason, an option.
	nonBlankPattern = "[^" + spaceChars + "]"

	// versionPattern is a version written as text ("3"): digits only, at
	// most maxVersion.
	versionPattern = `^[1-9][0-9]{0,8}$`

	// durationPattern is a Go duration without a sign (90s, 10m, 1h30m,
	// .5h), with spaces or tabs around it.
	durationPattern = `^[ \t]*(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+[ \t]*$`

	// zeroDurationPattern matches a duration that is zero (no digit but 0):
	// the schema refuses it as the loader does.
	zeroDurationPattern = `^[^1-9]*$`

	// numberPattern is a decimal number as comparisons read it.
	numberPattern = `[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?`

	// numericComparisonPattern is a flag's test: an operator (or none, for
	// equality) and a number.
	numericComparisonPattern = "^[" + spaceChars + "]*(>=|<=|==|!=|>|<|=)?[" + spaceChars + "]*" + numberPattern + "[" + spaceChars + "]*$"

	// comparisonPattern is a condition's test: an ordering operator and a
	// number, or an optional equality operator and any value that does not
	// start with an operator's character (a typo such as "=> 3").
	comparisonPattern = "^[" + spaceChars + "]*((>=|<=|>|<)[" + spaceChars + "]*" + numberPattern +
		"|(==|!=|=)?[" + spaceChars + "]*[^<>=!" + spaceChars + "][\\s\\S]*)$"
)

// maxVersion is the largest version a playbook may have.
const maxVersion = 999_999_999

var (
	versionText = regexp.MustCompile(versionPattern)
	durationRE  = regexp.MustCompile(durationPattern)
	numberRE    = regexp.MustCompile("^" + numberPattern + "$")
)

// wholeNumber is the value of a YAML number node when it is a whole number
// that fits an int64 exactly (7, 0x1f, 1e3, 2.0).
func wholeNumber(n *yaml.Node) (int64, bool) {
	switch n.ShortTag() {
	case "!!int":
		var i int64
		if err := n.Decode(&i); err == nil {
			return i, true
		}
	case "!!float":
		var f float64
		if err := n.Decode(&f); err == nil && f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
			return int64(f), true
		}
	}
	return 0, false
}

// numberValue writes a YAML number node as the number it means, the way a
// schema-driven editor sees it (0x10 is 16, 1e3 is 1000); other nodes, and
// numbers JSON cannot hold (.inf, .nan), keep the text as written.
func numberValue(n *yaml.Node) string {
	if i, ok := wholeNumber(n); ok {
		return strconv.FormatInt(i, 10)
	}
	if n.ShortTag() == "!!float" {
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
	}
	return n.Value
}
