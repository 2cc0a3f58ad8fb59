// Package output writes and publishes a built site: a staging folder
// beside the output (fresh, or the spare folder a warm build fills, pruned
// of what it will not keep), locked against a second build, swapped into place
// only when everything was written (so a failed build leaves the previous
// site whole), files written into it without leaving it, and the offline
// zip streamed in a fixed order as workers hand files over. It knows
// nothing of pages: the generator gives it paths and bytes.
package output
