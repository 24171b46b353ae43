/// Every diagnostic code cxj can report. Codes never change meaning once released.
///
/// CXJ001–CXJ006 are lexical and syntax errors, CXJ101–CXJ111 are errors in the meaning of a
/// file, and CXJ201–CXJ215 are the gap rules, which find where the customer strand and the
/// organization strand fail to meet. Only gap rules can be silenced or re-graded. CXJ301–CXJ305
/// are about Mermaid diagrams that `cxj import mermaid` reads.
public enum Code: Int, CaseIterable, Sendable, Comparable {
    case unexpectedToken = 1
    case unterminatedString = 2
    case invalidEscape = 3
    case unclosedBrace = 4
    case invalidCharacter = 5
    case malformedNumber = 6

    case unknownReference = 101
    case duplicateDefinition = 102
    case wrongKind = 103
    case valueOutOfRange = 104
    case invalidEnumeration = 105
    case duplicateProperty = 106
    case statementNotAllowed = 107
    case importNotFound = 108
    case importCycle = 109
    case unknownKeyword = 110
    case missingRequired = 111

    case unansweredStep = 201
    case orphanAction = 202
    case oneSidedStage = 203
    case deliveryGap = 204
    case funnelLeak = 205
    case kpiOffTarget = 206
    case unownedAction = 207
    case channelMismatch = 208
    case automatedMomentOfTruth = 209
    case strategyMismatch = 210
    case noRepeatLoop = 211
    case unaddressedLowPoint = 212
    case unusedDeclaration = 213
    case phaseOrder = 214
    case unusedAllow = 215

    case mermaidNotJourney = 301
    case mermaidSyntax = 302
    case mermaidScore = 303
    case mermaidUnmapped = 304
    case mermaidNoTasks = 305

    /// The stable identifier, such as `CXJ201`.
    public var id: String {
        let digits = String(rawValue)
        return "CXJ" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// The kebab-case name, such as `unanswered-step`. Rules can be named by code or name.
    public var name: String {
        switch self {
        case .unexpectedToken: return "unexpected-token"
        case .unterminatedString: return "unterminated-string"
        case .invalidEscape: return "invalid-escape"
        case .unclosedBrace: return "unclosed-brace"
        case .invalidCharacter: return "invalid-character"
        case .malformedNumber: return "malformed-number"
        case .unknownReference: return "unknown-reference"
        case .duplicateDefinition: return "duplicate-definition"
        case .wrongKind: return "wrong-kind"
        case .valueOutOfRange: return "value-out-of-range"
        case .invalidEnumeration: return "invalid-enumeration"
        case .duplicateProperty: return "duplicate-property"
        case .statementNotAllowed: return "statement-not-allowed"
        case .importNotFound: return "import-not-found"
        case .importCycle: return "import-cycle"
        case .unknownKeyword: return "unknown-keyword"
        case .missingRequired: return "missing-required"
        case .unansweredStep: return "unanswered-step"
        case .orphanAction: return "orphan-action"
        case .oneSidedStage: return "one-sided-stage"
        case .deliveryGap: return "delivery-gap"
        case .funnelLeak: return "funnel-leak"
        case .kpiOffTarget: return "kpi-off-target"
        case .unownedAction: return "unowned-action"
        case .channelMismatch: return "channel-mismatch"
        case .automatedMomentOfTruth: return "automated-moment-of-truth"
        case .strategyMismatch: return "strategy-mismatch"
        case .noRepeatLoop: return "no-repeat-loop"
        case .unaddressedLowPoint: return "unaddressed-low-point"
        case .unusedDeclaration: return "unused-declaration"
        case .phaseOrder: return "phase-order"
        case .unusedAllow: return "unused-allow"
        case .mermaidNotJourney: return "mermaid-not-journey"
        case .mermaidSyntax: return "mermaid-syntax"
        case .mermaidScore: return "mermaid-score"
        case .mermaidUnmapped: return "mermaid-unmapped"
        case .mermaidNoTasks: return "mermaid-no-tasks"
        }
    }

    /// Whether this code is a gap rule, which `allow`, `--allow`, `--warn` and `--deny` act on.
    public var isRule: Bool { rawValue >= 200 && rawValue < 300 }

    /// Whether this code is about a Mermaid diagram read by `cxj import mermaid` (CXJ3xx).
    public var isMermaidImport: Bool { rawValue >= 300 && rawValue < 400 }

    /// Whether this code is found while reading a file (lexing and parsing), before any meaning
    /// is checked. A file with such errors is not checked further, so one typo gives one error.
    public var isSyntax: Bool { rawValue < 100 || self == .statementNotAllowed || self == .unknownKeyword }

    /// The severity a diagnostic with this code has unless configured otherwise.
    /// `unanswered-step` is raised to an error for critical steps by the rule itself.
    public var defaultSeverity: Severity {
        switch self {
        case .noRepeatLoop, .unusedDeclaration, .phaseOrder, .unusedAllow: return .note
        case .mermaidScore, .mermaidUnmapped: return .warning
        default: return isRule ? .warning : .error
        }
    }

    /// Finds a code by its identifier (`CXJ201`, `cxj201`, `201`) or its name (`unanswered-step`).
    public init?(lookup text: String) {
        let lowered = text.lowercased()
        if let match = Code.byLoweredSpelling[lowered] {
            self = match
            return
        }
        let digits = lowered.hasPrefix("cxj") ? String(lowered.dropFirst(3)) : lowered
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits),
           let match = Code(rawValue: number) {
            self = match
            return
        }
        return nil
    }

    public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Every code by its name and by its lower-cased id, built once: `allow` statements look
    /// codes up, and walking every case with fresh strings cost ~39,000 instructions a lookup.
    private static let byLoweredSpelling: [String: Code] = {
        var table: [String: Code] = [:]
        for code in Code.allCases {
            if table[code.name] == nil { table[code.name] = code }
            if table[code.id.lowercased()] == nil { table[code.id.lowercased()] = code }
        }
        return table
    }()
}
