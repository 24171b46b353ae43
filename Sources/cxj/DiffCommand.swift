import CXJ
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `cxj diff OLD NEW` and `cxj diff --git REV [PATH…]`: what a change does to the journeys.
enum DiffCommand {
    enum FailOn: String, CaseIterable {
        case newErrors = "new-errors", newWarnings = "new-warnings", coverageDrop = "coverage-drop"
    }

    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "diff",
                                               accepting: [.help, .to, .git, .failOn, .all, .maxFileSize, .allowImportOutside])
        if options.help {
            terminal.writeOut(Usage.diffHelp)
            return 0
        }
        let format: DiffWriter.Format
        switch options.target ?? "text" {
        case "markdown", "md": format = .markdown
        case "text": format = .text
        case "json": format = .json
        case let other:
            throw UsageError(message: "unknown format `\(Visible.escape(other))` for `cxj diff --to`", help: "expected `text`, `markdown` or `json`")
        }
        var failOn: [FailOn] = []
        for value in options.failOn {
            for part in value.split(separator: ",") {
                guard let condition = FailOn(rawValue: String(part)) else {
                    throw UsageError(message: "unknown condition `\(Visible.escape(String(part)))` for `--fail-on`",
                                     help: "expected " + Suggestions.orList(FailOn.allCases.map { "`\($0.rawValue)`" }))
                }
                failOn.append(condition)
            }
        }
        let provider = FileSystemProvider(maximumSize: options.maxFileSize)
        let (old, new): (JourneyComparer.Side, JourneyComparer.Side)
        if let revision = options.git {
            (old, new) = try GitSides.load(revision: revision, paths: options.operands, provider: provider, options: options)
        } else {
            guard options.operands.count == 2 else {
                throw UsageError(message: "`cxj diff` needs two paths, OLD and NEW, or `--git REV`",
                                 help: "for example `cxj diff before/ after/` or `cxj diff --git origin/main`")
            }
            (old, new) = try PathSides.load(old: options.operands[0], new: options.operands[1], provider: provider, options: options)
        }
        let diff = JourneyComparer.compare(old: old, new: new)
        terminal.writeOut(DiffWriter.render(diff, as: format, all: options.all))
        var status: Int32 = diff.sidesWithErrors.isEmpty ? 0 : 1
        for condition in failOn {
            let brought: Bool
            switch condition {
            case .newErrors: brought = diff.files.contains { $0.newFindings.contains { $0.severity == .error } }
            case .newWarnings: brought = diff.files.contains { $0.newFindings.contains { $0.severity == .warning } }
            case .coverageDrop:
                brought = diff.files.contains { file in
                    file.journeys.contains { journey in
                        guard let before = journey.before?.coverage, let after = journey.after?.coverage else { return false }
                        return after < before - 1e-9
                    }
                }
            }
            if brought {
                terminal.writeError("error: the change brings \(condition.rawValue.split(separator: "-").joined(separator: " ")) (`--fail-on \(condition.rawValue)`)\n")
                status = 1
            }
        }
        return status
    }
}

/// The two sides of `cxj diff OLD NEW`: two files, or two directories matched by path.
enum PathSides {
    static func load(old: String, new: String, provider: FileSystemProvider, options: Options) throws
        -> (JourneyComparer.Side, JourneyComparer.Side) {
        let oldIsDirectory = AtomicFile.isDirectory(old)
        guard oldIsDirectory == AtomicFile.isDirectory(new) else {
            throw UsageError(message: "`cxj diff` compares two files or two directories, not one of each", help: nil)
        }
        if !oldIsDirectory {
            // Two files: one pair, shown by the new file's name.
            let name = new
            return try both(old: { try side(root: Paths.directory(of: old), files: [name: Paths.lastComponent(old)], provider: provider, options: options) },
                            new: { try side(root: Paths.directory(of: new), files: [name: Paths.lastComponent(new)], provider: provider, options: options) })
        }
        return try both(old: { try side(root: old, files: DiffInputs.files(under: old), provider: provider, options: options) },
                        new: { try side(root: new, files: DiffInputs.files(under: new), provider: provider, options: options) })
    }

    static func both(old: @escaping @Sendable () throws -> JourneyComparer.Side, new: @escaping @Sendable () throws -> JourneyComparer.Side) throws
        -> (JourneyComparer.Side, JourneyComparer.Side) {
        try DiffInputs.both(old, new)
    }

