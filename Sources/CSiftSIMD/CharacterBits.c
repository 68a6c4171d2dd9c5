// The first stage of character gates and run gates: one bit per byte of a text for the bytes of an
// ASCII class, 64 bytes to a word. A class is a nibble table: bit `h` of `table[l]` (h < 8) says
// whether byte `h << 4 | l` is a member; bytes of 0x80 and above never are. AVX-512 when the CPU
// has it (two shuffles and one test per 64 bytes, the last bytes by a masked load), else AVX2 (two
// shuffles per 32 bytes), else a byte loop.
#include "CSiftSIMD.h"

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

#ifdef SIFT_X86
__attribute__((target("avx512f,avx512bw")))
static void bits_avx512(const uint8_t *text, size_t length, const uint8_t *table, uint64_t *out) {
    const __m512i low_table = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)table));
    // Bit `h` for the high nibbles 0-7; 0 for 8-15 (non-ASCII bytes).
    const __m512i high_bits = _mm512_broadcast_i32x4(_mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0));
    const __m512i nibble = _mm512_set1_epi8(15);
    for (size_t i = 0; i < length; i += 64) {
        // The last block's bytes past the end are not loaded (a masked load does not fault there).
        __mmask64 in_text = length - i >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << (length - i)) - 1);
        __m512i x = _mm512_maskz_loadu_epi8(in_text, text + i);
        __m512i low = _mm512_shuffle_epi8(low_table, _mm512_and_si512(x, nibble));
        __m512i high = _mm512_shuffle_epi8(high_bits, _mm512_and_si512(_mm512_srli_epi16(x, 4), nibble));
        out[i / 64] = (uint64_t)(_mm512_test_epi8_mask(low, high) & in_text);
    }
}
#endif

void sift_class_bits_at_level(const uint8_t *text, size_t length, const uint8_t *table, uint64_t *out, int wanted) {
#ifdef SIFT_X86
    int available = sift_gram_filter_simd_level();
    switch (wanted < available ? wanted : available) {
    case 2: bits_avx512(text, length, table, out); return;
    case 1: bits_avx2(text, length, table, out); return;
    default: break;
    }
#else
    (void)wanted;  // only the portable code here
#endif
    bits_scalar(text, length, table, out, 0);
}

void sift_class_bits(const uint8_t *text, size_t length, const uint8_t *table, uint64_t *out) {
    sift_class_bits_at_level(text, length, table, out, 2);
}
