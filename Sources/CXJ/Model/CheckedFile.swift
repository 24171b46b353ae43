/// What a gap finding is about, as indices into its journey's (or the catalogue's) arrays.
public enum FindingSubject: Sendable, Equatable {
    case journey
    case stage(Int32)
    case step(Int32)
    case action(Int32)
    case touchpoint(Int32)
    case kpi(Int32)
    case catalogue(Int32)
    case allow(Int32)
}

/// A gap finding: a diagnostic from a rule, tied to the journey and element it is about.
public struct Finding: Sendable {
    public var diagnostic: Diagnostic
    /// The index of the journey in `CheckedFile.journeys`, or -1 for findings about the catalogue.
    public var journey: Int
    public var subject: FindingSubject
    /// The innermost `allow` scope around the element the finding is about.
    var allowScope: Int32
    /// The opportunity (an index into the journey's opportunities) that plans this gap, or -1.
    public internal(set) var plannedBy: Int32 = -1
}

/// Everything checked about one file: its visible catalogue, its journeys, its allows, and the
/// gap findings that survived `allow` and configuration. Emitters read only this.
public struct CheckedFile: Sendable {
    public let fileIndex: Int
    /// Every source of the workspace, so that text in imported files can be decoded.
    public internal(set) var sources: [SourceFile]
    public internal(set) var interner: Interner
    /// Whether the journeys of this file were checked (true for inputs, false for files only imported).
    public internal(set) var isRoot = false
    public internal(set) var catalogue = Catalogue()
    public internal(set) var journeys: [Journey] = []
    public internal(set) var allows: [Allow] = []
    var allowScopes: [AllowScope]
    public internal(set) var findings: [Finding] = []
    /// Where the file has errors (syntax and meaning), and references left unresolved without a
    /// diagnostic: what lies there is touched by an error, for the gap rules' tolerance.
    var errorLocations: [SourceLocation] = []
    /// Errors in the file's meaning (CXJ101–CXJ111).
    public internal(set) var diagnostics: [Diagnostic] = []
    /// The parse's diagnostics, when the file was parsed again for checking (a tree with a hole
    /// whose part failed its check): they replace the workspace tree's, which has none. Also
    /// the tree's own, when the workspace's tree was handed back once the file was checked
    /// (`Workspace.releasesTrees`).
    var parseDiagnostics: [Diagnostic]? = nil
    /// Each journey's derived figures, worked out once by the gap rules and read again by the
    /// emitters; empty for a file that was not linted.
    var journeyFacts: [JourneyFacts] = []

    init(fileIndex: Int, sources: [SourceFile], interner: Interner) {
        self.init(fileIndex: fileIndex, sources: sources, interner: interner, noScopes: ())
        allowScopes = [AllowScope(parent: -1, allows: [])]
    }

    /// A file with no allow scope at all, not even the file's own: what stands in for a file
    /// until it is given back (`OrderedOutput`) allocates nothing.
    init(fileIndex: Int, sources: [SourceFile], interner: Interner, noScopes: Void) {
        self.fileIndex = fileIndex
        self.sources = sources
        self.interner = interner
        allowScopes = []
    }

    public var source: SourceFile { sources[fileIndex] }

    /// Hands back the memory of this file's source behind an output's pass over it, when the
    /// file is mapped; what is read again comes back from the file's pages (see `MappedFile`).
    /// Outputs of a large journey use it as they go.
    func releaseBehind() -> ReleaseBehind {
        ReleaseBehind(source)
    }

    /// For an output that writes `count` elements of `journey` in source order, in blocks:
    /// after each block, hands back the source before the next element (which starts at
    /// `start(index)`); after the last, the journey's (see `releaseBehind`).
    func releasingSource(of journey: Journey, count: Int, start: @escaping (Int) -> Int) -> (Int) -> Void {
        var release = releaseBehind()
        let whole = journey.statement.start..<journey.statement.end
        return { written in
            release.done(from: whole.lowerBound, to: written < count ? start(written) : whole.upperBound, final: written == count)
        }
    }

    /// The derived figures of a journey: those the gap rules worked out, or new ones.
    public func facts(ofJourney index: Int) -> JourneyFacts {
        index < journeyFacts.count ? journeyFacts[index] : JourneyFacts(journeys[index])
    }

    /// The spelling of an identifier of this file.
    public func name(_ symbol: Int32) -> String { interner.name(symbol) }

    /// The decoded text of a string literal.
    public func text(_ ref: TextRef) -> String {
        sources[Int(ref.file)].bytes.withUnsafeBufferPointer { buffer in
            StringLiteral.decode(UnsafeBufferPointer(rebasing: buffer[Int(ref.start)..<Int(ref.end)]),
                                 multiline: ref.isMultiline)
        }
    }

    /// Calls `body` with the decoded UTF-8 of a string literal. A one-line string without
    /// escapes is passed straight from the source, with no copy.
    public func withText<Result>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let simple = sources[Int(ref.file)].bytes.withUnsafeBufferPointer { ref.plainContents(in: $0) }
        if let simple {
            return withExtendedLifetime(sources[Int(ref.file)]) { body(simple) }
        }
        var decoded = text(ref)
        return decoded.withUTF8(body)
    }

    /// Calls `body` with the UTF-8 of an identifier of this file, with no copy.
    public func withName<Result>(_ symbol: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        interner.withBytes(symbol, body)
    }

    /// Whether the file holds at least one journey.
    public var hasJourneys: Bool { !journeys.isEmpty }
}

extension TextRef {
    /// What lies between the quotes of a one-line string literal without escapes, read from
    /// its file's bytes; nil when the text must be decoded (an escape, a multi-line string) or
    /// has no closing quote (an unterminated string).
    func plainContents(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard !isMultiline, end - start >= 2, bytes.count >= Int(end), bytes[Int(end) - 1] == 0x22 else { return nil }
        let inner = UnsafeBufferPointer(rebasing: bytes[Int(start) + 1..<Int(end) - 1])
        return inner.contains(0x5C) ? nil : inner
    }
}
