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
///
/// Most catalogues hold a few dozen entries, and every file that imports one builds its own:
/// up to `searchedInPlace` entries a name is looked for by a scan of `entries`; past that an
/// index by name is built, once, and kept up to date. (Four dictionaries filled from empty cost
/// ~4,000 instructions an entry: 11% of `check` over 1,000 small journeys importing a
/// six-entry catalogue.)
public struct Catalogue: Sendable {
    /// Set in place only to fill in properties: a kind or name changed here would leave the index behind.
    public internal(set) var entries: [CatalogueEntry] = []
    /// For each kind, name → entry; empty until the catalogue outgrows `searchedInPlace`.
    private var byName: [[String: Int32]] = []

    /// The most entries looked for by a scan.
    static let searchedInPlace = 32

    public init() {}

    /// Adds an entry; returns the index of an earlier entry of the same kind and name instead, if any.
    mutating func add(_ entry: CatalogueEntry) -> Int32? {
        if let existing = find(entry.kind, entry.name) { return existing }
        let index = Int32(entries.count)
        entries.append(entry)
        if !byName.isEmpty {
            byName[Int(entry.kind.rawValue)][entry.name] = index
        } else if entries.count > Catalogue.searchedInPlace {
            byName = Array(filling: [:], count: CatalogueKind.allCases.count)
            for (position, each) in entries.enumerated() { byName[Int(each.kind.rawValue)][each.name] = Int32(position) }
        }
        return nil
    }

    /// The entry of `kind` called `name`.
    public func find(_ kind: CatalogueKind, _ name: String) -> Int32? {
        if !byName.isEmpty { return byName[Int(kind.rawValue)][name] }
        for index in entries.indices where entries[index].kind == kind && entries[index].name == name {
            return Int32(index)
        }
        return nil
    }

    /// An equal catalogue whose arrays are in storage of their own (`CatalogueCache`): copying it
    /// retains none of this one's. (The name tables of a large catalogue, inside `byName`, stay
    /// shared; a check reads them in place.)
    func unshared() -> Catalogue {
        var copy = Catalogue()
        copy.entries = entries.map { $0 }
        copy.byName = byName.map { $0 }
        return copy
    }

    /// The names of every entry of `kind`, sorted.
    public func names(of kind: CatalogueKind) -> [String] {
        entries.lazy.filter { $0.kind == kind }.map(\.name).sorted()
    }
}
