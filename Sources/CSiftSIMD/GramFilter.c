#include "CSiftSIMD.h"

#include <string.h>

#if defined(__x86_64__) || defined(_M_X64)
#define SIFT_X86 1
#include <immintrin.h>
#endif

#define SIFT_HASH 0x9E3779B1u

static inline uint32_t load32(const uint8_t *p) {
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

/// ASCII lowercase of the four bytes of `w`.
static inline uint32_t fold4(uint32_t w) {
    uint32_t low = w & 0x7F7F7F7Fu;
    uint32_t atLeastA = low + 0x3F3F3F3Fu;  // bit 7 set where low >= 0x41
    uint32_t aboveZ = low + 0x25252525u;    // bit 7 set where low >= 0x5B
    uint32_t upper = atLeastA & ~aboveZ & ~w & 0x80808080u;
    return w | (upper >> 2);
}

static inline uint32_t test_bit(const uint64_t *bits, uint32_t index) {
    return (uint32_t)(bits[index >> 6] >> (index & 63)) & 1u;
}

/// Positions whose 4-byte window would run past the end: padded with zeros.
static size_t scan_tail(const sift_gram_filter *f, const uint8_t *text, size_t length, size_t start,
                        size_t from, size_t end, uint32_t *out, size_t n) {
    for (size_t p = from; p < end; p++) {
        uint8_t window[4] = {0, 0, 0, 0};
        size_t available = length - p < 4 ? length - p : 4;
        memcpy(window, text + p, available);
        uint32_t raw = load32(window);
        uint32_t hit = test_bit(f->pairs, raw & 0xFFFFFu);
        if (available == 4) hit |= test_bit(f->grams, (fold4(raw) * SIFT_HASH) >> f->gram_shift);
        out[n] = (uint32_t)(p - start);
        n += hit;
    }
    return n;
}

/// Positions `[from, end)`, written relative to `start` after the `n` already in `out`.
static size_t scan_scalar(const sift_gram_filter *f, const uint8_t *text, size_t length, size_t start,
                          size_t from, size_t end, uint32_t *out, size_t n) {
    size_t fast = length >= 4 ? length - 3 : 0;
    if (fast > end) fast = end;
    if (fast < from) fast = from;
    const uint64_t *pairs = f->pairs;
    const uint64_t *grams = f->grams;
    const uint32_t shift = f->gram_shift;
    for (size_t p = from; p < fast; p++) {
        uint32_t raw = load32(text + p);
        uint32_t hit = test_bit(pairs, raw & 0xFFFFFu) | test_bit(grams, (fold4(raw) * SIFT_HASH) >> shift);
        out[n] = (uint32_t)(p - start);
        n += hit;
    }
    return scan_tail(f, text, length, start, fast, end, out, n);
}

size_t sift_gram_filter_scan_scalar(const sift_gram_filter *f, const uint8_t *text, size_t length,
                                    size_t start, size_t end, uint32_t *out) {
    return scan_scalar(f, text, length, start, start, end, out, 0);
}

/// Where a SIMD loop over positions `start..<end` stops: the last position it may take is below
/// `end`, it reads `read` bytes from each step's first position (inside the `length` bytes of the
/// text), and it advances `step` positions at a time (a power of two). The scalar code does the rest.
static inline size_t simd_end(size_t length, size_t start, size_t end, size_t read, size_t step) {
    if (length < read) return start;
    size_t last = length - read + 1;  // p < last
    size_t limit = end < last ? end : last;
    return limit > start ? start + ((limit - start) & ~(step - 1)) : start;
}

#ifdef SIFT_X86
__attribute__((target("avx2")))
static size_t scan_avx2(const sift_gram_filter *f, const uint8_t *text, size_t length, size_t start,
                        size_t end, uint32_t *out) {
    // 8 positions per step, read from 16 bytes: needs p + 16 <= length.
    size_t fast = simd_end(length, start, end, 16, 8);
    const int *pairs = (const int *)f->pairs;
    const int *grams = (const int *)f->grams;
    const __m128i shiftCount = _mm_cvtsi32_si128((int)f->gram_shift);
    const __m256i multiplier = _mm256_set1_epi32((int)SIFT_HASH);
    const __m256i spread = _mm256_setr_epi8(0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6,
                                            4, 5, 6, 7, 5, 6, 7, 8, 6, 7, 8, 9, 7, 8, 9, 10);
    const __m256i low20 = _mm256_set1_epi32(0xFFFFF);
    const __m256i low5 = _mm256_set1_epi32(31);
    const __m256i one = _mm256_set1_epi32(1);
    const __m128i beforeA = _mm_set1_epi8('A' - 1);
    const __m128i afterZ = _mm_set1_epi8('Z' + 1);
    const __m128i caseBit = _mm_set1_epi8(0x20);
    size_t n = 0;
    for (size_t p = start; p < fast; p += 8) {
        __m128i raw = _mm_loadu_si128((const __m128i *)(text + p));
        // Signed compares: bytes >= 0x80 are negative, so never upper case.
        __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(raw, beforeA), _mm_cmplt_epi8(raw, afterZ));
        __m128i bytes = _mm_or_si128(raw, _mm_and_si128(upper, caseBit));
        __m256i words = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(bytes), spread);
        __m256i rawWords = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(raw), spread);
        __m256i pairIndex = _mm256_and_si256(rawWords, low20);
        __m256i gramIndex = _mm256_srl_epi32(_mm256_mullo_epi32(words, multiplier), shiftCount);
        __m256i pairWords = _mm256_i32gather_epi32(pairs, _mm256_srli_epi32(pairIndex, 5), 4);
        __m256i gramWords = _mm256_i32gather_epi32(grams, _mm256_srli_epi32(gramIndex, 5), 4);
        __m256i pairBits = _mm256_srlv_epi32(pairWords, _mm256_and_si256(pairIndex, low5));
        __m256i gramBits = _mm256_srlv_epi32(gramWords, _mm256_and_si256(gramIndex, low5));
        __m256i hits = _mm256_and_si256(_mm256_or_si256(pairBits, gramBits), one);
        uint32_t mask = (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32(hits, 31)));
        uint32_t base = (uint32_t)(p - start);
        while (mask) {
            out[n++] = base + (uint32_t)__builtin_ctz(mask);
            mask &= mask - 1;
        }
    }
    // The rest with the scalar code (same answers).
    return scan_scalar(f, text, length, start, fast, end, out, n);
}

