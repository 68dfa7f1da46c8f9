package session

import (
	"reflect"
	"testing"
	"time"
)

// TestSetPeople: contacts and facilitator are set, trimmed, blank names
// dropped, and the edit carries the index record the library lists.
func TestSetPeople(t *testing.T) {
	at := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		contacts []Contact
		fac      string
		want     []Contact
		wantFac  string
	}{
		{"as given", []Contact{{Name: "Ann Lee", Role: "CTO"}}, "Sam", []Contact{{Name: "Ann Lee", Role: "CTO"}}, "Sam"},
		{"trimmed", []Contact{{Name: " Dana ", Role: " Ops "}}, "  Sam Rivera ", []Contact{{Name: "Dana", Role: "Ops"}}, "Sam Rivera"},
		{"a role without a name is dropped", []Contact{{Role: "CFO"}, {Name: "Bo"}}, "", []Contact{{Name: "Bo"}}, ""},
		{"none", nil, "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Session{Header: Header{ID: "01HSESSION0000000000000001", Client: "Acme", Contacts: []Contact{{Name: "Old"}}, Facilitator: "Old"}}
			e := s.SetPeople(tt.contacts, tt.fac, at)
			if !reflect.DeepEqual(s.Contacts, tt.want) || s.Facilitator != tt.wantFac {
				t.Errorf("got %+v / %q, want %+v / %q", s.Contacts, s.Facilitator, tt.want, tt.wantFac)
			}
			if e.SessionID != s.ID || !reflect.DeepEqual(e.Header.Contacts, tt.want) || !s.Updated.Equal(at) {
				t.Errorf("edit %+v does not carry the people", e.Header)
			}
		})
	}
}
