/// A fixed number of optional values, by index, for work spread over threads: each slot is
/// written by one task at a time, so no lock is needed; what the tasks wrote is read once the
/// pass is over. The results of a parallel pass (`Parallel.map`) and each input's check in a
/// load's first wave (`CheckedSlots`).
final class Slots<Element>: @unchecked Sendable {
    let count: Int
    private let slots: UnsafeMutablePointer<Element?>

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: consuming Element, at index: Int) {
        slots[index] = value
    }

    /// Whether a slot holds a value (false for an index past the last).
    func holds(_ index: Int) -> Bool {
        guard index < count, case .some = slots[index] else { return false }
        return true
    }

    /// Moves a value out of its slot (nil for an index past the last).
    func take(_ index: Int) -> Element? {
        index < count ? slots[index].take() : nil
    }

    /// Moves every value out, in order; each slot must hold one. Copying them retained every
    /// array of every result (a syntax tree holds a dozen) only for the slots to release them
    /// again, on the serial path after the parallel work.
    func collect() -> [Element] {
        let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { (buffer.baseAddress! + index).initialize(to: (slots + index).move()!) }
            initialized = count
        }
        slots.initialize(repeating: nil, count: count)
        return values
    }
}
