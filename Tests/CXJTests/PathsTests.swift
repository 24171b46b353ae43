import XCTest
@testable import CXJ

final class PathsTests: XCTestCase {
    /// The fast check agrees with the full normalization: a path it calls normal comes back
    /// unchanged, and every other path changes.
    func testNormalPathsAreRecognizedWithoutSplitting() {
        let table = ["a", "/", ".", "..", "a/b", "/a/b", "a/", "/a/", "a//b", "./a", "a/./b", "a/../b", "../a", "/..", "/a/..",
                     "...", "a/...", ".a/b.", "Examples/catalogue/stride.cxj", "/tmp/x.cxj", "//", "a/b/", "ข้อมูล/路线.cxj"]
        for path in table {
            let normalized = Paths.normalize(path)
            if Paths.isNormal(path) {
                XCTAssertEqual(normalized, path, path)
            }
            // Without the fast path, the same result.
            var parts: [Substring] = []
            let isAbsolute = path.hasPrefix("/")
            for part in path.split(separator: "/") {
                if part == "." { continue }
                if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
                if part == ".." && isAbsolute && parts.isEmpty { continue }
                parts.append(part)
            }
            let joined = parts.joined(separator: "/")
            XCTAssertEqual(normalized, isAbsolute ? "/" + joined : (joined.isEmpty ? "." : joined), path)
        }
    }

    /// Names sort by their UTF-8 bytes, agreeing with the generic comparison of UTF-8 views,
    /// including a name that is a prefix of another and names outside ASCII.
    func testNamesSortByTheirBytes() {
        let names = ["", "a", "A", "a.cxj", "a-b.cxj", "ab", "abc", "Z", "ข้อมูล.cxj", "路线.cxj", "é.cxj", "e\u{301}.cxj", "journey-0010.cxj",
                     "journey-0009.cxj", "😀.cxj"]
        let plainly = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        XCTAssertEqual(order(names).map { names[$0] }, plainly)
        XCTAssertEqual(order(names.reversed()).map { names.reversed()[$0] }, plainly)
        XCTAssertEqual(order(["", ""]), [0, 1])
        XCTAssertEqual(order(["b"]), [0])
    }

    /// Names that share a long beginning are ordered by the bytes after it, read eight at a
    /// time, and in memory when those are equal: the same order as comparing them whole.
    func testNamesWithASharedBeginningSortByTheirBytes() {
        let pieces = ["0", "1", "9", "a", "-", ".cxj", "ก", "้", "路", "😀", "00000000", "0000000", ""]
        var generator = SystemRandomNumberGenerator()
        for prefix in ["journey-", "", "ทีม-", "x"] {
            var names = [prefix, prefix + "0", prefix + "00000000", prefix + "000000000", prefix + "00000000.cxj"]
            for _ in 0..<400 {
                let count = Int.random(in: 0...5, using: &generator)
                names.append(prefix + (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
            }
            let plainly = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            XCTAssertEqual(order(names).map { names[$0] }, plainly, prefix)
        }
        XCTAssertEqual(order(["journey-0002.cxj", "journey-0001.cxj", "journey-0001.cxj"]), [1, 2, 0])
    }

    /// The names back to back in one buffer, ordered there.
    private func order(_ names: [String]) -> [Int] {
        var pool: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        for name in names {
            spans.append((pool.count, name.utf8.count))
            pool += name.utf8
        }
        return pool.withUnsafeBufferPointer { Paths.orderByBytes(spans, in: $0) }
    }

    /// The last component, found on the bytes, agrees with splitting the path on `/`.
    func testLastComponentAgreesWithSplitting() {
        let table = ["", "/", "//", "a", "a/", "a//", "/a", "a/b", "a/b/", "/a/b.cxj", "many/journey-0001.cxj", "./a", "a/..",
                     "ข้อมูล/路线.cxj", "路线/", "😀/a😀b", "/😀"]
        for path in table {
            XCTAssertEqual(Paths.lastComponent(path), path.split(separator: "/").last.map(String.init) ?? path, path)
        }
    }
}

/// Files found in a folder are named by joining the folder as given, normalized, to each
/// name: however the folder is spelled, the same paths.
final class InputDiscoveryPathTests: XCTestCase {
    func testFoundPathsAreNormalizedHoweverTheFolderIsSpelled() throws {
        let top = NSTemporaryDirectory() + "cxj-discovery-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: top) }
        try FileManager.default.createDirectory(atPath: top + "/T/b", withIntermediateDirectories: true)
        for name in ["T/a.cxj", "T/b/c.cxj", "T/.hidden.cxj", "T/z.txt", "T/路线.cxj", "T/B.cxj"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: top + "/" + name, contents: Data()))
        }
        let expected = [top + "/T/B.cxj", top + "/T/a.cxj", top + "/T/b/c.cxj", top + "/T/路线.cxj"]
        for spelling in ["T", "T/", "T//", "T/./", "./T", "T/b/.."] {
            XCTAssertEqual(InputDiscovery.cxjFiles(under: top + "/" + spelling), expected, spelling)
        }
        XCTAssertEqual(InputDiscovery.cxjFiles(under: top + "/T/b"), [top + "/T/b/c.cxj"])
    }

    /// Names are read as bytes: only `*.cxj` (by its bytes, in any script), in byte order,
    /// folders (even one called `*.cxj`) entered in the same order, a link to a file inside
    /// kept and a link to a folder not followed; and each input knows its folder operand.
    func testFolderEntriesAreChosenAndOrderedByTheirBytes() throws {
        let top = NSTemporaryDirectory() + "cxj-discovery-bytes-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: top) }
        let manager = FileManager.default
        try manager.createDirectory(atPath: top + "/T/d.cxj", withIntermediateDirectories: true)
        let files = ["a.cxj", "a.cxj.bak", "x.CXJ", ".cxj", "cxj", "b.cxj ", "é.cxj", "e\u{301}.cxj", "😀.cxj",
                     "journey-0010.cxj", "journey-0009.cxj", "ข้อมูล.cxj", "d.cxj/e.cxj", "Z.cxj"]
        for name in files { XCTAssertTrue(manager.createFile(atPath: top + "/T/" + name, contents: Data()), name) }
        try manager.createSymbolicLink(atPath: top + "/T/link.cxj", withDestinationPath: "a.cxj")
        try manager.createSymbolicLink(atPath: top + "/T/folder-link.cxj", withDestinationPath: "d.cxj")
        let kept = ["a.cxj", "é.cxj", "e\u{301}.cxj", "😀.cxj", "journey-0010.cxj", "journey-0009.cxj", "ข้อมูล.cxj", "d.cxj",
                    "Z.cxj", "link.cxj"]
        let expected = kept.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { $0 == "d.cxj" ? top + "/T/d.cxj/e.cxj" : top + "/T/" + $0 }
        XCTAssertEqual(InputDiscovery.cxjFiles(under: top + "/T"), expected)

        let expansion = InputDiscovery.expandWithDirectories([top + "/T/x.CXJ", top + "/T"], standardInput: { [] })
        XCTAssertEqual(expansion.inputs.count, expected.count + 1)
        XCTAssertEqual(expansion.directories, [nil] + Array(repeating: top + "/T", count: expected.count))
        XCTAssertEqual(expansion.problems, [])
    }
}
