/// Loads one side of a diff from the file system: files below a root, shown by their path
/// relative to it, with the root as the project root of their imports.
public enum DiffInputs {
    public struct Unreadable: Error, Sendable {
        public var path: String
        public var reason: String
    }

    /// Checks `files` (shown path → path relative to `root`).
    public static func side(root: String, files: [String: String], provider: FileSystemProvider = FileSystemProvider(),
                            allowedOutside: [String] = []) throws -> JourneyComparer.Side {
        let reader = PrefixedProvider(root: root, base: provider)
        let ordered = files.sorted { $0.key < $1.key }
        let result = Compiler.check(ordered.map { .path($0.value) }, provider: reader,
                                    policy: ImportPolicy(defaultRoot: ".", allowedOutside: allowedOutside))
        if let failure = result.failures.first {
            throw Unreadable(path: Paths.join(root, failure.path), reason: failure.error.reason)
        }
        var byShown: [String: Int] = [:]
        for (shown, path) in ordered {
            if let index = result.workspace.roots.first(where: { result.sources[$0].path == path }) { byShown[shown] = index }
        }
        return JourneyComparer.Side(result: result, files: byShown)
    }

    /// Every `.cxj` file below a directory, shown by its path relative to it.
    public static func files(under directory: String) -> [String: String] {
        var found: [String: String] = [:]
        for path in InputDiscovery.cxjFiles(under: directory) {
            let relative = Paths.relative(path, to: directory)
            found[relative] = relative
        }
        return found
    }

    /// Loads the two sides at once, one on each core.
    public static func both(_ old: @escaping @Sendable () throws -> JourneyComparer.Side,
                            _ new: @escaping @Sendable () throws -> JourneyComparer.Side) throws -> (JourneyComparer.Side, JourneyComparer.Side) {
        let loaded = Parallel.map([old, new]) { load in Result { try load() } }
        return (try loaded[0].get(), try loaded[1].get())
    }
}
