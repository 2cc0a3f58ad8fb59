//go:build !linux

package cache

import "os"

// readMapped reads a file.
func readMapped(file string) ([]byte, error) { return os.ReadFile(file) }
