/// A stage of a journey, with its share of both strands.
///
/// Stored in 120 bytes (160 with plain optionals; see `CompactFields.swift`).
public struct Stage: Sendable {
    public var notes: [TextRef] = []
    /// `reach`, with `Int.min` for none (a reach is 0 or more).
    private var storedReach = Int.min
    private var storedTargetConversion = OptionalDouble(nil)
    public var id: Int32
    /// The stage the next cycle starts from (repeat stages only), as an index into `stages`.
    public var loopsTo: Int32 = -1
    public var allowScope: Int32 = 0
    public var location: SourceLocation
    public var statement: SourceLocation
    /// The stage's customer steps, as indices into the journey's `steps`.
    public var steps: Range<Int32> = 0..<0
    /// The stage's organization actions, as indices into the journey's `actions`.
    public var actions: Range<Int32> = 0..<0
    private var phaseSpan = LocalSpan()
    private var reachSpan = LocalSpan()
    private var targetConversionSpan = LocalSpan()
    public var title: TextRef
    public var phase: Phase?

    public init(id: Int32, title: TextRef, location: SourceLocation, statement: SourceLocation) {
        self.id = id
        self.title = title
        self.location = location
        self.statement = statement
    }

    public var phaseLocation: SourceLocation? {
        get { phaseSpan.location(in: statement.file) }
        set { phaseSpan = LocalSpan(newValue, in: statement.file) }
    }

    public var reach: Int? {
        get { storedReach == Int.min ? nil : storedReach }
        set { storedReach = newValue ?? Int.min }
    }

    public var reachLocation: SourceLocation? {
        get { reachSpan.location(in: statement.file) }
        set { reachSpan = LocalSpan(newValue, in: statement.file) }
    }

    /// The expected share of the previous stage's reach, as a fraction in 0…1.
    public var targetConversion: Double? {
        get { storedTargetConversion.value }
        set { storedTargetConversion = OptionalDouble(newValue) }
    }

    public var targetConversionLocation: SourceLocation? {
        get { targetConversionSpan.location(in: statement.file) }
        set { targetConversionSpan = LocalSpan(newValue, in: statement.file) }
    }
}

/// A customer step: something the customer does, thinks and feels.
///
/// Stored in 56 bytes (96 with plain optionals and its values' locations, 64 with its file
/// repeated in its name's, statement's and label's locations; see `NamedPlace`): fields are
/// ordered so that the one-byte ones fill the place's padding, the optional ones are kept in
/// `CompactFields`' forms, and where `channel` and `emotion` are written is found again from
/// the statement when a diagnostic needs it (`CheckedFile.valueLocation`).
public struct Step: Sendable {
    public var id: Int32
    public var stage: Int32
    /// The channel, as an index into the catalogue, or -1.
    public var channel: Int32 = -1
    /// The step's `thinks`, `needs`, `pain`, `info` and `note` texts, as a range of the journey's `texts`.
    public var texts: Range<Int32> = 0..<0
    public var allowScope: Int32 = 0
    private var place: NamedPlace
    /// `emotion`, with `Int8.min` for none.
    private var storedEmotion = Int8.min
    public var isCritical = false
    public var isSelfService = false

    /// A step of `statement.file`; its name and label are in the same file.
    public init(id: Int32, label: TextRef, stage: Int32, location: SourceLocation, statement: SourceLocation) {
        self.id = id
        self.stage = stage
        place = NamedPlace(name: location, statement: statement, label: label)
    }

    /// The step's name, where it is declared.
    public var location: SourceLocation { place.name }
    /// The whole `step` statement, its block included.
    public var statement: SourceLocation { place.statement }
    public var label: TextRef { place.label }

    public var emotion: Int8? {
        get { storedEmotion == Int8.min ? nil : storedEmotion }
        set { storedEmotion = newValue ?? Int8.min }
    }
}

/// An organization action: something the company does to answer the customer.
///
/// Stored in 68 bytes (84 in the order of its fields' meaning, 76 with its file repeated in
/// its name's, statement's and label's locations; see `NamedPlace`): the one-byte fields fill
/// the place's padding.
public struct Action: Sendable {
    public var id: Int32
    public var stage: Int32
    /// The owning team, as an index into the catalogue, or -1.
    public var owner: Int32 = -1
    public var channel: Int32 = -1
    /// Systems used, as a range of the journey's `systemPool` (see `Journey.uses(of:)`).
    public var systems: Range<Int32> = 0..<0
    public var texts: Range<Int32> = 0..<0
    public var allowScope: Int32 = 0
    private var place: NamedPlace
    public var layer: Layer = .frontstage
    public var automation: Automation?

