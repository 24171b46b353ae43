/// How a message names the element it is about, kept as data and spelled out only when a
/// message is actually produced: building names eagerly for every element of a large journey
/// would cost more than checking it.
enum ElementName {
    /// `step `tweet``: a noun and the element's identifier.
    case named(String, Int32)
    /// `touchpoint `tweet <-> listen``: the text of the touchpoint's arguments.
    case touchpoint(Range<Int>)
    /// `the customer strand of stage `worry``.
    case strand(String, Int32)
    /// A name already spelled out (catalogue entries, which are few).
    case text(String)

    func spelled(in tree: SyntaxTree, names interner: Interner) -> String {
        switch self {
        case .named(let noun, let symbol): return "\(noun) `\(interner.name(symbol))`"
        case .touchpoint(let range): return "touchpoint `\(tree.text(range))`"
        case .strand(let side, let stage): return "the \(side) strand of stage `\(interner.name(stage))`"
        case .text(let text): return text
        }
    }
}
