#if canImport(Glibc)
import Glibc
#endif

/// Writes files safely and atomically.
///
/// A regular file is replaced through a temporary file that `mkstemp` creates in the same
/// directory (a fresh, unpredictable name, `O_EXCL`, mode 0600), which is then given the
/// target's mode and owner and renamed over it: a reader never sees half a file, a failed write
/// leaves the old one intact, and no link planted in the directory is ever followed.
///
/// Targets that are not plain files are never replaced:
/// - a symbolic link is refused (cxj does not write through links);
/// - a file with more than one hard link is refused (renaming would split it);
/// - a file without its owner's write permission is refused, even for root: the mode states
///   an intent;
/// - a character device or a FIFO (`-o /dev/stdout`) is written in place;
/// - anything else (a directory, a block device, a socket) is refused.
public enum AtomicFile {
    public struct Failure: Error, Equatable {
        public var path: String
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { sink in bytes.withUnsafeBytes { sink.write($0) } }
    }

    /// Streams output into a temporary file beside `path`, then renames it over `path`.
    public static func write(to path: String, _ produce: (inout FileSink) -> Void) throws {
        _ = try write(to: path, droppable: false) { sink in
            produce(&sink)
            return true
        }
    }

    /// Streams output into a temporary file beside `path` and renames it over `path` only if
    /// `produce` returns true; otherwise removes it, leaves `path` as it was and returns false.
    /// A character device or a FIFO, written in place, cannot take back what it got: for one,
    /// `produce` is not called and false is returned.
    @discardableResult
    public static func write(to path: String, keepingIf produce: (inout FileSink) -> Bool) throws -> Bool {
        try write(to: path, droppable: true, produce)
    }

    private static func write(to path: String, droppable: Bool, _ produce: (inout FileSink) -> Bool) throws -> Bool {
        guard !path.isEmpty, !path.utf8.contains(0) else { throw Failure(path: path, reason: "invalid path") }
        var existing = stat()
        if lstat(path, &existing) == 0 {
            switch existing.st_mode & S_IFMT {
            case S_IFREG:
                try checkReplaceable(path, existing)
            case S_IFLNK:
                var target = stat()
                guard stat(path, &target) == 0, isStream(target) else {
                    throw Failure(path: path, reason: "it is a symbolic link; cxj does not write through links (name the target instead)")
                }
                if droppable { return false }
                try writeInPlace(path, produce)
                return true
            default:
                guard isStream(existing) else { throw Failure(path: path, reason: "it is not a regular file") }
                if droppable { return false }
                try writeInPlace(path, produce)
                return true
            }
        } else if errno != ENOENT {
            throw Failure(path: path, reason: currentError())
        }
        let directory = Paths.directory(of: path)
        if !directory.isEmpty { try makeDirectories(directory) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array((Paths.join(directory, "." + name + ".cxj-XXXXXX")).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(path: path, reason: currentError()) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var sink = FileSink(descriptor: descriptor)
        guard produce(&sink) else {
            close(descriptor)
            unlink(temporary)
            return false
        }
        if sink.failure == nil {
            if existing.st_nlink > 0 {
                // Keep the mode and, where permitted, the owner of the file being replaced.
                _ = fchown(descriptor, existing.st_uid, existing.st_gid)
                if fchmod(descriptor, existing.st_mode & 0o7777) != 0 { sink.failure = currentError() }
            } else if fchmod(descriptor, 0o666 & ~currentUmask()) != 0 {
                sink.failure = currentError()
            }
        }
        if close(descriptor) != 0 && sink.failure == nil { sink.failure = currentError() }
        if let failure = sink.failure {
            unlink(temporary)
            throw Failure(path: path, reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = currentError()
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
        return true
    }

    /// Refuses to replace a regular file that is read-only or hard-linked.
    private static func checkReplaceable(_ path: String, _ info: stat) throws {
        if info.st_mode & S_IWUSR == 0 {
            throw Failure(path: path, reason: "it is read-only; make it writable first if it should change")
        }
        if info.st_nlink > 1 {
            throw Failure(path: path, reason: "it has \(info.st_nlink) hard links; replacing it would split them")
        }
    }

    /// Whether a file is a character device or a FIFO, written in place rather than replaced.
    private static func isStream(_ info: stat) -> Bool {
        let type = info.st_mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO
    }

    private static func writeInPlace(_ path: String, _ produce: (inout FileSink) -> Bool) throws {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(path: path, reason: currentError()) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, isStream(info) else {
            close(descriptor)
            throw Failure(path: path, reason: "it changed while being opened")
        }
        var sink = FileSink(descriptor: descriptor)
        _ = produce(&sink)
        if close(descriptor) != 0 && sink.failure == nil { sink.failure = currentError() }
        if let failure = sink.failure { throw Failure(path: path, reason: failure) }
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// A sink that writes to a file and remembers the first failure.
    public struct FileSink: OutputSink {
        private var sink: DescriptorSink
        var failure: String? {
            get { sink.failure }
            set { if let newValue { sink.fail(newValue) } }
        }

        public init(descriptor: Int32) {
            sink = DescriptorSink(descriptor: descriptor)
        }

        public mutating func write(_ bytes: UnsafeRawBufferPointer) {
            sink.write(bytes)
        }
    }

    /// Creates a directory and its parents, like `mkdir -p`, without following a link at
    /// the last component.
    public static func makeDirectories(_ path: String) throws {
        var components: [String] = []
        var current = path
        while true {
            var info = stat()
            if stat(current, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else { throw Failure(path: current, reason: "it is not a directory") }
                break
            }
            components.append(current)
            let parent = Paths.directory(of: current)
            if parent.isEmpty || parent == current { break }
            current = parent
        }
        for directory in components.reversed() where mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw Failure(path: directory, reason: currentError())
        }
    }

    /// Whether `path` names an existing directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func currentError() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
