package playbooks

import "strings"

// suggest returns the candidate closest to got by edit distance, ignoring
// case, dashes and underscores, or "" when none is close enough to be a
// likely typo. It lets an error say "did you mean long_text?".
func suggest(got string, candidates []string) string {
	norm := func(s string) string {
		s = strings.ToLower(s)
		return strings.NewReplacer("-", "", "_", "", " ", "").Replace(s)
	}
	g := norm(got)
	if g == "" || len(g) > 64 {
		return ""
	}
	best, bestD := "", -1
	for _, c := range candidates {
		d := distance(g, norm(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	// Allow one edit in short words, two in longer ones, three at most.
	limit := min(max(1, len([]rune(g))/3), 3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// distance is the edit distance between a and b over runes, counting a
// swap of neighbours as one edit (optimal string alignment).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	prev2 := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1) // a swap of two letters is one typo
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// didYouMean gives "; did you mean X?" or "".
func didYouMean(got string, candidates []string) string {
	if s := suggest(got, candidates); s != "" {
		return "; did you mean " + s + "?"
	}
	return ""
}
