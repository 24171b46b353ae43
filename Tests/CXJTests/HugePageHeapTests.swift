import XCTest
@testable import CXJ

/// A run over a large file starts again with glibc's huge-page tunable (`HugePageHeap`): the
/// environment it starts with, and that a restarted run never restarts again.
final class HugePageHeapTests: XCTestCase {
    func testEnvironmentGainsTheTunableAndKeepsEverythingElse() {
        let cases: [(given: [String], expected: [String]?)] = [
            ([], ["GLIBC_TUNABLES=glibc.malloc.hugetlb=1"]),
            (["PATH=/usr/bin", "LANG=th_TH.UTF-8"], ["PATH=/usr/bin", "LANG=th_TH.UTF-8", "GLIBC_TUNABLES=glibc.malloc.hugetlb=1"]),
            // Other tunables stay, in their place.
            (["A=1", "GLIBC_TUNABLES=glibc.malloc.arena_max=2", "B=2"],
             ["A=1", "GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1", "B=2"]),
            (["GLIBC_TUNABLES="], ["GLIBC_TUNABLES=glibc.malloc.hugetlb=1"]),
            // Already named, with any value: no restart (this is how a restarted run stops, and
            // how a user turns it off).
            (["GLIBC_TUNABLES=glibc.malloc.hugetlb=1"], nil),
            (["GLIBC_TUNABLES=glibc.malloc.hugetlb=0"], nil),
            (["GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2"], nil),
            // A longer name that starts with the same words is another tunable.
            (["GLIBC_TUNABLES=glibc.malloc.hugetlbx=1"], ["GLIBC_TUNABLES=glibc.malloc.hugetlbx=1:glibc.malloc.hugetlb=1"]),
            // A variable that merely ends in the name is not the tunables.
            (["MY_GLIBC_TUNABLES=glibc.malloc.hugetlb=0"], ["MY_GLIBC_TUNABLES=glibc.malloc.hugetlb=0", "GLIBC_TUNABLES=glibc.malloc.hugetlb=1"]),
            // Labels are not English, and neither are environments.
            (["ชื่อ=สวัสดี", "名字=你好🙂"], ["ชื่อ=สวัสดี", "名字=你好🙂", "GLIBC_TUNABLES=glibc.malloc.hugetlb=1"]),
        ]
        for (given, expected) in cases {
            XCTAssertEqual(HugePageHeap.environment(to: given), expected, "\(given)")
        }
    }

    func testARestartedEnvironmentIsNeverRestartedAgain() {
        let environments: [[String]] = [[], ["GLIBC_TUNABLES=glibc.malloc.perturb=1"], ["X=1", "GLIBC_TUNABLES="]]
        for environment in environments {
            guard let restarted = HugePageHeap.environment(to: environment) else { return XCTFail("\(environment)") }
            XCTAssertNil(HugePageHeap.environment(to: restarted), "\(restarted)")
        }
    }

    func testExecutablePathOnlyWhenTheNameIsThisExecutable() throws {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink("/proc/self/exe", &buffer, 4096)
        XCTAssertGreaterThan(count, 0)
        let own = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let directory = (own as NSString).deletingLastPathComponent
        let base = (own as NSString).lastPathComponent
        // By its path, by /proc/self/exe, and by its bare name where the search path finds it
        // (an empty entry is the current directory).
        XCTAssertEqual(HugePageHeap.executablePath(invokedAs: own, searchPath: nil), own)
        XCTAssertEqual(HugePageHeap.executablePath(invokedAs: "/proc/self/exe", searchPath: nil), own)
        XCTAssertEqual(HugePageHeap.executablePath(invokedAs: base, searchPath: "/nonexistent:" + directory), own)
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(directory))
        XCTAssertEqual(HugePageHeap.executablePath(invokedAs: base, searchPath: "/nonexistent::/usr/bin"), own)
        XCTAssertNil(HugePageHeap.executablePath(invokedAs: base, searchPath: nil))
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(previous))
        // Another file, a name the search path does not find, a name found first as another
        // file, a directory, and names no file has: not this executable.
        XCTAssertNil(HugePageHeap.executablePath(invokedAs: "/bin/sh", searchPath: nil))
        XCTAssertNil(HugePageHeap.executablePath(invokedAs: base, searchPath: "/nonexistent"))
        XCTAssertNil(HugePageHeap.executablePath(invokedAs: "sh", searchPath: "/bin:" + directory))
        XCTAssertNil(HugePageHeap.executablePath(invokedAs: directory, searchPath: nil))
        XCTAssertNil(HugePageHeap.executablePath(invokedAs: "", searchPath: directory))
        XCTAssertNil(HugePageHeap.executablePath(invokedAs: "a\u{0}b", searchPath: directory))
        XCTAssertNil(HugePageHeap.executablePath(invokedAs: "ผู้ใช้/名字🙂", searchPath: nil))
    }
}
