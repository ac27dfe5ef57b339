#define _GNU_SOURCE
#include "CProcessSpawn.h"
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

int ccspawn_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#ifndef __NR_close_range
#define __NR_close_range 436
#endif
#define CC_CLOSE_RANGE_CLOEXEC (1U << 2)

/// Makes `source` the child's `target` fd, keeping it across exec even when they are the same fd.
static int move_fd(int source, int target) {
    if (source == target) {
        int flags = fcntl(source, F_GETFD);
        return flags < 0 ? -1 : fcntl(source, F_SETFD, flags & ~FD_CLOEXEC);
    }
    return dup2(source, target) < 0 ? -1 : 0;
}

/// Between fork and exec: only async-signal-safe system calls, since the parent has other threads.
static void become_child(const char *path, char *const argv[], char *const envp[], int in, int out, int err,
                         const char *directory, int ruleset, int report, int highest_fd) {
    struct sigaction defaults;
    defaults.sa_handler = SIG_DFL;
    defaults.sa_flags = 0;
    sigemptyset(&defaults.sa_mask);
    for (int number = 1; number < NSIG; number++) {
        if (number != SIGKILL && number != SIGSTOP) (void)sigaction(number, &defaults, NULL);
    }
    sigset_t none;
    sigemptyset(&none);
    (void)sigprocmask(SIG_SETMASK, &none, NULL);
    int failure = 0;
    if (setsid() < 0) failure = errno;
    if (!failure && (move_fd(in, 0) || move_fd(out, 1) || move_fd(err, 2))) failure = errno;
    if (!failure && syscall(__NR_close_range, 3U, ~0U, CC_CLOSE_RANGE_CLOEXEC) != 0) {
        // Kernels before 5.11: mark them one by one.
        for (int fd = 3; fd <= highest_fd; fd++) (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    if (!failure && directory && chdir(directory) != 0) failure = errno;
    if (!failure && ruleset >= 0) {
        // No new privileges is what lets an unprivileged process confine itself; then it cannot be undone.
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) failure = errno;
        else {
            int result = cclandlock_restrict_self(ruleset);
            if (result != 0) failure = -result;
        }
    }
    if (!failure) {
        execve(path, argv, envp);
        failure = errno;
    }
    (void)write(report, &failure, sizeof failure);
    _exit(127);
}

int ccspawn_start(const char *path, char *const argv[], char *const envp[], int in, int out, int err,
                  const char *directory, int ruleset, pid_t *pid) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;
    struct rlimit limit;
    int highest_fd = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536 ? (int)limit.rlim_cur : 65536;
    sigset_t all, previous;
    sigfillset(&all);
    // No handler of ours may run in the child before it resets them.
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t child = fork();
    if (child == 0) {
        close(report[0]);
        become_child(path, argv, envp, in, out, err, directory, ruleset, report[1], highest_fd);
    }
    int fork_error = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(report[1]);
    if (child < 0) {
        close(report[0]);
        return fork_error;
    }
    // The pipe closes at a successful exec (close-on-exec) or carries the child's errno.
    int failure = 0;
    ssize_t got;
    do {
        got = read(report[0], &failure, sizeof failure);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof failure && failure != 0) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
        return failure;
    }
    *pid = child;
    return 0;
}

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
