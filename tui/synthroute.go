package tui

import (
	tea "charm.land/bubbletea/v2"

	"rapport/session"
)

// synthScreens holds the synthesis screens (journey map, scorecards and
// ledger, client timeline) for the root model, and routes to them, so the
// root's Update needs one hook for all three.
type synthScreens struct {
	journey  *journeyScreen
	synth    *synthesisScreen
	timeline *timelineScreen
	back     screen // where the timeline goes back to
}

// synthScreen is what the root does to any of them.
type synthScreen interface {
	sizer
	setStyles(*Styles)
	base() *screenBase
}

// isSynthScreen reports whether s is one of these screens.
func isSynthScreen(s screen) bool {
	return s == screenJourney || s == screenSynthesis || s == screenTimeline
}

// each calls f on every synthesis screen that exists.
func (ss *synthScreens) each(f func(synthScreen)) {
	if ss.journey != nil {
		f(ss.journey)
	}
	if ss.synth != nil {
		f(ss.synth)
	}
	if ss.timeline != nil {
		f(ss.timeline)
	}
}

func (j *journeyScreen) base() *screenBase   { return &j.screenBase }
func (s *synthesisScreen) base() *screenBase { return &s.screenBase }
func (t *timelineScreen) base() *screenBase  { return &t.screenBase }

// routeSynthesis takes the messages of the synthesis screens: sizes,
// colours and save status for each of them (passed on to the rest of the
// app too), moves to and from them, their results, and every other
// message while one of them is active. ok is false when the root should
// go on with msg.
func (a App) routeSynthesis(msg tea.Msg) (_ App, _ tea.Cmd, ok bool) {
	ss := &a.syn
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.Keystroke() == "ctrl+c" {
			return a, nil, false
		}
	case tea.WindowSizeMsg:
		ss.each(func(s synthScreen) {
			s.setSize(msg.Width, msg.Height)
		})
		return a, nil, false
	case tea.BackgroundColorMsg:
		if !a.deps.NoColor {
			st := newStyles(msg.IsDark())
			ss.each(func(s synthScreen) {
				s.setStyles(&st)
			})
		}
		return a, nil, false
	case sessionLoadedMsg:
		// The timeline opened another session, or the follow-up it made:
		// the one in the runner keeps where the facilitator was and its
		// clock before the root replaces it.
		if msg.err == nil && a.screen == screenTimeline && a.runner != nil {
			a.runner.prepareQuit()
		}
		return a, nil, false
	case presentToggledMsg:
		on := !a.present // the root flips it next
		ss.each(func(s synthScreen) { s.base().present = on })
		return a, nil, false
	case saveStatusMsg:
		ss.each(func(s synthScreen) {
			s.base().status = SaveStatus(msg)
		})
		return a, nil, false
	case showJourneyMsg:
		if a.runner != nil {
			ss.journey = newJourneyScreen(a.deps, a.runner.sess, a.currentStyles(), a.runner.keys)
			a.openSynth(ss.journey, screenJourney)
		}
		return a, nil, true
	case showSynthesisMsg:
		if a.runner != nil {
			ss.synth = newSynthesisScreen(a.deps, a.runner.sess, a.currentStyles(), a.runner.keys)
			a.openSynth(ss.synth, screenSynthesis)
		}
		return a, nil, true
	case showTimelineMsg:
		keys := defaultKeyMap()
		if a.runner != nil {
			keys = *a.runner.keys
		}
		ss.timeline = newTimelineScreen(a.deps, msg.client, msg.current, a.currentStyles(), &keys)
		ss.timeline.focus, ss.timeline.followUp = msg.focus, msg.followUp
		if a.screen != screenTimeline {
			ss.back = a.screen
		}
		a.openSynth(ss.timeline, screenTimeline)
		return a, ss.timeline.load(), true
	case leaveTimelineMsg:
		a.screen = ss.back
		if a.screen == screenRunner && a.runner == nil || a.screen == screenLibrary && a.lib == nil {
			return a, tea.Quit, true
		}
		return a, nil, true
	case timelineMsg:
		if ss.timeline == nil {
			return a, nil, true
		}
		next, cmd := ss.timeline.update(msg)
		*ss.timeline = next
		return a, cmd, true
	}
	if !isSynthScreen(a.screen) {
		return a, nil, false
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
	default:
		return a, nil, false // ticks and results still reach their owners
	}
	var cmd tea.Cmd
	switch a.screen {
	case screenJourney:
		cmd = updateIn(ss.journey, ss.journey.update, msg)
	case screenSynthesis:
		cmd = updateIn(ss.synth, ss.synth.update, msg)
	case screenTimeline:
		cmd = updateIn(ss.timeline, ss.timeline.update, msg)
	}
	return a, cmd, true
}

// openSynth lays out a synthesis screen and makes it the active one.
func (a *App) openSynth(s synthScreen, to screen) {
	s.setSize(a.width, a.height)
	s.base().present = a.present
	if a.runner != nil {
		s.base().status = a.runner.status
	}
	a.screen = to
}

// audience is whose eyes the synthesis screens draw for: the client's in
// present mode (nothing internal), the facilitator's otherwise.
func (b *screenBase) audience() session.Audience {
	if b.present {
		return session.AudienceClient
	}
	return session.AudienceInternal
}

// synthView draws the active synthesis screen.
func (a App) synthView() string {
	switch a.screen {
	case screenJourney:
		return a.syn.journey.view()
	case screenSynthesis:
		return a.syn.synth.view()
	case screenTimeline:
		return a.syn.timeline.view()
	}
	return ""
}
