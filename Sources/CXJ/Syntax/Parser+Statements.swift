extension ParserState {
    /// Parses one statement of `context` and returns its node, or nil when nothing was kept.
    mutating func parseStatement(in context: BlockContext) -> Int32? {
        guard token.kind == .identifier else {
            report(Diagnostic(.unexpectedToken, "expected a statement, found \(describe(token))", at: tokenLocation,
                              label: "a statement starts with a keyword",
                              help: statementHelp(for: token, in: context)))
            skipStatement()
            return nil
        }
        let keywordToken = token
        guard let keyword = keywords.lookup(Int(token.start)..<Int(token.end), in: bytes) else {
            reportUnknownKeyword(in: context)
            skipStatement()
            return nil
        }
        guard let shape = shapes.shape(of: keyword, in: context) else {
            if let depth = ancestorAdmitting(keyword, at: Int(token.start)) {
                unwindDepth = depth
                unwindTrigger = Int(token.start)
                return nil
            }
            reportNotAllowed(keyword, in: context)
            skipStatement()
            return nil
        }

        tree.keywordCounts[Int(keyword.rawValue)] &+= 1
        // The node is filled in here and appended once its arguments are parsed (they append
        // no node, so its index is the same): a statement without a block, most of them, then
        // costs one append instead of an append and three changes in place, each of which
        // checked the array's uniqueness and bounds.
        let index = Int32(tree.nodes.count)
        var node = SyntaxNode(keyword: keyword, keywordStart: keywordToken.start, end: keywordToken.end,
                              firstArgument: Int32(tree.arguments.count))
        advance()

        if !parseArguments(shape.arguments, keyword: keyword) {
            finishArguments(&node)
            node.isMalformed = true
            tree.nodes.append(node)
            recoverStatement(shape, node: index)
            return index
        }
        finishArguments(&node)

        if token.kind == .leftBrace {
            if shape.block == nil {
                report(Diagnostic(.unexpectedToken, "`\(keyword.spelling)` does not take a block", at: tokenLocation,
                                  label: "unexpected `{`", help: "remove the block"))
                node.isMalformed = true
            }
            if shape.block != nil { node.openBrace = token.start }
            tree.nodes.append(node)
            if let child = shape.block {
                parseBlock(child, node: index)
                if unwindDepth != nil { return index }
            } else {
                skipBalancedBlock()
            }
            if !tree.nodes[Int(index)].isBlockClosed { tree.nodes[Int(index)].end = Int32(previousEnd) }
        } else if shape.requiresBlock {
            report(Diagnostic(
                .unexpectedToken, "expected `{` to open the `\(keyword.spelling)` block, found \(describe(token))",
                at: tokenLocation, label: "expected `{`", help: "a `\(keyword.spelling)` holds its statements in `{ … }`"))
            node.isMalformed = true
            tree.nodes.append(node)
            recoverStatement(shape, node: index)
            return index
        } else {
            // No block: the statement ends after its arguments, where `finishArguments` put it.
            tree.nodes.append(node)
        }
        expectEndOfStatement(after: keyword)
        return index
    }

    /// Inlined, the too-many-arguments report out of line: called for every statement, it cost
    /// about 40 instructions a call (3% of dense 2 MB `check`), most of them the call's.
    @inline(__always)
    private mutating func finishArguments(_ node: inout SyntaxNode) {
        let first = node.firstArgument
        let count = Int(Int32(tree.arguments.count) - first)
        if count > SyntaxNode.maximumArguments { reportTooManyArguments(&node) }
        node.argumentCount = Int32(count)
        node.end = Int32(previousEnd)
    }

    @inline(never)
    private mutating func reportTooManyArguments(_ node: inout SyntaxNode) {
        let extra = tree.arguments[Int(node.firstArgument) + SyntaxNode.maximumArguments]
        report(Diagnostic(.unexpectedToken, "a statement can hold at most \(SyntaxNode.maximumArguments) names",
                          at: location(extra.range), label: "one too many"))
        node.isMalformed = true
    }

    /// Requires the statement to end here: at a newline, `;`, `}` or the end of the file.
    /// (Inlined, as `finishArguments`; anything else is reported out of line.)
    @inline(__always)
    private mutating func expectEndOfStatement(after keyword: Keyword) {
        switch token.kind {
        case .newline, .semicolon, .rightBrace, .endOfFile:
            return
        default:
            reportUnendedStatement(after: keyword)
        }
    }

    @inline(never)
    private mutating func reportUnendedStatement(after keyword: Keyword) {
        switch token.kind {
        case .comma where !keyword.isRepeatable:
            // `persona a, b`: splitting the statement would only give the property twice.
            report(Diagnostic(
                .unexpectedToken, "`\(keyword.spelling)` takes one name, found `,`", at: tokenLocation,
                label: "a second name", notes: ["`\(keyword.spelling)` may be given once in a block"],
                help: keyword == .persona
                    ? "a journey follows one persona: keep the main one, and write a journey of its own for another"
                    : "keep one name"))
            skipStatement()
        default:
            report(Diagnostic(
                .unexpectedToken, "expected the end of the `\(keyword.spelling)` statement, found \(describe(token))",
                at: tokenLocation, label: "unexpected \(describe(token))",
                help: "start each statement on its own line, or separate statements with `;`"))
            skipStatement()
        }
    }

    // MARK: - Arguments

    /// Parses the arguments of a shape; on a mismatch reports CXJ001 and returns false.
    private mutating func parseArguments(_ shape: ArgumentShape, keyword: Keyword) -> Bool {
        switch shape {
        case .declaration:
            guard expectIdentifier("a name for the \(keyword.spelling)", after: keyword,
                                   help: "declare it as `\(keyword.spelling) ID \"Label\"`") else { return false }
            if token.kind == .identifier {
                reportNameWithSpaces(keyword)
                return false
            }
            // The name is spelled only for a diagnostic, from the bytes: taking `tree.source`
            // here retained and released the file at every declaration.
            let bytes = self.bytes
            let name = tree.arguments[tree.arguments.count - 1].range
            return expectString("a label after `\(String(decoding: bytes[name], as: UTF8.self))`",
                                help: "give the \(keyword.spelling) a label in double quotes, such as `\(keyword.spelling) \(String(decoding: bytes[name], as: UTF8.self)) \"…\"`")
        case .text:
            return expectString("a string after `\(keyword.spelling)`", help: "put the text in double quotes")
        case .reference:
            return expectIdentifier("a name after `\(keyword.spelling)`", after: keyword, help: nil)
        case .enumeration:
            return expectIdentifier("a value after `\(keyword.spelling)`", after: keyword, help: nil)
        case .referenceList:
            return expectIdentifierList("a name after `\(keyword.spelling)`", after: keyword)
        case .number:
            return expectNumber(after: keyword)
        case .comparison:
            guard token.kind == .greaterEqual || token.kind == .lessEqual else {
                report(Diagnostic(
                    .unexpectedToken, "expected `>=` or `<=` after `\(keyword.spelling)`, found \(describe(token))",
                    at: tokenLocation, label: "expected `>=` or `<=`",
                    help: "write the target as a comparison, such as `target >= 300` or `target <= 2d`"))
                return false
            }
            pushArgument(symbol: -1)
            return expectNumber(after: keyword)
        case .flag, .blockOnly:
            return true
        case .allow:
            guard expectIdentifierList("a rule code or name after `allow`", after: keyword) else { return false }
            if token.kind == .string || token.kind == .multilineString { pushArgument(symbol: -1) }
            return true
        case .pairing:
            guard expectIdentifierList("a step name after `touchpoint`", after: keyword) else { return false }
            guard token.kind == .arrow else {
                report(Diagnostic(
                    .unexpectedToken, "expected `,` or `<->` in the touchpoint, found \(describe(token))",
                    at: tokenLocation, label: "expected `<->`",
                    help: "a touchpoint pairs steps with actions: `touchpoint STEP, STEP <-> ACTION, ACTION`"))
                return false
            }
            pushArgument(symbol: -1)
            skipNewlines()
            return expectIdentifierList("an action name after `<->`", after: keyword)
        }
    }

    private mutating func pushArgument(symbol: Int32) {
        tree.arguments.append(SyntaxArgument(kind: token.kind, start: token.start, end: token.end, symbol: symbol))
        advance()
    }

    /// Inlined, with what is wrong reported out of line (as `expectString`): the call, and the
    /// closures for a message that is almost never written, cost more than taking the name.
    @inline(__always)
    private mutating func expectIdentifier(_ what: @autoclosure () -> String, after keyword: Keyword, help: @autoclosure () -> String?) -> Bool {
        guard token.kind == .identifier else {
            reportMissingIdentifier(what(), after: keyword, help: help())
            return false
        }
        pushArgument(symbol: internsNames ? tree.interner.intern(tokenBytes(token)) : 0)
        return true
    }

    @inline(never)
    private mutating func reportMissingIdentifier(_ what: String, after keyword: Keyword, help: String?) {
        var help = help
        var fixes: [Fix] = []
        if token.kind == .string && help == nil {
            let content = String(decoding: tokenBytes(token), as: UTF8.self).trimmingQuotes
            if !content.isEmpty && !content.contains(" ") {
                help = "names and values are written without quotes: `\(keyword.spelling) \(content)`"
                fixes = [Fix("remove the quotes", edits: [Edit(tokenLocation, content)], isSafe: true)]
            } else {
                help = "names and values are written without quotes"
            }
        }
        var diagnostic = Diagnostic(.unexpectedToken, "expected \(what), found \(describe(token))", at: tokenLocation,
                                    label: what.hasPrefix("a value") ? "expected a value" : "expected a name", help: help)
        diagnostic.fixes = fixes
        report(diagnostic)
    }

    private mutating func expectIdentifierList(_ what: @autoclosure () -> String, after keyword: Keyword) -> Bool {
        guard expectIdentifier(what(), after: keyword, help: nil) else { return false }
        while token.kind == .comma {
            advance()
            skipNewlines()
            guard expectIdentifier("a name after `,`", after: keyword, help: nil) else { return false }
        }
        return true
    }

    @inline(__always)
    private mutating func expectString(_ what: @autoclosure () -> String, help: @autoclosure () -> String) -> Bool {
        guard token.kind == .string || token.kind == .multilineString else {
            reportMissingString(what(), help: help())
            return false
        }
        pushArgument(symbol: -1)
        return true
    }

    @inline(never)
    private mutating func reportMissingString(_ what: String, help: String) {
        report(Diagnostic(.unexpectedToken, "expected \(what), found \(describe(token))", at: tokenLocation,
                          label: "expected a string", help: help))
    }

    @inline(__always)
    private mutating func expectNumber(after keyword: Keyword) -> Bool {
        guard token.kind == .number else {
            reportMissingNumber(after: keyword)
            return false
        }
        guard internsNames else {
            pushArgument(symbol: -1)
            return true
        }
        // Decoded now, while its bytes are in the cache (see `SyntaxTree.numbers`).
        tree.arguments.append(SyntaxArgument(numberAt: Int32(tree.numbers.count), start: token.start, end: token.end))
        // The lexer decoded it as it scanned it; a token from the lexing thread's ring is
        // decoded here.
        tree.numbers.append(unmanagedRing == nil ? lexer.lastNumber : NumberLiteral.parse(tokenBytes(token)))
        advance()
        return true
    }

    @inline(never)
    private mutating func reportMissingNumber(after keyword: Keyword) {
        report(Diagnostic(
            .unexpectedToken, "expected a number after `\(keyword.spelling)`, found \(describe(token))",
            at: tokenLocation, label: "expected a number",
            help: token.kind == .string ? "write the number without quotes" : nil))
    }

    /// `step Go upstairs "…"`: the name is several words. Reports one error with the name in
    /// kebab case as a fix, and leaves the rest of the statement to recovery.
    private mutating func reportNameWithSpaces(_ keyword: Keyword) {
        let first = tree.arguments[tree.arguments.count - 1]
        var words = [tree.text(first.range)]
        var end = Int(first.end)
        let extra = tokenLocation
        while token.kind == .identifier {
            words.append(String(decoding: tokenBytes(token), as: UTF8.self))
            end = Int(token.end)
            advance()
        }
        guard token.kind == .string || token.kind == .multilineString else {
            report(Diagnostic(.unexpectedToken, "expected a label after `\(words[0])`, found `\(words[1])`", at: extra,
                              label: "expected a string", help: "give the \(keyword.spelling) a label in double quotes"))
            return
        }
        var kebab = ""
        for word in words {
            let lowered = word.lowercased()
            if kebab.isEmpty {
                kebab = lowered
            } else {
                let startsWithLetter = lowered.unicodeScalars.first.map { IdentifierCharacters.isStart($0.value) } ?? false
                kebab += (startsWithLetter ? "-" : "_") + lowered
            }
        }
        let range = location(Int(first.start)..<end)
        for spelling in words.map({ $0.lowercased() }) + [kebab] where internsNames {
            var text = spelling
            tree.extraGhosts.append(text.withUTF8 { tree.interner.intern($0) })
        }
        var diagnostic = Diagnostic(
            .unexpectedToken, "a name cannot contain spaces: `\(words.joined(separator: " "))`", at: range,
            label: "one name, written as \(words.count) words", notes: ["the label in quotes is where words and spaces go"],
            help: "join the words: `\(keyword.spelling) \(kebab) \"…\"`")
        diagnostic.fixes = [Fix("write the name as `\(kebab)`", edits: [Edit(range, kebab)], isSafe: true)]
        report(diagnostic)
    }

    // MARK: - Recovery

    /// Skips the rest of a malformed statement. A `{` met on the way is still parsed as the
    /// statement's block when it has one, so errors inside it are found and none cascade.
    private mutating func recoverStatement(_ shape: StatementShape, node: Int32) {
        while true {
            switch token.kind {
            case .newline, .semicolon, .rightBrace, .endOfFile:
                return
            case .leftBrace:
                if let child = shape.block, !tree.nodes[Int(node)].hasBlock {
                    parseBlock(child, node: node)
                    return
                }
                skipBalancedBlock()
            default:
                advance()
            }
        }
    }

    /// Skips to the end of the statement, stepping over whole blocks.
    mutating func skipStatement() {
        while true {
            switch token.kind {
            case .newline, .semicolon, .rightBrace, .endOfFile:
                return
            case .leftBrace:
                skipBalancedBlock()
            default:
                advance()
            }
        }
    }

    /// Skips from a `{` past its matching `}`.
    private mutating func skipBalancedBlock() {
        let open = Int(token.start)
        var depth = 0
        repeat {
            switch token.kind {
            case .leftBrace: depth += 1
            case .rightBrace: depth -= 1
            case .endOfFile:
                report(Diagnostic(.unclosedBrace, "unclosed `{`", at: location(open..<open + 1),
                                  label: "this `{` is never closed",
                                  secondary: [.init(location(bytes.count..<bytes.count), "the file ends here")],
                                  help: "add a `}` to close the block"))
                return
            default: break
            }
            advance()
        } while depth > 0
    }

    // MARK: - Messages

    /// How a message names a token: "`care`", "a string", "the end of the line".
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .string: return "a string"
        case .multilineString: return "a multi-line string"
        case .newline: return "the end of the line"
        case .endOfFile: return "the end of the file"
        default:
            var text = String(decoding: tokenBytes(token), as: UTF8.self)
            if text.unicodeScalars.count > 40 { text = String(text.unicodeScalars.prefix(40)) + "…" }
            return "`\(text)`"
        }
    }

    private func statementHelp(for token: Token, in context: BlockContext) -> String? {
        switch token.kind {
        case .string, .multilineString:
            return "a label follows the name of what it labels, as in `step tweet \"Tweets about the order\"`"
        case .leftBrace:
            return "a block belongs to the statement before it, on the same line"
        default:
            return nil
        }
    }

    private mutating func reportUnknownKeyword(in context: BlockContext) {
        let word = String(decoding: tokenBytes(token), as: UTF8.self)
        let candidates = StatementShape.statements(in: context).map { $0.0.spelling }
        var diagnostic = Diagnostic(.unknownKeyword, "unknown keyword `\(word)` \(context.phrase)", at: tokenLocation,
                                    label: "not a keyword here")
        if let confusion = KnownConfusions.entry(for: word, in: context) {
            diagnostic.help = confusion.help
            diagnostic.notes = confusion.notes
            if let replacement = confusion.replacement {
                diagnostic.fixes = [Fix("replace with `\(replacement)`", edits: [Edit(tokenLocation, replacement)], isSafe: true)]
            }
        } else if let help = Suggestions.didYouMean(word, among: candidates) {
            diagnostic.help = help
            diagnostic.fixes = Suggestions.renameFixes(tokenLocation, to: Suggestions.closest(to: word, among: candidates))
        } else {
            diagnostic.notes = ["\(context.phrase) the statements are " + Suggestions.andList(candidates.map { "`\($0)`" })]
            let everywhere = Keyword.allCases.map { $0.spelling }
            if let closest = Suggestions.closest(to: word, among: everywhere, limit: 1).first,
               let keyword = Keyword.allCases.first(where: { $0.spelling == closest }) {
                let homes = StatementShape.contexts(admitting: keyword).map { $0.phrase }
                diagnostic.help = "did you mean `\(closest)`? it is allowed " + Suggestions.orList(homes)
            }
        }
        report(diagnostic)
    }

    private mutating func reportNotAllowed(_ keyword: Keyword, in context: BlockContext) {
        let homes = StatementShape.contexts(admitting: keyword)
        var diagnostic = Diagnostic(.statementNotAllowed, "`\(keyword.spelling)` is not allowed \(context.phrase)",
                                    at: tokenLocation, label: "not allowed here")
        switch keyword {
        case .persona, .channel, .team, .system, .journey, .import:
            diagnostic.notes = ["imports, catalogue declarations (`persona`, `channel`, `team`, `system`) and journeys are made at the top level of a file"]
        default:
            break
        }
        diagnostic.help = "`\(keyword.spelling)` is allowed " + Suggestions.orList(homes.map { $0.phrase })
        report(diagnostic)
    }
}

private extension String {
    /// The text between the quotes of a one-line string token.
    var trimmingQuotes: String {
        var text = Substring(self)
        if text.hasPrefix("\"") { text = text.dropFirst() }
        if text.hasSuffix("\"") { text = text.dropLast() }
        return String(text)
    }
}