    static func side(root: String, files: [String: String], provider: FileSystemProvider, options: Options) throws -> JourneyComparer.Side {
        do {
            return try DiffInputs.side(root: root, files: files, provider: provider, allowedOutside: options.allowImportOutside)
        } catch let failure as DiffInputs.Unreadable {
            throw UsageError(message: "cannot read `\(Visible.escape(failure.path))`: \(failure.reason)", help: nil)
        }
    }
}

/// The two sides of `cxj diff --git REV`: the revision, read with `git show`, and the work tree.
enum GitSides {
    static func load(revision: String, paths: [String], provider: FileSystemProvider, options: Options) throws
        -> (JourneyComparer.Side, JourneyComparer.Side) {
        guard !revision.hasPrefix("-"), !revision.contains("\u{0}") else {
            throw UsageError(message: "invalid revision `\(Visible.escape(revision))`", help: nil)
        }
        var top = try git(["rev-parse", "--show-toplevel"], in: ".")
        while top.hasSuffix("\n") || top.hasSuffix("\r") { top.removeLast() }
        let cwd = currentDirectory()
        let prefix = Paths.relative(cwd, to: top) == "." ? "" : Paths.relative(cwd, to: top)
        func selected(_ path: String) -> Bool {
            guard path.hasSuffix(".cxj") else { return false }
            if paths.isEmpty { return true }
            return paths.contains { operand in
                let wanted = Paths.normalize(prefix.isEmpty ? operand : prefix + "/" + operand)
                return wanted == "." || path == wanted || path.hasPrefix(wanted + "/")
            }
        }
        // `ls-tree -l` gives each blob's size, so that no blob over the size limit is read at all.
        var sizes: [String: Int] = [:]
        for entry in try git(["ls-tree", "-r", "-l", "-z", revision], in: top).split(separator: "\u{0}") {
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 4, fields[1] == "blob" else { continue }
            sizes[String(entry[entry.index(after: tab)...])] = Int(fields[3]) ?? Int.max
        }
        let oldAll = sizes.keys.sorted()
        let newAll = try git(["ls-files", "-z"], in: top).split(separator: "\u{0}").map(String.init)
        var oldFiles: [String: String] = [:]
        for path in oldAll where path.hasSuffix(".cxj") {
            guard let size = sizes[path], size <= provider.maximumSize else {
                throw UsageError(message: "`\(Visible.escape(path))` at \(Visible.escape(revision)) is larger than the limit set by `--max-file-size`",
                                 help: nil)
            }
            oldFiles[path] = String(decoding: try gitData(["show", revision + ":" + path], in: top), as: UTF8.self)
        }
        let oldProvider = InMemoryProvider(oldFiles)
        let oldSelected = oldAll.filter(selected).sorted()
        let oldResult = Compiler.check(oldSelected.map { .path($0) }, provider: oldProvider,
                                       policy: ImportPolicy(defaultRoot: ".", allowedOutside: options.allowImportOutside))
        let newSelected = newAll.filter(selected).filter { access(top + "/" + $0, F_OK) == 0 }.sorted()
        let newResult = Compiler.check(newSelected.map { .path($0) }, provider: PrefixedProvider(root: top, base: provider),
                                       policy: ImportPolicy(defaultRoot: ".", allowedOutside: options.allowImportOutside))
        func side(_ result: CheckResult) -> JourneyComparer.Side {
            var files: [String: Int] = [:]
            for root in result.workspace.roots { files[result.sources[root].path] = root }
            return JourneyComparer.Side(result: result, files: files)
        }
        return (side(oldResult), side(newResult))
    }

    static func git(_ arguments: [String], in directory: String) throws -> String {
        String(decoding: try gitData(arguments, in: directory), as: UTF8.self)
    }

    static func gitData(_ arguments: [String], in directory: String) throws -> [UInt8] {
        let output: ChildProcess.Output
        do {
            output = try ChildProcess.run(["git", "-C", directory] + arguments)
        } catch {
            throw UsageError(message: "cannot run git: \(error.reason)", help: "install git, or compare two paths")
        }
        guard output.status == 0 else {
            let message = String(decoding: output.standardError, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "failed"
            throw UsageError(message: "git \(arguments.first ?? ""): \(Visible.escape(message))", help: nil)
        }
        return output.standardOutput
    }

    static func currentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "." }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
