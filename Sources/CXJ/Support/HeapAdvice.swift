#if canImport(Glibc)
import Glibc
#endif

/// Huge pages for the allocator's heaps in a run over many small files, without starting again.
///
/// A large file's run starts again with glibc's tunable (`HugePageHeap`), which costs a second
/// start-up (2–3 ms): too much for a run over many small files, which touches 15–20 MB of heap
/// a few kilobytes at a time, one 4 KiB page fault after another (4,600 faults for 1,000 small
/// journeys). Such a run pads its heaps (`AllocationPolicy.padHeaps`), so each heap is made
/// writable up to 32 MiB at once and does not move: advising that room once lets the kernel
/// back it with 2 MiB pages.
/// - The main heap: after the pad is set, one allocation that does not fit makes glibc grow it
///   by the pad; the new room is advised and the allocation freed (`adviseMainHeap`).
/// - A worker thread's heap: glibc maps each at an address aligned to its largest size
///   (64 MiB), so the heap of any block it hands that thread starts at the block's address
///   rounded down. Each worker of `WorkerPool` advises its own heap when it starts
///   (`adviseThisThreadsHeap`): the pool is made after `start`.
///
/// Advice only helps 2 MiB that nothing has touched yet. The 2 MiB around where the advised room
/// starts hold pages in use already (a worker heap's header, the main heap's last blocks), so
/// they are backed at once instead (`HugePages.backNow`): 1,000 small journeys took 512 small
/// faults per worker heap there, and 929 faults in all on two cores; 347 now.
///
/// Advice is a hint: where the kernel offers no huge pages, or a guess about glibc's layout is
/// wrong, nothing but the advice is lost. It changes no byte of memory.
enum HeapAdvice {
    /// Set once, before any thread starts, by `start`.
    nonisolated(unsafe) private(set) static var isOn = false

    /// The main heap's room that was advised, if it could be grown (for the tests).
    nonisolated(unsafe) private(set) static var mainHeapRoom: Range<Int>? = nil

    /// The largest size, and alignment, of glibc's thread heaps on 64-bit Linux.
    static let threadHeapSpan = 64 << 20

    /// The thread heaps advised so far (their start addresses).
    private static let advised = Locked<[Int]>([])

    #if canImport(Glibc)
    /// Set, per thread, once the thread has looked at its heap.
    private static let looked: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key, nil) == 0 ? key : nil
    }()
    #endif

    /// Advises the main heap's room now, and lets every worker thread advise its heap when it
    /// starts. Call once the pad is set, before any thread starts.
    static func start() {
        adviseMainHeap()
        isOn = true
    }

    /// Makes glibc grow the main heap by the pad and advises the new room. The top of a fresh
    /// heap holds at most a few hundred KiB, so one or two blocks below the mapping threshold
    /// (128 KiB) are enough; a heap with more free room than `maximumBlocks` blocks is left.
    private static func adviseMainHeap() {
        #if canImport(Glibc)
        guard let start = sbrk(0) else { return }
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(maximumBlocks)
        while blocks.count < maximumBlocks, sbrk(0) == start, let block = malloc(120 << 10) { blocks.append(block) }
        let end = sbrk(0)
        for block in blocks { free(block) }
        guard let end, end > start else { return }
        HugePages.advise(start, bytes: end - start)
        // Up to the first 2 MiB boundary the room shares small pages with what lies before it.
        let room = Int(bitPattern: start)..<Int(bitPattern: end)
        let head = room.lowerBound..<min(room.upperBound, HugePages.roundedUp(room.lowerBound))
        mainHeapRoom = room
        // Backing it took 0.3–0.5 ms at the start of a run over many files, while the worker
        // that is about to start waits for the first pass: the worker backs it instead, as the
        // main thread finds the files (a page that thread touches first is simply backed then).
        if Parallel.hasSeveralCores {
            mainHeapHead.withLock { $0 = head }
        } else {
            HugePages.backNow(head)
        }
        #endif
    }

    /// The start of the main heap's advised room, for the first worker to back.
    private static let mainHeapHead = Locked<Range<Int>?>(nil)

    /// Backs the main heap's head if no thread has yet (`adviseMainHeap`).
    private static func backMainHeapHead() {
        if let head = mainHeapHead.withLock({ head -> Range<Int>? in
            defer { head = nil }
            return head
        }) {
            HugePages.backNow(head)
        }
    }

    private static let maximumBlocks = 64

    /// Advises the heap of the calling thread, once per thread and heap; does nothing before
    /// `start`, or on a thread whose blocks come from the main heap.
    @inline(__always)
    static func adviseThisThreadsHeap() {
        guard isOn else { return }
        backMainHeapHead()
        adviseHeapOnce()
    }

    private static func adviseHeapOnce() {
        #if canImport(Glibc)
        guard let looked, pthread_getspecific(looked) == nil else { return }
        pthread_setspecific(looked, UnsafeRawPointer(bitPattern: 1))
        guard let block = malloc(16) else { return }
        let address = Int(bitPattern: block)
        free(block)
        // Thread heaps are mapped above the main heap's end.
        guard let end = sbrk(0), address > Int(bitPattern: end) else { return }
        let heap = address & ~(threadHeapSpan - 1)
        let isNew = advised.withLock { starts in
            if starts.contains(heap) { return false }
            starts.append(heap)
            return true
        }
        guard isNew, let base = UnsafeMutableRawPointer(bitPattern: heap) else { return }
        HugePages.advise(base, bytes: threadHeapSpan)
        // The heap's first 2 MiB already hold its header in small pages, so the kernel backs
        // the rest of them a small page at a time, one fault each (512 per worker).
        HugePages.backNow(heap..<heap + HugePages.hugePageBytes)
        #endif
    }
}
