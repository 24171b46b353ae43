#if canImport(Glibc)
import Glibc
#endif

/// Writes files atomically: to a temporary file in the same directory, then renamed over the
/// target, so a reader never sees half a file and a failed write leaves the old one intact.
public enum AtomicFile {
    public struct Failure: Error, Equatable {
        public var path: String
        public var reason: String
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { sink in bytes.withUnsafeBytes { sink.write($0) } }
    }

    /// Streams output into a temporary file beside `path`, then renames it over `path`.
    public static func write(to path: String, _ produce: (inout FileSink) -> Void) throws {
        let directory = Paths.directory(of: path)
        if !directory.isEmpty { try makeDirectories(directory) }
        let temporary = path + ".cxj-tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, reason: currentError()) }
        var sink = FileSink(descriptor: descriptor)
        produce(&sink)
        close(descriptor)
        if let failure = sink.failure {
            unlink(temporary)
            throw Failure(path: path, reason: failure)
        }
        // Keep the permissions of a file being replaced.
        var info = stat()
        if stat(path, &info) == 0 { chmod(temporary, info.st_mode & 0o7777) }
        guard rename(temporary, path) == 0 else {
            let reason = currentError()
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
    }

    /// A sink that writes to a file and remembers the first failure.
    public struct FileSink: OutputSink {
        let descriptor: Int32
        var failure: String? = nil

        public mutating func write(_ bytes: UnsafeRawBufferPointer) {
            guard failure == nil else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = AtomicFile.currentError()
                    return
                }
                offset += written
            }
        }
    }

    /// Creates a directory and its parents, like `mkdir -p`.
    public static func makeDirectories(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw Failure(path: path, reason: "it is not a directory")
        }
        let parent = Paths.directory(of: path)
        if !parent.isEmpty && parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw Failure(path: path, reason: currentError()) }
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
