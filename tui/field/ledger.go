package field

import (
	"fmt"
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// ledgerField edits the trust ledger: deposits and withdrawals, each with a
// line of text and an amount 1..5, and shows the running balance. Entries
// without focus are one row each; the one with focus opens as a small form
// (entry text first, so the facilitator types at once, then kind and amount).
type ledgerField struct {
	base
	entries []session.LedgerEntry // never empty
	cur     int
	row     int
	box     textBox
	confirm bool // ctrl+d was pressed once on an entry with content
}

// The rows of an entry's form.
const (
	lText = iota
	lKind
	lAmount
	lRows
)

var ledgerLabels = [lRows]string{"Entry", "Kind", "Amount"}

const ledgerLabel = 8 // label width; the form is indented 4

// blankEntry is what ctrl+n adds; it is not part of the value until changed.
var blankEntry = session.LedgerEntry{Kind: session.Deposit, Amount: 1}

const ledgerHint = "what built or spent trust"

func newLedger(b base, a session.Answer) *ledgerField {
	f := &ledgerField{base: b, entries: slices.Clone(a.Ledger)}
	if len(f.entries) == 0 {
		f.entries = []session.LedgerEntry{blankEntry}
	}
	f.box = newBox(f.entries[0].Text, false, b.st.Editor, ledgerHint)
	f.box.room(f.Answer(session.Answer{}))
	return f
}

// Update walks the form, toggles the kind (ctrl+t anywhere, +/- or
// space on its row), sets the amount, adds and deletes entries, and forwards
// the rest to the entry's text editor.
func (f *ledgerField) Update(msg tea.Msg) (Field, tea.Cmd) {
	if f.reserved(msg) {
		return f, nil
	}
	confirm := f.confirm
	f.confirm = false
	if k, ok := msg.(tea.KeyPressMsg); ok {
		e := &f.entries[f.cur]
		switch {
		case key.Matches(k, f.keys.Up):
			if f.row > 0 {
				f.goTo(f.cur, f.row-1)
			} else if f.cur > 0 {
				f.goTo(f.cur-1, lRows-1)
			}
			return f, nil
		case key.Matches(k, f.keys.Down), key.Matches(k, f.keys.NextField):
			switch {
			case f.row < lRows-1:
				f.goTo(f.cur, f.row+1)
			case f.cur < len(f.entries)-1:
				f.goTo(f.cur+1, 0)
			case key.Matches(k, f.keys.NextField):
				f.add()
			}
			return f, nil
		case key.Matches(k, f.keys.New):
			f.add()
			return f, nil
		case key.Matches(k, f.keys.Delete):
			if *e == blankEntry || confirm {
				f.remove()
			} else {
				f.confirm = true
			}
			return f, nil
		case key.Matches(k, f.keys.ToggleKind):
			f.toggle()
			return f, nil
		}
		switch f.row {
		case lKind:
			switch {
			case key.Matches(k, f.keys.Plus):
				f.setKind(session.Deposit)
			case key.Matches(k, f.keys.Minus):
				f.setKind(session.Withdrawal)
			case key.Matches(k, f.keys.Left, f.keys.Right, f.keys.Space):
				f.toggle()
			}
			return f, nil
		case lAmount:
			switch {
			case key.Matches(k, f.keys.Score):
				n, _ := strconv.Atoi(k.String())
				f.setAmount(n)
			case key.Matches(k, f.keys.Left):
				f.setAmount(max(1, e.Amount-1))
			case key.Matches(k, f.keys.Right):
				f.setAmount(min(5, e.Amount+1))
			}
			return f, nil
		}
	}
	if f.row != lText {
		return f, nil
	}
	changed, cmd := f.box.update(msg)
	if changed {
		f.entries[f.cur].Text = f.box.value()
		f.changed()
	}
	return f, cmd
}

func (f *ledgerField) toggle() {
	if f.entries[f.cur].Kind == session.Withdrawal {
		f.setKind(session.Deposit)
	} else {
		f.setKind(session.Withdrawal)
	}
}

func (f *ledgerField) setKind(k session.LedgerKind) {
	if f.entries[f.cur].Kind != k {
		f.entries[f.cur].Kind = k
		f.changed()
	}
}

func (f *ledgerField) setAmount(n int) {
	if f.entries[f.cur].Amount != n {
		f.entries[f.cur].Amount = n
		f.changed()
	}
}

// goTo moves focus to entry i, row r, loading its text into the editor.
func (f *ledgerField) goTo(i, r int) {
	f.cur, f.row = i, r
	if r == lText {
		f.box.load(f.entries[i].Text, ledgerHint)
		f.box.room(f.Answer(session.Answer{}))
	}
	f.box.focus(f.focused && r == lText)
}

func (f *ledgerField) add() {
	f.entries = slices.Insert(f.entries, f.cur+1, blankEntry)
	f.goTo(f.cur+1, lText)
}

func (f *ledgerField) remove() {
	if f.entries[f.cur] != blankEntry {
		f.changed()
	}
	f.entries = slices.Delete(f.entries, f.cur, f.cur+1)
	if len(f.entries) == 0 {
		f.entries = []session.LedgerEntry{blankEntry}
	}
	f.goTo(max(0, f.cur-1), lText)
}

// signed is an entry's effect on the balance (0 for a blank entry).
func signed(e session.LedgerEntry) int {
	if e == blankEntry {
		return 0
	}
	return e.Signed()
}

func signStr(n int) string { return session.FormatSigned(n) }

func (f *ledgerField) styleSigned(n int, s string) string {
	switch {
	case n > 0:
		return f.pt.Good.Render(s)
	case n < 0:
		return f.pt.Bad.Render(s)
	}
	return f.pt.Muted.Render(s)
}

// View lists the entries with the running balance after each, the current
// one opened as its form, and the balance at the end. Balances are summed
// over all entries; only the rows in view are drawn.
func (f *ledgerField) View() string {
	bals := make([]int, len(f.entries))
	bal, deposits, withdrawals := 0, 0, 0
	for i, e := range f.entries {
		n := signed(e)
		bal += n
		bals[i] = bal
		switch {
		case n > 0:
			deposits++
		case n < 0:
			withdrawals++
		}
	}
	cur, focus := f.form(bals[f.cur])
	height := func(i int) int {
		if i == f.cur {
			return len(cur)
		}
		return 1
	}
	render := func(i int) []string {
		switch {
		case i == f.cur:
			return cur
		case i == len(f.entries):
			total := fmt.Sprintf("Balance %s  (%s, %s)", signStr(bal),
				session.Plural(deposits, "deposit", "deposits"), session.Plural(withdrawals, "withdrawal", "withdrawals"))
			return []string{"  " + f.styleSigned(bal, total)}
		}
		e := f.entries[i]
		return []string{"  " + f.columns(e, bals[i]) + " " + f.entryText(e)}
	}
	return fitBlocks(len(f.entries)+1, height, render, f.cur+focus, f.width, f.height)
}

// columns are an entry's amount and the balance after it.
func (f *ledgerField) columns(e session.LedgerEntry, bal int) string {
	if e == blankEntry {
		return "         " // not counted yet
	}
	n := signed(e)
	return f.styleSigned(n, fmt.Sprintf("%3s", signStr(n))) + " " +
		f.pt.Muted.Render(fmt.Sprintf("= %-3s", signStr(bal)))
}

func (f *ledgerField) entryText(e session.LedgerEntry) string {
	if e.Text == "" {
		return f.pt.Muted.Render("(no text)")
	}
	return f.pt.Text.Render(show(e.Text, f.width))
}

// form draws the current entry's form and says which of its rows has focus.
func (f *ledgerField) form(bal int) (lines []string, focus int) {
	e := f.entries[f.cur]
	lines = make([]string, 0, lRows+2+subRows)
	lines = append(lines, "  "+f.columns(e, bal)+" "+
		f.pt.Selected.Render("Entry "+strconv.Itoa(f.cur+1)+" of "+strconv.Itoa(len(f.entries))))
	if f.confirm {
		lines = append(lines, "    "+f.pt.Error.Render(f.keys.Delete.Help().Key+" again deletes this entry"))
	}
	for r := range lRows {
		l := "  " + f.marker(r == f.row) + f.label(ledgerLabels[r], ledgerLabel, r == f.row)
		if r == f.row {
			focus = len(lines)
		}
		switch r {
		case lText:
			if r == f.row {
				lines = append(lines, hang(l, f.box.rows(f.width-4-ledgerLabel, subRows), 4+ledgerLabel)...)
				continue
			}
			l += f.entryText(e)
		case lKind:
			dep, wd := "+ deposit", "- withdrawal"
			if e.Kind == session.Withdrawal {
				l += f.pt.Muted.Render(dep) + "  " + f.pt.Bad.Render("["+wd+"]")
			} else {
				l += f.pt.Good.Render("["+dep+"]") + "  " + f.pt.Muted.Render(wd)
			}
		case lAmount:
			l += f.dots(e.Amount) + "  " + f.pt.Selected.Render(strconv.Itoa(e.Amount))
		}
		lines = append(lines, l)
	}
	return lines, focus
}

// SetSize records the space; the editor takes what the label leaves.
func (f *ledgerField) SetSize(w, h int) {
	f.setSize(w, h)
	f.box.resize(f.width-4-ledgerLabel, subRows)
}

// Focus gives the row with focus the cursor.
func (f *ledgerField) Focus() { f.focused = true; f.box.focus(f.row == lText) }

// Blur takes it away.
func (f *ledgerField) Blur() { f.focused = false; f.box.focus(false) }

// Answer writes the entries that were filled in, in order.
func (f *ledgerField) Answer(a session.Answer) session.Answer {
	a.Ledger = filled(f.entries, blankEntry)
	return a
}

// Version moves with every change of an entry.
func (f *ledgerField) Version() uint64 { return f.version }

// Keys are walking the form, the row's own keys, adding and deleting.
func (f *ledgerField) Keys() []key.Binding {
	ks := []key.Binding{describe(f.keys.Move, "field"), f.keys.NextField,
		f.keys.ToggleKind}
	switch f.row {
	case lKind:
		ks = append(ks, f.keys.Sign)
	case lAmount:
		ks = append(ks, withHelp(f.keys.Score, "1-5 ←/→", "amount"))
	}
	return append(ks,
		describe(f.keys.New, "add entry"),
		describe(f.keys.Delete, "delete entry"))
}
