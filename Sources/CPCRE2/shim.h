#ifndef CCTEAM_CPCRE2_SHIM_H
#define CCTEAM_CPCRE2_SHIM_H
/* A system-library target cannot set C flags: the code unit width is fixed here. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

/* PCRE2's size_t macros overflow Swift's Int literal import: expose them as functions. */
static inline size_t ccpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
static inline size_t ccpcre2_unset(void) { return PCRE2_UNSET; }

/* Swift's Glibc module hides memmem. */
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
#endif
