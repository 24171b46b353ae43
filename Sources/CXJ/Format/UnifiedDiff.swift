/// A unified diff of two texts, line by line, for `cxj fmt --diff`.
///
/// Uses Myers' O((N+M)·D) algorithm over lines compared by hash, then content; when the
/// texts differ in more than `maximumEdits` lines it gives up on minimality and shows one
/// hunk replacing everything, which is still a correct diff.
public enum UnifiedDiff {
    public static let maximumEdits = 20_000

    public static func render(old: [UInt8], new: [UInt8], oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        guard a != b else { return "" }
        let edits = script(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group edits into hunks with `context` unchanged lines around them.
        var index = 0
        while index < edits.count {
            guard edits[index].kind != .same else {
                index += 1
                continue
            }
            var start = index
            var taken = 0
            while start > 0 && edits[start - 1].kind == .same && taken < context {
                start -= 1
                taken += 1
            }
            var end = index
            var sameRun = 0
            while end < edits.count {
                if edits[end].kind == .same {
                    sameRun += 1
                    if sameRun > 2 * context { break }
                } else {
                    sameRun = 0
                }
                end += 1
            }
            end -= max(0, sameRun - context)
            let hunk = edits[start..<end]
            let oldStart = hunk.first.map { $0.oldIndex } ?? 0
            let newStart = hunk.first.map { $0.newIndex } ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .same: out += " " + a[edit.oldIndex].text + "\n"
                case .delete: out += "-" + a[edit.oldIndex].text + "\n"
                case .insert: out += "+" + b[edit.newIndex].text + "\n"
                }
            }
            index = end
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    struct Line: Equatable {
        var hash: Int
        var text: String
    }

    enum Kind { case same, delete, insert }

    struct Edit {
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    static func lines(_ bytes: [UInt8]) -> [Line] {
        var result: [Line] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            if index == bytes.count && start == index { break }
            var end = index
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            result.append(Line(hash: text.hashValue, text: text))
            start = index + 1
        }
        return result
    }

    /// The shortest edit script from `a` to `b` (Myers), or a full replacement when too long.
    static func script(_ a: [Line], _ b: [Line]) -> [Edit] {
        let n = a.count
        let m = b.count
        let limit = min(n + m, maximumEdits)
        let offset = limit + 1
        var v = [Int](filling: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(v)
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m {
                    found = true
                    break search
                }
                k += 2
            }
        }
        guard found else {
            return (0..<n).map { Edit(kind: .delete, oldIndex: $0, newIndex: 0) }
                + (0..<m).map { Edit(kind: .insert, oldIndex: n, newIndex: $0) }
        }
        // Walk the trace back from the end.
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
                edits.append(Edit(kind: .same, oldIndex: x, newIndex: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    edits.append(Edit(kind: .insert, oldIndex: x, newIndex: y))
                } else {
                    x -= 1
                    edits.append(Edit(kind: .delete, oldIndex: x, newIndex: y))
                }
            }
        }
        return edits.reversed()
    }
}
