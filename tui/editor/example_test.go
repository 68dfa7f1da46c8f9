package editor_test

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/tui/editor"
)

// A parent keeps the editor it gets back from Update, saves when Version
// moves, and shows a RefusedMsg as a status line.
func Example() {
	ed := editor.New()
	ed.SetWidth(12)
	ed.SetHeight(3)
	ed.Focus()
	saved := ed.Version()

	for _, msg := range []tea.Msg{
		tea.PasteMsg{Content: "They export\tto a sheet\r\nevery friday"},
		tea.KeyPressMsg{Code: '!', Text: "!"},
		tea.KeyPressMsg{Code: tea.KeyTab}, // not the editor's: left to the parent
	} {
		var cmd tea.Cmd
		ed, cmd = ed.Update(msg)
		if cmd != nil {
			if r, ok := cmd().(editor.RefusedMsg); ok {
				fmt.Printf("status: %d bytes not taken, past the limit of %d\n", r.Bytes, r.Limit)
			}
		}
	}
	if ed.Version() != saved {
		fmt.Printf("save %q\n", ed.Value())
	}
	for _, row := range strings.Split(ansi.Strip(ed.View()), "\n") {
		fmt.Printf("|%s|\n", row)
	}
	// Output:
	// save "They export    to a sheet\nevery friday!"
	// |sheet|
	// |every |
	// |friday! |
}
