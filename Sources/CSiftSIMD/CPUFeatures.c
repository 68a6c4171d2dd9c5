#include "CPUFeatures.h"

#if defined(__x86_64__) || defined(__i386__)
int sift_cpu_has_avx2(void) {
    // A benign race: every thread computes the same value.
    static int value = -1;
    if (value < 0) {
        __builtin_cpu_init();
        value = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return value;
}
#endif
