/// Derives cxj identifiers from labels in any script, unique within a namespace:
/// `Make tea` → `make-tea`, `ส่งรูปกล่อง` → `ส่งรูปกล่อง`, `担心 2` → `担心_2`, a repeat → `make-tea_2`.
///
/// Words are runs of identifier characters, lower-cased; they are joined with `-` when the next
/// word starts with a letter (as the lexer requires after `-`) and with `_` otherwise. A label
/// with no letter at its start gets the prefix given by the caller (`step_1`).
struct IdentifierMaker {
    private var used = Set<String>()

    mutating func make(from label: String, prefix: String) -> String {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in label.unicodeScalars {
            if IdentifierCharacters.isContinue(scalar.value) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        var base = ""
        for word in words.prefix(5) {
            let lowered = word.lowercased()
            if base.isEmpty {
                base = lowered
            } else {
                let startsWithLetter = lowered.unicodeScalars.first.map { IdentifierCharacters.isStart($0.value) } ?? false
                base += (startsWithLetter ? "-" : "_") + lowered
            }
        }
        if let first = base.unicodeScalars.first, !IdentifierCharacters.isStart(first.value) { base = prefix + "_" + base }
        if base.isEmpty { base = prefix }
        var candidate = base
        var suffix = 2
        while used.contains(candidate) {
            candidate = base + "_\(suffix)"
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }
}
