import CXJSystem

extension Parallel {
    /// The calling thread's slot: 0 for the thread that made the pool (and any other thread),
    /// 1 … `coreCount - 1` for the pool's workers (`WorkerPool.run` sets it).
    static var threadSlot: Int { Int(cxj_thread_slot()) }

    /// The calling thread's index among `count` per-thread things: its slot, or the last.
    static func slot(among count: Int) -> Int { min(threadSlot, count - 1) }
}

/// One copy of a value per thread of a parallel pass, each in storage of its own, read by
/// `Parallel.threadSlot`.
///
/// A value that every task of a pass copies (the records of all files, which every checked
/// file holds; a catalogue that a thousand journeys share) has its reference counts written
/// by both cores at each copy: the cache line holding the count went back and forth between
/// them, 21,000 times in a check of 1,000 journeys. Each thread copying its own copy writes
/// only its own. The copies are equal: which one a task reads never changes its result.
struct PerThreadCopies<Value>: @unchecked Sendable {
    private let copies: [Value]

    /// `unshare` makes a copy of the value that shares no reference-counted storage a
    /// copy would retain (`sources.map { $0 }`: a new array of the same records).
    init(_ value: Value, unshare: (Value) -> Value) {
        var copies = [value]
        copies.reserveCapacity(Parallel.coreCount)
        while copies.count < Parallel.coreCount { copies.append(unshare(value)) }
        self.copies = copies
    }

    /// The calling thread's copy: slot 0's is the value given.
    var mine: Value { copies[Parallel.slot(among: copies.count)] }
}
