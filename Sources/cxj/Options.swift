import CXJ

/// How diagnostics are printed.
enum DiagnosticFormat: String, CaseIterable {
    case human, short, json, sarif, github
}

/// Whether to colour human diagnostics.
enum ColorChoice: String, CaseIterable {
    case auto, always, never
}

/// A mistake in how cxj was invoked (exit status 2).
struct UsageError: Error, Equatable {
    var message: String
    var help: String?
}

/// The options a command line can carry. Each command accepts a subset (see `OptionName`).
struct Options {
    var operands: [String] = []
    var diagnostics: DiagnosticFormat = .human
    var denyWarnings = false
    var maxWarnings: Int? = nil
    /// Rule levels from `--allow`, `--warn` and `--deny`, in the order given.
    var ruleLevels: [(Code, RuleLevel)] = []
    var color: ColorChoice = .auto
    var help = false
    var target: String? = nil
    var output: String? = nil
    var checkOnly = false
    var toStandardOutput = false
    var diff = false
    var format: String? = nil
    var maxDiagnostics = Compiler.defaultMaxDiagnostics
    var maxFileSize = FileSystemProvider.defaultMaximumSize
    var allowImportOutside: [String] = []
    var customer: String? = nil
    var fix = false
    var git: String? = nil
    var failOn: [String] = []
    var all = false
    var ids = false
    var layout = DiagramLayout.tall

}

/// Every option cxj knows, with whether it takes a value.
enum OptionName: String, CaseIterable {
    case diagnostics = "--diagnostics"
    case denyWarnings = "--deny-warnings"
    case maxWarnings = "--max-warnings"
    case allow = "--allow"
    case warn = "--warn"
    case deny = "--deny"
    case color = "--color"
    case help = "--help"
    case to = "--to"
    case output = "-o"
    case check = "--check"
    case stdout = "--stdout"
    case diff = "--diff"
    case format = "--format"
    case maxDiagnostics = "--max-diagnostics"
    case maxFileSize = "--max-file-size"
    case allowImportOutside = "--allow-import-outside"
    case customer = "--customer"
    case fix = "--fix"
    case git = "--git"
    case failOn = "--fail-on"
    case all = "--all"
    case ids = "--ids"
    case layout = "--layout"

    var takesValue: Bool {
        switch self {
        case .diagnostics, .maxWarnings, .allow, .warn, .deny, .color, .to, .output, .format, .maxDiagnostics, .maxFileSize,
             .allowImportOutside, .customer, .git, .failOn, .layout: return true
        case .denyWarnings, .help, .check, .stdout, .diff, .fix, .all, .ids: return false
        }
    }

    /// The options shared by the commands that check files.
    static let shared: [OptionName] = [.diagnostics, .denyWarnings, .maxWarnings, .allow, .warn, .deny, .color, .help,
                                       .maxDiagnostics, .maxFileSize, .allowImportOutside]
}

