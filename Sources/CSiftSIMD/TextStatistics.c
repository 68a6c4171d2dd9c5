// Byte statistics that tell text from binary: the first pass over every file a scan reads. Most
// 32-byte blocks of text hold no control byte but tabs and line ends, so AVX2 (when the CPU has it)
// tests a block in a few instructions and only the rare others are counted byte by byte. The
// Swift loop it replaced tested 8 bytes per step and was 4 % of a source-tree scan's samples.
#include "CSiftSIMD.h"
#include "CPUFeatures.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SIFT_X86 1
#endif

/// Counts bytes `[from, to)` one by one into `s`.
static void count_bytes(const uint8_t *text, size_t from, size_t to, sift_text_statistics *s) {
    for (size_t i = from; i < to; i++) {
        uint8_t byte = text[i];
        if (byte >= 0x80) {
            s->non_ascii += 1;
        } else if (byte == 0) {
            if (i & 1) s->zeros_odd += 1; else s->zeros_even += 1;
        } else if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D && byte != 0x1B) {
            s->controls += 1;
        }
    }
}

/// Whether both parities already hold `zero_limit` zeros (and there is at least one): the text is
/// binary whatever follows, since counts only grow.
static int decided_binary(const sift_text_statistics *s, size_t zero_limit) {
    return s->zeros_even + s->zeros_odd > 0 && s->zeros_even >= zero_limit && s->zeros_odd >= zero_limit;
}

#ifdef SIFT_X86
__attribute__((target("avx2")))
static size_t statistics_avx2(const uint8_t *text, size_t length, size_t zero_limit, sift_text_statistics *s) {
    const __m256i below_space = _mm256_set1_epi8(0x1F);
    const __m256i tab = _mm256_set1_epi8(0x09), newline = _mm256_set1_epi8(0x0A), cr = _mm256_set1_epi8(0x0D);
    size_t i = 0;
    for (; i + 32 <= length; i += 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(text + i));
        // x <= 0x1F, unsigned: min(x, 0x1F) == x.
        __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(x, below_space), x);
        __m256i allowed = _mm256_or_si256(_mm256_cmpeq_epi8(x, tab),
                                          _mm256_or_si256(_mm256_cmpeq_epi8(x, newline), _mm256_cmpeq_epi8(x, cr)));
        uint32_t notable = (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(allowed, control));
        uint32_t high = (uint32_t)_mm256_movemask_epi8(x);
        if (notable == 0) {
            s->non_ascii += (size_t)__builtin_popcount(high);
            continue;
        }
        count_bytes(text, i, i + 32, s);
        if (decided_binary(s, zero_limit)) return i + 32;
    }
    return i;
}
#endif

static void statistics_scalar(const uint8_t *text, size_t from, size_t length, size_t zero_limit,
                              sift_text_statistics *s) {
    for (size_t i = from; i < length; i += 32) {
        size_t end = i + 32 < length ? i + 32 : length;
        count_bytes(text, i, end, s);
        if (decided_binary(s, zero_limit)) return;
    }
}

void sift_text_statistics_of(const uint8_t *text, size_t length, size_t zero_limit, sift_text_statistics *out) {
    sift_text_statistics s = {0, 0, 0, 0};
    size_t done = 0;
#ifdef SIFT_X86
    if (sift_cpu_has_avx2()) {
        done = statistics_avx2(text, length, zero_limit, &s);
        if (decided_binary(&s, zero_limit)) {
            *out = s;
            return;
        }
    }
#endif
    statistics_scalar(text, done, length, zero_limit, &s);
    *out = s;
}

void sift_text_statistics_scalar(const uint8_t *text, size_t length, size_t zero_limit, sift_text_statistics *out) {
    sift_text_statistics s = {0, 0, 0, 0};
    statistics_scalar(text, 0, length, zero_limit, &s);
    *out = s;
}
