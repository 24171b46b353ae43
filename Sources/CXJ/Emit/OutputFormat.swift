/// The formats `cxj compile` writes.
public enum OutputFormat: String, CaseIterable, Sendable {
    case dot, json, report, text, mermaid

    /// The file extension used when writing one file per input.
    public var fileExtension: String {
        switch self {
        case .dot: return "dot"
        case .json: return "json"
        case .report: return "md"
        case .text: return "txt"
        case .mermaid: return "mmd"
        }
    }

    /// Writes checked files in this format to a file, atomically.
    public func write(_ files: [CheckedFile], diagnostics: [Diagnostic], options: EmitOptions = EmitOptions(),
                      toFile path: String) throws {
        try AtomicFile.write(to: path) { sink in sink = emit(files, diagnostics: diagnostics, options: options, to: sink) }
    }

    /// Writes checked files in this format to an open file descriptor, such as standard output;
    /// returns why writing failed, or nil.
    @discardableResult
    public func write(_ files: [CheckedFile], diagnostics: [Diagnostic], options: EmitOptions = EmitOptions(),
                      toDescriptor descriptor: Int32) -> String? {
        emit(files, diagnostics: diagnostics, options: options, to: DescriptorSink(descriptor: descriptor)).failure
    }

    /// Emits checked files in this format into a sink. `diagnostics` appear only in JSON.
    /// Generic over the sink: call it within this module, where it is specialized, or through
    /// the concrete `write` functions.
    func emit<Sink: OutputSink>(_ files: [CheckedFile], diagnostics: [Diagnostic], options: EmitOptions = EmitOptions(),
                                to sink: Sink) -> Sink {
        switch self {
        case .dot: return DOTEmitter.emit(files, showIDs: options.showIDs, layout: options.layout, to: sink)
        case .json: return JSONEmitter.emit(files, diagnostics: diagnostics, to: sink)
        case .report:
            var visible = MarkdownReport.emit(files, to: VisibleSink(sink))
            return visible.finish()
        case .text:
            var visible = TextReport.emit(files, to: VisibleSink(sink))
            return visible.finish()
        case .mermaid:
            return MermaidEmitter.emit(files, to: sink)
        }
    }

    /// Emits checked files in this format as bytes.
    public func emit(_ files: [CheckedFile], diagnostics: [Diagnostic], options: EmitOptions = EmitOptions()) -> [UInt8] {
        emit(files, diagnostics: diagnostics, options: options, to: MemorySink()).bytes
    }
}

/// How compiled output is drawn, where a format has a choice.
public struct EmitOptions: Sendable, Equatable {
    /// DOT: show each node's identifier under its label (`--ids`); hidden by default.
    public var showIDs: Bool
    /// DOT: which way stages run (`--layout`).
    public var layout: DiagramLayout

    public init(showIDs: Bool = false, layout: DiagramLayout = .tall) {
        self.showIDs = showIDs
        self.layout = layout
    }
}

/// Which way a journey diagram runs.
public enum DiagramLayout: String, Sendable, CaseIterable {
    /// Stages run downwards; the customer, touchpoints and organization rows are columns side
    /// by side. Fits a documentation page or a README (the default).
    case tall
    /// Stages run left to right; the strands are rows. For slides and wide screens.
    case wide
}

extension OutputFormat {
    /// One output file: the files compiled into it, the diagnostics it carries (JSON), and
    /// where it goes.
    public struct FileOutput: Sendable {
        public var files: [CheckedFile]
        public var diagnostics: [Diagnostic]
        public var path: String

        public init(files: [CheckedFile], diagnostics: [Diagnostic], path: String) {
            self.files = files
            self.diagnostics = diagnostics
            self.path = path
        }
    }

    /// Writes each output to its file, atomically and in order, as `write(_:diagnostics:options:toFile:)`
    /// would one after another: the outputs are rendered on both cores while the files are
    /// written (`BlockWaves`, one output to a block), and the first failure stops the writing
    /// and is thrown. `cxj compile DIR -o OUT` over 1,000 small journeys rendered and wrote
    /// every file on one core.
    public func write(_ outputs: [FileOutput], options: EmitOptions = EmitOptions()) throws {
        var failure: AtomicFile.Failure? = nil
        var next = 0
        BlockWaves.run(count: outputs.count, perBlock: 1, render: { range, scratch in
            let output = outputs[range.lowerBound]
            scratch.bytes = emit(output.files, diagnostics: output.diagnostics, options: options, to: MemorySink(reusing: scratch.takeBytes())).bytes
        }, write: { bytes in
            defer { next += 1 }
            guard failure == nil else { return }
            do {
                try AtomicFile.write(to: outputs[next].path) { sink in sink.write(UnsafeRawBufferPointer(bytes)) }
            } catch let error as AtomicFile.Failure {
                failure = error
            } catch {
                failure = AtomicFile.Failure(path: outputs[next].path, reason: "\(error)")
            }
        })
        if let failure { throw failure }
    }
}
