/// Identifies one element whose once-only statements are being tracked.
struct OnceToken {
    var generation: UInt32
    var depth: Int
}

/// Remembers which once-only properties an element has set, and where, so that a second one
/// can be reported (CXJ106) with both places shown.
///
/// Elements nest (a journey holds stages, which hold steps), so each nesting depth has its own
/// slots: lowering a stage never disturbs what its journey has recorded. Slots are reused
/// across elements through a generation counter, so tracking allocates nothing per element.
struct OnceTracker {
    static let maximumDepth = 8
    private var generation: UInt32 = 0
    private var seenIn = [UInt32](repeating: 0, count: Keyword.count * OnceTracker.maximumDepth)
    private var firstStart = [Int32](repeating: 0, count: Keyword.count * OnceTracker.maximumDepth)
    private var firstEnd = [Int32](repeating: 0, count: Keyword.count * OnceTracker.maximumDepth)

    /// Starts tracking a new element at a nesting depth (0 for journeys and catalogue entries).
    mutating func begin(depth: Int) -> OnceToken {
        generation &+= 1
        return OnceToken(generation: generation, depth: min(depth, OnceTracker.maximumDepth - 1))
    }

    /// Records `keyword` for an element; returns the first occurrence's range if this is a repeat.
    mutating func record(_ keyword: Keyword, in token: OnceToken, range: Range<Int>) -> Range<Int>? {
        let slot = token.depth * Keyword.count + Int(keyword.rawValue)
        if seenIn[slot] == token.generation { return Int(firstStart[slot])..<Int(firstEnd[slot]) }
        seenIn[slot] = token.generation
        firstStart[slot] = Int32(range.lowerBound)
        firstEnd[slot] = Int32(range.upperBound)
        return nil
    }
}

extension Keyword {
    /// Whether an element may carry this statement more than once.
    var isRepeatable: Bool {
        switch self {
        case .needs, .pain, .info, .allow, .kpi, .stage, .touchpoint, .opportunity, .step, .action:
            return true
        default:
            return false
        }
    }
}
