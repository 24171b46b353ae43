#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns command-line operands into inputs: a file is itself, a directory is every `*.cxj`
/// file below it (sorted, hidden entries skipped, symbolic links to directories not followed),
/// and `-` is standard input.
public enum InputDiscovery {
    /// An operand that names nothing usable.
    public struct Problem: Sendable, Equatable {
        public var path: String
        public var message: String
    }

    /// Expands operands. Files found inside a directory are skipped when `excluding` says so;
    /// files named on the command line are always kept.
    public static func expand(_ operands: [String], standardInput: () -> [UInt8],
                              excluding: (String) -> Bool = { _ in false }) -> (inputs: [SourceInput], problems: [Problem]) {
        let expansion = expandWithDirectories(operands, standardInput: standardInput, excluding: excluding)
        return (expansion.inputs, expansion.problems)
    }

    /// Expands operands, and also says which directory operand each input was found in (the
    /// fallback project root of that file), by position: nil for an input named itself.
    public static func expandWithDirectories(_ operands: [String], standardInput: () -> [UInt8],
                                             maximumSize: Int = FileSystemProvider.defaultMaximumSize,
                                             excluding: (String) -> Bool = { _ in false })
        -> (inputs: [SourceInput], problems: [Problem], directories: [String?]) {
        var plainFiles: [String] = []
        return expandWithDirectories(operands, standardInput: standardInput, maximumSize: maximumSize, excluding: excluding,
                                     plainFiles: &plainFiles)
    }

    /// `plainFiles` also gets the inputs found in a directory that its listing says are plain
    /// files, no links, in the order of the inputs (`FileSystemProvider.listedPlainFiles`).
    public static func expandWithDirectories(_ operands: [String], standardInput: () -> [UInt8],
                                             maximumSize: Int, excluding: (String) -> Bool,
                                             plainFiles: inout [String])
        -> (inputs: [SourceInput], problems: [Problem], directories: [String?]) {
        // By position, not a table keyed by path: hashing every path of a large folder was
        // serial work before any file is read.
        var directories: [String?] = []
        var inputs: [SourceInput] = []
        var problems: [Problem] = []
        var readStandardInput = false
        for operand in operands {
            if operand == "-" {
                guard !readStandardInput else { continue }
                readStandardInput = true
                let bytes = standardInput()
                if bytes.count > maximumSize {
                    problems.append(Problem(path: "-", message: "standard input is larger than the limit set by `--max-file-size`"))
                } else {
                    inputs.append(.text(path: "<stdin>", bytes: bytes))
                    directories.append(nil)
                }
                continue
            }
            var info = stat()
            guard !operand.utf8.contains(0), stat(operand, &info) == 0 else {
                problems.append(Problem(path: operand, message: String(cString: strerror(errno)).lowercased()))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var outside: [String] = []
                var plain: [Bool] = []
                let all = cxjFiles(under: operand, top: realPath(operand) ?? operand, linksOutside: &outside, plain: &plain)
                var found: [String] = []
                found.reserveCapacity(all.count)
                for (path, isPlain) in zip(all, plain) where !excluding(path) {
                    found.append(path)
                    if isPlain { plainFiles.append(path) }
                }
                if all.isEmpty && outside.isEmpty {
                    problems.append(Problem(path: operand, message: "no `.cxj` files in this directory"))
                }
                for link in outside {
                    problems.append(Problem(path: link, message: "it is a link to a file outside `\(operand)`; it was not read"))
                }
                directories += repeatElement(Optional(operand), count: found.count)
                inputs += found.map { .path($0) }
            } else {
                inputs.append(.path(operand))
                directories.append(nil)
            }
        }
        return (inputs, problems, directories)
    }

    /// Every `*.cxj` file below `directory`, depth first, entries sorted by name.
    public static func cxjFiles(under directory: String) -> [String] {
        var outside: [String] = []
        return cxjFiles(under: directory, linksOutside: &outside)
    }

