/// Draws each journey as a service blueprint in Graphviz DOT (`JourneyDiagram`).
public enum DOTEmitter {
    /// Fonts for labels: a CJK family first, then Thai, then the platform's default.
    public static let fontName = "Noto Sans CJK SC, Noto Sans Thai, Loma, sans-serif"

    public static func emit<Sink: OutputSink>(_ files: [CheckedFile], showIDs: Bool = false, layout: DiagramLayout = .tall,
                                              to sink: Sink) -> Sink {
        var out = OutputWriter(sink)
        for file in files {
            for index in file.journeys.indices {
                JourneyDiagram(file: file, index: index, showIDs: showIDs, layout: layout).write(to: &out)
            }
        }
        return out.finish()
    }

    /// The fill colours of emotions −3 … +3 (ColorBrewer RdYlGn).
    static let emotionColors = ["#d73027", "#fc8d59", "#fee08b", "#ffffbf", "#d9ef8b", "#91cf60", "#1a9850"]
    static let noEmotionColor = "#f1f3f5"
    static let warningColor = "#c2255c"
    static let gapColor = "#c92a2a"
    static let layerColors: [Layer: String] = [.frontstage: "#dbe4ff", .backstage: "#e9ecef", .support: "#f8f9fa"]
    /// Characters per line of a node's label before it wraps.
    static let labelWidth = 22

    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }
}
