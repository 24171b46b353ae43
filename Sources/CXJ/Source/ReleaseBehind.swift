/// Hands back a mapped source's pages behind a pass over it (see `MappedFile`), a stretch at a
/// time: each hand-back is a system call and, with two threads running, a flush of the other
/// core's address cache, so a pass that moves on a few hundred bytes at a time waits until it
/// has moved on a stretch. Does nothing for a source that is not mapped.
struct ReleaseBehind {
    private let source: SourceFile
    /// What has been handed back: one span, grown at either end as the pass moves.
    private var released: Range<Int>? = nil

    static let stretch = 1 << 20

    init(_ source: SourceFile) {
        self.source = source
    }

    /// The pass is done with `start..<end`, which holds what it was done with before (a pass
    /// moves forwards or backwards): hands back what is new at either end once it is a stretch
    /// long, or at once when `final`.
    mutating func done(from start: Int, to end: Int, final: Bool = false) {
        guard end > start, source.bytes.mapping != nil else { return }
        let old = released ?? start..<start
        var low = old.lowerBound
        var high = old.upperBound
        if start < low && (low - start >= ReleaseBehind.stretch || final) {
            source.releasePages(in: start..<low)
            low = start
        }
        if end > high && (end - high >= ReleaseBehind.stretch || final) {
            source.releasePages(in: high..<end)
            high = end
        }
        released = low..<high
    }
}
