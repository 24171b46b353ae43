/// Finds the names closest to a misspelled one, for `help: did you mean …` lines.
///
/// Distance is the Levenshtein distance over Unicode scalars, so a Thai or Chinese typo costs
/// one edit per character, not one per byte. Case differences cost half an edit.
public enum Suggestions {
    /// The candidates close enough to `name` to be worth suggesting, closest first, at most `limit`.
    public static func closest(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let target = Array(name.unicodeScalars)
        let allowed = max(1, (target.count + 1) / 3) * 2
        var scored: [(Int, String)] = []
        for candidate in candidates where candidate != name {
            // Each scalar of length difference costs a whole edit: skip hopeless candidates cheaply.
            let length = candidate.unicodeScalars.count
            if abs(length - target.count) * 2 > allowed { continue }
            let distance = doubledDistance(target, Array(candidate.unicodeScalars))
            if distance <= allowed { scored.append((distance, candidate)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var result: [String] = []
        for (_, candidate) in scored where !result.contains(candidate) {
            result.append(candidate)
            if result.count == limit { break }
        }
        return result
    }

    /// A help line such as "did you mean `twitter`?" or nil when nothing is close.
    public static func didYouMean(_ name: String, among candidates: [String]) -> String? {
        let found = closest(to: name, among: candidates)
        guard !found.isEmpty else { return nil }
        return "did you mean " + orList(found.map { "`\($0)`" }) + "?"
    }

    /// One fix per close candidate, replacing `location`: safe only when there is exactly one.
    public static func renameFixes(_ location: SourceLocation, to candidates: [String]) -> [Fix] {
        candidates.map { Fix("replace with `\($0)`", edits: [Edit(location, $0)], isSafe: candidates.count == 1) }
    }

    /// Joins items as "a", "a or b", "a, b or c".
    public static func orList(_ items: [String]) -> String { join(items, with: "or") }

    /// Joins items as "a", "a and b", "a, b and c".
    public static func andList(_ items: [String]) -> String { join(items, with: "and") }

    private static func join(_ items: [String], with word: String) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(word) " + items[items.count - 1]
        }
    }

    /// Twice the edit distance, so that a change of case alone can cost 1 (half an edit).
    static func doubledDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count * 2 }
        if b.isEmpty { return a.count * 2 }
        var previous = Array(stride(from: 0, through: b.count * 2, by: 2))
        var current = [Int](filling: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i * 2
            for j in 1...b.count {
                let substitution: Int
                if a[i - 1] == b[j - 1] {
                    substitution = 0
                } else if sameIgnoringCase(a[i - 1], b[j - 1]) {
                    substitution = 1
                } else {
                    substitution = 2
                }
                current[j] = min(previous[j] + 2, current[j - 1] + 2, previous[j - 1] + substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Whether two scalars differ only in case; ASCII without consulting Unicode tables.
    private static func sameIgnoringCase(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        if a.isASCII && b.isASCII {
            let x = a.value | 0x20
            return x == b.value | 0x20 && x >= 0x61 && x <= 0x7A
        }
        return a.properties.lowercaseMapping == b.properties.lowercaseMapping
    }
}
