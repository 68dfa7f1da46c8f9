package e2e

import (
	"testing"
	"time"
)

// TestCtrlCInACaptureFormSavesOnce is issue 18's double save in the real
// binary: ctrl+k q, text, ctrl+c leaves exactly one capture in the store.
func TestCtrlCInACaptureFormSavesOnce(t *testing.T) {
	needBinary(t)
	h := newHome(t)
	tm := newSession(t, h, "Twice")
	m := tm.mark()
	tm.write([]byte("\x0bq")) // ctrl+k q: the quote form
	tm.mustSee(m, "New quote", 10*time.Second)
	typeAndSee(t, tm, "Every handover costs us a day")
	tm.write([]byte{3}) // ctrl+c
	if err := tm.wait(10 * time.Second); err != nil {
		t.Fatalf("ctrl+c: %v", err)
	}
	h.check(t)
	cs := h.export(t, "Twice").Session.Captures
	if len(cs) != 1 || cs[0].Text != "Every handover costs us a day~" {
		t.Fatalf("after ctrl+c the store holds %d captures %+v, want exactly one", len(cs), cs)
	}
}
