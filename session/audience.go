package session

import (
	"errors"
	"strings"
	"time"
)

// Who may read what. A session run on a client playbook belongs to the
// client as much as to us: they get a copy, and present mode shows them
// the screen. A session run on a team playbook (a retrospective about the
// client, run without them) has no client copy at all: its prompts are
// internal unless the playbook marks them otherwise, and so is everything
// captured during it (DECISIONS.md, "Audience and the client copy").

// ErrNoClientCopy is wrapped by CheckAudience when the client's copy of a
// team session is asked for. Nothing overrides it: a team retrospective is
// written about the client, not for them.
var ErrNoClientCopy = errors.New("no client copy")

// Team reports whether the session runs a team playbook.
func (s *Session) Team() bool { return s.Playbook.Team() }

// DefaultAudience is the copy to write when none is asked for: the
// client's for a client session, the internal one for a team session,
// which has no other.
func (s *Session) DefaultAudience() Audience {
	if s.Team() {
		return AudienceInternal
	}
	return AudienceClient
}

// CheckAudience says whether a copy for audience a may be written: it
// refuses the client's copy of a team session with one line saying why.
func (s *Session) CheckAudience(a Audience) error {
	if a == AudienceClient && s.Team() {
		title := strings.TrimSpace(Sanitize(s.Playbook.Title))
		if title == "" {
			title = s.Playbook.ID
		}
		return &noClientCopyError{title: title}
	}
	return nil
}

type noClientCopyError struct{ title string }

func (e *noClientCopyError) Error() string {
	return "no client copy: " + e.title + " is a team playbook, run about the client without them; export the internal copy (--audience internal)"
}

func (e *noClientCopyError) Unwrap() error { return ErrNoClientCopy }

// CaptureInternal is whether a new capture of kind k starts internal:
// every capture of a team session does, and in any session a kind that is
// internal by default (a risk, a note; CaptureInfo.Internal). The
// facilitator can always change it on the capture: a note marked not
// internal is in the client's copy.
func (s *Session) CaptureInternal(k CaptureKind) bool {
	return s.Team() || k.Info().Internal
}

// Takeaways is the session's key takeaways: the items of the answer to the
// playbook's takeaways prompt (a list prompt marked takeaways: true, the
// closing read-back), when that prompt shows and is answered; nil
// otherwise. A playbook without such a prompt has the takeaways the
// facilitator wrote at wrap-up instead (Header.Takeaways). Empty items are
// left out. The summary's Key takeaways come from here, so the client copy
// and the screens say the same.
func (s *Session) Takeaways() []string {
	items := s.Header.Takeaways
	if st, ok := s.TakeawaysPrompt(); ok {
		if !s.Visibility().Prompt(st.Prompt.ID) {
			return nil
		}
		a := s.Answers[st.Prompt.ID]
		if a == nil || a.State != StateAnswered {
			return nil
		}
		items = a.Items
	}
	var out []string
	for _, it := range items {
		if strings.TrimSpace(it) != "" {
			out = append(out, it)
		}
	}
	return out
}

// TakeawaysPrompt finds the playbook's takeaways prompt, if it has one.
func (s *Session) TakeawaysPrompt() (Step, bool) {
	for pi := range s.Playbook.Phases {
		ph := &s.Playbook.Phases[pi]
		for _, p := range ph.Prompts {
			if p.Takeaways {
				return Step{PhaseIndex: pi, Phase: ph, Prompt: p}, true
			}
		}
	}
	return Step{}, false
}

// Plan is a session's time budget, for the runner's header and the index:
// how long the session is meant to last, what the timeboxes of the phases
// it shows add up to, and how much of that the core prompts need
// (playbooks.Phase.CoreTime: each phase's timebox shared evenly among its
// prompts).
type Plan struct {
	Length    time.Duration // the playbook's length; the timeboxes when it names none
	Timeboxes time.Duration // of the phases that show
	Core      time.Duration // of the phases that show
}

// Plan works out the time budget of the phases that show now.
func (s *Session) Plan() Plan {
	var p Plan
	v := s.Visibility()
	for i := range s.Playbook.Phases {
		if ph := &s.Playbook.Phases[i]; v.Phase(i) {
			p.Timeboxes += ph.Timebox
			p.Core += ph.CoreTime()
		}
	}
	p.Length = s.Playbook.Length
	if p.Length <= 0 {
		p.Length = p.Timeboxes
	}
	return p
}

// SetTakeaways keeps the key takeaways the facilitator wrote at wrap-up,
// one a line (blank lines dropped), for a playbook without a takeaways
// prompt; with one, its answer is the takeaways and they are edited there.
// The slice is replaced, never changed in place (Edit shares the header).
func (s *Session) SetTakeaways(lines []string, now time.Time) Edit {
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	s.Header.Takeaways = out
	return s.touch(now)
}
