/// A "did you mean" that is worked out only if its diagnostic is shown.
///
/// Finding the closest names costs an edit distance against every candidate; doing it for
/// each of thousands of unknown names would be quadratic. The checker records what to look for
/// and among which names (`pool`, a key the compiler resolves against the checked file), and
/// the compiler fills in `help`, notes and fixes for the diagnostics that survive
/// `--max-diagnostics`, reading each pool once.
public struct PendingSuggestion: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        /// CXJ101: the closest names, else a note that there are none or a list of the few there are.
        case unknownName(noun: String, scope: String)
        /// CXJ103: the closest names of the right kind, if any.
        case closestOnly
    }

    public var name: String
    public var pool: String
    public var style: Style

    public init(name: String, pool: String, style: Style) {
        self.name = name
        self.pool = pool
        self.style = style
    }

    /// Fills in a diagnostic's help, notes and fixes from the names of its pool.
    public func apply(to diagnostic: inout Diagnostic, candidates: [String]) {
        let closest = Suggestions.closest(to: name, among: candidates)
        if !closest.isEmpty {
            diagnostic.help = "did you mean " + Suggestions.orList(closest.map { "`\($0)`" }) + "?"
            if case .unknownName = style { diagnostic.fixes = Suggestions.renameFixes(diagnostic.location, to: closest) }
            return
        }
        guard case .unknownName(let noun, let scope) = style else { return }
        if candidates.isEmpty {
            diagnostic.notes.append("no \(noun) is declared in \(scope)")
        } else if candidates.count <= 8 {
            diagnostic.notes.append("the known \(noun)s are " + Suggestions.andList(candidates.map { "`\($0)`" }))
        }
    }
}
