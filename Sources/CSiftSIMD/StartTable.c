#include "CSiftSIMD.h"

#include <string.h>

#if defined(__x86_64__) || defined(_M_X64)
#define SIFT_X86 1
#include <immintrin.h>
#endif

#define SIFT_HASH 0x9E3779B1u

/// ASCII lowercase of the four bytes of `w` (as in GramFilter.c).
static inline uint32_t fold4(uint32_t w) {
    uint32_t low = w & 0x7F7F7F7Fu;
    uint32_t atLeastA = low + 0x3F3F3F3Fu;
    uint32_t aboveZ = low + 0x25252525u;
    uint32_t upper = atLeastA & ~aboveZ & ~w & 0x80808080u;
    return w | (upper >> 2);
}

/// Whether entry `k`, whose first eight bytes matched at `text`, occurs there whole: it fits in the
/// `rest` bytes left, and its bytes after the eighth match too.
static inline int entry_fits(const sift_start_table *t, size_t k, const uint8_t *text, size_t rest) {
    uint32_t length = (uint32_t)(t->records[k] >> 24);
    if (length > rest) return 0;
    if (length <= 8) return 1;
    const uint8_t *values = t->tail_values + t->tails[k];
    const uint8_t *ors = t->tail_ors + t->tails[k];
    for (uint32_t i = 0; i < length - 8; i++) {
        if ((uint8_t)(text[8 + i] | ors[i]) != values[i]) return 0;
    }
    return 1;
}

/// What a start's lookups need: the (up to) eight bytes at `p`, little-endian with zeros past the
/// end, how many bytes are left, and where its two lists are.
typedef struct {
    uint64_t window;
    size_t rest;
    uint32_t first;   // the folded first byte: the short list
    uint32_t bucket;  // the hash of the first three folded bytes: the longer literals' list
} start_keys;

static inline start_keys keys_at(const sift_start_table *t, const uint8_t *text, size_t length, size_t p) {
    start_keys s;
    s.rest = length - p;
    s.window = 0;
    if (s.rest >= 8) {
        memcpy(&s.window, text + p, 8);
    } else {
        for (size_t b = 0; b < s.rest; b++) s.window |= (uint64_t)text[p + b] << (8 * b);
    }
    uint32_t key = fold4((uint32_t)s.window) & 0xFFFFFFu;
    s.first = key & 0xFFu;
    s.bucket = (key * SIFT_HASH) >> t->bucket_shift;
    return s;
}

/// Where a start's two lists are: the short list's `a` entries from `ks`, the bucket's `b` from `kb`.
typedef struct {
    uint32_t ks, a, kb, b;
} start_lists;

static inline start_lists lists_of(const sift_start_table *t, start_keys s) {
    start_lists l;
    l.ks = t->short_start[s.first];
    l.a = t->short_start[s.first + 1] - l.ks;
    l.kb = t->bucket_start[s.bucket];
    l.b = t->bucket_start[s.bucket + 1] - l.kb;
    return l;
}

size_t sift_start_table_verify_scalar(const sift_start_table *t, const uint8_t *text, size_t length,
                                      const uint32_t *positions, size_t count, size_t base, uint64_t *hits,
                                      size_t capacity, size_t *hit_count) {
    const uint64_t *values = t->values;
    const uint64_t *ors = t->ors;
    const uint64_t *masks = t->masks;
    const uint64_t *records = t->records;
    size_t n = 0;
    size_t i = 0;
    for (; i < count && n + t->max_hits_per_start <= capacity; i++) {
        size_t p = base + positions[i];
        start_keys s = keys_at(t, text, length, p);
        // Literals of one or two bytes, by their first folded byte; then the longer ones, by a hash
        // of their first three. Each list is ordered by length, so a start's hits come out by end.
        start_lists l = lists_of(t, s);
        for (int round = 0; round < 2; round++) {
            uint32_t k = round == 0 ? l.ks : l.kb;
            uint32_t upper = round == 0 ? l.ks + l.a : l.kb + l.b;
            for (; k < upper; k++) {
                if (((s.window | ors[k]) & masks[k]) != values[k]) continue;
                if (entry_fits(t, k, text + p, s.rest)) hits[n++] = records[k] + ((uint64_t)p << 24);
            }
        }
    }
    *hit_count = n;
    return i;
}

