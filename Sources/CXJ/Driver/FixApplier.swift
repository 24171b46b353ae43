/// Applies the safe fixes of a check to source files (`cxj check --fix`).
///
/// A file is fixed only when every error in it has a safe fix: a file with an error that no
/// fix can mend is left alone, so `--fix` never rewrites a file into another broken state.
/// The first safe fix of each diagnostic is taken; fixes whose edits overlap an edit already
/// taken, or reach into another file, are skipped. Edits are applied from the end of the file
/// backwards, so offsets stay valid.
public enum FixApplier {
    public struct Plan: Sendable {
        public var file: Int
        public var fixes: [Fix]
        /// Errors in the file with no safe fix; when there are any, nothing is applied.
        public var unfixableErrors: Int
    }

    public static func plan(_ result: CheckResult, file: Int) -> Plan {
        var fixes: [Fix] = []
        var unfixable = 0
        var taken: [Range<Int>] = []
        for diagnostic in result.diagnostics where diagnostic.location.file == file {
            let fix = diagnostic.fixes.first { fix in fix.isSafe && fix.edits.allSatisfy { $0.location.file == file } }
            guard let fix else {
                if diagnostic.severity == .error { unfixable += 1 }
                continue
            }
            let ranges = fix.edits.map { $0.location.start..<$0.location.end }
            let overlaps = ranges.contains { range in
                taken.contains { $0.overlaps(range) || ($0.isEmpty && range.contains($0.lowerBound)) || (range.isEmpty && $0.contains(range.lowerBound)) || $0 == range }
            }
            if overlaps {
                if diagnostic.severity == .error { unfixable += 1 }
                continue
            }
            taken += ranges
            fixes.append(fix)
        }
        for omitted in result.omitted where omitted.file == file { unfixable += omitted.errors }
        return Plan(file: file, fixes: fixes, unfixableErrors: unfixable)
    }

    /// The bytes with every edit of `fixes` applied.
    public static func apply(_ fixes: [Fix], to bytes: [UInt8]) -> [UInt8] {
        let edits = fixes.flatMap { $0.edits }.sorted { $0.location.start > $1.location.start }
        var output = bytes
        for edit in edits {
            let start = min(max(edit.location.start, 0), output.count)
            let end = min(max(edit.location.end, start), output.count)
            output.replaceSubrange(start..<end, with: Array(edit.replacement.utf8))
        }
        return output
    }
}
