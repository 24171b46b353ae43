/// The state kept while one journey is lowered: its model so far, its namespace, and the
/// references that wait until every element is declared (references may point forward).
struct JourneyBuilder {
    var model: Journey
    /// Stage, step, action, kpi and opportunity names share one namespace per journey, looked
    /// up by symbol (see `Namespace`).
    var namespace: Namespace
    var pendingTouchpoints: [(node: Int32, stage: Int32, scope: Int32)] = []
    var pendingLoops: [(stage: Int32, target: SyntaxArgument, keyword: Range<Int>)] = []
    var pendingAddresses: [(opportunity: Int32, node: Int32)] = []

    init(model: Journey, namespace: Namespace) {
        self.model = model
        self.namespace = namespace
    }

    /// Declares a name; returns the earlier element of the same name instead, if any.
    mutating func declare(_ symbol: Int32, as element: ElementRef) -> ElementRef? {
        namespace.declare(symbol, as: element)
    }

    /// Where an element's identifier is.
    func declaration(of element: ElementRef) -> SourceLocation { model.location(of: element) }

    /// The names of the elements of the given kinds, sorted, for suggestions.
    func names(of kinds: [ElementKind], interner: Interner) -> [String] {
        namespace.declared.filter { kinds.contains($0.1.kind) }.map { interner.name($0.0) }.sorted()
    }
}

/// A journey's names, in an array indexed by symbol: symbols are small, dense integers, so a
/// lookup is one load instead of a hash. The array is sized for the file's symbols once and
/// emptied between journeys by clearing only the entries the journey declared.
struct Namespace {
    private var slots: [ElementRef?]
    /// Every declaration, in order.
    private(set) var declared: [(Int32, ElementRef)] = []

    init(symbolCount: Int) {
        slots = Array(repeating: nil, count: symbolCount)
    }

    /// How many symbols the namespace can hold.
    var symbolCount: Int { slots.count }

    subscript(symbol: Int32) -> ElementRef? {
        symbol >= 0 && Int(symbol) < slots.count ? slots[Int(symbol)] : nil
    }

    /// Declares a name; returns the earlier element of the same name instead, if any.
    mutating func declare(_ symbol: Int32, as element: ElementRef) -> ElementRef? {
        if let existing = slots[Int(symbol)] { return existing }
        slots[Int(symbol)] = element
        declared.append((symbol, element))
        return nil
    }

    /// Forgets every declaration, ready for the next journey.
    mutating func clear() {
        for (symbol, _) in declared { slots[Int(symbol)] = nil }
        declared.removeAll(keepingCapacity: true)
    }

    mutating func reserveCapacity(_ count: Int) {
        declared.reserveCapacity(count)
    }
}
