// Package folder looks at the files of a folder by name, through an open
// handle on the folder where the system has one (Linux): the kernel then
// resolves one name per call rather than the whole path, which took a
// third of the time of looking at a build's 12,000 files.
package folder
