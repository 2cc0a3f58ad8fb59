package output

import "syscall"

// mapFlags maps the pages of the file at once: a warm build reads every
// entry's header of the last zip, and faulting its pages in one at a time
// cost it tens of milliseconds.
const mapFlags = syscall.MAP_SHARED | syscall.MAP_POPULATE
