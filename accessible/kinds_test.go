package accessible

import (
	"testing"

	"rapport/playbooks"
)

// TestEveryKindHasAnAccessibleEntry: accessible mode can say how to answer
// every kind, take its answer and read every answer value out; a kind it
// does not know is taken as the fallback kind, as the full-screen editor
// takes it.
func TestEveryKindHasAnAccessibleEntry(t *testing.T) {
	for _, k := range playbooks.Kinds {
		e, ok := kindEntries[k]
		if !ok || e.how == nil || e.enter == nil {
			t.Errorf("kind %s has no accessible entry", k)
			continue
		}
		if e.how(playbooks.Prompt{Kind: k, Options: []string{"One"}}) == "" {
			t.Errorf("kind %s: how to answer is empty", k)
		}
	}
	for _, v := range playbooks.Values {
		if answerReaders[v] == nil {
			t.Errorf("answer value %d has no reader", v)
		}
	}
	unknown := howToAnswer(playbooks.Prompt{Kind: "matrix"})
	if want := howToAnswer(playbooks.Prompt{Kind: playbooks.FallbackKind}); unknown != want {
		t.Errorf("an unknown kind is told as %q, want the fallback's %q", unknown, want)
	}
}
