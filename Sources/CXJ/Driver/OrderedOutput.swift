/// Writes the output of `cxj compile` over several inputs while they are still being checked,
/// in the order of the inputs, and drops each written file's model. Before, every model of
/// a run was alive at its end, only to be written then: over 1,000 small journeys, 15 MiB for
/// 2.2 MB of input, against 8 MiB for `cxj check`.
///
/// `Compiler.check` hands over every file it checks (`offer`), with its closure (the file and
/// what it imports, transitively); the output keeps the files. The inputs are written in
/// order: the next input is written (`write`) once every file of its closure is checked, if
/// none holds an error, and the output stops at an input still waiting. A written input that
/// has no diagnostic at all, declares no catalogue entry and that no load diagnostic names
/// is then done with: its model is dropped and its bytes handed back, as `cxj check` does
/// (`Compiler.releaseIfClean`); one with diagnostics keeps its bytes and drops its model once
/// their suggestions are worked out (`settleAndDropModel`). `collect` gives the files back.
///
/// That is the decision `cxj compile` takes once everything is checked
/// (`CheckResult.hasErrors(affecting:)`), taken earlier, because a file's own errors are known
/// once it is checked: they are those its parse and its check report (`Compiler.filesWithErrors`),
/// and a file checked with the load still going has no load diagnostic (`FirstWaveChecks`). The
/// load's diagnostics are marked before the files checked after it are offered (`loaded`).
/// `Compiler.check` asserts, in debug builds and so in every test, that both decisions agree
/// for every input.
///
/// One thread writes at a time; a task that offers a file while another writes leaves the
/// writing to it and goes on checking. What takes long to render (a report) can be rendered
/// by the task that offers the file, on its own core (`render`), and only written in order.
public final class OrderedOutput: @unchecked Sendable {
    /// Writes one input's output, given what `Render` made of it. Called in input order, by
    /// one thread at a time.
    public typealias Write = (CheckedFile, _ rendered: [UInt8]?) -> Void
    /// Renders a file that has no error of its own, on the thread that checked it.
    public typealias Render = @Sendable (CheckedFile) -> [UInt8]?

    fileprivate struct State {
        var files: [CheckedFile?] = []
        /// What `render` made of each file, until it is written.
        var rendered: [[UInt8]?] = []
        /// Each file's closure, once it is checked.
        var closures: [[Int]?] = []
        var hasError: [Bool] = []
        var parseIsClean: [Bool] = []
        var declaresCatalogue: [Bool] = []
        var touchedByLoad: [Bool] = []
        var written: [Bool] = []
        /// How many inputs the run has: the files 0..<inputCount (`Workspace.roots`). Unknown
        /// until the load ends; meanwhile only inputs are offered.
        var inputCount = Int.max
        /// How many inputs are decided (written or left out).
        var next = 0
        /// Whether a thread is writing (`writeReady`).
        var isWriting = false
        /// How many inputs were written before the load ended (read by the tests).
        var writtenDuringLoad = 0
    }

    /// Whether a written file may be released (`Compiler.releaseIfClean`): no other file's
    /// diagnostic reads it; and whether its parse reported nothing.
    fileprivate struct Release {
        var allowed: Bool
        var parseIsClean: Bool
    }

    private let state = Locked(State())
    private let write: Write
    private let render: Render?

    public init(render: Render? = nil, write: @escaping Write) {
        self.render = render
        self.write = write
    }

    /// Writes to `stream` in input order: a report or Mermaid is rendered by the task that
    /// checks each file, on its core (`StreamedOutput.render`); JSON and DOT where written.
    public convenience init(writingTo stream: StreamedOutput) {
        self.init(render: { file in stream.render(file) }) { file, rendered in stream.append(file, rendered: rendered) }
    }

    /// Sizes the tables for `count` inputs, before any is offered: grown as files came, they
    /// were copied at each doubling, and held up to twice the room they needed.
    func expect(inputCount count: Int) {
        state.withLock { $0.grow(to: count) }
    }

    /// Takes a file just checked and linted, with its closure, whether it declares catalogue
    /// entries, and its parse diagnostics; writes what is ready.
    func offer(_ file: CheckedFile, closure: [Int], declaresCatalogue: Bool, parseDiagnostics: [Diagnostic]) {
        let index = file.fileIndex
        // The file's own errors, wherever located (`Compiler.filesWithErrors`).
        let hasErrors = file.reportsErrors(parse: parseDiagnostics)
        // Rendered here, outside the lock, unless it can never be written. (One whose import
        // turns out to have an error is rendered for nothing.)
        let rendered = hasErrors ? nil : render?(file)
        let writes = state.withLock { state -> Bool in
            state.grow(to: index + 1)
            if hasErrors { state.markError(at: index) }
            state.files[index] = file
            state.rendered[index] = rendered
            state.closures[index] = closure
            state.parseIsClean[index] = parseDiagnostics.isEmpty
            state.declaresCatalogue[index] = declaresCatalogue
            guard !state.isWriting else { return false }
            state.isWriting = true
            return true
        }
        if writes { writeReady() }
    }

