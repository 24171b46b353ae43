#if canImport(Glibc)
import Glibc
#endif

/// `--diagnostics sarif`: SARIF 2.1.0, for GitHub code scanning and other tools.
///
/// One run, whose driver lists every code as a rule (id, name, descriptions, help in text and
/// Markdown, default level). Columns count Unicode code points (`columnKind`); regions are
/// complete; file URIs are relative to the current directory. `partialFingerprints` hash what a
/// finding is about (its code, file and element, or the text it points at) and never its line,
/// so a finding keeps its fingerprint when unrelated lines move.
public enum SARIFRenderer {
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    public static let fingerprintKey: StaticString = "cxjFingerprint/v1"

    public static func render(_ diagnostics: [Diagnostic], sources: [SourceFile], currentDirectory: String = Paths.absolute(".")) -> String {
        var json = JSONWriter(MemorySink())
        json.beginObject()
        json.field("$schema", schema)
        json.field("version", "2.1.0")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        writeTool(to: &json)
        json.field("columnKind", "unicodeCodePoints")
        json.key("results")
        json.beginArray()
        var occurrences: [String: Int] = [:]
        var uris = URIs(base: currentDirectory)
        for diagnostic in diagnostics {
            writeResult(diagnostic, sources: sources, uris: &uris, occurrences: &occurrences, to: &json)
        }
        json.endArray()
        json.endObject()
        json.endArray()
        json.endObject()
        return json.finish().text
    }

