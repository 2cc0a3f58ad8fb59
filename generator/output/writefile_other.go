//go:build !unix

package output

import "os"

func writeFile(name string, data []byte, mtime *int64) error {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return err
	}
	if mtime != nil {
		fi, err := os.Lstat(name)
		if err != nil {
			return err
		}
		*mtime = fi.ModTime().UnixNano()
	}
	return nil
}
