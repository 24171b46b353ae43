/// A closed set of values written as an identifier, such as a phase or a layer.
/// The checker reports anything else as CXJ105, suggesting the closest valid value.
public protocol EnumeratedValue: CaseIterable, Sendable, Equatable {
    /// What the value is, in messages: "phase", "layer".
    static var noun: String { get }
    var spelling: String { get }
}

extension EnumeratedValue {
    /// Finds the value spelled `spelling`. A loop over `allCases` rather than a dictionary:
    /// the sets hold at most five values.
    public init?(spelling: String) {
        for value in Self.allCases where value.spelling == spelling {
            self = value
            return
        }
        return nil
    }

    public static var spellings: [String] { allCases.map { $0.spelling } }
}

/// A connected-strategy phase (Siggelkow & Terwiesch), in journey order.
public enum Phase: Int, EnumeratedValue, Comparable {
    case recognize, request, respond, `repeat`
    public static let noun = "phase"
    public var spelling: String {
        switch self {
        case .recognize: return "recognize"
        case .request: return "request"
        case .respond: return "respond"
        case .repeat: return "repeat"
        }
    }
    public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The connected strategy a journey follows, and the phase it works on.
public enum Strategy: EnumeratedValue {
    case respondToDesire, curatedOffering, coachBehavior, automaticExecution
    public static let noun = "strategy"
    public var spelling: String {
        switch self {
        case .respondToDesire: return "respond-to-desire"
        case .curatedOffering: return "curated-offering"
        case .coachBehavior: return "coach-behavior"
        case .automaticExecution: return "automatic-execution"
        }
    }

    /// The phase in which this strategy needs an organization action (CXJ210).
    public var phase: Phase {
        switch self {
        case .respondToDesire: return .respond
        case .curatedOffering: return .request
        case .coachBehavior, .automaticExecution: return .recognize
        }
    }
}

/// Where an organization action happens, as on a service blueprint.
public enum Layer: EnumeratedValue {
    case frontstage, backstage, support
    public static let noun = "layer"
    public var spelling: String {
        switch self {
        case .frontstage: return "frontstage"
        case .backstage: return "backstage"
        case .support: return "support"
        }
    }
}

/// How much of an action a machine does.
public enum Automation: EnumeratedValue {
    case manual, assisted, automated, ai
    public static let noun = "automation level"
    public var spelling: String {
        switch self {
        case .manual: return "manual"
        case .assisted: return "assisted"
        case .automated: return "automated"
        case .ai: return "ai"
        }
    }
    /// Whether no person takes part (CXJ209).
    public var isMachineOnly: Bool { self == .automated || self == .ai }
}

/// What a channel is made of.
public enum ChannelKind: EnumeratedValue {
    case digital, physical, human
    public static let noun = "channel kind"
    public var spelling: String {
        switch self {
        case .digital: return "digital"
        case .physical: return "physical"
        case .human: return "human"
        }
    }
}

/// What an opportunity would do.
public enum OpportunityKind: EnumeratedValue {
    case fix, personalize, predict, automate, coach
    public static let noun = "opportunity kind"
    public var spelling: String {
        switch self {
        case .fix: return "fix"
        case .personalize: return "personalize"
        case .predict: return "predict"
        case .automate: return "automate"
        case .coach: return "coach"
        }
    }
}

/// A rough size for impact and effort.
public enum Level: EnumeratedValue {
    case high, medium, low
    public static let noun = "level"
    public var spelling: String {
        switch self {
        case .high: return "high"
        case .medium: return "medium"
        case .low: return "low"
        }
    }
}
