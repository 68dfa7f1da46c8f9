//go:build !unix

package teamsync

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"time"
)

// detach does nothing where there are no sessions to detach into; git
// still runs with GIT_TERMINAL_PROMPT=0 and no standard input.
func detach(*exec.Cmd) {}

// lockFile is a lock file made exclusively: a sync killed mid-way leaves
// it behind, and the next sync takes it when it is over a minute old.
func lockFile(path string) (release func(), ok bool, err error) {
	if info, err := os.Stat(path); err == nil && time.Since(info.ModTime()) > time.Minute {
		_ = os.Remove(path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, false, nil
		}
		return nil, false, err
	}
	f.Close()
	return func() { os.Remove(path) }, true, nil
}
