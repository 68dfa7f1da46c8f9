package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// bucketPrefs holds small settings remembered between runs (the last
// facilitator, say): key -> the version byte, then the value as a JSON
// string. It is created at open with the other top-level buckets.
var bucketPrefs = []byte("prefs")

// Pref returns the setting stored under key, or "" when there is none.
func (s *Store) Pref(key string) (string, error) {
	var v string
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPrefs)
		if b == nil {
			return nil
		}
		raw := b.Get([]byte(key))
		if raw == nil {
			return nil
		}
		var err error
		v, err = decodePref(raw)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("read setting %q from %s: %w", key, s.path, err)
	}
	return v, nil
}

// SetPref stores value under key; an empty value removes the setting.
func (s *Store) SetPref(key, value string) error {
	if key == "" {
		return fmt.Errorf("store a setting in %s: the key is empty", s.path)
	}
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketPrefs)
		if err != nil {
			return err
		}
		if value == "" {
			return b.Delete([]byte(key))
		}
		raw, err := encode(value)
		if err != nil {
			return err
		}
		return b.Put([]byte(key), raw)
	})
	if err != nil {
		return fmt.Errorf("store setting %q in %s: %w", key, s.path, err)
	}
	return nil
}

// decodePref reads a stored setting; like decode, it refuses a record from
// a newer rapport rather than misread it.
func decodePref(raw []byte) (string, error) {
	if len(raw) == 0 {
		return "", fmt.Errorf("setting is empty")
	}
	if raw[0] != recordVersion {
		return "", fmt.Errorf("%w %d in a setting", errUnknownVersion, raw[0])
	}
	var v string
	if err := json.Unmarshal(raw[1:], &v); err != nil {
		return "", fmt.Errorf("setting is unreadable: %w", err)
	}
	return v, nil
}
