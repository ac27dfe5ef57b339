// Process start-up and Landlock confinement, the system calls Swift's Glibc module does not
// import or cannot call between fork and exec. Only CCProcess uses this target.
#ifndef CPROCESSSPAWN_H
#define CPROCESSSPAWN_H

#include <sys/types.h>

/// Starts `path` in a child that leads a new session (so its group can be signalled as one), with
/// default signal dispositions and an empty signal mask, `in`/`out`/`err` as fds 0-2 and no other fd,
/// in `directory` (NULL: ours), and — when `ruleset` >= 0 — confined by that Landlock ruleset
/// before exec. Returns 0 with `*pid` set, or the errno of fork, of the child's set-up or of exec.
int ccspawn_start(const char *path, char *const argv[], char *const envp[], int in, int out, int err,
                  const char *directory, int ruleset, pid_t *pid);

/// pipe2(fds, O_CLOEXEC): a pipe whose ends no child inherits by accident.
int ccspawn_pipe_cloexec(int fds[2]);

/// The Landlock ABI version the kernel offers (1, 2, ...), or -errno (ENOSYS: not built in;
/// EOPNOTSUPP: built in but disabled at boot).
int cclandlock_abi(void);

/// A new ruleset handling every write-type file-system right `abi` knows (reads and exec stay
/// free), TCP connect when `restrict_tcp_connect` and abi >= 4, and signal and abstract-socket
/// scoping when abi >= 6. Returns its fd or -errno.
int cclandlock_create(int abi, int restrict_tcp_connect);

/// Allows writing beneath the folder `path` (or to the file `path`). 0 or -errno.
int cclandlock_allow_writes(int ruleset, int abi, const char *path);

/// Allows TCP connections to `port`. 0 or -errno.
int cclandlock_allow_connect(int ruleset, unsigned short port);

/// Confines the calling thread (and so, before exec, the child) by `ruleset`. 0 or -errno.
int cclandlock_restrict_self(int ruleset);

/// A listening Unix-domain stream socket bound at `path` (close-on-exec). fd or -errno.
int ccsocket_listen(const char *path);

/// The next connection on `listener` (close-on-exec), waiting for one. fd or -errno.
int ccsocket_accept(int listener);

/// A connection to the socket at `path`. fd or -errno.
int ccsocket_connect(const char *path);

/// Who is at the other end of a Unix-domain connection, as the kernel recorded at connect time
/// (SO_PEERCRED): nothing the peer says about itself. 0 or -errno.
int ccsocket_peer(int fd, pid_t *pid, uid_t *uid);

/// Sets the pipe the signal handler writes each trapped signal's number to (one byte).
int ccsignal_set_trap_fd(int fd);

/// Installs the handler for `signal_number`: it writes the number to the trap fd, nothing else.
int ccsignal_trap(int signal_number);

/// Restores the default action for `signal_number`.
int ccsignal_default(int signal_number);

#endif
