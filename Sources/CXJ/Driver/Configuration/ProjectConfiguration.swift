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
        let keys = ["rules", "exclude", "maxWarnings", "$schema"]
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
            case "$schema":
                break
            default:
                throw fail("unknown setting `\(member.key)`", member.keyRange, label: "not a setting",
                           help: Suggestions.didYouMean(member.key, among: keys) ?? "the settings are `rules`, `exclude` and `maxWarnings`")
            }
        }
        return configuration
    }
}

/// Finds the configuration that applies to each input, reading each file once.
public final class ConfigurationFinder: @unchecked Sendable {
    private let provider: SourceProvider
    private var byDirectory: [String: String?] = [:]
    private var loaded: [String: Result<ProjectConfiguration, ProjectConfiguration.Failure>] = [:]

    public init(provider: SourceProvider = FileSystemProvider()) {
        self.provider = provider
    }

    /// The configuration for a file (or for standard input, from the current directory), nil
    /// when there is none, or the failure to read it.
    public func configuration(for path: String) -> Result<ProjectConfiguration, ProjectConfiguration.Failure>? {
        let start = path == "<stdin>" ? "." : (Paths.directory(of: path).isEmpty ? "." : Paths.directory(of: path))
        guard let found = find(from: start) else { return nil }
        if let result = loaded[found] { return result }
        let result = ProjectConfiguration.load(found, provider: provider)
        loaded[found] = result
        return result
    }

    /// Walks up from a directory to the nearest `cxj.json`.
    private func find(from directory: String) -> String? {
        if let known = byDirectory[directory] { return known }
        let candidate = directory == "." ? ProjectConfiguration.fileName : Paths.join(directory, ProjectConfiguration.fileName)
        var result: String?
        if case .success = provider.read(candidate) {
            result = candidate
        } else {
            let absolute = Paths.normalize(Paths.absolute(directory))
            let parent = Paths.directory(of: absolute)
            if absolute == "/" || parent.isEmpty {
                result = nil
            } else {
                let upward = directory == "." || directory.hasPrefix("..") || !directory.hasPrefix("/")
                    ? Paths.join(directory, "..") : parent
                result = Paths.normalize(Paths.absolute(upward)) == absolute ? nil : find(from: upward)
            }
        }
        byDirectory[directory] = result
        return result
    }
}
