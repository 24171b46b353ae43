/// Makes text safe to print on a terminal or in a CI log: control characters (C0, DEL, C1)
/// and the bidirectional controls that can reorder what a reviewer sees ("Trojan Source")
/// are shown as escapes such as `\u{1B}`, so a label in a source file can never recolour,
/// retitle or rewrite a reviewer's terminal. DOT and JSON escape in their own syntax instead.
public enum Visible {
    /// The text with every unsafe character escaped; `keepNewlines` keeps LF for multi-line
    /// output such as reports.
    public static func escape(_ text: String, keepNewlines: Bool = false) -> String {
        var needed = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
            if byte == 0x0A && keepNewlines { continue }
            needed = true
            break
        }
        guard needed else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar.value) && !(keepNewlines && scalar == "\n") {
                result.append(contentsOf: escaped(scalar.value).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
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
