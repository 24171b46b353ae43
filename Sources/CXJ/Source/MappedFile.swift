import CXJSystem
#if canImport(Glibc)
import Glibc
#endif

/// A large source file mapped read-only instead of copied into memory.
///
/// A copy costs the file's size twice over (the kernel's page cache holds it too) and keeps it
/// all resident to the end of the run; a mapping shares the page cache's pages, and the pages a
/// run is done with can be handed back (`releasePages(in:)`): read again, they come back
/// from the page cache, unchanged.
///
/// A mapped file can change under the run. Two guards:
/// - a file that shrinks would make reading past its new end a bus error, which ends the
///   process: the mapping is guarded (`cxj_guard_mapping`) so that such a page reads as zeros
///   instead, and the mapping is marked;
/// - `hasChanged` says whether that happened, or whether the file's size, modification or
///   status-change time differ from when it was mapped; the commands then report the file as
///   unreadable (exit status 2).
/// Every pass reads the bytes as untrusted input, bounded by the mapping's size, whatever
/// they held a moment before: a change can make output wrong, never read outside the mapping.
final class MappedFile: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let count: Int
    private let descriptor: Int32
    private let slot: Int32
    private let mapped: FileStamp

    /// Maps an open regular file as `fstat` described it (`info`, at least 1 byte); nil when it
    /// cannot be mapped or guarded, and the file is then read as before. A change after that
    /// `fstat` is a change `hasChanged` reports.
    static func map(descriptor: Int32, status info: stat) -> MappedFile? {
        #if os(Linux)
        let size = Int(info.st_size)
        guard size > 0 else { return nil }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        let slot = cxj_guard_mapping(address, size)
        // Its own descriptor, for `hasChanged`: the caller closes the one it opened.
        let kept = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard slot >= 0, kept >= 0 else {
            if slot >= 0 { cxj_unguard_mapping(slot) }
            if kept >= 0 { close(kept) }
            munmap(address, size)
            return nil
        }
        return MappedFile(base: address.assumingMemoryBound(to: UInt8.self), count: size, descriptor: kept,
                          slot: slot, stamp: FileStamp(info))
        #else
        return nil
        #endif
    }

    private init(base: UnsafePointer<UInt8>, count: Int, descriptor: Int32, slot: Int32, stamp: FileStamp) {
        self.base = base
        self.count = count
        self.descriptor = descriptor
        self.slot = slot
        self.mapped = stamp
    }

    deinit {
        cxj_unguard_mapping(slot)
        munmap(UnsafeMutableRawPointer(mutating: base), count)
        close(descriptor)
    }

    /// Whether the file changed since it was mapped: it shrank under a read, or its size or
    /// times are no longer those it was mapped with.
    var hasChanged: Bool {
        cxj_guarded_mapping_faulted(slot) != 0 || FileStamp(descriptor) != mapped
    }

    /// Hands back the pages wholly inside `range` (the last page counts as whole when the range
    /// reaches the end): they stop counting towards this process's memory, and a later read
    /// maps them again from the page cache, unchanged.
    func releasePages(in range: Range<Int>) {
        #if os(Linux)
        let page = HugePages.pageSize
        let start = (min(max(range.lowerBound, 0), count) + page - 1) & ~(page - 1)
        let end = range.upperBound >= count ? count : max(range.upperBound, 0) & ~(page - 1)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
        #endif
    }
}

/// What tells a changed file from an unchanged one.
struct FileStamp: Equatable {
    var size: Int
    var modified: timespec
    var changed: timespec

    init(_ info: stat) {
        size = Int(info.st_size)
        modified = info.st_mtim
        changed = info.st_ctim
    }

    init?(_ descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    static func == (left: FileStamp, right: FileStamp) -> Bool {
        left.size == right.size && left.modified.tv_sec == right.modified.tv_sec
            && left.modified.tv_nsec == right.modified.tv_nsec && left.changed.tv_sec == right.changed.tv_sec
            && left.changed.tv_nsec == right.changed.tv_nsec
    }
}
