/// Reads a Mermaid `journey` diagram the way Mermaid 11's grammar (`journey.jison`) does,
/// line by line, and reports with the Mermaid file's positions:
/// - what Mermaid itself rejects is an error (CXJ301 no `journey` header, CXJ302 syntax);
/// - what Mermaid accepts but cxj cannot map is a warning and is skipped (CXJ303 a score that
///   is not 1 to 5, CXJ304 a line with no meaning in cxj, such as a directive or `click`);
/// - a diagram without tasks is CXJ305.
/// `%%` and `#` comments are kept; `%% cxj: emotion N` before a task carries an exact emotion.
struct MermaidJourneyParser {
    private let source: SourceFile
    private var journey = MermaidJourney()
    private var pendingEmotion: Int?? = nil
    private var sawHeader = false

    init(source: SourceFile) {
        self.source = source
    }

    static func parse(_ source: SourceFile) -> MermaidJourney {
        var parser = MermaidJourneyParser(source: source)
        parser.run()
        return parser.journey
    }

    private mutating func report(_ code: Code, _ message: String, _ range: Range<Int>, label: String? = nil,
                                 notes: [String] = [], help: String? = nil) {
        journey.diagnostics.append(Diagnostic(code, message, at: SourceLocation(file: 0, start: range.lowerBound, end: range.upperBound),
                                              label: label, notes: notes, help: help))
    }

