//go:build !linux

package hugeheap

func reserve(size int) bool { return false }
