/// Keeps the gap findings that no error touches, so that gaps are reported in a file being
/// edited without any of them being a consequence of an error (LANGUAGE.md §5, "Tolerance").
///
/// - A journey without errors is linted in full.
/// - In a journey with an error, a rule that reads one element only keeps its findings when
///   that element's statement is free of errors: `delivery-gap` (a touchpoint's own scores),
///   `kpi-off-target` (a kpi's own values) and `unowned-action` (an action's own `owner`). Every
///   other rule reads more of the journey, which the error may have left out, and is dropped.
/// - Findings about the file as a whole (`unused-declaration`, an `allow` outside journeys) are
///   dropped when the file has any error, since the error may be why a declaration looks unused.
enum Tolerance {
    static func untouched(_ findings: [Finding], in file: CheckedFile) -> [Finding] {
        let offsets = file.errorLocations.filter { $0.file == file.fileIndex }.map { $0.start }.sorted()
        guard !offsets.isEmpty else { return findings }
        /// Whether an error starts inside `range`.
        func touched(_ range: SourceLocation) -> Bool {
            let low = offsets.partitionPoint { $0 >= range.start }
            return low < offsets.count && offsets[low] < max(range.end, range.start + 1)
        }
        return findings.filter { finding in
            guard finding.journey >= 0 else { return false }
            let journey = file.journeys[finding.journey]
            guard touched(journey.statement) else { return true }
            switch (finding.diagnostic.code, finding.subject) {
            case (.deliveryGap, .touchpoint(let index)): return !touched(journey.touchpoints[Int(index)].statement)
            case (.kpiOffTarget, .kpi(let index)): return !touched(journey.kpis[Int(index)].statement)
            case (.unownedAction, .action(let index)): return !touched(journey.actions[Int(index)].statement)
            default: return false
            }
        }
    }
}
