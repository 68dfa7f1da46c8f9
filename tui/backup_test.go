package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestLibrarySaysTheDailyBackupFailed: the app waits for the daily backup
// in a command; when it failed, the library's status line says so, cause
// first, until the facilitator presses a key; a backup that worked says
// nothing.
func TestLibrarySaysTheDailyBackupFailed(t *testing.T) {
	notADir := fmt.Errorf("daily backup failed: %w",
		&fs.PathError{Op: "mkdir", Path: "/home/ann/.local/share/rapport/backups", Err: syscall.ENOTDIR})
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"a file where the folder goes", notADir,
			"⚠ The daily backup failed: not a directory (mkdir /home/ann/.local/share/rapport/backups)"},
		{"an error with no cause inside", errors.New("daily backup failed: /b/rapport-2026-03-14.db is not a regular file"),
			"⚠ The daily backup failed: /b/rapport-2026-03-14.db is not a regular file"},
		{"it worked", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newLibHarness(t, nil, 120, 24)
			h.app.deps.DailyBackup = func() error { return tc.err }
			if msg := backupMsgFromInit(t, h.app); msg != nil {
				h.send(msg)
			} else if tc.err != nil {
				t.Fatal("Init did not report the failed backup")
			}
			v := h.view()
			if tc.want == "" {
				if strings.Contains(v, "backup") {
					t.Errorf("a backup that worked is mentioned:\n%s", v)
				}
				return
			}
			if !strings.Contains(v, tc.want) {
				t.Fatalf("the library does not say %q:\n%s", tc.want, v)
			}
			h.send(tea.WindowSizeMsg{Width: 120, Height: 24})
			if !strings.Contains(h.view(), tc.want) {
				t.Error("the notice went before a key was pressed")
			}
			h.press(kDown)
			if strings.Contains(h.view(), "backup failed") {
				t.Errorf("the notice stays after a key:\n%s", h.view())
			}
		})
	}
}

// backupMsgFromInit runs the command App.Init starts for the daily backup
// and returns what it sends (nil when the backup worked).
func backupMsgFromInit(t *testing.T, a App) tea.Msg {
	t.Helper()
	batch, ok := a.Init()().(tea.BatchMsg)
	if !ok {
		t.Fatal("Init does not batch its commands")
	}
	for _, c := range batch {
		if c == nil {
			continue
		}
		if m, ok := c().(backupFailedMsg); ok {
			return m
		}
	}
	return nil
}
