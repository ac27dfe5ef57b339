// The GNU spawn extensions Swift's Glibc module does not import (they sit behind _GNU_SOURCE).
// Only CCProcess uses this target.
#ifndef CPROCESSSPAWN_H
#define CPROCESSSPAWN_H

#include <spawn.h>

/// POSIX_SPAWN_SETSID: the child calls setsid(), so it leads a new session and process group.
int ccspawn_flag_setsid(void);

/// posix_spawn_file_actions_addchdir_np (glibc 2.29+): the child changes directory before exec.
int ccspawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// posix_spawn_file_actions_addclosefrom_np (glibc 2.34+): the child closes every fd >= lowest.
int ccspawn_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

/// pipe2(fds, O_CLOEXEC): a pipe whose ends no child inherits by accident.
int ccspawn_pipe_cloexec(int fds[2]);

/// Sets the pipe the signal handler writes each trapped signal's number to (one byte).
int ccsignal_set_trap_fd(int fd);

/// Installs the handler for `signal_number`: it writes the number to the trap fd, nothing else.
int ccsignal_trap(int signal_number);

/// Restores the default action for `signal_number`.
int ccsignal_default(int signal_number);

#endif
