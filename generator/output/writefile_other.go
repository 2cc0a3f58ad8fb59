//go:build !unix

package output

import "os"

func writeFile(name string, data []byte) (mtime int64, err error) {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return 0, err
	}
	fi, err := os.Lstat(name)
	if err != nil {
		return 0, err
	}
	return fi.ModTime().UnixNano(), nil
}
