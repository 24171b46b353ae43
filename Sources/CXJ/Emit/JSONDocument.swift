/// The JSON document of `JSONEmitter`, written a file at a time: the header goes out with the
/// first file, each file's journeys as it is appended, and the catalogue and the diagnostics
/// at `finish`. Appending the files one by one gives the bytes `JSONEmitter.emit` gives for
/// all of them, which is built on it; `cxj compile` over several inputs appends each file as
/// soon as it is checked (`StreamedOutput`).
struct JSONDocument<Sink: OutputSink> {
    private var json: JSONWriter<Sink>
    private var hasStarted = false
    /// The catalogue entries seen so far, each once, in the order the files give them, with
    /// the file that first showed it (which reads its texts). Only such files are kept.
    private var entries: [(CheckedFile, CatalogueEntry)] = []
    private var seen = Set<SourceLocation>()

    init(_ sink: Sink) {
        json = JSONWriter(sink)
    }

    private mutating func start() {
        hasStarted = true
        json.beginObject()
        json.field("format", "cxj")
        json.field("version", JSONEmitter.formatVersion)
        json.key("journeys")
        json.beginArray()
    }

    /// Writes a file's journeys and notes the catalogue entries it shows for the first time.
    mutating func append(_ file: CheckedFile) {
        if !hasStarted { start() }
        var positions = JourneyJSON.Positions(of: file)
        for index in file.journeys.indices {
            JourneyJSON(file: file, index: index).write(to: &json, positions: &positions)
        }
        for entry in file.catalogue.entries where seen.insert(entry.location).inserted {
            entries.append((file, entry))
        }
    }

    /// Ends the document with the catalogue seen and `diagnostics`, whose positions `sources`
    /// give, and returns the sink.
    mutating func finish(diagnostics: [Diagnostic], sources: [SourceFile]) -> Sink {
        if !hasStarted { start() }
        json.endArray()
        json.key("catalogue")
        writeCatalogue()
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in diagnostics { DiagnosticJSON.write(diagnostic, sources: sources, to: &json) }
        json.endArray()
        json.endObject()
        return json.finish()
    }

    /// The catalogue visible from the files, each entry once, grouped by kind in declaration order.
    private mutating func writeCatalogue() {
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
}
