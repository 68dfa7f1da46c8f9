package playbooks

import (
	"errors"
	"strings"
	"testing"
)

// head is a valid playbook header; cases add their phases after it, so
// their lines start at 4.
const head = "id: t\ntitle: T\nphases:\n"

// one is a valid phase with one prompt, for cases about the header.
const one = "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: text, question: Q}\n"

func TestParseReportsEachKindOfMistake(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"misspelt kind", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: longtext, question: Q}\n",
			[]string{`t.yaml:7:23: unknown kind "longtext"; did you mean long_text?`}},
		{"unknown kind far from any", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: essay, question: Q}\n",
			[]string{`t.yaml:7:23: unknown kind "essay"; want one of text, long_text, rating, choice, multi_choice, percent, number, list, journey, ledger, date`}},
		{"duplicate prompt id across phases", head + one + "  - id: r\n    title: R\n    prompts:\n      - {id: q, kind: text, question: Q}\n",
			[]string{`t.yaml:11:14: duplicate prompt id "q"; the first is at line 7`}},
		{"duplicate phase id", head + one + "  - id: p\n    title: R\n    prompts:\n      - {id: r, kind: text, question: Q}\n",
			[]string{`t.yaml:8:9: duplicate phase id "p"; the first is at line 4`}},
		{"choice without options", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: choice, question: Q}\n",
			[]string{`t.yaml:7:9: choice prompt "q" needs options to choose from`}},
		{"multi_choice with an empty list of options", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: multi_choice, question: Q, options: []}\n",
			[]string{`t.yaml:7:59: multi_choice prompt "q" needs options to choose from`}},
		{"missing playbook id", "title: T\nphases:\n" + one,
			[]string{`t.yaml:1:1: playbook is missing id`}},
		{"missing playbook title", "id: t\nphases:\n" + one,
			[]string{`t.yaml:1:1: playbook is missing title`}},
		{"missing phase id and title", head + "  - prompts:\n      - {id: q, kind: text, question: Q}\n",
			[]string{`t.yaml:4:5: phase is missing id`, `t.yaml:4:5: phase is missing title`}},
		{"missing prompt id, kind and question", head + "  - id: p\n    title: P\n    prompts:\n      - help: H\n",
			[]string{`t.yaml:7:9: prompt is missing id`, `t.yaml:7:9: prompt is missing kind`, `t.yaml:7:9: prompt is missing question`}},
		{"empty id", "id: ''\ntitle: T\nphases:\n" + one,
			[]string{`t.yaml:1:5: playbook is missing id`}},
		{"ids out of pattern", "id: Customer Discovery\ntitle: T\nphases:\n  - id: p_1\n    title: P\n    prompts:\n      - {id: -q, kind: text, question: Q}\n",
			[]string{
				`t.yaml:1:5: playbook id "Customer Discovery" must be lowercase letters, digits and single dashes, such as "customer-discovery"`,
				`t.yaml:4:9: phase id "p_1" must be lowercase letters, digits and single dashes, such as "p-1"`,
				`t.yaml:7:14: prompt id "-q" must be lowercase letters, digits and single dashes, such as "q"`,
			}},
		{"control character in an id", "id: \"t\\0x\"\ntitle: T\nphases:\n" + one,
			[]string{`t.yaml:1:5: playbook id "t\x00x" contains control characters`}},
		{"id too long", "id: " + strings.Repeat("a", 65) + "\ntitle: T\nphases:\n" + one,
			[]string{`t.yaml:1:5: playbook id is longer than 64 characters`}},
		{"version zero", "id: t\ntitle: T\nversion: 0\nphases:\n" + one,
			[]string{`t.yaml:3:10: version must be a whole number of 1 or more, not "0"`}},
		{"version not whole", "id: t\ntitle: T\nversion: 1.5\nphases:\n" + one,
			[]string{`t.yaml:3:10: version must be a whole number of 1 or more, not "1.5"`}},
		{"version as a list", "id: t\ntitle: T\nversion: [1]\nphases:\n" + one,
			[]string{`t.yaml:3:10: version must be a whole number of 1 or more, not a list`}},
		{"timebox without unit", head + "  - id: p\n    title: P\n    timebox: 10\n    prompts:\n      - {id: q, kind: text, question: Q}\n",
			[]string{`t.yaml:6:14: timebox "10" is not a duration; it needs a unit: write a duration such as 90s, 10m or 1h30m`}},
		{"timebox in words", head + "  - id: p\n    title: P\n    timebox: ten minutes\n    prompts:\n      - {id: q, kind: text, question: Q}\n",
			[]string{`t.yaml:6:14: timebox "ten minutes" is not a duration; write a duration such as 90s, 10m or 1h30m`}},
		{"negative timebox", head + "  - id: p\n    title: P\n    timebox: -5m\n    prompts:\n      - {id: q, kind: text, question: Q}\n",
			[]string{`t.yaml:6:14: timebox "-5m" must be longer than zero`}},
		{"flag comparison does not parse", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: percent, question: Q, flag: {when: \">= lots\", say: S}}\n",
			[]string{`t.yaml:7:58: flag when ">= lots" does not parse: >= needs a number, not "lots"`}},
		{"flag operator typo", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: percent, question: Q, flag: {when: \"=> 80\", say: S}}\n",
			[]string{`t.yaml:7:58: flag when "=> 80" does not parse: unknown operator in "=> 80"; use one of >=, <=, >, <, ==, !=`}},
		{"show_if comparison does not parse", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: rating, question: Q}\n      - {id: r, kind: text, question: R, show_if: {prompt: q, is: \"<\"}}\n",
			[]string{`t.yaml:8:67: show_if is "<" does not parse: comparison "<" has an operator but no value`}},
		{"show_if on an unknown prompt", head + "  - id: p\n    title: P\n    prompts:\n      - {id: score, kind: rating, question: Q}\n      - {id: r, kind: text, question: R, show_if: {prompt: scroe, is: 2}}\n",
			[]string{`t.yaml:8:60: show_if refers to unknown prompt "scroe"; did you mean score?`}},
		{"show_if on a later prompt", head + "  - id: p\n    title: P\n    prompts:\n      - {id: r, kind: text, question: R, show_if: {prompt: q, is: 2}}\n      - {id: q, kind: rating, question: Q}\n",
			[]string{`t.yaml:7:60: show_if refers to prompt "q": it comes later, and a condition can only look back`}},
		{"show_if on itself", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: rating, question: Q, show_if: {prompt: q, is: 2}}\n",
			[]string{`t.yaml:7:62: show_if refers to prompt "q": a prompt cannot depend on itself`}},
		{"phase show_if on its own prompt", head + "  - id: p\n    title: P\n    show_if: {prompt: q, is: 2}\n    prompts:\n      - {id: q, kind: rating, question: Q}\n",
			[]string{`t.yaml:6:23: show_if refers to prompt "q": a phase can only depend on prompts of earlier phases; so prompt "q" depends on itself, a cycle`}},
		{"show_if cycle of two prompts", head + "  - id: p\n    title: P\n    prompts:\n      - {id: x, kind: text, question: X, show_if: {prompt: y, is: yes}}\n      - {id: y, kind: text, question: Y, show_if: {prompt: x, is: yes}}\n",
			[]string{`t.yaml:7:60: show_if refers to prompt "y": it comes later, and a condition can only look back; the conditions on prompts "x" and "y" form a cycle`}},
		{"show_if cycle through a phase", head + "  - id: p\n    title: P\n    prompts:\n      - {id: x, kind: text, question: X, show_if: {prompt: z, is: yes}}\n  - id: later\n    title: Later\n    show_if: {prompt: x, is: yes}\n    prompts:\n      - {id: y, kind: text, question: Y}\n      - {id: z, kind: text, question: Z}\n",
			[]string{`t.yaml:7:60: show_if refers to prompt "z": it comes later, and a condition can only look back; the conditions on prompts "x" and "z" form a cycle`}},
		{"show_if value that no option has", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: choice, question: Q, options: [Yes, No]}\n      - {id: r, kind: text, question: R, show_if: {prompt: q, is: Yse}}\n",
			[]string{`t.yaml:8:67: show_if is "Yse" matches none of the options of "q"; did you mean Yes?`}},
		{"show_if without is", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: rating, question: Q}\n      - {id: r, kind: text, question: R, show_if: {prompt: q}}\n",
			[]string{`t.yaml:8:51: show_if is missing is, the test such as "<= 2" or "Yes"`}},
		{"flag on a text prompt", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: text, question: Q, flag: {when: \">= 80\", say: S}}\n",
			[]string{`t.yaml:7:48: flag only applies to percent, number, rating, choice and multi_choice prompts, not text`}},
		{"flag compares with text", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: number, question: Q, flag: {when: \"lots\", say: S}}\n",
			[]string{`t.yaml:7:57: flag when "== lots" must compare with a number`}},
		{"flag without say", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: number, question: Q, flag: {when: \"> 3\"}}\n",
			[]string{`t.yaml:7:50: flag is missing say, the reason to show when it fires`}},
		{"evidence and scorecard on a non-rating prompt", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: percent, question: Q, evidence: true, scorecard: Health}\n",
			[]string{
				`t.yaml:7:55: evidence only applies to rating prompts, not percent`,
				`t.yaml:7:72: scorecard only applies to rating prompts, not percent`,
			}},
		{"options on a kind without choices", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: text, question: Q, options: [A]}\n",
			[]string{`t.yaml:7:51: options only apply to choice and multi_choice prompts, not text`}},
		{"options repeated or empty", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: choice, question: Q, options: [A, a, '']}\n",
			[]string{`t.yaml:7:57: option "a" is listed twice`, `t.yaml:7:60: option 3 is empty`}},
		{"unknown keys at every level", "id: t\ntitel: T\nphases:\n  - id: p\n    title: P\n    tip: [x]\n    prompts:\n      - {id: q, kind: number, question: Q, requried: true, flag: {when: 3, sya: S}, colour: red}\n",
			[]string{
				`t.yaml:1:1: playbook is missing title`,
				`t.yaml:2:1: unknown key "titel" in a playbook; did you mean title?`,
				`t.yaml:6:5: unknown key "tip" in a phase; did you mean tips?`,
				`t.yaml:8:44: unknown key "requried" in a prompt; did you mean required?`,
				`t.yaml:8:66: flag is missing say, the reason to show when it fires`,
				`t.yaml:8:76: unknown key "sya" in flag; did you mean say?`,
				`t.yaml:8:85: unknown key "colour" in a prompt`,
			}},
		{"wrong YAML types", "id: t\ntitle: [T]\nphases:\n  - id: p\n    title: P\n    tips: Ask, then stay silent.\n    prompts:\n      - {id: q, kind: choice, question: Q, required: yes, options: {a: b}}\n",
			[]string{
				`t.yaml:2:8: title must be text, not a list`,
				`t.yaml:6:11: tips must be a list of text, not text`,
				`t.yaml:8:54: required must be true or false, not "yes"`,
				`t.yaml:8:68: options must be a list of text, not a mapping`,
			}},
		{"a tip that is not text", head + "  - id: p\n    title: P\n    tips: [Listen, {a: b}]\n    prompts:\n      - {id: q, kind: text, question: Q}\n",
			[]string{`t.yaml:6:20: tips item must be text, not a mapping`}},
		{"flag as a list", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: number, question: Q, flag: [\">= 3\"]}\n",
			[]string{`t.yaml:7:50: flag must be a mapping of keys such as when, and, say, not a list`}},
		{"show_if without prompt", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: rating, question: Q}\n      - {id: r, kind: text, question: R, show_if: {is: 2}}\n",
			[]string{`t.yaml:8:51: show_if is missing prompt, the id of an earlier prompt`}},
		{"an empty phase entry", head + one + "  -\n",
			[]string{`t.yaml:8:4: a phase must be a mapping of keys such as id, title, goal, not nothing`}},
		{"phases as text", "id: t\ntitle: T\nphases: identify\n",
			[]string{`t.yaml:3:9: phases must be a list, not text`}},
		{"prompt as text", head + "  - id: p\n    title: P\n    prompts:\n      - what do they value?\n",
			[]string{`t.yaml:7:9: a prompt must be a mapping of keys such as id, kind, question, not text`}},
		{"root is a list", "- id: t\n",
			[]string{`t.yaml:1:1: a playbook must be a mapping of keys such as id, title, version, not a list`}},
		{"key given twice", "id: t\ntitle: T\ntitle: U\nphases:\n" + one,
			[]string{`t.yaml:3:1: a playbook has "title" twice; the first is at line 2`}},
		{"YAML syntax error", "id: t\ntitle: T\n  nested: wrong\nphases:\n",
			[]string{`t.yaml:3:1: YAML syntax: mapping values are not allowed in this context`}},
		{"tab indentation", "id: t\ntitle: T\nphases:\n\t- id: p\n",
			[]string{`t.yaml:4:1: YAML syntax: found character that cannot start any token`}},
		{"invalid UTF-8", "id: t\ntitle: \"T\xff\"\n",
			[]string{`t.yaml:2:10: YAML syntax: invalid leading UTF-8 octet`}},
		{"raw control character", "id: t\ntitle: T\x01\n",
			[]string{`t.yaml:2:9: YAML syntax: control characters are not allowed`}},
		{"empty file", "", []string{`t.yaml:1:1: file is empty; a playbook needs id, title and phases`}},
		{"only comments", "# nothing yet\n", []string{`t.yaml:1:1: file has no content, only comments; a playbook needs id, title and phases`}},
		{"two documents", "id: t\ntitle: T\nphases:\n" + one + "---\nid: u\n",
			[]string{`t.yaml:9:1: a second YAML document starts here; a file holds one playbook`}},
		{"version as text that is no number", "id: t\ntitle: T\nversion: \"v2\"\nphases:\n" + one,
			[]string{`t.yaml:3:10: version must be a whole number of 1 or more, not "v2"`}},
		{"no phases", "id: t\ntitle: T\n", []string{`t.yaml:1:1: playbook has no phases; add at least one with its prompts`}},
		{"empty phases", "id: t\ntitle: T\nphases: []\n", []string{`t.yaml:3:9: playbook has no phases; add at least one with its prompts`}},
		{"phase without prompts", head + "  - id: p\n    title: P\n",
			[]string{`t.yaml:4:5: phase "p" has no prompts; add at least one`}},
		{"merge key", "id: t\ntitle: T\nphases:\n  - <<: {id: p}\n    title: P\n    prompts:\n      - {id: q, kind: text, question: Q}\n",
			[]string{`t.yaml:4:5: merge keys (<<) are not supported; write the fields out`, `t.yaml:4:5: phase is missing id`}},
		{"audience misspelt", "id: t\ntitle: T\naudience: teams\nphases:\n" + one,
			[]string{`t.yaml:3:11: audience "teams" is neither client nor team; did you mean team?`}},
		{"length without unit", "id: t\ntitle: T\nlength: 60\nphases:\n" + one,
			[]string{`t.yaml:3:9: length "60" is not a duration; it needs a unit: write a duration such as 90s, 10m or 1h30m`}},
		{"probes as text, and an empty probe", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: text, question: Q, probes: Ask}\n      - {id: r, kind: text, question: R, probes: [Ask, '']}\n",
			[]string{`t.yaml:7:50: probes must be a list of text, not text`, `t.yaml:8:56: probe 2 is empty`}},
		{"takeaways on a text prompt, and twice", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: text, question: Q, takeaways: true}\n      - {id: r, kind: list, question: R, takeaways: true}\n      - {id: s, kind: list, question: S, takeaways: true}\n",
			[]string{`t.yaml:7:53: takeaways only applies to a list prompt, not text`, `t.yaml:9:53: takeaways is already marked on an earlier prompt; the first is at line 8; one prompt holds the key takeaways`}},
		{"measures on a percent, badly named, and twice", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: percent, question: Q, measures: trust}\n      - {id: r, kind: rating, question: R, measures: Bad News}\n      - {id: s, kind: rating, question: S, measures: candour}\n      - {id: u, kind: rating, question: U, measures: candour}\n",
			[]string{
				`t.yaml:7:55: measures only applies to rating prompts, not percent`,
				`t.yaml:8:54: measures id "Bad News" must be lowercase letters, digits and single dashes, such as "bad-news"`,
				`t.yaml:10:54: measures "candour" is already used in this playbook; the first is at line 9; pair each measure once`,
			}},
		{"flag and on itself, on an unknown prompt, without is", head + "  - id: p\n    title: P\n    prompts:\n      - {id: q, kind: percent, question: Q, flag: {when: \">= 80\", and: {prompt: q, is: Yes}, say: S}}\n      - {id: r, kind: percent, question: R, flag: {when: \">= 80\", and: {prompt: gvien, is: Yes}, say: S}}\n      - {id: given, kind: choice, question: G, options: [Yes, No], flag: }\n      - {id: u, kind: percent, question: U, flag: {when: \">= 80\", and: {prompt: given}, say: S}}\n      - {id: v, kind: percent, question: V, flag: {when: \">= 80\", and: {prompt: given, is: Maybe}, say: S}}\n",
			[]string{
				`t.yaml:7:81: flag and refers to prompt "q": a flag's second condition is on another prompt; the first is its own when`,
				`t.yaml:8:81: flag and refers to unknown prompt "gvien"; did you mean given?`,
				`t.yaml:10:72: flag and is missing is, the test such as "<= 2" or "Yes"`,
				`t.yaml:11:92: flag and is "Maybe" matches none of the options of "given"`,
			}},
		{"complex key", "id: t\ntitle: T\n? [a]\n: b\nphases:\n" + one,
			[]string{`t.yaml:3:3: a playbook has a key that is a list; keys are plain names such as id`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse("t.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse succeeded with %+v; want errors:\n%s", p, strings.Join(tt.want, "\n"))
			}
			if p != nil {
				t.Errorf("Parse returned a playbook along with errors")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error is %T, want Errors: %v", err, err)
			}
			var first *Error
			if !errors.As(err, &first) || first != es[0] {
				t.Errorf("errors.As does not find the first *Error")
			}
			got := strings.Split(err.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseAcceptsHarmlessVariations(t *testing.T) {
	tests := []struct {
		name, yaml string
	}{
		{"a stray document marker at the end", head + one + "---\n"},
		{"a document end marker", head + one + "...\n"},
		{"a quoted version", "id: t\ntitle: T\nversion: \"3\"\nphases:\n" + one},
		{"numbers and booleans as text", "id: 2024\ntitle: 2024\nphases:\n  - id: p\n    title: true\n    prompts:\n      - {id: q, kind: choice, question: 3, options: [1, 2, true]}\n"},
		{"a byte order mark", "\ufeff" + head + one},
		{"Windows line ends", strings.ReplaceAll(head+one, "\n", "\r\n")},
		{"null tips, options and show_if", head + "  - id: p\n    title: P\n    tips:\n    show_if: ~\n    prompts:\n      - {id: q, kind: text, question: Q, options: , flag: }\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse("t.yaml", []byte(tt.yaml)); err != nil {
				t.Errorf("Parse: %v", err)
			}
		})
	}
}
