extension LanguageServer {
    /// Completion: keywords valid in the block around the cursor, enumeration values after
    /// `phase`, `layer` and the like, and names of the right kind after `owner`, `channel`,
    /// `via`, `persona`, `uses` and in touchpoints (steps not yet paired first on the left of
    /// `<->`, actions on the right), plus snippets for whole statements.
    func completion(_ params: JSONValue) -> JSONValue {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents.document(uri),
              let result = lastResult, let file = fileOfURI[uri] else { return .array([]) }
        let position = params["position"]
        let offset = LSPDocuments.offset(line: position?["line"]?.int ?? 0, character: position?["character"]?.int ?? 0,
                                         in: document.bytes, utf16: utf16)
        var lineStart = offset
        while lineStart > 0 && document.bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        let before = String(decoding: document.bytes[lineStart..<offset], as: UTF8.self)
        // The statement being written: what follows the last `{`, `;` or `}` on the line.
        var segment = Substring(before)
        if let cut = before.lastIndex(where: { $0 == "{" || $0 == ";" || $0 == "}" }) { segment = before[before.index(after: cut)...] }
        let separators: Set<Character> = [" ", "\t", ","]
        let statementWords: [String] = segment.split(whereSeparator: { separators.contains($0) }).map { String($0) }
        let endsWithSpace = before.last == " " || before.last == "," || before.isEmpty
        let keyword = statementWords.first.flatMap(LanguageServer.keyword(named:))
        let checked = result.files[file]

        func items(_ names: [String], kind: Int, detail: String) -> [JSONValue] {
            names.enumerated().map { index, name in
                .object([("label", .string(name)), ("kind", .number(Double(kind))), ("detail", .string(detail)),
                         ("sortText", .string(String(format4(index))))])
            }
        }
        // After a keyword that takes a value.
        if let keyword, endsWithSpace || statementWords.count >= 2 {
            switch keyword {
            case .owner: return .array(items(checked.catalogue.names(of: .team), kind: 7, detail: "team"))
            case .channel where statementWords.count <= 2, .via: return .array(items(checked.catalogue.names(of: .channel), kind: 7, detail: "channel"))
            case .persona where statementWords.count <= 2 && !before.contains("\""): return .array(items(checked.catalogue.names(of: .persona), kind: 7, detail: "persona"))
            case .uses: return .array(items(checked.catalogue.names(of: .system), kind: 7, detail: "system"))
            case .phase: return .array(items(Phase.spellings, kind: 20, detail: "phase"))
            case .layer: return .array(items(Layer.spellings, kind: 20, detail: "layer"))
            case .strategy: return .array(items(Strategy.spellings, kind: 20, detail: "strategy"))
            case .automation: return .array(items(Automation.spellings, kind: 20, detail: "automation"))
            case .impact, .effort: return .array(items(Level.spellings, kind: 20, detail: "level"))
            case .kind:
                // `kind` of a channel, or of an opportunity: by the block around the cursor.
                let context = blockContext(at: offset, in: result.workspace.trees[file])
                return context == .opportunity ? .array(items(OpportunityKind.spellings, kind: 20, detail: "opportunity kind"))
                    : .array(items(ChannelKind.spellings, kind: 20, detail: "channel kind"))
            case .touchpoint:
                let journey = checked.journeys.first { $0.statement.start <= offset && offset <= $0.statement.end } ?? checked.journeys.first
                guard let journey else { return .array([]) }
                if before.contains("<->") {
                    return .array(items(journey.actions.map { checked.name($0.id) }, kind: 3, detail: "action"))
                }
                let facts = JourneyFacts(journey)
                let unpaired = journey.steps.indices.filter { !facts.isPaired[$0] }.map { checked.name(journey.steps[$0].id) }
                let paired = journey.steps.indices.filter { facts.isPaired[$0] }.map { checked.name(journey.steps[$0].id) }
                return .array(items(unpaired, kind: 3, detail: "step, not yet paired") + items(paired, kind: 3, detail: "step").map { item in
                    guard case .object(var fields) = item else { return item }
                    fields = fields.map { $0.0 == "sortText" ? ("sortText", .string("z" + ($0.1.string ?? ""))) : $0 }
                    return .object(fields)
                })
            default:
                break
            }
        }
        // Keywords valid in the block around the cursor, and snippets.
        let context = blockContext(at: offset, in: result.workspace.trees[file])
        var list = StatementShape.statements(in: context).map { $0.0.spelling }.enumerated().map { index, spelling -> JSONValue in
            .object([("label", .string(spelling)), ("kind", .number(14)), ("sortText", .string(format4(index)))])
        }
        for (label, text) in LanguageServer.snippets where LanguageServer.keyword(named: label).map({ StatementShape.shape(of: $0, in: context) != nil }) ?? false {
            list.append(.object([("label", .string(label + " …")), ("kind", .number(15)), ("insertTextFormat", .number(2)),
                                 ("insertText", .string(text)), ("detail", .string("snippet"))]))
        }
        return .array(list)
    }

    static let snippets: [(String, String)] = [
        ("step", "step ${1:id} \"${2:What the customer does}\" {\n  emotion ${3:0}\n}"),
        ("action", "action ${1:id} \"${2:What the company does}\" {\n  owner ${3:team}\n}"),
        ("stage", "stage ${1:id} \"${2:Title}\" {\n  phase ${3:recognize}\n  customer {\n    $0\n  }\n  organization {\n  }\n}"),
        ("touchpoint", "touchpoint ${1:step} <-> ${2:action} { via ${3:channel} }"),
        ("journey", "journey ${1:id} \"${2:Title}\" {\n  stage ${3:first} \"${4:First stage}\" {\n    $0\n  }\n}"),
    ]

    /// The block context at an offset: the innermost block that contains it.
    func blockContext(at offset: Int, in tree: SyntaxTree) -> BlockContext {
        var context = BlockContext.file
        var parent: Int32? = nil
        while true {
            var deeper: (Int32, BlockContext)? = nil
            for (index, node) in tree.children(of: parent) where node.hasBlock && Int(node.openBrace) < offset
                && (offset <= Int(node.end) || !node.isBlockClosed) {
                if let shape = StatementShape.shape(of: node.keyword, in: context), let block = shape.block { deeper = (index, block) }
            }
            guard let (index, block) = deeper else { return context }
            parent = index
            context = block
        }
    }

    static func keyword(named spelling: String) -> Keyword? {
        Keyword.allCases.first { $0.spelling == spelling }
    }

    private func format4(_ index: Int) -> String {
        let text = String(index)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
