/// `--diagnostics json`: every diagnostic of a run in one JSON document on standard output,
/// `{"format": "cxj-diagnostics", "version": 1, "diagnostics": […], "summary": {…}}`, each
/// diagnostic as in `DiagnosticJSON`.
public enum DiagnosticDocument {
    /// `omitted` counts the diagnostics `--max-diagnostics` left out; it is written only when
    /// there are any.
    public static func render(_ diagnostics: [Diagnostic], sources: [SourceFile], omitted: Int = 0) -> String {
        var json = JSONWriter(MemorySink())
        json.beginObject()
        json.field("format", "cxj-diagnostics")
        json.field("version", 1)
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in diagnostics { DiagnosticJSON.write(diagnostic, sources: sources, to: &json) }
        json.endArray()
        json.key("summary")
        json.beginObject()
        json.field("errors", diagnostics.filter { $0.severity == .error }.count)
        json.field("warnings", diagnostics.filter { $0.severity == .warning }.count)
        json.field("notes", diagnostics.filter { $0.severity == .note }.count)
        json.field("files", sources.readCount)
        if omitted > 0 { json.field("omitted", omitted) }
        json.endObject()
        json.endObject()
        return json.finish().text
    }
}
