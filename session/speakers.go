package session

import (
	"strings"
	"time"
)

// A contact reads "Name, role" (DECISIONS.md): that is how the new-session
// form takes them, how the quote form offers them as speakers, and how a
// quote is credited.

// String writes the contact as "Name, role": the name alone when there is
// no role, the role alone when there is no name.
func (c Contact) String() string {
	return joinCredit(c.Name, c.Role)
}

// ParseContact reads "Name, role", split at the first comma, each part
// trimmed; a line without a comma is a name.
func ParseContact(s string) Contact {
	name, role, _ := strings.Cut(s, ",")
	return Contact{Name: strings.TrimSpace(name), Role: strings.TrimSpace(role)}
}

// Credit is how a quote's speaker is credited in the summary: "Name, role"
// from what the speaker field holds (split at the first comma, each part
// trimmed, line breaks folded), "" when nobody was named.
func Credit(speaker string) string {
	c := ParseContact(strings.Join(strings.Fields(speaker), " "))
	return c.String()
}

func joinCredit(name, role string) string {
	name, role = strings.TrimSpace(name), strings.TrimSpace(role)
	switch {
	case name != "" && role != "":
		return name + ", " + role
	case name != "":
		return name
	}
	return role
}

// Speakers are the people a quote can be credited to, as the quote form
// offers them: the session's contacts as "Name, role", in the order they
// were entered, each once; the first is the default speaker.
func (h *Header) Speakers() []string {
	var out []string
	for _, c := range h.Contacts {
		s := c.String()
		if s == "" {
			continue
		}
		dup := false
		for _, o := range out {
			if o == s {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// SetPeople records who takes part: the contacts (blank names dropped,
// each trimmed) and the facilitator. A follow-up asks for them again, and
// the runner edits them later; the index record follows, so the library
// names the people of each session.
func (s *Session) SetPeople(contacts []Contact, facilitator string, now time.Time) Edit {
	var cs []Contact
	for _, c := range contacts {
		c.Name, c.Role = strings.TrimSpace(c.Name), strings.TrimSpace(c.Role)
		if c.Name != "" {
			cs = append(cs, c)
		}
	}
	s.Contacts = cs
	s.Facilitator = strings.TrimSpace(facilitator)
	return s.touch(now)
}
