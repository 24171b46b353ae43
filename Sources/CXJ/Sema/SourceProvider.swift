#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read.
public struct SourceReadError: Error, Sendable, Equatable {
    public var reason: String
    public var isMissing: Bool

    public init(reason: String, isMissing: Bool) {
        self.reason = reason
        self.isMissing = isMissing
    }
}

/// Where source files come from: the file system, or memory in tests and `cxj explain`.
public protocol SourceProvider: Sendable {
    /// Reads a whole file.
    func read(_ path: String) -> Result<[UInt8], SourceReadError>
    /// A key equal for two paths that name the same file, so each file is loaded once.
    func identity(of path: String) -> String
    /// The names of the `.cxj` files in a directory, for suggestions when an import is missing.
    func cxjFiles(in directory: String) -> [String]
}

/// Reads files with POSIX calls straight into byte arrays, without intermediate copies.
public struct FileSystemProvider: SourceProvider {
    public init() {}

    public func read(_ path: String) -> Result<[UInt8], SourceReadError> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(SourceReadError.fromErrno()) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(SourceReadError.fromErrno()) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return .failure(SourceReadError(reason: "it is a directory", isMissing: false))
        }
        let size = max(Int(info.st_size), 0)
        var filled = 0
        var failure: SourceReadError? = nil
        // Read straight into uninitialized storage: no zero-filling pass over a large file.
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            if let base = buffer.baseAddress, size >= HugePages.threshold {
                HugePages.advise(UnsafeMutableRawPointer(base), bytes: size)
            }
            while filled < size {
                let count = posixRead(descriptor, buffer.baseAddress! + filled, size - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = SourceReadError.fromErrno()
                    break
                }
                if count == 0 { break }
                filled += count
            }
            initialized = filled
        }
        if let failure { return .failure(failure) }
        // Files whose size is not known in advance (pipes, /proc) are read to their end.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while filled == bytes.count {
            let count = chunk.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress!, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            filled += count
        }
        return .success(bytes)
    }

    public func identity(of path: String) -> String {
        guard let resolved = realpath(path, nil) else { return Paths.normalize(Paths.absolute(path)) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func cxjFiles(in directory: String) -> [String] {
        guard let handle = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasSuffix(".cxj") { names.append(name) }
        }
        return names.sorted()
    }
}

/// The C `read`, named apart from `SourceProvider.read`.
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

extension SourceReadError {
    static func fromErrno() -> SourceReadError {
        let code = errno
        let reason = String(cString: strerror(code)).lowercased()
        return SourceReadError(reason: reason, isMissing: code == ENOENT || code == ENOTDIR)
    }
}

/// Files held in memory, keyed by normalized path. Used by tests and `cxj explain`.
public struct InMemoryProvider: SourceProvider {
    public var files: [String: String]

    public init(_ files: [String: String]) {
        var normalized: [String: String] = [:]
        for (path, text) in files { normalized[Paths.normalize(path)] = text }
        self.files = normalized
    }

    public func read(_ path: String) -> Result<[UInt8], SourceReadError> {
        guard let text = files[Paths.normalize(path)] else {
            return .failure(SourceReadError(reason: "no such file or directory", isMissing: true))
        }
        return .success(Array(text.utf8))
    }

    public func identity(of path: String) -> String { Paths.normalize(path) }

    public func cxjFiles(in directory: String) -> [String] {
        let prefix = directory.isEmpty || directory == "." ? "" : Paths.normalize(directory) + "/"
        return files.keys.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".cxj") }
            .map { String($0.dropFirst(prefix.count)) }.filter { !$0.contains("/") }.sorted()
    }
}
