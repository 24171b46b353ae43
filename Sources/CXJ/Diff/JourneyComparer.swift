/// Compares two versions of checked files, matched by path.
///
/// Journeys are matched by identifier within a file; their elements by identifier within the
/// journey. An element that disappeared and one that appeared with the same kind, label and
/// pairings are one element renamed; touchpoints are matched by the steps and actions they
/// join, through those renames. Findings are matched by the line-independent identity of the
/// SARIF fingerprints: code, file, and the element (or else the message), counted in order.
public enum JourneyComparer {
    /// One side of a comparison: a check result and the root files to compare, by the path
    /// shown (relative to the compared root).
    public struct Side: Sendable {
        public var result: CheckResult
        public var files: [String: Int]

        public init(result: CheckResult, files: [String: Int]) {
            self.result = result
            self.files = files
        }
    }

    public static func compare(old: Side, new: Side) -> DiffResult {
        var diff = DiffResult()
        let paths = Set(old.files.keys).union(new.files.keys).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var oldSnapshots: [JourneySnapshot] = []
        var newSnapshots: [JourneySnapshot] = []
        // Snapshots of both sides, one side on each core.
        let taken = Parallel.map([old, new]) { side in
            paths.map { path in snapshots(side.files[path].map { (side.result, $0) }, path: path) }
        }
        for (position, path) in paths.enumerated() {
            for (side, name) in [(old, "old"), (new, "new")] {
                if let file = side.files[path] {
                    let errors = side.result.diagnostics.filter { $0.location.file == file && $0.severity == .error }.count
                        + side.result.omitted.filter { $0.file == file }.reduce(0) { $0 + $1.errors }
                    if errors > 0 { diff.sidesWithErrors.append((name, path, errors)) }
                }
            }
            let before = taken[0][position]
            let after = taken[1][position]
            oldSnapshots += before
            newSnapshots += after
            diff.files.append(compareFile(path: path, old: old.files[path].map { (old.result, $0) },
                                          new: new.files[path].map { (new.result, $0) }, before: before, after: after))
        }
        diff.catalogue = compareCatalogues(old: old, new: new, before: oldSnapshots, after: newSnapshots)
        return diff
    }

    private static func snapshots(_ side: (CheckResult, Int)?, path: String) -> [JourneySnapshot] {
        guard let (result, file) = side else { return [] }
        let checked = result.files[file]
        return checked.journeys.indices.map { JourneySnapshot(file: checked, index: $0, path: path) }
    }

