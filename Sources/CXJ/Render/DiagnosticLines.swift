/// Renders a run's diagnostics one after another, each followed by a newline, on all cores.
///
/// Rendering a diagnostic finds its line and column, and the first diagnostic of a file builds
/// that file's line table: for a folder of a thousand journeys this was most of the serial
/// work left after checking. The text is the same as rendering them in order on one thread.
public enum DiagnosticLines {
    /// How many diagnostics one task renders at most; at most one piece's worth is rendered in place.
    static let piece = 32
    /// How many pieces a round renders for each core: a core that finishes its piece early
    /// takes the next, so a round waits on at most one piece, not on a core's whole share
    /// (rounds of one piece a core rendered 572 warnings at 1.6× on two cores).
    static let piecesPerCore = 4

    public static func render(_ diagnostics: [Diagnostic], _ line: @Sendable (Diagnostic) -> String) -> String {
        var text = ""
        write(diagnostics, line) { text += $0 }
        return text
    }

    /// Renders the diagnostics as `render` does and hands the text to `write` a piece at a
    /// time, in order, as a core's worth of pieces is ready: the whole text, and a second copy
    /// of it joined, were the last memory a run over many files allocated (572 warnings over
    /// 1,000 journeys: 0.9 MiB at the end of the run, when its peak is reached).
    public static func write(_ diagnostics: [Diagnostic], _ line: @Sendable (Diagnostic) -> String,
                             to write: (String) -> Void) {
        let count = diagnostics.count
        let group = max(1, Parallel.coreCount) * piecesPerCore
        let size = pieceSize(count: count, group: group)
        let starts = Array(stride(from: 0, to: count, by: size))
        var first = 0
        while first < starts.count {
            let batch = Array(starts[first..<min(first + group, starts.count)])
            let pieces = Parallel.map(batch) { lines(diagnostics, $0..<min($0 + size, count), line) }
            for text in pieces { write(text) }
            first += group
        }
    }

    /// How many diagnostics a piece holds: at most `piece`, and as many pieces as every core
    /// can take one of each time. Pieces of exactly `piece` left the last few to one core while
    /// the other waited (572 warnings on two cores: five pieces, the last of 60 rendered alone,
    /// 2.7M instructions on one thread at the end of the run).
    static func pieceSize(count: Int, group: Int) -> Int {
        guard count > 0 else { return piece }
        let rounds = (count + piece * group - 1) / (piece * group)
        let pieces = rounds * group
        return (count + pieces - 1) / pieces
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