    /// An action of `statement.file`; its name and label are in the same file.
    public init(id: Int32, label: TextRef, stage: Int32, location: SourceLocation, statement: SourceLocation) {
        self.id = id
        self.stage = stage
        place = NamedPlace(name: location, statement: statement, label: label)
    }

    /// The action's name, where it is declared.
    public var location: SourceLocation { place.name }
    /// The whole `action` statement, its block included.
    public var statement: SourceLocation { place.statement }
    public var label: TextRef { place.label }
}

/// A touchpoint: the base pair that joins customer steps to the actions that answer them.
///
/// Stored in 56 bytes (136 with plain optionals, its keyword's location kept apart, its
/// values' locations and a range of its notes; see `Journey.touchpointNoteOwners`):
/// touchpoints are the most numerous element of a large journey. Where `via`, `claimed` and
/// `perceived` are written is found again from the statement when a diagnostic needs it
/// (`CheckedFile.valueLocation`).
public struct Touchpoint: Sendable {
    public var statement: SourceLocation
    /// The stage it is written in, or -1 at journey level.
    public var stage: Int32
    /// Paired steps, as a range of the journey's `pairedSteps`.
    public var steps: Range<Int32> = 0..<0
    /// Paired actions, as a range of the journey's `pairedActions`.
    public var actions: Range<Int32> = 0..<0
    public var via: Int32 = -1
    public var allowScope: Int32 = 0
    private var storedClaimed = OptionalDouble(nil)
    private var storedPerceived = OptionalDouble(nil)

    /// A touchpoint whose statement starts with its `touchpoint` keyword.
    public init(statement: SourceLocation, stage: Int32) {
        self.statement = statement
        self.stage = stage
    }

    /// The `touchpoint` keyword, which starts the statement.
    public var location: SourceLocation {
        SourceLocation(file: statement.file, start: statement.start,
                       end: min(statement.end, statement.start + Touchpoint.keywordLength))
    }

    private static let keywordLength = "touchpoint".utf8.count

    public var claimed: Double? {
        get { storedClaimed.value }
        set { storedClaimed = OptionalDouble(newValue) }
    }

    public var perceived: Double? {
        get { storedPerceived.value }
        set { storedPerceived = OptionalDouble(newValue) }
    }

    /// `claimed − perceived`, when both are given.
    public var deliveryGap: Double? {
        guard let claimed, let perceived else { return nil }
        return claimed - perceived
    }
}

/// How a kpi's actual value must compare with its target.
public enum Comparison: UInt8, Sendable {
    case atLeast, atMost

    public var spelling: String { self == .atLeast ? ">=" : "<=" }
}

/// A key performance indicator with its actual value and target.
///
/// Stored in 88 bytes (128 with plain optionals and its file repeated in each location; see
/// `NamedPlace`): a dense journey has one a stage.
public struct KPI: Sendable {
    public var id: Int32
    /// The stage it is written in, or -1 at journey level.
    public var stage: Int32
    public var allowScope: Int32 = 0
    public var notes: [TextRef] = []
    private var actualValue = OptionalDouble(nil)
    private var targetValue = OptionalDouble(nil)
    private var actualSpan = LocalSpan()
    private var targetSpan = LocalSpan()
    private var place: NamedPlace
    private var actualUnit = NumberUnit.none
    private var targetUnit = NumberUnit.none
    public var comparison: Comparison?

    /// A kpi of `statement.file`; its name, label and values are in the same file.
    init(id: Int32, label: TextRef, location: SourceLocation, statement: SourceLocation, stage: Int32) {
        self.id = id
        self.stage = stage
        place = NamedPlace(name: location, statement: statement, label: label)
    }

    /// The kpi's name, where it is declared.
    public var location: SourceLocation { place.name }
    /// The whole `kpi` statement, its block included.
    public var statement: SourceLocation { place.statement }
    public var label: TextRef { place.label }

    public var actual: Measure? {
        get { actualValue.value.map { Measure(value: $0, unit: actualUnit) } }
        set {
            actualValue = OptionalDouble(newValue?.value)
            actualUnit = newValue?.unit ?? .none
        }
    }

    public var actualLocation: SourceLocation? {
        get { actualSpan.location(in: place.statement.file) }
        set { actualSpan = LocalSpan(newValue, in: place.statement.file) }
    }

    public var target: Measure? {
        get { targetValue.value.map { Measure(value: $0, unit: targetUnit) } }
        set {
            targetValue = OptionalDouble(newValue?.value)
            targetUnit = newValue?.unit ?? .none
        }
    }

    public var targetLocation: SourceLocation? {
        get { targetSpan.location(in: place.statement.file) }
        set { targetSpan = LocalSpan(newValue, in: place.statement.file) }
    }

