/// The level a rule is configured to: off, or a fixed severity.
public enum RuleLevel: String, Sendable, CaseIterable {
    case off, note, warning, error
}

/// Severity overrides for gap rules, from the command line (`--allow`, `--warn`, `--deny`)
/// or a project file. Language errors cannot be overridden.
public struct RuleConfiguration: Sendable, Equatable {
    public private(set) var levels: [Code: RuleLevel] = [:]
    /// Whether planned gaps keep their severity (`"plannedGaps": "keep"`) instead of becoming notes.
    public var keepsPlannedGaps = false

    public init() {}

    /// Sets a rule's level; later settings win.
    public mutating func set(_ code: Code, to level: RuleLevel) {
        precondition(code.isRule, "only gap rules can be configured")
        levels[code] = level
    }

    /// The level a rule runs at, or nil when it keeps its default.
    public func level(of code: Code) -> RuleLevel? { levels[code] }

    /// Re-grades findings and drops those of rules that are off.
    func apply(to findings: inout [Finding]) {
        guard !levels.isEmpty else { return }
        var kept: [Finding] = []
        kept.reserveCapacity(findings.count)
        for var finding in findings {
            switch levels[finding.diagnostic.code] {
            case .none: break
            case .off?: continue
            case .note?: finding.diagnostic.severity = .note
            case .warning?: finding.diagnostic.severity = .warning
            case .error?: finding.diagnostic.severity = .error
            }
            kept.append(finding)
        }
        findings = kept
    }
}