#ifdef SIFT_X86
/// For a 4-bit mask of hits, the 32-bit lanes that move the hit 64-bit lanes to the front, in order.
static const int32_t compress4[16][8] = {
    {0, 1, 2, 3, 4, 5, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7}, {2, 3, 0, 1, 4, 5, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7},
    {4, 5, 0, 1, 2, 3, 6, 7}, {0, 1, 4, 5, 2, 3, 6, 7}, {2, 3, 4, 5, 0, 1, 6, 7}, {0, 1, 2, 3, 4, 5, 6, 7},
    {6, 7, 0, 1, 2, 3, 4, 5}, {0, 1, 6, 7, 2, 3, 4, 5}, {2, 3, 6, 7, 0, 1, 4, 5}, {0, 1, 2, 3, 6, 7, 4, 5},
    {4, 5, 6, 7, 0, 1, 2, 3}, {0, 1, 4, 5, 6, 7, 2, 3}, {2, 3, 4, 5, 6, 7, 0, 1}, {0, 1, 2, 3, 4, 5, 6, 7},
};

/// Up to four entries of a start, the short list's `a` from `ks` in lanes `0 ..< a` and the bucket's
/// `b` from `kb` in lanes `a ..< a + b` (`a + b <= 4`), or one list's four from `ks` (`b == 0`): one
/// compare, the hits moved to the front by a permute and written by one store of four records.
__attribute__((target("avx2"), always_inline))
static inline size_t check4(const sift_start_table *t, uint32_t ks, uint32_t a, uint32_t kb, uint32_t b,
                            __m256i words, __m256i offset, const uint8_t *text, size_t rest, uint64_t *hits) {
    const __m256i lane = _mm256_setr_epi64x(0, 1, 2, 3);
    __m256i first = _mm256_cmpgt_epi64(_mm256_set1_epi64x(a), lane);
    __m256i second = _mm256_andnot_si256(first, _mm256_cmpgt_epi64(_mm256_set1_epi64x(a + b), lane));
    // Lane j of the bucket's part reads entry kb + j - a: from a base `a` entries before kb, which
    // may lie before the array, but only the lanes in `second` are read.
    uintptr_t back = (uintptr_t)a * 8;
#define SIFT_BOTH4(array)                                                                              \
    _mm256_or_si256(_mm256_maskload_epi64((const long long *)((array) + ks), first),                  \
                    _mm256_maskload_epi64((const long long *)((uintptr_t)((array) + kb) - back), second))
    __m256i v = SIFT_BOTH4(t->values);
    __m256i o = SIFT_BOTH4(t->ors);
    __m256i m = SIFT_BOTH4(t->masks);
    __m256i r = SIFT_BOTH4(t->records);
#undef SIFT_BOTH4
    __m256i equal = _mm256_and_si256(_mm256_cmpeq_epi64(_mm256_and_si256(_mm256_or_si256(words, o), m), v),
                                     _mm256_or_si256(first, second));
    unsigned hit = (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(equal));
    // Literals longer than eight bytes, or than the text left: checked one by one.
    __m256i longer = _mm256_and_si256(equal, _mm256_cmpgt_epi64(_mm256_srli_epi64(r, 24), _mm256_set1_epi64x(8)));
    if (__builtin_expect(!_mm256_testz_si256(longer, longer) || (rest < 8 && hit), 0)) {
        for (unsigned bits = hit; bits; bits &= bits - 1) {
            unsigned j = (unsigned)__builtin_ctz(bits);
            if (!entry_fits(t, j < a ? ks + j : kb + j - a, text, rest)) hit &= ~(1u << j);
        }
    }
    __m256i order = _mm256_loadu_si256((const __m256i *)compress4[hit]);
    _mm256_storeu_si256((__m256i *)hits, _mm256_permutevar8x32_epi32(_mm256_add_epi64(r, offset), order));
    return (size_t)__builtin_popcount(hit);
}

