#if canImport(Glibc)
import Glibc
#endif
public enum Probe {
    nonisolated(unsafe) static var marks: [(String, Double, Int)] = []
    nonisolated(unsafe) public static var on = getenv("CXJ_PROBE") != nil
    public static func mark(_ name: String) {
        guard on else { return }
        var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t)
        var rss = 0
        let fd = open("/proc/self/statm", O_RDONLY)
        if fd >= 0 {
            var buf = [UInt8](repeating: 0, count: 64)
            let n = read(fd, &buf, 64)
            close(fd)
            if n > 0 { let f = String(decoding: buf[0..<n], as: UTF8.self).split(separator: " "); rss = (Int(f[1]) ?? 0) * 100000 + (Int(f[2]) ?? 0) }
        }
        marks.append((name, Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6, rss))
    }
    public static func dump() {
        if getenv("CXJ_SMAPS") != nil { let i = open("/proc/self/smaps", O_RDONLY); let o = open("/tmp/smaps.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644); var b = [UInt8](repeating: 0, count: 65536); while true { let n = read(i, &b, 65536); if n <= 0 { break }; _ = write(o, b, n) }; close(i); close(o) }
        guard on, let first = marks.first else { return }
        var s = ""
        var last = first.1
        for (n, t, r) in marks { s += "\(n) +\(Double(Int((t - last) * 100)) / 100) @\(Double(Int((t - first.1) * 100)) / 100) rss=\(r)\n"; last = t }
        _ = s.withCString { write(2, $0, strlen($0)) }
    }
}
