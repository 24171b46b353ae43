/// A half-open byte range in one file of a workspace.
///
/// Stored as three 32-bit integers (12 bytes), since the model holds several per element;
/// files are limited to 2 GiB.
public struct SourceLocation: Hashable, Sendable, Comparable {
    private var storedFile: Int32
    private var storedStart: Int32
    private var storedEnd: Int32

    /// The index of the file in its workspace.
    public var file: Int {
        get { Int(storedFile) }
        set { storedFile = Int32(truncatingIfNeeded: newValue) }
    }
    /// The offset of the first byte.
    public var start: Int {
        get { Int(storedStart) }
        set { storedStart = Int32(truncatingIfNeeded: newValue) }
    }
    /// The offset just past the last byte. Equal to `start` for an empty range.
    public var end: Int {
        get { Int(storedEnd) }
        set { storedEnd = Int32(truncatingIfNeeded: newValue) }
    }

    public init(file: Int, start: Int, end: Int) {
        storedFile = Int32(truncatingIfNeeded: file)
        storedStart = Int32(truncatingIfNeeded: start)
        storedEnd = Int32(truncatingIfNeeded: max(start, end))
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        return lhs.end < rhs.end
    }

    /// Whether this range lies inside `other`, in the same file.
    public func isInside(_ other: SourceLocation) -> Bool {
        file == other.file && start >= other.start && end <= other.end
    }
}
