import CXJSystem
#if canImport(Glibc)
import Glibc
#endif

/// Output held back in an unnamed temporary file until it is known to be whole, then copied
/// where it goes.
///
/// `fmt --stdout` of a large file prints it a part at a time, and a part can still fail its
/// check after earlier parts were printed. Nothing may reach standard output then. So the file's
/// parts used to be parsed twice: once to check them all, and again to print them. Spooled, each
/// part is parsed once: the text goes into the spool as it is printed, and the spool is copied
/// out only when every part passed (`FormatCommand`).
///
/// The file is made with `O_TMPFILE`: it has no name, so no link can be planted where it is
/// made, and nothing is left behind however the run ends. Its bytes sit in the page cache, not
/// in the process's memory. It goes in `TMPDIR` when that is an absolute path, else in `/tmp`.
/// Where neither can hold one (no `O_TMPFILE` on the system or the file system), `make` gives
/// nil and the caller checks first, as before.
public final class SpoolFile {
    private var sink: DescriptorSink

    private init(descriptor: Int32) {
        sink = DescriptorSink(descriptor: descriptor)
    }

    deinit {
        close(sink.descriptor)
    }

    /// A fresh spool, or nil where none can be made.
    public static func make() -> SpoolFile? {
        var directories: [String] = []
        if let variable = getenv("TMPDIR") {
            let directory = String(cString: variable)
            if directory.hasPrefix("/") { directories.append(directory) }
        }
        directories.append("/tmp")
        for directory in directories {
            let descriptor = cxj_open_unnamed_temporary(directory)
            if descriptor >= 0 { return SpoolFile(descriptor: descriptor) }
        }
        return nil
    }

    /// Whether every write so far went through.
    public var isWhole: Bool { sink.failure == nil }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        sink.write(bytes)
    }

    /// Hands what was written to `consumer`, from the start, a mebibyte at a time; false when
    /// a write or a read failed (then `consumer` may have had part of it).
    public func copy(to consumer: (UnsafeRawBufferPointer) -> Void) -> Bool {
        guard isWhole else { return false }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var offset: off_t = 0
        while true {
            let count = pread(sink.descriptor, buffer, chunk, offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            if count == 0 { return true }
            consumer(UnsafeRawBufferPointer(start: buffer, count: count))
            offset += off_t(count)
        }
    }
}
