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
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default:
                if Visible.isUnsafe(character.value) {
                    result += Visible.escaped(character.value)
                } else {
                    result.unicodeScalars.append(character)
                }
            }
        }
        return result
    }

    /// Escapes a property value.
    public static func property(_ text: String) -> String {
        var result = ""
        for character in data(text).unicodeScalars {
            switch character {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
