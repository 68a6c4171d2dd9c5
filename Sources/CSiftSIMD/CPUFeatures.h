// What the CPU offers, asked once per process: shared by the kernels of this target (not public).
#ifndef SIFT_CPU_FEATURES_H
#define SIFT_CPU_FEATURES_H

#if defined(__x86_64__) || defined(__i386__)
/// Whether the CPU runs AVX2 instructions.
int sift_cpu_has_avx2(void);
#endif

#endif
