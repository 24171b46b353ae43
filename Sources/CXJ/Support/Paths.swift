#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lexical path arithmetic: imports are joined to the importing file's directory and
/// normalized, so that the paths people see stay as short as the ones they wrote.
public enum Paths {
    /// The directory part of a path: `Examples/a.cxj` → `Examples`, `a.cxj` → ``.
    public static func directory(of path: String) -> String {
        // Searched as UTF-8 bytes: `/` is never part of another character.
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: 0x2F) else { return "" }
        if slash == utf8.startIndex { return "/" }
        return String(Substring(utf8[..<slash]))
    }

    /// Joins a relative path to a directory; an absolute `relative` is returned as is.
    public static func join(_ directory: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || directory.isEmpty { return normalize(relative) }
        return normalize(directory + "/" + relative)
    }

    /// A path for a URI: each byte outside the unreserved characters and `/` percent-encoded
    /// (`a b/ก.cxj` → `a%20b/%E0%B8%81.cxj`), written as bytes (a `String` built a scalar at a
    /// time cost most of SARIF's URIs). SARIF and the language server both use it.
    public static func percentEncoded(_ path: String) -> String {
        let hex: StaticString = "0123456789ABCDEF"
        var encoded: [UInt8] = []
        encoded.reserveCapacity(path.utf8.count + 16)
        for byte in path.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F:
                encoded.append(byte)
            default:
                encoded.append(0x25)
                encoded.append(hex.utf8Start[Int(byte >> 4)])
                encoded.append(hex.utf8Start[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Removes `.` segments, empty segments and `x/..` pairs, without touching the file system.
    public static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == ".." && isAbsolute && parts.isEmpty { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Whether `normalize` would return the path unchanged: not empty, no empty, `.` or `..`
    /// component, and no trailing `/` (a lone `/` is normal). One pass over the bytes, where
    /// normalizing splits and joins strings.
    static func isNormal(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            if bytes.count == 1 { return true }
            var start = bytes[0] == 0x2F ? 1 : 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x2F { end += 1 }
                let length = end - start
                if length == 0 { return false }
                if length == 1 && bytes[start] == 0x2E { return false }
                if length == 2 && bytes[start] == 0x2E && bytes[start + 1] == 0x2E { return false }
                if end == bytes.count { return true }
                start = end + 1
            }
            return true
        }
    }

    /// The path made absolute against the current directory.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](filling: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return cwd + "/" + path
    }

    /// A path relative to `base` when it lies below it, otherwise the path itself.
    public static func relative(_ path: String, to base: String) -> String {
        let normalizedPath = normalize(absolute(path))
        let normalizedBase = normalize(absolute(base))
        if normalizedPath == normalizedBase { return "." }
        let prefix = normalizedBase.hasSuffix("/") ? normalizedBase : normalizedBase + "/"
        if normalizedPath.hasPrefix(prefix) { return String(normalizedPath.dropFirst(prefix.count)) }
        return normalizedPath
    }

    /// Whether a normalized `path` lies inside the normalized directory `root` (or is it).
    /// Relative paths are compared as written: `.` contains every relative path that does
    /// not climb out of it with `..`.
    public static func contains(_ root: String, _ path: String) -> Bool {
        if root == "." { return !path.hasPrefix("/") && path != ".." && !path.hasPrefix("../") }
        if root == "/" { return path.hasPrefix("/") }
        return path == root || path.hasPrefix(root + "/")
    }

    /// The order of names held back to back in `pool`, each a span of it, by their bytes (as
    /// `ls` sorts in the C locale; a name before the longer ones it begins), as indices into
    /// `spans`. The generic comparison of two UTF-8 views cost about 15,000 instructions per
    /// name, and comparing strings in place still retained and released both at every comparison.
    ///
    /// Names are ordered by eight bytes at a time, read as one number that orders as the bytes
    /// do (`sortByKey`), and the names that tie on those by their next eight. (The standard
    /// library's sort with `memcmp` took 1.5M instructions for a folder of 1,000 journeys, on one
    /// thread before any file was read: its insertion sort of short runs, and every comparison
    /// going over the `journey-` the names share.)
    static func orderByBytes(_ spans: [(start: Int, count: Int)], in pool: UnsafeBufferPointer<UInt8>) -> [Int] {
        // An empty pool has no address; every name is empty then, and equal.
        guard spans.count > 1, let base = pool.baseAddress else { return Array(spans.indices) }
        var items = spans.indices.map { (key: UInt64(0), index: $0) }
        var scratch = items
        var runs = [(range: 0..<items.count, depth: 0)]
        while let run = runs.popLast() {
            var longest = 0
            for position in run.range {
                let span = spans[items[position].index]
                items[position].key = key(of: span, at: run.depth, in: base)
                longest = max(longest, span.count)
            }
            sortByKey(&items, run.range, using: &scratch)
            // Names that tie and go on past these eight bytes are ordered by the next eight. A
            // name holds no zero byte, so two names that tie and end within them are equal.
            guard longest > run.depth + 8 else { continue }
            var first = run.range.lowerBound
            while first < run.range.upperBound {
                var end = first + 1
                while end < run.range.upperBound && items[end].key == items[first].key { end += 1 }
                if end - first > 1 { runs.append((first..<end, run.depth + 8)) }
                first = end
            }
        }
        return items.map(\.index)
    }

    /// A name's eight bytes from `depth` on, big-endian, padded with zeros: a name that ends
    /// within them orders before the longer names it begins.
    private static func key(of span: (start: Int, count: Int), at depth: Int, in base: UnsafePointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        let available = max(0, min(8, span.count - depth))
        for offset in 0..<8 {
            key <<= 8
            if offset < available { key |= UInt64(base[span.start + depth + offset]) }
        }
        return key
    }

    /// Sorts a range by key, keeping the order of equal keys: a short range by insertion, a
    /// longer one a byte of the key at a time, least significant first, skipping a byte that
    /// every item has.
    private static func sortByKey(_ items: inout [(key: UInt64, index: Int)], _ range: Range<Int>,
                                  using scratch: inout [(key: UInt64, index: Int)]) {
        guard range.count > 24 else {
            for position in range.dropFirst() {
                let item = items[position]
                var hole = position
                while hole > range.lowerBound && items[hole - 1].key > item.key {
                    items[hole] = items[hole - 1]
                    hole -= 1
                }
                items[hole] = item
            }
            return
        }
        var counts = Array(filling: 0, count: 257)
        items.withUnsafeMutableBufferPointer { items in
            scratch.withUnsafeMutableBufferPointer { scratch in
                counts.withUnsafeMutableBufferPointer { counts in
                    for shift in stride(from: UInt64(0), to: 64, by: 8) {
                        counts.update(repeating: 0)
                        for position in range { counts[Int(truncatingIfNeeded: items[position].key >> shift) & 0xFF + 1] += 1 }
                        if counts.contains(range.count) { continue } // every item has this byte
                        counts[0] = range.lowerBound
                        for bucket in 1..<counts.count { counts[bucket] += counts[bucket - 1] }
                        for position in range {
                            let bucket = Int(truncatingIfNeeded: items[position].key >> shift) & 0xFF
                            scratch[counts[bucket]] = items[position]
                            counts[bucket] += 1
                        }
                        for position in range { items[position] = scratch[position] }
                    }
                }
            }
        }
    }

    /// The last component of a path: `a/b.cxj` → `b.cxj`.
    /// Searched as UTF-8 bytes, as `directory(of:)` is: splitting the path into an array of
    /// substrings cost about 9,800 instructions per call, twice per input file.
    public static func lastComponent(_ path: String) -> String {
        let utf8 = path.utf8
        // Trailing slashes are not a component: `a/b/` → `b`; a path of slashes only, or an
        // empty one, is its own last component.
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == 0x2F { end = utf8.index(before: end) }
        if end == utf8.startIndex { return path }
        let start = utf8[..<end].lastIndex(of: 0x2F).map { utf8.index(after: $0) } ?? utf8.startIndex
        if start == utf8.startIndex && end == utf8.endIndex { return path }
        return String(Substring(utf8[start..<end]))
    }
}
