package cache

import (
	"os"
	"syscall"
)

// readMapped maps a file into memory, its pages all at once.
func readMapped(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() == 0 || fi.Size() > 1<<40 || !fi.Mode().IsRegular() {
		return os.ReadFile(file)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
	if err != nil {
		return os.ReadFile(file)
	}
	return data, nil
}
