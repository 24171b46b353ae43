/// The journeys of several files one after another, as the reports and Mermaid write them:
/// each journey is written on its own (`each(file, index, position, writer)`, `position`
/// counting every journey before it), in order, on both cores (`OutputWriter.elements`).
///
/// Over 1,000 small journeys `--to report` and `--to text` spent most of their time here on one
/// core after the check (1.9 and 2.4 billion instructions). A single journey is written
/// straight to the output instead: a dense one's report is megabytes, and a block is held in
/// memory whole.
enum JourneySequence {
    /// Where each journey is: its file's index in `files` and its own in the file.
    static func places(_ files: [CheckedFile]) -> [(file: Int, journey: Int)] {
        var places: [(file: Int, journey: Int)] = []
        for (index, file) in files.enumerated() {
            for journey in file.journeys.indices { places.append((index, journey)) }
        }
        return places
    }

    /// Writes every journey of `files`, `perBlock` to a block; returns how many there were.
    /// `single` writes the only journey of a run that has one, straight to `out`.
    static func write<Sink: OutputSink>(
        _ files: [CheckedFile], perBlock: Int, to out: inout OutputWriter<Sink>,
        single: (CheckedFile, _ journey: Int, inout OutputWriter<Sink>) -> Void,
        each: @escaping @Sendable (CheckedFile, _ journey: Int, _ position: Int, inout OutputWriter<MemorySink>) -> Void
    ) -> Int {
        let places = places(files)
        if places.count == 1 {
            single(files[places[0].file], places[0].journey, &out)
            return 1
        }
        out.elements(count: places.count, perBlock: perBlock) { position, writer in
            let place = places[position]
            each(files[place.file], place.journey, position, &writer)
        }
        return places.count
    }
}

/// A gap report written a journey at a time, with a rule between two journeys and a line of its
/// own when there is none: the Markdown and the text reports.
protocol DigestReport {
    /// What stands between two journeys.
    static var separator: String { get }
    /// The whole report when no file holds a journey.
    static var none: String { get }
    static func write<Sink: OutputSink>(_ digest: JourneyDigest, to out: inout OutputWriter<Sink>)
}

extension DigestReport {
    /// The report of every journey of `files`, on both cores (`JourneySequence`).
    static func emitDigests<Sink: OutputSink>(_ files: [CheckedFile], to sink: Sink) -> Sink {
        var out = OutputWriter(sink)
        let count = JourneySequence.write(files, perBlock: 1, to: &out, single: { file, index, out in
            write(JourneyDigest(file: file, index: index), to: &out)
        }, each: { file, index, position, writer in
            if position > 0 { writer.write(separator) }
            write(JourneyDigest(file: file, index: index), to: &writer)
        })
        if count == 0 { out.write(none) }
        return out.finish()
    }
}
