/// `cxj import mermaid`: turns a Mermaid `journey` diagram into a formatted `.cxj` file.
///
/// - `title` becomes the journey (front matter `title:` too); sections become stages; tasks
///   become customer steps with their labels kept exactly, and scores become emotions by the
///   inverse of the export mapping (`MermaidScore`).
/// - The customer actor, by default the actor on most tasks (the first on a tie), becomes the
///   persona. A task whose actors include no customer actor becomes an organization action in
///   the same stage, owned by a team named after its first actor; a task without actors is a
///   customer step. Other actors of a task are kept in a `note`.
/// - No touchpoint is invented: the gaps cxj then reports are the point of moving to it.
/// - `%%` and `#` comments become `#` comments; `accTitle` and `accDescr` become notes.
public enum MermaidImporter {
    public struct Result {
        /// The `.cxj` text, formatted, or nil when the diagram has errors.
        public var text: String?
        /// Diagnostics about the Mermaid file (file index 0 is the Mermaid source).
        public var diagnostics: [Diagnostic]
        public var source: SourceFile
    }

    public static func convert(_ source: SourceFile, customer: String? = nil) -> Result {
        let diagram = MermaidJourneyParser.parse(source)
        var diagnostics = diagram.diagnostics
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(text: nil, diagnostics: diagnostics, source: source)
        }
        let customerActor = customer ?? mostCommonActor(diagram)
        if let customer, !diagram.tasks.contains(where: { $0.actors.contains(customer) }) {
            let actors = orderedActors(diagram)
            diagnostics.append(Diagnostic(
                .mermaidUnmapped, "no task has the actor `\(customer)` given by `--customer`", at: SourceLocation(file: 0, start: 0, end: 0),
                label: "every task with actors becomes an organization action",
                help: Suggestions.didYouMean(customer, among: actors) ?? "the actors are " + Suggestions.andList(actors.map { "`\($0)`" })))
        }
        var writer = CXJWriter(diagram: diagram, customer: customerActor, sourcePath: source.path)
        let raw = writer.write()
        let (formatted, errors) = Formatter.format(SourceFile(path: "imported.cxj", text: raw))
        guard let formatted else {
            let codes = errors.map { $0.code.id }.joined(separator: ", ")
            diagnostics.append(Diagnostic(.mermaidSyntax, "internal error: the imported text does not parse (\(codes))",
                                          at: SourceLocation(file: 0, start: 0, end: 0)))
            return Result(text: nil, diagnostics: diagnostics, source: source)
        }
        return Result(text: String(decoding: formatted, as: UTF8.self), diagnostics: diagnostics, source: source)
    }

    /// Every actor, in the order first met.
    static func orderedActors(_ diagram: MermaidJourney) -> [String] {
        var actors: [String] = []
        for task in diagram.tasks {
            for actor in task.actors where !actors.contains(actor) { actors.append(actor) }
        }
        return actors
    }

    /// The actor on most tasks; the first met wins a tie.
    static func mostCommonActor(_ diagram: MermaidJourney) -> String? {
        var counts: [String: Int] = [:]
        for task in diagram.tasks {
            for actor in Set(task.actors) { counts[actor, default: 0] += 1 }
        }
        var best: (String, Int)? = nil
        for actor in orderedActors(diagram) where counts[actor]! > (best?.1 ?? 0) { best = (actor, counts[actor]!) }
        return best?.0
    }
}

/// Writes the `.cxj` text of an imported diagram, before formatting.
private struct CXJWriter {
    let diagram: MermaidJourney
    let customer: String?
    let sourcePath: String
    var catalogueIDs = IdentifierMaker()
    var elementIDs = IdentifierMaker()
    var teams: [(actor: String, id: String)] = []

    init(diagram: MermaidJourney, customer: String?, sourcePath: String) {
        self.diagram = diagram
        self.customer = customer
        self.sourcePath = sourcePath
    }

    private struct Stage {
        var title: String
        var comments: [String] = []
        var customer: [String] = []
        var organization: [String] = []
    }

