/// `--diagnostics github`: one GitHub Actions workflow command per diagnostic, which GitHub
/// shows as an annotation on the pull request:
///
///     ::warning file=Examples/x.cxj,line=28,col=5,endLine=28,endColumn=15,title=CXJ204 delivery-gap::message
///
/// Notes become `::notice`. Values are escaped as GitHub requires: `%`, CR and LF everywhere,
/// and `:` and `,` inside properties too. Help and notes follow the message on their own lines.
public struct GitHubRenderer: Sendable {
    public init() {}

    public func render(_ diagnostic: Diagnostic, sources: [SourceFile]) -> String {
        let source = sources.file(at: diagnostic.location.file)
        let start = source.position(of: diagnostic.location.start)
        let end = source.position(of: diagnostic.location.end)
        let command: String
        switch diagnostic.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        let properties = [
            "file=" + GitHubRenderer.property(source.path),
            "line=\(start.line)", "col=\(start.column)", "endLine=\(end.line)", "endColumn=\(end.column)",
            "title=" + GitHubRenderer.property("\(diagnostic.code.id) \(diagnostic.code.name)"),
        ]
        var message = diagnostic.message
        for note in diagnostic.notes { message += "\nnote: " + note }
        if let help = diagnostic.help { message += "\nhelp: " + help }
        return "::\(command) " + properties.joined(separator: ",") + "::" + GitHubRenderer.data(message)
    }

    /// Escapes a command's message.
    public static func data(_ text: String) -> String {
        escaped(text, inProperty: false)
    }

    /// Escapes a property value.
    public static func property(_ text: String) -> String {
        escaped(text, inProperty: true)
    }

    /// GitHub's escapes, then `Visible`'s for the controls and bidirectional overrides left:
    /// one pass over the UTF-8 (a `String` built a scalar at a time cost 46.6M of the 365.0M
    /// instructions of checking 1,000 small journeys with 572 warnings; README, "A twentieth
    /// round").
    private static func escaped(_ text: String, inProperty: Bool) -> String {
        Visible.escape(text) { byte in
            switch byte {
            case 0x25: return Array("%25".utf8)
            case 0x0D: return Array("%0D".utf8)
            case 0x0A: return Array("%0A".utf8)
            case 0x3A where inProperty: return Array("%3A".utf8)
            case 0x2C where inProperty: return Array("%2C".utf8)
            default: return nil
            }
        }
    }
}
