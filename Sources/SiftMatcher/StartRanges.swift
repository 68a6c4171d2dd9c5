/// Ranges of a rule's possible starts that come in ascending order of their first starts, merged
/// while each comes within ``slack`` bytes of the one before, for searching one after the other
/// (``Scratch``'s confirmations from character gates and sequence gates).
struct StartRanges {
    /// How close a range's first start must come to the merged range's last to join it.
    let slack: Int
    /// The merged range so far, `lower...upper`, when `open`.
    private var open = false
    private var lower = 0
    private var upper = 0
    /// Merged ranges handed out so far.
    private(set) var count = 0

    init(slack: Int) {
        self.slack = slack
    }

    /// Adds the starts `earliest...latest` (`earliest` at least that of the range added before);
    /// returns the merged range before them when they do not join it.
    mutating func add(_ earliest: Int, _ latest: Int) -> ClosedRange<Int>? {
        if open, earliest <= upper + slack {
            upper = max(upper, latest)
            return nil
        }
        let closed = open ? take() : nil
        open = true
        lower = earliest
        upper = latest
        return closed
    }

    /// The last merged range, if there is one.
    mutating func finish() -> ClosedRange<Int>? {
        guard open else { return nil }
        open = false
        return take()
    }

    private mutating func take() -> ClosedRange<Int> {
        count += 1
        return lower...upper
    }
}
