/// Matches paths against `exclude` patterns from `cxj.json`, without regular expressions.
///
/// Patterns use `/` between segments: `*` matches any run of characters within a segment, `?`
/// one character, and a segment `**` any number of segments (including none). A pattern
/// without `/` matches a name at any depth (`draft-*.cxj`), as in `.gitignore`; a trailing `/`
/// or `/**` matches everything under a directory.
///
/// Matching is iterative, with the two-pointer method for wildcards, at both levels: a path
/// is matched in at most (pattern length × name length) steps, whatever the pattern, and
/// never recurses.
public struct Glob: Sendable, Equatable {
    public let pattern: String
    private let segments: [Segment]

    private enum Segment: Sendable, Equatable {
        /// `**`: any number of path segments.
        case anyDepth
        case name([Unicode.Scalar])
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = pattern
        if text.hasPrefix("./") { text.removeFirst(2) }
        if text.hasSuffix("/") { text += "**" }
        var parts: [Segment] = text.split(separator: "/", omittingEmptySubsequences: true).map {
            $0 == "**" ? .anyDepth : .name(Array($0.unicodeScalars))
        }
        if !text.contains("/") { parts.insert(.anyDepth, at: 0) }
        // Consecutive `**` mean the same as one.
        var merged: [Segment] = []
        for part in parts where !(part == .anyDepth && merged.last == .anyDepth) { merged.append(part) }
        segments = merged
    }

    /// Whether a path relative to the configuration's directory matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        return Glob.wildcardMatch(count: segments.count, against: parts.count,
                                  isStar: { segments[$0] == .anyDepth },
                                  matchesOne: { index, part in
                                      guard case .name(let name) = segments[index] else { return false }
                                      return Glob.matchSegment(name, parts[part])
                                  })
    }

    /// One segment: `*` any run of characters, `?` one character.
    private static func matchSegment(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        wildcardMatch(count: pattern.count, against: text.count, isStar: { pattern[$0] == "*" },
                      matchesOne: { index, position in pattern[index] == "?" || pattern[index] == text[position] })
    }

    /// The two-pointer wildcard match: on a mismatch, go back to just after the last star and
    /// let that star take one more item. Each star is resumed at most once per text position.
    private static func wildcardMatch(count patternCount: Int, against textCount: Int, isStar: (Int) -> Bool,
                                      matchesOne: (Int, Int) -> Bool) -> Bool {
        var pattern = 0
        var text = 0
        var star = -1
        var resume = 0
        while text < textCount {
            if pattern < patternCount && isStar(pattern) {
                star = pattern
                resume = text
                pattern += 1
            } else if pattern < patternCount && matchesOne(pattern, text) {
                pattern += 1
                text += 1
            } else if star >= 0 {
                pattern = star + 1
                resume += 1
                text = resume
            } else {
                return false
            }
        }
        while pattern < patternCount && isStar(pattern) { pattern += 1 }
        return pattern == patternCount
    }
}
