extension Compiler {
    /// Works out the pending suggestions of the diagnostics that are shown, reading each pool
    /// of each file once.
    static func resolveSuggestions(_ diagnostics: inout [Diagnostic], files: [CheckedFile]) {
        var pools: [String: [String]] = [:]
        for index in diagnostics.indices {
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
