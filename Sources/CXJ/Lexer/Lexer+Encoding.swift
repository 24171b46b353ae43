extension Lexer {
    /// Reports, once per file, that the file is not UTF-8: at the first bad byte, with how many
    /// there are and which encoding the bytes look like. A file saved as Windows-1252 or
    /// Latin-1 has single bytes from 0x80 up where UTF-8 has sequences; converting each one is
    /// offered as a fix (not a safe one: the encoding is a guess).
    mutating func reportEncoding(at start: Int) {
        guard !reportedEncoding else { return }
        reportedEncoding = true
        var bad: [Int] = []
        var singleBytes = true
        var position = start
        while position < bytes.count {
            if bytes[position] < 0x80 {
                position += 1
            } else if let (_, length) = UTF8Decoding.decode(bytes, at: position) {
                position += length
            } else {
                bad.append(position)
                if position + 1 < bytes.count && bytes[position + 1] >= 0x80 && bytes[position + 1] < 0xC0 { singleBytes = false }
                position += 1
            }
        }
        let first = bytes[start]
        let looksLike = singleBytes
            ? (bad.contains { bytes[$0] >= 0x80 && bytes[$0] < 0xA0 } ? "Windows-1252" : "Latin-1 (ISO 8859-1) or Windows-1252")
            : nil
        var diagnostic = Diagnostic(
            .invalidCharacter, looksLike.map { "this file is not UTF-8: it looks like \($0)" } ?? "this file is not valid UTF-8",
            at: SourceLocation(file: file, start: start, end: start + 1),
            label: "the first byte that is not UTF-8 (0x\(String(first, radix: 16, uppercase: true)))",
            notes: ["\(Format.count(bad.count, "byte")) in the file \(bad.count == 1 ? "is" : "are") not UTF-8; cxj reads source files as UTF-8"],
            help: "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8)")
        if looksLike != nil && bad.count <= 10_000 {
            let edits = bad.map { offset in
                Edit(SourceLocation(file: file, start: offset, end: offset + 1), String(Windows1252.decode(bytes[offset])))
            }
            diagnostic.fixes = [Fix("convert the file from Windows-1252 to UTF-8", edits: edits, isSafe: false)]
        }
        report(diagnostic)
    }

    /// Scans a string between curly quotes (“…”, „…“), pasted from a word processor: one error
    /// that says to use straight quotes, with the fix, and a string token so parsing goes on.
    mutating func scanCurlyString() -> Token {
        let start = index
        index += 3
        var closing: Int? = nil
        while index < bytes.count && bytes[index] != 0x0A {
            if bytes[index] == 0x22 {
                closing = index
                index += 1
                break
            }
            if bytes[index] == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0x9D || bytes[index + 2] == 0x9C) {
                closing = index
                index += 3
                break
            }
            index += 1
        }
        var end = index
        if closing == nil { while end > start + 3 && (bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20) { end -= 1 } }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start + 3..<(closing ?? end)]), as: UTF8.self)
        var edits = [Edit(SourceLocation(file: file, start: start, end: start + 3), "\"")]
        if let closing {
            edits.append(Edit(SourceLocation(file: file, start: closing, end: index), "\""))
        } else {
            edits.append(Edit(SourceLocation(file: file, start: end, end: end), "\""))
        }
        var diagnostic = Diagnostic(
            .invalidCharacter, "curly quotes do not make a string", at: SourceLocation(file: file, start: start, end: index),
            label: "typographic quotes, as a word processor writes them",
            help: "use straight quotes: `\"\(Format.excerpt(text))\"`")
        diagnostic.fixes = [Fix("use straight quotes", edits: edits, isSafe: true)]
        report(diagnostic)
        return Token(.string, start, index)
    }
}

/// The characters of Windows-1252 bytes 0x80–0xFF (0x80–0x9F differ from Latin-1).
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func decode(_ byte: UInt8) -> Character {
        let value = byte >= 0x80 && byte < 0xA0 ? high[Int(byte - 0x80)] : UInt32(byte)
        return Character(Unicode.Scalar(value)!)
    }
}
