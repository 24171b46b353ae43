/// Draws each journey as a service blueprint in Graphviz DOT (`JourneyDiagram`).
public enum DOTEmitter {
    /// Fonts for labels: a CJK family first, then Thai, then the platform's default.
    public static let fontName = "Noto Sans CJK SC, Noto Sans Thai, Loma, sans-serif"

    public static func emit<Sink: OutputSink>(_ files: [CheckedFile], showIDs: Bool = false, layout: DiagramLayout = .tall,
                                              to sink: Sink) -> Sink {
        var out = OutputWriter(sink)
        for file in files { write(file, showIDs: showIDs, layout: layout, to: &out) }
        return out.finish()
    }

    /// Writes the diagrams of one file's journeys: a run over several files is their
    /// concatenation, so `StreamedOutput` writes each file as soon as it is checked.
    static func write<Sink: OutputSink>(_ file: CheckedFile, showIDs: Bool, layout: DiagramLayout, to out: inout OutputWriter<Sink>) {
        for index in file.journeys.indices {
            JourneyDiagram(file: file, index: index, showIDs: showIDs, layout: layout).write(to: &out)
        }
    }

    /// The fill colours of emotions −3 … +3 (ColorBrewer RdYlGn).
    /// Static strings, as the diagram's other fixed text: written without a retain or release.
    static let emotionColors: [StaticString] = ["#d73027", "#fc8d59", "#fee08b", "#ffffbf", "#d9ef8b", "#91cf60", "#1a9850"]
    static let noEmotionColor: StaticString = "#f1f3f5"
    static let warningColor: StaticString = "#c2255c"
    static let gapColor: StaticString = "#c92a2a"
    /// The fill of an action's layer (a switch, not a dictionary: it is looked up per action).
    static func layerColor(_ layer: Layer) -> StaticString {
        switch layer {
        case .frontstage: return "#dbe4ff"
        case .backstage: return "#e9ecef"
        case .support: return "#f8f9fa"
        }
    }
    /// Characters per line of a node's label before it wraps.
    static let labelWidth = 22

    static func signed(_ value: Int) -> String {
        (-3...3).contains(value) ? signedEmotions[value + 3].description : value > 0 ? "+\(value)" : "\(value)"
    }

    /// Writes `signed(value)`.
    static func writeSigned<Sink>(_ value: Int, to out: inout OutputWriter<Sink>) {
        if (-3...3).contains(value) { out.write(signedEmotions[value + 3]) } else { out.write(signed(value)) }
    }

    /// Emotions as steps show them.
    private static let signedEmotions: [StaticString] = ["-3", "-2", "-1", "0", "+1", "+2", "+3"]
}
