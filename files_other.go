//go:build !unix

package main

import "io/fs"

// ownedByMe is true where files have no owner id to compare: the name and
// the age are the test there.
func ownedByMe(fs.FileInfo) bool { return true }
