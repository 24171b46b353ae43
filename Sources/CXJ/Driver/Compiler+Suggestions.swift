extension Compiler {
    /// Works out the pending suggestions of the diagnostics that are shown, reading each pool
    /// of each file once, and finds where their waiting labels point (`Diagnostic.Label.value`).
    static func resolveSuggestions(_ diagnostics: inout [Diagnostic], files: [CheckedFile]) {
        var pools: [String: [String]] = [:]
        for index in diagnostics.indices {
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
