/// A half-open byte range in one file of a workspace.
public struct SourceLocation: Hashable, Sendable, Comparable {
    /// The index of the file in its workspace.
    public var file: Int
    /// The offset of the first byte.
    public var start: Int
    /// The offset just past the last byte. Equal to `start` for an empty range.
    public var end: Int

    public init(file: Int, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
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
