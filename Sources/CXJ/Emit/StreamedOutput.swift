/// Compiled output written to an open file descriptor a file at a time, in the order the
/// files are given: every format's document over several files is built file by file. JSON
/// is `JSONDocument`; DOT, the reports and Mermaid are their files' journeys one after
/// another. `cxj compile` over several inputs to standard output hands each input here as
/// soon as it and what it imports are checked, and the emitted file's model can then be
/// dropped: over 1,000 small journeys, every model was alive until the end of the run only to
/// be written then.
///
/// The reports, Mermaid and DOT are rendered where each file is checked, on both cores
/// (`render`), and only written here: rendering them is most of such a run (a report is about 2
/// million instructions a journey, checking it a third of one). Rendered by the one thread that
/// writes, DOT over 1,000 small journeys kept the files checked meanwhile waiting, with their
/// models: 11.1 MiB at the peak on two cores against 8.9 on one. JSON is rendered here.
///
/// The bytes are those `OutputFormat.write(_:diagnostics:options:toDescriptor:)` writes for
/// the same files. Not thread-safe except `render`: one thread appends at a time
/// (`OrderedOutput`).
public final class StreamedOutput: @unchecked Sendable {
    private let format: OutputFormat
    private let options: EmitOptions
    // One writer is set, by the format.
    private var json: JSONDocument<DescriptorSink>?
    /// DOT and Mermaid.
    private var plain: OutputWriter<DescriptorSink>?
    /// The reports: what labels carry is escaped on the way (`VisibleSink`).
    private var visible: OutputWriter<VisibleSink<DescriptorSink>>?
    /// Whether a file was appended: a run with no file to write writes nothing.
    public private(set) var hasFiles = false
    private var fileCount = 0
    private var journeyCount = 0
    /// Mermaid: the first file's diagram while it is the only file and has one journey, as it
    /// is then written without its `%% journey` comment (`MermaidEmitter.emit`).
    private var held: (file: CheckedFile, bytes: [UInt8])?

    public init(_ format: OutputFormat, options: EmitOptions, descriptor: Int32) {
        let sink = DescriptorSink(descriptor: descriptor)
        self.format = format
        self.options = options
        switch format {
        case .json: json = JSONDocument(sink)
        case .dot, .mermaid: plain = OutputWriter(sink)
        case .report, .text: visible = OutputWriter(VisibleSink(sink))
        }
    }

    /// Whether `render` gives a file's part ahead of `append`.
    private var rendersWhereChecked: Bool {
        switch format {
        case .report, .text, .mermaid, .dot: return true
        case .json: return false
        }
    }

    /// A file's part of a report, of Mermaid or of DOT, without what stands between two files
    /// or before the first (a rule; a blank line and a `%% journey` comment), which `append`
    /// adds; nil for JSON. Safe on any thread.
    public func render(_ file: CheckedFile) -> [UInt8]? {
        guard rendersWhereChecked else { return nil }
        // The writer's buffer is a kept one; the bytes are the file's own, kept until written.
        let scratch = BlockScratch.take()
        defer { BlockScratch.giveBack(scratch) }
        var out = OutputWriter(MemorySink(), buffer: scratch.buffer)
        if format == .dot {
            DOTEmitter.write(file, showIDs: options.showIDs, layout: options.layout, to: &out)
            return out.finish().bytes
        }
        for index in file.journeys.indices {
            switch format {
            case .report, .text:
                if index > 0 { out.write(report.separator) }
                report.write(JourneyDigest(file: file, index: index), to: &out)
            default:
                // After the first, each as `MermaidEmitter` writes a journey that is not the first.
                if index > 0 {
                    MermaidEmitter.write(file, journey: index, position: index, fileCount: 1, to: &out)
                } else {
                    out.write(MermaidEmitter.diagram(file, journey: index, indent: ""))
                }
            }
        }
        return out.finish().bytes
    }

    /// Writes a file's part of the document; `rendered` is what `render` gave for it, or nil
    /// to render it here.
    public func append(_ file: CheckedFile, rendered: [UInt8]? = nil) {
        hasFiles = true
        fileCount += 1
        switch format {
        case .json:
            json!.append(file)
        case .dot:
            let bytes = rendered ?? render(file)!
            bytes.withUnsafeBufferPointer { plain!.write(bytes: $0) }
        case .report, .text:
            guard !file.journeys.isEmpty else { return }
            let bytes = rendered ?? render(file)!
            if journeyCount > 0 { visible!.write(report.separator) }
            bytes.withUnsafeBufferPointer { visible!.write(bytes: $0) }
            journeyCount += file.journeys.count
        case .mermaid:
            // A second file: the first one's diagram has its comment after all.
            if let (first, bytes) = held {
                held = nil
                writeMermaid(first, bytes, heading: true)
            }
            guard !file.journeys.isEmpty else { return }
            let bytes = rendered ?? render(file)!
            if journeyCount == 0 && fileCount == 1 && file.journeys.count == 1 {
                held = (file, bytes)
            } else {
                writeMermaid(file, bytes, heading: true)
            }
        }
    }

    /// The report this document is, for a report or text.
    private var report: any DigestReport.Type { format == .report ? MarkdownReport.self : TextReport.self }

    /// A file's diagrams, the first with its comment or not.
    private func writeMermaid(_ file: CheckedFile, _ bytes: [UInt8], heading: Bool) {
        if journeyCount > 0 { plain!.write("\n") }
        if heading { plain!.write(MermaidEmitter.heading(file, journey: 0)) }
        bytes.withUnsafeBufferPointer { plain!.write(bytes: $0) }
        journeyCount += file.journeys.count
    }

    /// Ends the document (JSON: with `diagnostics`, whose positions `sources` give) if a file
    /// was appended, and flushes it; returns why writing failed, or nil.
    public func finish(diagnostics: [Diagnostic], sources: [SourceFile]) -> String? {
        guard hasFiles else { return nil }
        defer { json = nil; plain = nil; visible = nil; held = nil }
        switch format {
        case .json:
            return json!.finish(diagnostics: diagnostics, sources: sources).failure
        case .dot:
            return plain!.finish().failure
        case .mermaid:
            // The only file, with one journey: no comment.
            if let (file, bytes) = held { writeMermaid(file, bytes, heading: false) }
            return plain!.finish().failure
        case .report, .text:
            if journeyCount == 0 { visible!.write(report.none) }
            var sink = visible!.finish()
            return sink.finish().failure
        }
    }
}
