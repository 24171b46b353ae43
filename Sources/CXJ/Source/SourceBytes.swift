#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a source file: an array, or a read-only mapping of a large file (`MappedFile`).
///
/// Passes read them through `withUnsafeBufferPointer`, as they read an array; the collection's
/// subscript is for the few places that look at a byte or two.
public struct SourceBytes: RandomAccessCollection, Sendable {
    private let storedArray: [UInt8]
    let mapping: MappedFile?
    public let endIndex: Int
    public var startIndex: Int { 0 }

    public init(_ array: [UInt8]) {
        self.storedArray = array
        self.mapping = nil
        self.endIndex = array.count
    }

    init(_ mapping: MappedFile) {
        self.storedArray = []
        self.mapping = mapping
        self.endIndex = mapping.count
    }

    public subscript(position: Int) -> UInt8 {
        guard let mapping else { return storedArray[position] }
        precondition(position >= 0 && position < endIndex, "source byte offset out of range")
        return mapping.base[position]
    }

    public func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        guard let mapping else { return try storedArray.withUnsafeBufferPointer(body) }
        return try withExtendedLifetime(mapping) { try body(UnsafeBufferPointer(start: mapping.base, count: mapping.count)) }
    }

    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
    }

    public func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        try withUnsafeBufferPointer(body)
    }

    /// The bytes as an array: the array itself, or a copy of a mapping.
    public var array: [UInt8] {
        mapping == nil ? storedArray : Array(self)
    }

    /// Whether these are the bytes of `other`, compared with `memcmp`.
    public func equals(_ other: [UInt8]) -> Bool {
        guard other.count == count else { return false }
        return withUnsafeBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in
                mine.isEmpty || memcmp(mine.baseAddress!, theirs.baseAddress!, mine.count) == 0
            }
        }
    }
}
