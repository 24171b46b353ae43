import Synchronization
#if canImport(Glibc)
import Glibc
#endif

extension Array {
    /// Appends the elements of `other`, which is emptied, handing each megabyte of `other`'s
    /// memory back to the system as soon as it is copied.
    ///
    /// Work done on two threads is joined by such appends: the halves of a split parse, and the
    /// stages and touchpoints a helper lowered. A freed array of a few megabytes goes back to the
    /// allocator's heap, not to the system, and nothing allocated afterwards reuses it: at the
    /// peak of memory (the end of lowering) every such array was still resident, 15 MB for a
    /// dense 20 MB journey. Released as it is copied, at most a megabyte of it is resident
    /// beside its copy.
    ///
    /// Only whole pages inside the elements are released (`MADV_DONTNEED`), never the array's or
    /// the allocator's headers, and only of an array that nothing else shares (it is made unique
    /// first) and whose elements hold no reference (plain bytes, which need no destruction: the
    /// released pages read as zeros). Their content is gone; `other` is emptied before anything
    /// can read it. Other arrays are appended as usual, and so is every array of a run that
    /// keeps freed memory for reuse (`AllocationPolicy.keepJoinedMemory`).
    mutating func appendReleasing(_ other: inout [Element]) {
        let stride = MemoryLayout<Element>.stride
        let total = other.count
        guard total > 0 else { return }
        let chunk = Swift.max(1, ReleasedMemory.chunkBytes / Swift.max(stride, 1))
        guard total > chunk, _isPOD(Element.self), ReleasedMemory.isEnabled else {
            append(contentsOf: other)
            other = []
            return
        }
        reserveCapacity(count + total)
        // Made unique (a shared array is copied here), so no one else sees its pages go, and
        // so that the capacity read now is that of the buffer released below.
        other.reserveCapacity(total)
        let capacity = other.capacity
        other.withUnsafeMutableBufferPointer { source in
            guard let base = source.baseAddress else { return }
            var start = 0
            var released = UnsafeMutableRawPointer(base)
            while start < total {
                let end = Swift.min(total, start + chunk)
                append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<end]))
                released = ReleasedMemory.release(from: released, upTo: UnsafeMutableRawPointer(base + end))
                start = end
            }
            // The capacity past the elements: pages that an earlier block in the same place
            // may have left resident.
            _ = ReleasedMemory.release(from: released, upTo: UnsafeMutableRawPointer(base + capacity))
        }
        other = []
    }
}

/// Hands whole pages of memory that will not be read again back to the system.
enum ReleasedMemory {
    /// Whether `appendReleasing` releases; set once, before any thread starts.
    nonisolated(unsafe) static var isEnabled = true

    /// How much is copied between releases.
    static let chunkBytes = 1 << 20

    static let pageSize = HugePages.pageSize

    /// How many bytes `release` has handed back in this process (read by the tests).
    static let releasedBytes = Atomic<Int>(0)

    /// Releases the whole pages between `start` and `end`; returns where the next release
    /// starts (the first byte not released).
    static func release(from start: UnsafeMutableRawPointer, upTo end: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        let first = (Int(bitPattern: start) + pageSize - 1) & ~(pageSize - 1)
        let last = Int(bitPattern: end) & ~(pageSize - 1)
        guard last > first, let region = UnsafeMutableRawPointer(bitPattern: first) else { return start }
        #if os(Linux)
        _ = madvise(region, last - first, MADV_DONTNEED)
        #endif
        releasedBytes.add(last - first, ordering: .relaxed)
        return UnsafeMutableRawPointer(bitPattern: last)!
    }
}
