// Atomic exchange of two paths, which Swift's Glibc module does not import (renameat2 sits behind
// _GNU_SOURCE). Only the task store uses this target.
#ifndef CFILEEXCHANGE_H
#define CFILEEXCHANGE_H

/// Swaps the files at `a` and `b` in one atomic step (both must exist, on one file system).
/// Returns 0, or -1 with errno set: ENOENT when either is missing, EINVAL or ENOTSUP/ENOSYS
/// where the file system or platform cannot exchange.
int ccfile_exchange(const char *a, const char *b);

#endif
