extension Compiler {
    /// Works out the pending suggestions of the diagnostics that are shown, reading each pool
    /// of each file once.
    static func resolveSuggestions(_ diagnostics: [Diagnostic], files: [CheckedFile]) -> [Diagnostic] {
        var pools: [String: [String]] = [:]
        return diagnostics.map { diagnostic in
            guard let pending = diagnostic.pendingSuggestion, diagnostic.location.file < files.count else { return diagnostic }
            let key = "\(diagnostic.location.file)|\(pending.pool)"
            let names = pools[key] ?? SuggestionPool.names(pending.pool, in: files[diagnostic.location.file])
            pools[key] = names
            var resolved = diagnostic
            resolved.pendingSuggestion = nil
            pending.apply(to: &resolved, candidates: names)
            return resolved
        }
    }
}
