#ifndef CCTEAM_CGIT2_SHIM_H
#define CCTEAM_CGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/repository.h>

/// git_libgit2_opts is C-variadic, which Swift cannot call: wrap the options we use.
static inline int ccgit_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}
#endif
