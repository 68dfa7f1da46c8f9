package playbooks

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseComparison parses a test such as ">= 80", "<3", "!= No" or a bare
// value, which means equality. Ordering operators need a number; a value
// that starts with an operator character ("=> 80") is refused as a typo.
func ParseComparison(s string) (Comparison, error) {
	s = strings.TrimSpace(s)
	orig := s
	if s == "" {
		return Comparison{}, fmt.Errorf("empty comparison: want an operator and a value, such as \">= 80\"")
	}
	c := Comparison{Op: "=="}
	for _, op := range []string{">=", "<=", "==", "!=", ">", "<", "="} {
		if strings.HasPrefix(s, op) {
			c.Op = op
			if op == "=" {
				c.Op = "=="
			}
			s = strings.TrimSpace(s[len(op):])
			break
		}
	}
	if s == "" {
		return Comparison{}, fmt.Errorf("comparison %q has an operator but no value", c.Op)
	}
	// "=> 80" or "<> 2" would otherwise read as equality with the text
	// "> 80": a typo that silently never matches.
	if strings.ContainsRune("<>=!", rune(s[0])) {
		return Comparison{}, fmt.Errorf("unknown operator in %q; use one of >=, <=, >, <, ==, !=", orig)
	}
	// A number is written in decimal (numberPattern, which the schema
	// shares): hex, NaN and infinities, which ParseFloat would also take,
	// are text.
	if n, err := strconv.ParseFloat(s, 64); err == nil && numberRE.MatchString(s) && !math.IsNaN(n) && !math.IsInf(n, 0) {
		c.Num, c.Numeric = n, true
	} else {
		switch c.Op {
		case "==", "!=":
			c.Text = s
		default:
			return Comparison{}, fmt.Errorf("%s needs a number, not %q", c.Op, s)
		}
	}
	return c, nil
}

// String gives the comparison back in the file's syntax.
func (c Comparison) String() string {
	return c.Op + " " + c.Value()
}

// Value is the value compared with, as written: the number or the text.
func (c Comparison) Value() string {
	if c.Numeric {
		return strconv.FormatFloat(c.Num, 'f', -1, 64)
	}
	return c.Text
}

// Match reports whether any of the values satisfies the comparison. Values
// are float64 or string; a string that parses as a number counts as one.
// Text equality ignores case and surrounding space.
func (c Comparison) Match(values ...any) bool {
	for _, v := range values {
		switch x := v.(type) {
		case float64:
			if c.Numeric && c.num(x) {
				return true
			}
			if !c.Numeric && c.Op == "!=" {
				return true
			}
		case int:
			if c.Numeric && c.num(float64(x)) {
				return true
			}
			if !c.Numeric && c.Op == "!=" {
				return true
			}
		case string:
			if c.Numeric {
				if n, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil && c.num(n) {
					return true
				}
				continue
			}
			eq := strings.EqualFold(strings.TrimSpace(x), c.Text)
			if (c.Op == "==" && eq) || (c.Op == "!=" && !eq) {
				return true
			}
		}
	}
	return false
}

func (c Comparison) num(x float64) bool {
	switch c.Op {
	case ">=":
		return x >= c.Num
	case "<=":
		return x <= c.Num
	case ">":
		return x > c.Num
	case "<":
		return x < c.Num
	case "==":
		return x == c.Num
	case "!=":
		return x != c.Num
	}
	return false
}
