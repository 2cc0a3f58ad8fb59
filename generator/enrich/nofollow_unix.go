//go:build unix

package enrich

import "syscall"

// noFollow makes opening the journal fail where its last element is a
// symbolic link.
const noFollow = syscall.O_NOFOLLOW
