#if canImport(Glibc)
import Glibc
#endif

/// Whether the kernel hands free memory back to a hypervisor a 2 MiB block at a time (free
/// page reporting, through a virtio balloon that negotiated `VIRTIO_BALLOON_F_REPORTING`).
///
/// On such a guest a block that has been free for a couple of seconds is reported, and the host
/// drops what backs it. A huge page is such a block, so the first touch of a fresh one costs the
/// host a fault per 4 KiB: on the machine the benchmarks run on, 2.7–8.3 ms for each 2 MiB
/// page after a pause of 2–3 s, against 0.2–1 ms right after another run freed it (64 MiB
/// touched page by page: 87–267 ms advised for huge pages in 8 runs of 9, 39–60 ms in small
/// pages, 6–32 ms for huge pages in a run right after another). Small pages are mostly recycled
/// ones the host still backs. A run of cxj is usually alone (a CI job, an editor's save), so
/// there `HugePages` are turned off (`AllocationPolicy.chooseHugePages`).
enum FreePageReporting {
    /// Where the virtio balloon driver lists its devices.
    static let balloonDevices = "/sys/bus/virtio/drivers/virtio_balloon"

    /// The feature bit of free page reporting (`VIRTIO_BALLOON_F_REPORTING`).
    static let reportingFeature = 5

    /// Whether a balloon device listed in `directory` negotiated free page reporting. Reads at
    /// most a few hundred bytes of a regular file per device; anything unexpected is a no.
    /// Names are handled as bytes: this runs once in any run that could use huge pages.
    static func isActive(devicesIn directory: String = balloonDevices) -> Bool {
        #if os(Linux)
        guard let listing = opendir(directory) else { return false }
        defer { closedir(listing) }
        let folder = dirfd(listing)
        while let entry = readdir(listing) {
            let found = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Bool in
                let name = raw.bindMemory(to: CChar.self)
                guard let base = name.baseAddress, strncmp(base, "virtio", 6) == 0 else { return false }
                let length = strnlen(base, name.count)
                // `virtioN/features`, relative to the listing.
                var path = [CChar](filling: 0, count: length + 10)
                path.withUnsafeMutableBufferPointer { path in
                    for index in 0..<length { path[index] = name[index] }
                    for (index, byte) in "/features".utf8.enumerated() { path[length + index] = CChar(bitPattern: byte) }
                }
                guard let features = smallRegularFile(in: folder, path) else { return false }
                return negotiatesReporting(features)
            }
            if found { return true }
        }
        #endif
        return false
    }

    /// Whether a device's `features` (one `0` or `1` per feature bit, bit 0 first) has the
    /// reporting bit set.
    static func negotiatesReporting(_ features: [UInt8]) -> Bool {
        features.count > reportingFeature && features[reportingFeature] == UInt8(ascii: "1")
    }

    /// The first 512 bytes of a regular file at `path` in `folder` (a link is not followed),
    /// or nil.
    private static func smallRegularFile(in folder: Int32, _ path: [CChar]) -> [UInt8]? {
        #if os(Linux)
        let descriptor = openat(folder, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](filling: 0, count: 512)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return Array(bytes.prefix(count))
        #else
        return nil
        #endif
    }
}
