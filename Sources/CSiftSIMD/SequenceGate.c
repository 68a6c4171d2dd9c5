#include "CSiftSIMD.h"

#include <string.h>

#if defined(__x86_64__) || defined(_M_X64)
#define SIFT_X86 1
#include <immintrin.h>
#endif

// The sequence gate: where a rule that no literal filters can start, from the byte classes its
// matches begin with (see `sift_sequence_gate` in CSiftSIMD.h). One pass over the text, 64 starts
// per step; a start passes when each of its first `positions` bytes is in its class.
//
// - AVX-512 (VBMI): one 128-entry lookup (`vpermi2b`, zeroed for bytes of 0x80 and above) gives
//   each byte its positions' bits; for position `i` the lookups are moved `i` bytes down (a
//   `vpermt2b` over this step's and the next step's lookups) and bit `i` ORed into an
//   accumulator; a start passes where the accumulator has all `positions` bits. Two vector
//   instructions per position per 64 bytes.
// - AVX2: one membership bitmask per distinct class (the nibble tables of CharacterBits.c: a
//   shuffle per class per 32 bytes, the high-nibble shuffle shared), then per position the class's
//   mask moved down `i` bits, with the next step's bits carried in, ANDed.
// - portable: Shift-And over the `accepts` table, one byte at a time.
// The last starts (those whose bytes reach within 128 bytes of the text's end, or fewer than 64
// before `end`) run the SIMD step on a zero-padded copy; starts whose bytes would reach past the
// text's end are masked off, so padding never counts (a class may hold the byte 0).
//
// Measured 2026-12-01 with matcher-bench, SEQUENCE_GATE=ab, BENCH_CLOCK=cpu, 64 MiB, 9 runs, the
// configurations alternating run by run (medians; paired: the median of the per-run ratios):
// - generated text: engine 837.3 MiB/s without (`seq-`), 942.8 with (`seq+`), paired x1.13 (a third
//   configuration, the same as `seq+`, x1.13); same candidates and matches (3106);
// - Python sources: engine 1034.0 MiB/s without, 1104.5 with, paired x1.07 (x1.07); same 920 matches.
// (Final code; two earlier sessions of the same measurement, with the AVX-512 loop as it is now:
// generated 849.2 -> 950.0 and 842.2 -> 944.6 MiB/s, x1.11 and x1.12; Python sources
// 1048.8 -> 1129.7 and 1035.4 -> 1098.0, x1.08 and x1.06. The machine was loaded, load average 2-4
// on two cores.)
// The one gated rule of BenchRules, `\b[A-Z]{3}-[a-z]{3}\b` (gate: the three capitals and the
// hyphen), took 10.0 ms of PCRE2 per 64 MiB of generated text and 6.0 ms of Python sources; with
// the gate 1.6 ms (499 ranges of starts, 7 PCRE2 calls) and 1.9 ms (2849 ranges, 176 calls:
// `UTF-8` and the like pass), nearly all of it this kernel (EXPLAIN=1, one run).
// The per-class bitmasks of the AVX2 loop, taken from an AVX-512 lookup of class bits
// (`vptestmb`) and combined in general registers, took 5.8-6.8 ms per 64 MiB where the byte
// moves take 1.8-2.0 (C driver); byte moves by `vpalignr` instead of `vpermt2b` were no faster.

/// Starts `[from, end)` with the portable code, written relative to `start` after the `n` in `out`.
static size_t scan_scalar(const sift_sequence_gate *g, const uint8_t *text, size_t length, size_t start, size_t from,
                          size_t end, uint32_t *out, size_t n) {
    const uint32_t m = g->positions;
    if (from >= end || length - from < m) return n;
    // Starts `from ..< last` have all their bytes in the text.
    size_t last = length - m + 1 < end ? length - m + 1 : end;
    uint32_t state = 0;
    const uint32_t accept = 1u << (m - 1);
    for (size_t q = from; q < last + m - 1; q++) {
        uint8_t byte = text[q];
        state = ((state << 1) | 1) & (byte < 0x80 ? g->accepts[byte] : 0);
        if (q + 1 >= from + m) {
            // The start `q + 1 - m` passes when the last position's bit is set.
            out[n] = (uint32_t)(q + 1 - m - start);
            n += (state & accept) != 0;
        }
    }
    return n;
}

/// Writes the starts of `mask` (bit `j`: start `offset + j`) to `out`; returns how many.
static inline size_t emit(uint32_t *out, uint64_t mask, size_t offset) {
    size_t n = 0;
    while (mask) {
        out[n++] = (uint32_t)(offset + (size_t)__builtin_ctzll(mask));
        mask &= mask - 1;
    }
    return n;
}

/// The starts among `p ..< p + 64` (bits) that the padded tail may count: below `end`, and with all
/// their bytes before `length`.
static inline uint64_t tail_mask(size_t p, size_t end, size_t length, uint32_t m) {
    uint64_t mask = end - p >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (end - p)) - 1;
    if (length - p < m) return 0;
    size_t fit = length - p - m + 1;  // starts p ..< p + fit have their bytes in the text
    if (fit < 64) mask &= ((uint64_t)1 << fit) - 1;
    return mask;
}

