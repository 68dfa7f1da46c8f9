package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the testscript files run `rapport` as a real command, in
// its own process, through the same run function as the binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rapport": func() {
			os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the command-line contract in testdata/script: each
// file is a session at a shell, with what it must print.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// A private store and config folder per script, never the user's.
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/data")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/config")
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("NO_COLOR", "1")
			// Backups written by earlier versions, which import must accept forever.
			backups, err := filepath.Abs("testdata/backup")
			if err != nil {
				return err
			}
			env.Setenv("BACKUPS", backups)
			return nil
		},
	})
}
