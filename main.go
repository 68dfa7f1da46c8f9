// Command rapport runs customer-discovery sessions live in the terminal.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "rapport: not built yet")
	os.Exit(1)
}
