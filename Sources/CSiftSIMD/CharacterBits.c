// The character gate's first stage: one bit per byte of a text for the bytes of a class (digits,
// or capitals and digits), 64 bytes to a word. AVX2 when the CPU has it, else a byte loop.
#include "CSiftSIMD.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SIFT_X86 1
#endif

static inline int in_class(uint8_t byte, int kind) {
    return (uint8_t)(byte - '0') < 10 || (kind == 1 && (uint8_t)(byte - 'A') < 26);
}

static void bits_scalar(const uint8_t *text, size_t length, int kind, uint64_t *out, size_t from) {
    for (size_t block = from / 64; block * 64 < length; block++) {
        uint64_t bits = 0;
        size_t end = block * 64 + 64 < length ? block * 64 + 64 : length;
        for (size_t i = block * 64; i < end; i++) {
            if (in_class(text[i], kind)) bits |= (uint64_t)1 << (i - block * 64);
        }
        out[block] = bits;
    }
}

#ifdef SIFT_X86
__attribute__((target("avx2")))
static inline uint32_t mask32(__m256i x, int kind) {
    // x - lower <= span - 1 (unsigned): min(t, span - 1) == t.
    __m256i digits = _mm256_sub_epi8(x, _mm256_set1_epi8('0'));
    __m256i is_digit = _mm256_cmpeq_epi8(_mm256_min_epu8(digits, _mm256_set1_epi8(9)), digits);
    if (kind == 1) {
        __m256i upper = _mm256_sub_epi8(x, _mm256_set1_epi8('A'));
        __m256i is_upper = _mm256_cmpeq_epi8(_mm256_min_epu8(upper, _mm256_set1_epi8(25)), upper);
        is_digit = _mm256_or_si256(is_digit, is_upper);
    }
    return (uint32_t)_mm256_movemask_epi8(is_digit);
}

__attribute__((target("avx2")))
static void bits_avx2(const uint8_t *text, size_t length, int kind, uint64_t *out) {
    size_t i = 0;
    for (; i + 64 <= length; i += 64) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(text + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(text + i + 32));
        out[i / 64] = (uint64_t)mask32(a, kind) | (uint64_t)mask32(b, kind) << 32;
    }
    bits_scalar(text, length, kind, out, i);
}

static int has_avx2(void) {
    static int value = -1;
    if (value < 0) {
        __builtin_cpu_init();
        value = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return value;
}
#endif

void sift_character_bits(const uint8_t *text, size_t length, int kind, uint64_t *out) {
#ifdef SIFT_X86
    if (has_avx2()) {
        bits_avx2(text, length, kind, out);
        return;
    }
#endif
    bits_scalar(text, length, kind, out, 0);
}

void sift_character_bits_scalar(const uint8_t *text, size_t length, int kind, uint64_t *out) {
    bits_scalar(text, length, kind, out, 0);
}
