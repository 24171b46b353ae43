import Foundation
import XCTest
@testable import CXJ

/// Helpers shared by the unit tests.
enum TestSupport {
    /// The directory holding the test fixtures.
    static let fixtures: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.appendingPathComponent("Fixtures").path
    }()

    /// The repository root.
    static let repository: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// Checks `text` as `main.cxj`, with other in-memory files it may import.
    static func check(_ text: String, files: [String: String] = [:], rules: RuleConfiguration = RuleConfiguration()) -> CheckResult {
        var all = files
        all["main.cxj"] = text
        return Compiler.check([.path("main.cxj")], provider: InMemoryProvider(all), rules: rules)
    }

    /// Checks an in-memory folder (files under `extras/` are only imported, not inputs), with
    /// checked trees handed back or not (`Workspace.releasesTreesForTests`) and the files
    /// `deferring` names left out of the early checks (`FirstWaveChecks.defersForTests`).
    static func checkFolder(_ files: [String: String], releasingTrees: Bool, deferring: (@Sendable (Int) -> Bool)?,
                            keepsJourneyFacts: Bool = true, output: OrderedOutput? = nil) -> CheckResult {
        let saved = (Workspace.releasesTreesForTests, FirstWaveChecks.defersForTests)
        Workspace.releasesTreesForTests = releasingTrees
        FirstWaveChecks.defersForTests = deferring
        defer { (Workspace.releasesTreesForTests, FirstWaveChecks.defersForTests) = saved }
        let inputs = files.keys.filter { !$0.hasPrefix("extras/") }.sorted().map { SourceInput.path($0) }
        return Compiler.check(inputs, provider: InMemoryProvider(files), policy: ImportPolicy(defaultRoot: "."),
                              keepsJourneyFacts: keepsJourneyFacts, output: output)
    }

    /// The codes of a result's diagnostics, in order.
    /// Runs one test of this bundle again in a fresh child process, with `variable` set to 1
    /// in its environment (the test then makes its checks there), started through `launcher`
    /// if one is given (`taskset -c 0`), and asserts that it passed.
    static func runInChild(_ test: String, setting variable: String, through launcher: [String] = [],
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let child = Process()
        child.executableURL = URL(fileURLWithPath: launcher.first ?? bundle)
        child.arguments = launcher.isEmpty ? [test] : Array(launcher.dropFirst()) + [bundle, test]
        var environment = ProcessInfo.processInfo.environment
        environment[variable] = "1"
        child.environment = environment
        let output = Pipe()
        child.standardOutput = output
        child.standardError = output
        try child.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationStatus, 0, text, file: file, line: line)
        XCTAssertTrue(text.contains("Executed 1 test, with 0 failures"), text, file: file, line: line)
    }

    /// Whether two strings are one string: the same bytes in memory, not equal bytes in two
    /// places (for strings longer than 15 bytes, which are stored out of line).
    static func sharesStorage(_ first: String, _ second: String) -> Bool {
        var first = first
        var second = second
        return first.withUTF8 { one in second.withUTF8 { other in one.baseAddress == other.baseAddress && one.count == other.count } }
    }

    static func codes(_ result: CheckResult) -> [String] {
        result.diagnostics.map { $0.code.id }
    }

    /// "line:column CODE" for each diagnostic, in order.
    static func positions(_ result: CheckResult) -> [String] {
        result.diagnostics.map { diagnostic in
            let position = result.sources[diagnostic.location.file].position(of: diagnostic.location.start)
            return "\(position.line):\(position.column) \(diagnostic.code.id)"
        }
    }

    /// Whether goldens should be rewritten instead of compared.
    static var updateGoldens: Bool { ProcessInfo.processInfo.environment["CXJ_UPDATE_GOLDENS"] == "1" }

    /// Compares `actual` with the golden file at `path`, or rewrites it under CXJ_UPDATE_GOLDENS=1.
    static func assertGolden(_ actual: String, path: String, file: StaticString = #filePath, line: UInt = #line) {
        if updateGoldens {
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            XCTFail("missing golden \(path); run with CXJ_UPDATE_GOLDENS=1 to create it", file: file, line: line)
            return
        }
        if expected != actual {
            XCTFail("golden mismatch for \(path)\n" + firstDifference(expected, actual) +
                    "\nrun with CXJ_UPDATE_GOLDENS=1 to accept, and review the diff", file: file, line: line)
        }
    }

    private static func firstDifference(_ expected: String, _ actual: String) -> String {
        let left = expected.components(separatedBy: "\n")
        let right = actual.components(separatedBy: "\n")
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : "<end>"
            let b = index < right.count ? right[index] : "<end>"
            if a != b { return "line \(index + 1):\n  expected: \(a)\n  actual:   \(b)" }
        }
        return "(no line differs)"
    }

    /// Whether tests that need outside tools must run them rather than skip.
    static var requireTools: Bool { ProcessInfo.processInfo.environment["CXJ_REQUIRE_TOOLS"] == "1" }
}

/// Reads files below a root directory while showing paths relative to it, so golden outputs
/// do not depend on where the repository is checked out.
struct RootedProvider: SourceProvider {
    let root: String
    let base = FileSystemProvider()

    func read(_ path: String) -> Result<[UInt8], SourceReadError> { base.read(root + "/" + path) }
    func identity(of path: String) -> String { base.identity(of: root + "/" + path) }
    func cxjFiles(in directory: String) -> [String] { base.cxjFiles(in: root + "/" + directory) }
}
