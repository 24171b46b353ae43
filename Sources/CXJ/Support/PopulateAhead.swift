/// Backs the room just past where a busy thread writes into large arrays, from a thread that
/// would otherwise wait.
///
/// A large journey is lowered a part at a time by one thread while the other parses ahead
/// (`PartSchedule`); the lowering thread is the one the run waits for. Its arrays (the model's
/// steps, actions, touchpoints, pairings and texts) are reserved up front, but each 2 MiB of
/// that reservation is first touched as lowering reaches it, and the kernel zeroes the page
/// there and then: 8% of the lowering thread's time in a dense 20 MB `check`, while the parsing
/// thread waited for room in its window. Here the busy thread publishes, after each part, where
/// each array ends and how far its capacity goes (`publish`); the next chunk past each end
/// (`chunk`: a huge page, or 256 KiB of small pages) is backed (`populateNext`,
/// `HugePages.populate`), so lowering writes into pages that are already there. A huge page is
/// backed by the waiting thread; small pages, by the lowering thread itself, after each part
/// (`FileChecker.lowerParts`): a range at a time costs less than a fault per page.
///
/// Only addresses are passed: an array that outgrew its capacity and moved leaves a stale
/// range, and backing a range that is freed, reused or unmapped changes no byte of memory
/// (`MADV_POPULATE_WRITE` only faults pages in; an unmapped range is refused). At most one
/// chunk past an array's end is backed, and only one the array is expected to fill.
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

    /// How much is backed at a time: a huge page, or, where huge pages are off (`HugePages`),
    /// 256 KiB of small pages. Backing small pages a range at a time (`MADV_POPULATE_WRITE`)
    /// cost about 30% less than a fault for each: 32 MiB in 13.0–17.3 ms against 18.0–23.5.
    let chunk: Int

    init(chunk: Int = HugePages.isEnabled ? HugePages.hugePageBytes : 256 << 10) {
        precondition(chunk > 0 && chunk & (chunk - 1) == 0, "a power of two")
        self.chunk = chunk
    }

    /// How near the end of its chunk an array's end must be for the next to be backed: a few
    /// parts' worth of a dense journey's steps (about 40 KiB a part).
    static let lead = 256 << 10

    /// Replaces the regions with where the arrays stand now (the same arrays in the same
    /// order each time; the busy thread calls this between pieces of its work).
    func publish(_ regions: [Region]) {
        state.withLock { $0.regions = regions }
    }

    /// The next range to back: at most one chunk, from the first region whose next chunk past
    /// its end is not backed yet; nil when every region is backed far enough.
    func nextRange() -> Range<Int>? {
        state.withLock { state in
            while state.backed.count < state.regions.count { state.backed.append((0, 0)) }
            for index in state.regions.indices {
                let region = state.regions[index]
                guard region.start != 0 else { continue }
                // An array that moved starts again.
                if state.backed[index].start != region.start { state.backed[index] = (region.start, region.start) }
                // The chunk after the one being written, within the capacity, once the
                // writing is near it (backed earlier, it would be resident sooner than needed).
                // Only a whole chunk the array is expected to fill: the kernel backs any part
                // of a huge page with all of it, so a page past the expected end would stay
                // resident unused (0.7 and 1.3 MiB more at the peak of a dense 20 and 10 MB
                // `check`).
                let next = (region.used + chunk) & ~(chunk - 1)
                guard next - region.used <= PopulateAhead.lead, next + chunk <= region.end,
                      state.backed[index].upTo < next + chunk else { continue }
                state.backed[index].upTo = next + chunk
                return next..<next + chunk
            }
            return nil
        }
    }

    /// Backs the next range; false when there is none. (`HugePages.populate` takes at most
    /// 2 MiB at a time.)
    func populateNext() -> Bool {
        guard let range = nextRange() else { return false }
        HugePages.populate(range)
        return true
    }
}
