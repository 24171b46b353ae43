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
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            var replacement: Unicode.Scalar = scalar
            switch scalar {
            case "#": replacement = "\u{FF03}"
            case ";": replacement = "\u{FF1B}"
            case ":" where place != .title: replacement = "\u{2236}"
            case "," where place == .actor: replacement = "\u{201A}"
            case "%" where previous == "%": replacement = "\u{FF05}"
            case "{" where place == .task && result.isEmpty, "}" where place == .task && result.isEmpty: replacement = "\u{2060}"
            default:
                if Visible.isUnsafe(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" { replacement = " " }
            }
            if replacement == " " && (previous == " " || result.isEmpty) { continue }
            result.append(replacement)
            previous = replacement
        }
        while result.last == " " { result.removeLast() }
        var escaped = String(result)
        if place == .task {
            let lowered = escaped.lowercased()
            if ["journey", "title", "section", "acctitle", "accdescr"].contains(where: { lowered.hasPrefix($0) }) {
                escaped = "\u{2060}" + escaped
            }
        }
        return escaped
    }
}
