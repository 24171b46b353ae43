import CXJSystem
#if canImport(Glibc)
import Glibc
#endif

/// How the C allocator hands out memory, chosen once at start-up by the command line.
///
/// glibc gives each thread an arena of its own and maps every block of 128 KiB or more
/// separately. A large journey is parsed and lowered in halves on two threads: the halves'
/// arrays are made on the helper threads and freed on the main one, after they are copied. Each
/// such array is therefore fresh pages, which the kernel zeroes before first use (about a
/// millisecond per megabyte on the machine the benchmarks run on), and memory freed during the
/// run is never used again.
///
/// For `check` and `compile` over a large file, cxj asks for one arena and takes blocks of up
/// to 16 MiB from it, so that what the halves free is reused by the checker's arrays. Measured
/// on 20 MB journeys (interleaved with the former build): page faults 16,600 → 10,900–14,000
/// (dense shape) and 9,700 → 5,100–5,800 (cxj-bench shape); `check` about 5–10% faster on the
/// cxj-bench shape, within noise on the dense one. Peak memory is unchanged: with 32 MiB blocks
/// the cxj-bench shape kept 15 MB more resident (freed blocks that stayed). One arena is not
/// chosen for many small files: two threads then contend for its lock (1,000 files on two
/// cores: 60 → 92 ms).
public enum AllocationPolicy {
    /// Files at least this large make `fmt` start again with huge pages (`HugePageHeap`) and
    /// are read on two threads at once (`FileSystemProvider`).
    public static let largeFileBytes = 4 << 20

    /// Files at least this large are checked a part at a time: `check` and `compile` map them,
    /// parse them with a hole and use one arena (`prefersOneArena`); and no heap of the run is
    /// advised for huge pages. (`fmt` lays out a file with a hole from `holedLayoutBytes`.)
    ///
    /// Until the seventeenth round this was `largeFileBytes`, and a file of 1–4 MiB was read,
    /// parsed and kept whole in a padded heap advised for huge pages, which is resident 2 MiB
    /// at a time: a dense 2 MB journey peaked at 26.7 MiB in `check`, more than a 10 MB one
    /// (25.1 MiB). Checked in parts it peaks at 14.4 MiB, in the same time (medians of 15
    /// alternating runs; see README, "A seventeenth round").
    ///
    /// Until the twentieth round it was 1 MiB, and a dense 0.5 MB journey peaked at 14.7 MiB in
    /// `check` (0.99 MB: 18.0 MiB), more than a 2 MB one (13.0 MiB), in a heap resident 2 MiB
    /// at a time. In parts from 64 KiB: 0.1 MB 10.9 → 8.4 MiB, 0.5 MB 14.7 → 10.0 MiB, 0.99 MB
    /// 18.0 → 11.5 MiB, in the same time or less (README, "A twentieth round").
    public static let partedFileBytes = 64 << 10

    /// Files at least this large are laid out with a hole by `fmt` (`Formatter.holedLayoutBytes`):
    /// `partedFileBytes`, as `check` takes them a part at a time.
    ///
    /// From the twentieth to the thirty-sixth round it was 1 MiB: in parts of 256 KiB the hole
    /// made `fmt --check` of a dense 0.99 MB journey slower then (12.3 → 18.6 ms). Since the
    /// parts are a 64th of the file (32 KiB then, 16 KiB since), parsed on both cores, the
    /// hole is faster and smaller: dense 1 MB `fmt --check` 10.2 → 7.7 ms (one core 14.3 →
    /// 12.7), 7.47 → 5.73 MiB at the peak (0.5 MB 6.2 → 5.1 ms, 5.97 → 5.29 MiB; `--stdout`
    /// 1 MB 13.1 → 10.1 ms), for 2.4% more instructions (83.0M → 85.0M). Printed whole, a
    /// file under 1 MiB peaked higher than a 2 MB one (6.84 MiB).
    public static let holedLayoutBytes = partedFileBytes

    /// The commands that lower what they parse: only they reuse what the parse frees. (`fmt`
    /// does not: one arena only kept 8 MB more resident for a dense 20 MB journey.)
    public static let loweringCommands = ["check", "compile"]

    /// Whether a run of `command` over inputs of these sizes should use one arena.
    public static func prefersOneArena(command: String, inputSizes: [Int]) -> Bool {
        loweringCommands.contains(command) && hasPartedFile(inputSizes)
    }

    /// Whether one of the inputs is a large file (`largeFileBytes` or more).
    public static func hasLargeFile(_ inputSizes: [Int]) -> Bool {
        inputSizes.contains { $0 >= largeFileBytes }
    }

