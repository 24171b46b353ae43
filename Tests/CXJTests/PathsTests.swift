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
        for left in names {
            for right in names {
                XCTAssertEqual(Paths.precedesByBytes(left, right), left.utf8.lexicographicallyPrecedes(right.utf8), "\(left) < \(right)")
            }
        }
    }
}
