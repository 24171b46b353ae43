#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A source file held as the raw UTF-8 bytes it was read from.
///
/// Every position in cxj is a byte offset into `bytes`. Lines, columns and display widths are
/// derived from offsets only when a person or an editor needs them, so files that produce no
/// diagnostics never pay for a line table.
public final class SourceFile: Sendable {
    /// The path shown to people: as given on the command line, or joined from an import.
    public let path: String
    /// The file's bytes, including a leading byte order mark if there was one.
    public let bytes: [UInt8]
    /// The offset of the first byte after a leading UTF-8 byte order mark (0 or 3).
    public let contentStart: Int

    private let lineStartsCache = Mutex<[Int]?>(nil)
    /// The last position computed: positions asked for in order along one long line continue
    /// from it, so N diagnostics on one line cost one pass over it, not N.
    private let lastPosition = Mutex<SourcePosition?>(nil)

    /// Stands in for a file index that a caller's diagnostic names but its sources lack, so
    /// that renderers never trap on inconsistent input.
    public static let unknown = SourceFile(path: "<unknown>", bytes: [])

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            contentStart = 3
        } else {
            contentStart = 0
        }
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The offsets at which lines start. Line 0 starts after the byte order mark.
    public var lineStarts: [Int] {
        lineStartsCache.withLock { cache in
            if let starts = cache { return starts }
            var starts = [contentStart]
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                // memchr finds each line feed many bytes at a time.
                var index = contentStart
                while index < buffer.count, let found = memchr(base + index, 0x0A, buffer.count - index) {
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    starts.append(offset + 1)
                    index = offset + 1
                }
            }
            cache = starts
            return starts
        }
    }

    /// The 0-based index of the line holding `offset`.
    public func lineIndex(containing offset: Int) -> Int {
        let starts = lineStarts
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The byte range of a 0-based line, without its line terminator (LF or CRLF).
    public func lineContentRange(_ line: Int) -> Range<Int> {
        let starts = lineStarts
        let start = starts[line]
        var end = line + 1 < starts.count ? starts[line + 1] - 1 : bytes.count
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The 1-based line, Unicode-scalar column and UTF-16 column of a byte offset.
    public func position(of offset: Int) -> SourcePosition {
        let clamped = min(max(offset, 0), bytes.count)
        let line = lineIndex(containing: clamped)
        var index = lineStarts[line]
        var scalars = 0
        var utf16 = 0
        if let last = lastPosition.withLock({ $0 }), last.line == line + 1, last.offset <= clamped, last.offset >= index {
            index = last.offset
            scalars = last.column - 1
            utf16 = last.utf16Column - 1
        }
        while index < clamped {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 {
                scalars += 1
                utf16 += byte >= 0xF0 ? 2 : 1
            }
            index += 1
        }
        let position = SourcePosition(offset: clamped, line: line + 1, column: scalars + 1, utf16Column: utf16 + 1)
        lastPosition.withLock { $0 = position }
        return position
    }

    /// The text of a byte range, with invalid UTF-8 replaced by U+FFFD.
    public func text(_ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}

extension Array where Element == SourceFile {
    /// The file at an index, or `SourceFile.unknown` when there is none.
    public func file(at index: Int) -> SourceFile {
        index >= 0 && index < count ? self[index] : SourceFile.unknown
    }
}

/// A position derived from a byte offset: what people, terminals and editors count.
public struct SourcePosition: Hashable, Sendable {
    /// The byte offset the position was derived from.
    public var offset: Int
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars (used by `short` output and SARIF).
    public var column: Int
    /// The 1-based column, counted in UTF-16 code units (used by editors and LSP).
    public var utf16Column: Int
}
