// CSiftSIMD: the first stage of Sift's literal prefilter, in C so that it can use SIMD with
// runtime dispatch (AVX2 on x86-64 when the CPU has it, portable scalar code everywhere else).
#ifndef CSIFTSIMD_H
#define CSIFTSIMD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Bitmaps over the text, read-only during scans.
///
/// A position `p` is a candidate when
/// - bit `b0 | b1 << 8 | (b2 & 15) << 16` of `pairs` is set, where `b0`, `b1`, `b2` are the bytes
///   (as they are, not folded) at `p`, `p + 1`, `p + 2` (0 past the end of the text), or
/// - bit `(w * 0x9E3779B1) >> gram_shift` of `grams` is set, where `w` is the little-endian word of
///   the folded bytes at `p ..< p + 4` (only when `p + 4 <= length`).
typedef struct {
    /// 2^20 bits.
    const uint64_t *pairs;
    /// `1 << (32 - gram_shift)` bits.
    const uint64_t *grams;
    uint32_t gram_shift;
} sift_gram_filter;

/// Writes the candidate positions in `[start, end)` (relative to `start`) to `out`, which has room
/// for `end - start` entries, in ascending order, and returns how many there are.
/// Requires `start <= end <= length` and `end - start < 2^32`.
size_t sift_gram_filter_scan(const sift_gram_filter *filter, const uint8_t *text, size_t length,
                             size_t start, size_t end, uint32_t *out);

/// Same, always with the portable scalar code (for tests and measurements).
size_t sift_gram_filter_scan_scalar(const sift_gram_filter *filter, const uint8_t *text, size_t length,
                                    size_t start, size_t end, uint32_t *out);

/// Same, with the code of `level` (see `sift_gram_filter_simd_level`) or the best below it that this
/// machine has (for tests and measurements).
size_t sift_gram_filter_scan_at_level(const sift_gram_filter *filter, const uint8_t *text, size_t length,
                                      size_t start, size_t end, uint32_t *out, int level);

/// The code `sift_gram_filter_scan` runs on this machine: 0 portable scalar, 1 AVX2,
/// 2 AVX-512 (F, BW, VL, VBMI).
int sift_gram_filter_simd_level(void);

/// Literals in eight buckets, by their first four bytes (Hyperscan's FDR, anchored at starts;
/// built by Sift's `BucketFilter`). The domain at `q` is `(b0 | b1 << 8) & domain_mask`, where
/// `b0` and `b1` are the bytes at `q` and `q + 1` (0 past the end of the text). Bit `k` of byte
/// `j` of `masks[d]` is clear when some literal of bucket `k` allows domain `d` at offset `j` from
/// its start (every `d` when the literal is shorter than `j + 1` bytes). A position `p` is a
/// candidate when some bucket's bit is clear in byte `j` of the mask of the domain at `p + j` for
/// each `j < 4`.
typedef struct {
    /// `domain_mask + 1` entries.
    const uint32_t *masks;
    /// A power of two minus one, below 2^16.
    uint32_t domain_mask;
} sift_bucket_filter;

/// Writes the candidate positions in `[start, end)` (relative to `start`) to `out`, which has room
/// for `end - start` entries, in ascending order, and returns how many there are.
/// Requires `start <= end <= length` and `end - start < 2^32`.
size_t sift_bucket_filter_scan(const sift_bucket_filter *filter, const uint8_t *text, size_t length,
                               size_t start, size_t end, uint32_t *out);

/// Same, always with the portable scalar code (for tests).
size_t sift_bucket_filter_scan_scalar(const sift_bucket_filter *filter, const uint8_t *text, size_t length,
                                      size_t start, size_t end, uint32_t *out);

/// Same, with the code of `level` (as `sift_gram_filter_simd_level`) or the best below it that this
/// machine has (for tests and measurements).
size_t sift_bucket_filter_scan_at_level(const sift_bucket_filter *filter, const uint8_t *text, size_t length,
                                        size_t start, size_t end, uint32_t *out, int level);

/// A trie of literals over byte classes without failure links (built by Sift's `StartTrie`).
typedef struct {
    /// `transitions[row + classes[byte]]`: the next row (premultiplied by the stride), 0 = stop.
    const int32_t *transitions;
    uint32_t stride_shift;
    /// The literals that end in state `s` are `output_ids[output_start[s] ..< output_start[s + 1]]`.
    const int32_t *output_start;
    const int32_t *output_ids;
    /// 256 entries: byte -> class.
    const uint8_t *classes;
    /// The most literals that can start at one position (the most outputs on one root path).
    size_t max_hits_per_start;
} sift_start_trie;

/// Walks the trie from each start `base + positions[i]` and writes one hit `end << 24 | id` per
/// literal found (`end` is one past its last byte) to `hits`. Stops before a start whose hits might
/// not fit in `capacity`; returns how many starts it walked and sets `*hit_count`.
size_t sift_start_trie_walk(const sift_start_trie *trie, const uint8_t *text, size_t length,
                            const uint32_t *positions, size_t count, size_t base, uint64_t *hits,
                            size_t capacity, size_t *hit_count);

