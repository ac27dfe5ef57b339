// Landlock (Linux 5.13+) through raw syscalls: Debian's kernel headers lag the kernel, so the
// structures and the access rights are spelled out here and chosen by the ABI the kernel reports.
#define _GNU_SOURCE
#include "CProcessSpawn.h"
#include <errno.h>

#ifdef __linux__
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

struct cc_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net; // ABI 4
    uint64_t scoped;             // ABI 6
};

struct cc_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

struct cc_net_port_attr {
    uint64_t allowed_access;
    uint64_t port;
};

enum {
    CC_CREATE_RULESET_VERSION = 1,
    CC_RULE_PATH_BENEATH = 1,
    CC_RULE_NET_PORT = 2,
};

#define CC_FS_WRITE_FILE (1ULL << 1)
#define CC_FS_REMOVE_DIR (1ULL << 4)
#define CC_FS_REMOVE_FILE (1ULL << 5)
#define CC_FS_MAKE_CHAR (1ULL << 6)
#define CC_FS_MAKE_DIR (1ULL << 7)
#define CC_FS_MAKE_REG (1ULL << 8)
#define CC_FS_MAKE_SOCK (1ULL << 9)
#define CC_FS_MAKE_FIFO (1ULL << 10)
#define CC_FS_MAKE_BLOCK (1ULL << 11)
#define CC_FS_MAKE_SYM (1ULL << 12)
#define CC_FS_REFER (1ULL << 13)    // ABI 2
#define CC_FS_TRUNCATE (1ULL << 14) // ABI 3
#define CC_NET_CONNECT_TCP (1ULL << 1)
#define CC_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define CC_SCOPE_SIGNAL (1ULL << 1)

/// Every right that changes the file system, as far as `abi` knows them. Reading and executing
/// are not handled, so they stay allowed everywhere.
static uint64_t write_rights(int abi) {
    uint64_t rights = CC_FS_WRITE_FILE | CC_FS_REMOVE_DIR | CC_FS_REMOVE_FILE | CC_FS_MAKE_CHAR | CC_FS_MAKE_DIR |
                      CC_FS_MAKE_REG | CC_FS_MAKE_SOCK | CC_FS_MAKE_FIFO | CC_FS_MAKE_BLOCK | CC_FS_MAKE_SYM;
    if (abi >= 2) rights |= CC_FS_REFER;
    if (abi >= 3) rights |= CC_FS_TRUNCATE;
    return rights;
}

int cclandlock_abi(void) {
    long abi = syscall(__NR_landlock_create_ruleset, NULL, 0, CC_CREATE_RULESET_VERSION);
    return abi < 0 ? -errno : (int)abi;
}

int cclandlock_create(int abi, int restrict_tcp_connect) {
    struct cc_ruleset_attr attr = {0};
    attr.handled_access_fs = write_rights(abi);
    if (restrict_tcp_connect && abi >= 4) attr.handled_access_net = CC_NET_CONNECT_TCP;
    if (abi >= 6) attr.scoped = CC_SCOPE_ABSTRACT_UNIX_SOCKET | CC_SCOPE_SIGNAL;
    // The kernel reads only as much of the structure as its ABI has fields for.
    size_t size = abi >= 6 ? sizeof attr : abi >= 4 ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
    long fd = syscall(__NR_landlock_create_ruleset, &attr, size, 0);
    return fd < 0 ? -errno : (int)fd;
}

int cclandlock_allow_writes(int ruleset, int abi, const char *path) {
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return -errno;
    struct stat info;
    if (fstat(fd, &info) != 0) {
        int saved = errno;
        close(fd);
        return -saved;
    }
    struct cc_path_beneath_attr rule = {0};
    // A file takes only the rights that apply to a file; a folder takes them all, for everything beneath.
    rule.allowed_access = S_ISDIR(info.st_mode) ? write_rights(abi)
                                                : (write_rights(abi) & (CC_FS_WRITE_FILE | CC_FS_TRUNCATE));
    rule.parent_fd = fd;
    long result = syscall(__NR_landlock_add_rule, ruleset, CC_RULE_PATH_BENEATH, &rule, 0);
    int saved = errno;
    close(fd);
    return result < 0 ? -saved : 0;
}

int cclandlock_allow_connect(int ruleset, unsigned short port) {
    struct cc_net_port_attr rule = {CC_NET_CONNECT_TCP, port};
    long result = syscall(__NR_landlock_add_rule, ruleset, CC_RULE_NET_PORT, &rule, 0);
    return result < 0 ? -errno : 0;
}

int cclandlock_restrict_self(int ruleset) {
    if (syscall(__NR_landlock_restrict_self, ruleset, 0) != 0) return -errno;
    return 0;
}

#else

int cclandlock_abi(void) { return -ENOSYS; }
int cclandlock_create(int abi, int restrict_tcp_connect) { return -ENOSYS; }
int cclandlock_allow_writes(int ruleset, int abi, const char *path) { return -ENOSYS; }
int cclandlock_allow_connect(int ruleset, unsigned short port) { return -ENOSYS; }
int cclandlock_restrict_self(int ruleset) { return -ENOSYS; }

#endif
