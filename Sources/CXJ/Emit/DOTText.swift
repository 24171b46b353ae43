/// Escaping and wrapping for Graphviz output.
enum DOTText {
    /// A DOT identifier derived from a source identifier, safe as an unquoted ID and free of
    /// collisions: ASCII letters and digits stay, `_` becomes `__`, `-` becomes `_h`, and any
    /// other scalar becomes `_u` + hex + `_` (so `ลูกค้า` and `担心` are safe too).
    static func identifier(_ prefix: StaticString, _ name: String) -> String {
        var name = name
        return name.withUTF8 { identifier(prefix, utf8: $0) }
    }

    /// `identifier(prefix, name)` for a name given as UTF-8. A name of ASCII letters, digits and
    /// `_` (most are) is copied straight into the identifier's storage: one allocation at most,
    /// none for identifiers of up to 15 bytes, where decoding scalars and appending them cost
    /// about 2,000 instructions a name. Other names are spelled scalar by scalar.
    static func identifier(_ prefix: StaticString, utf8 name: UnsafeBufferPointer<UInt8>) -> String {
        let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard isPlain(name) else { return spelledByScalar(prefixBytes, name) }
        let underscores = name.reduce(0) { $0 + ($1 == 0x5F ? 1 : 0) }
        return String(unsafeUninitializedCapacity: prefixBytes.count + 1 + name.count + underscores) { buffer in
            var count = 0
            spellPlain(prefixBytes, name) { byte in
                buffer[count] = byte
                count += 1
            }
            return count
        }
    }

    /// Appends `identifier(prefix, utf8: name)` to `bytes`, without making a `String` for a
    /// plain name (a diagram's steps and actions, tens of thousands of them).
    static func appendIdentifier(_ prefix: StaticString, utf8 name: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard isPlain(name) else {
            bytes.append(contentsOf: spelledByScalar(prefixBytes, name).utf8)
            return
        }
        spellPlain(prefixBytes, name) { bytes.append($0) }
    }

    /// Whether a name is only ASCII letters, digits and `_`, which an identifier keeps as they are.
    static func isPlain(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.allSatisfy { isLetterOrDigit($0) || $0 == 0x5F }
    }

    /// The identifier of a plain name, byte by byte: the prefix, `_`, and the name with each `_`
    /// doubled.
    @inline(__always)
    private static func spellPlain(_ prefix: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>, _ emit: (UInt8) -> Void) {
        for byte in prefix { emit(byte) }
        emit(0x5F)
        for byte in name {
            emit(byte)
            if byte == 0x5F { emit(0x5F) }
        }
    }

