extension Array {
    /// `count` copies of `value`, as `Array(repeating:count:)` makes them, without its cost.
    ///
    /// `Array(repeating:count:)` and `Array(unsafeUninitializedCapacity:initializingWith:)`
    /// allocate through a standard-library function that is not inlinable, so it is never
    /// specialized for the element type: each call asks the runtime for the storage class's
    /// metadata, a lookup in a shared table whose reader count every thread writes. Over
    /// 1,000 small journeys that was 18,000 lookups and 12.3M instructions (4.5% of `check`).
    /// Reserving and appending goes through specialized code and a cached metadata access.
    @inline(__always)
    init(filling value: Element, count: Int) {
        self.init()
        guard count > 0 else { return }
        reserveCapacity(count)
        append(contentsOf: repeatElement(value, count: count))
    }
}
