#define _GNU_SOURCE
#include "CProcessSpawn.h"
#include <fcntl.h>
#include <unistd.h>

int ccspawn_flag_setsid(void) { return POSIX_SPAWN_SETSID; }

int ccspawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int ccspawn_addclosefrom(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}

int ccspawn_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

#include <errno.h>
#include <signal.h>
#include <string.h>

static volatile int trap_fd = -1;

// Async-signal-safe: only write(2), with errno preserved.
static void trap_handler(int signal_number) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal_number;
    if (trap_fd >= 0) (void)write(trap_fd, &byte, 1);
    errno = saved;
}

int ccsignal_set_trap_fd(int fd) {
    trap_fd = fd;
    return 0;
}

int ccsignal_trap(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = trap_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(signal_number, &action, NULL);
}

int ccsignal_default(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(signal_number, &action, NULL);
}
