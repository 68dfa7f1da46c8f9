package playbooks

import "strconv"

// CurrentVersion returns the version of the playbook id as the catalogue
// has it now, so a session that ran an older snapshot can say so. ok is
// false when the catalogue does not know the id (a deleted or broken file).
func (c *Catalogue) CurrentVersion(id string) (version int, ok bool) {
	p, ok := c.byID[id]
	if !ok {
		return 0, false
	}
	return p.Version, true
}

// VersionLabel names the playbook a session ran as the list and the
// library show it: "customer-discovery v1", and "customer-discovery v1
// (now v2)" when the catalogue's version differs from the one the session
// ran (usually later; a file whose version went back says so too). A ran of 0 (a session
// stored before versions were recorded) gives the id alone; a current of 0
// means the catalogue does not know the playbook. Callers escape the id
// for their medium.
func VersionLabel(id string, ran, current int) string {
	if ran <= 0 {
		return id
	}
	s := id + " v" + strconv.Itoa(ran)
	if current > 0 && current != ran {
		s += " (now v" + strconv.Itoa(current) + ")"
	}
	return s
}
