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
    /// Files at least this large make a run use one arena.
    public static let largeFileBytes = 4 << 20

    /// The commands that lower what they parse: only they reuse what the parse frees. (`fmt`
    /// does not: one arena only kept 8 MB more resident for a dense 20 MB journey.)
    public static let loweringCommands = ["check", "compile"]

    /// Whether a run of `command` over inputs of these sizes should use one arena.
    public static func prefersOneArena(command: String, inputSizes: [Int]) -> Bool {
        loweringCommands.contains(command) && hasLargeFile(inputSizes)
    }

    /// Whether one of the inputs is a large file (`largeFileBytes` or more).
    public static func hasLargeFile(_ inputSizes: [Int]) -> Bool {
        inputSizes.contains { $0 >= largeFileBytes }
    }

    /// Sizes of the regular files among `paths`, without opening them; other paths (options,
    /// directories, missing files, FIFOs) are skipped.
    public static func regularFileSizes(_ paths: [String]) -> [Int] {
        #if canImport(Glibc)
        var sizes: [Int] = []
        for path in paths where !path.isEmpty && !path.utf8.contains(0) {
            var info = stat()
            if stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG { sizes.append(Int(info.st_size)) }
        }
        return sizes
        #else
        return []
        #endif
    }

    /// Switches to one arena and a 16 MiB mapping threshold. Call before any thread starts.
    /// (`mallopt` is looked up at run time: Swift's Glibc module leaves out `malloc.h`.)
    public static func useOneArena() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-8, 1) // M_ARENA_MAX
        _ = mallopt(-3, 16 << 20) // M_MMAP_THRESHOLD
        #endif
    }
}
