/// Renders a run's diagnostics one after another, each followed by a newline, on all cores.
///
/// Rendering a diagnostic finds its line and column, and the first diagnostic of a file builds
/// that file's line table: for a folder of a thousand journeys this was most of the serial
/// work left after checking. The text is the same as rendering them in order on one thread.
public enum DiagnosticLines {
    /// How many diagnostics one task renders; at most one piece's worth is rendered in place.
    static let piece = 128

    public static func render(_ diagnostics: [Diagnostic], _ line: @Sendable (Diagnostic) -> String) -> String {
        let count = diagnostics.count
        let starts = Array(stride(from: 0, to: count, by: piece))
        let pieces = starts.count < 2 ? starts.map { lines(diagnostics, $0..<count, line) }
            : Parallel.map(starts) { lines(diagnostics, $0..<min($0 + piece, count), line) }
        return pieces.joined()
    }

    private static func lines(_ diagnostics: [Diagnostic], _ range: Range<Int>, _ line: (Diagnostic) -> String) -> String {
        var text = ""
        for index in range {
            text += line(diagnostics[index])
            text += "\n"
        }
        return text
    }
}
