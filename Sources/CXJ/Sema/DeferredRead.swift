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

    /// Opens the file without following a link, and reads (or maps) it if it is a regular file
    /// within the size limit. A link where the listing or `lstat` saw a plain file is the file
    /// changing meanwhile.
    public func readDeferred(_ path: String) -> Result<SourceBytes, SourceReadError> {
        FileSystemProvider.opening(path, refusingLinkWith: SourceReadError(reason: SourceFile.changedWhileRead, isMissing: false)) {
            load(opened: $0)
        }
    }
}
