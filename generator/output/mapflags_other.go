//go:build unix && !linux

package output

import "syscall"

const mapFlags = syscall.MAP_SHARED
