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
    /// `identity(of:)` and `read(_:)` of one path, as one step (the file system's saves a
    /// system call per file).
    func identityAndRead(_ path: String) -> (identity: String, content: Result<[UInt8], SourceReadError>)
    /// A source file's bytes, which may be a mapping of the file (the file system's, for a
    /// large file when asked to; see `FileSystemProvider.mapsLargeFiles`).
    func load(_ path: String) -> Result<SourceBytes, SourceReadError>
    /// `identity(of:)` and `load(_:)` of one path, as one step.
    func identityAndLoad(_ path: String) -> (identity: String, content: Result<SourceBytes, SourceReadError>)
    /// The identity of an input whose bytes may be read later, by the task that parses it
    /// (`readDeferred`), or nil to read it at once (`identityAndLoad`). Nil unless the
    /// provider says otherwise (`FileSystemProvider.defersSmallInputs`).
    func identityDeferringRead(_ path: String) -> String?
    /// `identityDeferringRead` of each path, in order (nil where there is none): one call for a
    /// run's inputs, so that a provider can share the work of paths of one folder.
    func identitiesDeferringRead(_ paths: [String?]) -> [String?]
    /// Reads the bytes of an input whose read `identityDeferringRead` deferred.
    func readDeferred(_ path: String) -> Result<SourceBytes, SourceReadError>
}

extension SourceProvider {
    public func identityAndRead(_ path: String) -> (identity: String, content: Result<[UInt8], SourceReadError>) {
        (identity(of: path), read(path))
    }

    public func load(_ path: String) -> Result<SourceBytes, SourceReadError> {
        read(path).map(SourceBytes.init)
    }

    public func identityAndLoad(_ path: String) -> (identity: String, content: Result<SourceBytes, SourceReadError>) {
        let (identity, content) = identityAndRead(path)
        return (identity, content.map(SourceBytes.init))
    }

    public func identityDeferringRead(_ path: String) -> String? { nil }

    public func identitiesDeferringRead(_ paths: [String?]) -> [String?] {
        paths.map { $0.flatMap { identityDeferringRead($0) } }
    }

    public func readDeferred(_ path: String) -> Result<SourceBytes, SourceReadError> { load(path) }
}

/// Reads files with POSIX calls straight into byte arrays, without intermediate copies.
///
/// Only regular files are read, and only up to `maximumSize` bytes: a FIFO, a device such as
/// `/dev/zero`, or a link to one, is refused without blocking, and so is a larger file.
public struct FileSystemProvider: SourceProvider {
    /// The default size limit of a file: 64 MiB.
    public static let defaultMaximumSize = 64 << 20
    /// The largest limit that can be set: byte offsets are 32-bit.
    public static let largestMaximumSize = Int(Int32.max) - 1

    /// At most `largestMaximumSize`, so kept in 32 bits: the provider then fits in the three
    /// words that an `any SourceProvider` holds in place. A larger one was boxed on the heap, and
    /// the box was freed by a function without a name, which the linker could not lay out
    /// beside the code that runs (`Benchmarks/symbol_order.py`).
    public var maximumSize: Int {
        get { Int(storedMaximumSize) }
        set { storedMaximumSize = Int32(min(max(newValue, 0), FileSystemProvider.largestMaximumSize)) }
    }
    private var storedMaximumSize: Int32 = 0
    /// Whether `load` maps a large file (`mappedFileBytes` or more) instead of reading it: for a
    /// batch run of `check` or `compile` (`MappedFile` says why, and what guards it).
    public var mapsLargeFiles: Bool
    /// Whether an input's bytes are read by the task that parses it, not with its identity
    /// (`identityDeferringRead`): for a batch run of `check` or `compile`, which reports an
    /// input whose late read failed as unreadable (`SourceFile.readFailure`).
    public var defersSmallInputs: Bool
    /// Inputs that a folder's listing gave as plain files (`InputDiscovery`), in the order of the
    /// inputs: their read is deferred without an `lstat` first, whatever their size.
    public var listedPlainFiles: [String]

