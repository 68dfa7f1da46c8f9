package main

import (
	"context"
	"errors"
	"testing"

	"rapport/teamsync"
)

// TestSyncOnQuitWaitsForTheSyncUnderWay: the sync on quit (sync --wait)
// runs again while another sync holds the repository, so the changes of
// a run quit just after an earlier one are sent, not left behind.
func TestSyncOnQuitWaitsForTheSyncUnderWay(t *testing.T) {
	tries := 0
	sync := func() (teamsync.Result, error) {
		tries++
		if tries < 3 {
			return teamsync.Result{}, teamsync.ErrBusy
		}
		return teamsync.Result{Sent: 1}, nil
	}
	res, err := sync()
	res, err = waitBusy(context.Background(), res, err, sync)
	if err != nil || res.Sent != 1 || tries != 3 {
		t.Errorf("after %d tries: %+v, %v; want one session sent on the third", tries, res, err)
	}

	// Another failure is not waited on; a cancelled wait ends at once.
	other := errors.New("push rejected")
	if _, err := waitBusy(context.Background(), teamsync.Result{}, other, sync); err != other {
		t.Errorf("a failure other than busy: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	busy := func() (teamsync.Result, error) { return teamsync.Result{}, teamsync.ErrBusy }
	if _, err := waitBusy(ctx, teamsync.Result{}, teamsync.ErrBusy, busy); !errors.Is(err, teamsync.ErrBusy) {
		t.Errorf("a cancelled wait: %v", err)
	}
}
