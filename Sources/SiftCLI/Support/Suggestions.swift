/// Finds the closest of `candidates` to `word`, for "did you mean …?" hints: an exact match
/// ignoring case first, else the smallest edit distance within a third of the word's length.
func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let lower = word.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
        if candidate.lowercased() == lower { return candidate }
        let distance = editDistance(lower, candidate.lowercased())
        if distance <= max(2, word.count / 3), distance < best?.1 ?? .max { best = (candidate, distance) }
    }
    return best?.0
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