    /// Spells the identifier of a plain name at `space`, which has room for the prefix, `_`
    /// and twice the name; returns how many bytes it wrote.
    static func spellPlain(_ prefix: StaticString, _ name: UnsafeBufferPointer<UInt8>, into space: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        spellPlain(UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount), name) { byte in
            space[count] = byte
            count += 1
        }
        return count
    }

    /// The identifier of a name with a `-` or a character beyond ASCII letters and digits.
    private static func spelledByScalar(_ prefix: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>) -> String {
        var bytes = Array(prefix)
        bytes.append(0x5F)
        for scalar in String(decoding: name, as: UTF8.self).unicodeScalars {
            let value = scalar.value
            if value < 0x80 && isLetterOrDigit(UInt8(value)) {
                bytes.append(UInt8(value))
            } else if value == 0x5F {
                bytes.append(contentsOf: [0x5F, 0x5F])
            } else if value == 0x2D {
                bytes.append(contentsOf: [0x5F, 0x68])
            } else {
                bytes.append(contentsOf: [0x5F, 0x75])
                bytes.append(contentsOf: String(value, radix: 16, uppercase: true).utf8)
                bytes.append(0x5F)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Text escaped for an HTML-like label: `&`, `<`, `>` and `"` become entities and control
    /// characters are dropped. Quotes, backslashes and `{}|%` need nothing else in this kind
    /// of label, and non-ASCII text is kept as UTF-8.
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { result += " " } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}

extension OutputWriter {
    /// Writes UTF-8 text into an HTML-like label, escaped (see `DOTText.html`), wrapped at
    /// `width` display columns with `<br/>`: at spaces where it can, inside long words where
    /// it must, and never before a zero-width mark (so Thai clusters stay whole).
    mutating func writeLabel(_ bytes: UnsafeBufferPointer<UInt8>, width: Int) {
        var index = 0
        var lineWidth = 0
        let count = bytes.count
        while index < count {
            // Skip separators between words.
            while index < count && (bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 || bytes[index] == 0x0D) {
                index += 1
            }
            guard index < count else { break }
            // Most words are printable ASCII: one column a byte. Others are measured scalar
            // by scalar. A word that needs no escaping and fits is written in one piece.
            var end = index
            var isPlainASCII = true
            while end < count {
                let byte = bytes[end]
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { break }
                if byte < 0x20 || byte >= 0x7F || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 { isPlainASCII = false }
                end += 1
            }
            var wordWidth = end - index
            var needsEscaping = false
            if !isPlainASCII {
                wordWidth = 0
                var position = index
                while position < end {
                    guard let (scalar, length) = UTF8Decoding.decode(bytes, at: position) else {
                        needsEscaping = true
                        wordWidth += DisplayWidth.of(scalar: 0xFFFD)
                        position += 1
                        continue
                    }
                    if scalar < 0x20 || scalar == 0x7F || scalar == 0x26 || scalar == 0x3C || scalar == 0x3E || scalar == 0x22 {
                        needsEscaping = true
                    }
                    wordWidth += DisplayWidth.of(scalar: scalar)
                    position += length
                }
            }
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                write(byte: 0x20)
                lineWidth += 1
            } else if lineWidth > 0 {
                write("<br/>")
                lineWidth = 0
            }
            // A word that fits is never broken inside.
            if !needsEscaping && lineWidth + wordWidth <= width {
                write(bytes: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                lineWidth += wordWidth
                index = end
                continue
            }
            var position = index
            while position < end {
                let (scalar, length) = UTF8Decoding.decode(bytes, at: position) ?? (0xFFFD, 1)
                let scalarWidth = DisplayWidth.of(scalar: scalar)
                if lineWidth > 0 && scalarWidth > 0 && lineWidth + scalarWidth > width {
                    write("<br/>")
                    lineWidth = 0
                }
                writeEscaped(scalar, bytes: UnsafeBufferPointer(rebasing: bytes[position..<position + length]))
                lineWidth += scalarWidth
                position += length
            }
            index = end
        }
    }

    /// Writes a string into an HTML-like label, escaped, without wrapping.
    mutating func writeHTML(_ text: String) {
        var text = text
        text.withUTF8 { writeHTML($0) }
    }

    /// Writes UTF-8 text into an HTML-like label, escaped, without wrapping.
    mutating func writeHTML(_ bytes: UnsafeBufferPointer<UInt8>) {
        var position = 0
        while position < bytes.count {
            let (scalar, length) = UTF8Decoding.decode(bytes, at: position) ?? (0xFFFD, 1)
            writeEscaped(scalar, bytes: UnsafeBufferPointer(rebasing: bytes[position..<position + length]))
            position += length
        }
    }

    @inline(__always)
    private mutating func writeEscaped(_ scalar: UInt32, bytes: UnsafeBufferPointer<UInt8>) {
        switch scalar {
        case 0x26: write("&amp;")
        case 0x3C: write("&lt;")
        case 0x3E: write("&gt;")
        case 0x22: write("&quot;")
        case 0..<0x20, 0x7F: write(byte: 0x20)
        case 0xFFFD where bytes.count == 1: write("\u{FFFD}")
        default: write(bytes: bytes)
        }
    }
}
