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
    /// The file's bytes, including a leading byte order mark if there was one; empty once
    /// `releaseBytes` handed them back. Read without an exclusivity check, as a `let` is: the
    /// one write happens while no other thread reads this file (see `releaseBytes`).
    @exclusivity(unchecked) nonisolated(unsafe) public private(set) var bytes: SourceBytes
    /// The offset of the first byte after a leading UTF-8 byte order mark (0 or 3).
    @exclusivity(unchecked) nonisolated(unsafe) public private(set) var contentStart: Int

    /// Where `bytes` stand: held (read, or given), still to be read by the task that parses
    /// the file (`fill`), not read (`recordUnread`, with why), or handed back (`releaseBytes`).
    private enum ByteState {
        case held
        case awaitingRead
        case notRead(reason: String)
        case released
    }
    nonisolated(unsafe) private var byteState = ByteState.held

    /// The line starts found so far: a table is built only as far into the file as the
    /// positions asked for, so that a note near the top of a large (mapped) file does not
    /// read, and hold a table of, the whole file. And the last position computed: positions
    /// asked for in order along one long line continue from it, so N diagnostics on one line
    /// cost one pass over it, not N. (One lock for both: a lock is two allocations a file.)
    /// Made when a position is first asked for: most files of a folder show no diagnostic, and
    /// making a thousand files' locks up front was serial work before any file was parsed.
    /// (An `Unmanaged` reference's address in an atomic word: `AtomicLazyReference` was not
    /// specialized, and cost 640 instructions a look.)
    private let lazyLineState = Atomic<UInt>(0)

    /// Runs `body` on the line state under its lock, making the state first if need be. The
    /// state is borrowed, not retained: the file holds it until it goes.
    private func withLineState<Result>(_ body: (inout LineState) -> Result) -> Result {
        var address = lazyLineState.load(ordering: .acquiring)
        if address == 0 {
            let made = Unmanaged.passRetained(Locked(LineState()))
            let (stored, first) = lazyLineState.compareExchange(expected: 0, desired: UInt(bitPattern: made.toOpaque()),
                                                                ordering: .acquiringAndReleasing)
            if stored {
                address = UInt(bitPattern: made.toOpaque())
            } else {
                made.release()
                address = first
            }
        }
        return SourceFile.lineState(at: address)._withUnsafeGuaranteedRef { $0.withLock(body) }
    }

    /// Whether a position was asked for, so that the file holds line state (read by the tests).
    var holdsLineState: Bool { lazyLineState.load(ordering: .acquiring) != 0 }

    private static func lineState(at address: UInt) -> Unmanaged<Locked<LineState>> {
        Unmanaged<Locked<LineState>>.fromOpaque(UnsafeRawPointer(bitPattern: address)!)
    }

    deinit {
        let address = lazyLineState.load(ordering: .acquiring)
        if address != 0 { SourceFile.lineState(at: address).release() }
    }

    private struct LineState {
        var table = LineTable()
        var lastPosition: SourcePosition? = nil
    }

    /// Stands in for a file index that a caller's diagnostic names but its sources lack, so
    /// that renderers never trap on inconsistent input.
    public static let unknown = SourceFile(path: "<unknown>", bytes: [])

    public convenience init(path: String, bytes: [UInt8]) {
        self.init(path: path, content: SourceBytes(bytes))
    }

    public init(path: String, content bytes: SourceBytes) {
        self.path = path
        self.bytes = bytes
        contentStart = SourceFile.contentStart(of: bytes)
    }

    /// A file whose bytes the task that parses it reads (`SourceProvider.identityDeferringRead`):
    /// the bytes of a folder's inputs are then never all in memory at once.
    init(path: String, awaitingRead: Void) {
        self.path = path
        self.bytes = SourceBytes([])
        contentStart = 0
        byteState = .awaitingRead
    }

    private static func contentStart(of bytes: SourceBytes) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Whether the bytes are still to be read, by the task that parses the file.
    public var isAwaitingRead: Bool {
        if case .awaitingRead = byteState { return true }
        return false
    }

    /// Gives a file made awaiting its read the bytes read for it. Called once, by the task that
    /// parses the file, before any other thread reads it.
    func fill(_ content: SourceBytes) {
        guard isAwaitingRead else { return }
        byteState = .held
        bytes = content
        contentStart = SourceFile.contentStart(of: content)
    }

    /// Records why a file made awaiting its read could not be read: it stays empty and has a
    /// `readFailure`. Called as `fill` is.
    func recordUnread(_ reason: String) {
        guard isAwaitingRead else { return }
        byteState = .notRead(reason: reason)
    }

    static let changedWhileRead = "it changed while it was read"

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The offsets at which lines start. Line 0 starts after the byte order mark.
    public var lineStarts: [Int] { lines { $0.scan(bytes, until: { _ in false }, from: contentStart) }.map(Int.init) }

    /// Runs `scan` on the table under its lock and returns the line starts found so far.
    private func lines(_ scan: (inout LineTable) -> Void) -> [Int32] {
        withLineState { state in
            scan(&state.table)
            return state.table.starts
        }
    }

    /// The 0-based index of the line holding `offset`.
    public func lineIndex(containing offset: Int) -> Int {
        // Known once a line start past `offset` is found, or the file's end.
        let starts = lines { $0.scan(bytes, until: { Int($0.last!) > offset }, from: contentStart) }
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(starts[middle]) <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The byte range of a 0-based line, without its line terminator (LF or CRLF).
    public func lineContentRange(_ line: Int) -> Range<Int> {
        let starts = lines { $0.scan(bytes, until: { $0.count > line + 1 }, from: contentStart) }
        let start = Int(starts[line])
        var end = line + 1 < starts.count ? Int(starts[line + 1]) - 1 : bytes.count
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The offset at which a 0-based line starts (one that `lineIndex(containing:)` or
    /// `position(of:)` gave).
    public func lineStart(_ line: Int) -> Int {
        Int(lines { $0.scan(bytes, until: { $0.count > line }, from: contentStart) }[line])
    }

    /// Drops the line starts found so far, and the last position: a run that is done with a
    /// file's positions for now (its output is written) hands the table back, and a later
    /// position scans for it again. Safe on any thread.
    public func forgetLines() {
        let address = lazyLineState.load(ordering: .acquiring)
        if address != 0 { SourceFile.lineState(at: address)._withUnsafeGuaranteedRef { $0.withLock { $0 = LineState() } } }
    }

    /// The 1-based line, Unicode-scalar column and UTF-16 column of a byte offset.
    public func position(of offset: Int) -> SourcePosition {
        let clamped = min(max(offset, 0), bytes.count)
        let line = lineIndex(containing: clamped)
        var index = lineStart(line)
        var scalars = 0
        var utf16 = 0
        if let last = withLineState({ $0.lastPosition }), last.line == line + 1, last.offset <= clamped, last.offset >= index {
            index = last.offset
            scalars = last.column - 1
            utf16 = last.utf16Column - 1
        }
        bytes.countColumns(from: index, to: clamped, scalars: &scalars, utf16: &utf16)
        let position = SourcePosition(offset: clamped, line: line + 1, column: scalars + 1, utf16Column: utf16 + 1)
        withLineState { $0.lastPosition = position }
        return position
    }

    /// The text of a byte range, with invalid UTF-8 replaced by U+FFFD.
    public func text(_ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[lower..<upper]), as: UTF8.self) }
    }

    /// Whether the file was mapped and has changed since (see `MappedFile`): what was read from
    /// it may mix two versions, and commands report it as unreadable.
    /// So is a file read late whose read failed (`fill`).
    public var hasChanged: Bool { readFailure != nil }

    /// Whether the file's late read failed: it was not read, and a run's count of files leaves
    /// it out (`readCount`), as it does a file that could not be read at once.
    public var wasNotRead: Bool {
        if case .notRead = byteState { return true }
        return false
    }

    /// Whether `releaseBytes` emptied `bytes`.
    public var bytesWereReleased: Bool {
        if case .released = byteState { return true }
        return false
    }

    /// Why what was read of the file cannot be used: it changed under its mapping, or its late
    /// read failed (`recordUnread`); nil when it can.
    public var readFailure: String? {
        if case .notRead(let reason) = byteState { return reason }
        return bytes.mapping?.hasChanged == true ? SourceFile.changedWhileRead : nil
    }

    /// Hands back the bytes of a file read into memory, once nothing will read them again: a
    /// run that reports diagnostics calls it for a file that has none and that no other file's
    /// diagnostic can point into (`Compiler.releaseIfClean`). Afterwards the file reads as
    /// empty. The caller guarantees that no other thread reads this file meanwhile, nor later
    /// expects its text. A mapped file is left alone: its pages are handed back behind each
    /// pass already, and `hasChanged` reads its mapping.
    func releaseBytes() {
        guard bytes.mapping == nil, !bytes.isEmpty else { return }
        bytes = SourceBytes([])
        byteState = .released
        forgetLines()
    }

    /// Hands back the memory of the bytes in `range` when the file is mapped: a pass that is
    /// done with them calls this, and a later read finds them again (see `MappedFile`).
    func releasePages(in range: Range<Int>) {
        bytes.mapping?.releasePages(in: range)
    }
}

