/// Text made safe for HTML: control and bidirectional characters shown as visible escapes
/// (as `Visible` does for terminals, and because an HTML parser rejects most of them), then
/// `& < > "` and `'` as character references, so text is safe in content and in quoted attributes.
enum HTMLText {
    static func escape(_ text: String) -> String {
        let visible = Visible.escape(text)
        var needs = false
        for byte in visible.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            needs = true
            break
        }
        guard needs else { return visible }
        var result = ""
        result.reserveCapacity(visible.utf8.count + 16)
        for scalar in visible.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// An ASCII name for a file or fragment made from any identifier, without collisions:
    /// ASCII letters, digits, `-` and `_` stay; any other character is `~HEX~` (cxj
    /// identifiers never hold `~`).
    static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": result.unicodeScalars.append(scalar)
            default: result += "~" + String(scalar.value, radix: 16) + "~"
            }
        }
        return result.isEmpty ? "~" : result
    }
}
