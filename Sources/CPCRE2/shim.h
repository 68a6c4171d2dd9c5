#ifndef SIFT_CPCRE2_SHIM_H
#define SIFT_CPCRE2_SHIM_H

// Sift uses the 8-bit code unit library only. PCRE2's public names are macros that expand to the
// width-suffixed symbols (pcre2_compile -> pcre2_compile_8); Swift cannot import function-like
// macros, so Swift code calls the `_8` symbols directly.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Constants that are defined as macro expressions Swift does not import.
static inline size_t cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }

#endif
