/// Hands back a mapped source's pages behind a pass over it (see `MappedFile`), a stretch at a
/// time: each hand-back is a system call and, with two threads running, a flush of the other
/// core's address cache, so a pass that moves on a few hundred bytes at a time waits until it
/// has moved on a stretch. Does nothing for a source that is not mapped.
struct ReleaseBehind {
    private let source: SourceFile
    /// What has been handed back: one span, grown at either end as the pass moves.
    private var released: Range<Int>? = nil

    /// How far the pass moves on between two hand-backs: an eighth of the file, from 128 KiB
    /// to 1 MiB. A stretch of 1 MiB whatever the size kept a file of 1 MB resident whole until
    /// its pass ended, at the peak of checking it; an eighth of it keeps at most that much
    /// (dense 1 MB `check` 7.48 → 6.75 MiB, medians of 5), in at most nine system calls a pass
    /// under 8 MiB (one a mebibyte from there, as before).
    let stretch: Int

    static let shortestStretch = 128 << 10
    static let longestStretch = 1 << 20

    init(_ source: SourceFile) {
        self.source = source
        stretch = ReleaseBehind.stretch(forFileOf: source.bytes.count)
    }

    static func stretch(forFileOf size: Int) -> Int {
        min(max(size / 8, shortestStretch), longestStretch)
    }

    /// The pass is done with `start..<end`, which holds what it was done with before (a pass
    /// moves forwards or backwards): hands back what is new at either end once it is a stretch
    /// long, or at once when `final`.
    mutating func done(from start: Int, to end: Int, final: Bool = false) {
        guard end > start, source.bytes.mapping != nil else { return }
        let old = released ?? start..<start
        var low = old.lowerBound
        var high = old.upperBound
        if start < low && (low - start >= stretch || final) {
            source.releasePages(in: start..<low)
            low = start
        }
        if end > high && (end - high >= stretch || final) {
            source.releasePages(in: high..<end)
            high = end
        }
        released = low..<high
    }
}
