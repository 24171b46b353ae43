extension FileChecker {
    /// Where a diagnostic about a statement's value points: its first argument, or its keyword
    /// for statements without arguments.
    @inline(__always) func valueRange(_ node: SyntaxNode) -> Range<Int> {
        guard node.argumentCount > 0 else { return node.keywordRange }
        let first = argument(node, 0)
        let last = argument(node, Int(node.argumentCount) - 1)
        return Int(first.start)..<Int(last.end)
    }

    /// Records a statement for the element `token`; reports CXJ106 and returns false when a
    /// once-only statement is repeated. For the journey's own statements, which a file checked
    /// in parts meets in several trees (an element's statements are all in its own block: see
    /// the other `checkOnce`).
    /// `element` is only worked out for a repeat: building it for every statement cost more
    /// than the check itself.
    mutating func checkOnce(_ node: SyntaxNode, element token: OnceToken, in element: @autoclosure () -> ElementName) -> Bool {
        guard !node.keyword.isRepeatable else { return true }
        let range = valueRange(node)
        guard let first = once.record(node.keyword, in: token, range: range) else { return true }
        reportRepeated(node, at: range, first: first, in: element())
        return false
    }

    /// Records a statement of the element whose block is `parent`'s in `given`; reports CXJ106
    /// and returns false when a once-only statement is repeated, pointing at the block's first
    /// well-formed statement of that keyword (looked for only then). A bit per keyword where
    /// `OnceTracker` wrote a slot and its place for every statement (6.3M instructions of dense
    /// 2 MB `check`, a touchpoint's three statements 95 each).
    @inline(__always)
    mutating func checkOnce(_ node: SyntaxNode, given: inout GivenKeywords, parent: Int32,
                            in element: @autoclosure () -> ElementName) -> Bool {
        guard !node.keyword.isRepeatable, !given.insert(node.keyword) else { return true }
        reportRepeated(node, inBlockOf: parent, in: element())
        return false
    }

    /// Reports CXJ106 for `node`, a repeat of the first well-formed statement of its keyword
    /// in `parent`'s block.
    @inline(never)
    private mutating func reportRepeated(_ node: SyntaxNode, inBlockOf parent: Int32, in element: ElementName) {
        let first = children(of: parent).first { !$0.node.isMalformed && $0.node.keyword == node.keyword }
        reportRepeated(node, at: valueRange(node), first: valueRange(first?.node ?? node), in: element)
    }

    private mutating func reportRepeated(_ node: SyntaxNode, at range: Range<Int>, first: Range<Int>, in element: ElementName) {
        let keyword = node.keyword.spelling
        report(Diagnostic(
            .duplicateProperty, "`\(keyword)` is given twice in \(element.spelled(in: tree, names: interner))", at: location(range),
            label: "second `\(keyword)`", secondary: [.init(location(first), "first given here")],
            help: node.hasBlock ? "merge the two `\(keyword)` blocks into one" : "keep only one `\(keyword)`"))
    }

    /// The decoded number of a statement's last argument, or nil when malformed or after
    /// reporting CXJ104 for a magnitude beyond `NumberLiteral.largestMagnitude`.
    /// (This and the values built on it are inlined, their reports out of line: each call cost
    /// about 100 instructions, for every emotion, score and reach.)
    @inline(__always)
    mutating func number(_ node: SyntaxNode) -> (NumberLiteral, SyntaxArgument)? {
        let value = argument(node, Int(node.argumentCount) - 1)
        // Decoded while parsing (a malformed number as nil, not parsed again); read from the
        // source only for a tree without decoded numbers.
        let decoded = value.numberIndex.map { numberStore[Int($0)] }
        guard let literal = decoded ?? NumberLiteral.parse(UnsafeBufferPointer(rebasing: bytes[value.range])) else { return nil }
        guard literal.value.isFinite, abs(literal.value) <= NumberLiteral.largestMagnitude else {
            reportTooLarge(node, value)
            return nil
        }
        return (literal, value)
    }

    @inline(never)
    private mutating func reportTooLarge(_ node: SyntaxNode, _ value: SyntaxArgument) {
        report(Diagnostic(
            .valueOutOfRange, "`\(node.keyword.spelling)` is too large, found `\(Format.excerpt(tree.text(value.range)))`",
            at: location(value), label: "out of range",
            notes: ["numbers may be at most 1_000_000_000_000_000 (10^15) in size"]))
    }

    /// A whole number without unit in `bounds`, or nil after reporting CXJ104.
    @inline(__always)
    mutating func integer(_ node: SyntaxNode, in bounds: ClosedRange<Int>, _ description: StaticString) -> Int? {
        guard let (literal, value) = number(node) else { return nil }
        guard literal.unit == .none, literal.isInteger, literal.value >= Double(bounds.lowerBound),
              literal.value <= Double(bounds.upperBound) else {
            reportNotInteger(node, literal, value, in: bounds, description)
            return nil
        }
        return Int(literal.value)
    }

    @inline(never)
    private mutating func reportNotInteger(_ node: SyntaxNode, _ literal: NumberLiteral, _ value: SyntaxArgument,
                                           in bounds: ClosedRange<Int>, _ description: StaticString) {
        let keyword = node.keyword.spelling
        let inRange = literal.value >= Double(bounds.lowerBound) && literal.value <= Double(bounds.upperBound)
        var diagnostic = Diagnostic(
            .valueOutOfRange, "`\(keyword)` must be \(description), found `\(tree.text(value.range))`",
            at: location(value),
            label: literal.unit != .none ? "no unit is allowed here" : inRange ? "not a whole number" : "out of range")
        if literal.unit == .none && !literal.isInteger && inRange {
            let rounded = Int(literal.value.rounded())
            diagnostic.message = "`\(keyword)` must be a whole number, found `\(tree.text(value.range))`"
            diagnostic.help = "use a whole number, such as `\(keyword) \(rounded)`"
            diagnostic.fixes = [Fix("round to `\(rounded)`", edits: [Edit(location(value), String(rounded))], isSafe: false)]
        }
        report(diagnostic)
    }

    /// A score from 1 to 5 (decimals allowed), or nil after reporting CXJ104.
    @inline(__always)
    mutating func score(_ node: SyntaxNode) -> Double? {
        guard let (literal, value) = number(node) else { return nil }
        guard literal.unit == .none, literal.value >= 1, literal.value <= 5 else {
            reportNotScore(node, literal, value)
            return nil
        }
        return literal.value
    }

    @inline(never)
    private mutating func reportNotScore(_ node: SyntaxNode, _ literal: NumberLiteral, _ value: SyntaxArgument) {
        report(Diagnostic(
            .valueOutOfRange, "`\(node.keyword.spelling)` must be a score from 1 to 5, found `\(tree.text(value.range))`",
            at: location(value), label: literal.unit != .none ? "no unit is allowed here" : "out of range",
            notes: ["1 is the worst experience and 5 the best; decimals such as `3.5` are allowed"]))
    }

    /// A percentage from 0% to 100% as a fraction, or nil after reporting CXJ104.
    mutating func percentage(_ node: SyntaxNode) -> Double? {
        guard let (literal, value) = number(node) else { return nil }
        guard literal.unit == .percent else {
            report(Diagnostic(
                .valueOutOfRange, "`\(node.keyword.spelling)` must be a percentage, found `\(tree.text(value.range))`",
                at: location(value), label: "expected a value with `%`",
                help: literal.unit == .none && literal.value <= 1 && literal.value > 0
                    ? "write the share as a percentage, such as `\(Format.decimal(literal.value * 100, digits: 1))%`"
                    : "write the share as a percentage, such as `90%`"))
            return nil
        }
        guard literal.value >= 0, literal.value <= 100 else {
            report(percentOutOfRange(value))
            return nil
        }
        return literal.value / 100
    }

    func percentOutOfRange(_ value: SyntaxArgument) -> Diagnostic {
        Diagnostic(.valueOutOfRange, "a percentage must lie between 0% and 100%, found `\(tree.text(value.range))`",
                   at: location(value), label: "out of range")
    }

    /// A kpi measure: a number, a percentage (0–100) or a non-negative duration.
    mutating func measure(_ node: SyntaxNode) -> Measure? {
        guard let (literal, value) = number(node) else { return nil }
        if literal.unit == .percent && (literal.value < 0 || literal.value > 100) {
            report(percentOutOfRange(value))
            return nil
        }
        if literal.unit.isDuration && literal.value < 0 {
            report(Diagnostic(.valueOutOfRange, "a duration cannot be negative, found `\(tree.text(value.range))`",
                              at: location(value), label: "out of range"))
            return nil
        }
        return Measure(value: literal.value, unit: literal.unit)
    }

    /// The value of an enumeration statement, or nil after reporting CXJ105.
    mutating func enumeration<Value: EnumeratedValue>(_ node: SyntaxNode, as type: Value.Type) -> Value? {
        let value = argument(node, 0)
        let spelling = name(value)
        if let found = Value(spelling: spelling) { return found }
        var diagnostic = Diagnostic(.invalidEnumeration, "invalid \(Value.noun) `\(spelling)`", at: location(value),
                                    label: "not a \(Value.noun)")
        let choices = Value.spellings.map { "`\($0)`" }
        if let help = Suggestions.didYouMean(spelling, among: Value.spellings) {
            diagnostic.help = help
            diagnostic.fixes = Suggestions.renameFixes(location(value), to: Suggestions.closest(to: spelling, among: Value.spellings))
            diagnostic.notes = ["`\(node.keyword.spelling)` takes one of " + Suggestions.orList(choices)]
        } else {
            diagnostic.help = "write one of " + Suggestions.orList(choices)
        }
        report(diagnostic)
        return nil
    }
}
