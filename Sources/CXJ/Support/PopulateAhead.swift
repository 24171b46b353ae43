/// Backs the room just past where a busy thread writes into large arrays, from a thread that
/// would otherwise wait.
///
/// A large journey is lowered a part at a time by one thread while the other parses ahead
/// (`PartSchedule`); the lowering thread is the one the run waits for. Its arrays (the model's
/// steps, actions, touchpoints, pairings and texts) are reserved up front, but each 2 MiB of
/// that reservation is first touched as lowering reaches it, and the kernel zeroes the page
/// there and then: 8% of the lowering thread's time in a dense 20 MB `check`, while the parsing
/// thread waited for room in its window. Here the busy thread publishes, after each part, where
/// each array ends and how far its capacity goes (`publish`); the waiting thread backs the next
/// huge page past each end (`populateNext`, `HugePages.populate`), so lowering writes into
/// pages that are already there.
///
/// Only addresses are passed: an array that outgrew its capacity and moved leaves a stale
/// range, and backing a range that is freed, reused or unmapped changes no byte of memory
/// (`MADV_POPULATE_WRITE` only faults pages in; an unmapped range is refused). At most one
/// huge page past an array's end is backed, and only one the array is expected to fill.
final class PopulateAhead: Sendable {
    /// One array as addresses: where it starts, where what it holds ends, where its capacity ends.
    struct Region: Sendable, Equatable {
        var start: Int
        var used: Int
        var end: Int

        /// No storage: nothing to back.
        static let none = Region(start: 0, used: 0, end: 0)

        /// The region of an array's storage (`none` for an array with no storage), its end
        /// where the array is expected to end: its capacity less the margin its estimate added
        /// (`FileChecker.estimatedCounts` adds a tenth). Backing the margin too left it resident
        /// when lowering did not reach it: 2.5 MiB more at the peak of a dense 20 MB `check`.
        static func of<Element>(_ array: [Element]) -> Region {
            array.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return .none }
                let start = Int(bitPattern: base)
                let stride = MemoryLayout<Element>.stride
                let expected = max(array.count, array.capacity * 10 / 11)
                return Region(start: start, used: start + array.count * stride, end: start + expected * stride)
            }
        }
    }

    private struct State {
        var regions: [Region] = []
        /// Per region, by position: the start it had, and how far from there it is backed.
        var backed: [(start: Int, upTo: Int)] = []
    }

    private let state = Locked(State())

    /// How near the end of its huge page an array's end must be for the next to be backed: a
    /// few parts' worth of a dense journey's steps (about 40 KiB a part).
    static let lead = 256 << 10

    /// Replaces the regions with where the arrays stand now (the same arrays in the same
    /// order each time; the busy thread calls this between pieces of its work).
    func publish(_ regions: [Region]) {
        state.withLock { $0.regions = regions }
    }

    /// The next range to back: at most one huge page, from the first region whose next huge
    /// page past its end is not backed yet; nil when every region is backed far enough.
    func nextRange() -> Range<Int>? {
        state.withLock { state in
            while state.backed.count < state.regions.count { state.backed.append((0, 0)) }
            for index in state.regions.indices {
                let region = state.regions[index]
                guard region.start != 0 else { continue }
                // An array that moved starts again.
                if state.backed[index].start != region.start { state.backed[index] = (region.start, region.start) }
                let huge = HugePages.hugePageBytes
                // The huge page after the one being written, within the capacity, once the
                // writing is near it (backed earlier, it would be resident sooner than needed).
                // Only a whole huge page the array is expected to fill: the kernel backs any
                // part of one with all of it, so a page past the expected end would stay
                // resident unused (0.7 and 1.3 MiB more at the peak of a dense 20 and 10 MB
                // `check`).
                let next = HugePages.roundedUp(region.used + 1)
                guard next - region.used <= PopulateAhead.lead, next + huge <= region.end,
                      state.backed[index].upTo < next + huge else { continue }
                state.backed[index].upTo = next + huge
                return next..<next + huge
            }
            return nil
        }
    }

    /// Backs the next range; false when there is none.
    func populateNext() -> Bool {
        guard let range = nextRange() else { return false }
        HugePages.populate(range)
        return true
    }
}