#ifdef SIFT_X86
#define AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi")))

/// Each of the 64 bytes at `x` as the bits of the positions that accept it (0 for 0x80 and above).
AVX512 __attribute__((always_inline))
static inline __m512i lookup64(__m512i x, __m512i low_half, __m512i high_half) {
    return _mm512_maskz_permutex2var_epi8(~_mm512_movepi8_mask(x), low_half, x, high_half);
}

/// The starts among the 64 whose lookups are `t` (and the next 64's `next`), as bits.
AVX512 __attribute__((always_inline))
static inline uint64_t starts64(__m512i t, __m512i next, const __m512i *down, const __m512i *bit, __m512i all,
                                uint32_t m) {
    __m512i s = _mm512_and_si512(t, bit[0]);
    for (uint32_t i = 1; i < m; i++) {
        __m512i moved = _mm512_permutex2var_epi8(t, down[i], next);
        s = _mm512_ternarylogic_epi32(s, moved, bit[i], 0xF8);  // s | (moved & bit)
    }
    return _mm512_cmpeq_epi8_mask(s, all);
}

/// The AVX-512 loop for `m` positions (a constant where `scan_avx512` calls it).
AVX512 __attribute__((always_inline))
static inline size_t scan_avx512_positions(const sift_sequence_gate *g, const uint8_t *text, size_t length,
                                           size_t start, size_t end, uint32_t *out, const uint32_t m) {
    const __m512i low_half = _mm512_loadu_si512((const void *)g->accepts);
    const __m512i high_half = _mm512_loadu_si512((const void *)(g->accepts + 64));
    const __m512i lanes = _mm512_set_epi8(
        63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40,
        39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16,
        15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    __m512i down[8], bit[8];
    for (uint32_t i = 0; i < 8; i++) {
        // Lane j takes byte j + i of this step's and the next step's lookups (indices 64 and up).
        down[i] = _mm512_add_epi8(lanes, _mm512_set1_epi8((char)i));
        bit[i] = _mm512_set1_epi8((char)(1u << i));
    }
    const __m512i all = _mm512_set1_epi8((char)((1u << m) - 1));
    size_t n = 0;
    size_t p = start;
    if (p + 64 <= end && p + 128 <= length) {
        __m512i t = lookup64(_mm512_loadu_si512((const void *)(text + p)), low_half, high_half);
        for (; p + 64 <= end && p + 128 <= length; p += 64) {
            __m512i next = lookup64(_mm512_loadu_si512((const void *)(text + p + 64)), low_half, high_half);
            n += emit(out + n, starts64(t, next, down, bit, all, m), p - start);
            t = next;
        }
    }
    for (; p < end; p += 64) {
        uint8_t window[128];
        memset(window, 0, sizeof window);
        memcpy(window, text + p, length - p < sizeof window ? length - p : sizeof window);
        __m512i t = lookup64(_mm512_loadu_si512((const void *)window), low_half, high_half);
        __m512i next = lookup64(_mm512_loadu_si512((const void *)(window + 64)), low_half, high_half);
        n += emit(out + n, starts64(t, next, down, bit, all, m) & tail_mask(p, end, length, m), p - start);
    }
    return n;
}

/// One loop per number of positions: with `m` a constant the position loop unrolls and its
/// constants stay in registers (C driver, 16 KiB of Python-like text, per 64 MiB: four positions
/// 2.5 ms with `m` read from the gate, 1.8 ms with it constant; the same for the AVX2 loop, with
/// its class bits swapped by pointer instead of copied: 5.3 -> 4.4 ms, seven positions 7.6 -> 5.8).
AVX512
static size_t scan_avx512(const sift_sequence_gate *g, const uint8_t *text, size_t length, size_t start, size_t end,
                          uint32_t *out) {
    switch (g->positions) {
    case 2: return scan_avx512_positions(g, text, length, start, end, out, 2);
    case 3: return scan_avx512_positions(g, text, length, start, end, out, 3);
    case 4: return scan_avx512_positions(g, text, length, start, end, out, 4);
    case 5: return scan_avx512_positions(g, text, length, start, end, out, 5);
    case 6: return scan_avx512_positions(g, text, length, start, end, out, 6);
    case 7: return scan_avx512_positions(g, text, length, start, end, out, 7);
    default: return scan_avx512_positions(g, text, length, start, end, out, 8);
    }
}

/// The membership bits of the 32 bytes whose low nibbles are `low` in the class of nibble table
/// `table`, given the high nibbles' bits `high`.
__attribute__((target("avx2"), always_inline))
static inline uint32_t class32(__m256i table, __m256i low, __m256i high) {
    __m256i hit = _mm256_and_si256(_mm256_shuffle_epi8(table, low), high);
    return ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hit, _mm256_setzero_si256()));
}

