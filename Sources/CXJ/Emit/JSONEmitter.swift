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
        var json = JSONWriter(sink)
        json.beginObject()
        json.field("format", "cxj")
        json.field("version", formatVersion)
        json.key("journeys")
        json.beginArray()
        for file in files {
            for index in file.journeys.indices {
                JourneyJSON(file: file, index: index).write(to: &json)
            }
        }
        json.endArray()
        json.key("catalogue")
        writeCatalogue(files, to: &json)
        json.key("diagnostics")
        json.beginArray()
        let sources = files.first?.sources ?? []
        for diagnostic in diagnostics { DiagnosticJSON.write(diagnostic, sources: sources, to: &json) }
        json.endArray()
        json.endObject()
        return json.finish()
    }

    /// The catalogue visible from the files, each entry once, grouped by kind in declaration order.
    private static func writeCatalogue<Sink>(_ files: [CheckedFile], to json: inout JSONWriter<Sink>) {
        var seen = Set<SourceLocation>()
        var entries: [(CheckedFile, CatalogueEntry)] = []
        for file in files {
            for entry in file.catalogue.entries where seen.insert(entry.location).inserted {
                entries.append((file, entry))
            }
        }
        json.beginObject()
        for kind in CatalogueKind.allCases {
            switch kind {
            case .persona: json.key("personas")
            case .channel: json.key("channels")
            case .team: json.key("teams")
            case .system: json.key("systems")
            }
            json.beginArray()
            for (file, entry) in entries where entry.kind == kind {
                json.beginObject()
                json.field("id", entry.name)
                json.field("label", file.text(entry.label))
                json.field("file", file.sources[entry.location.file].path)
                switch kind {
                case .persona:
                    json.field("goal", entry.goal.map(file.text))
                    json.field("segment", entry.segment.map(file.text))
                case .channel:
                    json.field("kind", entry.channelKind?.spelling)
                case .system:
                    json.field("owner", entry.owner >= 0 ? file.catalogue.entries[Int(entry.owner)].name : nil)
                case .team:
                    break
                }
                json.field("notes", strings: entry.notes.map(file.text))
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
    }

    /// Rounds a computed fraction to four decimals, so float noise never reaches the output.
    static func rounded(_ value: Double?) -> Double? {
        value.map { ($0 * 10_000).rounded() / 10_000 }
    }
}