/// Four entries per step; both lists in one step when they hold at most four entries together.
/// Measured on this AVX-512 machine with this level forced (matcher-bench START_TABLE=ab, 15 runs,
/// 2026-12-01), against the start trie: generated text prefilter x1.06-1.12, Python sources
/// x1.00-1.08, where the portable loop was x0.90-0.95 and x0.81-1.04.
__attribute__((target("avx2")))
static size_t verify_avx2(const sift_start_table *t, const uint8_t *text, size_t length, const uint32_t *positions,
                          size_t count, size_t base, uint64_t *hits, size_t capacity, size_t *hit_count) {
    size_t n = 0;
    size_t i = 0;
    for (; i < count && n + t->max_hits_per_start <= capacity; i++) {
        size_t p = base + positions[i];
        start_keys s = keys_at(t, text, length, p);
        const __m256i words = _mm256_set1_epi64x((long long)s.window);
        const __m256i offset = _mm256_set1_epi64x((long long)((uint64_t)p << 24));
        start_lists l = lists_of(t, s);
        if (__builtin_expect(l.a + l.b <= 4, 1)) {
            n += check4(t, l.ks, l.a, l.kb, l.b, words, offset, text + p, s.rest, hits + n);
            continue;
        }
        // Longer lists: four entries of one list per step.
        for (uint32_t k = l.ks; k < l.ks + l.a; k += 4)
            n += check4(t, k, l.ks + l.a - k < 4 ? l.ks + l.a - k : 4, 0, 0, words, offset, text + p, s.rest, hits + n);
        for (uint32_t k = l.kb; k < l.kb + l.b; k += 4)
            n += check4(t, k, l.kb + l.b - k < 4 ? l.kb + l.b - k : 4, 0, 0, words, offset, text + p, s.rest, hits + n);
    }
    *hit_count = n;
    return i;
}

/// The hits among eight lanes of entries (`v`, `o`, `m`: values, case bits, masks; `r`: records;
/// `lanes`: the lanes in use; lane `j` holds entry `ks + j` below `a`, else `kb + j - a`) against the
/// window `words` of a start with `rest` bytes left, written to `hits` in lane order by one store
/// of all eight lanes (the caller leaves room: see `max_hits_per_start`). Returns how many.
__attribute__((target("avx512f,avx512bw,avx512vl"), always_inline))
static inline size_t hits8(const sift_start_table *t, __mmask8 lanes, __m512i v, __m512i o, __m512i m, __m512i r,
                           uint32_t ks, uint32_t a, uint32_t kb, __m512i words, __m512i offset, const uint8_t *text,
                           size_t rest, uint64_t *hits) {
    __mmask8 hit = _mm512_mask_cmpeq_epi64_mask(lanes, _mm512_and_si512(_mm512_or_si512(words, o), m), v);
    // Literals longer than eight bytes, or than the text left: checked one by one.
    __mmask8 longer = _mm512_mask_cmpgt_epu64_mask(hit, _mm512_srli_epi64(r, 24), _mm512_set1_epi64(8));
    if (__builtin_expect(longer != 0 || rest < 8, 0)) {
        for (unsigned bits = hit; bits; bits &= bits - 1) {
            unsigned lane = (unsigned)__builtin_ctz(bits);
            if (!entry_fits(t, lane < a ? ks + lane : kb + lane - a, text, rest)) hit &= (__mmask8)~(1u << lane);
        }
    }
    // A compressing store straight to memory measured about 5 % slower for the whole check.
    _mm512_storeu_si512((void *)hits, _mm512_maskz_compress_epi64(hit, _mm512_add_epi64(r, offset)));
    return (size_t)__builtin_popcount((unsigned)hit);
}

/// Entries `k ..< min(k + 8, upper)` of one list.
__attribute__((target("avx512f,avx512bw,avx512vl"), always_inline))
static inline size_t check8(const sift_start_table *t, uint32_t k, uint32_t upper, __m512i words, __m512i offset,
                            const uint8_t *text, size_t rest, uint64_t *hits) {
    uint32_t left = upper - k;
    __mmask8 lanes = left >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << left) - 1);
    return hits8(t, lanes, _mm512_maskz_loadu_epi64(lanes, t->values + k), _mm512_maskz_loadu_epi64(lanes, t->ors + k),
                 _mm512_maskz_loadu_epi64(lanes, t->masks + k), _mm512_maskz_loadu_epi64(lanes, t->records + k), k, 8, 0,
                 words, offset, text, rest, hits);
}

