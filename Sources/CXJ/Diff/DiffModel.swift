/// What a change does to journeys: the result of `cxj diff`, read by its writers.
public struct DiffResult: Sendable {
    public var files: [FileDiff] = []
    public var catalogue: [CatalogueChange] = []
    /// Files with errors on either side: `(side, path, count)`.
    public var sidesWithErrors: [(side: String, path: String, errors: Int)] = []

    public var hasChanges: Bool { files.contains { !$0.isEmpty } || !catalogue.isEmpty }
}

/// One file compared: its journeys and its findings.
public struct FileDiff: Sendable {
    public var path: String
    public var journeys: [JourneyDiff] = []
    public var newFindings: [FindingItem] = []
    public var resolvedFindings: [FindingItem] = []
    public var stillOpen: [FindingItem] = []

    public var isEmpty: Bool {
        journeys.allSatisfy { $0.status == .unchanged } && newFindings.isEmpty && resolvedFindings.isEmpty
    }
}

public struct JourneyDiff: Sendable {
    public enum Status: String, Sendable { case added, removed, changed, unchanged }

    public var id: String
    public var title: String
    public var status: Status
    public var changes: [ElementChange] = []
    public var before: JourneyMetrics?
    public var after: JourneyMetrics?
}

/// The computed facts compared before and after.
public struct JourneyMetrics: Sendable, Equatable {
    public var coverage: Double?
    public var largestDropStage: String?
    public var largestDrop: Double?
    public var averageGap: Double?
    public var handoffs: Int
    public var emotions: [Int]
}

public struct ElementChange: Sendable {
    public enum What: Sendable {
        case added
        case removed
        case renamed(from: String)
        case moved(from: String?, to: String?)
        case value(field: String, old: String?, new: String?, note: String?)
    }

    public var kind: String
    public var id: String
    public var label: String
    public var stage: String?
    public var what: What
}

public struct CatalogueChange: Sendable {
    public enum What: Sendable {
        case added, removed
        case relabelled(old: String, new: String)
    }

    public var kind: String
    public var id: String
    public var label: String
    public var what: What
    /// The journeys (`path: id`) that use the entry on either side.
    public var journeys: [String]
}

/// A diagnostic as the diff shows it.
public struct FindingItem: Sendable {
    public var severity: Severity
    public var code: Code
    public var message: String
    public var location: String
    public var element: String?
}
