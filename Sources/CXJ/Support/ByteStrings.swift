/// Many short byte strings in one array, for output written once per element: reading one
/// through a pointer (`View`) copies no `String`, so it allocates nothing and writes no
/// reference count — one that the threads rendering blocks would otherwise share.
struct ByteStrings {
    private var bytes: [UInt8] = []
    /// Where each string starts in `bytes`, and one past the last.
    private var starts: [Int32] = [0]

    init() {}

    var count: Int { starts.count - 1 }

    mutating func append<Bytes: Sequence>(contentsOf string: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: string)
        starts.append(Int32(bytes.count))
    }

    /// Appends the string that `body` writes to the end of the bytes it is given.
    mutating func append(writing body: (inout [UInt8]) -> Void) {
        body(&bytes)
        starts.append(Int32(bytes.count))
    }

    /// Calls `body` with the strings read through pointers, valid while it runs.
    func withView<Result>(_ body: (View) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in body(View(bytes: bytes, starts: starts)) }
        }
    }

    /// The strings, read through pointers.
    struct View {
        var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var starts = UnsafeBufferPointer<Int32>(start: nil, count: 0)

        subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[Int(starts[index])..<Int(starts[index + 1])])
        }
    }
}
