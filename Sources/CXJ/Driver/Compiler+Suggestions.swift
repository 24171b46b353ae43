extension Compiler {
    /// How many diagnostics one task resolves: many warnings (a thousand files with four each)
    /// are resolved on all cores, a piece at a time, each piece in place.
    static let suggestionPiece = 256

    /// Works out the pending suggestions of the diagnostics that are shown, reading each pool
    /// of each file once per piece, and finds where their waiting labels point
    /// (`Diagnostic.Label.value`). Each diagnostic's result depends on it and the files alone,
    /// so the pieces may run in any order.
    static func resolveSuggestions(_ diagnostics: inout [Diagnostic], files: [CheckedFile]) {
        let count = diagnostics.count
        guard count >= 2 * suggestionPiece && Parallel.hasSeveralCores else {
            diagnostics.withUnsafeMutableBufferPointer { resolve($0.baseAddress!, 0..<count, files: files) }
            return
        }
        let pieces = (count + suggestionPiece - 1) / suggestionPiece
        diagnostics.withUnsafeMutableBufferPointer { buffer in
            // Each task writes its own range of the buffer, and nothing else.
            nonisolated(unsafe) let base = buffer.baseAddress!
            WorkerPool.shared.forEach(pieces) { piece in
                let start = piece * suggestionPiece
                resolve(base, start..<min(start + suggestionPiece, count), files: files)
            }
        }
    }

    private static func resolve(_ diagnostics: UnsafeMutablePointer<Diagnostic>, _ range: Range<Int>, files: [CheckedFile]) {
        var pools: [String: [String]] = [:]
        for index in range {
            settle(&diagnostics[index], pools: &pools) { $0 < files.count ? files[$0] : nil }
        }
    }

    /// Works out a diagnostic's waiting labels and its pending suggestion from the models
    /// `model` gives by file; `pools` keeps the names of each pool read.
    private static func settle(_ diagnostic: inout Diagnostic, pools: inout [String: [String]], model: (Int) -> CheckedFile?) {
        CheckedFile.resolveValueLabels(&diagnostic, model: model)
        guard let pending = diagnostic.pendingSuggestion else { return }
        let file = diagnostic.location.file
        guard let owner = model(file) else { return }
        let key = "\(file)|\(pending.pool)"
        let names = pools[key] ?? SuggestionPool.names(pending.pool, in: owner)
        pools[key] = names
        diagnostic.pendingSuggestion = nil
        pending.apply(to: &diagnostic, candidates: names)
    }

    /// For a file nothing will emit from: works out the suggestions and waiting labels of its
    /// diagnostics now, from its own model, then drops the model, keeping the diagnostics and
    /// the bytes they point into. Over 1,000 journeys the 143 with warnings kept their models to
    /// the end only for this. Left alone when a diagnostic would read another file's model, or
    /// when its parse diagnostics are still in its tree. What `resolveSuggestions`
    /// would give at the end is the same: it reads the same model, and finds nothing pending.
    /// The caller has checked that no other file's diagnostic reads this model: the file
    /// declares no catalogue entry and no load diagnostic names it.
    static func settleAndDropModel(_ file: inout CheckedFile) {
        let index = file.fileIndex
        func readsOnlyItsFile(_ diagnostic: Diagnostic) -> Bool {
            (diagnostic.pendingSuggestion == nil || diagnostic.location.file == index)
                && !diagnostic.secondary.contains { $0.pendingValueOf != nil && $0.location.file != index }
        }
        guard let parse = file.parseDiagnostics, parse.allSatisfy(readsOnlyItsFile), file.diagnostics.allSatisfy(readsOnlyItsFile),
              file.findings.allSatisfy({ readsOnlyItsFile($0.diagnostic) }) else { return }
        let model = file
        var pools: [String: [String]] = [:]
        let own: (Int) -> CheckedFile? = { $0 == index ? model : nil }
        for position in parse.indices { settle(&file.parseDiagnostics![position], pools: &pools, model: own) }
        for position in file.diagnostics.indices { settle(&file.diagnostics[position], pools: &pools, model: own) }
        for position in file.findings.indices { settle(&file.findings[position].diagnostic, pools: &pools, model: own) }
        file.dropModel()
    }
}
