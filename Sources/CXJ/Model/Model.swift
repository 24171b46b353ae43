/// A reference to a string literal in a source file, decoded only when an output needs it.
/// Holding references instead of `String`s keeps the model small for large journeys.
public struct TextRef: Sendable, Hashable {
    public var file: Int32
    public var start: Int32
    public var end: Int32
    public var isMultiline: Bool
}

/// What kind of text a step, action or other element carries.
public enum TextKind: UInt8, Sendable {
    case thinks, needs, pain, info, note
}

/// One piece of text an element carries.
public struct TextItem: Sendable {
    public var kind: TextKind
    public var text: TextRef
}

/// A number with its unit, as a kpi's actual or target.
public struct Measure: Sendable, Equatable {
    public var value: Double
    public var unit: NumberUnit

    /// The value in a common scale: seconds for durations, otherwise as written.
    public var normalized: Double { unit.isDuration ? value * unit.seconds : value }

    /// What kind of quantity this is, for "same kind of unit" checks.
    public var quantity: String {
        if unit.isDuration { return "a duration" }
        return unit == .percent ? "a percentage" : "a plain number"
    }
}

/// The kinds of element that live in a journey's namespace.
public enum ElementKind: UInt8, Sendable {
    case stage, step, action, kpi, opportunity

    public var noun: String {
        switch self {
        case .stage: return "stage"
        case .step: return "step"
        case .action: return "action"
        case .kpi: return "kpi"
        case .opportunity: return "opportunity"
        }
    }
}

/// A journey element, by kind and index into the journey's array of that kind.
public struct ElementRef: Sendable, Hashable {
    public var kind: ElementKind
    public var index: Int32
}

/// An `allow` statement: the rules it silences, why, and where it applies.
public struct Allow: Sendable {
    public var rules: [Code]
    public var ruleLocations: [SourceLocation]
    public var reason: TextRef?
    /// The `allow` keyword.
    public var location: SourceLocation
    /// The element whose block holds the `allow`, such as `stage worry`.
    public var element: String
    /// For each rule, whether it silenced at least one finding.
    public var used: [Bool]
    /// The scope the `allow` opens, which also holds the `allow` itself.
    var scope: Int32 = 0
}

/// A node of the tree of `allow` scopes: the allows of one block and the scope around it.
public struct AllowScope: Sendable {
    public var parent: Int32
    public var allows: [Int32]
}
