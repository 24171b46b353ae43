/// The four kinds of catalogue declaration. Names are unique per kind.
public enum CatalogueKind: UInt8, Sendable, CaseIterable {
    case persona, channel, team, system

    public var noun: String {
        switch self {
        case .persona: return "persona"
        case .channel: return "channel"
        case .team: return "team"
        case .system: return "system"
        }
    }
    public var plural: String { noun + "s" }
}

/// One catalogue declaration: a persona, channel, team or system.
public struct CatalogueEntry: Sendable {
    public var kind: CatalogueKind
    public var name: String
    public var label: TextRef
    /// The identifier.
    public var location: SourceLocation
    /// The whole statement.
    public var statement: SourceLocation
    public var goal: TextRef?
    public var segment: TextRef?
    public var notes: [TextRef] = []
    public var channelKind: ChannelKind?
    /// For a system: the team that owns it, as an index into the catalogue.
    public var owner: Int32 = -1
    public var allowScope: Int32 = 0
}

/// The catalogue visible from one file: its own declarations and, transitively, its imports'.
public struct Catalogue: Sendable {
    public var entries: [CatalogueEntry] = []
    private var byName: [[String: Int32]] = Array(repeating: [:], count: CatalogueKind.allCases.count)

    public init() {}

    /// Adds an entry; returns the index of an earlier entry of the same kind and name instead, if any.
    mutating func add(_ entry: CatalogueEntry) -> Int32? {
        if let existing = byName[Int(entry.kind.rawValue)][entry.name] { return existing }
        byName[Int(entry.kind.rawValue)][entry.name] = Int32(entries.count)
        entries.append(entry)
        return nil
    }

    /// The entry of `kind` called `name`.
    public func find(_ kind: CatalogueKind, _ name: String) -> Int32? {
        byName[Int(kind.rawValue)][name]
    }

    /// The names of every entry of `kind`, sorted.
    public func names(of kind: CatalogueKind) -> [String] {
        byName[Int(kind.rawValue)].keys.sorted()
    }
}