extension Array where Element == SourceFile {
    /// The file at an index, or `SourceFile.unknown` when there is none.
    public func file(at index: Int) -> SourceFile {
        index >= 0 && index < count ? self[index] : SourceFile.unknown
    }

    /// How many of the files were read: all but those whose late read failed (`wasNotRead`).
    public var readCount: Int {
        reduce(0) { $0 + ($1.wasNotRead ? 0 : 1) }
    }
}

/// The line starts of a file as far as it has been scanned for them, as 32-bit offsets, as
/// everywhere (`FileSystemProvider.largestMaximumSize`): as 64-bit ones, over 1,000 small
/// journeys, the tables of the files with findings were 0.9 MiB of a `compile`'s peak.
private struct LineTable {
    var starts: [Int32] = []
    /// Every line start before this offset is in `starts`.
    var scanned = 0
    var isComplete = false

    /// Scans on until `done(starts)` holds or the bytes end, a stretch at a time.
    mutating func scan(_ bytes: SourceBytes, until done: ([Int32]) -> Bool, from contentStart: Int) {
        if starts.isEmpty {
            starts = [Int32(contentStart)]
            scanned = contentStart
        }
        while !isComplete && !done(starts) {
            bytes.withUnsafeBufferPointer { buffer in
                // memchr finds each line feed many bytes at a time.
                let limit = min(buffer.count, scanned + LineTable.stretch)
                var index = scanned
                while index < limit, let base = buffer.baseAddress,
                      let found = memchr(base + index, 0x0A, limit - index) {
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    starts.append(Int32(truncatingIfNeeded: offset + 1))
                    index = offset + 1
                }
                scanned = limit
                isComplete = limit == buffer.count
            }
        }
    }

    /// How far one step of a scan reads past what was asked for.
    static let stretch = 256 << 10
}

extension SourceBytes {
    /// Adds to `scalars` and `utf16` the Unicode scalars and UTF-16 units that start from
    /// `start` up to `end` (none when `end` is not past `start`).
    func countColumns(from start: Int, to end: Int, scalars: inout Int, utf16: inout Int) {
        guard start < end else { return }
        withUnsafeBufferPointer { buffer in
            var index = start
            while index < end {
                let byte = buffer[index]
                if byte & 0xC0 != 0x80 {
                    scalars += 1
                    utf16 += byte >= 0xF0 ? 2 : 1
                }
                index += 1
            }
        }
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