/// 16 positions per step, read from 32 bytes (needs p + 32 <= length): one byte permute forms the
/// sixteen 4-byte windows, two 16-lane gathers test them, a compressing store writes the hits.
///
/// Since 2026-12-01 the bucket filter (BucketFilter.c: one gather per 16 positions, 0.36 against
/// this loop's 0.70 ns/byte) replaces this filter by default; it runs with
/// `CompiledRuleSet.Options.bucketFilter` off.
///
/// The gathers are most of this loop's time (perf: the samples sit on the instructions that wait
/// for them), but two ways to do fewer or cheaper ones did not pay (2026-12-01, `matcher-bench`,
/// generated text, 32 MiB; the machine was loaded, so compared in one process or as the ratio to
/// the unchanged DFA in the same run):
/// - a pair table of 32 KiB instead of 128 KiB (seven bits of each byte; ASCII text then reads
///   half as many cache lines): in-process A/B 494 / 728 MiB/s before, 502 / 620 after;
/// - a bucket test in front of the gathers (three VPERMI2B lookups of 128-entry tables for the
///   bytes at p, p + 1, p + 2, 64 positions per step; only the windows that pass are compressed
///   into a queue and gathered 16 at a time): prefilter / DFA 1.18-1.38 against 1.28-1.50 for
///   this loop. Too many positions pass eight buckets of 800 literals (a Teddy filter alone let
///   23 % through) for the compressing and the queue to be cheaper than the gathers they save.
/// - one gathered element per position instead of two (a 64-bit word per pair of raw first bytes,
///   2^16 of them: bit `b2 & 15` for literals of 1-3 bytes, two hashed bits of the folded third and
///   fourth bytes among bits 32-63 for longer ones; one byte permute per 8 positions laid out each
///   64-bit lane, a multiply and a VPSHUFBITQMB picked the bits). As selective (2.37 % of generated
///   text passes, 0.76 % of Python sources against 0.85 %) and the gathers alone cost 0.50 ns/byte
///   against this loop's 0.70, but with the lane layout, hash and bit tests the loop took 0.72-0.85
///   (C driver over the same 4 MiB, 2026-12-01); in matcher-bench, in-process A/B, prefilter x0.88
///   to x1.01 against this loop.
/// - one 16-lane gather of a 32-bit word per pair of raw first bytes (16 bits for the third byte's
///   nibble, 16 for a 4-bit hash of the folded third and fourth bytes of longer literals), and the
///   hashed 4-byte gather only in steps where some lane needs it (a masked gather costs the same
///   whatever its mask, so it must be branched around): fewer positions pass (generated text -6 %,
///   Python sources -17 %), but about a third of the steps still gather twice and the branch
///   mispredicts: x0.75-0.88 on generated text, x1.00-1.32 on Python sources (same C driver).
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi")))
static size_t scan_avx512(const sift_gram_filter *f, const uint8_t *text, size_t length, size_t start,
                          size_t end, uint32_t *out) {
    size_t fast = simd_end(length, start, end, 32, 16);
    const __m512i multiplier = _mm512_set1_epi32((int)SIFT_HASH);
    const __m512i spread = _mm512_set_epi8(
        18, 17, 16, 15, 17, 16, 15, 14, 16, 15, 14, 13, 15, 14, 13, 12, 14, 13, 12, 11, 13, 12, 11, 10,
        12, 11, 10, 9, 11, 10, 9, 8, 10, 9, 8, 7, 9, 8, 7, 6, 8, 7, 6, 5, 7, 6, 5, 4, 6, 5, 4, 3, 5, 4, 3, 2,
        4, 3, 2, 1, 3, 2, 1, 0);
    const __m512i low20 = _mm512_set1_epi32(0xFFFFF);
    const __m512i low5 = _mm512_set1_epi32(31);
    const __m512i one = _mm512_set1_epi32(1);
    const __m512i lanes = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m128i shiftCount = _mm_cvtsi32_si128((int)f->gram_shift);
    const __m256i beforeA = _mm256_set1_epi8('A' - 1);
    const __m256i afterZ = _mm256_set1_epi8('Z' + 1);
    const __m256i caseBit = _mm256_set1_epi8(0x20);
    size_t n = 0;
    for (size_t p = start; p < fast; p += 16) {
        __m256i raw = _mm256_loadu_si256((const __m256i *)(text + p));
        // Signed compares: bytes >= 0x80 are negative, so never upper case.
        __m256i upper = _mm256_and_si256(_mm256_cmpgt_epi8(raw, beforeA), _mm256_cmpgt_epi8(afterZ, raw));
        __m256i bytes = _mm256_or_si256(raw, _mm256_and_si256(upper, caseBit));
        __m512i words = _mm512_permutexvar_epi8(spread, _mm512_castsi256_si512(bytes));
        __m512i rawWords = _mm512_permutexvar_epi8(spread, _mm512_castsi256_si512(raw));
        __m512i pairIndex = _mm512_and_si512(rawWords, low20);
        __m512i gramIndex = _mm512_srl_epi32(_mm512_mullo_epi32(words, multiplier), shiftCount);
        __m512i pairWords = _mm512_i32gather_epi32(_mm512_srli_epi32(pairIndex, 5), (const int *)f->pairs, 4);
        __m512i gramWords = _mm512_i32gather_epi32(_mm512_srli_epi32(gramIndex, 5), (const int *)f->grams, 4);
        __m512i bits = _mm512_or_si512(_mm512_srlv_epi32(pairWords, _mm512_and_si512(pairIndex, low5)),
                                       _mm512_srlv_epi32(gramWords, _mm512_and_si512(gramIndex, low5)));
        __mmask16 mask = _mm512_test_epi32_mask(bits, one);
        __m512i positions = _mm512_add_epi32(_mm512_set1_epi32((int)(p - start)), lanes);
        _mm512_mask_compressstoreu_epi32(out + n, mask, positions);
        n += (size_t)__builtin_popcount((unsigned)mask);
    }
    return scan_scalar(f, text, length, start, fast, end, out, n);
}
#endif

static int level(void) {
#ifdef SIFT_X86
    static int cached = -1;  // read and written atomically: any thread may ask first
    int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (value < 0) {
        __builtin_cpu_init();
        value = 0;
        if (__builtin_cpu_supports("avx2")) value = 1;
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi"))
            value = 2;
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return value;
#else
    return 0;
#endif
}

int sift_gram_filter_simd_level(void) { return level(); }

size_t sift_gram_filter_scan(const sift_gram_filter *f, const uint8_t *text, size_t length, size_t start,
                             size_t end, uint32_t *out) {
    return sift_gram_filter_scan_at_level(f, text, length, start, end, out, level());
}

size_t sift_gram_filter_scan_at_level(const sift_gram_filter *f, const uint8_t *text, size_t length,
                                      size_t start, size_t end, uint32_t *out, int wanted) {
#ifdef SIFT_X86
    int available = level();
    switch (wanted < available ? wanted : available) {
    case 2: return scan_avx512(f, text, length, start, end, out);
    case 1: return scan_avx2(f, text, length, start, end, out);
    default: break;
    }
#else
    (void)wanted;  // only the portable code here
#endif
    return sift_gram_filter_scan_scalar(f, text, length, start, end, out);
}