    private static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    private static func writeTool<Sink>(to json: inout JSONWriter<Sink>) {
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.field("name", "cxj")
        json.field("version", CXJVersion.tool)
        json.field("semanticVersion", CXJVersion.tool)
        json.field("informationUri", CXJVersion.informationURI)
        json.key("rules")
        json.beginArray()
        for code in Code.allCases {
            let docs = code.documentation
            json.beginObject()
            json.field("id", code.id)
            json.field("name", code.name)
            json.key("shortDescription")
            json.beginObject()
            json.field("text", docs.summary)
            json.endObject()
            json.key("fullDescription")
            json.beginObject()
            json.field("text", docs.meaning)
            json.endObject()
            json.key("help")
            json.beginObject()
            json.field("text", docs.rationale + " " + Explanation.severityLine(code) + " Run `cxj explain \(code.id)` for examples.")
            json.field("markdown", helpMarkdown(code, docs))
            json.endObject()
            json.key("defaultConfiguration")
            json.beginObject()
            json.field("level", level(code.defaultSeverity))
            json.endObject()
            json.key("properties")
            json.beginObject()
            json.field("tags", strings: code.isRule ? ["customer-experience", "gap"] : ["customer-experience", "language"])
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
    }

    private static func helpMarkdown(_ code: Code, _ docs: CodeDocumentation) -> String {
        """
        **\(code.id) \(code.name)**: \(docs.summary)

        \(docs.meaning)

        \(docs.rationale)

        \(Explanation.severityLine(code))

        Failing:

        ```
        \(docs.failing.trimmingTrailingNewlines)
        ```

        Fixed:

        ```
        \(docs.fixed.trimmingTrailingNewlines)
        ```
        """
    }

    private static func writeResult<Sink>(_ diagnostic: Diagnostic, sources: [SourceFile], uris: inout URIs,
                                          occurrences: inout [String: Int], to json: inout JSONWriter<Sink>) {
        json.beginObject()
        json.field("ruleId", diagnostic.code.id)
        json.field("ruleIndex", Code.allCases.firstIndex(of: diagnostic.code)!)
        json.field("level", level(diagnostic.severity))
        json.key("message")
        json.beginObject()
        var text = diagnostic.message
        if let help = diagnostic.help { text += "\nhelp: " + help }
        json.field("text", text)
        json.endObject()
        json.key("locations")
        json.beginArray()
        writeLocation(diagnostic.location, message: diagnostic.label, id: nil, sources: sources, uris: &uris, to: &json)
        json.endArray()
        if !diagnostic.secondary.isEmpty {
            json.key("relatedLocations")
            json.beginArray()
            for (index, label) in diagnostic.secondary.enumerated() {
                writeLocation(label.location, message: label.message, id: index + 1, sources: sources, uris: &uris,
                              to: &json)
            }
            json.endArray()
        }
        if !diagnostic.fixes.isEmpty {
            json.key("fixes")
            json.beginArray()
            for fix in diagnostic.fixes { writeFix(fix, sources: sources, uris: &uris, to: &json) }
            json.endArray()
        }
        let key = fingerprintSource(diagnostic, sources: sources)
        let occurrence = occurrences[key, default: 0]
        occurrences[key] = occurrence + 1
        json.key("partialFingerprints")
        json.beginObject()
        json.field(fingerprintKey, fingerprint(key + "#\(occurrence)"))
        json.endObject()
        if let element = diagnostic.element {
            json.key("properties")
            json.beginObject()
            json.field("element", element)
            json.endObject()
        }
        json.endObject()
    }

    /// A SARIF `fix`: one artifact change per file, each edit a replacement of a region.
    private static func writeFix<Sink>(_ fix: Fix, sources: [SourceFile], uris: inout URIs, to json: inout JSONWriter<Sink>) {
        json.beginObject()
        json.key("description")
        json.beginObject()
        json.field("text", fix.title + (fix.isSafe ? "" : " (review before applying)"))
        json.endObject()
        json.key("artifactChanges")
        json.beginArray()
        var files: [Int] = []
        for edit in fix.edits where !files.contains(edit.location.file) { files.append(edit.location.file) }
        for file in files {
            let source = sources.file(at: file)
            json.beginObject()
            json.key("artifactLocation")
            json.beginObject()
            json.field("uri", uris.uri(of: file, source))
            json.endObject()
            json.key("replacements")
            json.beginArray()
            for edit in fix.edits where edit.location.file == file {
                let start = source.position(of: edit.location.start)
                let end = source.position(of: edit.location.end)
                json.beginObject()
                json.key("deletedRegion")
                json.beginObject()
                json.field("startLine", start.line)
                json.field("startColumn", start.column)
                json.field("endLine", end.line)
                json.field("endColumn", end.column)
                json.field("byteOffset", edit.location.start)
                json.field("byteLength", edit.location.end - edit.location.start)
                json.endObject()
                json.key("insertedContent")
                json.beginObject()
                json.field("text", edit.replacement)
                json.endObject()
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    private static func writeLocation<Sink>(_ location: SourceLocation, message: String?, id: Int?, sources: [SourceFile],
                                            uris: inout URIs, to json: inout JSONWriter<Sink>) {
        let source = sources.file(at: location.file)
        let start = source.position(of: location.start)
        let end = source.position(of: location.end)
        json.beginObject()
        if let id { json.field("id", id) }
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        json.beginObject()
        json.field("uri", uris.uri(of: location.file, source))
        json.endObject()
        json.key("region")
        json.beginObject()
        json.field("startLine", start.line)
        json.field("startColumn", start.column)
        json.field("endLine", end.line)
        json.field("endColumn", end.column)
        json.field("byteOffset", location.start)
        json.field("byteLength", location.end - location.start)
        json.endObject()
        json.endObject()
        if let message {
            json.key("message")
            json.beginObject()
            json.field("text", message)
            json.endObject()
        }
        json.endObject()
    }

    /// What a finding is about, independent of line numbers: its code and file, and its
    /// element or else the text it points at and the rest of that line.
    static func fingerprintSource(_ diagnostic: Diagnostic, sources: [SourceFile]) -> String {
        let source = sources.file(at: diagnostic.location.file)
        var key = diagnostic.code.id + "\u{1}" + source.path + "\u{1}"
        if let element = diagnostic.element {
            key += element
        } else {
            let line = source.lineContentRange(source.lineIndex(containing: diagnostic.location.start))
            key += source.text(diagnostic.location.start..<diagnostic.location.end) + "\u{1}"
                + source.text(line).trimmingCharacters(in: " \t")
        }
        return key
    }

    /// A 64-bit FNV-1a hash as 16 hex digits.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A URI reference for a path: relative to the current directory when it lies below it,
    /// percent-encoded outside the unreserved characters and `/` (`Paths.percentEncoded`).
    static func uri(_ path: String, base: String) -> String {
        if path == "<stdin>" { return "stdin" }
        let target = path.hasPrefix("/") ? Paths.relative(path, to: base) : path
        return (target.hasPrefix("/") ? "file://" : "") + Paths.percentEncoded(target)
    }

    /// Each file's URI, made once a render: a result's related locations are mostly in its file.
    struct URIs {
        let base: String
        private var byFile: [Int: String] = [:]

        init(base: String) {
            self.base = base
        }

        mutating func uri(of file: Int, _ source: SourceFile) -> String {
            if let known = byFile[file] { return known }
            let made = SARIFRenderer.uri(source.path, base: base)
            byFile[file] = made
            return made
        }
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
