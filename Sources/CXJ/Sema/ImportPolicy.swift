/// Which files an `import` may reach.
///
/// An import must name a `.cxj` file inside the project root of the input it was reached
/// from, or inside a directory allowed on purpose (`--allow-import-outside`, or
/// `allowImportOutside` in `cxj.json`). The driver works out each input's root (see
/// `ProjectRoot`); an input without one is confined to its own directory. A refused import
/// is never opened, so no byte of it can reach a diagnostic.
public struct ImportPolicy: Sendable, Equatable {
    /// The project root of each input, by the input's path as given.
    public var roots: [String: String]
    /// The root of inputs that `roots` does not list; nil means each input's own directory.
    public var defaultRoot: String?
    /// Directories outside the roots that imports may reach.
    public var allowedOutside: [String]
    /// Whether every path is allowed (library callers that checked paths themselves).
    public var isUnrestricted: Bool

    public init(roots: [String: String] = [:], defaultRoot: String? = nil, allowedOutside: [String] = [],
                isUnrestricted: Bool = false) {
        self.roots = roots
        self.defaultRoot = defaultRoot
        self.allowedOutside = allowedOutside
        self.isUnrestricted = isUnrestricted
    }

    /// Every path allowed.
    public static let unrestricted = ImportPolicy(isUnrestricted: true)

    /// Sets the root of each input. Inputs that all share one root (a folder of journeys in one
    /// project) get it as `defaultRoot`, with no table: hashing a thousand paths into one, and
    /// again to look each up, was serial work before any file is read.
    public mutating func setRoots(_ pairs: [(path: String, root: String)]) {
        if let first = pairs.first?.root, roots.isEmpty, defaultRoot == nil, pairs.allSatisfy({ $0.root == first }) {
            defaultRoot = first
            return
        }
        roots.reserveCapacity(roots.count + pairs.count)
        for (path, root) in pairs { roots[path] = root }
    }

    /// The root of an input: as given, else the input's directory.
    func root(ofInput path: String) -> String {
        if !roots.isEmpty, let root = roots[path] { return root }
        if let root = defaultRoot { return root }
        let directory = Paths.directory(of: path)
        return directory.isEmpty ? "." : directory
    }
}
