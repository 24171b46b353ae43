#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back large, freshly reserved buffers with transparent huge pages.
///
/// Filling a 14 MB array one 4 KiB page at a time costs thousands of page faults; with
/// 2 MiB pages it costs a handful. This matters only for big inputs (a 20 MB journey spends a
/// fifth of its run time in page faults otherwise), so buffers under 4 MiB are left alone.
/// Where the kernel offers no huge pages, or outside Linux, this does nothing.
enum HugePages {
    static let threshold = 4 << 20

    /// Advises the storage an array has reserved, including capacity not yet in use.
    static func advise<Element>(_ array: inout [Element]) {
        let bytes = array.capacity * MemoryLayout<Element>.stride
        guard bytes >= threshold else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            advise(UnsafeMutableRawPointer(base), bytes: bytes)
        }
    }

    /// Asks the kernel to back a region with memory now (`MADV_POPULATE_WRITE`), leaving what
    /// it holds unchanged, so that the thread that later writes there takes no page faults.
    /// Used by a thread with nothing else to do on behalf of one that is busy. Kernels older
    /// than 5.14 refuse the request, which changes nothing.
    ///
    /// The region is backed 2 MiB at a time, and the work stops as soon as `stop` says so: on
    /// this virtual machine a fresh page can take microseconds to back, and the thread the
    /// memory is for must not wait for it.
    static func populate(_ start: Int, bytes: Int, stop: () -> Bool = { false }) {
        #if os(Linux)
        let page = 4096
        var first = start & ~(page - 1)
        let last = (start + bytes + page - 1) & ~(page - 1)
        let chunk = 2 << 20
        while first < last, !stop(), let aligned = UnsafeMutableRawPointer(bitPattern: first) {
            let end = min(last, first + chunk)
            _ = madvise(aligned, end - first, 23) // MADV_POPULATE_WRITE
            first = end
        }
        #endif
    }

    /// Advises a raw region; only its whole 2 MiB-aligned part can use huge pages.
    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let hugePage = 2 << 20
        let first = (Int(bitPattern: start) + hugePage - 1) & ~(hugePage - 1)
        let last = (Int(bitPattern: start) + bytes) & ~(hugePage - 1)
        guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        #endif
    }
}