/// The literals by their first bytes (built by Sift's `StartTable`), one entry per literal in
/// parallel arrays. Entry `k` occurs at `p` when the little-endian word `w` of the (up to) eight
/// bytes there has `((w | ors[k]) & masks[k]) == values[k]`, the text holds its `records[k] >> 24`
/// bytes from `p`, and, for a literal longer than eight bytes, its byte `8 + i` `b` has
/// `(b | tail_ors[tails[k] + i]) == tail_values[tails[k] + i]`. `ors` sets 0x20 on the letters of a
/// caseless literal (so both cases compare equal to the lowercase letter, and nothing else does).
///
/// A start's candidates are the literals of one or two bytes in `short_start[f] ..< short_start[f + 1]`,
/// where `f` is its first byte folded to lowercase, and the longer ones in
/// `bucket_start[h] ..< bucket_start[h + 1]`, where `h` is the top bits (`>> bucket_shift`) of
/// `0x9E3779B1` times the word of its first three folded bytes.
typedef struct {
    const uint64_t *values;
    const uint64_t *ors;
    const uint64_t *masks;
    /// `length << 24 | id`.
    const uint64_t *records;
    /// 257 entries.
    const uint32_t *short_start;
    /// `(1 << (32 - bucket_shift)) + 1` entries.
    const uint32_t *bucket_start;
    uint32_t bucket_shift;
    const uint32_t *tails;
    const uint8_t *tail_values;
    const uint8_t *tail_ors;
    /// The most literals that can start at one position, plus 8: the SIMD code stores eight
    /// records at a time, only the first of which may be hits.
    size_t max_hits_per_start;
} sift_start_table;

/// Like `sift_start_trie_walk`, from a table: one hit `end << 24 | id` per literal that occurs at
/// each start (compared exactly: case-sensitive literals need no further check), in start order and
/// by end within a start (each list is sorted by length).
size_t sift_start_table_verify(const sift_start_table *table, const uint8_t *text, size_t length,
                               const uint32_t *positions, size_t count, size_t base, uint64_t *hits,
                               size_t capacity, size_t *hit_count);

/// Same, always with the portable scalar code (for tests).
size_t sift_start_table_verify_scalar(const sift_start_table *table, const uint8_t *text, size_t length,
                                      const uint32_t *positions, size_t count, size_t base, uint64_t *hits,
                                      size_t capacity, size_t *hit_count);

/// Same, with the code of `level` (as `sift_gram_filter_simd_level`: 1 is AVX2, 2 AVX-512) or the
/// best below it that this machine has (for tests and measurements).
size_t sift_start_table_verify_at_level(const sift_start_table *table, const uint8_t *text, size_t length,
                                        const uint32_t *positions, size_t count, size_t base, uint64_t *hits,
                                        size_t capacity, size_t *hit_count, int level);

/// Sets bit `i % 64` of `out[i / 64]` exactly when byte `i` of `text` is in the class, for
/// `(length + 63) / 64` words. The class is ASCII, as a nibble table of 16 bytes: bit `h` of
/// `table[l]` (`h < 8`) is set when byte `h << 4 | l` is a member.
void sift_class_bits(const uint8_t *text, size_t length, const uint8_t *table, uint64_t *out);

/// Same, with code no better than `level` (0 portable, 1 AVX2, 2 AVX-512), or the best below it
/// that this machine has (for tests: this machine may never run the others otherwise).
void sift_class_bits_at_level(const uint8_t *text, size_t length, const uint8_t *table, uint64_t *out, int level);

/// A sequence of ASCII byte classes that every match of a rule begins with (built by Sift's
/// `SequenceGate`). A position `p` of a text is a start when `p + positions <= length` and byte
/// `p + i` is in class `i` for every `i < positions`; bytes of 0x80 and above are in no class.
typedef struct {
    /// Bit `i` of `accepts[b]` is set when byte `b` (below 0x80) is in class `i`.
    uint8_t accepts[128];
    /// The distinct classes as nibble tables (as `sift_class_bits` takes them), `class_count` of them.
    uint8_t tables[8][16];
    /// For each position, the index of its class in `tables`.
    uint8_t class_of[8];
    /// Positions, 2 to 8.
    uint32_t positions;
    /// Distinct classes, 1 to `positions`.
    uint32_t class_count;
} sift_sequence_gate;

/// Writes the starts in `[start, end)` (relative to `start`) to `out`, which has room for
/// `end - start` entries, in ascending order, and returns how many there are. Reads no byte at or
/// past `length`. Requires `start <= end <= length` and `end - start < 2^32`.
size_t sift_sequence_gate_scan(const sift_sequence_gate *gate, const uint8_t *text, size_t length, size_t start,
                               size_t end, uint32_t *out);

/// Same, with the code of `level` (as `sift_gram_filter_simd_level`: 0 portable, 1 AVX2, 2 AVX-512)
/// or the best below it that this machine has (for tests and measurements).
size_t sift_sequence_gate_scan_at_level(const sift_sequence_gate *gate, const uint8_t *text, size_t length,
                                        size_t start, size_t end, uint32_t *out, int level);

/// Byte statistics of a text's first bytes, that tell text from binary and UTF-16 from the rest.
typedef struct {
    /// NUL bytes at even and at odd offsets.
    size_t zeros_even;
    size_t zeros_odd;
    /// Bytes below 0x20 other than NUL, tab, line feed, form feed, carriage return and escape.
    size_t controls;
    /// Bytes of 0x80 and above.
    size_t non_ascii;
} sift_text_statistics;

/// The statistics of `text`. Counting may stop early, once both parities hold at least
/// `zero_limit` zeros and there is at least one: the counts are then partial, but that condition
/// holds for them as it would for the whole text.
void sift_text_statistics_of(const uint8_t *text, size_t length, size_t zero_limit, sift_text_statistics *out);

/// Same, always with the portable byte loop (for tests).
void sift_text_statistics_scalar(const uint8_t *text, size_t length, size_t zero_limit, sift_text_statistics *out);

#ifdef __cplusplus
}
#endif

#endif
