package playbooks

import "testing"

func TestParseComparison(t *testing.T) {
	tests := []struct {
		in      string
		want    Comparison
		wantErr string
	}{
		{">= 80", Comparison{Op: ">=", Num: 80, Numeric: true}, ""},
		{"<3", Comparison{Op: "<", Num: 3, Numeric: true}, ""},
		{"  != No ", Comparison{Op: "!=", Text: "No"}, ""},
		{"= 2.5", Comparison{Op: "==", Num: 2.5, Numeric: true}, ""},
		{"Yes", Comparison{Op: "==", Text: "Yes"}, ""},
		{"NaN", Comparison{Op: "==", Text: "NaN"}, ""},
		{"", Comparison{}, `empty comparison: want an operator and a value, such as ">= 80"`},
		{">=", Comparison{}, `comparison ">=" has an operator but no value`},
		{"> lots", Comparison{}, `> needs a number, not "lots"`},
		{"> Inf", Comparison{}, `> needs a number, not "Inf"`},
		{"=> 80", Comparison{}, `unknown operator in "=> 80"; use one of >=, <=, >, <, ==, !=`},
		{"<> 2", Comparison{}, `unknown operator in "<> 2"; use one of >=, <=, >, <, ==, !=`},
		{"!3", Comparison{}, `unknown operator in "!3"; use one of >=, <=, >, <, ==, !=`},
	}
	for _, tt := range tests {
		got, err := ParseComparison(tt.in)
		switch {
		case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
			t.Errorf("ParseComparison(%q) error = %v, want %s", tt.in, err, tt.wantErr)
		case tt.wantErr == "" && (err != nil || got != tt.want):
			t.Errorf("ParseComparison(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		case tt.wantErr == "":
			if again, err := ParseComparison(got.String()); err != nil || again != got {
				t.Errorf("ParseComparison(%q.String()) = %+v, %v", tt.in, again, err)
			}
		}
	}
}

func TestComparisonMatch(t *testing.T) {
	tests := []struct {
		cmp    string
		values []any
		want   bool
	}{
		{">= 80", []any{80.0}, true},
		{">= 80", []any{79.9}, false},
		{">= 80", []any{"85"}, true},
		{"<= 2", []any{2}, true},
		{"<= 2", []any{"two"}, false},
		{"Yes", []any{" yes "}, true},
		{"Yes", []any{"No", "YES"}, true},
		{"!= Yes", []any{"No"}, true},
		{"!= Yes", []any{"yes"}, false},
		{"!= Yes", []any{3}, true},
		{"!= Yes", []any{3.0}, true},
		{"== 3", []any{"3"}, true},
		{"> 1", nil, false},
	}
	for _, tt := range tests {
		c, err := ParseComparison(tt.cmp)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Match(tt.values...); got != tt.want {
			t.Errorf("%q.Match(%v) = %v, want %v", tt.cmp, tt.values, got, tt.want)
		}
	}
}
