/// Where printing a hole's parts stands: the block's cursor, and the part to print next.
private final class PartState: @unchecked Sendable {
    var cursor: BlockCursor
    var tree: SyntaxTree

    init(cursor: BlockCursor, tree: SyntaxTree) {
        self.cursor = cursor
        self.tree = tree
    }
}

/// Whether a part failed its check while a hole was printed.
private final class PartOutcome: @unchecked Sendable {
    var failed = false
}

/// The run a holed layout left out of its tree, and how to print it where it belongs.
struct PrintHole {
    let hole: SyntaxHole
    /// Prints the run's statements at a depth, carrying on from the block's cursor, straight to
    /// the output (the printer flushes what it holds first).
    let print: (_ cursor: inout BlockCursor, _ depth: Int) -> Void
}

/// What the formatter prints a file from: its layout tree, whole, or for a large file with
/// one block's long run left out and printed a part at a time (`SyntaxHole`), so that the
/// file's whole tree is never held. The output is the same byte for byte.
public struct FormatterLayout: Sendable {
    let tree: SyntaxTree
    /// The run left out of `tree`, if any.
    let hole: SyntaxHole?

    var source: SourceFile { tree.source }
    /// The layout's diagnostics: those of the whole file (a holed layout is only made for a
    /// file without any).
    public var diagnostics: [Diagnostic] { tree.diagnostics }
    public var hasErrors: Bool { tree.hasErrors }
    /// How many parts the file is printed in (0: from the whole tree).
    var partCount: Int { hole?.starts.count ?? 0 }
    /// How many statements the held tree has (a holed one holds few).
    var heldStatements: Int { tree.nodes.count }

    init(_ holed: HoledLayout) {
        tree = holed.tree
        hole = holed.hole
    }

    init(whole tree: SyntaxTree) {
        self.tree = tree
        hole = nil
    }
}

extension Formatter {
    /// How large a file must be for its layout to be made with a hole: smaller trees are
    /// printed whole (`AllocationPolicy.holedLayoutBytes`).
    nonisolated(unsafe) static var holedLayoutBytes = AllocationPolicy.holedLayoutBytes
    /// About how many bytes of the run each part holds (the tests use smaller parts). Dense
    /// 20 MB journey, `fmt --check`: 256 KiB parts peaked at 30.7 MiB, 512 KiB at 34.9 and
    /// 1 MiB at 42.1, in the same time (106–108 ms).
    nonisolated(unsafe) static var holePartBytes = 256 << 10

    /// The parts of a file of `fileBytes`: a 64th of the file, from 16 KiB to `holePartBytes`
    /// (`Parser.partBytes(forFileOf:largest:)`; the thirty-fourth round, 256 KiB whatever the
    /// size before). A part is parsed and
    /// printed on the two threads while others wait their turn, each about twice its bytes in
    /// tree, and 256 KiB parts weighed most against a file of a few MB: `fmt --check` of a
    /// dense 2 MB journey peaked at 8.50 MiB, now 6.78 (4 MB: 10.53 → 9.03, page cache
    /// dropped, medians of 7; `--stdout` 2 MB 10.33 → 8.59, medians of 5), in 2.5% fewer
    /// instructions (170.1M → 165.9M).
    static func holePartBytes(forFileOf fileBytes: Int) -> Int {
        Parser.partBytes(forFileOf: fileBytes, largest: holePartBytes)
    }

    /// The layout to print a file from: with a hole when the file is large and one can be
    /// made, else the whole layout tree (`layout(of:)`), which also carries the diagnostics of
    /// a file with errors.
    public static func printableLayout(of source: SourceFile) -> FormatterLayout {
        if isLarge(source), let holed = Parser.layoutWithHole(source, partBytes: holePartBytes(forFileOf: source.bytes.count)) {
            return FormatterLayout(holed)
        }
        return FormatterLayout(whole: layout(of: source))
    }

    /// `stream(_:to:)` for a layout: the canonical text, a part at a time.
    public static func stream(_ layout: FormatterLayout, to consumer: (UnsafeRawBufferPointer) -> Void) {
        let printed = print(layout, to: consumer)
        precondition(printed, "a part that was checked failed its check when parsed again")
    }

    /// Whether `source` is large enough to be printed from a layout with a hole.
    public static func isLarge(_ source: SourceFile) -> Bool {
        source.bytes.count >= holedLayoutBytes
    }

