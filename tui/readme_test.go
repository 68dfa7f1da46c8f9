package tui

import (
	"os"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

// TestREADMEKeys keeps README.md's Keys tables true to keys.go: every key
// a screen's help shows for its main commands is written there, in
// backquotes, as the help spells it ("z/P" as `z` and `P`). A key added
// to keys.go without a word in the README fails here.
func TestREADMEKeys(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start, end := strings.Index(doc, "\n## Keys\n"), strings.Index(doc, "\n## Commands\n")
	if start < 0 || end < start {
		t.Fatal("README.md has no Keys section before its Commands section")
	}
	doc = doc[start:end]

	k := defaultKeyMap()
	l, s, b2, c, w := k.Library, k.Summary, k.Board, k.CaptureForm, k.Wrap
	groups := map[string][]key.Binding{
		"runner (its full help)": nil,
		"library": {l.Up, l.Down, l.PageUp, l.PageDown, l.Top, l.Bottom, l.Open, l.New, l.Timeline,
			l.Summary, l.Present, l.Delete, l.Undo, l.Filter, l.Help, l.Quit},
		"summary": {s.Up, s.Down, s.PageUp, s.PageDown, s.HalfUp, s.HalfDown, s.Top, s.Bottom,
			s.Audience, s.Export, s.HTML, s.Present, s.Back, s.Help},
		"capture form": {c.Save, c.Ago, c.Speaker},
		"captures panel": {k.Panel.Up, k.Panel.Down, k.Panel.Edit, k.Panel.Delete, k.Panel.Undo,
			k.Panel.Toggle, k.Panel.Close},
		"wrap-up": {w.Open, w.Toggle, w.Finish, w.Reopen, w.Close},
		"pains": {k.Pains.ImpactUp, k.Pains.ImpactDown, k.Pains.EffortUp, k.Pains.EffortDown,
			k.Pains.Select, k.Pains.NewItem, k.Pains.Board},
		"board": {b2.Up, b2.Down, b2.Left, b2.Right, b2.MoveLeft, b2.MoveRight, b2.MoveUp, b2.MoveDown,
			b2.Edit, b2.New, b2.Quotes, b2.Pains, b2.Delete, b2.Undo, b2.Ranked, b2.Pick.Toggle, b2.Pick.Done},
		"journey":    {k.Journey.Left, k.Journey.Right, k.Journey.First, k.Journey.Last, k.Journey.Next, k.Journey.Back},
		"scorecards": {k.Synthesis.Up, k.Synthesis.Down, k.Synthesis.PageUp, k.Synthesis.PageDown, k.Synthesis.Top, k.Synthesis.Bottom},
		"timeline":   {k.Timeline.Up, k.Timeline.Down, k.Timeline.Open, k.Timeline.FollowUp},
		"every screen": {k.Common.Quit, k.Common.Present, k.Common.Capture, k.Common.Editor,
			k.Common.Help, k.Common.Back},
	}
	for _, col := range k.FullHelp() {
		groups["runner (its full help)"] = append(groups["runner (its full help)"], col...)
	}
	for name, bs := range groups {
		for _, kb := range bs {
			h := kb.Help().Key
			if h == "" {
				t.Errorf("%s: a binding (%v) has no help key", name, kb.Keys())
				continue
			}
			if strings.Contains(doc, "`"+h+"`") {
				continue
			}
			for _, part := range strings.Split(h, "/") {
				if !strings.Contains(doc, "`"+part+"`") {
					t.Errorf("%s: README.md's Keys tables do not say %q (%s: %s)", name, part, h, kb.Help().Desc)
				}
			}
		}
	}
}
