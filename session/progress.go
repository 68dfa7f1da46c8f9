package session

import "rapport/playbooks"

// progress keeps the counts of the index record (prompts no longer open, of
// how many visible) between edits, so that a keystroke does not walk every
// step of the playbook to save. Edits that can move the counts forget them:
// a prompt's state changing, an answer a show_if reads, an ad-hoc question.
// The counts are also worked out again whenever the session's shape differs
// from when they were (another playbook, more answers or questions), so a
// session changed by hand rather than through its methods is never
// reported wrong for long.
type progress struct {
	ok          bool
	shape       progressShape
	done, total int

	// read is the prompts whose answer some show_if reads, for the
	// playbook whose first phase is readFor.
	read    map[string]bool
	readFor *playbooks.Phase

	// with is Session.With for the contacts slice withOf (its first
	// element) of withLen contacts: the index record's names, kept
	// between edits.
	with    string
	withOf  *Contact
	withLen int
}

// progressShape is what the counts were worked out on.
type progressShape struct {
	phases           *playbooks.Phase
	nPhases          int
	nAnswers, nAdHoc int
}

func shapeOf(s *Session) progressShape {
	sh := progressShape{nPhases: len(s.Playbook.Phases), nAnswers: len(s.Answers), nAdHoc: len(s.AdHoc)}
	if sh.nPhases > 0 {
		sh.phases = &s.Playbook.Phases[0]
	}
	return sh
}

// forget drops the counts; the next edit works them out.
func (p *progress) forget() { p.ok = false }

// counts returns the index record's counts, from the last edit's when
// nothing could have moved them.
func (p *progress) counts(s *Session) (done, total int) {
	sh := shapeOf(s)
	if !p.ok || p.shape != sh {
		p.done, p.total = s.countProgress()
		p.shape, p.ok = sh, true
	}
	return p.done, p.total
}

// readByCondition reports whether a show_if of the session's playbook reads
// the answer to promptID, so changing it can show or hide other prompts.
func (p *progress) readByCondition(s *Session, promptID string) bool {
	var first *playbooks.Phase
	if len(s.Playbook.Phases) > 0 {
		first = &s.Playbook.Phases[0]
	}
	if p.read == nil || p.readFor != first {
		p.read, p.readFor = map[string]bool{}, first
		mark := func(c *playbooks.Condition) {
			if c != nil {
				p.read[c.Prompt] = true
			}
		}
		for i := range s.Playbook.Phases {
			ph := &s.Playbook.Phases[i]
			mark(ph.ShowIf)
			for j := range ph.Prompts {
				mark(ph.Prompts[j].ShowIf)
			}
		}
	}
	return p.read[promptID]
}