    /// A large file's canonical text, printed from a layout whose parts are checked only as
    /// they are parsed to be printed: each part is parsed once, not twice (`printableLayout`
    /// checks them all first). True when the text is whole; false when a part failed its check,
    /// and what `consumer` got is then not the file's text and must be dropped (a `SpoolFile`,
    /// or a file written atomically, can drop it); nil when the file is not large or no hole
    /// could be made, and `consumer` got nothing. Either way but true, the caller formats the
    /// file as usual, which reports its errors.
    public static func printLargeCheckingAsItGoes(_ source: SourceFile, to consumer: (UnsafeRawBufferPointer) -> Void) -> Bool? {
        guard isLarge(source),
              let holed = Parser.layoutWithHole(source, partBytes: holePartBytes(forFileOf: source.bytes.count), checkingEveryPart: false) else { return nil }
        return print(FormatterLayout(holed), to: consumer)
    }

    /// Prints a layout; false when a part failed its check as it was parsed again (possible
    /// only in a hole whose parts were not all checked; what was printed is then not the
    /// file's text).
    private static func print(_ layout: FormatterLayout, to consumer: (UnsafeRawBufferPointer) -> Void) -> Bool {
        guard let hole = layout.hole else {
            stream(layout.tree, to: consumer)
            return true
        }
        let source = layout.source
        let outcome = PartOutcome()
        stream(layout.tree, hole: { bytes, output in
            PrintHole(hole: hole) { cursor, depth in
                if !printParts(of: hole, source: source, bytes: bytes, depth: depth, cursor: &cursor, to: output) {
                    outcome.failed = true
                }
            }
        }, to: consumer)
        return !outcome.failed
    }

    /// Whether a large file is in canonical form, found by comparing as its parts are checked:
    /// before a part is parsed to be printed, only the last is checked (to find where the run
    /// ends), so the comparison starts at once, each part being checked as it is parsed
    /// again. Nil when the file is not large, no hole could be made, or a part failed its
    /// check: the caller then formats the file as usual (which also reports its errors).
    public static func isFormattedIfLarge(_ source: SourceFile) -> Bool? {
        guard isLarge(source) else { return nil }
        return isFormatted(inPartsOf: holePartBytes(forFileOf: source.bytes.count), source)
    }

    /// `isFormattedIfLarge` with parts of about `partBytes`, whatever the file's size (the
    /// fuzzer's check).
    static func isFormatted(inPartsOf partBytes: Int, _ source: SourceFile) -> Bool? {
        guard let holed = Parser.layoutWithHole(source, partBytes: partBytes, checkingEveryPart: false) else { return nil }
        let layout = FormatterLayout(holed)
        var printed = false
        let same = matches(source.bytes) { printed = print(layout, to: $0) }
        return printed ? same : nil
    }

    /// Prints the parts of a hole in order; false when one fails its check (printing stops).
    /// Each step prints one part on one core while the next is parsed on the other (the
    /// pool's threads are awake between passes; a thread started for each part waited about
    /// a millisecond to run, here).
    private static func printParts(of hole: SyntaxHole, source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, depth: Int,
                                   cursor: inout BlockCursor, to consumer: @escaping (UnsafeRawBufferPointer) -> Void) -> Bool {
        nonisolated(unsafe) let bytes = bytes
        nonisolated(unsafe) let consumer = consumer
        guard let first = hole.part(0, of: source) else { return false }
        let state = PartState(cursor: cursor, tree: first)
        for index in hole.starts.indices {
            let hasNext = index + 1 < hole.starts.count
            let next = Parallel.map(hasNext ? [0, 1] : [0]) { task -> SyntaxTree? in
                if task == 1 { return hole.part(index + 1, of: source) }
                var printer = Printer(tree: state.tree, bytes: bytes, sink: PrinterSink(consumer: consumer))
                printer.printStatements(from: state.tree.firstStatement, depth: depth, end: hole.end(ofPart: index),
                                        cursor: &state.cursor)
                printer.out.flush()
                return nil
            }
            if hasNext {
                guard let tree = next[1] else { return false }
                state.tree = tree
            }
        }
        cursor = state.cursor
        return true
    }

    /// `isFormatted(_:)` for a layout.
    public static func isFormatted(_ layout: FormatterLayout) -> Bool {
        matches(layout.source.bytes) { stream(layout, to: $0) }
    }

    /// `format(_:)` for a layout: the whole canonical text.
    public static func format(_ layout: FormatterLayout) -> [UInt8] {
        guard layout.hole != nil else { return format(layout.tree) }
        return collect(sized: layout.source.bytes.count) { stream(layout, to: $0) }
    }
}
