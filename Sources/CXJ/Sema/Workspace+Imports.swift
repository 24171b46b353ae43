/// One `import` statement of a parsed file, resolved on the thread that parsed the file:
/// resolving a path takes system calls, and a thousand files each importing a catalogue made
/// this the longest step left on one core (README, Performance).
struct ResolvedImport: Sendable {
    enum Outcome: Sendable {
        /// Refused on its face or for leaving the project root: reported, never loaded. Boxed:
        /// a diagnostic inline made every import 190 bytes, and a file's array of one import
        /// 224 (224 KB over 1,000 journeys, alive until the wave ends).
        indirect case refused(Diagnostic)
        /// To be loaded from `path`; `identity` says whether it is loaded already.
        case accepted(path: String, identity: String)
    }

    var location: SourceLocation
    var outcome: Outcome

    /// The imports of a file's top level, in source order.
    static func imports(of tree: SyntaxTree, root: String, policy: ImportPolicy, allowed: [String],
                        provider: SourceProvider, identities: ImportIdentities = ImportIdentities()) -> [ResolvedImport] {
        var resolved: [ResolvedImport] = []
        for (_, node) in tree.children(of: nil) where node.keyword == .import && !node.isMalformed {
            guard let argument = tree.arguments(of: node).first else { continue }
            let written = tree.string(argument)
            let location = tree.location(argument.range)
            if let refusal = policy.isUnrestricted ? nil : ImportRefusal.check(written) {
                resolved.append(ResolvedImport(location: location, outcome: .refused(refusal.diagnostic(written, at: location, root: nil))))
                continue
            }
            let (path, identity) = identities.resolve(Paths.join(Paths.directory(of: tree.source.path), written), provider: provider)
            if !policy.isUnrestricted && !Paths.contains(root, identity) && !allowed.contains(where: { Paths.contains($0, identity) }) {
                let diagnostic = ImportRefusal.outsideRoot.diagnostic(written, at: location, root: root)
                resolved.append(ResolvedImport(location: location, outcome: .refused(diagnostic)))
                continue
            }
            resolved.append(ResolvedImport(location: location, outcome: .accepted(path: path, identity: identity)))
        }
        return resolved
    }
}

/// The identities of imported paths, each found once per load: a thousand journeys that import
/// one catalogue name the same path, and finding its identity takes a system call (`lstat`) or
/// more. Filled from both threads.
final class ImportIdentities: Sendable {
    /// A table for each thread of a pass (`Parallel.threadSlot`): a folder's journeys all import
    /// one catalogue, and one table (its lock, and the one identity string every import kept)
    /// had both threads writing the same reference counts at each import. Each thread works an
    /// identity out once; the identities are equal.
    private let tables: [PathTable<(path: String, identity: String)>] = (0..<Parallel.coreCount).map { _ in PathTable() }

    /// The path as first resolved, and its identity: every import of one file shares the two
    /// strings (each import kept the path it joined, 64 KB over 1,000 journeys, alive until
    /// the load ends), and an identity spelled as the path is the path's string.
    func resolve(_ path: String, provider: SourceProvider) -> (path: String, identity: String) {
        tables[Parallel.slot(among: tables.count)].value(of: path) {
            let identity = provider.identity(of: path)
            return (path: path, identity: identity == path ? path : identity)
        }!
    }
}
