/// Renders diagnostics one per line: `path:line:col: severity[CODE]: message`.
/// Line and column are 1-based; the column counts Unicode scalars.
public struct ShortRenderer: Sendable {
    public init() {}

    public func render(_ diagnostic: Diagnostic, sources: [SourceFile]) -> String {
        let source = sources.file(at: diagnostic.location.file)
        let position = source.position(of: diagnostic.location.start)
        return "\(Visible.escape(source.path)):\(position.line):\(position.column): \(diagnostic.severity.name)[\(diagnostic.code.id)]: \(Visible.escape(diagnostic.message))"
    }
}
