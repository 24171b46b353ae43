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
