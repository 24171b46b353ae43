/// The kinds of token the lexer produces. Comments are not tokens: the lexer records them
/// on the side so that the parser never sees them and the formatter can put them back.
public enum TokenKind: UInt8, Sendable {
    case identifier
    /// A one-line string, `"…"`, including its quotes.
    case string
    /// A multi-line string, `"""…"""`, including its quotes.
    case multilineString
    /// A number with an optional unit, such as `-2`, `100_000`, `90%` or `3d`.
    case number
    case leftBrace
    case rightBrace
    case comma
    case semicolon
    /// `<->`, which pairs customer steps with organization actions.
    case arrow
    case greaterEqual
    case lessEqual
    /// The end of a line, which ends a statement.
    case newline
    /// Punctuation that starts a token but does not complete one, such as `>`, `->` or a lone `-`.
    /// The parser reports it in context.
    case unknown
    case endOfFile
}

/// A token: its kind and its byte range. Twelve bytes, so token streams stay small.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var start: Int32
    public var end: Int32

    @inline(__always)
    public init(_ kind: TokenKind, _ start: Int, _ end: Int) {
        self.kind = kind
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
    }

    public var range: Range<Int> { Int(start)..<Int(end) }
}

/// A `#` comment: its byte range, from `#` to the end of the line (not including it).
public struct Comment: Sendable, Equatable {
    public var start: Int32
    public var end: Int32
}
