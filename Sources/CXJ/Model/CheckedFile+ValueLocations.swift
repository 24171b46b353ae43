extension CheckedFile {
    /// Where the value of an element's property is written (`app` in `step s "…" { channel app }`),
    /// found again by reading the element's statement; nil when the statement has no such
    /// property with a value.
    ///
    /// The model's most numerous elements (steps and touchpoints) do not store these locations:
    /// only a gap rule's secondary label reads them, once its diagnostic is shown, and 16–24
    /// bytes per element were 4 MiB of a dense 20 MB journey's model. Lowering takes a property's first statement in the
    /// element's block (a repeat is an error), and so does this: the first statement at the
    /// block's own depth that starts with `property` and has a value. The two agree wherever
    /// the element's statement is free of errors, which is where the gap rules' findings are
    /// kept (`Tolerance`). Reading is linear in the statement's length; a mapped file's
    /// handed-back pages are read again from the file.
    func valueLocation(of property: Keyword, in statement: SourceLocation) -> SourceLocation? {
        sources[statement.file].bytes.withUnsafeBufferPointer { bytes in
            guard statement.start >= 0, statement.end <= bytes.count, statement.start < statement.end else { return nil }
            let keywords = KeywordTable()
            var lexer = Lexer(bytes: bytes, file: statement.file, start: statement.start)
            var depth = 0
            var startsStatement = false
            var propertyFound = false
            while true {
                let token = lexer.next()
                guard token.kind != .endOfFile, Int(token.start) < statement.end else { return nil }
                if propertyFound {
                    propertyFound = false
                    switch token.kind {
                    case .identifier, .number, .string, .multilineString:
                        return SourceLocation(file: statement.file, start: Int(token.start), end: Int(token.end))
                    default:
                        break
                    }
                }
                switch token.kind {
                case .leftBrace:
                    depth += 1
                    startsStatement = depth == 1
                case .rightBrace:
                    depth -= 1
                    if depth <= 0 { return nil }
                    startsStatement = depth == 1
                case .newline, .semicolon:
                    startsStatement = depth == 1
                default:
                    propertyFound = startsStatement && token.kind == .identifier
                        && keywords.lookup(token.range, in: bytes) == property
                    startsStatement = false
                }
            }
        }
    }
}

extension Diagnostic.Label {
    /// A label on where `statement` writes the value of `property`, found only if its
    /// diagnostic is shown (`CheckedFile.resolveValueLabels`): a journey with 100,000 delivery
    /// gaps shows 200 of them, and reading every statement again took 11% more time and brought
    /// the whole of a mapped file back into memory.
    static func value(of property: Keyword, in statement: SourceLocation, _ message: String) -> Diagnostic.Label {
        var label = Diagnostic.Label(statement, message)
        label.pendingValueOf = property.rawValue
        return label
    }
}

extension CheckedFile {
    /// Gives a diagnostic's waiting labels their locations; a label whose value is not found
    /// is dropped.
    static func resolveValueLabels(_ diagnostic: inout Diagnostic, files: [CheckedFile]) {
        resolveValueLabels(&diagnostic) { $0 < files.count ? files[$0] : nil }
    }

    /// The same, with the model of each file given by `model`.
    static func resolveValueLabels(_ diagnostic: inout Diagnostic, model: (Int) -> CheckedFile?) {
        guard diagnostic.secondary.contains(where: { $0.pendingValueOf != nil }) else { return }
        diagnostic.secondary = diagnostic.secondary.compactMap { label in
            guard let raw = label.pendingValueOf else { return label }
            guard let property = Keyword(rawValue: raw), let file = model(label.location.file),
                  let location = file.valueLocation(of: property, in: label.location) else { return nil }
            return Diagnostic.Label(location, label.message)
        }
    }
}
