extension FileChecker {
    /// Reads the `allow` statements of a block. When there are any, opens a new scope inside
    /// `parent` and returns it; otherwise the block shares its parent's scope. (The common case,
    /// no `allow`, is inlined: every element asks, and the call and its element's name cost
    /// about 45 instructions.)
    @inline(__always)
    mutating func makeAllowScope(for node: Int32, parent: Int32, element: @autoclosure () -> ElementName) -> Int32 {
        guard nodeStore[Int(node)].blockHasAllow else { return parent }
        return openAllowScope(for: node, parent: parent, element: element())
    }

    @inline(never)
    private mutating func openAllowScope(for node: Int32, parent: Int32, element: ElementName) -> Int32 {
        var allows: [Int32] = []
        for (_, child) in children(of: node) where child.keyword == .allow && !child.isMalformed {
            var rules: [Code] = []
            var ruleLocations: [SourceLocation] = []
            var reason: TextRef? = nil
            for item in arguments(of: child) {
                guard item.kind == .identifier else {
                    reason = textRef(item)
                    continue
                }
                let spelled = name(item)
                guard let code = Code(lookup: spelled) else {
                    var diagnostic = unknown("rule", spelled, at: location(item), pool: SuggestionPool.rules, scope: "cxj")
                    diagnostic.notes = ["`cxj rules` lists every rule; both the code (`CXJ204`) and the name (`delivery-gap`) work"]
                    report(diagnostic)
                    continue
                }
                guard code.isRule else {
                    report(Diagnostic(
                        .unknownReference, "`\(spelled)` is not a gap rule, so it cannot be allowed", at: location(item),
                        label: "\(code.id) is an error in the language",
                        notes: ["only the gap rules CXJ201 to CXJ215 can be allowed; errors in the language must be fixed"]))
                    continue
                }
                if !rules.contains(code) {
                    rules.append(code)
                    ruleLocations.append(location(item))
                }
            }
            guard !rules.isEmpty else { continue }
            allows.append(Int32(result.allows.count))
            result.allows.append(Allow(
                rules: rules, ruleLocations: ruleLocations, reason: reason, location: location(child.keywordRange),
                element: element.spelled(in: tree, names: interner), used: Array(filling: false, count: rules.count)))
        }
        guard !allows.isEmpty else { return parent }
        let scope = Int32(result.allowScopes.count)
        result.allowScopes.append(AllowScope(parent: parent, allows: allows))
        for allow in allows { result.allows[Int(allow)].scope = scope }
        return scope
    }
}
