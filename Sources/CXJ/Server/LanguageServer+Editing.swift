extension LanguageServer {
    // MARK: - Rename

    func prepareRename(_ params: JSONValue) -> JSONValue {
        guard let place = place(params), let argument = identifier(at: place.offset, in: place.tree) else { return .null }
        let name = place.tree.text(argument.range)
        guard !declarations(of: name).isEmpty else { return .null }
        return .object([("range", LSPDocuments.range(SourceLocation(file: place.file, start: Int(argument.start), end: Int(argument.end)),
                                                     in: lastResult!.sources[place.file], utf16: utf16)),
                        ("placeholder", .string(name))])
    }

    /// Renames a declared name and every use of it; refuses a new name that is not an
    /// identifier or that is declared already (the rename would merge two things).
    struct RenameRefusal: Error {
        var reason: String
    }

    func rename(_ params: JSONValue) -> Result<JSONValue, RenameRefusal> {
        guard let place = place(params), let argument = identifier(at: place.offset, in: place.tree) else {
            return .failure(RenameRefusal(reason: "there is no name here to rename"))
        }
        let name = place.tree.text(argument.range)
        guard let newName = params["newName"]?.string, LanguageServer.isIdentifier(newName) else {
            return .failure(RenameRefusal(reason: "`\(params["newName"]?.string ?? "")` is not a valid name"))
        }
        guard !declarations(of: name).isEmpty else { return .failure(RenameRefusal(reason: "`\(name)` is not declared in the files open")) }
        if newName != name, let clash = declarations(of: newName).first {
            let path = lastResult!.sources[clash.file].path
            return .failure(RenameRefusal(reason: "`\(newName)` is already declared (\(clash.node.keyword.spelling) in \(path)); renaming would merge the two"))
        }
        var changes: [String: [JSONValue]] = [:]
        for occurrence in occurrences(of: name) {
            let source = lastResult!.sources[occurrence.file]
            let location = SourceLocation(file: occurrence.file, start: Int(occurrence.argument.start), end: Int(occurrence.argument.end))
            changes[LSPDocuments.uri(ofPath: source.path), default: []].append(.object([
                ("range", LSPDocuments.range(location, in: source, utf16: utf16)), ("newText", .string(newName)),
            ]))
        }
        return .success(.object([("changes", .object(changes.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value)) }))]))
    }

    /// Whether text lexes as exactly one identifier.
    static func isIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(bytes: buffer, file: 0, start: 0)
            let token = lexer.next()
            return token.kind == .identifier && token.range == 0..<bytes.count && lexer.diagnostics.isEmpty
        }
    }

    // MARK: - Workspace symbols

    func workspaceSymbols(_ params: JSONValue) -> JSONValue {
        let query = (params["query"]?.string ?? "").lowercased()
        guard let result = lastResult else { return .array([]) }
        var symbols: [JSONValue] = []
        for (file, tree) in result.workspace.trees.enumerated() {
            for node in tree.nodes where LanguageServer.declaringKeywords.contains(node.keyword) && node.argumentCount > 0 {
                let first = tree.arguments[Int(node.firstArgument)]
                guard first.kind == .identifier else { continue }
                let name = tree.text(first.range)
                guard query.isEmpty || name.lowercased().contains(query) else { continue }
                symbols.append(.object([("name", .string(name)), ("kind", .number(Double(LanguageServer.symbolKind(node.keyword)))),
                                        ("containerName", .string(node.keyword.spelling)), ("location", location(file, first.range))]))
            }
        }
        return .array(symbols)
    }

    static func symbolKind(_ keyword: Keyword) -> Int {
        switch keyword {
        case .journey: return 2
        case .stage: return 3
        case .step: return 12
        case .action: return 6
        case .kpi: return 16
        case .opportunity: return 24
        default: return 5
        }
    }

    // MARK: - Semantic tokens

    static let tokenTypes = ["keyword", "type", "function", "method", "namespace", "variable", "string", "number", "comment",
                             "enumMember", "event", "module"]
    static let tokenModifiers = ["declaration"]

    /// `semanticTokens/full`: keywords, declarations and references by kind (catalogue entries
    /// as types, steps as functions, actions as methods, stages as namespaces), enumeration
    /// values, strings, numbers with units, and comments. Multi-line strings are left out.
    func semanticTokens(_ params: JSONValue) -> JSONValue {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents.document(uri),
              let result = lastResult, let file = fileOfURI[uri] else { return .object([("data", .array([]))]) }
        let tree = result.workspace.trees[file]
        guard tree.source.bytes.equals(document.bytes) else { return .object([("data", .array([]))]) }
        var kindOf: [String: Int] = [:]
        for other in result.workspace.trees {
            for node in other.nodes where LanguageServer.declaringKeywords.contains(node.keyword) && node.argumentCount > 0 {
                let first = other.arguments[Int(node.firstArgument)]
                if first.kind == .identifier { kindOf[other.text(first.range)] = LanguageServer.tokenType(declaredBy: node.keyword) }
            }
        }
        var tokens: [(start: Int, end: Int, type: Int, modifiers: Int)] = []
        var keywordStarts = Set<Int32>()
        var declarationStarts = Set<Int32>()
        var enumerationStarts = Set<Int32>()
        for node in tree.nodes {
            keywordStarts.insert(node.keywordStart)
            if LanguageServer.declaringKeywords.contains(node.keyword) && node.argumentCount > 0 {
                declarationStarts.insert(tree.arguments[Int(node.firstArgument)].start)
            }
            if [.phase, .layer, .strategy, .automation, .kind, .impact, .effort].contains(node.keyword), node.argumentCount > 0 {
                enumerationStarts.insert(tree.arguments[Int(node.firstArgument)].start)
            }
        }
        document.bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(bytes: buffer, file: 0, start: tree.source.contentStart)
            while true {
                let token = lexer.next()
                if token.kind == .endOfFile { break }
                switch token.kind {
                case .identifier:
                    let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[token.range]), as: UTF8.self)
                    if keywordStarts.contains(token.start) {
                        tokens.append((token.range.lowerBound, token.range.upperBound, 0, 0))
                    } else if enumerationStarts.contains(token.start) {
                        tokens.append((token.range.lowerBound, token.range.upperBound, 9, 0))
                    } else {
                        let type = kindOf[text] ?? 5
                        tokens.append((token.range.lowerBound, token.range.upperBound, type, declarationStarts.contains(token.start) ? 1 : 0))
                    }
                case .string: tokens.append((token.range.lowerBound, token.range.upperBound, 6, 0))
                case .number: tokens.append((token.range.lowerBound, token.range.upperBound, 7, 0))
                default: break
                }
            }
            for comment in lexer.comments { tokens.append((Int(comment.start), Int(comment.end), 8, 0)) }
        }
        tokens.sort { $0.start < $1.start }
        var data: [JSONValue] = []
        var previousLine = 0
        var previousCharacter = 0
        for token in tokens {
            let start = tree.source.position(of: token.start)
            let end = tree.source.position(of: token.end)
            guard start.line == end.line else { continue }
            let line = start.line - 1
            let character = utf16 ? start.utf16Column - 1 : token.start - tree.source.lineStart(line)
            let length = utf16 ? end.utf16Column - start.utf16Column : token.end - token.start
            let deltaLine = line - previousLine
            let deltaStart = deltaLine == 0 ? character - previousCharacter : character
            data += [deltaLine, deltaStart, length, token.type, token.modifiers].map { .number(Double($0)) }
            previousLine = line
            previousCharacter = character
        }
        return .object([("data", .array(data))])
    }

    static func tokenType(declaredBy keyword: Keyword) -> Int {
        switch keyword {
        case .persona, .channel, .team, .system: return 1
        case .step: return 2
        case .action: return 3
        case .stage: return 4
        case .opportunity: return 10
        case .journey: return 11
        default: return 5
        }
    }
}