    /// Takes what the load found: how many inputs there are, and its diagnostics, whose
    /// locations are marked (errors, and files another file's diagnostic may point into).
    /// Called before the files checked after the load are offered.
    func loaded(inputCount: Int, diagnostics: [Diagnostic]) {
        state.withLock { state in
            state.inputCount = inputCount
            for diagnostic in diagnostics {
                if diagnostic.severity == .error { state.markError(at: diagnostic.location.file) }
                for location in diagnostic.locations where location.file >= 0 {
                    state.grow(to: location.file + 1)
                    state.touchedByLoad[location.file] = true
                }
            }
        }
    }

    /// Writes every input whose closure is checked, in order, until one waits; then gives up
    /// the writing in the same locked step that found nothing ready, so a file offered after
    /// it is written by the thread that offers it. The caller holds the writing (`isWriting`).
    private func writeReady() {
        while true {
            let batch = state.withLock { state -> [(CheckedFile, rendered: [UInt8]?, releases: Release)] in
                var batch: [(CheckedFile, rendered: [UInt8]?, releases: Release)] = []
                while state.next < state.inputCount, let written = state.takeIfReady(state.next) {
                    state.next += 1
                    if let file = written {
                        batch.append(file)
                        if state.inputCount == Int.max { state.writtenDuringLoad += 1 }
                    }
                }
                if batch.isEmpty { state.isWriting = false }
                return batch
            }
            if batch.isEmpty { return }
            for (file, rendered, releases) in batch {
                write(file, rendered)
                // Its findings' positions were worked out as it was written: the table of its
                // lines is scanned again if a diagnostic is rendered at the end.
                file.source.forgetLines()
                var kept = file
                // The figures the emitters read; a file with diagnostics keeps the rest of its
                // model for their suggestions.
                kept.journeyFacts = []
                if releases.allowed {
                    Compiler.releaseIfClean(&kept, parseIsClean: releases.parseIsClean, declaresCatalogue: false, touchedByLoad: false)
                }
                state.withLock { $0.files[kept.fileIndex] = kept }
            }
        }
    }

    /// Writes what is still ready; the caller has offered every file.
    func finishWriting() {
        let writes = state.withLock { state -> Bool in
            guard !state.isWriting else { return false }
            state.isWriting = true
            return true
        }
        if writes { writeReady() }
    }

    /// Whether the output of an input was written.
    public func wasWritten(_ input: Int) -> Bool {
        state.withLock { input < $0.written.count && $0.written[input] }
    }

    /// How many inputs were written before the load ended.
    var writtenDuringLoad: Int { state.withLock { $0.writtenDuringLoad } }

    /// Gives back the file offered at `index`, or nil; once, after the checks.
    func collect(_ index: Int) -> CheckedFile? {
        state.withLock { state in index < state.files.count ? state.files[index].take() : nil }
    }
}

extension OrderedOutput.State {
    mutating func grow(to count: Int) {
        guard files.count < count else { return }
        let more = count - files.count
        files += [CheckedFile?](filling: nil, count: more)
        rendered += [[UInt8]?](filling: nil, count: more)
        closures += [[Int]?](filling: nil, count: more)
        hasError += [Bool](filling: false, count: more)
        parseIsClean += [Bool](filling: false, count: more)
        declaresCatalogue += [Bool](filling: false, count: more)
        touchedByLoad += [Bool](filling: false, count: more)
        written += [Bool](filling: false, count: more)
    }

    mutating func markError(at file: Int) {
        guard file >= 0 else { return }
        grow(to: file + 1)
        hasError[file] = true
    }

    /// For an input whose closure is all checked: its file, moved out to be written, with
    /// whether it can be released once written, or nil inside when it is left out (an error in
    /// its closure, or a file of it changed while read). Nil when the input waits.
    mutating func takeIfReady(_ input: Int) -> (CheckedFile, rendered: [UInt8]?, releases: OrderedOutput.Release)?? {
        guard input < closures.count, let closure = closures[input],
              closure.allSatisfy({ $0 < files.count && closures[$0] != nil }) else { return nil }
        let sources = files[input]!.sources
        if closure.contains(where: { hasError[$0] || ($0 < sources.count && sources[$0].hasChanged) }) {
            // Never written: what the emitters read of it is not needed.
            files[input]!.journeyFacts = []
            rendered[input] = nil
            return .some(nil)
        }
        written[input] = true
        // Only whether it is checked is read again (as a file of a later input's closure).
        closures[input] = []
        let releases = OrderedOutput.Release(allowed: !declaresCatalogue[input] && !touchedByLoad[input], parseIsClean: parseIsClean[input])
        return (files[input].take()!, rendered[input].take(), releases)
    }
}

extension CheckedFile {
    /// What a task returns for a file it handed to an `OrderedOutput`, which keeps the file
    /// itself until `collect`.
    init(placeholderFor file: CheckedFile) {
        self.init(fileIndex: file.fileIndex, sources: file.sources, interner: Interner(), noScopes: ())
    }
}
