#if canImport(Glibc)
import Glibc
#endif

/// Where a printer's bytes go: into memory (a piece printed on another thread, or the whole
/// text when a caller wants it, as `--diff` does), or on to a consumer 64 KiB at a time as
/// they are printed, so that `fmt --check`, `--stdout` and rewriting a file never hold a large
/// file's whole output (20 MB of a 20 MB journey).
struct PrinterSink: OutputSink {
    private(set) var bytes: [UInt8] = []
    private let consumer: ((UnsafeRawBufferPointer) -> Void)?

    /// Collects into `storage`, emptied but keeping its capacity (see `MemorySink`).
    init(reusing storage: [UInt8]) {
        bytes = storage
        bytes.removeAll(keepingCapacity: true)
        consumer = nil
    }

    /// Hands every chunk to `consumer` and keeps nothing.
    init(consumer: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.consumer = consumer
    }

    mutating func write(_ chunk: UnsafeRawBufferPointer) {
        if let consumer { consumer(chunk) } else { bytes.append(contentsOf: chunk) }
    }
}

/// Passes printed bytes on so that the output ends with exactly one newline, or is empty
/// when nothing but line ends was printed: a run of line ends is held back until something
/// follows it, and `finish` closes the text with one. (What `Printer` prints before this
/// step may end with blank lines.)
final class FinalNewline {
    private let consumer: (UnsafeRawBufferPointer) -> Void
    private var heldLineEnds = 0
    private var wroteText = false

    init(_ consumer: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.consumer = consumer
    }

    func write(_ chunk: UnsafeRawBufferPointer) {
        var textEnd = chunk.count
        while textEnd > 0 && chunk[textEnd - 1] == 0x0A { textEnd -= 1 }
        guard textEnd > 0 else {
            heldLineEnds += chunk.count
            return
        }
        releaseLineEnds()
        consumer(UnsafeRawBufferPointer(rebasing: chunk[0..<textEnd]))
        wroteText = true
        heldLineEnds = chunk.count - textEnd
    }

    /// Ends the text: one newline after it, if there was any.
    func finish() {
        heldLineEnds = 0
        if wroteText { FinalNewline.lineEnds.withUnsafeBytes { consumer(UnsafeRawBufferPointer(rebasing: $0[0..<1])) } }
    }

    private func releaseLineEnds() {
        while heldLineEnds > 0 {
            let count = min(heldLineEnds, FinalNewline.lineEnds.count)
            FinalNewline.lineEnds.withUnsafeBytes { consumer(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            heldLineEnds -= count
        }
    }

    private static let lineEnds = [UInt8](filling: 0x0A, count: 64)
}

/// Compares printed bytes with the text they were printed from, as they arrive: whether a
/// file is already formatted, without its formatted text in memory.
final class SourceComparison {
    private let source: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var differs = false

    init(_ source: UnsafeBufferPointer<UInt8>) {
        self.source = source
    }

    func write(_ chunk: UnsafeRawBufferPointer) {
        guard !differs else { return }
        guard offset + chunk.count <= source.count else {
            differs = true
            return
        }
        if chunk.count > 0 && memcmp(source.baseAddress! + offset, chunk.baseAddress!, chunk.count) != 0 { differs = true }
        offset += chunk.count
    }

    /// Whether everything printed equals the whole source.
    var matches: Bool { !differs && offset == source.count }
}