    public init(maximumSize: Int = FileSystemProvider.defaultMaximumSize, mapsLargeFiles: Bool = false,
                defersSmallInputs: Bool = false, listedPlainFiles: [String] = []) {
        self.mapsLargeFiles = mapsLargeFiles
        self.defersSmallInputs = defersSmallInputs
        self.listedPlainFiles = listedPlainFiles
        self.maximumSize = maximumSize
    }

    public func read(_ path: String) -> Result<[UInt8], SourceReadError> {
        FileSystemProvider.opening(path) { read(opened: $0) }
    }

    public func load(_ path: String) -> Result<SourceBytes, SourceReadError> {
        FileSystemProvider.opening(path) { load(opened: $0) }
    }

    public func identityAndRead(_ path: String) -> (identity: String, content: Result<[UInt8], SourceReadError>) {
        identityAnd(path, read(opened:), or: read)
    }

    public func identityAndLoad(_ path: String) -> (identity: String, content: Result<SourceBytes, SourceReadError>) {
        identityAnd(path, load(opened:), or: load)
    }

    /// Opens `path` for reading and hands the descriptor to `content`, which it closes after.
    /// O_NONBLOCK: opening a FIFO must not wait for a writer. With `linkFailure`, a link in the
    /// last component is not followed, and is that failure.
    static func opening<Content>(_ path: String, refusingLinkWith linkFailure: SourceReadError? = nil,
                                 _ content: (Int32) -> Result<Content, SourceReadError>) -> Result<Content, SourceReadError> {
        guard !path.utf8.contains(0) else { return .failure(SourceReadError(reason: "the path contains a NUL byte", isMissing: false)) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (linkFailure == nil ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else {
            if let linkFailure, errno == ELOOP { return .failure(linkFailure) }
            return .failure(SourceReadError.fromErrno())
        }
        defer { close(descriptor) }
        return content(descriptor)
    }

    /// A path's identity and content in one step. It opens the file without following a link
    /// in its last component: when that works, the name is no link, so the file's identity is
    /// its directory's real path and its name, and the `lstat` of `identity(of:)` is not needed
    /// (a thousand inputs: a thousand system calls fewer, on the path before parsing). A link,
    /// or a path that cannot be opened, takes the two steps (`identity(of:)`, then `fallback`).
    private func identityAnd<Content>(_ path: String, _ content: (Int32) -> Result<Content, SourceReadError>,
                                      or fallback: (String) -> Result<Content, SourceReadError>)
        -> (identity: String, content: Result<Content, SourceReadError>) {
        guard let name = FileSystemProvider.fileName(of: path) else { return (identity(of: path), fallback(path)) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return (identity(of: path), fallback(path)) }
        defer { close(descriptor) }
        return (identity(of: path, notALink: name), content(descriptor))
    }

    /// Maps an open file when it is a regular file of `mappedFileBytes` or more within the size
    /// limit and `mapsLargeFiles` is set; reads it otherwise (and when it cannot be mapped).
    func load(opened descriptor: Int32) -> Result<SourceBytes, SourceReadError> {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(SourceReadError.fromErrno()) }
        if mapsLargeFiles, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumSize,
           Int(info.st_size) >= FileSystemProvider.mappedFileBytes,
           let mapping = MappedFile.map(descriptor: descriptor, status: info) {
            return .success(SourceBytes(mapping))
        }
        // The same status: a second `fstat` per file was a thousand system calls more over a
        // thousand inputs.
        return read(opened: descriptor, status: info).map(SourceBytes.init)
    }

    /// Reads an open file whole, if it is a regular file within the size limit.
    private func read(opened descriptor: Int32) -> Result<[UInt8], SourceReadError> {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(SourceReadError.fromErrno()) }
        return read(opened: descriptor, status: info)
    }

