#include "CSiftSIMD.h"

#include <string.h>

#if defined(__x86_64__) || defined(_M_X64)
#define SIFT_X86 1
#include <immintrin.h>
#endif

// The bucket filter (Hyperscan's FDR, anchored at starts): see `sift_bucket_filter` in CSiftSIMD.h.
//
// Why this shape (measured 2026-12-01 with a C driver over 8 MiB of matcher-bench's texts and
// BenchRules' 804 literals, kernels alternating in one process, medians of 15; the machine was
// loaded, so only the ratios in one run count):
// - one 16-lane gather of 32-bit masks per 16 positions, where the gram filter gathers twice:
//   0.30-0.46 ns/byte against the gram filter's 0.61-1.13 in the same runs (x1.9-2.9, generated
//   text and Python sources alike); its gathers are most of its time;
// - 8 buckets x 4 offsets fit a 32-bit mask; 13 bits of domain (the first byte and five bits of
//   the second: all letters and digits apart) a 32 KiB table. Which literals share a bucket
//   decides the rest: sorted by bytes, 3.6 % of generated text passes (`dd-` and `4dd` in one
//   bucket let every `ddd` through); sorted by length and the shapes of their first bytes, 2.6 %
//   (Python sources 1.2 %); moved between buckets by an estimate from byte frequencies
//   (BucketAssignment.swift), 1.75 % and 0.67 %, against the gram filter's 2.4 % and 0.88 %
//   (1.26 % and 0.39 % start an occurrence);
// - 16 buckets x 4 offsets (a 64-bit mask) let fewer through (1.9 % sorted by shape) but need a
//   64-bit gather per position: the qword gathers of the earlier one-gather attempt in
//   GramFilter.c alone cost 0.50 ns/byte;
// - the same FDR with scalar loads, 16 buckets x 4 offsets in a 64-bit word (fewer positions pass
//   it alone: 1.9 %), took 1.07-1.29 ns/byte: ten instructions per position (a load of the
//   domain, a table load, two shifts, two ORs, the test), where the SIMD loop needs about one;
// - 14 or 16 bits of domain (64 or 256 KiB) passed 3.6 % and 3.4 % (sorted by bytes) and were
//   no faster;
// - perf: about half the loop's samples wait on the gather; a compress in a register and a plain
//   store instead of the compressing store was within the noise (0.449 against 0.459 ns/byte);
// - the gram filter's test of just these positions (branch-free scalar code, as a second stage)
//   left 1.53 % and 0.56 % for the start table, but cost more than it saved: matcher-bench without
//   it, in-process A/B, 48-64 MiB, 11 runs, four times (2026-12-01): prefilter x1.04-1.16 and
//   engine x1.03-1.09, where the unchanged configuration measured x0.73-1.04 and x0.91-1.05.

/// The little-endian 32-bit mask of the domain at `p`: the bytes at `p` and `p + 1`, zero past
/// `length`.
static inline uint32_t mask_at(const sift_bucket_filter *f, const uint8_t *text, size_t length, size_t p) {
    uint32_t b0 = p < length ? text[p] : 0;
    uint32_t b1 = p + 1 < length ? text[p + 1] : 0;
    return f->masks[(b0 | b1 << 8) & f->domain_mask];
}

/// Starts `[from, end)`, written relative to `start` after the `n` already in `out`.
static size_t scan_scalar(const sift_bucket_filter *f, const uint8_t *text, size_t length, size_t start, size_t from,
                          size_t end, uint32_t *out, size_t n) {
    if (from >= end) return n;
    // The masks of the four domains a start reads, rolled along: byte j of e[j] is offset j's.
    uint32_t e0 = mask_at(f, text, length, from), e1 = mask_at(f, text, length, from + 1);
    uint32_t e2 = mask_at(f, text, length, from + 2);
    for (size_t p = from; p < end; p++) {
        uint32_t e3 = mask_at(f, text, length, p + 3);
        uint32_t c = (e0 | e1 >> 8 | e2 >> 16 | e3 >> 24) & 0xFF;
        out[n] = (uint32_t)(p - start);
        n += c != 0xFF;
        e0 = e1;
        e1 = e2;
        e2 = e3;
    }
    return n;
}

