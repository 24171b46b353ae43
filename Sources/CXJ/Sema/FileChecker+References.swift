extension FileChecker {
    /// Resolves a name that must denote a catalogue entry of `kind`; reports CXJ101 or CXJ103
    /// and returns -1 when it does not. (An entry found is found here, inlined: every step,
    /// action and touchpoint resolves one or two.)
    @inline(__always)
    mutating func resolveCatalogue(_ kind: CatalogueKind, _ reference: SyntaxArgument, for keyword: String) -> Int32 {
        if let index = catalogueSymbols[Int(kind.rawValue)][reference.symbol] { return index }
        return reportUnresolved(kind, reference, for: keyword)
    }

    /// Reports a name that denotes no catalogue entry of `kind` (CXJ101, CXJ103) and returns -1.
    @inline(never)
    private mutating func reportUnresolved(_ kind: CatalogueKind, _ reference: SyntaxArgument, for keyword: String) -> Int32 {
        let spelled = name(reference)
        for other in CatalogueKind.allCases where other != kind {
            if let index = catalogueSymbols[Int(other.rawValue)][reference.symbol] {
                let declaration = result.catalogue.entries[Int(index)]
                var diagnostic = Diagnostic(
                    .wrongKind, "`\(spelled)` is a \(other.noun), but `\(keyword)` needs a \(kind.noun)",
                    at: location(reference), label: "not a \(kind.noun)",
                    secondary: [.init(declaration.location, "`\(spelled)` is declared as a \(other.noun) here")])
                diagnostic.pendingSuggestion = PendingSuggestion(name: spelled, pool: SuggestionPool.catalogue(kind), style: .closestOnly)
                report(diagnostic)
                return -1
            }
        }
        // A name a malformed statement declares, or one an unusable import may hold, is not unknown.
        if ghosts.contains(reference.symbol) || catalogueIsIncomplete {
            silencedReferences.append(location(reference))
            return -1
        }
        report(unknown(kind.noun, spelled, at: location(reference), pool: SuggestionPool.catalogue(kind),
                       scope: "this file or the files it imports"))
        return -1
    }

    /// CXJ101 for `name`; the closest names (or the few there are) are worked out only if it is shown.
    func unknown(_ noun: String, _ name: String, at location: SourceLocation, pool: String, scope: String) -> Diagnostic {
        var diagnostic = Diagnostic(.unknownReference, "unknown \(noun) `\(name)`", at: location,
                                    label: "no \(noun) with this name")
        diagnostic.pendingSuggestion = PendingSuggestion(name: name, pool: pool, style: .unknownName(noun: noun, scope: scope))
        return diagnostic
    }

    /// Resolves a name that must denote a journey element of `kind`: one declared as such is
    /// found here, inlined, without the kinds' array (each side of every touchpoint); anything
    /// else goes to the other `resolveElement`, which reports it.
    @inline(__always)
    mutating func resolveElement(_ reference: SyntaxArgument, as kind: ElementKind, role: @autoclosure () -> String) -> ElementRef? {
        if let found = journey.namespace[reference.symbol], found.kind == kind { return found }
        return resolveElement(reference, as: [kind], role: role())
    }

    /// Resolves a name that must denote a journey element of one of `kinds`; reports CXJ101
    /// or CXJ103 and returns nil when it does not.
    mutating func resolveElement(_ reference: SyntaxArgument, as kinds: [ElementKind], role: String) -> ElementRef? {
        if let found = journey.namespace[reference.symbol] {
            if kinds.contains(found.kind) { return found }
            let spelled = name(reference)
            let expected = Suggestions.orList(kinds.map { $0.noun })
            var diagnostic = Diagnostic(
                .wrongKind, "`\(spelled)` is \(article(found.kind.noun)), but \(role) takes \(plural(kinds))",
                at: location(reference), label: "not \(article(expected))",
                secondary: [.init(journey.declaration(of: found), "`\(spelled)` is declared here")])
            diagnostic.pendingSuggestion = PendingSuggestion(name: spelled, pool: elementPool(kinds), style: .closestOnly)
            report(diagnostic)
            return nil
        }
        let spelled = name(reference)
        for kind in CatalogueKind.allCases {
            if let index = catalogueSymbols[Int(kind.rawValue)][reference.symbol] {
                var diagnostic = Diagnostic(
                    .wrongKind, "`\(spelled)` is a \(kind.noun), but \(role) takes \(plural(kinds))",
                    at: location(reference), label: "not \(article(Suggestions.orList(kinds.map { $0.noun })))",
                    secondary: [.init(result.catalogue.entries[Int(index)].location, "`\(spelled)` is declared here")])
                diagnostic.pendingSuggestion = PendingSuggestion(name: spelled, pool: elementPool(kinds), style: .closestOnly)
                report(diagnostic)
                return nil
            }
        }
        if ghosts.contains(reference.symbol) {
            silencedReferences.append(location(reference))
            return nil
        }
        let noun = kinds.count == 1 ? kinds[0].noun : Suggestions.orList(kinds.map { $0.noun })
        report(unknown(noun, spelled, at: location(reference), pool: elementPool(kinds),
                       scope: "journey `\(interner.name(journey.model.id))`"))
        return nil
    }

    /// The pool of the names of `kinds` in the journey being lowered (it becomes the next one).
    private func elementPool(_ kinds: [ElementKind]) -> String {
        SuggestionPool.elements(kinds, journey: result.journeys.count)
    }

    private func article(_ noun: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        return (noun.first.map { vowels.contains($0) } ?? false ? "an " : "a ") + noun
    }

    private func plural(_ kinds: [ElementKind]) -> String {
        Suggestions.orList(kinds.map { $0.noun + "s" })
    }
}
