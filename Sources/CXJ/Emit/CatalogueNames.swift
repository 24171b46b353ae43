/// The names of a file's catalogue entries as UTF-8 in one array, for emitters that write them
/// once per element: reading them through a pointer copies no `String`, and so writes no
/// reference count (shared by the threads that render blocks).
struct CatalogueNames {
    private var bytes: [UInt8] = []
    /// Where each entry's name starts in `bytes`, and one past the last.
    private var starts: [Int32] = [0]

    init(_ catalogue: Catalogue) {
        for entry in catalogue.entries {
            bytes.append(contentsOf: entry.name.utf8)
            starts.append(Int32(bytes.count))
        }
    }

    /// Calls `body` with the names read through pointers, valid while it runs.
    func withBytes<Result>(_ body: (Bytes) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in body(Bytes(bytes: bytes, starts: starts)) }
        }
    }

    /// The names, read through pointers.
    struct Bytes {
        var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var starts = UnsafeBufferPointer<Int32>(start: nil, count: 0)

        /// The UTF-8 of entry `index`'s name.
        subscript(index: Int32) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[Int(starts[Int(index)])..<Int(starts[Int(index) + 1])])
        }
    }
}
