import Foundation
import XCTest
@testable import CXJ

/// Output that may have to be dropped: a `SpoolFile` (standard output held back) and an
/// atomic write that `produce` can refuse (`AtomicFile.write(to:keepingIf:)`).
final class SpoolFileTests: XCTestCase {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-spool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    /// What goes in comes out whole, in order, across the copy's 1 MiB reads, and the spool
    /// leaves no name in its directory.
    func testASpoolGivesBackWhatWasWrittenAndLeavesNoFile() throws {
        let directory = try temporaryDirectory()
        setenv("TMPDIR", directory.path, 1)
        defer { unsetenv("TMPDIR") }
        guard let spool = SpoolFile.make() else { throw XCTSkip("no O_TMPFILE on this file system") }
        var written: [UInt8] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<40 {
            let chunk = (0..<(round * 7_919 % 100_000 + 1)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            chunk.withUnsafeBytes { spool.write($0) }
            written += chunk
        }
        XCTAssertGreaterThan(written.count, 1 << 20)
        XCTAssertTrue(spool.isWhole)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
        var copied: [UInt8] = []
        var reads = 0
        XCTAssertTrue(spool.copy { copied.append(contentsOf: $0); reads += 1 })
        XCTAssertTrue(copied == written, "the copy differs")
        XCTAssertGreaterThan(reads, 1)
        // Copied again, from the start.
        var again = 0
        XCTAssertTrue(spool.copy { again += $0.count })
        XCTAssertEqual(again, written.count)
    }

    /// A relative `TMPDIR` is not used: the spool goes in `/tmp`.
    func testARelativeTemporaryDirectoryIsNotUsed() throws {
        setenv("TMPDIR", "relative-spool-dir", 1)
        defer { unsetenv("TMPDIR") }
        guard let spool = SpoolFile.make() else { throw XCTSkip("no O_TMPFILE in /tmp") }
        Array("x".utf8).withUnsafeBytes { spool.write($0) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "relative-spool-dir"))
    }

    /// A refused write leaves the target as it was and no temporary file beside it; a kept one
    /// replaces it.
    func testADroppedAtomicWriteLeavesTheFileAndNoTemporary() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("j.cxj").path
        try AtomicFile.write(Array("before\n".utf8), to: path)
        let dropped = try AtomicFile.write(to: path, keepingIf: { sink in
            Array("half of the text".utf8).withUnsafeBytes { sink.write($0) }
            return false
        })
        XCTAssertFalse(dropped)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "before\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["j.cxj"])
        let kept = try AtomicFile.write(to: path, keepingIf: { sink in
            Array("after\n".utf8).withUnsafeBytes { sink.write($0) }
            return true
        })
        XCTAssertTrue(kept)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "after\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["j.cxj"])
        // A new file that is dropped is not made.
        let fresh = directory.appendingPathComponent("new.cxj").path
        XCTAssertFalse(try AtomicFile.write(to: fresh, keepingIf: { _ in false }))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh))
    }

    /// A stream (here a FIFO) cannot take back what it got: a droppable write to one is not
    /// made at all.
    func testADroppableWriteToAStreamIsNotMade() throws {
        let directory = try temporaryDirectory()
        let fifo = directory.appendingPathComponent("pipe").path
        guard mkfifo(fifo, 0o600) == 0 else { throw XCTSkip("no FIFO here") }
        var called = false
        XCTAssertFalse(try AtomicFile.write(to: fifo, keepingIf: { _ in
            called = true
            return true
        }))
        XCTAssertFalse(called)
    }
}
