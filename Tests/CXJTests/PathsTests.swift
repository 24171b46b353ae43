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
}
