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
    public func identityDeferringRead(_ path: String) -> String? {
        guard defersSmallInputs, let name = FileSystemProvider.fileName(of: path) else { return nil }
        // An `lstat` per file made a run over 1,000 files 10-15 ms slower on one core.
        if listedPlainFiles.contains(path) { return identity(of: path, notALink: name) }
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              Int(info.st_size) < FileSystemProvider.mappedFileBytes, Int(info.st_size) <= maximumSize else { return nil }
        return identity(of: path, notALink: name)
    }

    /// `identityDeferringRead` of each path, the same identities: for the plain files a folder's
    /// listing gave, a path's folder and name are found in its bytes, and a run of paths of one
    /// folder looks its real path up once. Named one at a time, a thousand inputs of a folder
    /// took 5.9M instructions (a name, a folder and a real path looked up, for each), all
    /// before any was parsed.
    public func identitiesDeferringRead(_ paths: [String?]) -> [String?] {
        guard defersSmallInputs else { return paths.map { _ in nil } }
        var folder: (directory: String, real: String?)? = nil
        return paths.map { path -> String? in
            guard let path else { return nil }
            guard listedPlainFiles.contains(path), let (directory, name) = FileSystemProvider.folderAndName(of: path) else {
                return identityDeferringRead(path)
            }
            if folder?.directory != directory {
                folder = (directory, directories.realPath(of: directory.isEmpty ? "." : directory))
            }
            // As `identity(of:notALink:)` makes it.
            guard let real = folder?.real else { return FileSystemProvider.resolve(path) }
            return real == "/" ? "/" + name : real + "/" + name
        }
    }

    /// A path's folder (`Paths.directory`) and name (`fileName`), read from its bytes; nil for
    /// a path `fileName` gives no name for, or one that is not contiguous UTF-8.
    static func folderAndName(of path: String) -> (directory: String, name: String)? {
        path.utf8.withContiguousStorageIfAvailable { bytes -> (directory: String, name: String)? in
            guard let last = bytes.last, last != 0x2F, !bytes.contains(0) else { return nil }
            let slash = bytes.lastIndex(of: 0x2F)
            let name = UnsafeBufferPointer(rebasing: bytes[(slash.map { $0 + 1 } ?? 0)...])
            if name.count <= 2 && name.allSatisfy({ $0 == 0x2E }) { return nil } // `.` or `..`
            let directory = slash.map { $0 == 0 ? "/" : String(decoding: UnsafeBufferPointer(rebasing: bytes[..<$0]), as: UTF8.self) } ?? ""
            return (directory, String(decoding: name, as: UTF8.self))
        } ?? nil
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
