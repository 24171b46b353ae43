import Synchronization

/// Items `0..<count` made by two threads and consumed in order by one of them: each item is
/// claimed once, in order, from one counter, at most `window` ahead of the items consumed, so
/// that the items made and not yet consumed are a few whatever the count. The parts of a
/// journey checked a part at a time (`PartSchedule`) and the blocks of an emitter
/// (`BlockWaves`) are scheduled so; each keeps its made items under a lock of its own (`Locked`).
final class ClaimWindow: @unchecked Sendable {
    let count: Int
    let window: Int
    private let nextClaim = Atomic<Int>(0)
    private let consumedCount = Atomic<Int>(0)
    private let isStopped = Atomic<Bool>(false)

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// Claims the next item to make: nil when none is left, the window is full or the work
    /// has stopped.
    func claim() -> Int? {
        while true {
            let index = nextClaim.load(ordering: .acquiring)
            guard index < count, !isStopped.load(ordering: .acquiring),
                  index < consumedCount.load(ordering: .acquiring) + window else { return nil }
            if nextClaim.compareExchange(expected: index, desired: index + 1, ordering: .acquiringAndReleasing).exchanged {
                return index
            }
        }
    }

    /// Whether every item is claimed, or the work has stopped: a thread that only makes items
    /// is done.
    var isExhausted: Bool {
        isStopped.load(ordering: .acquiring) || nextClaim.load(ordering: .acquiring) >= count
    }

    /// The first `count` items are consumed: the window moves on.
    func consumed(_ count: Int) {
        consumedCount.store(count, ordering: .releasing)
    }

    /// The consumer has stopped: nothing more is claimed.
    func stop() {
        isStopped.store(true, ordering: .releasing)
    }
}
