/// The names a pending "did you mean" chooses among, named by a key the checker writes and
/// the compiler reads back against the checked file (see `PendingSuggestion`).
enum SuggestionPool {
    static func catalogue(_ kind: CatalogueKind) -> String { "catalogue:\(kind.rawValue)" }

    /// The names of the gap rules.
    static let rules = "rules"

    static func elements(_ kinds: [ElementKind], journey: Int) -> String {
        "journey:\(journey):" + kinds.map { String($0.rawValue) }.joined(separator: ",")
    }

    /// The names of a pool in a checked file, sorted.
    static func names(_ pool: String, in file: CheckedFile) -> [String] {
        if pool == rules { return Code.allCases.filter { $0.isRule }.map { $0.name } }
        let parts = pool.split(separator: ":").map(String.init)
        if parts.count == 2, parts[0] == "catalogue", let raw = UInt8(parts[1]), let kind = CatalogueKind(rawValue: raw) {
            return file.catalogue.names(of: kind)
        }
        guard parts.count == 3, parts[0] == "journey", let index = Int(parts[1]), index < file.journeys.count else { return [] }
        let kinds = Set(parts[2].split(separator: ",").compactMap { UInt8($0) }.compactMap(ElementKind.init(rawValue:)))
        let journey = file.journeys[index]
        var names: [String] = []
        if kinds.contains(.stage) { names += journey.stages.map { file.name($0.id) } }
        if kinds.contains(.step) { names += journey.steps.map { file.name($0.id) } }
        if kinds.contains(.action) { names += journey.actions.map { file.name($0.id) } }
        if kinds.contains(.kpi) { names += journey.kpis.map { file.name($0.id) } }
        if kinds.contains(.opportunity) { names += journey.opportunities.map { file.name($0.id) } }
        return names.sorted()
    }
}
