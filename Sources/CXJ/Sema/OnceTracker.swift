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
    /// One slot per (depth, keyword): the generation that last set it and where.
    private var slots = [Slot](repeating: Slot(), count: Keyword.count * OnceTracker.maximumDepth)

    private struct Slot {
        var generation: UInt32 = 0
        var start: Int32 = 0
        var end: Int32 = 0
    }

    /// Starts tracking a new element at a nesting depth (0 for journeys and catalogue entries).
    mutating func begin(depth: Int) -> OnceToken {
        generation &+= 1
        return OnceToken(generation: generation, depth: min(depth, OnceTracker.maximumDepth - 1))
    }

    /// Records `keyword` for an element; returns the first occurrence's range if this is a repeat.
    mutating func record(_ keyword: Keyword, in token: OnceToken, range: Range<Int>) -> Range<Int>? {
        let index = token.depth * Keyword.count + Int(keyword.rawValue)
        return slots.withUnsafeMutableBufferPointer { slots in
            let slot = slots[index]
            if slot.generation == token.generation { return Int(slot.start)..<Int(slot.end) }
            slots[index] = Slot(generation: token.generation, start: Int32(range.lowerBound), end: Int32(range.upperBound))
            return nil
        }
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
