/// The documentation of the errors in the language (CXJ001–CXJ111), in the same shape as the
/// gap rules' (see `GapRule`). Examples are checked as a file named `example.cxj`.
enum LanguageErrorDocumentation {
    static func documentation(of code: Code) -> CodeDocumentation? {
        switch code {
        case .unexpectedToken:
            return CodeDocumentation(
                summary: "a token that does not fit the statement",
                meaning: "A statement is malformed: a name, label, value or punctuation is missing or in the wrong place. The message says what was expected and what was found.",
                rationale: "cxj reports one error per mistake and reads on, so a file with a slip still shows every other problem; fix this one first.",
                failing: "team care\n", fixed: "team care \"Customer care\"\n")
        case .unterminatedString:
            return CodeDocumentation(
                summary: "a string that is not closed",
                meaning: "A one-line string reaches the end of its line without its closing `\"`, or a `\"\"\"` string is never closed.",
                rationale: "An open string swallows what follows it. Use `\"\"\"` for text that spans lines.",
                failing: "team care \"Customer care\n", fixed: "team care \"Customer care\"\n")
        case .invalidEscape:
            return CodeDocumentation(
                summary: "an escape sequence that does not exist",
                meaning: "A backslash in a string starts something other than `\\\"`, `\\\\`, `\\n`, `\\t` or `\\u{…}` with 1 to 8 hex digits of a valid Unicode scalar.",
                rationale: "Text copied from elsewhere often carries stray backslashes; write `\\\\` for a literal one.",
                failing: "team data \"Data\" { note \"Use \\d for digits\" }\n",
                fixed: "team data \"Data\" { note \"Use \\\\d for digits\" }\n")
        case .unclosedBrace:
            return CodeDocumentation(
                summary: "a `{` that is never closed",
                meaning: "A block opened with `{` has no matching `}`. cxj points at the `{` that was left open, using the indentation that follows to find it.",
                rationale: "A missing brace makes a block swallow the statements after it; the error names the block to close.",
                failing: "team care \"Customer care\" {\n  note \"Owns the social channels\"\n",
                fixed: "team care \"Customer care\" {\n  note \"Owns the social channels\"\n}\n")
        case .invalidCharacter:
            return CodeDocumentation(
                summary: "invalid UTF-8, or a character that cannot start a token",
                meaning: "The file holds bytes that are not UTF-8 (reported once, at the first one, with the encoding the file looks like, such as Windows-1252), curly quotes pasted from a word processor, or a character such as `:`, `=` or `@` outside a string and comment.",
                rationale: "A keyword and its value are separated by a space, not by `:` or `=` as in YAML or JSON.",
                failing: "channel web \"Website\" { kind: digital }\n", fixed: "channel web \"Website\" { kind digital }\n")
        case .malformedNumber:
            return CodeDocumentation(
                summary: "a malformed number or an unknown unit",
                meaning: "A number has `_` or `.` in the wrong place, or a unit other than `%`, `s`, `min`, `h`, `d` and `w`.",
                rationale: "Units make values comparable (`36h` misses `<= 1d`); an unknown unit would silently mean nothing.",
                failing: "journey funnel \"Funnel\" {\n  stage visit \"Visits\" {\n    target-conversion 90pct\n  }\n}\n",
                fixed: "journey funnel \"Funnel\" {\n  stage visit \"Visits\" {\n    target-conversion 90%\n  }\n}\n")
        case .unknownReference:
            return CodeDocumentation(
                summary: "a name that is not declared",
                meaning: "A reference names no element of the right kind: no such team, channel, persona, system, stage, step, action or rule. `help:` suggests the closest names.",
                rationale: "A typo in a name would otherwise cut a step off from its action or an action off from its owner.",
                failing: "team care \"Customer care\"\n\njourney late \"Late order\" {\n  owner cxre\n  stage worry \"Worry\" { phase recognize }\n}\n",
                fixed: "team care \"Customer care\"\n\njourney late \"Late order\" {\n  owner care\n  stage worry \"Worry\" { phase recognize }\n}\n")
        case .duplicateDefinition:
            return CodeDocumentation(
                summary: "a name declared twice",
                meaning: "Two declarations of the same kind share a name across a file and its imports, two journey elements share a name within a journey, or two journeys share a name within a file.",
                rationale: "References must be unambiguous; the second declaration is reported and the first labelled. When two catalogues a file imports declare the same name, the importing file reports it, at the second declaration, and it is that file's error: `cxj compile` leaves out the files that import both, not those importing one of them alone.",
                failing: "team care \"Customer care\"\nteam care \"Care desk\"\n",
                fixed: "team care \"Customer care\"\nteam desk \"Care desk\"\n")
        case .wrongKind:
            return CodeDocumentation(
                summary: "a name of the wrong kind",
                meaning: "A reference names something that exists but is the wrong kind, such as a channel where a team is expected, or an action before `<->` where steps go.",
                rationale: "Ownership, channels and pairings only mean something when each name is the kind of thing the statement needs.",
                failing: "channel twitter \"Twitter DM\"\n\njourney late \"Late order\" {\n  owner twitter\n  stage worry \"Worry\" { phase recognize }\n}\n",
                fixed: "team care \"Customer care\"\n\njourney late \"Late order\" {\n  owner care\n  stage worry \"Worry\" { phase recognize }\n}\n")
        case .valueOutOfRange:
            return CodeDocumentation(
                summary: "a value out of range or of the wrong kind",
                meaning: "`emotion` must be a whole number from −3 to 3, `claimed` and `perceived` from 1 to 5, `reach` a whole number of 0 or more, percentages 0–100%, durations not negative, and a kpi's actual and target the same kind of quantity. No number may exceed 10^15 in size.",
                rationale: "Reports compare these values across journeys; one out of scale would distort every average and chart.",
                failing: "journey late \"Late order\" {\n  stage worry \"Worry\" {\n    customer {\n      step tweet \"Tweets\" { emotion 5; self-service }\n    }\n  }\n}\n",
                fixed: "journey late \"Late order\" {\n  stage worry \"Worry\" {\n    customer {\n      step tweet \"Tweets\" { emotion 3; self-service }\n    }\n  }\n}\n")
        case .invalidEnumeration:
            return CodeDocumentation(
                summary: "a value outside its fixed set",
                meaning: "A phase, strategy, layer, automation level, channel kind, opportunity kind, impact or effort is not one of its allowed values. `help:` gives the closest one.",
                rationale: "The gap rules reason about these values (a strategy needs actions in its phase); a misspelled one would silently disable them.",
                failing: "journey late \"Late order\" {\n  stage worry \"Worry\" { phase respnd }\n}\n",
                fixed: "journey late \"Late order\" {\n  stage worry \"Worry\" { phase respond }\n}\n")
        case .duplicateProperty:
            return CodeDocumentation(
                summary: "a property given twice",
                meaning: "A property that an element can have once is given twice; both places are shown. Only `needs`, `pain`, `info` and `allow` may repeat.",
                rationale: "With two values, a reader cannot tell which one the map means.",
                failing: "journey late \"Late order\" {\n  stage worry \"Worry\" {\n    phase recognize\n    phase request\n  }\n}\n",
                fixed: "journey late \"Late order\" {\n  stage worry \"Worry\" {\n    phase recognize\n  }\n}\n")
        case .statementNotAllowed:
            return CodeDocumentation(
                summary: "a statement in the wrong place",
                meaning: "A keyword is used in a block that does not admit it, such as a `step` outside a `customer` block or a `channel` declaration inside a journey; or `loops-to` in a stage that is not a `repeat` stage.",
                rationale: "Where a statement stands says which strand it belongs to; `help:` says where it goes.",
                failing: "journey late \"Late order\" {\n  stage worry \"Worry\" {\n    step tweet \"Tweets\"\n  }\n}\n",
                fixed: "journey late \"Late order\" {\n  stage worry \"Worry\" {\n    customer {\n      step tweet \"Tweets\" { self-service }\n    }\n  }\n}\n")
        case .importNotFound:
            return CodeDocumentation(
                summary: "an import that cannot be read",
                meaning: "The file named by `import` does not exist or cannot be read, or is refused: an import must name a `.cxj` regular file inside the project root (the directory of the nearest `cxj.json`, else the git work tree, else the input's directory), no larger than the size limit, and no more than 64 imports deep. A refused file is never opened. Paths are relative to the importing file.",
                rationale: "Without the catalogue, every reference to it would be unknown; cxj reports the import alone and checks the rest once it is found.",
                failing: "import \"catalogue/missing.cxj\"\n\nteam care \"Customer care\"\n",
                fixed: "team care \"Customer care\"\n")
        case .importCycle:
            return CodeDocumentation(
                summary: "files that import each other",
                meaning: "A file imports itself, directly or through other files. Every file of the cycle is named.",
                rationale: "Catalogues should form a tree: shared declarations live in a file that the others import.",
                failing: "import \"example.cxj\"\n\nteam care \"Customer care\"\n",
                fixed: "team care \"Customer care\"\n")
        case .unknownKeyword:
            return CodeDocumentation(
                summary: "a word that is not a keyword of its block",
                meaning: "A statement starts with a word that is no keyword at all. `help:` suggests the closest keyword of the block, or names the block where a close keyword belongs.",
                rationale: "A misspelled property would otherwise be ignored, and the map would say less than its author wrote.",
                failing: "journey late \"Late order\" {\n  stage worry \"Worry\" {\n    customer {\n      step tweet \"Tweets\" { emtion -1; self-service }\n    }\n  }\n}\n",
                fixed: "journey late \"Late order\" {\n  stage worry \"Worry\" {\n    customer {\n      step tweet \"Tweets\" { emotion -1; self-service }\n    }\n  }\n}\n")
        case .missingRequired:
            return CodeDocumentation(
                summary: "a required element is missing",
                meaning: "A journey has no stages, a kpi has no `actual`, or an opportunity does not say what it `addresses`.",
                rationale: "These elements mean nothing without the missing part: a journey is its stages, a kpi its measured value, an opportunity the gap it closes.",
                failing: "journey late \"Late order\" {\n  note \"Stages to come\"\n}\n",
                fixed: "journey late \"Late order\" {\n  note \"Stages to come\"\n  stage worry \"Worry\" { phase recognize }\n}\n")
        default:
            return nil
        }
    }
}

extension Code {
    /// The documentation of this code, for `cxj explain`, `cxj rules` and SARIF.
    public var documentation: CodeDocumentation {
        GapRules.documentation(of: self) ?? LanguageErrorDocumentation.documentation(of: self)
            ?? MermaidImportDocumentation.documentation(of: self)!
    }
}
