package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
		},
		Setup: func(env *testscript.Env) error {
			// A private store and config folder per script, never the user's.
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/data")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/config")
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("NO_COLOR", "1")
			// git runs `rapport merge-driver` through the shell: the
			// rapport on testscript's PATH, not this test binary's path.
			env.Setenv("RAPPORT_MERGE_DRIVER", "rapport")
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
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

// cmdStatus is the testscript command "status N PROGRAM ARGS...": it runs
// the program like exec (its output is then checked with stdout and
// stderr) and fails unless it exits with status N.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("status: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
