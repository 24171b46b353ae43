import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Lexes a file on a second thread while the parser consumes its tokens.
///
/// Tokens pass through a fixed ring of 65,536 slots (768 KiB). The lexer publishes how many it
/// has written and the parser how many it has read, in batches, with release and acquire
/// ordering; each side waits only when the ring is full or empty. The lexer's comments and
/// diagnostics are handed over once it has produced the end-of-file token.
///
/// Used only for large files on machines with more than one core (see `isWorthwhile`): for
/// small files starting a thread costs more than it saves.
final class TokenRing: @unchecked Sendable {
    private static let capacity = 1 << 16
    private static let mask = capacity - 1
    private static let batch = 512

    private let slots: UnsafeMutablePointer<Token>
    private let produced = Atomic<Int>(0)
    private let consumed = Atomic<Int>(0)
    private let finished = DispatchSemaphore(value: 0)

    // Consumer state, touched only by the parser's thread.
    private var readIndex = 0
    private var available = 0
    private var isFinished = false

    // Written by the lexer's thread before it publishes the end-of-file token.
    private(set) var comments: [Comment] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var swallowedRestOfFile = false

    /// Whether a file of `byteCount` bytes is worth lexing on its own thread.
    static func isWorthwhile(byteCount: Int) -> Bool {
        byteCount >= 1 << 20 && Parallel.hasSeveralCores
    }

    /// Starts lexing `bytes` on another thread. `bytes` must stay valid until `finish()`.
    init(bytes: UnsafeBufferPointer<UInt8>, file: Int, start: Int) {
        slots = .allocate(capacity: TokenRing.capacity)
        nonisolated(unsafe) let source = bytes
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var lexer = Lexer(bytes: source, file: file, start: start)
            produce(with: &lexer)
        }
    }

    deinit {
        slots.deallocate()
    }

    private func produce(with lexer: inout Lexer) {
        var written = 0
        var limit = 0
        while true {
            if written == limit {
                // The lexer is faster than the parser, so it often finds the ring full. It
                // then sleeps briefly rather than spinning: the parser drains the ring in ~2 ms.
                while written - consumed.load(ordering: .acquiring) >= TokenRing.capacity - TokenRing.batch {
                    usleep(200)
                }
                limit = consumed.load(ordering: .acquiring) + TokenRing.capacity
            }
            let token = lexer.next()
            slots[written & TokenRing.mask] = token
            written += 1
            if token.kind == .endOfFile {
                comments = lexer.comments
                diagnostics = lexer.diagnostics
                swallowedRestOfFile = lexer.swallowedRestOfFile
                produced.store(written, ordering: .releasing)
                finished.signal()
                return
            }
            if written % TokenRing.batch == 0 { produced.store(written, ordering: .releasing) }
        }
    }

    /// The next token, waiting for the lexer if it has not produced it yet. After the
    /// end-of-file token, keeps returning it.
    @inline(__always)
    func next() -> Token {
        if readIndex == available { waitForTokens() }
        let token = slots[readIndex & TokenRing.mask]
        if token.kind != .endOfFile {
            readIndex += 1
            if readIndex % TokenRing.batch == 0 { consumed.store(readIndex, ordering: .releasing) }
        }
        return token
    }

    private func waitForTokens() {
        consumed.store(readIndex, ordering: .releasing)
        var spins = 0
        while true {
            available = produced.load(ordering: .acquiring)
            if available > readIndex { return }
            spins += 1
            if spins > 64 { sched_yield() }
        }
    }

    /// Waits for the lexer's thread to be done; its results are then safe to read.
    /// Called only from the parser's thread; waiting a second time returns at once.
    func finish() {
        guard !isFinished else { return }
        finished.wait()
        isFinished = true
    }
}
