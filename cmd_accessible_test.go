package main

import (
	"os"
	"testing"
)

// TestPlainStreams: accessible mode hides the terminal from fang and
// glamour, whether asked by flag or environment, and only then.
func TestPlainStreams(t *testing.T) {
	tests := []struct {
		args []string
		env  string
		want bool
	}{
		{[]string{"list"}, "", false},
		{[]string{"--accessible"}, "", true},
		{[]string{"open", "Acme", "--accessible"}, "", true},
		{[]string{"--accessible=true", "new"}, "", true},
		{[]string{"--accessible=false"}, "", false},
		{[]string{"--accessible=false"}, "1", true}, // either turns it on
		{[]string{"--accessibles"}, "", false},
		{[]string{"new", "--", "--accessible"}, "", false},
		{[]string{"show", "Acme"}, "1", true},
		{[]string{"show", "Acme"}, "yes", true},
		{[]string{"show", "Acme"}, "0", false},
	}
	for _, tt := range tests {
		t.Setenv("RAPPORT_ACCESSIBLE", tt.env)
		out, errw := plainStreams(tt.args, os.Stdout, os.Stderr)
		_, outPlain := out.(plainWriter)
		_, errPlain := errw.(plainWriter)
		if outPlain != tt.want || errPlain != tt.want {
			t.Errorf("plainStreams(%q) with RAPPORT_ACCESSIBLE=%q: plain %v/%v, want %v", tt.args, tt.env, outPlain, errPlain, tt.want)
		}
	}
}
