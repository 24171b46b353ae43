/// Turns UTF-8 bytes into tokens, one at a time, on demand.
///
/// The lexer never stops: invalid UTF-8 and characters that cannot start a token are reported
/// (CXJ005) and skipped, unterminated strings (CXJ002), bad escapes (CXJ003) and malformed
/// numbers (CXJ006) still produce a token, so the parser sees a well-formed stream.
/// It reads through an unsafe buffer for speed; the buffer must outlive the lexer.
struct Lexer {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: Int
    var index: Int
    /// `ByteClasses.table`, copied here so the hot loops read it directly.
    let classes: UnsafePointer<UInt8>
    var diagnostics: [Diagnostic] = []
    var comments: [Comment] = []
    /// Set when an unterminated `"""` swallowed the rest of the file; blocks left open at the
    /// end are then a consequence, not a mistake of their own.
    var swallowedRestOfFile = false
    /// Set once the file's encoding has been reported: one diagnostic per file, not per byte.
    var reportedEncoding = false
    /// The value of the last number token scanned, as `NumberLiteral.parse` decodes it (nil
    /// when malformed): the parser's current token, when it is a number this lexer returned.
    var lastNumber: NumberLiteral? = nil
    /// Whether numbers are decoded as they are scanned (`lastNumber`): not for a parse that
    /// keeps only the layout.
    var decodesNumbers = true

    init(bytes: UnsafeBufferPointer<UInt8>, file: Int, start: Int) {
        self.bytes = bytes
        self.file = file
        self.index = start
        self.classes = ByteClasses.table
    }

