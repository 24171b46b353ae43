/// The catalogue that files importing the same catalogue files see, built once for them all.
///
/// A journey that declares no catalogue entry of its own sees the entries of the files it
/// imports, in the same order and with the same properties, whoever imports them: a folder of
/// 1,000 journeys importing one catalogue built, and kept, 1,000 copies of it (a sixth of the
/// memory of checking them). Files with the same imported catalogue files now share one, and
/// the diagnostics building it reports (duplicates among the imported files) are replayed.
final class CatalogueCache: Sendable {
    /// A catalogue as built, and what building it reported.
    struct Built: Sendable {
        var catalogue: Catalogue
        var diagnostics: [Diagnostic]
    }

    /// Builds every file's catalogue for itself (for the tests, to compare with).
    nonisolated(unsafe) static var isBypassedForTests = false

    /// By the imported files that declare entries, in `CheckScope.catalogueFiles`' order: a
    /// table for each thread of a pass (`Parallel.threadSlot`), each with copies of its own.
    /// Every file that shares a catalogue keeps it, and with one copy (and one lock) for both
    /// threads, each check wrote the same reference counts as the other thread's.
    private let tables: [Locked<[[Int]: Built]>] = (0..<Parallel.coreCount).map { _ in Locked([:]) }

    func built(importing files: [Int]) -> Built? {
        tables[Parallel.slot(among: tables.count)].withLock { $0[files] }
    }

    /// Two files may build the same catalogue at once: they build equal ones, and the first kept
    /// stays. The calling thread's table gets `built` itself, the others a copy each.
    func store(_ built: Built, importing files: [Int]) {
        let own = Parallel.slot(among: tables.count)
        for (slot, table) in tables.enumerated() {
            let copy = slot == own ? built : Built(catalogue: built.catalogue.unshared(), diagnostics: built.diagnostics.map { $0 })
            table.withLock { table in
                if table[files] == nil { table[files] = copy }
            }
        }
    }
}
