/// The state kept while one journey is lowered: its model so far, its namespace, and the
/// references that wait until every element is declared (references may point forward).
struct JourneyBuilder {
    var model: Journey
    /// Stage, step, action, kpi and opportunity names share one namespace per journey.
    var namespace: [Int32: ElementRef] = [:]
    var pendingTouchpoints: [(node: Int32, stage: Int32, scope: Int32)] = []
    var pendingLoops: [(stage: Int32, target: SyntaxArgument, keyword: Range<Int>)] = []
    var pendingAddresses: [(opportunity: Int32, node: Int32)] = []

    init(model: Journey) {
        self.model = model
    }

    /// Declares a name; returns the earlier element of the same name instead, if any.
    mutating func declare(_ symbol: Int32, as element: ElementRef) -> ElementRef? {
        if let existing = namespace[symbol] { return existing }
        namespace[symbol] = element
        return nil
    }

    /// Where an element's identifier is.
    func declaration(of element: ElementRef) -> SourceLocation {
        let index = Int(element.index)
        switch element.kind {
        case .stage: return model.stages[index].location
        case .step: return model.steps[index].location
        case .action: return model.actions[index].location
        case .kpi: return model.kpis[index].location
        case .opportunity: return model.opportunities[index].location
        }
    }

    /// The names of the elements of the given kinds, sorted, for suggestions.
    func names(of kinds: [ElementKind], interner: Interner) -> [String] {
        namespace.filter { kinds.contains($0.value.kind) }.map { interner.name($0.key) }.sorted()
    }
}