    mutating func write() -> String {
        var personaID: String? = nil
        if let customer { personaID = catalogueIDs.make(from: customer, prefix: "persona") }
        var stages: [Stage] = []
        var pending: [String] = []
        var headComments: [String] = []
        var stepNumber = 0
        for item in diagram.items {
            switch item {
            case .comment(let text):
                pending.append(text)
            case .section(let title, _):
                stages.append(Stage(title: title, comments: pending))
                pending = []
            case .task(let task):
                if stages.isEmpty {
                    headComments += pending
                    pending = []
                    stages.append(Stage(title: "Before the first section"))
                }
                stepNumber += 1
                let comments = pending.map { "# " + $0 }
                pending = []
                let isCustomer = task.actors.isEmpty || customer.map { task.actors.contains($0) } ?? false
                if isCustomer {
                    stages[stages.count - 1].customer += comments + [step(task)]
                } else {
                    stages[stages.count - 1].organization += comments + [action(task)]
                }
            }
        }
        var lines = ["# Imported from \(CXJWriter.commentText(sourcePath)) by `cxj import mermaid`."]
        lines += (diagram.leadingComments + headComments).map { "# " + CXJWriter.commentText($0) }
        if let customer, let personaID { lines.append("persona \(personaID) \(CXJWriter.quote(customer))") }
        var body: [String] = []
        let title = diagram.title ?? "Imported journey"
        body.append("journey \(elementIDs.make(from: title, prefix: "journey")) \(CXJWriter.quote(title)) {")
        if let personaID { body.append("persona \(personaID)") }
        var accessible: [String] = []
        if let accessibleTitle = diagram.accessibleTitle { accessible.append("Accessible title: " + accessibleTitle) }
        if let description = diagram.accessibleDescription { accessible.append("Accessible description: " + description) }
        if !accessible.isEmpty { body.append("note \(CXJWriter.quote(accessible.joined(separator: "\n")))") }
        for stage in stages {
            body += stage.comments.map { "# " + CXJWriter.commentText($0) }
            body.append("stage \(elementIDs.make(from: stage.title, prefix: "stage")) \(CXJWriter.quote(stage.title)) {")
            if !stage.customer.isEmpty { body += ["customer {"] + stage.customer + ["}"] }
            if !stage.organization.isEmpty { body += ["organization {"] + stage.organization + ["}"] }
            body.append("}")
        }
        body += pending.map { "# " + CXJWriter.commentText($0) }
        body.append("}")
        for team in teams { lines.append("team \(team.id) \(CXJWriter.quote(team.actor))") }
        return (lines + [""] + body).joined(separator: "\n") + "\n"
    }

    private mutating func step(_ task: MermaidJourney.Task) -> String {
        var properties: [String] = []
        let emotion: Int? = task.exactEmotion ?? task.score.map { MermaidScore.emotion(for: $0) }
        if let emotion { properties.append("emotion \(emotion)") }
        let others = task.actors.filter { $0 != customer }
        if !others.isEmpty { properties.append("note \(CXJWriter.quote("With " + others.joined(separator: ", ")))") }
        let id = elementIDs.make(from: task.name, prefix: "step")
        return "step \(id) \(CXJWriter.quote(task.name))" + (properties.isEmpty ? "" : " {\n" + properties.joined(separator: "\n") + "\n}")
    }

    private mutating func action(_ task: MermaidJourney.Task) -> String {
        let owner = task.actors[0]
        var properties = ["owner \(team(owner))"]
        var note: [String] = []
        if task.actors.count > 1 { note.append("With " + task.actors.dropFirst().joined(separator: ", ")) }
        if let score = task.score { note.append("Mermaid score \(Format.decimal(score, digits: 2))") }
        if !note.isEmpty { properties.append("note \(CXJWriter.quote(note.joined(separator: "; ")))") }
        let id = elementIDs.make(from: task.name, prefix: "action")
        return "action \(id) \(CXJWriter.quote(task.name)) {\n" + properties.joined(separator: "\n") + "\n}"
    }

    private mutating func team(_ actor: String) -> String {
        if let known = teams.first(where: { $0.actor == actor }) { return known.id }
        let id = catalogueIDs.make(from: actor, prefix: "team")
        teams.append((actor, id))
        return id
    }

    /// A cxj string literal.
    static func quote(_ text: String) -> String { StringLiteral.quote(text) }

    /// Comment text on one line, without control characters.
    static func commentText(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { Visible.isUnsafe($0.value) ? " " : $0 }))
    }
}
