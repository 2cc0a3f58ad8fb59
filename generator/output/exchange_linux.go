package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step, so that b is never
// missing for a reader or a server; ok is false where the file system
// cannot (an old kernel, or a file system without the operation), for the
// caller to rename twice instead.
func exchange(a, b string) (ok bool, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return false, nil
	}
	return true, err
}
