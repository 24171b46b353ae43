extension LanguageServer {
    /// The document, its tree in the last check, and the byte offset of the request's position.
    struct Place {
        var uri: String
        var file: Int
        var tree: SyntaxTree
        var offset: Int
    }

    func place(_ params: JSONValue) -> Place? {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents.document(uri),
              let result = lastResult, let file = fileOfURI[uri] else { return nil }
        let position = params["position"]
        let offset = LSPDocuments.offset(line: position?["line"]?.int ?? 0, character: position?["character"]?.int ?? 0,
                                         in: document.bytes, utf16: utf16)
        return Place(uri: uri, file: file, tree: result.workspace.trees[file], offset: offset)
    }

    /// The identifier argument under an offset (or just before it).
    func identifier(at offset: Int, in tree: SyntaxTree) -> SyntaxArgument? {
        tree.arguments.first { $0.kind == .identifier && Int($0.start) <= offset && offset <= Int($0.end) }
    }

    static let declaringKeywords: Set<Keyword> = [.persona, .channel, .team, .system, .journey, .stage, .step, .action, .kpi, .opportunity]

    /// Every declaration of `name` across the files of the last check: (file, argument, node).
    func declarations(of name: String) -> [(file: Int, argument: SyntaxArgument, node: SyntaxNode)] {
        guard let result = lastResult else { return [] }
        var found: [(Int, SyntaxArgument, SyntaxNode)] = []
        for (file, tree) in result.workspace.trees.enumerated() {
            guard let symbol = tree.interner.lookup(name) else { continue }
            for node in tree.nodes where LanguageServer.declaringKeywords.contains(node.keyword) && node.argumentCount > 0 {
                let first = tree.arguments[Int(node.firstArgument)]
                if first.kind == .identifier && first.symbol == symbol { found.append((file, first, node)) }
            }
        }
        return found
    }

    /// Every identifier spelled `name` across the files of the last check.
    func occurrences(of name: String) -> [(file: Int, argument: SyntaxArgument)] {
        guard let result = lastResult else { return [] }
        var found: [(Int, SyntaxArgument)] = []
        for (file, tree) in result.workspace.trees.enumerated() {
            guard let symbol = tree.interner.lookup(name) else { continue }
            for argument in tree.arguments where argument.kind == .identifier && argument.symbol == symbol { found.append((file, argument)) }
        }
        return found
    }

    func location(_ file: Int, _ range: Range<Int>) -> JSONValue {
        let source = lastResult!.sources[file]
        return .object([("uri", .string(LSPDocuments.uri(ofPath: source.path))),
                        ("range", LSPDocuments.range(SourceLocation(file: file, start: range.lowerBound, end: range.upperBound),
                                                     in: source, utf16: utf16))])
    }

    // MARK: - Navigation

    func definition(_ params: JSONValue) -> JSONValue {
        guard let place = place(params), let argument = identifier(at: place.offset, in: place.tree) else { return .null }
        let name = place.tree.text(argument.range)
        // Prefer a declaration in the same file, then the others (catalogue entries in imports).
        let found = declarations(of: name).sorted { ($0.file == place.file ? 0 : 1) < ($1.file == place.file ? 0 : 1) }
        guard let first = found.first else { return .null }
        return location(first.file, first.argument.range)
    }

    func references(_ params: JSONValue, includeDeclaration: Bool) -> JSONValue {
        guard let place = place(params), let argument = identifier(at: place.offset, in: place.tree) else { return .array([]) }
        let name = place.tree.text(argument.range)
        let declared = Set(declarations(of: name).map { "\($0.file):\($0.argument.start)" })
        return .array(occurrences(of: name).filter { includeDeclaration || !declared.contains("\($0.file):\($0.argument.start)") }
            .map { location($0.file, $0.argument.range) })
    }

    func highlights(_ params: JSONValue) -> JSONValue {
        guard let place = place(params), let argument = identifier(at: place.offset, in: place.tree) else { return .array([]) }
        let name = place.tree.text(argument.range)
        return .array(occurrences(of: name).filter { $0.file == place.file }.map { occurrence in
            .object([("range", LSPDocuments.range(SourceLocation(file: place.file, start: Int(occurrence.argument.start),
                                                                 end: Int(occurrence.argument.end)),
                                                  in: lastResult!.sources[place.file], utf16: utf16))])
        })
    }

    func hover(_ params: JSONValue) -> JSONValue {
        guard let place = place(params), let result = lastResult else { return .null }
        if let argument = identifier(at: place.offset, in: place.tree) {
            let name = place.tree.text(argument.range)
            guard let declaration = declarations(of: name).first else {
                if let code = Code(lookup: name) {
                    let docs = code.documentation
                    return .object([("contents", .object([("kind", .string("markdown")),
                                                          ("value", .string("**\(code.id) `\(code.name)`**: \(docs.summary)\n\n\(docs.meaning)"))]))])
                }
                return .null
            }
            let tree = result.workspace.trees[declaration.file]
            var text = "**\(declaration.node.keyword.spelling)** `\(name)`"
            if declaration.node.argumentCount >= 2 {
                let label = tree.arguments[Int(declaration.node.firstArgument) + 1]
                if label.kind == .string {
                    text += " — " + tree.source.bytes.withUnsafeBufferPointer {
                        StringLiteral.decode(UnsafeBufferPointer(rebasing: $0[label.range]), multiline: false)
                    }
                }
            }
            // A rule named in an `allow`: its explanation.
            if let node = place.tree.nodes.first(where: { $0.keyword == .allow && $0.range.contains(Int(argument.start)) }),
               node.keyword == .allow, let code = Code(lookup: name) {
                let docs = code.documentation
                return .object([("contents", .object([("kind", .string("markdown")),
                                                      ("value", .string("**\(code.id) `\(code.name)`**: \(docs.summary)\n\n\(docs.meaning)"))]))])
            }
            text += modelFacts(name, in: result)
            let findings = result.diagnostics.filter { $0.location.file == declaration.file && $0.element?.hasSuffix(" " + name) == true }
            for finding in findings.prefix(5) { text += "\n\n- \(finding.severity.name)[\(finding.code.id)]: \(finding.message)" }
            return .object([("contents", .object([("kind", .string("markdown")), ("value", .string(text))]))])
        }
        // A keyword: where it may appear.
        for node in place.tree.nodes where Int(node.keywordStart) <= place.offset && place.offset <= Int(node.keywordEnd) {
            let homes = StatementShape.contexts(admitting: node.keyword).map { $0.phrase }
            let text = WordDocumentation.render(node.keyword.spelling) ?? "**`\(node.keyword.spelling)`** is allowed " + Suggestions.orList(homes) + "."
            return .object([("contents", .object([("kind", .string("markdown")), ("value", .string(text))]))])
        }
        return .null
    }

    /// For a step or an action: its strand, stage, emotion and the touchpoints it is in.
    func modelFacts(_ name: String, in result: CheckResult) -> String {
        for checked in result.files where checked.isRoot {
            for journey in checked.journeys {
                if let step = journey.steps.firstIndex(where: { checked.name($0.id) == name }) {
                    let model = journey.steps[step]
                    var text = "\n\ncustomer strand, stage `\(checked.name(journey.stages[Int(model.stage)].id))`"
                    if let emotion = model.emotion { text += ", emotion \(emotion)" }
                    let pairs = journey.touchpoints.filter { journey.steps(of: $0).contains(Int32(step)) }
                        .map { "`" + journey.actions(of: $0).map { checked.name(journey.actions[Int($0)].id) }.joined(separator: ", ") + "`" }
                    return text + (pairs.isEmpty ? "; in no touchpoint" : "; answered by " + pairs.joined(separator: ", "))
                }
                if let action = journey.actions.firstIndex(where: { checked.name($0.id) == name }) {
                    let model = journey.actions[action]
                    var text = "\n\norganization strand (\(model.layer.spelling)), stage `\(checked.name(journey.stages[Int(model.stage)].id))`"
                    if model.owner >= 0 { text += ", owner `\(checked.catalogue.entries[Int(model.owner)].name)`" }
                    let pairs = journey.touchpoints.filter { journey.actions(of: $0).contains(Int32(action)) }
                        .map { "`" + journey.steps(of: $0).map { checked.name(journey.steps[Int($0)].id) }.joined(separator: ", ") + "`" }
                    return text + (pairs.isEmpty ? "; in no touchpoint" : "; answers " + pairs.joined(separator: ", "))
                }
            }
        }
        return ""
    }

    func documentSymbols(_ params: JSONValue) -> JSONValue {
        guard let uri = params["textDocument"]?["uri"]?.string, let result = lastResult, let file = fileOfURI[uri] else { return .array([]) }
        let tree = result.workspace.trees[file]
        func symbols(of parent: Int32?) -> [JSONValue] {
            var list: [JSONValue] = []
            for (index, node) in tree.children(of: parent) {
                let kind: Int
                switch node.keyword {
                case .journey: kind = 2       // module
                case .stage: kind = 3         // namespace
                case .step: kind = 12         // function
                case .action: kind = 6        // method
                case .touchpoint: kind = 20   // key
                case .kpi: kind = 16          // number
                case .opportunity: kind = 24  // event
                case .persona, .channel, .team, .system: kind = 5   // class
                case .customer, .organization: kind = 0
                default: continue
                }
                if kind == 0 {
                    list += symbols(of: index)   // strands: their steps and actions belong to the stage
                    continue
                }
                let arguments = tree.arguments(of: node)
                let name = node.keyword == .touchpoint
                    ? arguments.map { $0.kind == .arrow ? "<->" : tree.text($0.range) }.joined(separator: " ")
                    : arguments.first.map { tree.text($0.range) } ?? node.keyword.spelling
                let selection = arguments.first.map { $0.range } ?? node.keywordRange
                list.append(.object([
                    ("name", .string(name.isEmpty ? node.keyword.spelling : name)), ("detail", .string(node.keyword.spelling)),
                    ("kind", .number(Double(kind))),
                    ("range", LSPDocuments.range(SourceLocation(file: file, start: Int(node.keywordStart), end: max(Int(node.end), Int(node.keywordEnd))),
                                                 in: tree.source, utf16: utf16)),
                    ("selectionRange", LSPDocuments.range(SourceLocation(file: file, start: selection.lowerBound, end: selection.upperBound),
                                                          in: tree.source, utf16: utf16)),
                    ("children", .array(symbols(of: index))),
                ]))
            }
            return list
        }
        return .array(symbols(of: nil))
    }

    // MARK: - Editing

    func formatting(_ params: JSONValue) -> JSONValue {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents.document(uri) else { return .array([]) }
        let source = SourceFile(path: document.path, bytes: document.bytes)
        guard let formatted = Formatter.format(source).output, formatted != document.bytes else { return .array([]) }
        let whole = SourceLocation(file: 0, start: 0, end: document.bytes.count)
        return .array([.object([("range", LSPDocuments.range(whole, in: source, utf16: utf16)),
                                ("newText", .string(String(decoding: formatted, as: UTF8.self)))])])
    }

    func codeActions(_ params: JSONValue) -> JSONValue {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents.document(uri),
              let result = lastResult, let file = fileOfURI[uri] else { return .array([]) }
        let range = params["range"]
        let from = LSPDocuments.offset(line: range?["start"]?["line"]?.int ?? 0, character: range?["start"]?["character"]?.int ?? 0,
                                       in: document.bytes, utf16: utf16)
        let to = LSPDocuments.offset(line: range?["end"]?["line"]?.int ?? 0, character: range?["end"]?["character"]?.int ?? 0,
                                     in: document.bytes, utf16: utf16)
        var actions: [JSONValue] = []
        for diagnostic in result.diagnostics where diagnostic.location.file == file
            && diagnostic.location.start <= max(to, from) && diagnostic.location.end >= from {
            for fix in diagnostic.fixes {
                var changes: [String: [JSONValue]] = [:]
                for edit in fix.edits {
                    let source = result.sources.file(at: edit.location.file)
                    changes[LSPDocuments.uri(ofPath: source.path), default: []].append(.object([
                        ("range", LSPDocuments.range(edit.location, in: source, utf16: utf16)), ("newText", .string(edit.replacement)),
                    ]))
                }
                actions.append(.object([
                    ("title", .string(fix.title)), ("kind", .string("quickfix")), ("isPreferred", .bool(fix.isSafe)),
                    ("diagnostics", .array([lspDiagnostic(diagnostic, result: result)])),
                    ("edit", .object([("changes", .object(changes.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value)) }))])),
                ]))
            }
        }
        actions += touchpointActions(for: file, in: result, from: from, to: max(to, from))
        return .array(actions)
    }

    /// Source actions: for each unanswered step in the range, a touchpoint that pairs it with
    /// the first frontstage action of its stage, added before the stage's closing `}`.
    func touchpointActions(for file: Int, in result: CheckResult, from: Int, to: Int) -> [JSONValue] {
        let checked = result.files[file]
        let source = result.sources[file]
        var actions: [JSONValue] = []
        for finding in checked.findings where finding.diagnostic.code == .unansweredStep {
            guard case .step(let stepIndex) = finding.subject, finding.journey >= 0,
                  finding.diagnostic.location.start <= to, finding.diagnostic.location.end >= from else { continue }
            let journey = checked.journeys[finding.journey]
            let step = journey.steps[Int(stepIndex)]
            let stage = journey.stages[Int(step.stage)]
            guard let action = stage.actions.first(where: { journey.actions[Int($0)].layer == .frontstage }) ?? stage.actions.first.map({ $0 }),
                  stage.statement.end > 0, source.bytes[stage.statement.end - 1] == 0x7D else { continue }
            // The indentation of the stage's statements: the stage's own plus two spaces.
            var lineStart = stage.statement.start
            while lineStart > 0 && source.bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            let indent = String(repeating: " ", count: stage.statement.start - lineStart + 2)
            var insertAt = stage.statement.end - 1
            while insertAt > 0 && (source.bytes[insertAt - 1] == 0x20 || source.bytes[insertAt - 1] == 0x09) { insertAt -= 1 }
            let text = indent + "touchpoint \(checked.name(step.id)) <-> \(checked.name(journey.actions[Int(action)].id))\n"
            let at = SourceLocation(file: file, start: insertAt, end: insertAt)
            actions.append(.object([
                ("title", .string("Add a touchpoint for step `\(checked.name(step.id))`")), ("kind", .string("source.addTouchpoint")),
                ("diagnostics", .array([lspDiagnostic(finding.diagnostic, result: result)])),
                ("edit", .object([("changes", .object([(LSPDocuments.uri(ofPath: source.path), .array([.object([
                    ("range", LSPDocuments.range(at, in: source, utf16: utf16)), ("newText", .string(text)),
                ])]))]))])),
            ]))
        }
        return actions
    }
}
