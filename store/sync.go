package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/session"
)

// What the store keeps for a team sync (package teamsync), in a bucket of
// its own that only exists once the store has joined a team repository
// (EnableSync), so a store that never syncs pays nothing for it and its
// schema does not change:
//
//	sync  agreed/<id> -> SyncRecord: the version of the session's file in the
//	                     team repository that the store last held (its git blob
//	                     id), and the session's last change then
//	      dirty/<id>  -> nothing: the session changed since (every write marks
//	                     it, in its transaction)
//	      gone/<id>   -> session.Tombstone: the session was deleted here, to be
//	                     marked deleted in the repository
//
// A session whose record agrees with the store and is not marked dirty is
// exactly the file its record names, so a sync reads and writes only what
// changed. The last change is compared too, so even a write that slipped
// past the marks (an older rapport on the same store) is found.
var bucketSync = []byte("sync")

const (
	syncAgreed = "agreed/"
	syncDirty  = "dirty/"
	syncGone   = "gone/"
)

// SyncRecord is what the store last agreed with the team repository about
// one session.
type SyncRecord struct {
	// Blob is the git object id of the session's file as the store last
	// held it (after a sync wrote it, or sent it).
	Blob string `json:"blob"`
	// Updated is the session's last change then (zero for a deleted one).
	Updated time.Time `json:"updated,omitzero"`
	// Conflicts counts what that file holds in two versions or more.
	Conflicts int `json:"conflicts,omitempty"`
}

// SyncState is what a sync reads before it talks to git.
type SyncState struct {
	Agreed map[string]SyncRecord
	Dirty  map[string]bool
	Gone   map[string]session.Tombstone
	// Updated is every stored session's last change, from its index record.
	Updated map[string]time.Time
}

// Changed lists the sessions a sync must read out: marked dirty, never
// agreed, or changed since they were agreed; and deletions not yet agreed.
func (st SyncState) Changed() []string {
	var out []string
	for id, up := range st.Updated {
		rec, ok := st.Agreed[id]
		if st.Dirty[id] || !ok || !rec.Updated.Equal(up) {
			out = append(out, id)
		}
	}
	for id := range st.Gone {
		if _, live := st.Updated[id]; !live && st.Dirty[id] {
			out = append(out, id)
		}
	}
	return out
}

// EnableSync starts keeping what a team sync needs (it is kept from then
// on by every write). Calling it again changes nothing.
func (s *Store) EnableSync() error {
	return s.update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketSync)
		return err
	})
}

// DisableSync forgets everything a team sync kept: the store leaves its
// team. Its sessions are untouched.
func (s *Store) DisableSync() error {
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketSync) == nil {
			return nil
		}
		return tx.DeleteBucket(bucketSync)
	})
}

// SyncEnabled reports whether the store is in a team (EnableSync).
func (s *Store) SyncEnabled() (bool, error) {
	on := false
	err := s.view(func(tx *bolt.Tx) error {
		on = tx.Bucket(bucketSync) != nil
		return nil
	})
	return on, err
}

// ReadSyncState reads what a sync needs to know before reading sessions.
func (s *Store) ReadSyncState() (SyncState, error) {
	st := SyncState{Agreed: map[string]SyncRecord{}, Dirty: map[string]bool{}, Gone: map[string]session.Tombstone{}, Updated: map[string]time.Time{}}
	err := s.view(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSync)
		if sb == nil {
			return errors.New("this store is in no team repository (rapport sync init URL)")
		}
		err := sb.ForEach(func(k, v []byte) error {
			switch {
			case bytes.HasPrefix(k, []byte(syncAgreed)):
				var r SyncRecord
				if err := json.Unmarshal(v, &r); err != nil {
					return fmt.Errorf("sync record of %s: %w", k[len(syncAgreed):], err)
				}
				st.Agreed[string(k[len(syncAgreed):])] = r
			case bytes.HasPrefix(k, []byte(syncDirty)):
				st.Dirty[string(k[len(syncDirty):])] = true
			case bytes.HasPrefix(k, []byte(syncGone)):
				var t session.Tombstone
				if err := json.Unmarshal(v, &t); err != nil {
					return fmt.Errorf("deletion of %s: %w", k[len(syncGone):], err)
				}
				st.Gone[string(k[len(syncGone):])] = t
			}
			return nil
		})
		if err != nil {
			return corruptError(s.path, err.Error())
		}
		forEachIndex(tx.Bucket(bucketSessions), func(id string, v []byte) {
			ix, err := decodeIndex(v)
			if err != nil {
				// Unreadable: sent again, and read whole, which says why.
				st.Updated[id] = time.Time{}
				return
			}
			st.Updated[id] = ix.Updated
		})
		return nil
	})
	return st, err
}

