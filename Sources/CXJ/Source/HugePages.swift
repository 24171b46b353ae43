#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back large, freshly reserved buffers with transparent huge pages.
///
/// Filling a 14 MB array one 4 KiB page at a time costs thousands of page faults; with
/// 2 MiB pages it costs a handful. This matters only for big inputs (a 20 MB journey spends a
/// fifth of its run time in page faults otherwise), so buffers under 4 MiB are left alone.
/// Where the kernel offers no huge pages, or outside Linux, this does nothing; nor where the
/// run was told not to (`isEnabled`).
enum HugePages {
    static let threshold = 4 << 20

    /// Whether anything is advised or collapsed into huge pages: off where fresh huge pages are
    /// slow to back (`FreePageReporting`). Decided once, on first use, by `decision`, which the
    /// command line sets at start-up (`AllocationPolicy.chooseHugePages`): a run with nothing
    /// large to advise never looks at the machine.
    static var isEnabled: Bool { decided }

    /// What decides `isEnabled`. Set before any thread starts, and before `isEnabled` is read.
    nonisolated(unsafe) static var decision: @Sendable () -> Bool = { true }
    private static let decided = decision()

    /// Advises the storage an array has reserved, including capacity not yet in use.
    static func advise<Element>(_ array: inout [Element]) {
        let bytes = array.capacity * MemoryLayout<Element>.stride
        guard bytes >= threshold else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            advise(UnsafeMutableRawPointer(base), bytes: bytes)
        }
    }

    /// Splits a region into the pieces `populate` backs one at a time: whole 4 KiB pages,
    /// 2 MiB at most, as address ranges. On this virtual machine a fresh page can take
    /// microseconds to back, so a thread doing this checks between pieces whether to stop.
    static func populationChunks(_ start: Int, bytes: Int) -> [Range<Int>] {
        guard bytes > 0 else { return [] }
        let page = 4096
        let chunk = 2 << 20
        var first = start & ~(page - 1)
        let last = (start + bytes + page - 1) & ~(page - 1)
        var chunks: [Range<Int>] = []
        while first < last {
            let end = min(last, first + chunk)
            chunks.append(first..<end)
            first = end
        }
        return chunks
    }

    /// Asks the kernel to back a region with memory now (`MADV_POPULATE_WRITE`), leaving what
    /// it holds unchanged, so that the thread that later writes there takes no page faults.
    /// Used by a thread with nothing else to do on behalf of one that is busy. Kernels older
    /// than 5.14 refuse the request, which changes nothing.
    static func populate(_ chunk: Range<Int>) {
        #if os(Linux)
        guard let aligned = UnsafeMutableRawPointer(bitPattern: chunk.lowerBound) else { return }
        _ = madvise(aligned, chunk.count, 23) // MADV_POPULATE_WRITE
        #endif
    }

    static let hugePageBytes = 2 << 20

    /// `address` rounded up to a 2 MiB boundary.
    static func roundedUp(_ address: Int) -> Int { (address + hugePageBytes - 1) & ~(hugePageBytes - 1) }

    /// Backs a region of a heap that is being advised, part of which is in use already: as one
    /// huge page when the region is a whole 2 MiB-aligned one (`MADV_COLLAPSE`, which keeps what
    /// it holds), else, or when the kernel declines, with small pages at once
    /// (`MADV_POPULATE_WRITE`). Either way one system call instead of a fault per small page.
    static func backNow(_ region: Range<Int>) {
        #if os(Linux)
        guard !region.isEmpty, let start = UnsafeMutableRawPointer(bitPattern: region.lowerBound & ~(pageSize - 1)) else { return }
        let bytes = region.upperBound - Int(bitPattern: start)
        if isEnabled && region.lowerBound & (hugePageBytes - 1) == 0 && region.count == hugePageBytes && madvise(start, bytes, 25) == 0 {
            return // MADV_COLLAPSE
        }
        _ = madvise(start, bytes, 23) // MADV_POPULATE_WRITE
        #endif
    }

    /// The size of a small page.
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Advises a raw region; only its whole 2 MiB-aligned part can use huge pages.
    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard isEnabled else { return }
        let first = roundedUp(Int(bitPattern: start))
        let last = (Int(bitPattern: start) + bytes) & ~(hugePageBytes - 1)
        guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        #endif
    }
}