    /// Whether one of the inputs is checked a part at a time (`partedFileBytes` or more).
    public static func hasPartedFile(_ inputSizes: [Int]) -> Bool {
        inputSizes.contains { $0 >= partedFileBytes }
    }

    /// What the paths among a command line's arguments are, from one `stat` each, without
    /// opening them: the sizes of the regular files, and whether one is a folder (a hint for
    /// the allocator only, taken before the run decides what it reads, so a link to a folder
    /// counts). Other arguments (options, missing files, FIFOs) are skipped.
    public struct Inputs: Equatable {
        public var sizes: [Int] = []
        public var namesDirectory = false
    }

    public static func inputs(_ paths: [String]) -> Inputs {
        var inputs = Inputs()
        #if canImport(Glibc)
        for path in paths where !path.isEmpty && !path.utf8.contains(0) {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: inputs.sizes.append(Int(info.st_size))
            case S_IFDIR: inputs.namesDirectory = true
            default: break
            }
        }
        #else
        inputs.namesDirectory = true
        #endif
        return inputs
    }

    /// The commands that run to completion over files they were given: they may keep what
    /// they free for the rest of the run (see `padHeaps`). The language server is not one.
    public static let batchCommands = ["check", "compile", "fmt", "diff", "doc"]

    /// How much each heap grows beyond what is asked of it (`M_TOP_PAD`).
    ///
    /// glibc grows a helper thread's heap by exactly what an allocation lacks, a page at a
    /// time, with an `mprotect` each; the process-wide memory lock it takes also stalls the
    /// other thread's page faults. `check` of 1,000 small files made about 1,900 such calls
    /// (and 2,200 `brk` calls with no pad at all). With a pad a new thread heap is made
    /// writable once, up to the pad, and the main heap grows by the pad: 10 `mprotect` and 3
    /// `brk` calls. Only touched pages count towards memory use, so the pad costs none until
    /// it is used. It also keeps up to the pad of freed memory for reuse instead of returning it.
    ///
    /// Not for a large file: there the pad (which also turns off glibc's sliding mapping
    /// threshold) made peak memory 10–12 MB higher (`check` 96 → 106 MB on a 20 MB journey,
    /// `fmt` 101 → 114 MB), for no measurable gain in time.
    public static let heapPadBytes = 32 << 20

    /// Whether a run of `command` over inputs of these sizes should pad its heaps: a batch
    /// command without a large file, and without a file it checks in parts with one arena.
    public static func padsHeaps(command: String, inputSizes: [Int]) -> Bool {
        batchCommands.contains(command) && !hasLargeFile(inputSizes)
            && !prefersOneArena(command: command, inputSizes: inputSizes)
    }

    /// Whether this run may use huge pages at all (`HugePages`, `HeapAdvice`, `HugePageHeap`):
    /// as `forced` says (`CXJ_HUGE_PAGES` set to `1` or `0`); otherwise yes, unless the kernel reports
    /// free 2 MiB blocks to a hypervisor (`FreePageReporting`), where a fresh huge page costs
    /// more to back than the small-page faults it saves.
    ///
    /// Measured on the benchmark machine, which reports them (medians, huge pages → none):
    /// - runs 2.5–3 s apart, as a CI job or an editor's save runs: dense 20 MB `check` 164.9 →
    ///   134.6 ms, cxj-bench 20 MB `check` 104.5 → 81.5, dense `fmt --check` 200.4 → 173.2,
    ///   1,000 small files 68.1 → 51.1 on two cores and 123.2 → 78.6 on one;
    /// - runs back to back, as a benchmark runs them, huge pages still won where the previous
    ///   run's freed blocks were not reported yet: 1,000 files 33.4 against 41.9 ms, cxj-bench
    ///   90.9 against 100.0, dense `check` 113.8 against 115.7.
    static func usesHugePages(forced: Bool?, reportsFreeBlocks: () -> Bool) -> Bool {
        forced ?? !reportsFreeBlocks()
    }

    /// `true` for `1`, `false` for `0`, nil for anything else. Read as bytes: decoding and
    /// comparing Strings here, at the start of every run, kept more of the executable resident.
    static func forcedHugePages(_ setting: UnsafePointer<CChar>?) -> Bool? {
        guard let setting, setting[0] != 0, setting[1] == 0 else { return nil }
        if setting[0] == 0x31 { return true } // "1"
        if setting[0] == 0x30 { return false } // "0"
        return nil
    }

    /// Sets how this run decides whether it uses huge pages (`usesHugePages`, forced by
    /// `variable`, the value of `CXJ_HUGE_PAGES`). Call at start-up, before any thread starts;
    /// the machine is looked at only when something first asks (`hugePagesEnabled`).
    public static func chooseHugePages(variable: UnsafePointer<CChar>?) {
        let forced = forcedHugePages(variable)
        HugePages.decision = { usesHugePages(forced: forced, reportsFreeBlocks: { FreePageReporting.isActive() }) }
    }

    /// Whether this run uses huge pages (decided on first use; see `chooseHugePages`).
    public static var hugePagesEnabled: Bool { HugePages.isEnabled }

    /// Whether a padded run advises its heaps for huge pages (`HeapAdvice`): only a run without
    /// a file it takes a part at a time, and only over a folder (or no path at all: the project's
    /// files) or named files of `adviceInputBytes` in all. A huge page is resident whole once one
    /// byte of it is touched, and the parts' freed blocks are spread over many: `fmt --check` of
    /// a dense 2 MB journey peaked at 21.2 MiB advised and 12.2 MiB not. A small file gains
    /// nothing from the 4 MiB backed at start: `check` of a 3 KB journey took the same time
    /// (2.8 ms) and peaked at 11.5 MiB advised, 8.0 MiB not.
    public static func advisesHugePages(inputSizes: [Int], namesDirectory: Bool) -> Bool {
        guard !hasPartedFile(inputSizes) else { return false }
        return namesDirectory || inputSizes.isEmpty || inputSizes.reduce(0, +) >= adviceInputBytes
    }

    /// The named files' bytes from which a padded run over them advises its heaps: the tree and
    /// model of 1 MiB of small journeys fill the two heaps' first huge pages.
    public static let adviceInputBytes = 1 << 20

    /// The commands that go on to emit output after checking (`compile`, and `diff` and `doc`,
    /// which compile too): memory that lowering in halves frees is kept for the emitter to
    /// reuse, not handed back (see `appendReleasing`). Handing it back took 7 MiB off the peak
    /// of `compile --to json` (dense, 20 MB) but the emitter faulted it in again: 1.6% slower
    /// by median, 4% by first quartile. `check` and the language server allocate little after
    /// lowering, and hand it back.
    public static let emittingCommands = ["compile", "diff", "doc"]

    /// Whether a run of `command` hands back what its helpers free as they are joined.
    public static func releasesJoinedMemory(command: String) -> Bool {
        !emittingCommands.contains(command)
    }

    /// The commands that read no syntax tree once their files are checked: lowering may hand
    /// back a large journey's statements as it reads them (`StatementRelease.enable`).
    public static let treeReleasingCommands = ["check", "compile"]

    /// Keeps what helpers free in the heap for reuse. Call before any thread starts.
    public static func keepJoinedMemory() {
        ReleasedMemory.isEnabled = false
    }

    /// Switches to one arena and a 16 MiB mapping threshold, and keeps the heap's free top
    /// instead of handing it back. Call before any thread starts.
    ///
    /// Setting the mapping threshold fixes glibc's trim threshold at 128 KiB, so the heap was
    /// cut back each time its top blocks were freed (a JSON or DOT writer's blocks, a part's
    /// tree) and its next blocks faulted in afresh: cxj-bench 20 MB `compile --to json` 8,838
    /// → 6,049 page faults and 89.3 → 83.1 ms (`perf stat`, 7 runs) with the top kept, and the
    /// same peak memory: what is kept was resident at the peak already.
    public static func useOneArena() {
        setMallocOption(-8, 1) // M_ARENA_MAX
        setMallocOption(-3, 16 << 20) // M_MMAP_THRESHOLD
        setMallocOption(-1, 1 << 30) // M_TRIM_THRESHOLD
    }

    /// Grows heaps by `heapPadBytes` at a time, and advises them for huge pages if asked to.
    /// Call before any thread starts: a thread heap takes the pad when it is made.
    public static func padHeaps(advisingHugePages: Bool = true) {
        guard setMallocOption(-2, Int32(heapPadBytes)) else { return } // M_TOP_PAD
        if advisingHugePages { HeapAdvice.start() }
    }

    /// Calls `mallopt` (Swift's Glibc module leaves out `malloc.h`, so through `CXJSystem`).
    /// Returns whether the option was taken.
    @discardableResult
    static func setMallocOption(_ option: Int32, _ value: Int32) -> Bool {
        cxj_mallopt(option, value) == 1
    }
}
