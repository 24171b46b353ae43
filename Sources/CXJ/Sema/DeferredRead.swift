#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Inputs read by the task that parses them. Over a folder, every input used to be read before
/// the first was parsed, so all their bytes were in memory at once (2.6 MiB for 1,000 small
/// journeys); read late, a file's bytes live from its parse to its check, and a clean file's are
/// handed back then (`Compiler.releaseIfClean`).
extension FileSystemProvider {
    /// When `defersSmallInputs` is set, the identity of a file that is no link: one that a
    /// folder's listing gave as a plain file (`listedPlainFiles`), without a system call, or a
    /// small regular file, from one `lstat`. Nil otherwise (a link, a folder, a FIFO, a missing
    /// or large file named on the command line: read at once, as before, with what that reports).
    /// For one path: it looks through the listing (`identitiesDeferringRead` walks it in order).
    public func identityDeferringRead(_ path: String) -> String? {
        identityDeferringRead(path, listed: listedPlainFiles.contains(path))
    }

    private func identityDeferringRead(_ path: String, listed: Bool) -> String? {
        guard defersSmallInputs, let name = FileSystemProvider.fileName(of: path) else { return nil }
        // An `lstat` per file made a run over 1,000 files 10-15 ms slower on one core.
        if listed { return identity(of: path, notALink: name) }
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              Int(info.st_size) < FileSystemProvider.mappedFileBytes, Int(info.st_size) <= maximumSize else { return nil }
        return identity(of: path, notALink: name)
    }

    /// `identityDeferringRead` of each path, the same identities: for the plain files a folder's
    /// listing gave, the identity is made from the path's bytes (`listedIdentity`), and a run of
    /// paths of one folder looks its real path up once. Named one at a time, a thousand inputs
    /// of a folder took 5.9M instructions (a name, a folder and a real path looked up, for
    /// each), all before any was parsed.
    ///
    /// The listing is in the inputs' order, so it is walked beside them: a path is the next
    /// listed one, the same string, or it is looked for in a set of the listing, made the first
    /// time one is not. (A set made every time cost 2M instructions for 1,000 inputs: hashing
    /// each path twice, on one thread before any file was read.)
    public func identitiesDeferringRead(_ paths: [String?]) -> [String?] {
        guard defersSmallInputs else { return paths.map { _ in nil } }
        var folder: ListedFolder? = nil
        var next = 0
        var listedSet: Set<String>? = nil
        return paths.map { path -> String? in
            guard let path else { return nil }
            let listed: Bool
            if next < listedPlainFiles.count && listedPlainFiles[next] == path {
                next += 1
                listed = true
            } else {
                if listedSet == nil { listedSet = Set(listedPlainFiles) }
                listed = listedSet!.contains(path)
            }
            guard listed, let identity = listedIdentity(of: path, folder: &folder) else {
                return identityDeferringRead(path, listed: listed)
            }
            return identity
        }
    }

    /// The folder of the last listed path named, as given, and its real path (nil when it has none).
    private typealias ListedFolder = (directory: String, real: String?)

    /// The identity of a listed path, as `identity(of:notALink:)` makes it: its folder's real
    /// path (looked up again only when the folder differs from the last one, compared on the
    /// bytes) and its name, joined as one string. Nil for a path that ends in `/`, `.` or `..`,
    /// or holds a NUL byte, which is named one at a time. (Making the folder's string and the
    /// name's for each path, then joining three strings, took 1,600 instructions a path.)
    private func listedIdentity(of path: String, folder: inout ListedFolder?) -> String? {
        var path = path
        var isAsGiven = false
        let made: String?? = path.withUTF8 { bytes -> String?? in
            guard let last = bytes.last, last != 0x2F, !bytes.contains(0) else { return nil }
            let slash = bytes.lastIndex(of: 0x2F)
            let name = UnsafeBufferPointer(rebasing: bytes[(slash.map { $0 + 1 } ?? 0)...])
            if name.count <= 2 && name.allSatisfy({ $0 == 0x2E }) { return nil } // `.` or `..`
            // `Paths.directory`: nothing before the name, `/` for a name at the root.
            let directory = UnsafeBufferPointer(rebasing: bytes[..<(slash.map { Swift.max($0, 1) } ?? 0)])
            if folder.map({ !FileSystemProvider.spells($0.directory, directory) }) ?? true {
                let spelled = String(decoding: directory, as: UTF8.self)
                folder = (spelled, directories.realPath(of: spelled.isEmpty ? "." : spelled))
            }
            guard var real = folder?.real else { return .some(nil) }
            // A folder named as its real path (no link, no `.` or `..`): the identity is the
            // path as given, and shares its string (a second string of each input, 64 KB over
            // 1,000 of them, alive until the run ends).
            if FileSystemProvider.spells(real, directory) {
                isAsGiven = true
                return .some(nil)
            }
            return .some(real.withUTF8 { head in
                let separator = head.count == 1 && head[0] == 0x2F ? 0 : 1
                return String(unsafeUninitializedCapacity: head.count + separator + name.count) { buffer in
                    _ = buffer.initialize(fromContentsOf: head)
                    if separator == 1 { buffer[head.count] = 0x2F }
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[(head.count + separator)...]).initialize(fromContentsOf: name)
                    return head.count + separator + name.count
                }
            })
        }
        guard let made else { return nil }
        if isAsGiven { return path }
        return made ?? FileSystemProvider.resolve(path)
    }

    /// Whether `text` is spelled with exactly these bytes.
    private static func spells(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = text
        return text.withUTF8 { own in own.count == bytes.count && (own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0) }
    }

    /// Opens the file without following a link, and reads (or maps) it if it is a regular file
    /// within the size limit. A link where the listing or `lstat` saw a plain file is the file
    /// changing meanwhile.
    public func readDeferred(_ path: String) -> Result<SourceBytes, SourceReadError> {
        FileSystemProvider.opening(path, refusingLinkWith: SourceReadError(reason: SourceFile.changedWhileRead, isMissing: false)) {
            load(opened: $0)
        }
    }
}
