//go:build !unix

package main

import "os/exec"

// detachProcess does nothing where there are no sessions to start in: the
// process still outlives this one.
func detachProcess(*exec.Cmd) {}
