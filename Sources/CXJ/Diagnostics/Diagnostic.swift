/// One problem found in the source, held as data; renderers turn it into text.
///
/// A diagnostic has exactly one primary location, an optional label drawn under it, labelled
/// secondary locations (possibly in other files), notes, and a `help:` line that suggests a fix.
public struct Diagnostic: Sendable, Equatable {
    public var code: Code
    public var severity: Severity
    /// A lower-case sentence that quotes code in backticks.
    public var message: String
    public var location: SourceLocation
    /// The text drawn beside the primary underline.
    public var label: String?
    public var secondary: [Label]
    public var notes: [String]
    public var help: String?
    /// For gap findings: the element the finding is about, such as `step tweet`.
    public var element: String?
    /// Edits that would fix the problem, as data: for JSON, SARIF, `--fix` and editors.
    public var fixes: [Fix] = []
    /// A "did you mean" still to be worked out (see `PendingSuggestion`).
    public var pendingSuggestion: PendingSuggestion?

    public init(
        _ code: Code, _ message: String, at location: SourceLocation, label: String? = nil,
        severity: Severity? = nil, secondary: [Label] = [], notes: [String] = [], help: String? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.location = location
        self.label = label
        self.secondary = secondary
        self.notes = notes
        self.help = help
        self.element = nil
    }

    /// A labelled secondary location.
    public struct Label: Sendable, Equatable {
        public var location: SourceLocation
        /// Set while the label waits for its location: `location` is then an element's
        /// statement, and the label goes where that statement writes the value of this property
        /// (a keyword's raw value), once the diagnostic is known to be shown. Kept in the
        /// location's padding. See `CheckedFile.valueLocation`.
        public internal(set) var pendingValueOf: UInt8? = nil
        public var message: String

        public init(_ location: SourceLocation, _ message: String) {
            self.location = location
            self.message = message
        }
    }

    /// The order every renderer uses: by file, then position, then code.
    public static func isOrderedBefore(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        return lhs.message < rhs.message
    }
}

/// One replacement of a byte range of a file: the whole of a machine-applicable edit.
public struct Edit: Sendable, Equatable {
    public var location: SourceLocation
    public var replacement: String

    public init(_ location: SourceLocation, _ replacement: String) {
        self.location = location
        self.replacement = replacement
    }
}

/// A fix for a diagnostic: a title and edits that do not overlap. A safe fix does what the
/// `help:` line says without any judgement left to the author, and `cxj check --fix` applies
/// it; an unsafe one (a guess, such as the closest name among several) is offered to editors.
public struct Fix: Sendable, Equatable {
    public var title: String
    public var edits: [Edit]
    public var isSafe: Bool

    public init(_ title: String, edits: [Edit], isSafe: Bool) {
        self.title = title
        self.edits = edits
        self.isSafe = isSafe
    }
}

extension Diagnostic {
    /// The message of a `}` that closes nothing.
    static let strayBraceMessage = "unexpected `}`"

    /// Whether this is a `}` that closes nothing.
    var isStrayBrace: Bool { code == .unexpectedToken && message == Diagnostic.strayBraceMessage }
}

extension Array where Element == Diagnostic {
    /// Sorts by file and position and drops exact repeats, such as an imported file's
    /// diagnostics reached from two importers.
    public func sortedAndUnique() -> [Diagnostic] {
        let sorted = self.sorted(by: Diagnostic.isOrderedBefore)
        var result: [Diagnostic] = []
        result.reserveCapacity(sorted.count)
        for diagnostic in sorted where result.last != diagnostic {
            result.append(diagnostic)
        }
        return result
    }
}
