//go:build !unix

package output

import "os"

// mapFile reads a file whole where it cannot be mapped.
func mapFile(name string) (data []byte, release func(), err error) {
	data, err = os.ReadFile(name)
	return data, func() {}, err
}