    private mutating func run() {
        let bytes = source.bytes
        var lines: [(text: String, start: Int)] = []
        var start = source.contentStart
        var index = start
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x0A {
                var end = index
                if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                lines.append((String(decoding: bytes[start..<end], as: UTF8.self), start))
                start = index + 1
            }
            index += 1
        }
        var lineIndex = 0
        // YAML front matter: `---`, `title: …`, `---`.
        if let first = lines.first, first.text.trimmingSpaces == "---" {
            lineIndex = 1
            while lineIndex < lines.count && lines[lineIndex].text.trimmingSpaces != "---" {
                let line = lines[lineIndex]
                let text = line.text.trimmingSpaces
                if text.lowercased().hasPrefix("title:") {
                    journey.title = String(text.dropFirst(6)).trimmingSpaces.unquoted
                } else if !text.isEmpty && !text.hasPrefix("#") {
                    report(.mermaidUnmapped, "front matter other than `title` is not kept", range(of: line),
                           label: "skipped", notes: ["cxj keeps the title; themes and configuration belong to Mermaid"])
                }
                lineIndex += 1
            }
            lineIndex += 1
        }
        var multilineDescription: (text: [String], start: Int)? = nil
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            lineIndex += 1
            let leading = line.text.prefix { $0 == " " || $0 == "\t" }
            let text = String(line.text.dropFirst(leading.count))
            let offset = line.start + leading.utf8.count
            if var description = multilineDescription {
                if let close = text.firstIndex(of: "}") {
                    description.text.append(String(text[..<close]))
                    journey.accessibleDescription = description.text.map { $0.trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: "\n")
                    multilineDescription = nil
                } else {
                    description.text.append(text)
                    multilineDescription = description
                }
                continue
            }
            if text.isEmpty { continue }
            if text.hasPrefix("%%{") {
                report(.mermaidUnmapped, "Mermaid directives are not kept", offset..<offset + text.utf8.count, label: "skipped",
                       notes: ["a directive configures Mermaid's rendering; it has no meaning in a journey"])
                continue
            }
            if text.hasPrefix("%%") {
                comment(String(text.dropFirst(2)))
                continue
            }
            if text.hasPrefix("#") {
                comment(String(text.dropFirst(1)))
                continue
            }
            // What follows `#` or `%%` on a line is a comment to Mermaid.
            var statement = text
            if let cut = commentStart(in: text) {
                statement = String(text[..<cut])
                let rest = String(text[cut...])
                comment(String(rest.hasPrefix("%%") ? rest.dropFirst(2) : rest.dropFirst(1)))
            }
            statement = statement.trimmingSpaces
            if statement.isEmpty { continue }
            let statementRange = offset..<offset + statement.utf8.count
            let lowered = statement.lowercased()
            if !sawHeader {
                if lowered == "journey" || lowered.hasPrefix("journey ") {
                    sawHeader = true
                    continue
                }
                report(.mermaidNotJourney, "this is not a Mermaid `journey` diagram", statementRange,
                       label: "expected `journey`", help: "a journey diagram starts with the line `journey`")
                return
            }
            if let semicolon = statement.firstIndex(of: ";") {
                let at = offset + statement[..<semicolon].utf8.count
                report(.mermaidSyntax, "Mermaid rejects `;` in a journey diagram", at..<at + 1, label: "invalid here",
                       help: "put each statement on its own line")
                continue
            }
            if lowered == "journey" || lowered.hasPrefix("journey ") {
                report(.mermaidUnmapped, "a second `journey` header is ignored", statementRange, label: "skipped")
            } else if lowered.hasPrefix("title ") || lowered.hasPrefix("title\t") {
                journey.title = String(statement.dropFirst(6)).trimmingSpaces
            } else if lowered.hasPrefix("acctitle") && statement.dropFirst(8).trimmingSpaces.hasPrefix(":") {
                journey.accessibleTitle = String(statement.dropFirst(8).trimmingSpaces.dropFirst()).trimmingSpaces
            } else if lowered.hasPrefix("accdescr") && statement.dropFirst(8).trimmingSpaces.hasPrefix(":") {
                journey.accessibleDescription = String(statement.dropFirst(8).trimmingSpaces.dropFirst()).trimmingSpaces
            } else if lowered.hasPrefix("accdescr") && statement.dropFirst(8).trimmingSpaces.hasPrefix("{") {
                let body = String(statement.dropFirst(8).trimmingSpaces.dropFirst())
                if let close = body.firstIndex(of: "}") {
                    journey.accessibleDescription = String(body[..<close]).trimmingSpaces
                } else {
                    multilineDescription = ([body], offset)
                }
            } else if lowered.hasPrefix("section ") || lowered.hasPrefix("section\t") || lowered == "section" {
                section(statement, at: offset)
            } else if lowered.hasPrefix("click ") || lowered.hasPrefix("style ") || lowered.hasPrefix("classdef ") {
                report(.mermaidUnmapped, "`\(statement.prefix { $0 != " " })` has no meaning in a journey and is skipped",
                       statementRange, label: "skipped")
            } else {
                task(statement, at: offset)
            }
        }
        if multilineDescription != nil {
            report(.mermaidSyntax, "the `accDescr {` block is never closed", source.bytes.count..<source.bytes.count,
                   label: "the file ends here", help: "close the description with `}`")
        }
        if !sawHeader {
            report(.mermaidNotJourney, "this is not a Mermaid `journey` diagram", 0..<0, label: "no `journey` line",
                   help: "a journey diagram starts with the line `journey`")
        } else if journey.tasks.isEmpty && !journey.diagnostics.contains(where: { $0.severity == .error }) {
            report(.mermaidNoTasks, "the diagram has no tasks", 0..<0, label: "nothing to import",
                   help: "add tasks such as `Make tea: 5: Me` under a `section`")
        }
    }

    private func range(of line: (text: String, start: Int)) -> Range<Int> {
        line.start..<line.start + line.text.utf8.count
    }

    /// Where a comment starts on a statement line: `#`, or `%%` after the first character.
    private func commentStart(in text: String) -> String.Index? {
        var previous: Character? = nil
        for index in text.indices {
            let character = text[index]
            if character == "#" { return index }
            if character == "%" && previous != nil && previous != "}" {
                let next = text.index(after: index)
                if next < text.endIndex && text[next] == "%" { return index }
            }
            previous = character
        }
        return nil
    }

    private mutating func comment(_ text: String) {
        let trimmed = text.trimmingSpaces
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("cxj:") {
            let value = trimmed.dropFirst(4).trimmingSpaces
            if value == "no emotion" {
                pendingEmotion = .some(nil)
                return
            }
            if value.hasPrefix("emotion "), let number = Int(value.dropFirst(8).trimmingSpaces), (-3...3).contains(number) {
                pendingEmotion = .some(number)
                return
            }
        }
        if sawHeader {
            journey.items.append(.comment(trimmed))
        } else {
            journey.leadingComments.append(trimmed)
        }
    }

    private mutating func section(_ statement: String, at offset: Int) {
        let title = String(statement.dropFirst(7)).trimmingSpaces
        if let colon = title.firstIndex(of: ":") {
            let at = offset + statement.utf8.count - title.utf8.count + title[..<colon].utf8.count
            report(.mermaidSyntax, "Mermaid rejects `:` in a section title", at..<at + 1, label: "ends the title",
                   help: "write the title without `:`, for example with ` -` or `∶` instead")
            return
        }
        if title.isEmpty {
            report(.mermaidSyntax, "a `section` needs a title", offset..<offset + statement.utf8.count, label: "no title")
            return
        }
        journey.items.append(.section(title: title, range: offset..<offset + statement.utf8.count))
    }

    private mutating func task(_ statement: String, at offset: Int) {
        let whole = offset..<offset + statement.utf8.count
        guard let colon = statement.firstIndex(of: ":") else {
            report(.mermaidSyntax, "a task needs a score after `:`", whole, label: "no score",
                   notes: ["Mermaid writes a task as `Task name: score: actor, actor`"],
                   help: "add a score from 1 to 5, such as `\(statement): 3`")
            pendingEmotion = nil
            return
        }
        let name = String(statement[..<colon]).trimmingSpaces
        guard !name.isEmpty else {
            report(.mermaidSyntax, "a task needs a name before `:`", whole, label: "no name")
            pendingEmotion = nil
            return
        }
        let pieces = statement[statement.index(after: colon)...].split(separator: ":", omittingEmptySubsequences: false)
        let scoreText = pieces[0].trimmingSpaces
        let scoreStart = offset + statement[...colon].utf8.count + (pieces[0].utf8.count - pieces[0].drop { $0 == " " || $0 == "\t" }.utf8.count)
        let scoreRange = scoreStart..<scoreStart + max(scoreText.utf8.count, 1)
        var score: Double? = nil
        // JavaScript's Number(): an empty score is 0.
        if let value = scoreText.isEmpty ? 0 : Double(scoreText), value.isFinite {
            if value < 1 || value > 5 {
                report(.mermaidScore, "score `\(scoreText)` lies outside 1 to 5", scoreRange, label: "out of range",
                       notes: ["the emotion is taken from the nearest score, \(Format.decimal(min(max(value, 1), 5), digits: 1))"])
            }
            score = min(max(value, 1), 5)
        } else {
            report(.mermaidScore, "score `\(Format.excerpt(scoreText))` is not a number", scoreRange, label: "not a number",
                   notes: ["the step is imported without an emotion"])
        }
        let actors = pieces.count > 1
            ? pieces[1].split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty } : []
        if pieces.count > 2 {
            report(.mermaidUnmapped, "text after the actors is ignored", whole, label: "Mermaid drops what follows a third `:`")
        }
        journey.items.append(.task(MermaidJourney.Task(name: name, nameRange: offset..<offset + statement[..<colon].utf8.count,
                                                       score: score, actors: actors, exactEmotion: pendingEmotion)))
        pendingEmotion = nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let trimmed = drop { $0 == " " || $0 == "\t" }
        return String(trimmed.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// The text without one pair of surrounding double or single quotes.
    var unquoted: String {
        let text = String(self)
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
