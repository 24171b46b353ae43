extension Lexer {
    /// Scans `-?digits[.digits]` with `_` between digits, then an optional unit.
    /// A malformed body or an unknown unit is reported (CXJ006) but still yields a number token.
    mutating func scanNumber() -> Token {
        let start = index
        let count = bytes.count
        if bytes[index] == 0x2D { index += 1 }
        let bodyStart = index
        while index < count {
            let byte = bytes[index]
            if (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2E { index += 1 } else { break }
        }
        let bodyIsValid = NumberLiteral.isWellFormedBody(UnsafeBufferPointer(rebasing: bytes[bodyStart..<index]))
        let unitStart = index
        var unitIsValid = true
        if index < count && bytes[index] == 0x25 {
            index += 1
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
            unitIsValid = NumberUnit(bytes: UnsafeBufferPointer(rebasing: bytes[unitStart..<index])) != nil
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
