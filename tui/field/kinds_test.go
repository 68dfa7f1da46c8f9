package field

import (
	"testing"

	"rapport/playbooks"
	"rapport/session"
)

// TestEveryKindHasAnEditor: each kind of the playbooks table has its own
// editor, and the fallback for an unknown kind is one of them.
func TestEveryKindHasAnEditor(t *testing.T) {
	for _, k := range playbooks.Kinds {
		if editors[k] == nil {
			t.Errorf("kind %s has no editor", k)
			continue
		}
		p := playbooks.Prompt{ID: "p", Kind: k, Question: "?", Options: []string{"One", "Two"}}
		f := New(p, session.Answer{PromptID: "p"}, PlainStyles())
		f.SetSize(40, 6)
		if a := f.Answer(session.Answer{PromptID: "p"}); !a.Empty() {
			t.Errorf("kind %s: a new editor holds %+v", k, a)
		}
	}
	if editors[playbooks.FallbackKind] == nil {
		t.Errorf("the fallback %s has no editor", playbooks.FallbackKind)
	}
}
