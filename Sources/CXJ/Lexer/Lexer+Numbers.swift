extension Lexer {
    /// Scans `-?digits[.digits]` with `_` between digits, then an optional unit.
    /// A malformed body or an unknown unit is reported (CXJ006) but still yields a number token.
    mutating func scanNumber() -> Token {
        let start = index
        let count = bytes.count
        let negative = bytes[index] == 0x2D
        if negative { index += 1 }
        // The body is checked, and decoded when the parser keeps numbers (`decodesNumbers`), as
        // it is scanned, as `NumberLiteral.parse` decodes it (the same arithmetic, so the same
        // value): the parser takes the value from here (`lastNumber`) instead of reading the
        // bytes twice more. (Inlined twice, so a layout-only parse does no arithmetic.)
        let body = decodesNumbers ? NumberLiteral.scanBody(bytes, from: index, decoding: true)
                                  : NumberLiteral.scanBody(bytes, from: index, decoding: false)
        index = body.end
        let bodyIsValid = body.isValid
        let unitStart = index
        var unitIsValid = true
        var unit = NumberUnit.none
        if index < count && bytes[index] == 0x25 {
            index += 1
            unit = .percent
        } else if index < count && startsUnit(at: index) {
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if IdentifierCharacters.isASCIIContinue(byte) { index += 1 } else { break }
                } else if let (scalar, length) = UTF8Decoding.decode(bytes, at: index),
                          IdentifierCharacters.isContinue(scalar) {
                    index += length
                } else {
                    break
                }
            }
            let scanned = NumberUnit(bytes: UnsafeBufferPointer(rebasing: bytes[unitStart..<index]))
            unitIsValid = scanned != nil
            unit = scanned ?? .none
        }
        if decodesNumbers && bodyIsValid && unitIsValid {
            let value = body.integerPart + body.fraction
            lastNumber = NumberLiteral(value: negative ? -value : value, unit: unit, isInteger: !body.inFraction)
        } else {
            lastNumber = nil
        }
        if !bodyIsValid {
            report(Diagnostic(
                .malformedNumber, "malformed number", at: SourceLocation(file: file, start: start, end: index),
                label: "not a valid number",
                help: "write digits with an optional fraction, such as `1200`, `100_000` or `4.5`; `_` may only stand between digits"))
        } else if !unitIsValid {
            let unit = String(decoding: UnsafeBufferPointer(rebasing: bytes[unitStart..<index]), as: UTF8.self)
            report(Diagnostic(
                .malformedNumber, "unknown unit `\(unit)`",
                at: SourceLocation(file: file, start: unitStart, end: index), label: "not a unit",
                help: Suggestions.didYouMean(unit, among: NumberUnit.spellings)
                    ?? "the units are `%`, `s`, `min`, `h`, `d` and `w`, written right after the number"))
        }
        return Token(.number, start, index)
    }

    private func startsUnit(at position: Int) -> Bool {
        let byte = bytes[position]
        if byte < 0x80 { return IdentifierCharacters.isASCIIStart(byte) }
        guard let (scalar, _) = UTF8Decoding.decode(bytes, at: position) else { return false }
        return IdentifierCharacters.isStart(scalar)
    }
}