    /// Reads an open file whole from its status (`fstat`), if it is a regular file within the
    /// size limit.
    private func read(opened descriptor: Int32, status info: stat) -> Result<[UInt8], SourceReadError> {
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            return .failure(SourceReadError(reason: SourceReadError.describe(fileType: type), isMissing: false))
        }
        if Int(info.st_size) > maximumSize { return .failure(tooLarge()) }
        let size = max(Int(info.st_size), 0)
        var filled = 0
        var failure: SourceReadError? = nil
        func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
            if let base = buffer.baseAddress, size >= HugePages.threshold {
                HugePages.advise(UnsafeMutableRawPointer(base), bytes: size)
            }
            let base = UnsafeMutableRawPointer(buffer.baseAddress)
            // A large file is read in two halves at once: copying it out of the page cache,
            // and the first touch of the pages it is copied to, are most of reading it.
            let half = FileSystemProvider.readsInHalves(size: size) ? (size / 2) & ~4095 : size
            nonisolated(unsafe) let second = base.map { $0 + half }
            let secondHalf = half < size ? BackgroundThread { readFully(descriptor, into: second!, count: size - half, at: half) }
                : nil
            let first = base.map { readFully(descriptor, into: $0, count: half, at: 0) } ?? .success(0)
            let rest = secondHalf?.join() ?? .success(0)
            switch (first, rest) {
            case (.failure(let error), _), (_, .failure(let error)):
                failure = error
            case (.success(let head), .success(let tail)):
                // A file that shrank while it was read keeps what was read before the gap.
                filled = head < half ? head : half + tail
            }
            return filled
        }
        var bytes: [UInt8]
        if size <= FileSystemProvider.zeroedReadBytes {
            // A small file is read into zeroed storage (`Array(filling:count:)`).
            bytes = [UInt8](filling: 0, count: size)
            _ = bytes.withUnsafeMutableBufferPointer { fill($0) }
            bytes.removeLast(size - filled)
        } else {
            // Straight into uninitialized storage: no zero-filling pass over a large file.
            bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in initialized = fill(buffer) }
        }
        if let failure { return .failure(failure) }
        // Files that report no size (/proc) are read to their end, within the limit. A file
        // that reported its size was read to it (a file growing meanwhile is read as it was).
        // One byte is asked for first, so that a buffer is only made (and zeroed) when more comes.
        if size > 0 { return .success(bytes) }
        var probe: UInt8 = 0
        var probed = posixRead(descriptor, &probe, 1)
        while probed < 0 && errno == EINTR { probed = posixRead(descriptor, &probe, 1) }
        if probed <= 0 { return .success(bytes) }
        bytes.append(probe)
        filled += 1
        if filled > maximumSize { return .failure(tooLarge()) }
        var chunk = [UInt8](filling: 0, count: 65_536)
        while filled == bytes.count {
            let count = chunk.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            filled += count
            if filled > maximumSize { return .failure(tooLarge()) }
        }
        return .success(bytes)
    }

    /// The largest file read into zeroed storage made through specialized code (`Array(filling:count:)`);
    /// a larger one is read into uninitialized storage, where zeroing would be a pass of its own.
    static let zeroedReadBytes = 64 << 10

    /// The smallest file `load` maps when `mapsLargeFiles` is set: one that is checked a part
    /// at a time (`AllocationPolicy.partedFileBytes`; tests map smaller ones).
    nonisolated(unsafe) static var mappedFileBytes = AllocationPolicy.partedFileBytes

    /// Whether a file of `size` bytes is read on two threads at once: 4 MiB or more (as
    /// `AllocationPolicy` calls a file large), on a machine with more than one core.
    static func readsInHalves(size: Int) -> Bool {
        size >= AllocationPolicy.largeFileBytes && Parallel.hasSeveralCores
    }

    private func tooLarge() -> SourceReadError {
        SourceReadError(reason: "it is larger than \(SourceReadError.describe(size: maximumSize)), the limit set by `--max-file-size`",
                        isMissing: false)
    }

    public func identity(of path: String) -> String {
        var info = stat()
        if let name = FileSystemProvider.fileName(of: path), lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFLNK {
            return identity(of: path, notALink: name)
        }
        return FileSystemProvider.resolve(path)
    }

    /// The last name of a path that may name a file itself (not `.`, `..` or a path ending in
    /// `/`), or nil.
    static func fileName(of path: String) -> String? {
        guard !path.hasSuffix("/"), !path.utf8.contains(0) else { return nil }
        let name = Paths.lastComponent(path)
        return name == "." || name == ".." ? nil : name
    }

    /// The identity of a path whose last name, `name`, is no link: its directory's real path
    /// and the name. `realpath` calls `readlink` on every component (and `getcwd` for a
    /// relative path): for a thousand files of one folder, the folder is resolved once instead.
    func identity(of path: String, notALink name: String) -> String {
        let directory = Paths.directory(of: path)
        guard let real = directories.realPath(of: directory.isEmpty ? "." : directory) else {
            return FileSystemProvider.resolve(path)
        }
        return real == "/" ? "/" + name : real + "/" + name
    }

    static func resolve(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return Paths.normalize(Paths.absolute(path)) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Real paths of directories already resolved by this provider (one run).
    let directories = DirectoryIdentities()

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

/// Reads `count` bytes at `offset` with `pread` (which leaves the descriptor's position alone,
/// so two threads can read one descriptor), until they are read or the file ends: the number
/// read, or why it failed.
private func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int)
    -> Result<Int, SourceReadError> {
    var filled = 0
    while filled < count {
        let read = pread(descriptor, buffer + filled, count - filled, off_t(offset + filled))
        if read < 0 {
            if errno == EINTR { continue }
            return .failure(SourceReadError.fromErrno())
        }
        if read == 0 { break }
        filled += read
    }
    return .success(filled)
}

