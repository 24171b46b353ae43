import Foundation
import XCTest
@testable import CXJ

/// A file's identity is its real path: the folder resolved once and the name appended agrees
/// with `realpath` for plain files, links to files, files in linked folders, `..`, relative
/// paths and files that do not exist.
final class ProviderIdentityTests: XCTestCase {
    func testIdentityAgreesWithRealPath() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-identity-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/real/sub", withIntermediateDirectories: true)
        try "team a \"A\"\n".write(toFile: root + "/real/a.cxj", atomically: false, encoding: .utf8)
        try "team b \"B\"\n".write(toFile: root + "/real/sub/b.cxj", atomically: false, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root + "/linked", withDestinationPath: root + "/real")
        try manager.createSymbolicLink(atPath: root + "/real/alias.cxj", withDestinationPath: root + "/real/sub/b.cxj")
        defer { try? manager.removeItem(atPath: root) }
        let provider = FileSystemProvider()
        let paths = ["real/a.cxj", "linked/a.cxj", "linked/sub/b.cxj", "real/alias.cxj", "linked/alias.cxj", "real/sub/../a.cxj",
                     "linked/sub/../a.cxj", "real/missing.cxj", "real/sub/", "real/.", "./real/a.cxj", "real//a.cxj"]
        let previous = manager.currentDirectoryPath
        XCTAssertTrue(manager.changeCurrentDirectoryPath(root))
        defer { _ = manager.changeCurrentDirectoryPath(previous) }
        for path in paths {
            for absolute in [false, true] {
                let name = absolute ? root + "/" + path : path
                XCTAssertEqual(provider.identity(of: name), FileSystemProvider.resolve(name), name)
                // Twice: the second answer comes from the folder cache.
                XCTAssertEqual(provider.identity(of: name), FileSystemProvider.resolve(name), name)
            }
        }
        XCTAssertEqual(provider.identity(of: "linked/a.cxj"), provider.identity(of: "real/a.cxj"))
        XCTAssertEqual(provider.identity(of: "real/alias.cxj"), provider.identity(of: "real/sub/b.cxj"))
    }

    /// Inputs are resolved and read in one parallel pass: a file given again under another
    /// path is kept once, at the place of its first spelling, and a missing input is still a
    /// failure of its own.
    func testAFileGivenUnderSeveralPathsIsCheckedOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-inputs-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/real", withIntermediateDirectories: true)
        try "team a \"A\"\nteam a \"Again\"\n".write(toFile: root + "/real/a.cxj", atomically: false, encoding: .utf8)
        try "team b \"B\"\n".write(toFile: root + "/real/b.cxj", atomically: false, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root + "/linked", withDestinationPath: root + "/real")
        defer { try? manager.removeItem(atPath: root) }
        let paths = ["real/b.cxj", "real/a.cxj", "linked/a.cxj", "real/missing.cxj", "real/./a.cxj", "linked/b.cxj"]
        let result = Compiler.check(paths.map { .path(root + "/" + $0) }, policy: ImportPolicy(defaultRoot: root))
        XCTAssertEqual(result.sources.map(\.path), [root + "/real/b.cxj", root + "/real/a.cxj"])
        XCTAssertEqual(result.workspace.roots, [0, 1])
        XCTAssertEqual(result.failures.map(\.path), [root + "/real/missing.cxj"])
        XCTAssertEqual(result.diagnostics.map(\.code.id), ["CXJ102"], "the duplicate team is reported once")
    }
}