    private static func compareFile(path: String, old: (CheckResult, Int)?, new: (CheckResult, Int)?,
                                    before: [JourneySnapshot], after: [JourneySnapshot]) -> FileDiff {
        var diff = FileDiff(path: path)
        let beforeByID = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let afterIDs = Set(after.map { $0.id })
        for journey in after {
            if let previous = beforeByID[journey.id] {
                diff.journeys.append(compareJourney(previous, journey))
            } else {
                var added = JourneyDiff(id: journey.id, title: journey.title, status: .added)
                added.after = metrics(journey)
                diff.journeys.append(added)
            }
        }
        for journey in before where !afterIDs.contains(journey.id) {
            var removed = JourneyDiff(id: journey.id, title: journey.title, status: .removed)
            removed.before = metrics(journey)
            diff.journeys.append(removed)
        }
        // Findings about a renamed element keep their identity: old names are read as new ones.
        var renames: [String: String] = [:]
        for journey in diff.journeys {
            for change in journey.changes { if case .renamed(let from) = change.what { renames[from] = change.id } }
        }
        let oldFindings = findings(old, path: path).map { key, item in (renamed(key, renames), item) }
        let newFindings = findings(new, path: path)
        var remaining: [String: Int] = [:]
        for (key, _) in oldFindings { remaining[key, default: 0] += 1 }
        for (key, item) in newFindings {
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                diff.stillOpen.append(item)
            } else {
                diff.newFindings.append(item)
            }
        }
        var present: [String: Int] = [:]
        for (key, _) in newFindings { present[key, default: 0] += 1 }
        for (key, item) in oldFindings {
            if let count = present[key], count > 0 {
                present[key] = count - 1
            } else {
                diff.resolvedFindings.append(item)
            }
        }
        return diff
    }

    private static func metrics(_ journey: JourneySnapshot) -> JourneyMetrics {
        JourneyMetrics(coverage: journey.metrics.coverage, largestDropStage: journey.metrics.largestDropStage,
                       largestDrop: journey.metrics.largestDrop, averageGap: journey.metrics.averageGap,
                       handoffs: journey.metrics.handoffs, emotions: journey.metrics.emotions)
    }

    /// An identity with renamed identifiers replaced, word by word.
    private static func renamed(_ key: String, _ renames: [String: String]) -> String {
        guard !renames.isEmpty else { return key }
        var result = ""
        var word = ""
        func flush() {
            result += renames[word] ?? word
            word = ""
        }
        for character in key {
            if character == " " || character == "," || character == "`" || character == "\u{1}" {
                flush()
                result.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return result
    }

    /// Every diagnostic of a file with its identity: code, the file as compared, and the
    /// element or the message.
    private static func findings(_ side: (CheckResult, Int)?, path: String) -> [(String, FindingItem)] {
        guard let (result, file) = side else { return [] }
        return result.diagnostics.filter { $0.location.file == file }.map { diagnostic in
            let position = result.sources[file].position(of: diagnostic.location.start)
            let key = diagnostic.code.id + "\u{1}" + path + "\u{1}" + (diagnostic.element ?? diagnostic.message)
            return (key, FindingItem(severity: diagnostic.severity, code: diagnostic.code, message: diagnostic.message,
                                     location: "\(path):\(position.line):\(position.column)", element: diagnostic.element))
        }
    }

    static func compareJourney(_ old: JourneySnapshot, _ new: JourneySnapshot) -> JourneyDiff {
        var diff = JourneyDiff(id: new.id, title: new.title, status: .unchanged)
        diff.before = metrics(old)
        diff.after = metrics(new)
        var changes: [ElementChange] = []
        if old.title != new.title {
            changes.append(ElementChange(kind: "journey", id: new.id, label: new.title, stage: nil,
                                         what: .value(field: "title", old: old.title, new: new.title, note: nil)))
        }
        for (field, before, after) in [("persona", old.persona, new.persona), ("owner", old.owner, new.owner),
                                       ("strategy", old.strategy, new.strategy)] where before != after {
            changes.append(ElementChange(kind: "journey", id: new.id, label: new.title, stage: nil,
                                         what: .value(field: field, old: before, new: after, note: nil)))
        }
        // Renames of stages, steps and actions first: touchpoints and moves are matched through them.
        let oldByKind = old.elementsByKind
        let newByKind = new.elementsByKind
        var renamed: [String: [String: String]] = [:]   // kind → old id → new id
        for kind in ["stage", "step", "action", "kpi", "opportunity"] {
            let before = oldByKind[kind] ?? []
            let after = newByKind[kind] ?? []
            let afterIDs = Set(after.map { $0.id })
            let beforeIDs = Set(before.map { $0.id })
            // Elements that appeared, by label and pairings, first met first.
            var appeared: [String: [String]] = [:]
            for element in after.reversed() where !beforeIDs.contains(element.id) {
                appeared[new.label(element) + "\u{1}" + new.partners(element).joined(separator: ","), default: []].append(element.id)
            }
            var map: [String: String] = [:]
            for element in before where !afterIDs.contains(element.id) {
                let key = old.label(element) + "\u{1}" + old.partners(element).joined(separator: ",")
                if let match = appeared[key]?.popLast() { map[element.id] = match }
            }
            renamed[kind] = map
        }
        let anyRenames = renamed.values.contains { !$0.isEmpty }
        func rename(_ kind: String, _ id: String) -> String { anyRenames ? renamed[kind]?[id] ?? id : id }
        let renamesPairs = !(renamed["step"]?.isEmpty ?? true) || !(renamed["action"]?.isEmpty ?? true)
        func touchpointKey(_ element: JourneySnapshot.Element) -> String {
            guard renamesPairs, let sides = element.sides else { return element.id }
            let steps = sides.steps.map { rename("step", $0) }.sorted()
            let actions = sides.actions.map { rename("action", $0) }.sorted()
            return steps.joined(separator: ", ") + " <-> " + actions.joined(separator: ", ")
        }
        for kind in ["stage", "step", "action", "touchpoint", "kpi", "opportunity"] {
            let before = oldByKind[kind] ?? []
            let after = newByKind[kind] ?? []
            // The common case: the same elements in the same order. Compare them in place.
            if !renamesPairs && before.count == after.count && zip(before, after).allSatisfy({ $0.id == $1.id }) {
                for (previous, element) in zip(before, after) {
                    compareMatched(previous, element, kind: kind, old: old, new: new, rename: rename, into: &changes)
                }
                continue
            }
            func key(_ element: JourneySnapshot.Element, old: Bool) -> String {
                if kind == "touchpoint" { return old ? touchpointKey(element) : element.id }
                return old ? rename(kind, element.id) : element.id
            }
            let beforeByKey = Dictionary(before.map { (key($0, old: true), $0) }, uniquingKeysWith: { first, _ in first })
            let afterKeys = Set(after.map { key($0, old: false) })
            for element in after {
                guard let previous = beforeByKey[key(element, old: false)] else {
                    changes.append(ElementChange(kind: kind, id: element.id, label: new.label(element), stage: element.stage, what: .added))
                    continue
                }
                compareMatched(previous, element, kind: kind, old: old, new: new, rename: rename, into: &changes)
            }
            for element in before where !afterKeys.contains(key(element, old: true)) {
                changes.append(ElementChange(kind: kind, id: element.id, label: old.label(element), stage: element.stage, what: .removed))
            }
        }
        diff.changes = changes
        if !changes.isEmpty || diff.before != diff.after { diff.status = .changed }
        return diff
    }

    /// What changed between two versions of one element.
    private static func compareMatched(_ previous: JourneySnapshot.Element, _ element: JourneySnapshot.Element, kind: String,
                                       old: JourneySnapshot, new: JourneySnapshot, rename: (String, String) -> String,
                                       into changes: inout [ElementChange]) {
        if previous.id != element.id && kind != "touchpoint" {
            changes.append(ElementChange(kind: kind, id: element.id, label: new.label(element), stage: element.stage,
                                         what: .renamed(from: previous.id)))
        }
        if kind != "touchpoint" && !new.sameLabel(element, as: previous, in: old) {
            changes.append(ElementChange(kind: kind, id: element.id, label: new.label(element), stage: element.stage,
                                         what: .value(field: "label", old: old.label(previous), new: new.label(element), note: nil)))
        }
        let previousStage = previous.stage.map { rename("stage", $0) }
        if previousStage != element.stage {
            changes.append(ElementChange(kind: kind, id: element.id, label: new.label(element), stage: element.stage,
                                         what: .moved(from: previous.stage, to: element.stage)))
        }
        for (index, value) in element.values.enumerated() where index < previous.values.count {
            let was = previous.values[index]
            guard was != value else { continue }
            let field = element.fields[index]
            changes.append(ElementChange(kind: kind, id: element.id, label: new.label(element), stage: element.stage,
                                         what: .value(field: field, old: was.text, new: value.text,
                                                      note: note(field, was.numeric, value.numeric))))
        }
    }

    /// The direction of a change where it has one: emotion, scores, the delivery gap.
    private static func note(_ field: String, _ before: Double?, _ after: Double?) -> String? {
        guard let before, let after, before != after else { return nil }
        switch field {
        case "emotion", "perceived": return after > before ? "better" : "worse"
        case "delivery gap": return after < before ? "narrower" : "wider"
        default: return nil
        }
    }

    private static func compareCatalogues(old: Side, new: Side, before oldJourneys: [JourneySnapshot],
                                          after newJourneys: [JourneySnapshot]) -> [CatalogueChange] {
        func entries(_ side: Side) -> [String: (kind: String, id: String, label: String)] {
            var found: [String: (String, String, String)] = [:]
            for file in side.files.values {
                let checked = side.result.files[file]
                for entry in checked.catalogue.entries {
                    found[entry.kind.noun + " " + entry.name] = (entry.kind.noun, entry.name, checked.text(entry.label))
                }
            }
            return found
        }
        func users(_ journeys: [JourneySnapshot]) -> [String: [String]] {
            var users: [String: [String]] = [:]
            for snapshot in journeys {
                for key in snapshot.uses { users[key, default: []].append("\(snapshot.path): \(snapshot.id)") }
            }
            return users
        }
        let before = entries(old)
        let after = entries(new)
        let usedBefore = users(oldJourneys)
        let usedAfter = users(newJourneys)
        var changes: [CatalogueChange] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            let journeys = Array(Set((usedBefore[key] ?? []) + (usedAfter[key] ?? []))).sorted()
            switch (before[key], after[key]) {
            case (nil, let entry?):
                changes.append(CatalogueChange(kind: entry.kind, id: entry.id, label: entry.label, what: .added, journeys: journeys))
            case (let entry?, nil):
                changes.append(CatalogueChange(kind: entry.kind, id: entry.id, label: entry.label, what: .removed, journeys: journeys))
            case (let was?, let now?) where was.label != now.label:
                changes.append(CatalogueChange(kind: now.kind, id: now.id, label: now.label,
                                               what: .relabelled(old: was.label, new: now.label), journeys: journeys))
            default:
                break
            }
        }
        return changes
    }
}
