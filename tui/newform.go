package tui

import (
	"errors"
	"strings"

	"charm.land/huh/v2"

	"rapport/playbooks"
	"rapport/session"
)

// ErrCancelled is returned when the facilitator leaves a form without
// finishing it.
var ErrCancelled = errors.New("cancelled")

// AskNewSession asks for the client and the playbook in a small form,
// starting from in. It runs its own program before the session screens.
func AskNewSession(pbs []*playbooks.Playbook, in NewSessionInput) (NewSessionInput, error) {
	opts := make([]huh.Option[string], 0, len(pbs))
	for _, p := range pbs {
		opts = append(opts, huh.NewOption(session.Sanitize(p.Title)+"  ("+p.ID+")", p.ID))
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().
			Title("Client").
			Description("Whom is this session with?").
			Value(&in.Client).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("the client's name is needed")
				}
				return nil
			}),
		huh.NewSelect[string]().
			Title("Playbook").
			DescriptionFunc(func() string {
				for _, p := range pbs {
					if p.ID == in.Playbook {
						return session.Sanitize(p.Summary)
					}
				}
				return ""
			}, &in.Playbook).
			Options(opts...).
			Value(&in.Playbook),
	))
	if err := form.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return in, ErrCancelled
		}
		return in, err
	}
	in.Client = strings.TrimSpace(in.Client)
	return in, nil
}