/// Both lists of a start in one step, when they hold at most eight entries together: the short
/// list's `a` entries from `ks` in lanes `0 ..< a`, the bucket's `b` from `kb` in lanes `a ..< a + b`
/// (an expanding load), so their hits still come out short ones first.
__attribute__((target("avx512f,avx512bw,avx512vl"), always_inline))
static inline size_t check_both(const sift_start_table *t, uint32_t ks, uint32_t a, uint32_t kb, uint32_t b,
                                __m512i words, __m512i offset, const uint8_t *text, size_t rest, uint64_t *hits) {
    __mmask8 first = (__mmask8)((1u << a) - 1);
    __mmask8 lanes = (__mmask8)((1u << (a + b)) - 1);
    __mmask8 second = lanes & (__mmask8)~first;
#define SIFT_BOTH(array) _mm512_mask_expandloadu_epi64(_mm512_maskz_loadu_epi64(first, (array) + ks), second, (array) + kb)
    return hits8(t, lanes, SIFT_BOTH(t->values), SIFT_BOTH(t->ors), SIFT_BOTH(t->masks), SIFT_BOTH(t->records), ks, a,
                 kb, words, offset, text, rest, hits);
#undef SIFT_BOTH
}

/// Eight entries per step, and one step per start whatever its lists' lengths when they hold at
/// most eight entries together (nearly all do): no branch depends on how many there are. Measured
/// with a C driver (this stage after the gram filter, BenchRules' literals, 4 MiB of text, both
/// versions in one process, 2026-12-01): one step for both lists and one plain store of the
/// compressed records, against a step per list with a compressing store to memory, made this stage
/// 1.27-1.45 times as fast (generated text 0.52 -> 0.38 ns/byte, Python sources 0.16-0.22 ->
/// 0.12-0.16). Branching past empty lists instead was slower (x0.75-0.90: mispredictions), and so
/// were prefetching the lists of the starts ahead (x0.83) and four-lane steps (x0.90).
__attribute__((target("avx512f,avx512bw,avx512vl")))
static size_t verify_avx512(const sift_start_table *t, const uint8_t *text, size_t length,
                            const uint32_t *positions, size_t count, size_t base, uint64_t *hits,
                            size_t capacity, size_t *hit_count) {
    size_t n = 0;
    size_t i = 0;
    for (; i < count && n + t->max_hits_per_start <= capacity; i++) {
        size_t p = base + positions[i];
        start_keys s = keys_at(t, text, length, p);
        const __m512i words = _mm512_set1_epi64((long long)s.window);
        const __m512i offset = _mm512_set1_epi64((long long)((uint64_t)p << 24));
        start_lists l = lists_of(t, s);
        if (__builtin_expect(l.a + l.b <= 8, 1)) {
            n += check_both(t, l.ks, l.a, l.kb, l.b, words, offset, text + p, s.rest, hits + n);
            continue;
        }
        // Longer lists: eight entries of one list per step.
        for (uint32_t k = l.ks; k < l.ks + l.a; k += 8) n += check8(t, k, l.ks + l.a, words, offset, text + p, s.rest, hits + n);
        for (uint32_t k = l.kb; k < l.kb + l.b; k += 8) n += check8(t, k, l.kb + l.b, words, offset, text + p, s.rest, hits + n);
    }
    *hit_count = n;
    return i;
}
#endif

size_t sift_start_table_verify_at_level(const sift_start_table *t, const uint8_t *text, size_t length,
                                        const uint32_t *positions, size_t count, size_t base, uint64_t *hits,
                                        size_t capacity, size_t *hit_count, int level) {
#ifdef SIFT_X86
    int available = sift_gram_filter_simd_level();
    if (level >= 2 && available >= 2)
        return verify_avx512(t, text, length, positions, count, base, hits, capacity, hit_count);
    if (level >= 1 && available >= 1)
        return verify_avx2(t, text, length, positions, count, base, hits, capacity, hit_count);
#else
    (void)level;
#endif
    return sift_start_table_verify_scalar(t, text, length, positions, count, base, hits, capacity, hit_count);
}

size_t sift_start_table_verify(const sift_start_table *t, const uint8_t *text, size_t length,
                               const uint32_t *positions, size_t count, size_t base, uint64_t *hits,
                               size_t capacity, size_t *hit_count) {
    return sift_start_table_verify_at_level(t, text, length, positions, count, base, hits, capacity, hit_count, 2);
}
