package tui

import (
	"io"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
)

// frames tells a screen when what it changed has reached the terminal.
// Bubble Tea draws after every Update but writes the frame to the terminal
// only at its renderer's next tick (frameRate), on another goroutine, and
// says nothing when it has: frameOut, the terminal as Run hands it to
// Bubble Tea, reports each write here.
type frames struct {
	mu   sync.Mutex
	next chan struct{} // closed by the next write; nil while nobody waits
}

// waitNext returns a channel closed by the next write to the terminal.
func (f *frames) waitNext() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.next == nil {
		f.next = make(chan struct{})
	}
	return f.next
}

// wrote wakes whoever waits for a write.
func (f *frames) wrote() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.next != nil {
		close(f.next)
		f.next = nil
	}
}

// frameOut is the terminal Bubble Tea writes to: the file itself, so
// Bubble Tea still finds a terminal behind it (its size, raw mode, its
// colours, through Fd), with each write reported to frames.
type frameOut struct {
	*os.File
	frames *frames
}

func (o frameOut) Write(b []byte) (int, error) {
	n, err := o.File.Write(b)
	o.frames.wrote()
	return n, err
}

// terminalFile is the terminal file behind w, when w is Run's frameOut:
// $EDITOR must be handed the terminal itself, since a writer that is not a
// file would reach it through a pipe and it would refuse to draw.
func terminalFile(w io.Writer) io.Writer {
	if o, ok := w.(frameOut); ok {
		return o.File
	}
	return w
}

// drawnGuard bounds the wait for a frame: a screen whose change draws
// nothing new (it is not on screen, or looks the same) would otherwise
// wait for the next keystroke.
const drawnGuard = time.Second

// afterDrawn returns a command that delivers msg once what this Update
// changed is on the terminal. It must be called in Update: Bubble Tea
// renders the View right after Update returns and writes it at its next
// tick, so the first write after this call carries the new frame (or, if
// a tick was already writing the frame before, the one after it follows
// within a tick). Without a terminal to watch (tests, a program not
// started by Run) msg comes at once.
func (d Deps) afterDrawn(msg tea.Msg) tea.Cmd {
	if d.frames == nil {
		return func() tea.Msg { return msg }
	}
	drawn := d.frames.waitNext()
	return func() tea.Msg {
		t := time.NewTimer(drawnGuard)
		defer t.Stop()
		select {
		case <-drawn:
		case <-t.C:
		}
		return msg
	}
}
