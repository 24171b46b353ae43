/// Makes text safe inside a Mermaid `journey` diagram, whose grammar breaks silently on a few
/// characters (Mermaid 11's `journey.jison`):
/// - `#` starts a comment and `%%` too (anywhere after the first character);
/// - `;` is an invalid token;
/// - `:` ends a task name and a section title, and splits a task's data;
/// - `,` splits the actors of a task;
/// - a task name that begins with `journey`, `title`, `section`, `accTitle` or `accDescr`
///   (in any case) is read as that keyword.
/// Each is replaced by a look-alike that Mermaid treats as text (`＃`, `；`, `∶`, `‚`, `％`), and
/// a word joiner (U+2060, invisible) goes before a leading keyword. Line breaks, tabs and
/// control characters become spaces. CJK, Thai and emoji pass unchanged.
enum MermaidText {
    enum Place {
        case title, section, task, actor
    }

    static func escape(_ text: String, as place: Place) -> String {
        var text = text
        var escaped = text.withUTF8 { escapeScalars($0, as: place) }
        // Only a name that starts with one of these letters can start with a keyword once
        // lowered (no other character lowers to an ASCII `j`, `t`, `s` or `a`).
        if place == .task, let first = escaped.utf8.first, [0x6A, 0x4A, 0x74, 0x54, 0x73, 0x53, 0x61, 0x41].contains(first) {
            let lowered = escaped.lowercased()
            if ["journey", "title", "section", "acctitle", "accdescr"].contains(where: { lowered.hasPrefix($0) }) {
                escaped = "\u{2060}" + escaped
            }
        }
        return escaped
    }

    /// The replacements and the folding of spaces, over UTF-8 a scalar at a time: walking
    /// `unicodeScalars` into a `String.UnicodeScalarView` was a tenth of `--to report`.
    private static func escapeScalars(_ bytes: UnsafeBufferPointer<UInt8>, as place: Place) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        var previous: UInt32 = 0x20
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            var scalar = UInt32(lead)
            var length = 1
            if lead >= 0x80 {
                length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                scalar = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for next in 1..<length where index + next < count { scalar = scalar << 6 | UInt32(bytes[index + next] & 0x3F) }
            }
            var replacement = scalar
            switch scalar {
            case 0x23: replacement = 0xFF03                                   // #
            case 0x3B: replacement = 0xFF1B                                   // ;
            case 0x3A where place != .title: replacement = 0x2236             // :
            case 0x2C where place == .actor: replacement = 0x201A             // ,
            case 0x25 where previous == 0x25: replacement = 0xFF05            // %%
            case 0x7B where place == .task && result.isEmpty,
                 0x7D where place == .task && result.isEmpty: replacement = 0x2060
            default:
                if Visible.isUnsafe(scalar) || scalar == 0x2028 || scalar == 0x2029 { replacement = 0x20 }
            }
            let start = index
            index += length
            if replacement == 0x20 && (previous == 0x20 || result.isEmpty) { continue }
            previous = replacement
            if replacement == scalar {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<min(index, count)]))
            } else {
                append(replacement, to: &result)
            }
        }
        while result.last == 0x20 { result.removeLast() }
        return String(decoding: result, as: UTF8.self)
    }

    private static func append(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | scalar >> 6))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | scalar >> 12))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | scalar >> 18))
            bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
