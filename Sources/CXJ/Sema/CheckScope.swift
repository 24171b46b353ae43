/// What checking one file reads besides its own tree: the records of the files, the trees of
/// the files whose catalogue declarations it sees, and whether that catalogue may lack entries.
///
/// A checker reads nothing else of the workspace, so a file can be checked before the whole
/// workspace is loaded, as soon as it and the files it imports are parsed
/// (`FirstWaveChecks`), with the same result.
struct CheckScope: Sendable {
    /// The records of the files, by index: at least every file of the closure.
    let sources: [SourceFile]
    /// The trees, by index: those of `catalogueFiles` are read.
    let trees: SyntaxTrees
    /// The file and the files it imports, transitively, in `Workspace.closure`'s order (imports
    /// before importers), less the imported files that declare no catalogue entry: an importer
    /// reads nothing else of an imported tree, and such a tree may be handed back once its own
    /// file is checked.
    let catalogueFiles: [Int]
    /// The file and every file it imports, transitively, in the same order.
    let closure: [Int]
    /// Whether an import of the file, or of a file it imports, is missing or refused, lies on
    /// a cycle, or has syntax errors (`Workspace.importsAreIncomplete`).
    let catalogueIsIncomplete: Bool
    /// Whether the file itself declares catalogue entries; if not, its catalogue is the one
    /// every file importing the same catalogue files sees (`CatalogueCache`).
    let declaresCatalogue: Bool
    /// The catalogues built for files that declare no entry, shared by the run: held without a
    /// reference count, as the workspace or the first wave that makes a scope holds the cache
    /// while the scope's file is checked. (Every copy of a scope, and every check, retained and
    /// released the one cache of the run, from both threads: its count's cache line went back
    /// and forth 2,500 times over 1,000 journeys.)
    let catalogues: Unmanaged<CatalogueCache>?
}

extension Workspace {
    /// What checking `file` reads of this workspace.
    func checkScope(for file: Int) -> CheckScope {
        let order = closure(of: file)
        return CheckScope(sources: sources, trees: trees, catalogueFiles: order.filter { $0 == file || declaresCatalogue[$0] },
                          closure: order,
                          catalogueIsIncomplete: importsAreIncomplete(for: file),
                          declaresCatalogue: declaresCatalogue[file], catalogues: Unmanaged.passUnretained(catalogues))
    }
}

extension SyntaxTree {
    /// Whether the file declares a catalogue entry an importer would see: a top-level
    /// `persona`, `channel`, `team` or `system` that is lowered (well formed, or malformed with
    /// its name read). What else a tree holds, an importer does not read.
    var declaresCatalogue: Bool {
        for (_, node) in children(of: nil) {
            switch node.keyword {
            case .persona, .channel, .team, .system:
                if FileChecker.isLowerable(node, in: self) { return true }
            default:
                continue
            }
        }
        return false
    }
}
