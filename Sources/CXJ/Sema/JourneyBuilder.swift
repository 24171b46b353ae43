/// The state kept while one journey is lowered: its model so far, its namespace, and the
/// references that wait until every element is declared (references may point forward).
struct JourneyBuilder {
    var model: Journey
    /// Stage, step, action, kpi and opportunity names share one namespace per journey, looked
    /// up by symbol (see `Namespace`).
    var namespace: Namespace
    var pendingTouchpoints: [(node: Int32, stage: Int32, scope: Int32)] = []
    /// Whether touchpoints are still lowered as they are met: until the first one that has
    /// to wait, after which every touchpoint waits (see `FileChecker.lowerTouchpointNowOrLater`).
    var lowersTouchpointsNow: Bool { pendingTouchpoints.isEmpty }
    var pendingLoops: [(stage: Int32, target: SyntaxArgument, keyword: Range<Int>)] = []
    /// An opportunity's `addresses`, kept as its arguments: the statement may be gone by the
    /// journey's end (handed back, or in a part already dropped).
    var pendingAddresses: [(opportunity: Int32, targets: [SyntaxArgument])] = []

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
///
/// A slot holds its element packed in 4 bytes (kind in the top 3 bits, index below; -1 for
/// none), where an `ElementRef?` takes 12: a dense 20 MB journey has about 400,000 names.
/// An index needs at most 29 bits: an element takes at least 6 bytes of a file, and offsets
/// are 31-bit.
struct Namespace {
    private var slots: [Int32]
    /// Every declared symbol, in order of declaration.
    private var declaredSymbols: [Int32] = []

    init(symbolCount: Int) {
        slots = Array(filling: Namespace.none, count: symbolCount)
    }

    private static let none: Int32 = -1
    private static let indexBits: Int32 = 29
    private static let indexMask: Int32 = (1 << indexBits) - 1

    private static func pack(_ element: ElementRef) -> Int32 {
        assert(element.index >= 0 && element.index <= indexMask)
        return Int32(bitPattern: UInt32(element.kind.rawValue) << UInt32(indexBits) | UInt32(element.index & indexMask))
    }

    /// The element of a slot; the kind is read as unsigned bits (an opportunity, kind 4, sets
    /// the sign bit).
    private static func unpack(_ slot: Int32) -> ElementRef? {
        guard slot != none else { return nil }
        let kind = ElementKind(rawValue: UInt8(UInt32(bitPattern: slot) >> UInt32(indexBits)))!
        return ElementRef(kind: kind, index: slot & indexMask)
    }

    /// How many symbols the namespace can hold.
    var symbolCount: Int { slots.count }

    subscript(symbol: Int32) -> ElementRef? {
        symbol >= 0 && Int(symbol) < slots.count ? Namespace.unpack(slots[Int(symbol)]) : nil
    }

    /// Every declaration, in order.
    var declared: LazyMapSequence<[Int32], (Int32, ElementRef)> {
        let slots = self.slots
        return declaredSymbols.lazy.map { ($0, Namespace.unpack(slots[Int($0)])!) }
    }

    /// Declares a name; returns the earlier element of the same name instead, if any.
    mutating func declare(_ symbol: Int32, as element: ElementRef) -> ElementRef? {
        if let existing = Namespace.unpack(slots[Int(symbol)]) { return existing }
        slots[Int(symbol)] = Namespace.pack(element)
        declaredSymbols.append(symbol)
        return nil
    }

    /// Forgets every declaration, ready for the next journey.
    mutating func clear() {
        for symbol in declaredSymbols { slots[Int(symbol)] = Namespace.none }
        declaredSymbols.removeAll(keepingCapacity: true)
    }

    mutating func reserveCapacity(_ count: Int) {
        declaredSymbols.reserveCapacity(count)
    }

    /// Makes room for symbols up to `count` (names interned since the namespace was made).
    mutating func grow(to count: Int) {
        if count > slots.count { slots.append(contentsOf: repeatElement(Namespace.none, count: count - slots.count)) }
    }
}
