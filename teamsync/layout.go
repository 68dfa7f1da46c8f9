package teamsync

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"strings"

	"rapport/session"
)

// The team repository's layout (DECISIONS.md, "Team sync"):
//
//	.gitattributes                 which merge driver merges what (committed, so a
//	                               teammate's plain `git pull` merges as rapport does)
//	.rapport.json                  the team's settings: {"markdown": true} keeps a
//	                               Markdown internal copy beside each session
//	acme-corp-1f2e3d4c/            one folder per client: a slug of the name and the
//	  01JD3Q0W8ZK6X4T2N9M5R7B1CE.json  first 8 hex digits of the SHA-256 of the name,
//	  01JD3Q0W8ZK6X4T2N9M5R7B1CE.md    so two clients never share a folder; one file
//	                               per session, named by its id (its export), and
//	                               its internal copy when the team keeps them
//
// The name is taken as session.SameClient compares names (case and runs
// of space do not count), so every session of a client is in one folder.

// teamFile holds the team's settings, committed at the repository's root.
const teamFile = ".rapport.json"

// attributesFile is the committed .gitattributes.
const attributesFile = ".gitattributes"

// attributes routes session files to rapport's merge driver. The patterns
// match files one folder down only: a client's folder.
const attributes = `# Written by rapport sync: session files merge per answer and per capture.
# Each clone registers the drivers (rapport sync init does).
*/*.json merge=rapport
*/*.md merge=rapport-markdown
`

// teamSettings are the team's choices, shared through teamFile.
type teamSettings struct {
	Format   string `json:"format"`
	Version  int    `json:"version"`
	Markdown bool   `json:"markdown"`
}

func (t teamSettings) bytes() []byte {
	t.Format, t.Version = "rapport.team", 1
	b, _ := json.MarshalIndent(t, "", "  ")
	return append(b, '\n')
}

func readTeamSettings(data []byte) teamSettings {
	var t teamSettings
	_ = json.Unmarshal(data, &t) // an unreadable file means the defaults
	return t
}

// normalName is a client's name as SameClient compares it.
func normalName(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(session.Sanitize(name)), " "))
}

// ClientFolder is the folder of a client's sessions: its slug, a dash and
// the first 8 hex digits of the SHA-256 of its name.
func ClientFolder(client string) string {
	n := normalName(client)
	sum := sha256.Sum256([]byte(n))
	return slug(n) + "-" + hex.EncodeToString(sum[:4])
}

// slug is the name in lower-case ASCII letters and digits, runs of
// anything else as one dash, at most 40 characters; "client" when nothing
// is left.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 40 {
		s = strings.Trim(s[:40], "-")
	}
	if s == "" {
		return "client"
	}
	return s
}

// sessionPath is where a client's session file goes.
func sessionPath(client, id string) string {
	return ClientFolder(client) + "/" + strings.ToUpper(id) + ".json"
}

// markdownPath is the internal copy beside a session file.
func markdownPath(jsonPath string) string {
	return strings.TrimSuffix(jsonPath, ".json") + ".md"
}

// sessionID is the id a path names when it is a session file (a client's
// folder, a ULID, .json), or "".
func sessionID(p string) string {
	dir, file := path.Split(p)
	if strings.Count(dir, "/") != 1 || !strings.HasSuffix(file, ".json") {
		return ""
	}
	id := strings.TrimSuffix(file, ".json")
	if !session.ValidID(id) {
		return ""
	}
	return strings.ToUpper(id)
}