    /// Every `*.cxj` file below `directory`; a symbolic link to a file is followed only when
    /// the file lies inside `directory` too, and is listed in `linksOutside` otherwise.
    public static func cxjFiles(under directory: String, linksOutside: inout [String]) -> [String] {
        let top = realPath(directory) ?? directory
        var plain: [Bool] = []
        return cxjFiles(under: directory, top: top, linksOutside: &linksOutside, plain: &plain)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A directory's entries are read as bytes: a name's `String` is made only for an entry
    /// that is kept, and only once, as part of its path. (For a folder of 1,000 journeys,
    /// making a `String` of every name, testing its suffix as text and joining it to the
    /// folder took 4.1M instructions, serial work before any file is read.) The `.cxj` suffix
    /// is tested on the bytes, and names are ordered by their bytes (`Paths.orderByBytes`).
    /// `plain` gets, for each file returned, whether the listing said it is a plain file.
    private static func cxjFiles(under directory: String, top: String, linksOutside: inout [String], plain: inout [Bool]) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        var names = NamePool()
        while let entry = readdir(handle) {
            let kind = entry.pointee.d_type
            // Whether the entry's type must be looked up: nil from `readdir`, or a link.
            let needsLookup = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> Bool in
                let name = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                               count: strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count))
                if name.isEmpty || name[0] == 0x2E { return false }
                // The entry's type from `readdir` saves a `stat` per file where the file system
                // gives it (a plain file or a folder); anything else is looked at with `lstat`.
                if kind == UInt8(DT_REG) {
                    if NamePool.hasCXJSuffix(name) { names.add(name, isDirectory: false, isPlain: true) }
                    return false
                }
                if kind == UInt8(DT_DIR) {
                    names.add(name, isDirectory: true)
                    return false
                }
                return true
            }
            guard needsLookup else { continue }
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            let path = Paths.join(directory, name)
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                names.add(name, isDirectory: true)
            } else if NamePool.hasCXJSuffix(name) {
                if type == S_IFLNK {
                    var target = stat()
                    guard stat(path, &target) == 0, (target.st_mode & S_IFMT) != S_IFDIR else { continue }
                    guard let resolved = realPath(path), Paths.contains(top, resolved) else {
                        linksOutside.append(path)
                        continue
                    }
                }
                names.add(name, isDirectory: false)
            }
        }
        closedir(handle)
        // An entry's name is one component, never `.` or `..` (hidden names are skipped), so
        // joining it to the normalized directory needs no normalizing of its own.
        let parent = Paths.normalize(directory)
        let prefix = parent == "." ? "" : parent == "/" ? "/" : parent + "/"
        var files: [String] = []
        files.reserveCapacity(names.count)
        for entry in names.sorted() {
            let path = names.path(of: entry, after: prefix)
            if entry.isDirectory {
                files += cxjFiles(under: path, top: top, linksOutside: &linksOutside, plain: &plain)
            } else {
                files.append(path)
                plain.append(entry.isPlain)
            }
        }
        return files
    }
}

/// The names of a directory's entries, back to back in one byte buffer, each valid UTF-8 (a
/// name that is not is stored as `String(decoding:)` repairs it, as a `String` of it would be).
private struct NamePool {
    struct Entry {
        var start: Int
        var count: Int
        var isDirectory: Bool
        /// A file the listing gave as a plain file (`DT_REG`), no link.
        var isPlain = false
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    var count: Int { entries.count }

    mutating func add(_ name: UnsafeBufferPointer<UInt8>, isDirectory: Bool, isPlain: Bool = false) {
        let start = bytes.count
        if name.allSatisfy({ $0 < 0x80 }) {
            bytes.append(contentsOf: name)
        } else {
            bytes.append(contentsOf: String(decoding: name, as: UTF8.self).utf8)
        }
        entries.append(Entry(start: start, count: bytes.count - start, isDirectory: isDirectory, isPlain: isPlain))
    }

    mutating func add(_ name: String, isDirectory: Bool) {
        let start = bytes.count
        bytes.append(contentsOf: name.utf8)
        entries.append(Entry(start: start, count: bytes.count - start, isDirectory: isDirectory))
    }

    /// Whether a name ends in `.cxj` (and is more than the suffix).
    static func hasCXJSuffix(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { hasCXJSuffix($0) }
    }

    static func hasCXJSuffix(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = name.count
        return count > 4 && name[count - 4] == 0x2E && name[count - 3] == 0x63 && name[count - 2] == 0x78
            && name[count - 1] == 0x6A
    }

    /// The entries in the order of their names' bytes (`Paths.orderByBytes`).
    func sorted() -> [Entry] {
        let order = bytes.withUnsafeBufferPointer { Paths.orderByBytes(entries.map { ($0.start, $0.count) }, in: $0) }
        return order.map { entries[$0] }
    }

    /// `prefix` followed by an entry's name, made as one string.
    func path(of entry: Entry, after prefix: String) -> String {
        var prefix = prefix
        return prefix.withUTF8 { head in
            bytes.withUnsafeBufferPointer { pool in
                String(unsafeUninitializedCapacity: head.count + entry.count) { buffer in
                    if let base = head.baseAddress { buffer.baseAddress!.initialize(from: base, count: head.count) }
                    (buffer.baseAddress! + head.count).initialize(from: pool.baseAddress! + entry.start, count: entry.count)
                    return head.count + entry.count
                }
            }
        }
    }
}