// markDirty notes, in the transaction of a write, that the session changed
// since the last sync; nothing when the store is in no team, or it is
// already noted (so a keystroke writes one page more only once a sync).
func markDirty(tx *bolt.Tx, id string) error {
	sb := tx.Bucket(bucketSync)
	if sb == nil {
		return nil
	}
	k := []byte(syncDirty + id)
	if sb.Get(k) != nil {
		return nil
	}
	return sb.Put(k, []byte{})
}

// noteDeleted remembers, in the transaction that deletes a session, that
// it was deleted here and by whom, for the next sync to mark it deleted in
// the team repository.
func (s *Store) noteDeleted(tx *bolt.Tx, id string, at time.Time) error {
	sb := tx.Bucket(bucketSync)
	if sb == nil {
		return nil
	}
	author := ""
	if p := tx.Bucket(bucketPrefs); p != nil {
		if raw := p.Get([]byte(PrefName)); raw != nil {
			author, _ = decodePref(raw)
		}
	}
	t := session.Tombstone{ID: id, Of: session.TombstoneSession, At: at.UTC(), Author: author}
	data, err := json.Marshal(t)
	if err != nil {
		return err
	}
	if err := sb.Put([]byte(syncGone+id), data); err != nil {
		return err
	}
	return markDirty(tx, id)
}

// forgetDeleted drops the note of a session's deletion: it is back (undo,
// or a sync brought it back).
func forgetDeleted(tx *bolt.Tx, id string) error {
	if sb := tx.Bucket(bucketSync); sb != nil {
		return sb.Delete([]byte(syncGone + id))
	}
	return nil
}

// PrefName is the setting that holds the user's name, which answers,
// captures and deletions record (`rapport config name`).
const PrefName = "name"

// SyncCurrent is a session as the store holds it when a sync applies its
// result: the session, or the note of its deletion, or neither.
type SyncCurrent struct {
	Session *session.Session
	Gone    *session.Tombstone
	Dirty   bool
	Agreed  SyncRecord
}

// SyncOutcome is what a sync decided for one session.
type SyncOutcome struct {
	// Skip leaves the session as it is, record and mark included (it is
	// open on a screen: the next sync takes it up).
	Skip bool
	// Session replaces the stored one; Delete removes it. Neither: the
	// session stays as it is.
	Session *session.Session
	Delete  bool
	// Agreed is the file the store now agrees with; Dirty keeps the
	// session marked, when what is stored still differs from that file.
	Agreed SyncRecord
	Dirty  bool
}

// ApplySync decides and writes, for each of ids, in one transaction: fn
// gets the session as stored now and says what to do with it. Writing
// here marks nothing dirty (what is written is what the repository
// holds), unless the outcome says so.
func (s *Store) ApplySync(ids []string, fn func(id string, cur SyncCurrent) (SyncOutcome, error)) error {
	return s.update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSync)
		if sb == nil {
			return errors.New("this store left its team repository during the sync")
		}
		all := tx.Bucket(bucketSessions)
		for _, id := range ids {
			var cur SyncCurrent
			if b := all.Bucket([]byte(id)); b != nil {
				sess, err := s.readSession(id, all, b)
				if err != nil {
					return err
				}
				cur.Session = sess
			}
			if raw := sb.Get([]byte(syncGone + id)); raw != nil {
				var t session.Tombstone
				if err := json.Unmarshal(raw, &t); err == nil {
					cur.Gone = &t
				}
			}
			cur.Dirty = sb.Get([]byte(syncDirty+id)) != nil
			if raw := sb.Get([]byte(syncAgreed + id)); raw != nil {
				_ = json.Unmarshal(raw, &cur.Agreed)
			}
			out, err := fn(id, cur)
			if err != nil {
				return err
			}
			if out.Skip {
				continue
			}
			if err := s.applyOutcome(tx, sb, id, cur, out); err != nil {
				return fmt.Errorf("sync session %s: %w", id, err)
			}
		}
		return nil
	})
}

func (s *Store) applyOutcome(tx *bolt.Tx, sb *bolt.Bucket, id string, cur SyncCurrent, out SyncOutcome) error {
	switch {
	case out.Session != nil:
		if err := s.writeSession(tx, out.Session, true); err != nil {
			return err
		}
		if err := forgetDeleted(tx, id); err != nil {
			return err
		}
	case out.Delete && cur.Session != nil:
		if err := s.deleteSession(tx, id); err != nil {
			return err
		}
	}
	if out.Delete {
		if err := forgetDeleted(tx, id); err != nil {
			return err
		}
	}
	rec, err := json.Marshal(out.Agreed)
	if err != nil {
		return err
	}
	if err := sb.Put([]byte(syncAgreed+id), rec); err != nil {
		return err
	}
	if out.Dirty {
		return sb.Put([]byte(syncDirty+id), []byte{})
	}
	return sb.Delete([]byte(syncDirty + id))
}
