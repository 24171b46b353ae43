#if canImport(Glibc)
import Glibc
#endif

/// Asks glibc's allocator to back its heap and its large blocks with transparent huge pages,
/// for a run over a large file.
///
/// On the machine the benchmarks run on, the first touch of a fresh 4 KiB page costs about
/// 2 µs (0.4–0.5 ms per MB); a 2 MiB page costs about 0.1 ms per MB. A dense 20 MB journey
/// touches 150 MB, and page faults were a third of its `check`. The syntax tree's arrays and
/// the input were already advised one by one (`HugePages`), but most of the checker's arrays
/// come from the allocator's heap, which only glibc can advise: its tunable
/// `glibc.malloc.hugetlb=1` makes it advise every extension of the heap and every block it maps.
/// Tunables are read once, when a process starts, so the `cxj` executable starts itself again
/// with the tunable added (`execve` keeps the process, its standard streams and its arguments),
/// before it has read anything. A variable that already names the tunable, with any value,
/// is left as it is: `GLIBC_TUNABLES=glibc.malloc.hugetlb=0` turns this off.
public enum HugePageHeap {
    /// The commands that gain: `fmt`, which keeps one arena per thread (see `AllocationPolicy`).
    ///
    /// `check` and `compile` did too until their peak memory was weighed against their time: a
    /// huge page backs a whole 2 MiB when one byte of it is touched, and the allocator's heap
    /// holds many arrays that end part way into one. On 20 MB journeys the huge-page heap made
    /// them 3–10% faster (dense `check` 78.8 against 86.3 ms, cxj-bench 46.9 against 51.6 ms;
    /// `compile` about 3%), and their peaks 1.5–7.7 MiB higher (dense `check` 47.7 against
    /// 41.8 MiB, `--to json` 48.5 against 44.0, `--to dot` 56.7 against 49.0). Without it they
    /// meet issue 14's speed floors still, and `check` and `--to json` its memory ceiling (twice
    /// the input plus the runtime's 5.8 MiB). The model's largest arrays are still advised one
    /// by one (`HugePages`), and a run that names the tunable itself gets it.
    public static let commands = ["fmt"]

    /// Whether a run of `command` over inputs of these sizes should start again with huge
    /// pages: one file of `AllocationPolicy.largeFileBytes` or more. A small run would only
    /// pay for starting twice (2–3 ms).
    public static func isWorthwhile(command: String, inputSizes: [Int]) -> Bool {
        commands.contains(command) && AllocationPolicy.hasLargeFile(inputSizes)
    }

    /// The tunable added to `GLIBC_TUNABLES`.
    public static let tunable = "glibc.malloc.hugetlb=1"

    /// The `GLIBC_TUNABLES=…` entry to start again with, given the current entry (nil when
    /// there is none); nil when the current entry already names the tunable, whatever its
    /// value, so that a restarted process never restarts again. Other tunables are kept.
    public static func tunablesEntry(replacing current: String?, adding tunable: String = tunable) -> String? {
        let prefix = "GLIBC_TUNABLES="
        let name = tunable.split(separator: "=", maxSplits: 1).first.map(String.init) ?? tunable
        guard let current else { return prefix + tunable }
        let value = current.dropFirst(prefix.count)
        if value.split(separator: ":").contains(where: { $0 == name || $0.hasPrefix(name + "=") }) { return nil }
        return prefix + (value.isEmpty ? tunable : value + ":" + tunable)
    }

    /// The environment to start again with, or nil (see `tunablesEntry`): the first
    /// `GLIBC_TUNABLES` entry replaced in its place, or one added at the end.
    public static func environment(adding tunable: String = tunable, to environment: [String]) -> [String]? {
        let index = environment.firstIndex { $0.hasPrefix("GLIBC_TUNABLES=") }
        guard let entry = tunablesEntry(replacing: index.map { environment[$0] }, adding: tunable) else { return nil }
        var result = environment
        if let index { result[index] = entry } else { result.append(entry) }
        return result
    }

    /// Replaces this process with the same executable and arguments, started with the
    /// tunable. Returns only when that is not needed or not possible (no `/proc`, a deleted
    /// executable, a name that is not this executable, a refused `execve`); the run then goes
    /// on without huge pages. The arguments and every other variable are passed on as the
    /// bytes this process was given, not as decoded strings.
    public static func restartWithHugePages() {
        #if os(Linux)
        guard CommandLine.argc > 0, let first = CommandLine.unsafeArgv[0], let name = String(validatingCString: first),
              let executable = executablePath(invokedAs: name, searchPath: getenv("PATH").flatMap { String(validatingCString: $0) })
        else { return }
        var entries: [UnsafeMutablePointer<CChar>?] = []
        var tunablesIndex: Int? = nil
        var current: String? = nil
        var pointer = environ
        while let entry = pointer.pointee {
            if tunablesIndex == nil && strncmp(entry, "GLIBC_TUNABLES=", 15) == 0 {
                // Not text: leave it alone, and go on without huge pages.
                guard let text = String(validatingCString: entry) else { return }
                tunablesIndex = entries.count
                current = text
            }
            entries.append(entry)
            pointer += 1
        }
        guard let replacement = tunablesEntry(replacing: current), let added = strdup(replacement) else { return }
        if let tunablesIndex { entries[tunablesIndex] = added } else { entries.append(added) }
        entries.append(nil)
        _ = execve(executable, CommandLine.unsafeArgv, entries)
        // Still here: execve failed, and nothing has changed. Go on as before.
        free(added)
        #endif
    }

    /// The running executable's path (the target of `/proc/self/exe`), when `name` (the
    /// process's `argv[0]`, looked up in `searchPath` when it has no `/`) names that same file.
    /// Otherwise nil: a program started through the dynamic loader (`ld.so ./cxj …`), where
    /// `/proc/self/exe` is the loader and starting it again with these arguments would run
    /// whatever `argv[1]` names, or an executable replaced or deleted since it started.
    static func executablePath(invokedAs name: String, searchPath: String?) -> String? {
        #if os(Linux)
        var buffer = [CChar](filling: 0, count: 4097)
        let count = readlink("/proc/self/exe", &buffer, 4096)
        guard count > 0 && count < 4096 else { return nil }
        let path = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !path.hasSuffix(" (deleted)"), let running = identity(of: path) else { return nil }
        let candidates: [String]
        if name.contains("/") {
            candidates = [name]
        } else {
            guard let searchPath else { return nil }
            candidates = searchPath.split(separator: ":", omittingEmptySubsequences: false)
                .map { ($0.isEmpty ? "." : String($0)) + "/" + name }
        }
        // The first match of the search path is the file the shell ran.
        for candidate in candidates {
            guard let found = identity(of: candidate) else { continue }
            return found == running ? path : nil
        }
        return nil
        #else
        return nil
        #endif
    }

    /// A regular file's device and inode, following links; nil for anything else.
    private static func identity(of path: String) -> FileIdentity? {
        guard !path.isEmpty, !path.utf8.contains(0) else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    private struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
    }
}
