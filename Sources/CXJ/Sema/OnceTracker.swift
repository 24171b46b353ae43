/// Identifies one element whose once-only statements are being tracked.
struct OnceToken {
    var generation: UInt32
}

/// Remembers which once-only properties a journey or a catalogue entry has set, and where, so
/// that a second one can be reported (CXJ106) with both places shown. A journey checked in
/// parts meets its statements in several trees, so the first one's place is kept here; the
/// elements inside it (stages, steps, actions, touchpoints, kpis, opportunities) keep a bit
/// per keyword instead (`GivenKeywords`), their statements being all in their own block.
///
/// Slots are reused across elements through a generation counter, so tracking allocates
/// nothing per element.
struct OnceTracker {
    private var generation: UInt32 = 0
    /// One slot per keyword: the generation that last set it and where.
    private var slots = [Slot](filling: Slot(), count: Keyword.count)

    private struct Slot {
        var generation: UInt32 = 0
        var start: Int32 = 0
        var end: Int32 = 0
    }

    /// Starts tracking a new element.
    mutating func begin() -> OnceToken {
        generation &+= 1
        return OnceToken(generation: generation)
    }

    /// Records `keyword` for an element; returns the first occurrence's range if this is a repeat.
    mutating func record(_ keyword: Keyword, in token: OnceToken, range: Range<Int>) -> Range<Int>? {
        let index = Int(keyword.rawValue)
        return slots.withUnsafeMutableBufferPointer { slots in
            let slot = slots[index]
            if slot.generation == token.generation { return Int(slot.start)..<Int(slot.end) }
            slots[index] = Slot(generation: token.generation, start: Int32(range.lowerBound), end: Int32(range.upperBound))
            return nil
        }
    }
}

/// The once-only statements an element's block has given so far: a bit per keyword (there are
/// fewer than 64), kept by the code that lowers the element.
struct GivenKeywords {
    private var bits: UInt64 = 0

    /// Records `keyword`; false when it was given before.
    @inline(__always)
    mutating func insert(_ keyword: Keyword) -> Bool {
        let bit = UInt64(1) << UInt64(keyword.rawValue & 63)
        defer { bits |= bit }
        return bits & bit == 0
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
