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
    public struct Side {
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
        for path in paths {
            for (side, name) in [(old, "old"), (new, "new")] {
                if let file = side.files[path] {
                    let errors = side.result.diagnostics.filter { $0.location.file == file && $0.severity == .error }.count
                        + side.result.omitted.filter { $0.file == file }.reduce(0) { $0 + $1.errors }
                    if errors > 0 { diff.sidesWithErrors.append((name, path, errors)) }
                }
            }
            diff.files.append(compareFile(path: path, old: old.files[path].map { (old.result, $0) },
                                          new: new.files[path].map { (new.result, $0) }))
        }
        diff.catalogue = compareCatalogues(old: old, new: new)
        return diff
    }

    private static func snapshots(_ side: (CheckResult, Int)?, path: String) -> [JourneySnapshot] {
        guard let (result, file) = side else { return [] }
        let checked = result.files[file]
        return checked.journeys.indices.map { JourneySnapshot(file: checked, index: $0, path: path) }
    }

    private static func compareFile(path: String, old: (CheckResult, Int)?, new: (CheckResult, Int)?) -> FileDiff {
        var diff = FileDiff(path: path)
        let before = snapshots(old, path: path)
        let after = snapshots(new, path: path)
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
        JourneyMetrics(coverage: journey.metrics.coverage, largestDropStage: journey.metrics.largestDrop?.stage,
                       largestDrop: journey.metrics.largestDrop?.conversion, averageGap: journey.metrics.averageGap,
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
        var renamed: [String: [String: String]] = [:]   // kind → old id → new id
        for kind in ["stage", "step", "action", "kpi", "opportunity"] {
            let before = old.elements.filter { $0.kind == kind }
            let after = new.elements.filter { $0.kind == kind }
            let afterIDs = Set(after.map { $0.id })
            let beforeIDs = Set(before.map { $0.id })
            var appeared = after.filter { !beforeIDs.contains($0.id) }
            var map: [String: String] = [:]
            for element in before where !afterIDs.contains(element.id) {
                if let match = appeared.firstIndex(where: { $0.label == element.label && $0.partners == element.partners }) {
                    map[element.id] = appeared[match].id
                    appeared.remove(at: match)
                }
            }
            renamed[kind] = map
        }
        func rename(_ kind: String, _ id: String) -> String { renamed[kind]?[id] ?? id }
        func touchpointKey(_ element: JourneySnapshot.Element) -> String {
            let sides = element.id.split(separator: " <-> ", omittingEmptySubsequences: false)
            guard sides.count == 2 else { return element.id }
            let steps = sides[0].split(separator: ", ").map { rename("step", String($0)) }.sorted()
            let actions = sides[1].split(separator: ", ").map { rename("action", String($0)) }.sorted()
            return steps.joined(separator: ", ") + " <-> " + actions.joined(separator: ", ")
        }
        for kind in ["stage", "step", "action", "touchpoint", "kpi", "opportunity"] {
            let before = old.elements.filter { $0.kind == kind }
            let after = new.elements.filter { $0.kind == kind }
            func key(_ element: JourneySnapshot.Element, old: Bool) -> String {
                if kind == "touchpoint" { return old ? touchpointKey(element) : element.id }
                return old ? rename(kind, element.id) : element.id
            }
            let beforeByKey = Dictionary(before.map { (key($0, old: true), $0) }, uniquingKeysWith: { first, _ in first })
            let afterKeys = Set(after.map { key($0, old: false) })
            for element in after {
                guard let previous = beforeByKey[key(element, old: false)] else {
                    changes.append(ElementChange(kind: kind, id: element.id, label: element.label, stage: element.stage, what: .added))
                    continue
                }
                if previous.id != element.id && kind != "touchpoint" {
                    changes.append(ElementChange(kind: kind, id: element.id, label: element.label, stage: element.stage,
                                                 what: .renamed(from: previous.id)))
                }
                if previous.label != element.label && kind != "touchpoint" {
                    changes.append(ElementChange(kind: kind, id: element.id, label: element.label, stage: element.stage,
                                                 what: .value(field: "label", old: previous.label, new: element.label, note: nil)))
                }
                let previousStage = previous.stage.map { rename("stage", $0) }
                if previousStage != element.stage {
                    changes.append(ElementChange(kind: kind, id: element.id, label: element.label, stage: element.stage,
                                                 what: .moved(from: previous.stage, to: element.stage)))
                }
                for (index, value) in element.values.enumerated() where index < previous.values.count {
                    let was = previous.values[index].value
                    guard was != value.value else { continue }
                    changes.append(ElementChange(kind: kind, id: element.id, label: element.label, stage: element.stage,
                                                 what: .value(field: value.field, old: was, new: value.value,
                                                              note: note(value.field, was, value.value))))
                }
            }
            for element in before where !afterKeys.contains(key(element, old: true)) {
                changes.append(ElementChange(kind: kind, id: element.id, label: element.label, stage: element.stage, what: .removed))
            }
        }
        diff.changes = changes
        if !changes.isEmpty || diff.before != diff.after { diff.status = .changed }
        return diff
    }

    /// The direction of a change where it has one: emotion, scores, the delivery gap.
    private static func note(_ field: String, _ old: String?, _ new: String?) -> String? {
        guard let old, let new, let before = Double(old), let after = Double(new), before != after else { return nil }
        switch field {
        case "emotion", "perceived": return after > before ? "better" : "worse"
        case "delivery gap": return after < before ? "narrower" : "wider"
        default: return nil
        }
    }

    private static func compareCatalogues(old: Side, new: Side) -> [CatalogueChange] {
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
        func users(_ side: Side) -> [String: [String]] {
            var users: [String: [String]] = [:]
            for (path, file) in side.files {
                let checked = side.result.files[file]
                for index in checked.journeys.indices {
                    let snapshot = JourneySnapshot(file: checked, index: index, path: path)
                    for key in snapshot.uses { users[key, default: []].append("\(path): \(snapshot.id)") }
                }
            }
            return users
        }
        let before = entries(old)
        let after = entries(new)
        let usedBefore = users(old)
        let usedAfter = users(new)
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
