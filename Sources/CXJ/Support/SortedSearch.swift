extension RandomAccessCollection where Index == Int {
    /// The index of the first element for which `isPast` holds, in a collection where it fails
    /// for a run at the start and holds for all the rest (a sorted collection and a bound);
    /// `endIndex` when it never holds. Binary search: `isPast` is called about log₂(count)
    /// times.
    @inline(__always)
    func partitionPoint(where isPast: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if isPast(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
