/// Writes one diagnostic as a JSON object. Shared by the `diagnostics` array of `--to json`
/// and by `--diagnostics json`, so both describe diagnostics the same way.
///
/// Lines and columns are 1-based; columns count Unicode scalars; `endColumn` is the column just
/// after the last character (equal to `column` for an empty range); offsets are UTF-8 bytes.
enum DiagnosticJSON {
    static func write<Sink>(_ diagnostic: Diagnostic, sources: [SourceFile], to json: inout JSONWriter<Sink>) {
        json.beginObject()
        json.field("code", diagnostic.code.id)
        json.field("rule", diagnostic.code.name)
        json.field("severity", diagnostic.severity.name)
        json.field("message", diagnostic.message)
        writeLocation(diagnostic.location, sources: sources, to: &json)
        json.field("label", diagnostic.label)
        json.key("labels")
        json.beginArray()
        for label in diagnostic.secondary {
            json.beginObject()
            json.field("message", label.message)
            writeLocation(label.location, sources: sources, to: &json)
            json.endObject()
        }
        json.endArray()
        json.field("notes", strings: diagnostic.notes)
        json.field("help", diagnostic.help)
        json.key("fixes")
        json.beginArray()
        for fix in diagnostic.fixes {
            json.beginObject()
            json.field("title", fix.title)
            json.field("safe", fix.isSafe)
            json.key("edits")
            json.beginArray()
            for edit in fix.edits {
                json.beginObject()
                writeLocation(edit.location, sources: sources, to: &json)
                json.field("replacement", edit.replacement)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func writeLocation<Sink>(_ location: SourceLocation, sources: [SourceFile], to json: inout JSONWriter<Sink>) {
        let source = sources.file(at: location.file)
        let start = source.position(of: location.start)
        let end = source.position(of: location.end)
        json.field("file", source.path)
        json.field("line", start.line)
        json.field("column", start.column)
        json.field("endLine", end.line)
        json.field("endColumn", end.column)
        json.field("offset", location.start)
        json.field("endOffset", location.end)
    }
}
