/// Writes each journey as a Mermaid `journey` diagram, which GitHub renders natively:
///
///     journey
///       title Marathon gear rescue
///       section Order is late
///         Tweets that the shoes have not arrived: 2: Runner, Customer care
///
/// One `section` per stage, one task per customer step in source order, scored from the
/// step's emotion (see `MermaidScore`) and with its actors: the journey's persona (or
/// `Customer`), then the owners of the actions that answer the step (or the action's label
/// when it has no owner). A step that nothing answers, and that is not self-service, gets the
/// actor `nobody answers`, so the gap shows in the picture. Text is escaped by `MermaidText`.
///
/// A Mermaid document holds one diagram: with several journeys, each `journey` block is a
/// diagram of its own, after a `%% journey ID` comment and a blank line.
public enum MermaidEmitter {
    public static let unansweredActor = "nobody answers"
    public static let defaultCustomer = "Customer"

    public static func emit<Sink: OutputSink>(_ files: [CheckedFile], to sink: Sink) -> Sink {
        var out = OutputWriter(sink)
        let fileCount = files.count
        _ = JourneySequence.write(files, perBlock: 4, to: &out, single: { file, index, out in
            write(file, journey: index, position: 0, fileCount: fileCount, to: &out)
        }, each: { file, index, position, writer in
            write(file, journey: index, position: position, fileCount: fileCount, to: &writer)
        })
        return out.finish()
    }

    /// One journey's diagram, after a blank line and a `%% journey ID` comment unless it is
    /// the only journey of one file.
    static func write<Sink>(_ file: CheckedFile, journey index: Int, position: Int, fileCount: Int,
                                    to out: inout OutputWriter<Sink>) {
        if position > 0 { out.write("\n") }
        if position > 0 || fileCount > 1 || file.journeys.count > 1 { out.write(heading(file, journey: index)) }
        out.write(diagram(file, journey: index, indent: ""))
    }

    /// The comment that names a journey's diagram among several.
    static func heading(_ file: CheckedFile, journey index: Int) -> String {
        "%% journey \(MermaidText.escape(file.name(file.journeys[index].id), as: .actor))\n"
    }

    /// The diagram of one journey, each line prefixed by `indent`.
    public static func diagram(_ file: CheckedFile, journey index: Int, indent: String = "") -> String {
        let journey = file.journeys[index]
        let facts = file.facts(ofJourney: index)
        let persona = journey.persona >= 0 ? label(file, journey.persona) : defaultCustomer
        var lines = ["journey", "  title " + MermaidText.escape(file.text(journey.title), as: .title)]
        for stage in journey.stages {
            var section = MermaidText.escape(file.text(stage.title), as: .section)
            if section.isEmpty { section = MermaidText.escape(file.name(stage.id), as: .section) }
            lines.append("  section " + section)
            for stepIndex in stage.steps {
                let step = journey.steps[Int(stepIndex)]
                var actors = [MermaidText.escape(persona, as: .actor)]
                for action in facts.answeringActions(Int(stepIndex)) {
                    let owner = journey.actions[Int(action)].owner
                    let name = owner >= 0 ? label(file, owner) : file.text(journey.actions[Int(action)].label)
                    let escaped = MermaidText.escape(name, as: .actor)
                    if !escaped.isEmpty && !actors.contains(escaped) { actors.append(escaped) }
                }
                if facts.answeringActions(Int(stepIndex)).isEmpty && !step.isSelfService { actors.append(unansweredActor) }
                if let marker = MermaidScore.marker(for: step.emotion.map(Int.init)) { lines.append("    %% " + marker) }
                var task = MermaidText.escape(file.text(step.label), as: .task)
                if task.isEmpty { task = MermaidText.escape(file.name(step.id), as: .task) }
                lines.append("    \(task): \(MermaidScore.score(for: step.emotion.map(Int.init))): \(actors.joined(separator: ", "))")
            }
        }
        return lines.map { indent + $0 }.joined(separator: "\n") + "\n"
    }

    private static func label(_ file: CheckedFile, _ entry: Int32) -> String {
        file.text(file.catalogue.entries[Int(entry)].label)
    }
}
