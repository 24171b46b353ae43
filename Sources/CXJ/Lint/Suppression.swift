/// Applies `allow` statements: a finding is dropped when an `allow` of its rule stands in the
/// scope of its element or any scope around it. Afterwards every rule named by an `allow` that
/// silenced nothing is reported as CXJ215 `unused-allow`.
enum Suppression {
    static func apply(to findings: inout [Finding], in file: inout CheckedFile) {
        let index = FirstAllows(file)
        findings = findings.filter { !silence($0, in: &file, index: index) }
        var unused: [Finding] = []
        for (index, allow) in file.allows.enumerated() {
            for (position, rule) in allow.rules.enumerated() where !allow.used[position] && rule != .unusedAllow {
                unused.append(unusedFinding(allow, position: position, index: index, in: file))
            }
        }
        unused = unused.filter { !silence($0, in: &file, index: index) }
        for (index, allow) in file.allows.enumerated() {
            for (position, rule) in allow.rules.enumerated() where !allow.used[position] && rule == .unusedAllow {
                unused.append(unusedFinding(allow, position: position, index: index, in: file))
            }
        }
        findings += unused
    }

    /// Finds the innermost `allow` of the finding's rule around it; marks it used.
    private static func silence(_ finding: Finding, in file: inout CheckedFile, index: FirstAllows) -> Bool {
        let code = finding.diagnostic.code
        var scope = finding.allowScope
        while scope >= 0 {
            if let (allow, position) = index.first(code, in: Int(scope)) {
                file.allows[allow].used[position] = true
                return true
            }
            scope = file.allowScopes[Int(scope)].parent
        }
        return false
    }

    /// For each scope and rule, the first `allow` in the scope that names the rule: built in
    /// one pass over the allows, so that silencing costs the depth of the scope, however many
    /// allows a block holds.
    private struct FirstAllows {
        private var byScope: [[Code: (allow: Int, position: Int)]]

        init(_ file: CheckedFile) {
            byScope = file.allowScopes.map { scope in
                var first: [Code: (allow: Int, position: Int)] = [:]
                for allow in scope.allows {
                    for (position, rule) in file.allows[Int(allow)].rules.enumerated() where first[rule] == nil {
                        first[rule] = (Int(allow), position)
                    }
                }
                return first
            }
        }

        func first(_ code: Code, in scope: Int) -> (Int, Int)? {
            byScope[scope][code].map { ($0.allow, $0.position) }
        }
    }

    private static func unusedFinding(_ allow: Allow, position: Int, index: Int, in file: CheckedFile) -> Finding {
        let rule = allow.rules[position]
        var diagnostic = Diagnostic(
            .unusedAllow, "`allow \(rule.name)` silences nothing in \(allow.element)", at: allow.location,
            label: "unused", secondary: [.init(allow.ruleLocations[position], "no `\(rule.name)` finding here")],
            help: allow.rules.count == 1 ? "remove this `allow`" : "remove `\(rule.name)` from this `allow`")
        diagnostic.element = allow.element
        let journey = file.journeys.firstIndex { allow.location.isInside($0.statement) } ?? -1
        return Finding(diagnostic: diagnostic, journey: journey, subject: .allow(Int32(index)), allowScope: allow.scope)
    }
}
