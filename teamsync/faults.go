package teamsync

import "os"

// stopAt kills this process, as kill -9 would, when the environment asks
// for it at point (RAPPORT_TEST_SYNC_KILL=point). The fault tests use it
// to stop a real sync between its steps: read (the store read out), commit
// (this side committed), merge (merged with the team's), push (pushed),
// ref (the branch moved) and apply (the first batch written to the store).
func stopAt(point string) {
	if os.Getenv("RAPPORT_TEST_SYNC_KILL") == point {
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			_ = p.Kill()
		}
		select {}
	}
}
