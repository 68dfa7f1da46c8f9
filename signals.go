package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"
)

// signalGrace is how long a command has, after SIGINT or SIGTERM, to stop
// on its own before the process ends anyway.
const signalGrace = time.Second

// liveScreens is set while the full-screen app or the accessible mode
// runs: they take SIGTERM and SIGHUP themselves (flush every save, then
// quit) and see ctrl+c as a key, so the guard below stands aside. It is
// package state because what it mirrors, the process's signal handling,
// is process-wide.
var liveScreens atomic.Bool

// guardSignals makes SIGINT and SIGTERM end every command promptly.
// Catching them (as the command line does, to cancel the context of the
// command that runs) switches off their default, which is to end the
// process, so a command that does not watch its context, or a call that
// never returns (opening a pipe nobody writes to, reading a terminal),
// would ignore them for ever. Once one arrives, the command has
// signalGrace to finish on its own (one that watches its context says
// what it did, "Kept.", and exits); then the process ends with the
// shell's status for that signal (130, 143) and one line on stderr. A
// second signal ends it at once. Nothing is lost by that end: the store
// survives a kill at any point, and a half-written output file is a
// temporary file cleaned up on the next run. stop releases the signals.
func guardSignals(stderr io.Writer, exit func(int)) (stop func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		var deadline <-chan time.Time
		var first os.Signal
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				if liveScreens.Load() {
					continue
				}
				if first != nil {
					deadline = nil
					exitOn(stderr, exit, first)
					return
				}
				first = sig
				deadline = time.After(signalGrace)
			case <-deadline:
				exitOn(stderr, exit, first)
				return
			}
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

func exitOn(stderr io.Writer, exit func(int), sig os.Signal) {
	code := 130
	name := "interrupt"
	if sig == syscall.SIGTERM {
		code, name = 143, "SIGTERM"
	}
	fmt.Fprintf(stderr, "rapport: stopped by %s\n", name)
	exit(code)
}
