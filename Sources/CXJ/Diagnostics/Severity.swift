/// How serious a diagnostic is. Errors fail a run; warnings fail it only under
/// `--deny-warnings` or past `--max-warnings`; notes never fail it.
public enum Severity: Int, Comparable, Sendable, CaseIterable {
    case note = 0
    case warning = 1
    case error = 2

    /// The lower-case word used in every output format.
    public var name: String {
        switch self {
        case .note: return "note"
        case .warning: return "warning"
        case .error: return "error"
        }
    }

    public init?(name: String) {
        switch name {
        case "note": self = .note
        case "warning": self = .warning
        case "error": self = .error
        default: return nil
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}