/// A deliberately small argument parser: `--name value`, `--name=value`, flags, `-h`, and `--`
/// to end options. Options and operands may come in any order.
enum ArgumentParser {
    static func parse(_ arguments: [String], command: String, accepting accepted: [OptionName]) throws -> Options {
        var options = Options()
        var index = 0
        var onlyOperands = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyOperands || argument == "-" || !argument.hasPrefix("-") {
                options.operands.append(argument)
                continue
            }
            if argument == "--" {
                onlyOperands = true
                continue
            }
            if argument == "-h" {
                options.help = true
                continue
            }
            var name = argument
            var inlineValue: String? = nil
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = OptionName(rawValue: name), accepted.contains(option) else {
                let names = accepted.map { $0.rawValue }
                throw UsageError(message: "unknown option `\(name)` for `cxj \(command)`",
                                 help: Suggestions.didYouMean(name, among: names) ?? "run `cxj \(command) --help` for the options")
            }
            var value: String? = inlineValue
            if option.takesValue && value == nil {
                guard index < arguments.count else {
                    throw UsageError(message: "`\(name)` needs a value", help: "run `cxj \(command) --help` for the options")
                }
                value = arguments[index]
                index += 1
            } else if !option.takesValue && inlineValue != nil {
                throw UsageError(message: "`\(name)` takes no value", help: nil)
            }
            try apply(option, value: value, to: &options)
        }
        return options
    }

    private static func apply(_ option: OptionName, value: String?, to options: inout Options) throws {
        let value = value ?? ""
        switch option {
        case .diagnostics:
            guard let format = DiagnosticFormat(rawValue: value) else {
                throw invalid(value, for: option, among: DiagnosticFormat.allCases.map { $0.rawValue })
            }
            options.diagnostics = format
        case .denyWarnings: options.denyWarnings = true
        case .maxWarnings:
            guard let number = Int(value), number >= 0 else {
                throw UsageError(message: "`--max-warnings` needs a whole number of 0 or more, found `\(value)`", help: nil)
            }
            options.maxWarnings = number
        case .allow, .warn, .deny:
            let code = try rule(named: value, for: option)
            let level: RuleLevel = option == .allow ? .off : option == .warn ? .warning : .error
            options.ruleLevels.append((code, level))
        case .color:
            guard let choice = ColorChoice(rawValue: value) else {
                throw invalid(value, for: option, among: ColorChoice.allCases.map { $0.rawValue })
            }
            options.color = choice
        case .help: options.help = true
        case .to: options.target = value
        case .output: options.output = value
        case .check: options.checkOnly = true
        case .stdout: options.toStandardOutput = true
        case .diff: options.diff = true
        case .format: options.format = value
        case .maxDiagnostics:
            guard let number = Int(value), number >= 1 else {
                throw UsageError(message: "`--max-diagnostics` needs a whole number of 1 or more, found `\(value)`", help: nil)
            }
            options.maxDiagnostics = number
        case .maxFileSize:
            guard let size = byteSize(value), size >= 1, size <= FileSystemProvider.largestMaximumSize else {
                throw UsageError(message: "invalid size `\(value)` for `--max-file-size`",
                                 help: "give bytes, or a number with `K`, `M` or `G` (such as `64M`), below 2G")
            }
            options.maxFileSize = size
        case .allowImportOutside:
            guard !value.isEmpty, !value.utf8.contains(0) else {
                throw UsageError(message: "`--allow-import-outside` needs a directory", help: nil)
            }
            options.allowImportOutside.append(value)
        case .fix: options.fix = true
        case .git: options.git = value
        case .failOn: options.failOn.append(value)
        case .all: options.all = true
        case .ids: options.ids = true
        case .layout:
            guard let layout = DiagramLayout(rawValue: value) else {
                throw UsageError(message: "unknown layout `\(value)`", help: "use `--layout tall` or `--layout wide`")
            }
            options.layout = layout
        case .customer:
            guard !value.isEmpty else { throw UsageError(message: "`--customer` needs the name of an actor", help: nil) }
            options.customer = value
        }
    }

    /// A size such as `1000`, `64K`, `64M` or `1G` (powers of 1,024), or nil.
    static func byteSize(_ text: String) -> Int? {
        var digits = Substring(text)
        var scale = 1
        switch digits.last {
        case "K", "k": scale = 1 << 10
        case "M", "m": scale = 1 << 20
        case "G", "g": scale = 1 << 30
        default: break
        }
        if scale > 1 { digits = digits.dropLast() }
        guard digits.count <= 10, let number = Int(digits), number >= 0 else { return nil }
        let (size, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : size
    }

    /// A gap rule named by code or name, as `--allow`, `--warn` and `--deny` take.
    static func rule(named name: String, for option: OptionName) throws -> Code {
        guard let code = Code(lookup: name) else {
            let names = Code.allCases.filter { $0.isRule }.map { $0.name }
            throw UsageError(message: "unknown rule `\(name)` for `\(option.rawValue)`",
                             help: Suggestions.didYouMean(name, among: names) ?? "run `cxj rules` to list the rules")
        }
        guard code.isRule else {
            throw UsageError(message: "`\(name)` is an error in the language and cannot be re-graded",
                             help: "only the gap rules CXJ201 to CXJ215 can be allowed, warned or denied")
        }
        return code
    }

    private static func invalid(_ value: String, for option: OptionName, among choices: [String]) -> UsageError {
        UsageError(message: "invalid value `\(value)` for `\(option.rawValue)`",
                   help: Suggestions.didYouMean(value, among: choices)
                       ?? "expected " + Suggestions.orList(choices.map { "`\($0)`" }))
    }
}
