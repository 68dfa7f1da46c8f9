package teamsync

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport/session"
)

// TestSyncProperty: two people's stores and a bare team repository; random
// interleavings of edits on both sides (answers, captures, roadmap moves,
// deletions of captures, items and sessions, choosing between versions)
// and syncs in random order. After a last sync both ways:
//
//   - the two stores export identical JSON, session for session;
//   - every capture ever made and never deleted is there (in a session
//     nobody deleted);
//   - a deleted session never comes back, nor a deleted capture nobody
//     changed after its deletion (the newer change wins: DECISIONS.md);
//   - no answer written is lost: each one that nobody replaced knowingly
//     (having seen it) is the answer or one of its kept versions, so an
//     answer changed on both sides is flagged, never dropped.
//
// RAPPORT_SYNC_SEEDS sets how many seeds run (default 2, each 50 steps;
// one with -short): each sync runs git some twenty times, so a seed takes
// seconds.
func TestSyncProperty(t *testing.T) {
	needGit(t)
	seeds := 2
	if n, err := strconv.Atoi(os.Getenv("RAPPORT_SYNC_SEEDS")); err == nil && n > 0 {
		seeds = n
	}
	if testing.Short() {
		seeds = 1
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { runProperty(t, uint64(seed)) })
	}
}

// capEvent is the last thing done to a capture, on either side.
type capEvent struct {
	gone bool
	at   time.Time
}

// write is one answer given: its unique text, and whether someone who had
// it in front of them replaced it or settled it away since.
type write struct {
	sid, prompt, text string
	superseded        bool
}

type model struct {
	t        *testing.T
	rng      *rand.Rand
	sides    []*side
	clk      *clock
	nextID   int
	sessions []string // every session ever made
	deleted  map[string]bool
	captures map[string]string // capture id -> session id, every one made
	capGone  map[string]bool   // captures deleted by someone, ever
	capLast  map[string]capEvent
	writes   []*write
}

func runProperty(t *testing.T, seed uint64) {
	bare := bareRepo(t)
	c := &clock{now: t0}
	m := &model{
		t: t, rng: rand.New(rand.NewPCG(seed, 21)), clk: c,
		deleted: map[string]bool{}, captures: map[string]string{}, capGone: map[string]bool{},
		capLast: map[string]capEvent{},
	}
	m.sides = []*side{newSide(t, "Ana", bare, c), newSide(t, "Ben", bare, c)}
	var log []string
	for step := range 50 {
		who := m.sides[m.rng.IntN(2)]
		what := m.step(who)
		log = append(log, fmt.Sprintf("%d %s %s", step, who.name, what))
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("steps:\n%s", strings.Join(log, "\n"))
		}
	})
	for _, s := range []*side{m.sides[0], m.sides[1], m.sides[0], m.sides[1]} {
		s.sync()
	}
	m.check()
}

// live lists the sessions a side holds.
func (m *model) live(s *side) []string {
	ix, err := s.st.List()
	if err != nil {
		m.t.Fatal(err)
	}
	var out []string
	for _, x := range ix {
		out = append(out, x.ID)
	}
	slices.Sort(out)
	return out
}

func (m *model) id(prefix string) string {
	m.nextID++
	return fmt.Sprintf("%s%d", prefix, m.nextID)
}

