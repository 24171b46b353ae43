/// Words people write that are not keywords, and what they meant: the meaning, not the
/// spelling, decides the advice. Each entry is tested (ParserTests.testKnownConfusions).
///
/// Spelling alone would send `feels` to `needs` and Mermaid's `section` to `action`; these
/// entries say instead that feelings are an `emotion` and that a section is a `stage`.
enum KnownConfusions {
    struct Entry {
        var help: String
        var notes: [String] = []
        /// A keyword to put in place of the word, when one is meant without doubt.
        var replacement: String?
    }

    static func entry(for word: String, in context: BlockContext) -> Entry? {
        switch (word.lowercased(), context) {
        case ("feels", _), ("feeling", _), ("feel", _), ("mood", _), ("sentiment", _):
            return Entry(help: "feelings are written as `emotion -3..3` (−3 worst, +3 best), or in words as `thinks \"…\"`",
                         notes: ["`emotion` is a whole number, so that the emotion curve can be drawn"])
        case ("section", .journey), ("phase", .journey):
            return Entry(help: "a part of a journey is a `stage`: `stage ID \"Title\" { … }`",
                         notes: ["Mermaid calls it a `section`; cxj calls it a `stage`, with an optional `phase`"], replacement: "stage")
        case ("task", .customer), ("activity", .customer), ("doing", .customer):
            return Entry(help: "what the customer does is a `step`: `step ID \"Label\"`", replacement: "step")
        case ("task", .organization), ("activity", .organization), ("process", .organization):
            return Entry(help: "what the company does is an `action`: `action ID \"Label\" { owner TEAM }`", replacement: "action")
        case ("actor", .file), ("actor", .journey), ("user", .file), ("customer", .file):
            return Entry(help: "the customer is declared as a `persona ID \"Label\"` at the top level, and named in the journey with `persona ID`")
        case ("score", .step), ("rating", .step), ("satisfaction", .step):
            return Entry(help: "a step's feeling is an `emotion` from −3 to +3; a touchpoint's quality is `claimed` and `perceived`, 1 to 5")
        case ("painpoint", .step), ("pain-point", .step), ("pains", .step):
            return Entry(help: "a pain is written `pain \"…\"`", replacement: "pain")
        case ("lane", .stage), ("swimlane", .stage):
            return Entry(help: "a stage has two strands: `customer { … }` for steps and `organization { … }` for actions")
        case ("desc", _), ("description", _), ("comment", _):
            return Entry(help: "a free text is a `note \"…\"`; a comment starts with `#`", replacement: "note")
        default:
            return nil
        }
    }
}
