//go:build unix

package teamsync

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
)

// detach runs git in a session of its own, with no controlling terminal,
// so neither git nor ssh can open /dev/tty to ask for a password over the
// facilitator's screen; stopping the sync stops git and what it started.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

// lockFile takes the lock of one sync at a time on a repository, without
// waiting; ok is false when another sync holds it. The lock goes with the
// process, so a sync killed mid-way leaves nothing to clean up.
func lockFile(path string) (release func(), ok bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, false, nil
		}
		return nil, false, err
	}
	return func() { f.Close() }, true, nil
}