// step does one random thing on side s and says what.
func (m *model) step(s *side) string {
	ids := m.live(s)
	r := m.rng.IntN(100)
	switch {
	case r < 15 || len(ids) == 0:
		if r < 8 || len(m.sessions) >= 4 {
			s.sync()
			return "sync"
		}
		m.nextID++
		id := ulid(m.nextID)
		sess := session.New(id, m.clk.tick(), []string{"Acme", "Globex"}[m.rng.IntN(2)], testPlaybook())
		if err := s.st.Create(sess); err != nil {
			m.t.Fatal(err)
		}
		m.sessions = append(m.sessions, id)
		return "create " + id
	}
	sid := ids[m.rng.IntN(len(ids))]
	switch r := m.rng.IntN(100); {
	case r < 35: // answer
		prompt := []string{"who", "goals"}[m.rng.IntN(2)]
		text := m.id(s.name + "-")
		s.change(sid, func(sess *session.Session, now time.Time) []session.Edit {
			a := sess.AnswerFor(prompt)
			m.supersede(sid, prompt, a.Text, a.Items)
			if prompt == "goals" {
				a.Items = []string{text}
			} else {
				a.Text = text
			}
			return []session.Edit{sess.PutAnswer(a, now)}
		})
		m.writes = append(m.writes, &write{sid: sid, prompt: prompt, text: text})
		return "answer " + prompt + "=" + text
	case r < 45: // settle a conflict, when there is one
		var did string
		s.change(sid, func(sess *session.Session, now time.Time) []session.Edit {
			for _, prompt := range []string{"who", "goals"} {
				a := sess.AnswerFor(prompt)
				vs := a.Versions()
				if len(vs) < 2 {
					continue
				}
				if m.rng.IntN(2) == 0 {
					e, err := sess.JoinVersions(prompt, now)
					if err != nil {
						m.t.Fatal(err)
					}
					did = "join " + prompt
					return []session.Edit{e}
				}
				keep := m.rng.IntN(len(vs))
				for i, v := range vs {
					if i != keep {
						m.supersede(sid, prompt, v.Text, v.Items)
					}
				}
				e, err := sess.ChooseVersion(prompt, keep, now)
				if err != nil {
					m.t.Fatal(err)
				}
				did = fmt.Sprintf("choose %s %d", prompt, keep)
				return []session.Edit{e}
			}
			return nil
		})
		return cmpOr(did, "nothing to settle")
	case r < 60: // capture
		cid := m.id("c")
		s.change(sid, func(sess *session.Session, now time.Time) []session.Edit {
			m.capLast[cid] = capEvent{at: now}
			return []session.Edit{sess.PutCapture(session.Capture{ID: cid, Kind: session.CapturePain, Text: cid, Created: now}, now)}
		})
		m.captures[cid] = sid
		return "capture " + cid
	case r < 68: // edit or delete a capture
		var did string
		s.change(sid, func(sess *session.Session, now time.Time) []session.Edit {
			if len(sess.Captures) == 0 {
				return nil
			}
			c := sess.Captures[m.rng.IntN(len(sess.Captures))]
			if m.rng.IntN(2) == 0 {
				m.capGone[c.ID] = true
				m.capLast[c.ID] = capEvent{gone: true, at: now}
				did = "delete capture " + c.ID
				return []session.Edit{sess.DeleteCapture(c.ID, now)}
			}
			c.Impact = 1 + m.rng.IntN(5)
			m.capLast[c.ID] = capEvent{at: now}
			did = "score capture " + c.ID
			return []session.Edit{sess.PutCapture(c, now)}
		})
		return cmpOr(did, "no capture")
	case r < 88: // roadmap
		var did string
		s.change(sid, func(sess *session.Session, now time.Time) []session.Edit {
			hs := []session.Horizon{session.Now, session.Next, session.Later}
			if len(sess.Roadmap) == 0 || m.rng.IntN(3) == 0 {
				id := m.id("r")
				did = "add item " + id
				return []session.Edit{sess.AddRoadmap(session.RoadmapItem{ID: id, Title: id, Horizon: hs[m.rng.IntN(3)]}, now)}
			}
			it := sess.Roadmap[m.rng.IntN(len(sess.Roadmap))]
			switch m.rng.IntN(3) {
			case 0:
				did = "delete item " + it.ID
				return []session.Edit{sess.DeleteRoadmap(it.ID, now)}
			case 1:
				did = "shift item " + it.ID
				return sess.ShiftRoadmap(it.ID, -1, now)
			}
			h := hs[m.rng.IntN(3)]
			did = "move item " + it.ID + " to " + string(h)
			return sess.MoveRoadmapTo(it.ID, h, now)
		})
		return did
	case r < 93:
		m.clk.tick()
		if err := s.st.Delete(sid); err != nil {
			m.t.Fatal(err)
		}
		m.deleted[sid] = true
		return "delete session " + sid
	}
	s.sync()
	return "sync"
}

// supersede marks the writes whose text s just replaced having seen it.
func (m *model) supersede(sid, prompt, text string, items []string) {
	for _, w := range m.writes {
		if w.sid == sid && w.prompt == prompt && (w.text == text || slices.Contains(items, w.text)) {
			w.superseded = true
		}
	}
}

func (m *model) check() {
	t := m.t
	a, b := m.sides[0].exports(), m.sides[1].exports()
	if len(a) != len(b) {
		t.Errorf("Ana holds %d sessions, Ben %d", len(a), len(b))
	}
	for id, ea := range a {
		if eb := b[id]; ea != eb {
			t.Errorf("session %s exports differently:\n%s\n---\n%s", id, ea, eb)
		}
	}
	final := map[string]*session.Session{}
	for id := range a {
		final[id] = m.sides[0].load(id)
	}
	// Sessions nobody deleted are all there.
	for _, id := range m.sessions {
		if !m.deleted[id] && final[id] == nil {
			t.Errorf("session %s, never deleted, is gone", id)
		}
	}
	// A deleted session stays deleted: the store stamps a deletion with
	// the time it happens, which is later than every change made on this
	// test's clock, so no change can be newer and bring it back.
	for id := range m.deleted {
		if final[id] != nil {
			t.Errorf("session %s, deleted, came back", id)
		}
	}
	// A capture whose last change anywhere was its deletion stays deleted.
	for cid, sid := range m.captures {
		if last := m.capLast[cid]; last.gone && final[sid] != nil &&
			slices.ContainsFunc(final[sid].Captures, func(c session.Capture) bool { return c.ID == cid }) {
			t.Errorf("capture %s of session %s, deleted after its last change, came back", cid, sid)
		}
	}
	// Captures never deleted, of sessions there, are there.
	for cid, sid := range m.captures {
		s := final[sid]
		if m.capGone[cid] || s == nil {
			continue
		}
		if !slices.ContainsFunc(s.Captures, func(c session.Capture) bool { return c.ID == cid }) {
			t.Errorf("capture %s of session %s, never deleted, is gone", cid, sid)
		}
	}
	// Every answer nobody knowingly replaced is the answer or a version.
	for _, w := range m.writes {
		s := final[w.sid]
		if w.superseded || s == nil {
			continue
		}
		a := s.AnswerFor(w.prompt)
		found := false
		for _, v := range a.Versions() {
			found = found || strings.Contains(v.Text, w.text) || slices.Contains(v.Items, w.text)
		}
		if !found {
			t.Errorf("answer %q to %s in %s is lost: now %q with %d other versions", w.text, w.prompt, w.sid, a.Text+strings.Join(a.Items, ","), len(a.Conflicts))
		}
	}
	// Every horizon's places are distinct.
	for id, s := range final {
		seen := map[string]bool{}
		for _, it := range s.Roadmap {
			k := fmt.Sprint(it.Horizon, it.Order)
			if seen[k] {
				t.Errorf("session %s: two roadmap items at %s", id, k)
			}
			seen[k] = true
		}
	}
}
