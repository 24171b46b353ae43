/// The documents a language server holds open, and the conversions between LSP positions
/// (line and character, in UTF-8 or UTF-16 code units) and byte offsets.
struct LSPDocuments {
    struct Document {
        var uri: String
        var path: String
        var bytes: [UInt8]
        var version: Int
    }

    private(set) var open: [String: Document] = [:]   // by uri

    mutating func set(_ document: Document) { open[document.uri] = document }
    mutating func close(_ uri: String) { open[uri] = nil }
    func document(_ uri: String) -> Document? { open[uri] }

    /// A `file://` URI as a path, percent-decoded; nil for other schemes.
    static func path(ofURI uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var bytes: [UInt8] = []
        let text = Array(uri.utf8.dropFirst(7))
        var index = 0
        while index < text.count {
            if text[index] == 0x25, index + 2 < text.count, let value = UInt8(String(decoding: text[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(text[index])
                index += 1
            }
        }
        guard !bytes.contains(0) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A path as a `file://` URI, percent-encoding what URIs do not allow.
    static func uri(ofPath path: String) -> String {
        "file://" + Paths.percentEncoded(Paths.normalize(Paths.absolute(path)))
    }

    /// The byte offset of an LSP position in `bytes`, clamped to the line and the file.
    static func offset(line: Int, character: Int, in bytes: [UInt8], utf16: Bool) -> Int {
        var offset = 0
        var currentLine = 0
        while currentLine < line && offset < bytes.count {
            if bytes[offset] == 0x0A { currentLine += 1 }
            offset += 1
        }
        var units = 0
        while offset < bytes.count && bytes[offset] != 0x0A && bytes[offset] != 0x0D && units < character {
            let byte = bytes[offset]
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            units += utf16 ? (length == 4 ? 2 : 1) : length
            offset += length
        }
        return min(offset, bytes.count)
    }

    /// The LSP position of a byte offset.
    static func position(of offset: Int, in source: SourceFile, utf16: Bool) -> JSONValue {
        let position = source.position(of: offset)
        let start = source.lineStart(position.line - 1)
        let character = utf16 ? position.utf16Column - 1 : min(offset, source.bytes.count) - start
        return .object([("line", .number(Double(position.line - 1))), ("character", .number(Double(max(character, 0))))])
    }

    static func range(_ location: SourceLocation, in source: SourceFile, utf16: Bool) -> JSONValue {
        .object([("start", position(of: location.start, in: source, utf16: utf16)),
                 ("end", position(of: location.end, in: source, utf16: utf16))])
    }
}

/// Reads source files for the server: open documents as the editor holds them, and every other
/// file from disk.
struct OverlayProvider: SourceProvider {
    let documents: [String: [UInt8]]   // by normalized absolute path
    let disk: FileSystemProvider

    func read(_ path: String) -> Result<[UInt8], SourceReadError> {
        if let bytes = documents[Paths.normalize(Paths.absolute(path))] ?? documents[disk.identity(of: path)] { return .success(bytes) }
        return disk.read(path)
    }

    func identity(of path: String) -> String { disk.identity(of: path) }

    func cxjFiles(in directory: String) -> [String] { disk.cxjFiles(in: directory) }
}