size_t sift_bucket_filter_scan_scalar(const sift_bucket_filter *f, const uint8_t *text, size_t length, size_t start,
                                      size_t end, uint32_t *out) {
    return scan_scalar(f, text, length, start, start, end, out, 0);
}

#ifdef SIFT_X86
/// The masks of the sixteen domains at `p ..< p + 16`, from `p[0 ..< 32]`.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi"), always_inline))
static inline __m512i gather16(const sift_bucket_filter *f, __m512i spread, __m512i domain, const uint8_t *p) {
    __m256i raw = _mm256_loadu_si256((const __m256i *)p);
    __m512i index = _mm512_and_si512(_mm512_permutexvar_epi8(spread, _mm512_castsi256_si512(raw)), domain);
    return _mm512_i32gather_epi32(index, (const int *)f->masks, 4);
}

/// The starts among sixteen whose masks are `g` (and the next sixteen's `next`) that pass: lane
/// `i` ORs byte 0 of mask `i`, byte 1 of `i + 1`, byte 2 of `i + 2` and byte 3 of `i + 3` into its
/// top byte, which has a clear bit where some bucket matched at all four offsets.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi"), always_inline))
static inline __mmask16 pass16(__m512i g, __m512i next) {
    __m512i a1 = _mm512_alignr_epi32(next, g, 1);
    __m512i a2 = _mm512_alignr_epi32(next, g, 2);
    __m512i a3 = _mm512_alignr_epi32(next, g, 3);
    __m512i c = _mm512_ternarylogic_epi32(_mm512_slli_epi32(g, 24), _mm512_slli_epi32(a1, 16),
                                          _mm512_slli_epi32(a2, 8), 0xFE);  // a | b | c
    return _mm512_cmplt_epu32_mask(_mm512_or_si512(c, a3), _mm512_set1_epi32((int)0xFF000000u));
}

/// Writes the starts of `mask` (lanes from `offset`) to `out`; returns how many.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi"), always_inline))
static inline size_t emit16(uint32_t *out, __mmask16 mask, size_t offset, __m512i lanes) {
    _mm512_mask_compressstoreu_epi32(out, mask, _mm512_add_epi32(_mm512_set1_epi32((int)offset), lanes));
    return (size_t)__builtin_popcount((unsigned)mask);
}

/// 16 starts per step, from one gather of the masks of the next sixteen domains (reads 32 bytes
/// from 16 positions ahead: needs p + 48 <= length). The last starts (fewer than 16 before `end`,
/// or too close to the text's end) are done the same way from a zero-padded copy of the rest.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi")))
static size_t scan_avx512(const sift_bucket_filter *f, const uint8_t *text, size_t length, size_t start, size_t end,
                          uint32_t *out) {
    const __m512i spread = _mm512_set_epi8(
        18, 17, 16, 15, 17, 16, 15, 14, 16, 15, 14, 13, 15, 14, 13, 12, 14, 13, 12, 11, 13, 12, 11, 10,
        12, 11, 10, 9, 11, 10, 9, 8, 10, 9, 8, 7, 9, 8, 7, 6, 8, 7, 6, 5, 7, 6, 5, 4, 6, 5, 4, 3, 5, 4, 3, 2,
        4, 3, 2, 1, 3, 2, 1, 0);
    const __m512i domain = _mm512_set1_epi32((int)f->domain_mask);
    const __m512i lanes = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    size_t n = 0;
    size_t p = start;
    if (p + 16 <= end && p + 48 <= length) {
        __m512i g = gather16(f, spread, domain, text + p);
        for (; p + 16 <= end && p + 48 <= length; p += 16) {
            __m512i next = gather16(f, spread, domain, text + p + 16);
            n += emit16(out + n, pass16(g, next), p - start, lanes);
            g = next;
        }
    }
    for (; p < end; p += 16) {
        // Starts p ..< p + 16 read p ..< p + 20; the copy holds 48 bytes for the two gathers.
        uint8_t window[48];
        memset(window, 0, sizeof window);
        size_t available = length - p < sizeof window ? length - p : sizeof window;
        memcpy(window, text + p, available);
        __mmask16 mask = pass16(gather16(f, spread, domain, window), gather16(f, spread, domain, window + 16));
        if (end - p < 16) mask &= (__mmask16)((1u << (end - p)) - 1);
        n += emit16(out + n, mask, p - start, lanes);
    }
    return n;
}

