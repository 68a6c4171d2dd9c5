// The first stage of character gates and run gates: one bit per byte of a text for the bytes of an
// ASCII class, 64 bytes to a word. A class is a nibble table: bit `h` of `table[l]` (h < 8) says
// whether byte `h << 4 | l` is a member; bytes of 0x80 and above never are. AVX2 when the CPU has
// it (two shuffles per 32 bytes), else a byte loop.
#include "CSiftSIMD.h"
#include "CPUFeatures.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SIFT_X86 1
#endif

static inline int in_class(uint8_t byte, const uint8_t *table) {
    return byte < 0x80 && (table[byte & 15] >> (byte >> 4) & 1);
}

static void bits_scalar(const uint8_t *text, size_t length, const uint8_t *table, uint64_t *out, size_t from) {
    for (size_t block = from / 64; block * 64 < length; block++) {
        uint64_t bits = 0;
        size_t end = block * 64 + 64 < length ? block * 64 + 64 : length;
        for (size_t i = block * 64; i < end; i++) {
            if (in_class(text[i], table)) bits |= (uint64_t)1 << (i - block * 64);
        }
        out[block] = bits;
    }
}

#ifdef SIFT_X86
__attribute__((target("avx2")))
static inline uint32_t mask32(__m256i x, __m256i low_table, __m256i high_bits) {
    __m256i nibble = _mm256_set1_epi8(15);
    __m256i low = _mm256_and_si256(x, nibble);
    __m256i high = _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble);
    __m256i hit = _mm256_and_si256(_mm256_shuffle_epi8(low_table, low), _mm256_shuffle_epi8(high_bits, high));
    return ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hit, _mm256_setzero_si256()));
}

__attribute__((target("avx2")))
static void bits_avx2(const uint8_t *text, size_t length, const uint8_t *table, uint64_t *out) {
    __m256i low_table = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)table));
    // Bit `h` for the high nibbles 0-7; 0 for 8-15 (non-ASCII bytes).
    __m256i high_bits = _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0,
                                         1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0);
    size_t i = 0;
    for (; i + 64 <= length; i += 64) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(text + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(text + i + 32));
        out[i / 64] = (uint64_t)mask32(a, low_table, high_bits) | (uint64_t)mask32(b, low_table, high_bits) << 32;
    }
    bits_scalar(text, length, table, out, i);
}
#endif

void sift_class_bits(const uint8_t *text, size_t length, const uint8_t *table, uint64_t *out) {
#ifdef SIFT_X86
    if (sift_cpu_has_avx2()) {
        bits_avx2(text, length, table, out);
        return;
    }
#endif
    bits_scalar(text, length, table, out, 0);
}

void sift_class_bits_scalar(const uint8_t *text, size_t length, const uint8_t *table, uint64_t *out) {
    bits_scalar(text, length, table, out, 0);
}