    /// Returns the next token, skipping spaces, tabs, lone carriage returns and comments.
    mutating func next() -> Token {
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09:
                index = skipBlanks(from: index + 1)
            case 0x0D:
                index += 1
            case 0x0A:
                index += 1
                return Token(.newline, index - 1, index)
            case 0x23: // #
                scanComment()
            case 0x7B: index += 1; return Token(.leftBrace, index - 1, index)
            case 0x7D: index += 1; return Token(.rightBrace, index - 1, index)
            case 0x2C: index += 1; return Token(.comma, index - 1, index)
            case 0x3B: index += 1; return Token(.semicolon, index - 1, index)
            case 0x22: // "
                return scanString()
            case 0x3C: // <
                return scanLess()
            case 0x3E: // >
                let start = index
                if peek(1) == 0x3D { index += 2; return Token(.greaterEqual, start, index) }
                index += 1
                return Token(.unknown, start, index)
            case 0x2D: // -
                if let next = peek(1), next >= 0x30 && next <= 0x39 { return scanNumber() }
                let start = index
                index += peek(1) == 0x3E ? 2 : 1
                return Token(.unknown, start, index)
            case 0x30...0x39:
                return scanNumber()
            default:
                if IdentifierCharacters.isASCIIStart(byte) {
                    // Most identifiers are ASCII without `-`: scanned here, on a local
                    // position; the rest start over in `scanIdentifier`.
                    let base = bytes.baseAddress!
                    let position = ByteWords.runEnd(from: index &+ 1, of: ByteClasses.identifierContinue, in: base, count: count,
                                                    classes: classes, wordRun: ByteWords.identifierRun)
                    if position < count && (base[position] == 0x2D || base[position] >= 0x80) { return scanIdentifier() }
                    let start = index
                    index = position
                    return Token(.identifier, start, position)
                }
                if byte >= 0x80, let (scalar, _) = UTF8Decoding.decode(bytes, at: index) {
                    if IdentifierCharacters.isStart(scalar) { return scanIdentifier() }
                    if scalar == 0x201C || scalar == 0x201E || scalar == 0x201D { return scanCurlyString() }
                }
                skipInvalidRun()
            }
        }
        return Token(.endOfFile, count, count)
    }

    @inline(__always)
    private func peek(_ distance: Int) -> UInt8? {
        let position = index + distance
        return position < bytes.count ? bytes[position] : nil
    }

    // MARK: - Comments

    private mutating func scanComment() {
        let start = index
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A { break }
            if byte < 0x80 {
                index += 1
            } else {
                skipScalarOrReportInvalid()
            }
        }
        var end = index
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        comments.append(Comment(start: Int32(start), end: Int32(end)))
    }

    // MARK: - Identifiers

    /// Scans runs of identifier characters joined by single `-` (`order-late`, `pelanggan-baru`).
    ///
    /// The hot loops here, in `next`, `skipBlanks` and `scanString` run on local copies of the
    /// position, the bytes' address and the class table: on `self` (which is `inout`), the
    /// compiler stored the position and reloaded both addresses on every byte.
    private mutating func scanIdentifier() -> Token {
        let start = index
        let count = bytes.count
        let base = bytes.baseAddress!
        let classes = self.classes
        var position = index
        while true {
            while position < count {
                let byte = base[position]
                if classes[Int(byte)] & ByteClasses.identifierContinue != 0 {
                    position &+= 1
                } else if byte < 0x80 {
                    break
                } else if let (scalar, length) = UTF8Decoding.decode(bytes, at: position),
                          IdentifierCharacters.isContinue(scalar) {
                    position &+= length
                } else {
                    break
                }
            }
            if position + 1 < count && base[position] == 0x2D && Lexer.startsIdentifier(in: bytes, at: position + 1) {
                position &+= 1
                continue
            }
            index = position
            return Token(.identifier, start, position)
        }
    }

    /// The offset of the first byte at or after `position` that is not a space or a tab.
    @inline(__always)
    private func skipBlanks(from position: Int) -> Int {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return position }
        let classes = self.classes
        var position = position
        while position < count && classes[Int(base[position])] & ByteClasses.blank != 0 { position &+= 1 }
        return position
    }

    /// Static, so that calling it copies nothing of the lexer.
    private static func startsIdentifier(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let byte = bytes[position]
        if byte < 0x80 { return IdentifierCharacters.isASCIIStart(byte) }
        guard let (scalar, _) = UTF8Decoding.decode(bytes, at: position) else { return false }
        return IdentifierCharacters.isStart(scalar)
    }

    // MARK: - Punctuation

    private mutating func scanLess() -> Token {
        let start = index
        if peek(1) == 0x2D && peek(2) == 0x3E {
            index += 3
            return Token(.arrow, start, index)
        }
        if peek(1) == 0x3D {
            index += 2
            return Token(.lessEqual, start, index)
        }
        index += peek(1) == 0x2D ? 2 : 1
        return Token(.unknown, start, index)
    }

    // MARK: - Invalid input

    /// Reports one CXJ005 for a run of bytes that cannot start a token, then skips the run.
    private mutating func skipInvalidRun() {
        let start = index
        var sawInvalidUTF8 = false
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if isTokenStartOrSpace(byte) { break }
                index += 1
            } else if let (scalar, length) = UTF8Decoding.decode(bytes, at: index) {
                if IdentifierCharacters.isStart(scalar) { break }
                index += length
            } else {
                sawInvalidUTF8 = true
                index += 1
            }
        }
        if sawInvalidUTF8 {
            var first = start
            while first < index, bytes[first] < 0x80 || UTF8Decoding.decode(bytes, at: first) != nil { first += 1 }
            reportEncoding(at: first)
            // Characters of the run that are valid but start no token are reported as usual.
            if !(start..<index).contains(where: { bytes[$0] < 0x80 }) { return }
        }
        report(invalidRunDiagnostic(start: start, end: index, invalidUTF8: false))
    }

    private func isTokenStartOrSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0A, 0x23, 0x7B, 0x7D, 0x2C, 0x3B, 0x22, 0x3C, 0x3E, 0x2D, 0x30...0x39:
            return true
        default:
            return IdentifierCharacters.isASCIIStart(byte)
        }
    }

    private func invalidRunDiagnostic(start: Int, end: Int, invalidUTF8: Bool) -> Diagnostic {
        let location = SourceLocation(file: file, start: start, end: end)
        if invalidUTF8 {
            return Diagnostic(.invalidCharacter, "invalid UTF-8", at: location, label: "these bytes are not valid UTF-8",
                              help: "save the file as UTF-8")
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let quoted = text.unicodeScalars.count == 1 ? "character `\(text)`" : "characters `\(Format.excerpt(text, limit: 20))`"
        var diagnostic = Diagnostic(.invalidCharacter, "unexpected \(quoted)", at: location,
                                    label: "no token starts with this")
        if text == ":" || text == "=" {
            diagnostic.help = "a keyword and its value are separated by a space: remove the `\(text)`"
            // Remove the character and spaces before it, keeping one space before the value.
            var from = start
            while from > 0 && (bytes[from - 1] == 0x20 || bytes[from - 1] == 0x09) { from -= 1 }
            let spaced = end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09)
            diagnostic.fixes = [Fix("remove the `\(text)`", edits: [Edit(SourceLocation(file: file, start: from, end: end), spaced ? "" : " ")],
                                    isSafe: true)]
        } else if text == "'" {
            diagnostic.help = "strings are written in double quotes: `\"…\"`"
        }
        return diagnostic
    }

    /// Steps over one valid UTF-8 scalar, or reports and skips a run of invalid bytes.
    mutating func skipScalarOrReportInvalid() {
        if let (_, length) = UTF8Decoding.decode(bytes, at: index) {
            index += length
            return
        }
        let start = index
        index += 1
        while index < bytes.count && bytes[index] >= 0x80 && UTF8Decoding.decode(bytes, at: index) == nil {
            index += 1
        }
        reportEncoding(at: start)
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }
}
