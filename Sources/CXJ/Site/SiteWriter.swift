#if canImport(Glibc)
import Glibc
#endif

/// Writes a documentation site into a directory, safely:
/// - every file is written atomically (`AtomicFile`), and a file whose bytes are already
///   right is left alone, so an unchanged site keeps its timestamps;
/// - the site's folders must be real folders: a symbolic link where `journeys/` should be is
///   refused, so a planted link cannot send pages outside the directory;
/// - a manifest (`.cxj-site`) lists what the site wrote; a later run removes the files of the
///   old manifest that the new site no longer has, and only those: only plain files, only
///   inside the directory, only with names the site itself makes. Nothing else is ever deleted.
public enum SiteWriter {
    public static let manifestName = ".cxj-site"
    /// The folders a site has; anything else in a manifest is not the site's and is kept.
    static let folders: Set<String> = ["journeys", "sources", "catalogue", "rules"]

    public struct Summary: Equatable, Sendable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    public static func write(_ files: [(path: String, bytes: [UInt8])], to directory: String) throws -> Summary {
        try AtomicFile.makeDirectories(directory)
        var summary = Summary()
        for folder in Set(files.compactMap { $0.path.contains("/") ? String($0.path.split(separator: "/")[0]) : nil }).sorted() {
            try realFolder(Paths.join(directory, folder))
        }
        for file in files {
            let target = Paths.join(directory, file.path)
            if contents(of: target) == file.bytes {
                summary.unchanged += 1
            } else {
                try AtomicFile.write(file.bytes, to: target)
                summary.written += 1
            }
        }
        let manifest = Paths.join(directory, manifestName)
        let kept = Set(files.map { $0.path })
        if let old = contents(of: manifest, limit: 1 << 20) {
            for line in String(decoding: old, as: UTF8.self).split(separator: "\n").map(String.init).sorted()
            where !kept.contains(line) && isSiteName(line) {
                if removePlainFile(directory, line) { summary.removed += 1 }
            }
        }
        try AtomicFile.write(Array((kept.sorted().joined(separator: "\n") + "\n").utf8), to: manifest)
        return summary
    }

    /// Whether a name is one the site makes: `NAME.html` or `style.css` at the top, or
    /// `FOLDER/NAME.html` in one of the site's folders, with ASCII letters, digits, `_`, `-`,
    /// `~` and `.` only, and never `.` or `..` as a component.
    static func isSiteName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || (parts.count == 2 && folders.contains(String(parts[0]))) else { return false }
        let file = parts[parts.count - 1]
        guard file.hasSuffix(".html") || (parts.count == 1 && file == "style.css"), !file.hasPrefix(".") else { return false }
        return file.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte == 0x7E
        }
    }

    /// Creates a folder of the site, or checks that the one there is a real folder.
    private static func realFolder(_ path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                let what = (info.st_mode & S_IFMT) == S_IFLNK ? "it is a symbolic link; cxj doc writes only into real folders" : "it is not a folder"
                throw AtomicFile.Failure(path: path, reason: what)
            }
        } else if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw AtomicFile.Failure(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
    }

    /// Removes `directory/name` if it is a plain file in a real folder of the site.
    private static func removePlainFile(_ directory: String, _ name: String) -> Bool {
        var info = stat()
        if name.contains("/") {
            let folder = Paths.join(directory, String(name.split(separator: "/")[0]))
            guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        }
        let path = Paths.join(directory, name)
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return unlink(path) == 0
    }

    /// The bytes of a plain file, through the bounded reader, or nil. A link is not read: a
    /// link where a page should be is then refused by `AtomicFile`.
    static func contents(of path: String, limit: Int = FileSystemProvider.largestMaximumSize) -> [UInt8]? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard case .success(let bytes) = FileSystemProvider(maximumSize: limit).read(path) else { return nil }
        return bytes
    }
}
