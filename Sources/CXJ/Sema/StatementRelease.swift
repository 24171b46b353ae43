/// Hands back the memory of a journey's statements once they are lowered.
///
/// At the end of lowering a large journey its syntax tree and its model were both resident: the
/// tree (24 bytes a statement, 12 an argument, 16 a decoded number) is 2.3 times a dense input.
/// Lowering reads a journey's statements in order, and a lowered statement is not read again
/// while nothing waits for it: no touchpoint kept for later (see
/// `FileChecker.lowerTouchpointNowOrLater`; an opportunity's `addresses` keeps its arguments,
/// not its statement). Before each statement of the journey, the whole pages of the tree's
/// arrays that lie before it are handed back (`MADV_DONTNEED`: they read as zeros afterwards),
/// in steps aligned to 2 MiB so that no huge page is split for a sliver.
///
/// (A journey checked in parts, `FileChecker+Parts`, never holds its whole tree: this is for
/// the journeys of a file that could not be.)
///
/// A helper lowering a half on another thread releases nothing: its half may be given up and
/// lowered again by the main checker. Once adopted, the half is released with what follows.
///
/// Only for runs that read no syntax tree after checking (`check` and `compile`; the language
/// server keeps its trees to answer questions: see `AllocationPolicy.treeReleasingCommands`),
/// and only for journeys of `minimumJourneyBytes` or more.
public struct StatementRelease {
    /// Whether lowering releases what it has read; set once, before any thread starts.
    nonisolated(unsafe) static var isEnabled = false

    /// Lets lowering hand back the statements it has read, for a run that reads no syntax tree
    /// afterwards (`AllocationPolicy.treeReleasingCommands`). Call before any thread starts.
    public static func enable() {
        isEnabled = true
    }

    /// Releases every journey's statements page by page, whatever its size (for the tests).
    nonisolated(unsafe) static var isForced = false

    /// Whether any journey of this run may have its statements released.
    static var isOn: Bool { isEnabled || isForced }

    /// Smaller journeys keep their statements: a few system calls would save little.
    static let minimumJourneyBytes = 1 << 20

    /// The tree being lowered, read through the checker's pointers.
    private let nodeStore: UnsafeBufferPointer<SyntaxNode>
    private let argumentStore: UnsafeBufferPointer<SyntaxArgument>
    private var nodes: Cursor
    private var arguments: Cursor
    private var numbers: Cursor

    /// The release of one of the tree's arrays: where it starts and what is released so far.
    private struct Cursor {
        let base: UnsafeRawPointer?
        let stride: Int
        var next: UnsafeRawPointer?

        init<Element>(_ buffer: UnsafeBufferPointer<Element>) {
            base = buffer.baseAddress.map(UnsafeRawPointer.init)
            stride = MemoryLayout<Element>.stride
            next = base
        }

        /// Moves the start of what may be released up to the element at `start`, never back.
        mutating func begin(at start: Int) {
            guard let base, let next else { return }
            self.next = max(next, base + start * stride)
        }

        /// Releases the whole pages (2 MiB-aligned, or any page when forced) before the element
        /// at `end`, from where `begin` put the start.
        mutating func release(upTo end: Int) {
            guard let base, let next else { return }
            let granule = StatementRelease.isForced ? HugePages.pageSize : HugePages.hugePageBytes
            let boundary = Int(bitPattern: base + end * stride) & ~(granule - 1)
            guard boundary > Int(bitPattern: next) else { return }
            self.next = UnsafeRawPointer(ReleasedMemory.release(
                from: UnsafeMutableRawPointer(mutating: next), upTo: UnsafeMutableRawPointer(bitPattern: boundary)!))
        }
    }

    init(nodes: UnsafeBufferPointer<SyntaxNode>, arguments: UnsafeBufferPointer<SyntaxArgument>,
         numbers: UnsafeBufferPointer<NumberLiteral?>) {
        nodeStore = nodes
        argumentStore = arguments
        self.nodes = Cursor(nodes)
        self.arguments = Cursor(arguments)
        self.numbers = Cursor(numbers)
    }

    /// Whether a journey of this many bytes has its statements released.
    static func covers(journeyBytes: Int) -> Bool {
        isForced || (isEnabled && journeyBytes >= minimumJourneyBytes)
    }

    /// Confines what is released to the statements of the journey at `journey`, from its first
    /// statement on: what lies before it (the catalogue, earlier journeys) may be read by another
    /// file's checker, which builds its catalogue from the files it imports while this one is
    /// lowered. Its decoded numbers start at the first one its arguments hold (looked for in
    /// order, up to its end; none, none released).
    mutating func begin(journey: Int) {
        let first = journey + 1
        let end = nodeStore[journey].nextSibling >= 0 ? Int(nodeStore[journey].nextSibling) : nodeStore.count
        guard first < end else {
            isReleasing = false
            return
        }
        isReleasing = true
        nodes.begin(at: first)
        let firstArgument = Int(nodeStore[first].firstArgument)
        arguments.begin(at: firstArgument)
        let lastArgument = end < nodeStore.count ? Int(nodeStore[end].firstArgument) : argumentStore.count
        holdsNumbers = false
        for position in firstArgument..<max(firstArgument, lastArgument) {
            if let number = argumentStore[position].numberIndex {
                holdsNumbers = true
                numbers.begin(at: Int(number))
                break
            }
        }
    }

    /// Whether the journey being lowered has statements to release (see `begin`).
    private var isReleasing = false
    /// Whether its arguments hold a decoded number (the numbers' cursor starts at the first).
    private var holdsNumbers = false

    /// Releases what lies before statement `node`: its statements, their arguments and their
    /// decoded numbers. Statements, arguments and numbers are stored in the order they are
    /// written, so what comes before a statement's first argument belongs to statements before
    /// it, and so do the numbers before the last one those arguments hold.
    mutating func release(before node: Int) {
        guard isReleasing else { return }
        let argumentEnd = node < nodeStore.count ? Int(nodeStore[node].firstArgument) : argumentStore.count
        nodes.release(upTo: node)
        arguments.release(upTo: argumentEnd)
        // The last decoded number before `argumentEnd`, looked for a short way back.
        guard holdsNumbers else { return }
        var position = argumentEnd - 1
        while position >= max(0, argumentEnd - 256) {
            if let number = argumentStore[position].numberIndex {
                numbers.release(upTo: Int(number) + 1)
                return
            }
            position -= 1
        }
    }
}