/// For each distinct class, the membership bits of the 64 bytes at `bytes`.
__attribute__((target("avx2"), always_inline))
static inline void classes64(const sift_sequence_gate *g, const __m256i *tables, const uint8_t *bytes, uint64_t *out) {
    const __m256i nibble = _mm256_set1_epi8(15);
    // Bit `h` for the high nibbles 0-7; 0 for 8-15 (bytes of 0x80 and above).
    const __m256i high_bits = _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0,
                                               1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0);
    __m256i a = _mm256_loadu_si256((const __m256i *)bytes);
    __m256i b = _mm256_loadu_si256((const __m256i *)(bytes + 32));
    __m256i a_low = _mm256_and_si256(a, nibble), b_low = _mm256_and_si256(b, nibble);
    __m256i a_high = _mm256_shuffle_epi8(high_bits, _mm256_and_si256(_mm256_srli_epi16(a, 4), nibble));
    __m256i b_high = _mm256_shuffle_epi8(high_bits, _mm256_and_si256(_mm256_srli_epi16(b, 4), nibble));
    for (uint32_t c = 0; c < g->class_count; c++) {
        out[c] = (uint64_t)class32(tables[c], a_low, a_high) | (uint64_t)class32(tables[c], b_low, b_high) << 32;
    }
}

/// The starts among 64 whose classes' bits are `bits` (and the next 64's `next`), as bits, for `m`
/// positions.
__attribute__((always_inline))
static inline uint64_t combine64(const sift_sequence_gate *g, const uint64_t *bits, const uint64_t *next,
                                 const uint32_t m) {
    uint64_t s = bits[g->class_of[0]];
    for (uint32_t i = 1; i < m; i++) {
        uint32_t c = g->class_of[i];
        s &= bits[c] >> i | next[c] << (64 - i);
    }
    return s;
}

/// The AVX2 loop for `m` positions (a constant where `scan_avx2` calls it).
__attribute__((target("avx2"), always_inline))
static inline size_t scan_avx2_positions(const sift_sequence_gate *g, const uint8_t *text, size_t length,
                                         size_t start, size_t end, uint32_t *out, const uint32_t m) {
    __m256i tables[8];
    for (uint32_t c = 0; c < g->class_count; c++) {
        tables[c] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)g->tables[c]));
    }
    // This step's and the next step's class bits, swapped from step to step.
    uint64_t rows[2][8];
    uint64_t *bits = rows[0], *next = rows[1];
    size_t n = 0;
    size_t p = start;
    if (p + 64 <= end && p + 128 <= length) {
        classes64(g, tables, text + p, bits);
        for (; p + 64 <= end && p + 128 <= length; p += 64) {
            classes64(g, tables, text + p + 64, next);
            n += emit(out + n, combine64(g, bits, next, m), p - start);
            uint64_t *done = bits;
            bits = next;
            next = done;
        }
    }
    for (; p < end; p += 64) {
        uint8_t window[128];
        memset(window, 0, sizeof window);
        memcpy(window, text + p, length - p < sizeof window ? length - p : sizeof window);
        classes64(g, tables, window, bits);
        classes64(g, tables, window + 64, next);
        n += emit(out + n, combine64(g, bits, next, m) & tail_mask(p, end, length, m), p - start);
    }
    return n;
}

__attribute__((target("avx2")))
static size_t scan_avx2(const sift_sequence_gate *g, const uint8_t *text, size_t length, size_t start, size_t end,
                        uint32_t *out) {
    switch (g->positions) {
    case 2: return scan_avx2_positions(g, text, length, start, end, out, 2);
    case 3: return scan_avx2_positions(g, text, length, start, end, out, 3);
    case 4: return scan_avx2_positions(g, text, length, start, end, out, 4);
    case 5: return scan_avx2_positions(g, text, length, start, end, out, 5);
    case 6: return scan_avx2_positions(g, text, length, start, end, out, 6);
    case 7: return scan_avx2_positions(g, text, length, start, end, out, 7);
    default: return scan_avx2_positions(g, text, length, start, end, out, 8);
    }
}
#endif

size_t sift_sequence_gate_scan_at_level(const sift_sequence_gate *g, const uint8_t *text, size_t length,
                                        size_t start, size_t end, uint32_t *out, int wanted) {
#ifdef SIFT_X86
    int available = sift_gram_filter_simd_level();
    switch (wanted < available ? wanted : available) {
    case 2: return scan_avx512(g, text, length, start, end, out);
    case 1: return scan_avx2(g, text, length, start, end, out);
    default: break;
    }
#else
    (void)wanted;  // only the portable code here
#endif
    return scan_scalar(g, text, length, start, start, end, out, 0);
}

size_t sift_sequence_gate_scan(const sift_sequence_gate *g, const uint8_t *text, size_t length, size_t start,
                               size_t end, uint32_t *out) {
    return sift_sequence_gate_scan_at_level(g, text, length, start, end, out, 2);
}
