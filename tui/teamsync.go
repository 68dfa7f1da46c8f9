package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// A team sync (docs/team.md) runs off the UI goroutine: when the library
// opens with sync.auto on (Deps.AutoSync), or when S asks for one in the
// library. Never while typing, unless asked. What it is doing, and then
// what it did, shows in the status bar (statusBar.teamReport); when it
// ends, the library lists again, so the sessions that came in appear.
// main leaves the sessions open on a screen as they are.

// teamReportTTL is how long the line saying what a sync did stays.
const teamReportTTL = 8 * time.Second

// teamSync is the one sync that may run at a time, shared by the copies
// of the App.
type teamSync struct {
	running  bool
	progress chan teamSyncMsg // the latest step; an older one is dropped
	done     chan teamSyncMsg
}

// teamSyncMsg is a step of a sync under way, or, with done, its end.
type teamSyncMsg struct {
	text string
	done bool
	warn bool
}

// teamReportExpiredMsg wakes the app when the line saying what a sync did
// runs out, so a screen without a clock (the library) drops it.
type teamReportExpiredMsg struct{}

// startTeamSync starts a sync unless one is running or the store is in no
// team; its steps come back as teamSyncMsgs.
func (a App) startTeamSync() tea.Cmd {
	t, run := a.team, a.deps.TeamSync
	if run == nil || t.running {
		return nil
	}
	t.running = true
	t.progress = make(chan teamSyncMsg, 1)
	t.done = make(chan teamSyncMsg, 1)
	progress, done := t.progress, t.done
	a.bar.teamReport(sevInfo, "Syncing with the team…", 0)
	go func() {
		summary, warn := run(context.Background(), func(step string) {
			select {
			case <-progress: // drop the step not yet shown
			default:
			}
			select {
			case progress <- teamSyncMsg{text: step}:
			default:
			}
		})
		done <- teamSyncMsg{text: summary, warn: warn, done: true}
	}()
	return t.wait()
}

// wait brings the next step, or the end, back as a message.
func (t *teamSync) wait() tea.Cmd {
	progress, done := t.progress, t.done
	return func() tea.Msg {
		select {
		case m := <-done:
			return m
		case m := <-progress:
			return m
		}
	}
}

// teamSynced reports a step or the end of a sync in the status bar; at the
// end the library lists again.
func (a App) teamSynced(msg teamSyncMsg) (tea.Model, tea.Cmd) {
	if !msg.done {
		a.bar.teamReport(sevInfo, msg.text, 0)
		return a, a.team.wait()
	}
	a.team.running = false
	sev := sevInfo
	if msg.warn {
		sev = sevWarn
	}
	a.bar.teamReport(sev, msg.text, teamReportTTL)
	if a.lib == nil {
		return a, tea.Tick(teamReportTTL, func(time.Time) tea.Msg { return teamReportExpiredMsg{} })
	}
	// The library's own timer (which tests stop) wakes it when the line
	// runs out; the listing brings in the sessions that arrived.
	return a, tea.Batch(a.lib.after(teamReportTTL, teamReportExpiredMsg{}), a.lib.reload(nil))
}

// syncNowMsg asks for a sync (the library's S).
type syncNowMsg struct{}

// syncNow starts a sync the facilitator asked for, or says why not.
func (a App) syncNow() (tea.Model, tea.Cmd) {
	if a.team.running {
		a.bar.note("a sync with the team is already running")
		return a, nil
	}
	return a, a.startTeamSync()
}