/// The masks of the eight domains at `p ..< p + 8`, from `p[0 ..< 16]`.
__attribute__((target("avx2"), always_inline))
static inline __m256i gather8(const sift_bucket_filter *f, __m256i spread, __m256i domain, const uint8_t *p) {
    __m128i raw = _mm_loadu_si128((const __m128i *)p);
    __m256i index = _mm256_and_si256(_mm256_shuffle_epi8(_mm256_broadcastsi128_si256(raw), spread), domain);
    return _mm256_i32gather_epi32((const int *)f->masks, index, 4);
}

/// As `pass16`, for eight starts: a bit per start that passes.
__attribute__((target("avx2"), always_inline))
static inline unsigned pass8(__m256i g, __m256i next) {
    __m256i middle = _mm256_permute2x128_si256(g, next, 0x21);  // masks 4 ..< 12
    __m256i a1 = _mm256_alignr_epi8(middle, g, 4);
    __m256i a2 = _mm256_alignr_epi8(middle, g, 8);
    __m256i a3 = _mm256_alignr_epi8(middle, g, 12);
    __m256i c = _mm256_or_si256(_mm256_or_si256(_mm256_slli_epi32(g, 24), _mm256_slli_epi32(a1, 16)),
                                _mm256_or_si256(_mm256_slli_epi32(a2, 8), a3));
    // Passes where the top byte has a clear bit: where the top byte of ~c is not zero.
    __m256i clear = _mm256_andnot_si256(c, _mm256_set1_epi32((int)0xFF000000u));
    __m256i none = _mm256_cmpeq_epi32(clear, _mm256_setzero_si256());
    return ~(unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(none)) & 0xFFu;
}

/// 8 starts per step, as the AVX-512 loop (reads 16 bytes from 8 positions ahead: needs
/// p + 24 <= length).
__attribute__((target("avx2")))
static size_t scan_avx2(const sift_bucket_filter *f, const uint8_t *text, size_t length, size_t start, size_t end,
                        uint32_t *out) {
    const __m256i spread = _mm256_setr_epi8(0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6,
                                            4, 5, 6, 7, 5, 6, 7, 8, 6, 7, 8, 9, 7, 8, 9, 10);
    const __m256i domain = _mm256_set1_epi32((int)f->domain_mask);
    size_t n = 0;
    size_t p = start;
    if (p + 8 <= end && p + 24 <= length) {
        __m256i g = gather8(f, spread, domain, text + p);
        for (; p + 8 <= end && p + 24 <= length; p += 8) {
            __m256i next = gather8(f, spread, domain, text + p + 8);
            unsigned mask = pass8(g, next);
            uint32_t base = (uint32_t)(p - start);
            while (mask) {
                out[n++] = base + (uint32_t)__builtin_ctz(mask);
                mask &= mask - 1;
            }
            g = next;
        }
    }
    // The rest with the portable code (same answers).
    return scan_scalar(f, text, length, start, p, end, out, n);
}
#endif

size_t sift_bucket_filter_scan_at_level(const sift_bucket_filter *f, const uint8_t *text, size_t length,
                                        size_t start, size_t end, uint32_t *out, int wanted) {
#ifdef SIFT_X86
    int available = sift_gram_filter_simd_level();
    switch (wanted < available ? wanted : available) {
    case 2: return scan_avx512(f, text, length, start, end, out);
    case 1: return scan_avx2(f, text, length, start, end, out);
    default: break;
    }
#else
    (void)wanted;  // only the portable code here
#endif
    return sift_bucket_filter_scan_scalar(f, text, length, start, end, out);
}

size_t sift_bucket_filter_scan(const sift_bucket_filter *f, const uint8_t *text, size_t length, size_t start,
                               size_t end, uint32_t *out) {
    return sift_bucket_filter_scan_at_level(f, text, length, start, end, out, 2);
}