extension SourceReadError {
    /// Why a file of this type is not read.
    static func describe(fileType type: mode_t) -> String {
        switch type {
        case S_IFDIR: return "it is a directory"
        case S_IFIFO: return "it is a FIFO, not a regular file"
        case S_IFCHR: return "it is a character device, not a regular file"
        case S_IFBLK: return "it is a block device, not a regular file"
        case S_IFSOCK: return "it is a socket, not a regular file"
        default: return "it is not a regular file"
        }
    }

    /// A size in bytes for people: "64 MiB", "1.5 KiB", "12 bytes".
    static func describe(size: Int) -> String {
        if size >= 1 << 20 { return Format.decimal(Double(size) / Double(1 << 20), digits: 1) + " MiB" }
        if size >= 1 << 10 { return Format.decimal(Double(size) / Double(1 << 10), digits: 1) + " KiB" }
        return Format.count(size, "byte")
    }

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

/// The real paths of directories, resolved once each. A provider lives for one run (one
/// command, or one check of the language server), so a folder renamed later is not seen
/// through an old entry.
final class DirectoryIdentities: Sendable {
    private let table = PathTable<String>()

    func realPath(of directory: String) -> String? {
        table.value(of: directory) {
            guard let resolved = realpath(directory, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }
    }
}

/// What is worked out once per path and shared by threads: a directory's real path, an
/// imported path's identity (with the path's string, `ImportIdentities`). The value is worked
/// out outside the lock; two threads asking at once may both work it out, and get the same.
final class PathTable<Value: Sendable>: Sendable {
    private let table = Locked<[String: Value]>([:])

    /// The value kept for `path`, or what `compute` gives (kept unless nil).
    func value(of path: String, _ compute: () -> Value?) -> Value? {
        if let known = table.withLock({ $0[path] }) { return known }
        guard let value = compute() else { return nil }
        table.withLock { $0[path] = value }
        return value
    }
}
