#if canImport(Glibc)
import Glibc
#endif

/// A project's `cxj.json`: rule levels, paths to exclude, and a warning limit.
///
/// ```json
/// {"rules": {"delivery-gap": "error", "no-repeat-loop": "off"}, "exclude": ["drafts/**"], "maxWarnings": 10}
/// ```
///
/// The file that applies to an input is the nearest `cxj.json` in the input's directory or
/// one above it. Command-line options win over it.
public struct ProjectConfiguration: Sendable, Equatable {
    public static let fileName = "cxj.json"

    /// The path of the file, as found.
    public var path: String
    public var rules = RuleConfiguration()
    public var exclude: [Glob] = []
    public var maxWarnings: Int? = nil
    /// Directories outside the project root that imports may reach, relative to this file.
    public var allowImportOutside: [String] = []

    /// The directory that `exclude` patterns are relative to.
    public var directory: String { Paths.directory(of: path) }

    /// Whether a file found in a directory should be skipped.
    public func excludes(_ file: String) -> Bool {
        let base = directory.isEmpty ? "." : directory
        let relative = Paths.relative(file, to: base)
        return exclude.contains { $0.matches(relative) }
    }

    /// A mistake in a configuration file, located in it.
    public struct Failure: Error, Sendable, Equatable {
        public var path: String
        public var message: String
        public var range: Range<Int>
        public var label: String?
        public var help: String?
    }

    /// Reads and validates a configuration file.
    public static func load(_ path: String, provider: SourceProvider = FileSystemProvider()) -> Result<ProjectConfiguration, Failure> {
        let bytes: [UInt8]
        switch provider.read(path) {
        case .success(let read): bytes = read
        case .failure(let error):
            return .failure(Failure(path: path, message: "cannot read the configuration: \(error.reason)", range: 0..<0))
        }
        do {
            return .success(try parse(try PositionedJSON.parse(bytes), path: path))
        } catch let error as PositionedJSON.SyntaxError {
            return .failure(Failure(path: path, message: "invalid JSON: \(error.message)", range: error.range))
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(path: path, message: "\(error)", range: 0..<0))
        }
    }

    private static func parse(_ document: PositionedJSON, path: String) throws -> ProjectConfiguration {
        func fail(_ message: String, _ range: Range<Int>, label: String? = nil, help: String? = nil) -> Failure {
            Failure(path: path, message: message, range: range, label: label, help: help)
        }
        guard case .object(let members, let range) = document else {
            throw fail("the configuration must be a JSON object", document.range, label: "found \(document.kindName)")
        }
        _ = range
        var configuration = ProjectConfiguration(path: path)
        let keys = ["rules", "exclude", "maxWarnings", "allowImportOutside", "plannedGaps", "$schema"]
        var seen = Set<String>()
        for member in members {
            guard seen.insert(member.key).inserted else {
                throw fail("`\(member.key)` is given twice", member.keyRange, label: "second `\(member.key)`")
            }
            switch member.key {
            case "rules":
                guard case .object(let rules, _) = member.value else {
                    throw fail("`rules` must be an object of rule names and levels", member.value.range,
                               label: "found \(member.value.kindName)", help: "write `\"rules\": {\"delivery-gap\": \"error\"}`")
                }
                for rule in rules {
                    guard let code = Code(lookup: rule.key) else {
                        let names = Code.allCases.filter { $0.isRule }.map { $0.name }
                        throw fail("unknown rule `\(rule.key)`", rule.keyRange, label: "not a rule",
                                   help: Suggestions.didYouMean(rule.key, among: names) ?? "run `cxj rules` to list the rules")
                    }
                    guard code.isRule else {
                        throw fail("`\(rule.key)` is an error in the language and cannot be configured", rule.keyRange,
                                   label: "not a gap rule", help: "only the gap rules CXJ201 to CXJ215 can be configured")
                    }
                    guard case .string(let text, _) = rule.value, let level = RuleLevel(rawValue: text) else {
                        let levels = RuleLevel.allCases.map { $0.rawValue }
                        var help = "use " + Suggestions.orList(levels.map { "`\"\($0)\"`" })
                        if case .string(let text, _) = rule.value, let close = Suggestions.closest(to: text, among: levels, limit: 1).first {
                            help = "did you mean `\"\(close)\"`?"
                        }
                        throw fail("invalid level for `\(rule.key)`", rule.value.range, label: "not a level", help: help)
                    }
                    configuration.rules.set(code, to: level)
                }
            case "exclude":
                guard case .array(let items, _) = member.value else {
                    throw fail("`exclude` must be an array of path patterns", member.value.range, label: "found \(member.value.kindName)",
                               help: "write `\"exclude\": [\"drafts/**\"]`")
                }
                for item in items {
                    guard case .string(let pattern, _) = item, !pattern.isEmpty else {
                        throw fail("each `exclude` pattern must be a non-empty string", item.range, label: "found \(item.kindName)")
                    }
                    configuration.exclude.append(Glob(pattern))
                }
            case "maxWarnings":
                guard case .number(let value, _) = member.value, value >= 0, value == value.rounded(), value < 1e9 else {
                    throw fail("`maxWarnings` must be a whole number of 0 or more", member.value.range, label: "found \(member.value.kindName)")
                }
                configuration.maxWarnings = Int(value)
            case "allowImportOutside":
                guard case .array(let items, _) = member.value else {
                    throw fail("`allowImportOutside` must be an array of directories", member.value.range,
                               label: "found \(member.value.kindName)", help: "write `\"allowImportOutside\": [\"../shared\"]`")
                }
                for item in items {
                    guard case .string(let directory, _) = item, !directory.isEmpty, !directory.utf8.contains(0) else {
                        throw fail("each directory in `allowImportOutside` must be a non-empty string", item.range,
                                   label: "found \(item.kindName)")
                    }
                    let base = configuration.directory
                    configuration.allowImportOutside.append(base.isEmpty ? Paths.normalize(directory) : Paths.join(base, directory))
                }
            case "plannedGaps":
                guard case .string(let value, _) = member.value, value == "keep" || value == "note" else {
                    throw fail("`plannedGaps` must be `\"keep\"` or `\"note\"`", member.value.range, label: "found \(member.value.kindName)",
                               help: "`\"keep\"` keeps the severity of gaps an opportunity plans; `\"note\"` (the default) reports them as notes")
                }
                configuration.rules.keepsPlannedGaps = value == "keep"
            case "$schema":
                break
            default:
                throw fail("unknown setting `\(member.key)`", member.keyRange, label: "not a setting",
                           help: Suggestions.didYouMean(member.key, among: keys)
                               ?? "the settings are `rules`, `exclude`, `maxWarnings`, `allowImportOutside` and `plannedGaps`")
            }
        }
        return configuration
    }
}

