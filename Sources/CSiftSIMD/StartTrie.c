#include "CSiftSIMD.h"

// One walk at a time. Four walks interleaved (one step of each per round, a finished lane taking
// the next start by conditional moves) were no faster: the walk's share of the samples against
// the gram filter's stayed 0.64-0.74 serial against 0.73-0.89 interleaved (perf, 2026-12-01), and
// the records then came out of start order, which made the engine's per-rule groups unsorted and
// the engine 16 % slower unless they were sorted again.

size_t sift_start_trie_walk(const sift_start_trie *trie, const uint8_t *text, size_t length,
                            const uint32_t *positions, size_t count, size_t base, uint64_t *hits,
                            size_t capacity, size_t *hit_count) {
    const int32_t *table = trie->transitions;
    const int32_t *starts = trie->output_start;
    const int32_t *ids = trie->output_ids;
    const uint8_t *classes = trie->classes;
    const uint32_t shift = trie->stride_shift;
    size_t n = 0;
    size_t i = 0;
    for (; i < count && n + trie->max_hits_per_start <= capacity; i++) {
        size_t p = base + positions[i];
        size_t row = 0;
        while (p < length) {
            int32_t next = table[row + classes[text[p]]];
            if (next == 0) break;
            row = (size_t)next;
            p++;
            size_t state = row >> shift;
            for (int32_t k = starts[state], upper = starts[state + 1]; k < upper; k++) {
                hits[n++] = (uint64_t)p << 24 | (uint64_t)(uint32_t)ids[k];
            }
        }
    }
    *hit_count = n;
    return i;
}
