package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// What applies right now. Each screen works out, once per mode, which of
// its bindings apply (the runner's navNow and typingNow, the library's
// listNow, the board's boardNow...): the help bar draws those bindings and
// the handler matches the very same values, so the bar never offers a key
// that does nothing, and a key it leaves out does nothing, or says why.

// refusal is the keys of a binding that does not apply right now, with
// what to say when one is pressed anyway.
type refusal struct {
	keys []string
	why  string
	sev  severity // how the status line says it
}

// refusals are a mode's, worked out with its bindings (the runner's
// navNow, typingNow...). They are worked out on every keystroke, so they
// live in an array rather than a slice that would allocate: a mode refuses
// at most len(list) keys with a reason.
type refusals struct {
	list [24]refusal
	n    int
}

// off disables b when on is false, noting why for when it is pressed.
func (rs *refusals) off(b *key.Binding, on bool, why string) { rs.offAs(b, on, sevInfo, why) }

// offAs is off with the severity the reason is said with.
func (rs *refusals) offAs(b *key.Binding, on bool, sev severity, why string) {
	b.SetEnabled(on)
	if !on && why != "" && rs.n < len(rs.list) {
		rs.list[rs.n] = refusal{b.Keys(), why, sev}
		rs.n++
	}
}

// hold disables b when on is false; pressed, it does nothing and says
// nothing, rather than going on to another binding that shares its key.
func (rs *refusals) hold(b *key.Binding, on bool) {
	b.SetEnabled(on)
	if !on && rs.n < len(rs.list) {
		rs.list[rs.n] = refusal{keys: b.Keys()}
		rs.n++
	}
}

// of is why msg, a key that does not apply right now, does nothing ("" for
// a key held quietly); ok is false when msg is no such key. (key.Matches
// skips disabled bindings.)
func (rs *refusals) of(msg tea.KeyPressMsg) (why string, ok bool) {
	r, ok := rs.find(msg)
	return r.why, ok
}

// find is the refusal of msg, for a screen that says some louder than
// others.
func (rs *refusals) find(msg tea.KeyPressMsg) (refusal, bool) {
	s := msg.String()
	for _, r := range rs.list[:rs.n] {
		for _, k := range r.keys {
			if s == k {
				return r, true
			}
		}
	}
	return refusal{}, false
}