/// Finds the configuration that applies to each input, reading each file once, and the
/// project root that confines its imports.
///
/// The search walks up from the input's directory and stops at the top of the enclosing git
/// work tree (a directory holding `.git`). Like git with unsafe directories, it ignores a
/// `cxj.json` that is owned by another user (root excepted) or writable by others, so a file
/// planted in a shared directory such as `/tmp` cannot configure anyone's checks.
public final class ConfigurationFinder: @unchecked Sendable {
    private let provider: SourceProvider
    private var byDirectory: [String: Found] = [:]
    private var lastFound: (directory: String, found: Found)?
    private var loaded: [String: Result<ProjectConfiguration, ProjectConfiguration.Failure>] = [:]
    /// Configuration files passed over, with the reason, in the order met.
    public private(set) var ignored: [(path: String, reason: String)] = []

    private struct Found {
        var configuration: String?
        var gitTop: String?
    }

    public init(provider: SourceProvider = FileSystemProvider()) {
        self.provider = provider
    }

    /// The configuration for a file (or for standard input, from the current directory), nil
    /// when there is none, or the failure to read it.
    public func configuration(for path: String) -> Result<ProjectConfiguration, ProjectConfiguration.Failure>? {
        configuration(found(for: path))
    }

    /// The project root of an input: the directory of its `cxj.json`, else the top of its git
    /// work tree, else `fallback`.
    public func projectRoot(for path: String, fallback: String) -> String {
        projectRoot(found(for: path), fallback: fallback)
    }

