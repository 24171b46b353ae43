/// A growable run of bytes that the printer writes a statement into before deciding how to
/// lay it out.
///
/// A class, so that the printer's non-mutating helpers can append to it without holding part
/// of the printer inout (which made Swift copy the printer for each call), and without the
/// uniqueness check an array makes on every append: statements are a few bytes each, so those
/// checks cost more than the copying.
final class ByteScratch {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func removeAll() { count = 0 }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    func append(_ other: ByteScratch) {
        append(other.bytes)
    }

    /// Whether `byte` occurs at or after `start`.
    func contains(_ byte: UInt8, from start: Int = 0) -> Bool {
        var index = start
        while index < count {
            if base[index] == byte { return true }
            index += 1
        }
        return false
    }

    private func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let replacement = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        replacement.update(from: base, count: count)
        base.deallocate()
        base = replacement
        capacity = larger
    }
}
