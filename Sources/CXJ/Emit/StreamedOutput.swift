/// Compiled output written to an open file descriptor a file at a time, in the order the
/// files are given, for the formats whose document over several files is built file by file:
/// JSON (`JSONDocument`) and DOT. `cxj compile` over several inputs to standard output hands
/// each input here as soon as it and what it imports are checked, and the emitted file's model
/// can then be dropped: over 1,000 small journeys, every model was alive until the end of the
/// run only to be written then.
///
/// The bytes are those `OutputFormat.write(_:diagnostics:options:toDescriptor:)` writes for
/// the same files. Not thread-safe: one thread appends at a time (`OrderedOutput`).
public final class StreamedOutput: @unchecked Sendable {
    // One of the two is set, by the format.
    private var json: JSONDocument<DescriptorSink>?
    private var dot: OutputWriter<DescriptorSink>?
    private let options: EmitOptions
    /// Whether a file was appended: a run with no file to write writes nothing.
    public private(set) var hasFiles = false

    /// A stream for `format`, or nil for a format whose document is not a file at a time
    /// (a report or a text summary weighs the files together; Mermaid's first heading depends
    /// on how many follow).
    public init?(_ format: OutputFormat, options: EmitOptions, descriptor: Int32) {
        let sink = DescriptorSink(descriptor: descriptor)
        self.options = options
        switch format {
        case .json: json = JSONDocument(sink)
        case .dot: dot = OutputWriter(sink)
        case .report, .text, .mermaid: return nil
        }
    }

    /// Writes a file's part of the document.
    public func append(_ file: CheckedFile) {
        hasFiles = true
        json?.append(file)
        if dot != nil { DOTEmitter.write(file, showIDs: options.showIDs, layout: options.layout, to: &dot!) }
    }

    /// Ends the document (JSON: with `diagnostics`, whose positions `sources` give) if a file
    /// was appended, and flushes it; returns why writing failed, or nil.
    public func finish(diagnostics: [Diagnostic], sources: [SourceFile]) -> String? {
        guard hasFiles else { return nil }
        defer { json = nil; dot = nil }
        if json != nil { return json!.finish(diagnostics: diagnostics, sources: sources).failure }
        return dot?.finish().failure
    }
}
