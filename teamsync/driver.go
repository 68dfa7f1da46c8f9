package teamsync

import (
	"os"
)

// MergeDriver is `rapport merge-driver %O %A %B %P`, which git runs for a
// session file both sides changed (the repository's .gitattributes sends
// them here): it merges the common version (base), ours and theirs the way
// sync does (MergeFiles) and writes the result over ours, as git expects.
// An error leaves ours as it was: git then reports the file conflicted,
// and nothing is lost.
func MergeDriver(base, ours, theirs string) (Report, error) {
	var data [3][]byte
	for i, p := range []string{base, ours, theirs} {
		b, err := os.ReadFile(p)
		if err != nil {
			return Report{}, err
		}
		data[i] = b
	}
	merged, rep, err := MergeFiles(data[0], data[1], data[2])
	if err != nil {
		return rep, err
	}
	tmp := ours + ".rapport-merge"
	if err := os.WriteFile(tmp, merged, 0o644); err != nil {
		return rep, err
	}
	if err := os.Rename(tmp, ours); err != nil {
		_ = os.Remove(tmp)
		return rep, err
	}
	return rep, nil
}
