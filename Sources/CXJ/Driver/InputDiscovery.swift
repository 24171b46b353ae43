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

    /// Expands operands, and also says which directory operand each file was found in: the
    /// fallback project root of that file.
    public static func expandWithDirectories(_ operands: [String], standardInput: () -> [UInt8],
                                             maximumSize: Int = FileSystemProvider.defaultMaximumSize,
                                             excluding: (String) -> Bool = { _ in false })
        -> (inputs: [SourceInput], problems: [Problem], directories: [String: String]) {
        var directories: [String: String] = [:]
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
                let all = cxjFiles(under: operand, linksOutside: &outside)
                let found = all.filter { !excluding($0) }
                if all.isEmpty && outside.isEmpty {
                    problems.append(Problem(path: operand, message: "no `.cxj` files in this directory"))
                }
                for link in outside {
                    problems.append(Problem(path: link, message: "it is a link to a file outside `\(operand)`; it was not read"))
                }
                for file in found { directories[file] = operand }
                inputs += found.map { .path($0) }
            } else {
                inputs.append(.path(operand))
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
        return cxjFiles(under: directory, top: top, linksOutside: &linksOutside)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func cxjFiles(under directory: String, top: String, linksOutside: inout [String]) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        var entries: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            // The entry's type from `readdir` saves a `stat` per file where the file system
            // gives it (a plain file or a folder); anything else is looked at with `lstat`.
            let kind = entry.pointee.d_type
            if kind == UInt8(DT_REG) {
                if name.hasSuffix(".cxj") { entries.append((name, false)) }
                continue
            }
            if kind == UInt8(DT_DIR) {
                entries.append((name, true))
                continue
            }
            let path = Paths.join(directory, name)
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                entries.append((name, true))
            } else if name.hasSuffix(".cxj") {
                if type == S_IFLNK {
                    var target = stat()
                    guard stat(path, &target) == 0, (target.st_mode & S_IFMT) != S_IFDIR else { continue }
                    guard let resolved = realPath(path), Paths.contains(top, resolved) else {
                        linksOutside.append(path)
                        continue
                    }
                }
                entries.append((name, false))
            }
        }
        closedir(handle)
        entries = Paths.orderByBytes(entries.map(\.name)).map { entries[$0] }
        // An entry's name is one component, never `.` or `..` (hidden names are skipped), so
        // joining it to the normalized directory needs no normalizing of its own.
        let parent = Paths.normalize(directory)
        let prefix = parent == "." ? "" : parent == "/" ? "/" : parent + "/"
        var files: [String] = []
        files.reserveCapacity(entries.count)
        for entry in entries {
            let path = prefix + entry.name
            if entry.isDirectory {
                files += cxjFiles(under: path, top: top, linksOutside: &linksOutside)
            } else {
                files.append(path)
            }
        }
        return files
    }
}
