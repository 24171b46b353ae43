/// Makes text safe to print on a terminal or in a CI log: control characters (C0, DEL, C1)
/// and the bidirectional controls that can reorder what a reviewer sees ("Trojan Source")
/// are shown as escapes such as `\u{1B}`, so a label in a source file can never recolour,
/// retitle or rewrite a reviewer's terminal. DOT and JSON escape in their own syntax instead.
public enum Visible {
    /// The text with every unsafe character escaped; `keepNewlines` keeps LF for multi-line
    /// output such as reports.
    public static func escape(_ text: String, keepNewlines: Bool = false) -> String {
        guard needsEscaping(text, keepNewlines: keepNewlines) else { return text }
        return escape(text) { byte in keepNewlines && byte == 0x0A ? [0x0A] : nil }
    }

    /// The text with every unsafe character escaped, after the ASCII bytes that `replacement`
    /// maps have been replaced by what it gives (a format's own escapes, such as GitHub's `%0A`).
    /// Read and written as UTF-8 bytes; what needs no escape is copied as it is.
    static func escape(_ text: String, replacing replacement: (UInt8) -> [UInt8]?) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if let replaced = replacement(byte) {
                        out.append(contentsOf: replaced)
                    } else if isUnsafe(UInt32(byte)) {
                        out.append(contentsOf: escaped(UInt32(byte)).utf8)
                    } else {
                        out.append(byte)
                    }
                    index += 1
                    continue
                }
                // A `String`'s UTF-8 is valid: every scalar decodes.
                let (scalar, length) = UTF8Decoding.decode(bytes, at: index) ?? (0xFFFD, 1)
                if isUnsafe(scalar) {
                    out.append(contentsOf: escaped(scalar).utf8)
                } else {
                    out.append(contentsOf: bytes[index..<index + length])
                }
                index += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether the text holds anything to escape, read as UTF-8 bytes: C0 and DEL, C1
    /// (0xC2 0x80–0x9F) and the bidirectional controls (0xE2 0x80 0xAA–0xAE, 0xE2 0x81 0xA6–0xA9).
    static func needsEscaping(_ text: String, keepNewlines: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20 {
                    if !(byte == 0x0A && keepNewlines) { return true }
                } else if byte == 0x7F {
                    return true
                } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9F {
                    return true
                } else if byte == 0xE2, index + 2 < bytes.count {
                    let second = bytes[index + 1]
                    let third = bytes[index + 2]
                    if (second == 0x80 && third >= 0xAA && third <= 0xAE) || (second == 0x81 && third >= 0xA6 && third <= 0xA9) {
                        return true
                    }
                }
                index += 1
            }
            return false
        }
    }

    /// Whether a scalar must not reach a terminal as it is.
    public static func isUnsafe(_ value: UInt32) -> Bool {
        value < 0x20 || (value >= 0x7F && value <= 0x9F) || (value >= 0x202A && value <= 0x202E)
            || (value >= 0x2066 && value <= 0x2069)
    }

    /// `\u{1B}` for U+001B.
    public static func escaped(_ value: UInt32) -> String {
        "\\u{" + String(value, radix: 16, uppercase: true) + "}"
    }
}