    /// Whether the actual value misses the target; nil when either is missing.
    public var missesTarget: Bool? {
        guard let actual, let target, let comparison else { return nil }
        switch comparison {
        case .atLeast: return actual.normalized < target.normalized
        case .atMost: return actual.normalized > target.normalized
        }
    }
}

/// An improvement the team could make, and the gaps it addresses.
public struct Opportunity: Sendable {
    public var id: Int32
    public var label: TextRef
    public var location: SourceLocation
    public var statement: SourceLocation
    public var addresses: [ElementRef] = []
    public var kind: OpportunityKind?
    public var owner: Int32 = -1
    public var impact: Level?
    public var effort: Level?
    public var notes: [TextRef] = []
    public var allowScope: Int32 = 0
}

/// A checked journey: both strands, their pairings, and everything attached to them.
/// Identifiers are symbols of the journey's file; `CheckedFile.name(_:)` spells them.
public struct Journey: Sendable {
    public var id: Int32
    public var title: TextRef
    public var file: Int
    public var location: SourceLocation
    public var statement: SourceLocation
    /// Catalogue indices, or -1.
    public var persona: Int32 = -1
    public var owner: Int32 = -1
    public var strategy: Strategy?
    public var strategyLocation: SourceLocation?
    public var notes: [TextRef] = []
    public var stages: [Stage] = []
    public var steps: [Step] = []
    public var actions: [Action] = []
    public var touchpoints: [Touchpoint] = []
    public var pairedSteps: [Int32] = []
    public var pairedActions: [Int32] = []
    public var kpis: [KPI] = []
    public var opportunities: [Opportunity] = []
    /// Texts of steps and actions, referred to by their `texts` ranges.
    public var texts: [TextItem] = []
    /// The systems actions use, as catalogue indices, referred to by `Action.systems`. Pools
    /// instead of an array per element keep `Action` and `Touchpoint` plain values: copying
    /// one is a copy of bytes, with no reference counting.
    public var systemPool: [Int32] = []
    /// Touchpoint notes, in the order of their touchpoints (see `Journey.notes(ofTouchpoint:)`).
    public var touchpointNotes: [TextRef] = []
    /// The touchpoint of each of `touchpointNotes`, as an index into `touchpoints`, never
    /// decreasing. Most touchpoints have no note: a range of notes in every touchpoint took 8
    /// of its bytes.
    public var touchpointNoteOwners: [Int32] = []
    public var allowScope: Int32 = 0

    /// An empty journey, for state that needs one before the real one is known.
    static let placeholder = Journey(
        id: -1, title: TextRef(file: 0, start: 0, end: 0, isMultiline: false), file: 0,
        location: SourceLocation(file: 0, start: 0, end: 0), statement: SourceLocation(file: 0, start: 0, end: 0))

    /// The identifier of an element of this journey.
    public func symbol(of element: ElementRef) -> Int32 {
        let index = Int(element.index)
        switch element.kind {
        case .stage: return stages[index].id
        case .step: return steps[index].id
        case .action: return actions[index].id
        case .kpi: return kpis[index].id
        case .opportunity: return opportunities[index].id
        }
    }

    /// Where an element's identifier is declared.
    public func location(of element: ElementRef) -> SourceLocation {
        let index = Int(element.index)
        switch element.kind {
        case .stage: return stages[index].location
        case .step: return steps[index].location
        case .action: return actions[index].location
        case .kpi: return kpis[index].location
        case .opportunity: return opportunities[index].location
        }
    }

    /// The steps a touchpoint pairs.
    public func steps(of touchpoint: Touchpoint) -> ArraySlice<Int32> {
        pairedSteps[Int(touchpoint.steps.lowerBound)..<Int(touchpoint.steps.upperBound)]
    }

    /// The actions a touchpoint pairs.
    public func actions(of touchpoint: Touchpoint) -> ArraySlice<Int32> {
        pairedActions[Int(touchpoint.actions.lowerBound)..<Int(touchpoint.actions.upperBound)]
    }

    /// The systems an action uses, as catalogue indices.
    public func uses(of action: Action) -> ArraySlice<Int32> {
        systemPool[Int(action.systems.lowerBound)..<Int(action.systems.upperBound)]
    }

    /// The notes of the touchpoint at `index` in `touchpoints`.
    public func notes(ofTouchpoint index: Int) -> ArraySlice<TextRef> {
        let owner = Int32(truncatingIfNeeded: index)
        let first = touchpointNoteOwners.partitionPoint { $0 >= owner }
        let end = touchpointNoteOwners.partitionPoint { $0 > owner }
        return touchpointNotes[first..<end]
    }

    /// The texts of one kind in a range of `texts`.
    public func texts(_ range: Range<Int32>, of kind: TextKind) -> [TextRef] {
        texts[Int(range.lowerBound)..<Int(range.upperBound)].filter { $0.kind == kind }.map { $0.text }
    }
}
