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

    /// One pass over the UTF-8, which is copied as it is where nothing needs escaping: the
    /// former scalar-by-scalar `String` cost 46.6M of the 365.0M instructions of checking 1,000
    /// small journeys with 572 warnings (README, "A twentieth round").
    private static func escaped(_ text: String, inProperty: Bool) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x25: out.append(contentsOf: [0x25, 0x32, 0x35]) // %25
                case 0x0D: out.append(contentsOf: [0x25, 0x30, 0x44]) // %0D
                case 0x0A: out.append(contentsOf: [0x25, 0x30, 0x41]) // %0A
                case 0x3A where inProperty: out.append(contentsOf: [0x25, 0x33, 0x41]) // %3A
                case 0x2C where inProperty: out.append(contentsOf: [0x25, 0x32, 0x43]) // %2C
                case 0x20..<0x7F: out.append(byte)
                default:
                    // A `String`'s UTF-8 is valid: every scalar decodes.
                    let (scalar, length) = UTF8Decoding.decode(bytes, at: index) ?? (0xFFFD, 1)
                    if Visible.isUnsafe(scalar) {
                        out.append(contentsOf: Visible.escaped(scalar).utf8)
                    } else {
                        out.append(contentsOf: bytes[index..<index + length])
                    }
                    index += length
                    continue
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