    /// Both of an input's, from one look-up of its directory (a run over a folder asked twice for
    /// each input: 540 instructions a look-up, on one thread before any file is read).
    public func configurationAndRoot(for path: String, fallback: String)
        -> (configuration: Result<ProjectConfiguration, ProjectConfiguration.Failure>?, root: String) {
        let found = found(for: path)
        return (configuration(found), projectRoot(found, fallback: fallback))
    }

    private func configuration(_ found: Found) -> Result<ProjectConfiguration, ProjectConfiguration.Failure>? {
        guard let found = found.configuration else { return nil }
        if let result = loaded[found] { return result }
        let result = ProjectConfiguration.load(found, provider: provider)
        loaded[found] = result
        return result
    }

    private func projectRoot(_ found: Found, fallback: String) -> String {
        if let configuration = found.configuration {
            let directory = Paths.directory(of: configuration)
            return directory.isEmpty ? "." : directory
        }
        return found.gitTop ?? fallback
    }

    /// What was found for the directory of a path. The inputs of a run come folder by folder:
    /// the last directory's answer is reused when the path lies directly in it, compared on the
    /// bytes, without making the directory's string or hashing it (twice per input).
    private func found(for path: String) -> Found {
        if let last = lastFound, ConfigurationFinder.lies(path, directlyIn: last.directory) { return last.found }
        let start = ConfigurationFinder.startDirectory(of: path)
        let result = find(from: start)
        lastFound = (start, result)
        return result
    }

    /// Whether `startDirectory(of: path)` would be `directory`.
    static func lies(_ path: String, directlyIn directory: String) -> Bool {
        if path == "<stdin>" { return directory == "." }
        // On the contiguous bytes: the generic UTF-8 view took 1,400 instructions a call.
        var path = path
        var directory = directory
        return path.withUTF8 { bytes in
            var slash = bytes.count - 1
            while slash >= 0 && bytes[slash] != 0x2F { slash -= 1 }
            if slash < 0 { return directory == "." }
            if slash == 0 { return directory == "/" }
            return directory.withUTF8 { name in
                name.count == slash && memcmp(bytes.baseAddress!, name.baseAddress!, slash) == 0
            }
        }
    }

    static func startDirectory(of path: String) -> String {
        if path == "<stdin>" { return "." }
        let directory = Paths.directory(of: path)
        return directory.isEmpty ? "." : directory
    }

    /// Walks up from a directory to the nearest usable `cxj.json`, stopping at a git top.
    private func find(from directory: String) -> Found {
        if let known = byDirectory[directory] { return known }
        let candidate = directory == "." ? ProjectConfiguration.fileName : Paths.join(directory, ProjectConfiguration.fileName)
        var result = Found()
        if usable(candidate) {
            result.configuration = candidate
            if ConfigurationFinder.exists(Paths.join(directory, ".git")) { result.gitTop = directory }
        } else if ConfigurationFinder.exists(Paths.join(directory, ".git")) {
            result.gitTop = directory
        } else {
            let absolute = Paths.normalize(Paths.absolute(directory))
            let parent = Paths.directory(of: absolute)
            if absolute != "/" && !parent.isEmpty {
                let upward = directory == "." || directory.hasPrefix("..") || !directory.hasPrefix("/")
                    ? Paths.join(directory, "..") : parent
                if Paths.normalize(Paths.absolute(upward)) != absolute { result = find(from: upward) }
            }
        }
        byDirectory[directory] = result
        return result
    }

    /// Whether a configuration file exists and may be trusted; records why it may not.
    private func usable(_ path: String) -> Bool {
        guard provider is FileSystemProvider else {
            if case .success = provider.read(path) { return true }
            return false
        }
        guard let info = ConfigurationFinder.status(path) else { return false }
        if info.st_mode & S_IFMT != S_IFREG {
            ignored.append((path, "it is not a regular file"))
        } else if info.st_uid != geteuid() && info.st_uid != 0 {
            ignored.append((path, "it is owned by another user"))
        } else if info.st_mode & S_IWOTH != 0 {
            ignored.append((path, "it is writable by every user"))
        } else {
            return true
        }
        return false
    }

    private static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
