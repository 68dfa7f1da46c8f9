//go:build unix

package main

import (
	"os/exec"
	"syscall"
)

// detachProcess starts cmd in a session of its own, so it outlives this
// process and the terminal it ran in.
func detachProcess(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
}
