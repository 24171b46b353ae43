/// Matches paths against `exclude` patterns from `cxj.json`, without regular expressions.
///
/// Patterns use `/` between segments: `*` matches any run of characters within a segment, `?`
/// one character, and a segment `**` any number of segments (including none). A pattern
/// without `/` matches a name at any depth (`draft-*.cxj`), as in `.gitignore`; a trailing `/`
/// or `/**` matches everything under a directory.
public struct Glob: Sendable, Equatable {
    public let pattern: String
    private let segments: [[Character]]

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = pattern
        if text.hasPrefix("./") { text.removeFirst(2) }
        if text.hasSuffix("/") { text += "**" }
        var parts = text.split(separator: "/", omittingEmptySubsequences: true).map { Array($0) }
        if !text.contains("/") { parts.insert(["*", "*"], at: 0) }
        segments = parts
    }

    /// Whether a path relative to the configuration's directory matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0) }
        return Glob.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<[Character]>, _ path: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == ["*", "*"] {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(first[...], segment[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case "*":
            var rest = text
            while true {
                if matchSegment(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !text.isEmpty && matchSegment(pattern.dropFirst(), text.dropFirst())
        default:
            return text.first == first && matchSegment(pattern.dropFirst(), text.dropFirst())
        }
    }
}
