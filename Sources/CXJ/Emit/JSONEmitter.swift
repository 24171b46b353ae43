/// Writes checked files as one JSON document:
/// `{"format": "cxj", "version": 1, "journeys": […], "catalogue": {…}, "diagnostics": […]}`.
///
/// The document validates against Grammar/cxj-output.schema.json. Values follow the source: a
/// value the source does not give is `null`, never invented. Fractions (conversions, coverage,
/// percentages) are numbers from 0 to 1; computed ones are rounded to four decimals.
public enum JSONEmitter {
    /// The version of the output format, independent of the language version.
    public static let formatVersion = 1

    public static func emit<Sink: OutputSink>(_ files: [CheckedFile], diagnostics: [Diagnostic], to sink: Sink) -> Sink {
        var document = JSONDocument(sink)
        for file in files { document.append(file) }
        return document.finish(diagnostics: diagnostics, sources: files.first?.sources ?? [])
    }

    /// Rounds a computed fraction to four decimals, so float noise never reaches the output.
    static func rounded(_ value: Double?) -> Double? {
        value.map { ($0 * 10_000).rounded() / 10_000 }
    }
}
