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
            CheckedFile.resolveValueLabels(&diagnostics[index], files: files)
            guard let pending = diagnostics[index].pendingSuggestion else { continue }
            let file = diagnostics[index].location.file
            guard file < files.count else { continue }
            let key = "\(file)|\(pending.pool)"
            let names = pools[key] ?? SuggestionPool.names(pending.pool, in: files[file])
            pools[key] = names
            diagnostics[index].pendingSuggestion = nil
            pending.apply(to: &diagnostics[index], candidates: names)
        }
    }
}
