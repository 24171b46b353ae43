/// Reads files below a directory while naming them by their path relative to it, so that both
/// sides of a diff show the same paths (and their findings keep their identity).
public struct PrefixedProvider: SourceProvider {
    public let root: String
    public let base: FileSystemProvider

    public init(root: String, base: FileSystemProvider = FileSystemProvider()) {
        self.root = root
        self.base = base
    }

    private func full(_ path: String) -> String { root.isEmpty || root == "." ? path : Paths.join(root, path) }

    public func read(_ path: String) -> Result<[UInt8], SourceReadError> { base.read(full(path)) }
    public func identity(of path: String) -> String { base.identity(of: full(path)) }
    public func cxjFiles(in directory: String) -> [String] { base.cxjFiles(in: full(directory)) }
}
